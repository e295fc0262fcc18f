//! Receiving a transfer in the receiving store: each scan counts one unit (or a quantity) of a
//! sent line; codes that match no line are listed; the differences (scanned against sent) are
//! on the transfer before confirming. Confirming (under an `Idempotency-Key`) books
//! `transfer_in` movements for what arrived at the destination location, in one `transfer_in`
//! stock document, and records per line what was received.

use caisse_core::money::Quantity;
use caisse_core::staff::Permission;
use caisse_store::outbox::{self, OutboxRow};
use caisse_store::stock::MovementRow;
use caisse_store::stock_setup::{self, StockDocumentRow};
use caisse_store::stock_transfers::{self, TransferRow, TransferScanRow};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::count::{CountScanInput, MAX_SCAN_QTY};
use super::ledger::{Refusing, book};
use super::parse_qty;
use super::transfer::{TransferLineView, line_view, load, view_in, wrong_state};
use crate::auth::Principal;
use crate::checkout::keys::{commit_answer, request_hash, stored_answer};
use crate::{App, AppError, FieldError, now_us};

/// What a receiving scan did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransferScanView {
    /// `counted`, `unknown`, `invalid` or `not_sent` (an item not on the transfer).
    pub outcome: String,
    /// The code scanned.
    pub code: String,
    /// True when this answers a scan already stored under the same key.
    pub repeated: bool,
    /// The line after the scan.
    pub line: Option<TransferLineView>,
    /// For people, when nothing was counted.
    pub message: Option<String>,
}

/// What arrived of a line, when it differs from what was scanned.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceivedLineInput {
    /// The line.
    pub line_no: i32,
    /// Decimal string, 0 or more.
    pub received: String,
}

/// Confirming a receipt.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceiveInput {
    /// Lines whose received quantity is not what was scanned (default: every line as scanned).
    pub lines: Option<Vec<ReceivedLineInput>>,
}

