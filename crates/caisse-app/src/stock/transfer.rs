//! Stock transfers between locations of a store and between stores. A draft lists what to
//! send; sending books `transfer_out` movements at the source (one `transfer_out` stock
//! document, under an `Idempotency-Key`) and puts the transfer in transit; the receiving
//! store scans what arrives and confirms (see [`super::transfer_receive`]). Between stores an
//! item is the receiving store's item with the same SKU. Managers and owners.

use caisse_core::staff::Permission;
use caisse_store::outbox::{self, OutboxRow};
use caisse_store::stock::MovementRow;
use caisse_store::stock_setup::{self, StockDocumentRow};
use caisse_store::stock_transfers::{self, TransferLineRow, TransferRow};
use caisse_store::{stock_read, stores};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::count::{UnmatchedCodeView, display_name};
use super::ledger::{Refusing, book, refusing};
use super::{instant, parse_qty, qty};
use crate::auth::Principal;
use crate::checkout::config::store_config;
use crate::checkout::keys::{commit_answer, request_hash, stored_answer};
use crate::paging::Paging;
use crate::{App, AppError, ErrorCode, FieldError, now_us};

/// A line to send.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferLineInput {
    /// The product or variant, in the sending store.
    pub item_id: Uuid,
    /// Decimal string, more than 0.
    pub quantity: String,
}

/// A transfer to draft.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTransfer {
    /// Where the goods leave (default: the store's selling location).
    pub from_location_id: Option<Uuid>,
    /// The receiving store (default: this store: a move between its locations).
    pub to_store_id: Option<Uuid>,
    /// Where they arrive (default, for another store: its selling location).
    pub to_location_id: Option<Uuid>,
    /// Up to 200 characters.
    pub note: Option<String>,
    /// 1 to 500 lines, each item once.
    pub lines: Vec<TransferLineInput>,
}

/// A transfer line.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransferLineView {
    /// From 1.
    pub line_no: i32,
    /// The item in the sending store.
    pub item_id: Uuid,
    /// The same item in the receiving store.
    pub to_item_id: Uuid,
    /// SKU.
    pub sku: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Sent (or to send).
    pub quantity: String,
    /// Scanned on arrival so far.
    pub scanned: String,
    /// Received, once confirmed.
    pub received: Option<String>,
    /// Received (or, in transit, scanned) minus sent: below zero short, above zero over.
    pub difference: String,
    /// Cost of one unit, minor units.
    pub unit_cost: Option<i64>,
}

/// A transfer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransferView {
    /// Transfer id.
    pub id: Uuid,
    /// The sending store.
    pub store_id: Uuid,
    /// Where the goods leave.
    pub from_location_id: Uuid,
    /// The receiving store.
    pub to_store_id: Uuid,
    /// Where they arrive.
    pub to_location_id: Uuid,
    /// `draft`, `in_transit`, `received` or `cancelled`.
    pub status: String,
    /// The note.
    pub note: Option<String>,
    /// Who drafted it.
    pub created_by: Uuid,
    /// When.
    pub created_at: String,
    /// When it was sent.
    pub sent_at: Option<String>,
    /// When it was received.
    pub received_at: Option<String>,
    /// The `transfer_in` document, once received.
    pub receipt_id: Option<Uuid>,
    /// Its lines.
    pub lines: Vec<TransferLineView>,
    /// Codes scanned on arrival that matched no line.
    pub unmatched: Vec<UnmatchedCodeView>,
    /// Lines with less than sent (scanned so far, or received).
    pub lines_short: i64,
    /// Lines with more than sent.
    pub lines_over: i64,
}

/// A transfer in a list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransferSummaryView {
    /// Transfer id.
    pub id: Uuid,
    /// The sending store.
    pub store_id: Uuid,
    /// The receiving store.
    pub to_store_id: Uuid,
    /// Where the goods leave.
    pub from_location_id: Uuid,
    /// Where they arrive.
    pub to_location_id: Uuid,
    /// Status.
    pub status: String,
    /// Note.
    pub note: Option<String>,
    /// When drafted.
    pub created_at: String,
}

