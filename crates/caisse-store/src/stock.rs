//! The stock ledger: every change is a movement row; on-hand is a projection updated in the
//! same transaction with atomic SQL, never read-modify-write.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A stock movement (append-only). Quantities are thousandths of the item's unit, signed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MovementRow {
    /// Movement id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The product or variant whose stock moves.
    pub item_id: Uuid,
    /// The product (the item itself or its parent).
    pub product_id: Uuid,
    /// Signed quantity in thousandths (a sale of 2 is -2000).
    pub quantity: i64,
    /// `sale`, `return`, `adjustment`, …
    pub reason: String,
    /// The document that caused it.
    pub document_id: Option<Uuid>,
    /// The document line.
    pub line_no: Option<i32>,
    /// Who caused it.
    pub user_id: Option<Uuid>,
    /// When, µs.
    pub occurred_at: i64,
}

/// Appends movements and applies each to on-hand atomically (`on_hand = on_hand + $q`).
pub async fn apply(tx: &mut Tx, moves: &[MovementRow]) -> Result<(), StoreError> {
    const MOVE: &str = "INSERT INTO stock_movements (id, store_id, item_id, product_id, quantity, reason, document_id, line_no, user_id, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    const LEVEL: &str = "INSERT INTO stock_levels (store_id, item_id, product_id, on_hand, updated_at) VALUES ($1, $2, $3, $4, $5) \
        ON CONFLICT (store_id, item_id) DO UPDATE SET on_hand = stock_levels.on_hand + excluded.on_hand, updated_at = excluded.updated_at";
    for m in moves {
        on_tx!(tx, c => sqlx::query(MOVE)
            .bind(m.id).bind(m.store_id).bind(m.item_id).bind(m.product_id).bind(m.quantity)
            .bind(&m.reason).bind(m.document_id).bind(m.line_no).bind(m.user_id).bind(m.occurred_at)
            .execute(c).await.map(|r| r.rows_affected()))?;
        on_tx!(tx, c => sqlx::query(LEVEL)
            .bind(m.store_id).bind(m.item_id).bind(m.product_id).bind(m.quantity).bind(m.occurred_at)
            .execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// On-hand of an item in thousandths (0 when it never moved).
pub async fn on_hand(db: &Db, store_id: Uuid, item_id: Uuid) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT on_hand FROM stock_levels WHERE store_id = $1 AND item_id = $2";
    let row: Option<(i64,)> = on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(item_id).fetch_optional(p).await)?;
    Ok(row.map_or(0, |(q,)| q))
}

/// Sum of an item's movements in thousandths (must always equal on-hand).
pub async fn movements_sum(db: &Db, store_id: Uuid, item_id: Uuid) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM stock_movements WHERE store_id = $1 AND item_id = $2";
    let (q,): (i64,) =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(item_id).fetch_one(p).await)?;
    Ok(q)
}
