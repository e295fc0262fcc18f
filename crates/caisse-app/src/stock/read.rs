//! Reading stock: the list of levels, one item per location, an item's movements, alerts.

use caisse_core::staff::Permission;
use std::collections::HashMap;

use caisse_store::stock_read::{self, StockFilter, StockLine, StockSort};
use caisse_store::stock_report;
use caisse_store::stock_setup::{self, AlertRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{cursor, instant, parse_cursor, qty, qty_opt};
use crate::auth::Principal;
use crate::catalog::view::MoneyJson;
use crate::checkout::config::store_config;
use crate::{App, AppError};

/// Filters, order and page of `GET /stock`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct StockQuery {
    /// Levels at this location; without it, the store's totals over every location.
    pub location_id: Option<Uuid>,
    /// Only products of this category.
    pub category_id: Option<Uuid>,
    /// Only items this supplier supplies.
    pub supplier_id: Option<Uuid>,
    /// `true`: only items at or below their reorder point.
    pub below_reorder_point: Option<bool>,
    /// `true`: only items below zero.
    pub negative: Option<bool>,
    /// Words that must all appear in the name, brand, SKU or barcodes.
    pub q: Option<String>,
    /// `name` (default), `sku` or `on_hand`.
    pub sort: Option<String>,
    /// `asc` (default) or `desc`.
    pub order: Option<String>,
    /// Rows per page, 1 to 200 (default 50).
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    pub offset: Option<i64>,
}

/// One item's stock in a list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StockLineView {
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The item's SKU.
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name, for a variant.
    pub variant_name: Option<String>,
    /// `each`, `kg`, `l` or `m`.
    pub unit: String,
    /// The product's category.
    pub category_id: Option<Uuid>,
    /// The location, when the list is for one; null for the store's totals.
    pub location_id: Option<Uuid>,
    /// On hand, a decimal string in the item's unit (`"12.000"`, `"0.750"`).
    pub on_hand: String,
    /// Below zero (sold more than was booked in: the store allows it and flags it).
    pub negative: bool,
    /// The reorder point, if set.
    pub reorder_point: Option<String>,
    /// The order-up-to level, if set.
    pub order_up_to: Option<String>,
    /// At or below the reorder point.
    pub below_reorder_point: bool,
    /// Last movement.
    pub updated_at: String,
}

/// A page of stock.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StockPage {
    /// The items.
    pub items: Vec<StockLineView>,
    /// How many match in all.
    pub total: i64,
    /// Rows per page.
    pub limit: i64,
    /// Rows skipped.
    pub offset: i64,
}

fn line_view(l: StockLine, location_id: Option<Uuid>) -> StockLineView {
    StockLineView {
        item_id: l.item_id,
        product_id: l.product_id,
        sku: l.sku,
        name: l.name,
        variant_name: l.variant_name,
        unit: l.unit,
        category_id: l.category_id,
        location_id,
        on_hand: qty(l.on_hand),
        negative: l.on_hand < 0,
        reorder_point: qty_opt(l.reorder_point),
        order_up_to: qty_opt(l.order_up_to),
        below_reorder_point: l.reorder_point.is_some_and(|rp| l.on_hand <= rp),
        updated_at: instant(l.updated_at),
    }
}

fn invalid(field: &str, reason: &str) -> AppError {
    AppError::field_code(field, "invalid", serde_json::Value::Null, reason)
}

/// Lists stock levels.
pub async fn list(app: &App, who: &Principal, q: StockQuery) -> Result<StockPage, AppError> {
    who.require(Permission::StockRead)?;
    let sort = match q.sort.as_deref().unwrap_or("name") {
        "name" => StockSort::Name,
        "sku" => StockSort::Sku,
        "on_hand" => StockSort::OnHand,
        _ => return Err(invalid("sort", "give name, sku or on_hand")),
    };
    let descending = match q.order.as_deref().unwrap_or("asc") {
        "asc" => false,
        "desc" => true,
        _ => return Err(invalid("order", "give asc or desc")),
    };
    let limit = q.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(invalid("limit", "give 1 to 200"));
    }
    let offset = q.offset.unwrap_or(0);
    if !(0..=1_000_000_000).contains(&offset) {
        return Err(invalid("offset", "give 0 or more"));
    }
    if let Some(text) = &q.q
        && text.chars().count() > 200
    {
        return Err(invalid("q", "at most 200 characters"));
    }
    if let Some(l) = q.location_id
        && stock_setup::location(&app.db, who.store_id, l)
            .await?
            .is_none()
    {
        return Err(AppError::NotFound("location"));
    }
    if let Some(s) = q.supplier_id
        && caisse_store::purchasing::supplier(&app.db, who.store_id, s)
            .await?
            .is_none()
    {
        return Err(AppError::NotFound("supplier"));
    }
    let filter = StockFilter {
        location_id: q.location_id,
        category_id: q.category_id,
        supplier_id: q.supplier_id,
        below_reorder_point: q.below_reorder_point.unwrap_or(false),
        negative: q.negative.unwrap_or(false),
        query: q.q.clone(),
        sort,
        descending,
        offset,
        limit,
    };
    let (rows, total) = stock_read::list(&app.db, who.store_id, &filter).await?;
    Ok(StockPage {
        items: rows
            .into_iter()
            .map(|l| line_view(l, q.location_id))
            .collect(),
        total,
        limit,
        offset,
    })
}

