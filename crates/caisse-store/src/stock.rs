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

/// Appends movements and applies them to on-hand atomically (`on_hand = on_hand + $q`), in
/// two multi-row statements (movements; then one upsert per distinct item, summed, since one
/// statement may not update the same row twice on PostgreSQL).
pub async fn apply(tx: &mut Tx, moves: &[MovementRow]) -> Result<(), StoreError> {
    const MOVE_HEAD: &str = "INSERT INTO stock_movements (id, store_id, item_id, product_id, quantity, reason, document_id, line_no, user_id, occurred_at) ";
    const LEVEL_HEAD: &str =
        "INSERT INTO stock_levels (store_id, item_id, product_id, on_hand, updated_at) ";
    const LEVEL_TAIL: &str = " ON CONFLICT (store_id, item_id) DO UPDATE SET on_hand = stock_levels.on_hand + excluded.on_hand, updated_at = excluded.updated_at";
    for chunk in moves.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(MOVE_HEAD);
            qb.push_values(chunk, |mut b, m| {
                b.push_bind(m.id).push_bind(m.store_id).push_bind(m.item_id).push_bind(m.product_id)
                    .push_bind(m.quantity).push_bind(&m.reason).push_bind(m.document_id).push_bind(m.line_no)
                    .push_bind(m.user_id).push_bind(m.occurred_at);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    // Sum per item, in item order: every transaction that moves stock locks the level rows in
    // the same order (by store, then item id), so two tills selling the same items scanned in
    // opposite orders queue behind each other on PostgreSQL instead of deadlocking.
    let mut sums: std::collections::BTreeMap<(Uuid, Uuid), (Uuid, i64, i64)> =
        std::collections::BTreeMap::new();
    for m in moves {
        let e = sums
            .entry((m.store_id, m.item_id))
            .or_insert((m.product_id, 0, m.occurred_at));
        e.1 = e.1.checked_add(m.quantity).ok_or_else(|| {
            StoreError::Db(sqlx::Error::Protocol("stock quantity overflow".into()))
        })?;
        e.2 = e.2.max(m.occurred_at);
    }
    let per_item: Vec<(Uuid, Uuid, Uuid, i64, i64)> = sums
        .into_iter()
        .map(|((store, item), (product, qty, at))| (store, item, product, qty, at))
        .collect();
    for chunk in per_item.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(LEVEL_HEAD);
            qb.push_values(chunk, |mut b, e| {
                b.push_bind(e.0).push_bind(e.1).push_bind(e.2).push_bind(e.3).push_bind(e.4);
            });
            qb.push(LEVEL_TAIL);
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
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
