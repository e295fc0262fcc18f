//! Booking movements inside a document's transaction: the ledger rows and projections
//! (`caisse_store::stock::apply`), then the negative-stock policy on what they left, then the
//! low-stock alerts (rows and outbox events) for the items whose total crossed its reorder
//! point. Sales, returns and adjustments all come through here.

use std::collections::{BTreeMap, BTreeSet};

use caisse_core::inventory::{NegativeStock, crossed_reorder_point};
use caisse_store::Tx;
use caisse_store::outbox::{self, OutboxRow};
use caisse_store::stock::{self, Applied, MovementRow};
use caisse_store::stock_setup::{self, AlertRow};
use serde_json::json;
use uuid::Uuid;

use crate::{AppError, ErrorCode};

/// The (store, location, item) levels a refusing store's movements take down: those must not
/// end below zero.
pub type Refusing = BTreeSet<(Uuid, Uuid, Uuid)>;

/// The keys of `moves` that a store with policy `policy` refuses to take below zero.
pub fn refusing(policy: NegativeStock, moves: &[MovementRow], into: &mut Refusing) {
    if policy == NegativeStock::Refuse {
        into.extend(
            moves
                .iter()
                .filter(|m| m.quantity < 0)
                .map(|m| (m.store_id, m.location_id, m.item_id)),
        );
    }
}

/// Books movements in the caller's transaction. Fails with `insufficient_stock` (and the
/// caller rolls back: nothing stays) when a level in `refusing` ends below zero after going
/// down. Raises one alert per item whose store total crossed its reorder point.
pub async fn book(
    tx: &mut Tx,
    moves: &[MovementRow],
    refusing: &Refusing,
    now: i64,
) -> Result<Applied, AppError> {
    let applied = stock::apply(tx, moves).await?;
    if let Some(l) = applied.levels.iter().find(|l| {
        refusing.contains(&(l.store_id, l.location_id, l.item_id))
            && NegativeStock::Refuse.refuses(l.delta, l.on_hand)
    }) {
        return Err(AppError::Stock {
            code: ErrorCode::InsufficientStock,
            message: format!(
                "not enough in stock: this would leave {} at the selling location",
                caisse_core::money::Quantity::from_milli(l.on_hand)
            ),
            details: json!({
                "item_id": l.item_id,
                "location_id": l.location_id,
                "on_hand": crate::stock::qty(l.on_hand),
            }),
        });
    }
    let mut first_doc: BTreeMap<(Uuid, Uuid), Option<Uuid>> = BTreeMap::new();
    for m in moves {
        first_doc
            .entry((m.store_id, m.item_id))
            .or_insert(m.document_id);
    }
    let alerts: Vec<AlertRow> = applied
        .totals
        .iter()
        .filter(|t| crossed_reorder_point(t.reorder_point, t.delta, t.on_hand))
        .map(|t| AlertRow {
            id: Uuid::now_v7(),
            store_id: t.store_id,
            item_id: t.item_id,
            product_id: t.product_id,
            on_hand: t.on_hand,
            reorder_point: t.reorder_point.unwrap_or_default(),
            document_id: first_doc.get(&(t.store_id, t.item_id)).copied().flatten(),
            raised_at: now,
            acknowledged_at: None,
            acknowledged_by: None,
        })
        .collect();
    if !alerts.is_empty() {
        stock_setup::insert_alerts(tx, &alerts).await?;
        let events: Vec<OutboxRow> = alerts
            .iter()
            .map(|a| OutboxRow {
                id: Uuid::now_v7(),
                store_id: a.store_id,
                topic: "stock.low".into(),
                payload: json!({
                    "alert_id": a.id,
                    "item_id": a.item_id,
                    "product_id": a.product_id,
                    "on_hand": a.on_hand,
                    "reorder_point": a.reorder_point,
                    "document_id": a.document_id,
                    "raised_at": a.raised_at,
                })
                .to_string(),
                created_at: now,
            })
            .collect();
        outbox::push_many(tx, &events).await?;
    }
    Ok(applied)
}
