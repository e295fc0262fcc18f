//! Stock settings: the store's policy (selling location, negative stock), locations, an item's
//! reorder point and order-up-to level, acknowledging alerts. Managers and owners only.

use caisse_core::inventory::NegativeStock;
use caisse_core::staff::Permission;
use caisse_store::stock_setup::{self, LocationRow, StockPolicyRow};
use caisse_store::{stock_read, stores};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::parse_qty;
use super::read::{AlertView, ItemStockView, alert_view, item_view};
use crate::auth::Principal;
use crate::{App, AppError, FieldError, now_us};

/// A store's stock policy.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StockSettingsView {
    /// Where sales and returns move stock.
    pub selling_location_id: Option<Uuid>,
    /// `allow` (sell below zero and flag it) or `refuse` (refuse the sale at completion).
    pub negative_stock: String,
    /// Whether cashiers may count stock (applying a count stays a manager's action).
    pub cashiers_may_count: bool,
}

/// A change of the stock policy; absent fields stay.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StockSettingsPatch {
    /// A location of the store.
    pub selling_location_id: Option<Uuid>,
    /// `allow` or `refuse`.
    pub negative_stock: Option<String>,
    /// Whether cashiers may count stock.
    pub cashiers_may_count: Option<bool>,
}

fn settings_view(row: StockPolicyRow) -> StockSettingsView {
    StockSettingsView {
        selling_location_id: row.selling_location_id,
        negative_stock: row.negative_stock,
        cashiers_may_count: row.cashiers_may_count,
    }
}

/// The store's stock policy.
pub async fn get(app: &App, who: &Principal) -> Result<StockSettingsView, AppError> {
    who.require(Permission::StockRead)?;
    Ok(settings_view(
        stock_setup::policy(&app.db, who.store_id).await?,
    ))
}

/// Changes the store's stock policy; every server's checkout follows at once (the store's
/// version moves in the same transaction).
pub async fn update(
    app: &App,
    who: &Principal,
    patch: StockSettingsPatch,
) -> Result<StockSettingsView, AppError> {
    who.require(Permission::StockManage)?;
    let mut row = stock_setup::policy(&app.db, who.store_id).await?;
    if let Some(p) = &patch.negative_stock {
        let p = NegativeStock::parse(p).ok_or_else(|| {
            AppError::field_code(
                "negative_stock",
                "invalid",
                serde_json::Value::Null,
                "give allow or refuse",
            )
        })?;
        row.negative_stock = p.as_str().to_owned();
    }
    if let Some(c) = patch.cashiers_may_count {
        row.cashiers_may_count = c;
    }
    if let Some(l) = patch.selling_location_id {
        let found = stock_setup::location(&app.db, who.store_id, l).await?;
        if !found.is_some_and(|l| l.active) {
            return Err(AppError::field_code(
                "selling_location_id",
                "unknown",
                serde_json::Value::Null,
                "no active location of this store has this id",
            ));
        }
        row.selling_location_id = Some(l);
    }
    let mut tx = app.db.begin().await?;
    stock_setup::set_policy(&mut tx, who.store_id, &row).await?;
    stores::bump_version(&mut tx, who.store_id).await?;
    tx.commit().await?;
    app.checkout.config.invalidate(who.store_id);
    Ok(settings_view(row))
}

/// A stock location.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LocationView {
    /// Location id.
    pub id: Uuid,
    /// Short code, unique in the store.
    pub code: String,
    /// Name.
    pub name: String,
    /// Whether stock may move there.
    pub active: bool,
    /// Whether sales and returns move stock there.
    pub selling: bool,
}

/// A new location.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLocation {
    /// 1 to 32 letters, digits, `-` or `_`; unique in the store.
    pub code: String,
    /// 1 to 80 characters.
    pub name: String,
}

/// The store's locations.
pub async fn locations(app: &App, who: &Principal) -> Result<Vec<LocationView>, AppError> {
    who.require(Permission::StockRead)?;
    let selling = stock_setup::policy(&app.db, who.store_id)
        .await?
        .selling_location_id;
    Ok(stock_setup::locations(&app.db, who.store_id)
        .await?
        .into_iter()
        .map(|l| location_view(l, selling))
        .collect())
}

fn location_view(l: LocationRow, selling: Option<Uuid>) -> LocationView {
    LocationView {
        selling: Some(l.id) == selling,
        id: l.id,
        code: l.code,
        name: l.name,
        active: l.active,
    }
}

/// Adds a location to the store.
pub async fn create_location(
    app: &App,
    who: &Principal,
    input: NewLocation,
) -> Result<LocationView, AppError> {
    who.require(Permission::StockManage)?;
    let code = input.code.trim().to_owned();
    let name = input.name.trim().to_owned();
    let mut errors = Vec::new();
    let code_ok = (1..=32).contains(&code.chars().count())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !code_ok {
        errors.push(FieldError::coded(
            "code",
            "invalid",
            serde_json::Value::Null,
            "1 to 32 letters, digits, - or _",
        ));
    }
    if let Err(e) = location_name(&name) {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let existing = stock_setup::locations(&app.db, who.store_id).await?;
    if existing.iter().any(|l| l.code.eq_ignore_ascii_case(&code)) {
        return Err(AppError::field_code(
            "code",
            "taken",
            serde_json::Value::Null,
            "another location of this store has this code",
        ));
    }
    if name_taken(&existing, None, &name) {
        return Err(name_taken_error());
    }
    let row = LocationRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        code,
        name,
        active: true,
        created_at: now_us(),
    };
    let mut tx = app.db.begin().await?;
    stock_setup::insert_location(&mut tx, &row)
        .await
        .map_err(|e| match e {
            caisse_store::StoreError::Conflict { .. } => AppError::field_code(
                "code",
                "taken",
                serde_json::Value::Null,
                "another location of this store has this code",
            ),
            other => other.into(),
        })?;
    tx.commit().await?;
    Ok(location_view(row, None))
}