/// One location's stock of an item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LocationLevelView {
    /// The location.
    pub location_id: Uuid,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// On hand there.
    pub on_hand: String,
    /// Below zero.
    pub negative: bool,
    /// Last movement there (null if none).
    pub updated_at: Option<String>,
}

/// An item's stock: the store's total and each location.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ItemStockView {
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The item's SKU.
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name, for a variant.
    pub variant_name: Option<String>,
    /// `each`, `kg`, `l` or `m`.
    pub unit: String,
    /// On hand over every location.
    pub on_hand: String,
    /// Below zero over the store.
    pub negative: bool,
    /// The reorder point, if set.
    pub reorder_point: Option<String>,
    /// The order-up-to level, if set.
    pub order_up_to: Option<String>,
    /// At or below the reorder point.
    pub below_reorder_point: bool,
    /// Every location of the store, with what it holds.
    pub locations: Vec<LocationLevelView>,
}

/// An item's stock per location.
pub async fn item(app: &App, who: &Principal, item_id: Uuid) -> Result<ItemStockView, AppError> {
    who.require(Permission::StockRead)?;
    item_view(app, who.store_id, item_id).await
}

pub(crate) async fn item_view(
    app: &App,
    store_id: Uuid,
    item_id: Uuid,
) -> Result<ItemStockView, AppError> {
    let (product_id, sku, name, variant_name, unit, _) =
        stock_read::item(&app.db, store_id, item_id)
            .await?
            .ok_or(AppError::NotFound("item"))?;
    let (on_hand, reorder_point, order_up_to) = stock_read::item_total(&app.db, store_id, item_id)
        .await?
        .unwrap_or((0, None, None));
    let levels = stock_read::item_levels(&app.db, store_id, item_id).await?;
    let locations = stock_setup::locations(&app.db, store_id)
        .await?
        .into_iter()
        .map(|l| {
            let level = levels.iter().find(|(id, _, _)| *id == l.id);
            let here = level.map_or(0, |(_, q, _)| *q);
            LocationLevelView {
                location_id: l.id,
                code: l.code,
                name: l.name,
                on_hand: qty(here),
                negative: here < 0,
                updated_at: level.map(|(_, _, at)| instant(*at)),
            }
        })
        .collect();
    Ok(ItemStockView {
        item_id,
        product_id,
        sku,
        name,
        variant_name,
        unit,
        on_hand: qty(on_hand),
        negative: on_hand < 0,
        reorder_point: qty_opt(reorder_point),
        order_up_to: qty_opt(order_up_to),
        below_reorder_point: reorder_point.is_some_and(|rp| on_hand <= rp),
        locations,
    })
}

/// Page of `GET /stock/{item}/movements` and `GET /stock/alerts`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Rows per page, 1 to 200 (default 50).
    pub limit: Option<i64>,
    /// Alerts only: `true` (default) lists those not acknowledged yet, `false` all.
    pub open: Option<bool>,
}

impl PageQuery {
    fn parse(&self) -> Result<(Option<(i64, Uuid)>, i64), AppError> {
        let limit = self.limit.unwrap_or(50);
        if !(1..=200).contains(&limit) {
            return Err(invalid("limit", "give 1 to 200"));
        }
        let after = self.cursor.as_deref().map(parse_cursor).transpose()?;
        Ok((after, limit))
    }
}

/// One movement of an item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MovementView {
    /// Movement id.
    pub id: Uuid,
    /// Where.
    pub location_id: Uuid,
    /// `sale`, `return`, `receipt`, `adjustment`, `count`, `transfer_out`, `transfer_in`.
    pub kind: String,
    /// For adjustments: `damage`, `theft`, `expiry`, `correction`, `other`.
    pub reason: Option<String>,
    /// Signed quantity (`"-2.000"` takes two out).
    pub quantity: String,
    /// Cost of one unit, when known.
    pub unit_cost: Option<MoneyJson>,
    /// The sale, return or stock document that moved it.
    pub document_id: Option<Uuid>,
    /// The document's line.
    pub line_no: Option<i32>,
    /// Who.
    pub user_id: Option<Uuid>,
    /// When.
    pub occurred_at: String,
}

/// A page of movements, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MovementPage {
    /// The movements.
    pub movements: Vec<MovementView>,
    /// Give it as `cursor` for the next page; null on the last.
    pub next_cursor: Option<String>,
}

