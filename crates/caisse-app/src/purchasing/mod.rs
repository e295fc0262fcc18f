//! Purchasing: suppliers and what they supply, purchase orders (draft → sent → received →
//! closed), receiving deliveries by scanning, and restock suggestions. Managers and owners
//! hold [`Permission::Purchasing`]; cashiers may receive when the store allows it.

pub mod deliveries;
pub mod export;
pub mod orders;
pub mod receiving;
pub mod settings;
pub mod suggestions;
pub mod suppliers;

use caisse_core::staff::Permission;
use serde_json::Value;
use uuid::Uuid;

use crate::auth::Principal;
use crate::{App, AppError, FieldError};

/// Collects field errors from text checks.
pub(crate) fn text(
    field: &str,
    input: Option<&str>,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    match caisse_core::text::optional_text(input, max) {
        Ok(t) => t,
        Err(e) => {
            errors.push(FieldError::coded(
                field,
                "invalid",
                Value::Null,
                e.to_string(),
            ));
            None
        }
    }
}

/// The catalog's names of an item: (product id, SKU, full name, unit), from memory.
pub(crate) fn item_names(
    app: &App,
    store_id: Uuid,
    item_id: Uuid,
) -> Option<(Uuid, String, String, String)> {
    app.catalog
        .read(store_id, |sc| {
            sc.item(item_id).map(|i| {
                (
                    i.product_id,
                    i.sku.clone(),
                    i.name.clone(),
                    i.unit.to_owned(),
                )
            })
        })
        .flatten()
}

/// Whether the caller may receive deliveries: purchasing, or a cashier when the store lets
/// cashiers receive (`/auth/me` sends it as `receive`).
pub async fn may_receive(app: &App, who: &Principal) -> Result<bool, AppError> {
    if who.may(Permission::Purchasing) {
        return Ok(true);
    }
    Ok(who.may(Permission::StockRead)
        && caisse_store::purchasing::settings(&app.db, who.store_id)
            .await?
            .cashiers_may_receive)
}

/// Refuses unless the caller may receive deliveries (see [`may_receive`]).
pub async fn require_receiving(app: &App, who: &Principal) -> Result<(), AppError> {
    if may_receive(app, who).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The store's currency code.
pub(crate) fn store_currency(app: &App, store_id: Uuid) -> Result<String, AppError> {
    Ok(crate::catalog::store_of(app, store_id)?.currency)
}

/// Largest cost per unit, minor units.
pub(crate) const MAX_COST: i64 = 1_000_000_000;
/// Largest quantity on a line, thousandths (one million units).
pub(crate) const MAX_QTY: i64 = 1_000_000_000;