fn require_receiver(t: &TransferRow, who: &Principal) -> Result<(), AppError> {
    if t.to_store_id == who.store_id {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Counts a receiving scan under the device's key (the receiving store).
pub async fn scan(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: Option<&str>,
    input: CountScanInput,
) -> Result<TransferScanView, AppError> {
    who.require(Permission::StockManage)?;
    let key = key.map(str::trim).unwrap_or_default();
    if key.is_empty() || key.len() > 255 {
        return Err(AppError::IdempotencyKeyMissing);
    }
    let t = load(app, who, id).await?;
    require_receiver(&t, who)?;
    if let Some(done) = stock_transfers::scan_by_key(&app.db, id, key).await? {
        return repeated(app, &t, &input, done).await;
    }
    if t.status != "in_transit" {
        return Err(wrong_state(&t, "received"));
    }
    let mut errors = Vec::new();
    let set = match input.mode.as_deref().map(str::trim) {
        None | Some("add") => false,
        Some("set") => true,
        Some(_) => {
            errors.push(FieldError::coded(
                "mode",
                "invalid",
                Value::Null,
                "give add or set",
            ));
            false
        }
    };
    let given = match input.quantity.as_deref() {
        Some(text) => parse_qty("quantity", text, &mut errors),
        None => None,
    };
    if given.is_some_and(|q| q < 0 || (q == 0 && !set) || q > MAX_SCAN_QTY) {
        errors.push(FieldError::coded(
            "quantity",
            "out_of_range",
            Value::Null,
            "more than 0 (0 or more to set), at most 1,000,000",
        ));
    }
    if set && given.is_none() {
        errors.push(FieldError::coded(
            "quantity",
            "required",
            Value::Null,
            "setting a quantity needs it",
        ));
    }
    let code = input.code.as_deref().map(str::trim);
    match (code, input.item_id) {
        (Some(c), None) if !c.is_empty() && c.chars().count() <= 100 => {}
        (None, Some(_)) => {}
        _ => errors.push(FieldError::coded(
            "code",
            "required",
            Value::Null,
            "give a code (1 to 100 characters) or an item_id, not both",
        )),
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (code, item, label, outcome, message) = match (code, input.item_id) {
        (Some(c), _) => match crate::catalog::lookup::lookup(app, who, c) {
            Ok(found) => {
                let label = found
                    .scan
                    .quantity
                    .as_deref()
                    .and_then(|q| q.parse::<Quantity>().ok())
                    .map(Quantity::milli);
                (
                    c.to_owned(),
                    Some(found.item.item_id),
                    label,
                    "counted",
                    None,
                )
            }
            Err(AppError::UnknownCode(_)) => (
                c.to_owned(),
                None,
                None,
                "unknown",
                Some("no item has this code".to_owned()),
            ),
            Err(AppError::InvalidCode { message, .. }) => {
                (c.to_owned(), None, None, "invalid", Some(message))
            }
            Err(e) => return Err(e),
        },
        (None, Some(item)) => (item.to_string(), Some(item), None, "counted", None),
        (None, None) => return Err(AppError::Internal("checked above".into())),
    };
    let mut line = match item {
        Some(i) => stock_transfers::named_line_for(&app.db, id, i).await?,
        None => None,
    };
    let (outcome, message) = match (outcome, &line) {
        ("counted", None) => (
            "not_sent",
            Some("this item is not on the transfer".to_owned()),
        ),
        (o, _) => (o, message),
    };
    let quantity = given.or(label).unwrap_or(1000);
    let now = now_us();
    let row = TransferScanRow {
        transfer_id: id,
        scan_key: key.to_owned(),
        code: code.clone(),
        item_id: item,
        mode: if set { "set" } else { "add" }.into(),
        quantity,
        outcome: outcome.into(),
        user_id: who.user_id,
        scanned_at: now,
    };
    let mut tx = app.db.begin().await?;
    if !stock_transfers::touch_in_transit(&mut tx, id, now).await? {
        drop(tx);
        return Err(wrong_state(&load(app, who, id).await?, "received"));
    }
    if !stock_transfers::insert_scan(&mut tx, &row).await? {
        drop(tx);
        let done = stock_transfers::scan_by_key(&app.db, id, key)
            .await?
            .ok_or(AppError::IdempotencyInFlight)?;
        return repeated(app, &t, &input, done).await;
    }
    if outcome == "counted"
        && let Some(l) = line.as_mut()
    {
        l.line.scanned =
            stock_transfers::scan_line(&mut tx, id, l.line.line_no, quantity, set).await?;
    }
    tx.commit().await?;
    let line = match (outcome, line) {
        ("counted", Some(l)) => Some(line_view(&t.status, &l)),
        _ => None,
    };
    Ok(TransferScanView {
        outcome: outcome.into(),
        code,
        repeated: false,
        line,
        message,
    })
}

async fn repeated(
    app: &App,
    t: &TransferRow,
    input: &CountScanInput,
    done: TransferScanRow,
) -> Result<TransferScanView, AppError> {
    let code = input
        .code
        .as_deref()
        .map(|c| c.trim().to_owned())
        .or_else(|| input.item_id.map(|i| i.to_string()))
        .unwrap_or_default();
    if code != done.code || input.mode.as_deref().unwrap_or("add") != done.mode {
        return Err(AppError::IdempotencyMismatch);
    }
    let line = match done.item_id {
        Some(item) if done.outcome == "counted" => {
            stock_transfers::named_line_for(&app.db, t.id, item)
                .await?
                .map(|n| line_view(&t.status, &n))
        }
        _ => None,
    };
    Ok(TransferScanView {
        outcome: done.outcome,
        code: done.code,
        repeated: true,
        line,
        message: None,
    })
}

/// Confirms a receipt (the receiving store, under an idempotency key): `transfer_in`
/// movements for what arrived, the differences recorded per line.
pub async fn receive(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: ReceiveInput,
) -> Result<Value, AppError> {
    who.require(Permission::StockManage)?;
    let claim = app.checkout.claim_key(&app.db, who.store_id, key).await?;
    let done = receive_claimed(app, who, id, key, input).await;
    claim.release().await;
    done
}

async fn receive_claimed(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: ReceiveInput,
) -> Result<Value, AppError> {
    const SCOPE: &str = "stock_transfer_receive";
    let hash = request_hash(SCOPE, &(id, &input));
    if let Some(answer) = stored_answer(app, who.store_id, key, SCOPE, &hash).await? {
        return Ok(answer);
    }
    let t = load(app, who, id).await?;
    require_receiver(&t, who)?;
    let mut given = Vec::new();
    let mut errors = Vec::new();
    for (i, l) in input.lines.iter().flatten().enumerate() {
        let field = format!("lines[{i}].received");
        match parse_qty(&field, &l.received, &mut errors) {
            Some(q) if (0..=MAX_SCAN_QTY).contains(&q) => given.push((i, l.line_no, q)),
            Some(_) => errors.push(FieldError::coded(
                field,
                "out_of_range",
                Value::Null,
                "0 or more, at most 1,000,000",
            )),
            None => {}
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = now_us();
    let receipt = Uuid::now_v7();
    let mut tx = app.db.begin().await?;
    if !stock_transfers::transition(
        &mut tx,
        id,
        "in_transit",
        "received",
        who.user_id,
        now,
        Some(receipt),
    )
    .await?
    {
        drop(tx);
        return Err(wrong_state(&load(app, who, id).await?, "received"));
    }
    let mut lines = stock_transfers::lines_tx(&mut tx, id).await?;
    for (i, line_no, _) in &given {
        if !lines.iter().any(|l| l.line_no == *line_no) {
            return Err(AppError::field_code(
                &format!("lines[{i}].line_no"),
                "unknown",
                Value::Null,
                "the transfer has no such line",
            ));
        }
    }
    let mut moves = Vec::new();
    for l in &mut lines {
        let received = given
            .iter()
            .find(|(_, n, _)| *n == l.line_no)
            .map_or(l.scanned, |(_, _, q)| *q);
        l.received = Some(received);
        stock_transfers::set_received(&mut tx, id, l.line_no, received).await?;
        if received != 0 {
            moves.push(MovementRow {
                id: Uuid::now_v7(),
                store_id: t.to_store_id,
                location_id: t.to_location_id,
                item_id: l.to_item_id,
                product_id: l.to_product_id,
                kind: "transfer_in".into(),
                reason: None,
                quantity: received,
                unit_cost: l.unit_cost,
                document_id: Some(receipt),
                line_no: Some(l.line_no),
                user_id: Some(who.user_id),
                occurred_at: now,
            });
        }
    }
    stock_setup::insert_document(
        &mut tx,
        &StockDocumentRow {
            id: receipt,
            store_id: t.to_store_id,
            kind: "transfer_in".into(),
            location_id: t.to_location_id,
            reason: None,
            note: t.note.clone(),
            user_id: Some(who.user_id),
            created_at: now,
        },
    )
    .await?;
    book(&mut tx, &moves, &Refusing::new(), now).await?;
    let done = TransferRow {
        status: "received".into(),
        received_by: Some(who.user_id),
        received_at: Some(now),
        receipt_id: Some(receipt),
        updated_at: now,
        ..t
    };
    let answer = serde_json::to_value(view_in(&done, &lines))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    outbox::push(
        &mut tx,
        &OutboxRow {
            id: Uuid::now_v7(),
            store_id: done.to_store_id,
            topic: "stock.transfer_received".into(),
            payload: answer.to_string(),
            created_at: now,
        },
    )
    .await?;
    let answer = commit_answer(app, who.store_id, tx, key, SCOPE, &hash, 200, answer).await?;
    app.stock.moved(who.store_id);
    Ok(answer)
}