/// An item's movements, newest first.
pub async fn movements(
    app: &App,
    who: &Principal,
    item_id: Uuid,
    q: PageQuery,
) -> Result<MovementPage, AppError> {
    who.require(Permission::StockRead)?;
    let (before, limit) = q.parse()?;
    if stock_read::item(&app.db, who.store_id, item_id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound("item"));
    }
    let currency = store_config(app, who.store_id).await?.currency;
    let rows = stock_read::movements(&app.db, who.store_id, item_id, before, limit + 1).await?;
    let (rows, next_cursor) = cut_page(rows, limit, |m| cursor(m.occurred_at, m.id));
    Ok(MovementPage {
        movements: rows
            .into_iter()
            .map(|m| MovementView {
                id: m.id,
                location_id: m.location_id,
                kind: m.kind,
                reason: m.reason,
                quantity: qty(m.quantity),
                unit_cost: m.unit_cost.map(|c| MoneyJson::new(c, currency.code())),
                document_id: m.document_id,
                line_no: m.line_no,
                user_id: m.user_id,
                occurred_at: instant(m.occurred_at),
            })
            .collect(),
        next_cursor,
    })
}

/// A low-stock alert.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AlertView {
    /// Alert id.
    pub id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The store's total once it crossed.
    pub on_hand: String,
    /// The reorder point it crossed.
    pub reorder_point: String,
    /// The document whose movement crossed it.
    pub document_id: Option<Uuid>,
    /// When.
    pub raised_at: String,
    /// When it was acknowledged (null: still open).
    pub acknowledged_at: Option<String>,
    /// Who acknowledged it.
    pub acknowledged_by: Option<Uuid>,
    /// What the item is (in lists of alerts; null in other answers).
    pub item: Option<AlertItem>,
}

/// The item of an alert as people name it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AlertItem {
    /// Its SKU.
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name.
    pub variant_name: Option<String>,
    /// `each`, `kg`, `l` or `m`.
    pub unit: String,
}

/// A page of alerts, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AlertPage {
    /// The alerts.
    pub alerts: Vec<AlertView>,
    /// Give it as `cursor` for the next page; null on the last.
    pub next_cursor: Option<String>,
}

pub(crate) fn alert_view(a: AlertRow) -> AlertView {
    AlertView {
        id: a.id,
        item_id: a.item_id,
        product_id: a.product_id,
        on_hand: qty(a.on_hand),
        reorder_point: qty(a.reorder_point),
        document_id: a.document_id,
        raised_at: instant(a.raised_at),
        acknowledged_at: a.acknowledged_at.map(instant),
        acknowledged_by: a.acknowledged_by,
        item: None,
    }
}

/// The store's low-stock alerts.
pub async fn alerts(app: &App, who: &Principal, q: PageQuery) -> Result<AlertPage, AppError> {
    who.require(Permission::StockRead)?;
    let (after, limit) = q.parse()?;
    let open_only = q.open.unwrap_or(true);
    let rows = stock_setup::alerts(&app.db, who.store_id, open_only, after, limit + 1).await?;
    let (rows, next_cursor) = cut_page(rows, limit, |a| cursor(a.raised_at, a.id));
    let ids: Vec<Uuid> = rows.iter().map(|a| a.item_id).collect();
    let names = stock_report::item_names(&app.db, who.store_id, &ids).await?;
    Ok(AlertPage {
        alerts: rows
            .into_iter()
            .map(|a| {
                let item = names
                    .iter()
                    .find(|n| n.item_id == a.item_id)
                    .map(|n| AlertItem {
                        sku: n.sku.clone(),
                        name: n.name.clone(),
                        variant_name: n.variant_name.clone(),
                        unit: n.unit.clone(),
                    });
                AlertView {
                    item,
                    ..alert_view(a)
                }
            })
            .collect(),
        next_cursor,
    })
}

/// How many low-stock alerts are waiting.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AlertCount {
    /// Alerts not acknowledged yet.
    pub open: i64,
}

/// The number of open low-stock alerts (the back office's badge).
pub async fn alert_count(app: &App, who: &Principal) -> Result<AlertCount, AppError> {
    who.require(Permission::StockRead)?;
    Ok(AlertCount {
        open: stock_report::open_alert_count(&app.db, who.store_id).await?,
    })
}

/// What the store's selling location holds of some items (a page of till search hits), in
/// one query: None when the caller may not read stock. Items it never held are at zero.
pub async fn on_hand_for_sale(
    app: &App,
    who: &Principal,
    items: &[Uuid],
) -> Result<Option<HashMap<Uuid, i64>>, AppError> {
    if who.require(Permission::StockRead).is_err() {
        return Ok(None);
    }
    let location = store_config(app, who.store_id)
        .await?
        .stock
        .selling_location;
    let levels = stock_report::on_hand_of(&app.db, who.store_id, location, items).await?;
    let mut out: HashMap<Uuid, i64> = items.iter().map(|i| (*i, 0)).collect();
    out.extend(levels);
    Ok(Some(out))
}

/// A page of rows read one past `limit`: the first `limit` of them, and the cursor after the
/// last one when there were more.
fn cut_page<T>(
    mut rows: Vec<T>,
    limit: i64,
    key: impl Fn(&T) -> String,
) -> (Vec<T>, Option<String>) {
    let limit = usize::try_from(limit).unwrap_or(0);
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = if more { rows.last().map(key) } else { None };
    (rows, next)
}
