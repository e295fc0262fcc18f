//! The store's purchasing settings: whether cashiers may receive deliveries, and the restock
//! policy (safety stock in days or from a service level, the review period).

use caisse_core::staff::Permission;
use caisse_store::purchasing::{self as store, SettingsRow};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::auth::Principal;
use crate::{App, AppError, FieldError};

/// The store's purchasing settings.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PurchasingSettingsView {
    /// Cashiers may receive deliveries (scan and confirm); default false.
    pub cashiers_may_receive: bool,
    /// Safety stock in days of average sales (when no service level is set); default 7.
    pub safety_days: i32,
    /// Days between two orders to a supplier (order-up-to covers them); default 7.
    pub review_days: i32,
    /// A service level in per mille (800, 850, 900, 950, 975, 980, 990, 995): safety stock
    /// is then z × daily standard deviation × √lead time. None: safety days.
    pub service_level: Option<i32>,
}

/// A change of the settings; absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PurchasingSettingsPatch {
    /// See the view.
    pub cashiers_may_receive: Option<bool>,
    /// 0 to 365.
    pub safety_days: Option<i32>,
    /// 1 to 365.
    pub review_days: Option<i32>,
    /// One of the levels listed in the view, or 0 to use safety days.
    pub service_level: Option<i32>,
}

pub(crate) fn service_level(row: &SettingsRow) -> Option<i32> {
    row.service_level.as_deref().and_then(|s| s.parse().ok())
}

fn view(row: &SettingsRow) -> PurchasingSettingsView {
    PurchasingSettingsView {
        cashiers_may_receive: row.cashiers_may_receive,
        safety_days: row.safety_days,
        review_days: row.review_days,
        service_level: service_level(row),
    }
}

/// The store's purchasing settings.
pub async fn get(app: &App, who: &Principal) -> Result<PurchasingSettingsView, AppError> {
    who.require(Permission::StockRead)?;
    Ok(view(&store::settings(&app.db, who.store_id).await?))
}

/// Changes the store's purchasing settings.
pub async fn update(
    app: &App,
    who: &Principal,
    patch: PurchasingSettingsPatch,
) -> Result<PurchasingSettingsView, AppError> {
    who.require(Permission::Purchasing)?;
    let mut row = store::settings(&app.db, who.store_id).await?;
    let mut errors = Vec::new();
    if let Some(c) = patch.cashiers_may_receive {
        row.cashiers_may_receive = c;
    }
    if let Some(d) = patch.safety_days {
        if (0..=365).contains(&d) {
            row.safety_days = d;
        } else {
            errors.push(FieldError::coded(
                "safety_days",
                "out_of_range",
                serde_json::json!({"min": 0, "max": 365}),
                "between 0 and 365 days",
            ));
        }
    }
    if let Some(d) = patch.review_days {
        if (1..=365).contains(&d) {
            row.review_days = d;
        } else {
            errors.push(FieldError::coded(
                "review_days",
                "out_of_range",
                serde_json::json!({"min": 1, "max": 365}),
                "between 1 and 365 days",
            ));
        }
    }
    match patch.service_level {
        None => {}
        Some(0) => row.service_level = None,
        Some(l) if caisse_core::restock::z_of_service_level(i64::from(l)).is_some() => {
            row.service_level = Some(l.to_string());
        }
        Some(_) => errors.push(FieldError::coded(
            "service_level",
            "not_one_of",
            Value::Null,
            "800, 850, 900, 950, 975, 980, 990, 995 (per mille), or 0 for safety days",
        )),
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = app.db.begin().await?;
    store::put_settings(&mut tx, who.store_id, &row).await?;
    tx.commit().await?;
    Ok(view(&row))
}
