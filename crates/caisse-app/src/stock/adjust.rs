//! Stock adjustments: a manager books damage, theft, expiry or a correction. The request is
//! parsed into a [`StockAdjustment`] document (caisse-core), which derives its movement rows;
//! the header, the movements (through [`super::ledger::book`]), the outbox event and the stored
//! answer to the `Idempotency-Key` commit in one durable transaction. Sent again with its key,
//! it answers the stored document and moves nothing.

use caisse_core::inventory::{AdjustmentError, AdjustmentLine, AdjustmentReason, StockAdjustment};
use caisse_core::staff::Permission;
use caisse_store::outbox::{self, OutboxRow};
use caisse_store::stock::MovementRow;
use caisse_store::stock_read;
use caisse_store::stock_setup::{self, StockDocumentRow};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::ledger::{Refusing, book};
use super::{instant, parse_qty, qty};
use crate::auth::Principal;
use crate::checkout::config::store_config;
use crate::checkout::keys::{commit_answer, request_hash, stored_answer};
use crate::{App, AppError, FieldError, now_us};

/// One line of an adjustment as asked.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentLineInput {
    /// The product or variant.
    pub item_id: Uuid,
    /// Signed decimal string in the item's unit: `"-2"` takes two out, `"0.250"` puts 250 g in.
    pub quantity: String,
    /// Cost of one unit in minor units (default: the product's cost).
    pub unit_cost: Option<i64>,
}

/// A stock adjustment as asked.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentInput {
    /// The location (default: the store's selling location).
    pub location_id: Option<Uuid>,
    /// `damage`, `theft`, `expiry`, `correction` or `other`.
    pub reason: String,
    /// Up to 200 characters.
    pub note: Option<String>,
    /// 1 to 500 lines, each item once.
    pub lines: Vec<AdjustmentLineInput>,
}

/// A line of a booked adjustment.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AdjustmentLineView {
    /// From 1.
    pub line_no: i32,
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// Signed quantity moved.
    pub quantity: String,
    /// Cost of one unit, minor units of the store's currency.
    pub unit_cost: Option<i64>,
    /// On hand at the location right after.
    pub on_hand_after: String,
}

/// A booked adjustment.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AdjustmentView {
    /// Document id.
    pub id: Uuid,
    /// `adjustment`.
    pub kind: String,
    /// The location.
    pub location_id: Uuid,
    /// The reason.
    pub reason: String,
    /// The note.
    pub note: Option<String>,
    /// Who booked it.
    pub user_id: Uuid,
    /// When.
    pub created_at: String,
    /// Its lines.
    pub lines: Vec<AdjustmentLineView>,
}

/// The largest unit cost an adjustment takes, minor units.
const MAX_UNIT_COST: i64 = 1_000_000_000;

/// Books a stock adjustment under an idempotency key.
pub async fn adjust(
    app: &App,
    who: &Principal,
    key: &str,
    input: AdjustmentInput,
) -> Result<Value, AppError> {
    who.require(Permission::StockManage)?;
    let claim = app.checkout.claim_key(&app.db, who.store_id, key).await?;
    let done = adjust_claimed(app, who, key, input).await;
    claim.release().await;
    done
}

async fn adjust_claimed(
    app: &App,
    who: &Principal,
    key: &str,
    input: AdjustmentInput,
) -> Result<Value, AppError> {
    let hash = request_hash("stock_adjustment", &input);
    if let Some(answer) = stored_answer(app, who.store_id, key, "stock_adjustment", &hash).await? {
        return Ok(answer);
    }
    let doc = parse(app, who, input).await?;
    let moves: Vec<MovementRow> = doc
        .movements()
        .into_iter()
        .map(|m| MovementRow {
            id: Uuid::now_v7(),
            store_id: doc.store_id,
            location_id: doc.location_id,
            item_id: m.item_id,
            product_id: m.product_id,
            kind: m.kind.as_str().to_owned(),
            reason: m.reason.map(|r| r.as_str().to_owned()),
            quantity: m.quantity,
            unit_cost: m.unit_cost,
            document_id: Some(doc.id),
            line_no: Some(m.line_no),
            user_id: Some(doc.user_id),
            occurred_at: doc.at,
        })
        .collect();
    let header = StockDocumentRow {
        id: doc.id,
        store_id: doc.store_id,
        kind: "adjustment".into(),
        location_id: doc.location_id,
        reason: Some(doc.reason.as_str().to_owned()),
        note: doc.note.clone(),
        user_id: Some(doc.user_id),
        created_at: doc.at,
    };
    let mut tx = app.db.begin().await?;
    stock_setup::insert_document(&mut tx, &header).await?;
    // Adjustments are a manager's correction: the negative-stock policy (about selling) does
    // not refuse them, and a level they take below zero is flagged like any other.
    let applied = book(&mut tx, &moves, &Refusing::new(), doc.at).await?;
    let view = AdjustmentView {
        id: doc.id,
        kind: "adjustment".into(),
        location_id: doc.location_id,
        reason: doc.reason.as_str().to_owned(),
        note: doc.note.clone(),
        user_id: doc.user_id,
        created_at: instant(doc.at),
        lines: moves
            .iter()
            .map(|m| AdjustmentLineView {
                line_no: m.line_no.unwrap_or_default(),
                item_id: m.item_id,
                product_id: m.product_id,
                quantity: qty(m.quantity),
                unit_cost: m.unit_cost,
                on_hand_after: qty(applied
                    .levels
                    .iter()
                    .find(|l| l.item_id == m.item_id)
                    .map_or(0, |l| l.on_hand)),
            })
            .collect(),
    };
    let answer = serde_json::to_value(&view).map_err(|e| AppError::Internal(e.to_string()))?;
    outbox::push(
        &mut tx,
        &OutboxRow {
            id: Uuid::now_v7(),
            store_id: doc.store_id,
            topic: "stock.adjusted".into(),
            payload: answer.to_string(),
            created_at: doc.at,
        },
    )
    .await?;
    let answer = commit_answer(
        app,
        who.store_id,
        tx,
        key,
        "stock_adjustment",
        &hash,
        201,
        answer,
    )
    .await?;
    app.stock.moved(who.store_id);
    Ok(answer)
}