/// A page of transfers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransferPage {
    /// The transfers.
    pub items: Vec<TransferSummaryView>,
    /// Page number from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// In all.
    pub total: i64,
}

/// Filters and page of `GET /stock/transfers`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TransferQuery {
    /// `out` (this store sends), `in` (it receives); default both.
    pub direction: Option<String>,
    /// `draft`, `in_transit`, `received` or `cancelled`.
    pub status: Option<String>,
    /// From 1.
    pub page: Option<i64>,
    /// 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

const STATUSES: [&str; 4] = ["draft", "in_transit", "received", "cancelled"];

pub(crate) fn wrong_state(t: &TransferRow, doing: &str) -> AppError {
    AppError::state(
        ErrorCode::TransferWrongState,
        format!(
            "this transfer is {}: it cannot be {doing}",
            t.status.replace('_', " ")
        ),
    )
}

/// The transfer, if this store sends or receives it.
pub(crate) async fn load(app: &App, who: &Principal, id: Uuid) -> Result<TransferRow, AppError> {
    stock_transfers::get(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("transfer"))
}

/// Drafts a transfer.
pub async fn create(
    app: &App,
    who: &Principal,
    input: NewTransfer,
) -> Result<TransferView, AppError> {
    who.require(Permission::StockManage)?;
    let mut errors = Vec::new();
    let note = super::clean_note(input.note.as_deref(), &mut errors);
    let from = match input.from_location_id {
        Some(l) => l,
        None => {
            store_config(app, who.store_id)
                .await?
                .stock
                .selling_location
        }
    };
    if !stock_setup::location(&app.db, who.store_id, from)
        .await?
        .is_some_and(|l| l.active)
    {
        errors.push(FieldError::coded(
            "from_location_id",
            "unknown",
            Value::Null,
            "no active location of this store has this id",
        ));
    }
    let to_store = input.to_store_id.unwrap_or(who.store_id);
    let store_known = to_store == who.store_id
        || stores::list(&app.db)
            .await?
            .iter()
            .any(|s| s.id == to_store);
    if !store_known {
        errors.push(FieldError::coded(
            "to_store_id",
            "unknown",
            Value::Null,
            "no store has this id",
        ));
        return Err(AppError::Validation(errors));
    }
    let to = match input.to_location_id {
        Some(l) => Some(l),
        None if to_store != who.store_id => {
            stock_setup::policy(&app.db, to_store)
                .await?
                .selling_location_id
        }
        None => None,
    };
    match to {
        None => errors.push(FieldError::coded(
            "to_location_id",
            "required",
            Value::Null,
            "say where the goods go",
        )),
        Some(l) if to_store == who.store_id && l == from => errors.push(FieldError::coded(
            "to_location_id",
            "same_location",
            Value::Null,
            "a transfer goes to another location",
        )),
        Some(l) => {
            if !stock_setup::location(&app.db, to_store, l)
                .await?
                .is_some_and(|l| l.active)
            {
                errors.push(FieldError::coded(
                    "to_location_id",
                    "unknown",
                    Value::Null,
                    "no active location of the receiving store has this id",
                ));
            }
        }
    }
    if input.lines.is_empty() || input.lines.len() > caisse_core::inventory::MAX_LINES {
        errors.push(FieldError::coded(
            "lines",
            "count",
            Value::Null,
            "1 to 500 lines",
        ));
        return Err(AppError::Validation(errors));
    }
    let id = Uuid::now_v7();
    let mut lines: Vec<TransferLineRow> = Vec::new();
    for (i, l) in input.lines.iter().enumerate() {
        let Some(quantity) = parse_qty(&format!("lines[{i}].quantity"), &l.quantity, &mut errors)
        else {
            continue;
        };
        if quantity <= 0 || quantity > super::count::MAX_SCAN_QTY {
            errors.push(FieldError::coded(
                format!("lines[{i}].quantity"),
                "out_of_range",
                Value::Null,
                "more than 0, at most 1,000,000",
            ));
            continue;
        }
        if lines.iter().any(|seen| seen.item_id == l.item_id) {
            errors.push(FieldError::coded(
                format!("lines[{i}].item_id"),
                "duplicate",
                Value::Null,
                "each item once",
            ));
            continue;
        }
        let Some((product_id, sku, _, _, _, cost)) =
            stock_read::item(&app.db, who.store_id, l.item_id).await?
        else {
            errors.push(FieldError::coded(
                format!("lines[{i}].item_id"),
                "unknown",
                Value::Null,
                "no product or variant of this store has this id",
            ));
            continue;
        };
        let (to_item, to_product) = if to_store == who.store_id {
            (l.item_id, product_id)
        } else {
            let found = match stock_read::item_by_sku(&app.db, to_store, &sku).await? {
                Some(i) => stock_read::item(&app.db, to_store, i)
                    .await?
                    .map(|info| (i, info.0)),
                None => None,
            };
            let Some(found) = found else {
                errors.push(FieldError::coded(
                    format!("lines[{i}].item_id"),
                    "not_in_receiving_store",
                    serde_json::json!({"sku": sku}),
                    "the receiving store has no item with this SKU",
                ));
                continue;
            };
            found
        };
        lines.push(TransferLineRow {
            transfer_id: id,
            line_no: i32::try_from(lines.len() + 1).unwrap_or(i32::MAX),
            item_id: l.item_id,
            product_id,
            to_item_id: to_item,
            to_product_id: to_product,
            quantity,
            unit_cost: cost,
            scanned: 0,
            received: None,
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let to = to.ok_or_else(|| AppError::Internal("checked above".into()))?;
    let now = now_us();
    let row = TransferRow {
        id,
        store_id: who.store_id,
        from_location_id: from,
        to_store_id: to_store,
        to_location_id: to,
        status: "draft".into(),
        note,
        created_by: who.user_id,
        created_at: now,
        updated_at: now,
        sent_by: None,
        sent_at: None,
        received_by: None,
        received_at: None,
        receipt_id: None,
    };
    let mut tx = app.db.begin().await?;
    stock_transfers::insert(&mut tx, &row, &lines).await?;
    tx.commit().await?;
    view(app, row).await
}

/// A transfer with its lines and differences.
pub async fn get(app: &App, who: &Principal, id: Uuid) -> Result<TransferView, AppError> {
    who.require(Permission::StockManage)?;
    let row = load(app, who, id).await?;
    view(app, row).await
}

/// A line as the API shows it; `status` is the transfer's (what "arrived" means).
pub(crate) fn line_view(status: &str, n: &stock_transfers::NamedLine) -> TransferLineView {
    let l = &n.line;
    let arrived = match status {
        "received" => l.received.unwrap_or(0),
        "in_transit" => l.scanned,
        _ => l.quantity,
    };
    TransferLineView {
        line_no: l.line_no,
        item_id: l.item_id,
        to_item_id: l.to_item_id,
        sku: n.sku.clone(),
        name: display_name(&n.name, n.variant_name.as_deref()),
        unit: n.unit.clone(),
        quantity: qty(l.quantity),
        scanned: qty(l.scanned),
        received: l.received.map(qty),
        difference: qty(arrived.saturating_sub(l.quantity)),
        unit_cost: l.unit_cost,
    }
}

pub(crate) async fn view(app: &App, t: TransferRow) -> Result<TransferView, AppError> {
    let lines: Vec<TransferLineView> = stock_transfers::named_lines(&app.db, t.id)
        .await?
        .iter()
        .map(|n| line_view(&t.status, n))
        .collect();
    let short = lines
        .iter()
        .filter(|l| l.difference.starts_with('-'))
        .count();
    let over = lines
        .iter()
        .filter(|l| !l.difference.starts_with('-') && l.difference != qty(0))
        .count();
    let (short, over) = (
        i64::try_from(short).unwrap_or(i64::MAX),
        i64::try_from(over).unwrap_or(i64::MAX),
    );
    let unmatched = stock_transfers::unmatched(&app.db, t.id)
        .await?
        .into_iter()
        .map(|(code, outcome, scans, last)| UnmatchedCodeView {
            code,
            outcome,
            scans,
            last_scanned_at: instant(last),
        })
        .collect();
    Ok(TransferView {
        id: t.id,
        store_id: t.store_id,
        from_location_id: t.from_location_id,
        to_store_id: t.to_store_id,
        to_location_id: t.to_location_id,
        status: t.status,
        note: t.note,
        created_by: t.created_by,
        created_at: instant(t.created_at),
        sent_at: t.sent_at.map(instant),
        received_at: t.received_at.map(instant),
        receipt_id: t.receipt_id,
        lines,
        unmatched,
        lines_short: short,
        lines_over: over,
    })
}

/// The transfers this store sends or receives, newest first.
pub async fn list(app: &App, who: &Principal, q: TransferQuery) -> Result<TransferPage, AppError> {
    who.require(Permission::StockManage)?;
    let mut errors = Vec::new();
    let paging = Paging::read(
        None,
        q.page,
        q.per_page,
        &["created"],
        "-created",
        &mut errors,
    );
    let outgoing = match q.direction.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("out") => Some(true),
        Some("in") => Some(false),
        Some(_) => {
            errors.push(FieldError::coded(
                "direction",
                "not_one_of",
                serde_json::json!({"allowed": "in, out"}),
                "give in or out",
            ));
            None
        }
    };
    let status = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if status.is_some_and(|s| !STATUSES.contains(&s)) {
        errors.push(FieldError::coded(
            "status",
            "not_one_of",
            serde_json::json!({"allowed": STATUSES.join(", ")}),
            "give draft, in_transit, received or cancelled",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (rows, total) = stock_transfers::list(
        &app.db,
        who.store_id,
        outgoing,
        status,
        paging.per_page,
        paging.offset(),
    )
    .await?;
    Ok(TransferPage {
        items: rows
            .into_iter()
            .map(|t| TransferSummaryView {
                id: t.id,
                store_id: t.store_id,
                to_store_id: t.to_store_id,
                from_location_id: t.from_location_id,
                to_location_id: t.to_location_id,
                status: t.status,
                note: t.note,
                created_at: instant(t.created_at),
            })
            .collect(),
        page: paging.page,
        per_page: paging.per_page,
        total,
    })
}

/// Cancels a draft (the sending store).
pub async fn cancel(app: &App, who: &Principal, id: Uuid) -> Result<TransferView, AppError> {
    who.require(Permission::StockManage)?;
    let t = load(app, who, id).await?;
    if t.store_id != who.store_id {
        return Err(AppError::Forbidden);
    }
    let mut tx = app.db.begin().await?;
    if !stock_transfers::transition(
        &mut tx,
        id,
        "draft",
        "cancelled",
        who.user_id,
        now_us(),
        None,
    )
    .await?
    {
        drop(tx);
        return Err(wrong_state(&load(app, who, id).await?, "cancelled"));
    }
    tx.commit().await?;
    view(app, load(app, who, id).await?).await
}

/// Sends a draft (the sending store, under an idempotency key): `transfer_out` movements at
/// the source location, the transfer in transit.
pub async fn send(app: &App, who: &Principal, id: Uuid, key: &str) -> Result<Value, AppError> {
    who.require(Permission::StockManage)?;
    let claim = app.checkout.claim_key(&app.db, who.store_id, key).await?;
    let done = send_claimed(app, who, id, key).await;
    claim.release().await;
    done
}

async fn send_claimed(app: &App, who: &Principal, id: Uuid, key: &str) -> Result<Value, AppError> {
    const SCOPE: &str = "stock_transfer_send";
    let hash = request_hash(SCOPE, &id);
    if let Some(answer) = stored_answer(app, who.store_id, key, SCOPE, &hash).await? {
        return Ok(answer);
    }
    let t = load(app, who, id).await?;
    if t.store_id != who.store_id {
        return Err(AppError::Forbidden);
    }
    let policy = store_config(app, who.store_id).await?.stock.negative;
    let now = now_us();
    let mut tx = app.db.begin().await?;
    if !stock_transfers::transition(&mut tx, id, "draft", "in_transit", who.user_id, now, None)
        .await?
    {
        drop(tx);
        return Err(wrong_state(&load(app, who, id).await?, "sent"));
    }
    let lines = stock_transfers::lines_tx(&mut tx, id).await?;
    let moves: Vec<MovementRow> = lines
        .iter()
        .map(|l| MovementRow {
            id: Uuid::now_v7(),
            store_id: t.store_id,
            location_id: t.from_location_id,
            item_id: l.item_id,
            product_id: l.product_id,
            kind: "transfer_out".into(),
            reason: None,
            quantity: -l.quantity,
            unit_cost: l.unit_cost,
            document_id: Some(t.id),
            line_no: Some(l.line_no),
            user_id: Some(who.user_id),
            occurred_at: now,
        })
        .collect();
    stock_setup::insert_document(
        &mut tx,
        &StockDocumentRow {
            id: t.id,
            store_id: t.store_id,
            kind: "transfer_out".into(),
            location_id: t.from_location_id,
            reason: None,
            note: t.note.clone(),
            user_id: Some(who.user_id),
            created_at: now,
        },
    )
    .await?;
    // A store that refuses to sell below zero does not ship what it does not have either.
    let mut refused = Refusing::new();
    refusing(policy, &moves, &mut refused);
    book(&mut tx, &moves, &refused, now).await?;
    let sent = TransferRow {
        status: "in_transit".into(),
        sent_by: Some(who.user_id),
        sent_at: Some(now),
        updated_at: now,
        ..t
    };
    let answer = serde_json::to_value(view_in(&sent, &lines))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    outbox::push(
        &mut tx,
        &OutboxRow {
            id: Uuid::now_v7(),
            store_id: sent.store_id,
            topic: "stock.transfer_sent".into(),
            payload: serde_json::json!({"transfer_id": sent.id, "to_store_id": sent.to_store_id})
                .to_string(),
            created_at: now,
        },
    )
    .await?;
    let answer = commit_answer(app, who.store_id, tx, key, SCOPE, &hash, 200, answer).await?;
    app.stock.moved(who.store_id);
    Ok(answer)
}

/// What a send or a receipt booked.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransferStepView {
    /// Transfer id.
    pub id: Uuid,
    /// `in_transit` after sending, `received` after receiving.
    pub status: String,
    /// The sending store.
    pub store_id: Uuid,
    /// The receiving store.
    pub to_store_id: Uuid,
    /// Where the goods left.
    pub from_location_id: Uuid,
    /// Where they arrive.
    pub to_location_id: Uuid,
    /// When sent.
    pub sent_at: Option<String>,
    /// When received.
    pub received_at: Option<String>,
    /// The `transfer_in` document.
    pub receipt_id: Option<Uuid>,
    /// The lines.
    pub lines: Vec<TransferStepLine>,
}

/// A line of a send or a receipt.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransferStepLine {
    /// From 1.
    pub line_no: i32,
    /// The item in the sending store.
    pub item_id: Uuid,
    /// The same item in the receiving store.
    pub to_item_id: Uuid,
    /// Sent.
    pub quantity: String,
    /// Received (after receiving).
    pub received: Option<String>,
    /// Received minus sent (after receiving): below zero short, above zero over.
    pub difference: Option<String>,
}

/// The answer to a step, built from the rows read in its transaction.
pub(crate) fn view_in(t: &TransferRow, lines: &[TransferLineRow]) -> TransferStepView {
    TransferStepView {
        id: t.id,
        status: t.status.clone(),
        store_id: t.store_id,
        to_store_id: t.to_store_id,
        from_location_id: t.from_location_id,
        to_location_id: t.to_location_id,
        sent_at: t.sent_at.map(instant),
        received_at: t.received_at.map(instant),
        receipt_id: t.receipt_id,
        lines: lines
            .iter()
            .map(|l| TransferStepLine {
                line_no: l.line_no,
                item_id: l.item_id,
                to_item_id: l.to_item_id,
                quantity: qty(l.quantity),
                received: l.received.map(qty),
                difference: l.received.map(|r| qty(r.saturating_sub(l.quantity))),
            })
            .collect(),
    }
}
