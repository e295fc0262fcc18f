//! Purchase orders: a draft with editable lines (cost defaulting from the supplier's), sent,
//! partially received, received, closed, or cancelled from draft or sent. Every status change
//! goes through [`PoStatus::next`] and a compare-and-set on the stored status.

use std::collections::HashMap;

use caisse_core::purchasing::{PoAction, PoStatus, TransitionError};
use caisse_core::staff::Permission;
use caisse_store::purchase_orders::{self as store, PoFilter, PoLineRow, PoRow};
use caisse_store::{purchasing, receiving};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{MAX_COST, MAX_QTY, item_names, store_currency, text};
use crate::auth::Principal;
use crate::checkout::config::store_config;
use crate::paging::Paging;
use crate::stock::{instant, parse_qty, qty};
use crate::{App, AppError, ErrorCode, FieldError, now_us};

/// The most lines an order holds.
pub const MAX_LINES: usize = 1000;

/// A line as sent.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PoLineInput {
    /// The product or variant.
    pub item_id: Uuid,
    /// Decimal string above zero, in the item's unit.
    pub quantity: String,
    /// Minor units per unit (default: the supplier's cost, else the product's cost, else 0).
    pub unit_cost: Option<i64>,
}

/// A new purchase order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PoInput {
    /// An active supplier of the store.
    pub supplier_id: Uuid,
    /// Where it is delivered (default: the selling location).
    pub location_id: Option<Uuid>,
    /// Up to 500 characters.
    pub note: Option<String>,
    /// Up to 1000 lines, each item once (may be empty for a draft).
    #[serde(default)]
    pub lines: Vec<PoLineInput>,
}

/// A change of a draft; absent fields stay.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PoPatch {
    /// The version the change is based on (`version_conflict` when it moved since).
    pub version: i64,
    /// Where it is delivered.
    pub location_id: Option<Uuid>,
    /// The note (empty clears).
    pub note: Option<String>,
    /// Every line, replacing the draft's.
    pub lines: Option<Vec<PoLineInput>>,
}

/// A line of an order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PoLineView {
    /// From 1.
    pub line_no: i32,
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The shop's SKU.
    pub sku: String,
    /// Full name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// The supplier's reference.
    pub supplier_ref: Option<String>,
    /// Ordered (decimal string).
    pub quantity: String,
    /// Cost of one unit, minor units.
    pub unit_cost: i64,
    /// Received so far.
    pub received: String,
    /// Still expected (never below zero).
    pub remaining: String,
    /// quantity × unit cost, minor units (half up).
    pub value: i64,
}

/// The supplier of an order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SupplierRef {
    /// Supplier id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Code.
    pub code: Option<String>,
}

/// A purchase order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PoView {
    /// Order id.
    pub id: Uuid,
    /// `PO-000042`.
    pub number: String,
    /// `draft`, `sent`, `partially_received`, `received`, `closed`, `cancelled`.
    pub status: String,
    /// The supplier.
    pub supplier: SupplierRef,
    /// ISO 4217 of its costs.
    pub currency: String,
    /// Where it is delivered.
    pub location_id: Uuid,
    /// Note.
    pub note: Option<String>,
    /// Who made it.
    pub created_by: Option<Uuid>,
    /// When (RFC 3339).
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
    /// When sent.
    pub sent_at: Option<String>,
    /// Send it back with a change.
    pub version: i64,
    /// Its lines.
    pub lines: Vec<PoLineView>,
    /// Σ line values, minor units.
    pub total: i64,
    /// The open receiving session, if one is under way.
    pub receiving_id: Option<Uuid>,
}

fn transition(e: TransitionError) -> AppError {
    AppError::state(ErrorCode::InvalidTransition, e.to_string())
}

pub(crate) fn status_of(po: &PoRow) -> Result<PoStatus, AppError> {
    PoStatus::parse(&po.status)
        .ok_or_else(|| AppError::Internal(format!("stored status {}", po.status)))
}