/// Checks the request against the store and makes the document.
async fn parse(
    app: &App,
    who: &Principal,
    input: AdjustmentInput,
) -> Result<StockAdjustment, AppError> {
    let mut errors = Vec::new();
    let reason = AdjustmentReason::parse(input.reason.trim());
    if reason.is_none() {
        errors.push(FieldError::coded(
            "reason",
            "invalid",
            Value::Null,
            "give damage, theft, expiry, correction or other",
        ));
    }
    let note = super::clean_note(input.note.as_deref(), &mut errors);
    let location_id = match input.location_id {
        Some(l) => l,
        None => {
            store_config(app, who.store_id)
                .await?
                .stock
                .selling_location
        }
    };
    let location = stock_setup::location(&app.db, who.store_id, location_id).await?;
    if !location.is_some_and(|l| l.active) {
        errors.push(FieldError::coded(
            "location_id",
            "unknown",
            Value::Null,
            "no active location of this store has this id",
        ));
    }
    if input.lines.len() > caisse_core::inventory::MAX_LINES {
        errors.push(FieldError::coded(
            "lines",
            "too_many",
            Value::Null,
            "at most 500 lines",
        ));
        return Err(AppError::Validation(errors));
    }
    let mut lines = Vec::new();
    for (i, l) in input.lines.iter().enumerate() {
        let field = format!("lines[{i}].quantity");
        let Some(quantity) = parse_qty(&field, &l.quantity, &mut errors) else {
            continue;
        };
        if l.unit_cost.is_some_and(|c| c > MAX_UNIT_COST) {
            errors.push(FieldError::coded(
                format!("lines[{i}].unit_cost"),
                "out_of_range",
                Value::Null,
                "at most 1,000,000,000 minor units",
            ));
            continue;
        }
        match stock_read::item(&app.db, who.store_id, l.item_id).await? {
            Some((product_id, _, _, _, _, cost)) => lines.push(AdjustmentLine {
                item_id: l.item_id,
                product_id,
                quantity,
                unit_cost: l.unit_cost.or(cost),
            }),
            None => errors.push(FieldError::coded(
                format!("lines[{i}].item_id"),
                "unknown",
                Value::Null,
                "no product or variant of this store has this id",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let reason = reason.ok_or_else(|| AppError::Internal("reason checked above".into()))?;
    StockAdjustment::new(
        Uuid::now_v7(),
        who.store_id,
        location_id,
        reason,
        note,
        who.user_id,
        now_us(),
        lines,
    )
    .map_err(|e| {
        let (field, code) = match e {
            AdjustmentError::LineCount => ("lines".to_owned(), "count"),
            AdjustmentError::ZeroQuantity(n) => (format!("lines[{}].quantity", n - 1), "zero"),
            AdjustmentError::QuantityTooLarge(n) => {
                (format!("lines[{}].quantity", n - 1), "out_of_range")
            }
            AdjustmentError::NegativeCost(n) => (format!("lines[{}].unit_cost", n - 1), "negative"),
            AdjustmentError::DuplicateItem(n, _) => {
                (format!("lines[{}].item_id", n - 1), "duplicate")
            }
        };
        AppError::field_code(&field, code, Value::Null, e.to_string())
    })
}