/// A location's new name.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationRename {
    /// 1 to 80 printable characters, unique in the store (whatever the case).
    pub name: String,
}

/// Checks a location's name: 1 to 80 printable characters once trimmed.
fn location_name(input: &str) -> Result<String, FieldError> {
    let name = input.trim().to_owned();
    if !(1..=80).contains(&name.chars().count()) || name.chars().any(char::is_control) {
        return Err(FieldError::coded(
            "name",
            "invalid",
            serde_json::Value::Null,
            "1 to 80 printable characters",
        ));
    }
    Ok(name)
}

/// Whether a location of the store other than `except` has this name, whatever the case.
fn name_taken(locations: &[LocationRow], except: Option<Uuid>, name: &str) -> bool {
    let folded = name.to_lowercase();
    locations
        .iter()
        .any(|l| Some(l.id) != except && l.name.trim().to_lowercase() == folded)
}

fn name_taken_error() -> AppError {
    AppError::field_code(
        "name",
        "taken",
        serde_json::Value::Null,
        "another location of this store has this name",
    )
}

/// Renames a location of the store (the first one is seeded as "Sales floor": a shop names it
/// in its own language). Its code and its stock stay.
pub async fn rename_location(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: LocationRename,
) -> Result<LocationView, AppError> {
    who.require(Permission::StockManage)?;
    let name = location_name(&input.name).map_err(|e| AppError::Validation(vec![e]))?;
    let all = stock_setup::locations(&app.db, who.store_id).await?;
    let Some(mut row) = all.iter().find(|l| l.id == id).cloned() else {
        return Err(AppError::NotFound("location"));
    };
    if name_taken(&all, Some(id), &name) {
        return Err(name_taken_error());
    }
    let mut tx = app.db.begin().await?;
    if stock_setup::rename_location(&mut tx, who.store_id, id, &name).await? == 0 {
        return Err(AppError::NotFound("location"));
    }
    tx.commit().await?;
    row.name = name;
    let selling = stock_setup::policy(&app.db, who.store_id)
        .await?
        .selling_location_id;
    Ok(location_view(row, selling))
}

/// An item's reorder point and order-up-to level (decimal strings; null clears).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReorderInput {
    /// When the store's total falls to this or below, a low-stock alert is raised.
    pub reorder_point: Option<String>,
    /// What a reorder should bring the stock up to (at least the reorder point).
    pub order_up_to: Option<String>,
}

/// Sets an item's reorder point and order-up-to level.
pub async fn set_reorder(
    app: &App,
    who: &Principal,
    item_id: Uuid,
    input: ReorderInput,
) -> Result<ItemStockView, AppError> {
    who.require(Permission::StockManage)?;
    let mut errors = Vec::new();
    let rp = input
        .reorder_point
        .as_deref()
        .and_then(|t| parse_qty("reorder_point", t, &mut errors));
    let up_to = input
        .order_up_to
        .as_deref()
        .and_then(|t| parse_qty("order_up_to", t, &mut errors));
    let max = caisse_core::inventory::MAX_LINE_QUANTITY;
    for (field, v) in [("reorder_point", rp), ("order_up_to", up_to)] {
        if v.is_some_and(|v| !(0..=max).contains(&v)) {
            errors.push(FieldError::coded(
                field,
                "out_of_range",
                serde_json::Value::Null,
                "give 0 to 1,000,000",
            ));
        }
    }
    if let (Some(rp), Some(up)) = (rp, up_to)
        && up < rp
    {
        errors.push(FieldError::coded(
            "order_up_to",
            "below_reorder_point",
            serde_json::Value::Null,
            "the order-up-to level is at least the reorder point",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (product_id, ..) = stock_read::item(&app.db, who.store_id, item_id)
        .await?
        .ok_or(AppError::NotFound("item"))?;
    let mut tx = app.db.begin().await?;
    stock_setup::set_reorder(
        &mut tx,
        who.store_id,
        item_id,
        product_id,
        rp,
        up_to,
        now_us(),
    )
    .await?;
    tx.commit().await?;
    item_view(app, who.store_id, item_id).await
}

/// Acknowledges a low-stock alert (again: no change).
pub async fn acknowledge(app: &App, who: &Principal, id: Uuid) -> Result<AlertView, AppError> {
    who.require(Permission::StockManage)?;
    let mut tx = app.db.begin().await?;
    let row = stock_setup::acknowledge(&mut tx, who.store_id, id, who.user_id, now_us())
        .await?
        .ok_or(AppError::NotFound("alert"))?;
    tx.commit().await?;
    Ok(alert_view(row))
}