/// Reads one order as shown.
pub async fn get(app: &App, who: &Principal, id: Uuid) -> Result<PoView, AppError> {
    super::require_receiving(app, who).await?;
    let po = store::get(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    view(app, &po).await
}

pub(crate) async fn view(app: &App, po: &PoRow) -> Result<PoView, AppError> {
    let supplier = purchasing::supplier(&app.db, po.store_id, po.supplier_id)
        .await?
        .ok_or(AppError::NotFound("supplier"))?;
    let refs: HashMap<Uuid, Option<String>> =
        purchasing::items(&app.db, po.store_id, po.supplier_id)
            .await?
            .into_iter()
            .map(|(r, ..)| (r.item_id, r.supplier_ref))
            .collect();
    let rows = store::lines(&app.db, po.id).await?;
    let lines: Vec<PoLineView> = rows
        .iter()
        .map(|l| {
            let (_, sku, name, unit) = item_names(app, po.store_id, l.item_id).unwrap_or((
                l.product_id,
                String::new(),
                String::new(),
                "each".into(),
            ));
            PoLineView {
                line_no: l.line_no,
                item_id: l.item_id,
                product_id: l.product_id,
                sku,
                name,
                unit,
                supplier_ref: refs.get(&l.item_id).cloned().flatten(),
                quantity: qty(l.quantity),
                unit_cost: l.unit_cost,
                received: qty(l.received),
                remaining: qty((l.quantity - l.received).max(0)),
                value: caisse_core::restock::line_value(l.quantity, l.unit_cost),
            }
        })
        .collect();
    let receiving_id = receiving::open_of(&app.db, po.store_id, po.id)
        .await?
        .map(|s| s.id);
    Ok(PoView {
        id: po.id,
        number: po.number.clone(),
        status: po.status.clone(),
        supplier: SupplierRef {
            id: supplier.id,
            name: supplier.name,
            code: supplier.code,
        },
        currency: po.currency.clone(),
        location_id: po.location_id,
        note: po.note.clone(),
        created_by: po.created_by,
        created_at: instant(po.created_at),
        updated_at: instant(po.updated_at),
        sent_at: po.sent_at.map(instant),
        version: po.version,
        total: lines
            .iter()
            .map(|l| l.value)
            .fold(0i64, i64::saturating_add),
        lines,
        receiving_id,
    })
}

async fn location_or_default(
    app: &App,
    who: &Principal,
    location_id: Option<Uuid>,
    errors: &mut Vec<FieldError>,
) -> Result<Uuid, AppError> {
    let id = match location_id {
        Some(l) => l,
        None => {
            store_config(app, who.store_id)
                .await?
                .stock
                .selling_location
        }
    };
    let found = caisse_store::stock_setup::location(&app.db, who.store_id, id).await?;
    if !found.is_some_and(|l| l.active) {
        errors.push(FieldError::coded(
            "location_id",
            "unknown",
            Value::Null,
            "no active location of this store has this id",
        ));
    }
    Ok(id)
}

/// Checks lines against the catalog and the supplier, with costs defaulted.
pub(crate) async fn parse_lines(
    app: &App,
    store_id: Uuid,
    po_id: Uuid,
    supplier_id: Uuid,
    input: &[PoLineInput],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<PoLineRow>, AppError> {
    if input.len() > MAX_LINES {
        errors.push(FieldError::coded(
            "lines",
            "too_many",
            serde_json::json!({"max": MAX_LINES}),
            "at most 1000 lines",
        ));
        return Ok(Vec::new());
    }
    let costs: HashMap<Uuid, i64> = purchasing::items(&app.db, store_id, supplier_id)
        .await?
        .into_iter()
        .map(|(r, ..)| (r.item_id, r.unit_cost))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut lines = Vec::new();
    for (i, l) in input.iter().enumerate() {
        let Some(quantity) = parse_qty(&format!("lines[{i}].quantity"), &l.quantity, errors) else {
            continue;
        };
        if quantity <= 0 || quantity > MAX_QTY {
            errors.push(FieldError::coded(
                format!("lines[{i}].quantity"),
                "out_of_range",
                Value::Null,
                "above zero, at most 1,000,000",
            ));
            continue;
        }
        if l.unit_cost.is_some_and(|c| !(0..=MAX_COST).contains(&c)) {
            errors.push(FieldError::coded(
                format!("lines[{i}].unit_cost"),
                "out_of_range",
                Value::Null,
                "between 0 and 1,000,000,000 minor units",
            ));
            continue;
        }
        if !seen.insert(l.item_id) {
            errors.push(FieldError::coded(
                format!("lines[{i}].item_id"),
                "duplicate",
                Value::Null,
                "each item once per order",
            ));
            continue;
        }
        let Some((product_id, ..)) = item_names(app, store_id, l.item_id) else {
            errors.push(FieldError::coded(
                format!("lines[{i}].item_id"),
                "unknown",
                Value::Null,
                "no product or variant of this store has this id",
            ));
            continue;
        };
        let unit_cost = match l.unit_cost.or_else(|| costs.get(&l.item_id).copied()) {
            Some(c) => c,
            None => caisse_store::stock_read::item(&app.db, store_id, l.item_id)
                .await?
                .and_then(|i| i.5)
                .unwrap_or(0),
        };
        lines.push(PoLineRow {
            po_id,
            line_no: i32::try_from(lines.len() + 1).unwrap_or(i32::MAX),
            store_id,
            item_id: l.item_id,
            product_id,
            quantity,
            unit_cost,
            received: 0,
        });
    }
    Ok(lines)
}

/// Makes a draft (its number from the store's counter).
pub async fn create(app: &App, who: &Principal, input: PoInput) -> Result<PoView, AppError> {
    who.require(Permission::Purchasing)?;
    let po = create_draft(app, who, input).await?;
    view(app, &po).await
}

pub(crate) async fn create_draft(
    app: &App,
    who: &Principal,
    input: PoInput,
) -> Result<PoRow, AppError> {
    let mut errors = Vec::new();
    let supplier = purchasing::supplier(&app.db, who.store_id, input.supplier_id).await?;
    if !supplier.as_ref().is_some_and(|s| s.active) {
        errors.push(FieldError::coded(
            "supplier_id",
            "unknown",
            Value::Null,
            "no active supplier of this store has this id",
        ));
    }
    let note = text("note", input.note.as_deref(), 500, &mut errors);
    let location_id = location_or_default(app, who, input.location_id, &mut errors).await?;
    let id = Uuid::now_v7();
    let lines = parse_lines(
        app,
        who.store_id,
        id,
        input.supplier_id,
        &input.lines,
        &mut errors,
    )
    .await?;
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let currency = match supplier.and_then(|s| s.currency) {
        Some(c) => c,
        None => store_currency(app, who.store_id)?,
    };
    let now = now_us();
    let mut tx = app.db.begin().await?;
    let n = purchasing::next_po_number(&mut tx, who.store_id).await?;
    let po = PoRow {
        id,
        store_id: who.store_id,
        number: format!("PO-{n:06}"),
        supplier_id: input.supplier_id,
        status: PoStatus::Draft.as_str().into(),
        currency,
        location_id,
        note,
        created_by: Some(who.user_id),
        created_at: now,
        updated_at: now,
        sent_at: None,
        version: 1,
    };
    store::insert(&mut tx, &po, &lines).await?;
    tx.commit().await?;
    tracing::info!(po_id = %po.id, number = %po.number, "purchase order drafted");
    Ok(po)
}

/// Changes a draft (its lines, note or location).
pub async fn update(
    app: &App,
    who: &Principal,
    id: Uuid,
    patch: PoPatch,
) -> Result<PoView, AppError> {
    who.require(Permission::Purchasing)?;
    let mut po = store::get(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    let status = status_of(&po)?;
    if !status.editable() {
        return Err(AppError::state(
            ErrorCode::InvalidTransition,
            format!(
                "a {} purchase order cannot be changed: only a draft can",
                status.as_str().replace('_', " ")
            ),
        ));
    }
    if patch.version != po.version {
        return Err(AppError::VersionConflict {
            current: po.version,
        });
    }
    let mut errors = Vec::new();
    if patch.note.is_some() {
        po.note = text("note", patch.note.as_deref(), 500, &mut errors);
    }
    if patch.location_id.is_some() {
        po.location_id = location_or_default(app, who, patch.location_id, &mut errors).await?;
    }
    let lines = match &patch.lines {
        Some(l) => {
            Some(parse_lines(app, who.store_id, po.id, po.supplier_id, l, &mut errors).await?)
        }
        None => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    po.updated_at = now_us();
    let mut tx = app.db.begin().await?;
    if !store::replace_draft(&mut tx, &po, patch.version, lines.as_deref()).await? {
        drop(tx);
        let now = store::get(&app.db, who.store_id, id)
            .await?
            .ok_or(AppError::NotFound("purchase order"))?;
        return Err(AppError::VersionConflict {
            current: now.version,
        });
    }
    tx.commit().await?;
    get(app, who, id).await
}

/// Sends, cancels or closes an order.
pub async fn act(
    app: &App,
    who: &Principal,
    id: Uuid,
    action: PoAction,
) -> Result<PoView, AppError> {
    who.require(Permission::Purchasing)?;
    let po = store::get(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    let from = status_of(&po)?;
    let to = from.next(action).map_err(transition)?;
    if action == PoAction::Send && store::lines(&app.db, id).await?.is_empty() {
        return Err(AppError::state(
            ErrorCode::InvalidTransition,
            "an order without lines cannot be sent: add lines first",
        ));
    }
    let mut tx = app.db.begin().await?;
    if !store::set_status(
        &mut tx,
        who.store_id,
        id,
        from.as_str(),
        to.as_str(),
        now_us(),
    )
    .await?
    {
        return Err(AppError::state(
            ErrorCode::ChangedMeanwhile,
            "the order changed meanwhile: look at it again",
        ));
    }
    tx.commit().await?;
    tracing::info!(po_id = %id, from = from.as_str(), to = to.as_str(), "purchase order status");
    get(app, who, id).await
}

/// Order list parameters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PoQuery {
    /// Only this status.
    pub status: Option<String>,
    /// Only this supplier.
    pub supplier_id: Option<Uuid>,
    /// `number`, `created`, `status`, `supplier`, `total` (a `-` before for descending;
    /// default `-created`).
    pub sort: Option<String>,
    /// Page from 1.
    pub page: Option<i64>,
    /// 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// A row of the order list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PoSummary {
    /// Order id.
    pub id: Uuid,
    /// `PO-000042`.
    pub number: String,
    /// Status.
    pub status: String,
    /// The supplier.
    pub supplier_id: Uuid,
    /// Its name.
    pub supplier_name: String,
    /// ISO 4217.
    pub currency: String,
    /// Lines.
    pub line_count: i64,
    /// Value, minor units.
    pub total: i64,
    /// When made.
    pub created_at: String,
    /// When sent.
    pub sent_at: Option<String>,
}

/// A page of orders.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PoPage {
    /// This page's orders.
    pub items: Vec<PoSummary>,
    /// Page from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// Matching orders in all.
    pub total: i64,
}

/// The store's orders.
pub async fn list(app: &App, who: &Principal, q: PoQuery) -> Result<PoPage, AppError> {
    who.require(Permission::Purchasing)?;
    list_page(app, who.store_id, q, false).await
}

/// A page of the store's orders; only those awaiting delivery (sent or partially received)
/// when `awaiting`.
pub(crate) async fn list_page(
    app: &App,
    store_id: Uuid,
    q: PoQuery,
    awaiting: bool,
) -> Result<PoPage, AppError> {
    let mut errors = Vec::new();
    let paging = Paging::read(
        q.sort.as_deref(),
        q.page,
        q.per_page,
        &["number", "created", "status", "supplier", "total"],
        "-created",
        &mut errors,
    );
    let status = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if status.is_some_and(|s| PoStatus::parse(s).is_none()) {
        errors.push(FieldError::coded(
            "status",
            "not_one_of",
            Value::Null,
            "draft, sent, partially_received, received, closed or cancelled",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (rows, total) = store::list(
        &app.db,
        store_id,
        &PoFilter {
            status: status.map(str::to_owned),
            supplier_id: q.supplier_id,
            awaiting,
            sort: paging.key,
            descending: paging.descending,
            offset: paging.offset(),
            limit: paging.per_page,
        },
    )
    .await?;
    Ok(PoPage {
        items: rows
            .into_iter()
            .map(|r| PoSummary {
                id: r.po.id,
                number: r.po.number,
                status: r.po.status,
                supplier_id: r.po.supplier_id,
                supplier_name: r.supplier_name,
                currency: r.po.currency,
                line_count: r.line_count,
                total: r.total,
                created_at: instant(r.po.created_at),
                sent_at: r.po.sent_at.map(instant),
            })
            .collect(),
        page: paging.page,
        per_page: paging.per_page,
        total,
    })
}
