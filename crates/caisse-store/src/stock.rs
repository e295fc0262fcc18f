//! The stock ledger: every change is a movement row; on-hand is a projection (per location in
//! `stock_levels`, per store in `stock_items`) updated in the same transaction with atomic SQL,
//! never read-modify-write. Reading stock for the API is in `stock_read`; locations, reorder
//! points, alerts and stock documents in `stock_setup`.

use std::collections::BTreeMap;

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A stock movement (append-only). Quantities are thousandths of the item's unit, signed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MovementRow {
    /// Movement id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// Where the stock moves.
    pub location_id: Uuid,
    /// The product or variant whose stock moves.
    pub item_id: Uuid,
    /// The product (the item itself or its parent).
    pub product_id: Uuid,
    /// `sale`, `return`, `receipt`, `adjustment`, `count`, `transfer_out`, `transfer_in`.
    pub kind: String,
    /// Why (adjustments: `damage`, `theft`, `expiry`, `correction`, `other`).
    pub reason: Option<String>,
    /// Signed quantity in thousandths (a sale of 2 is -2000).
    pub quantity: i64,
    /// Cost of one unit in minor units, when known.
    pub unit_cost: Option<i64>,
    /// The document that caused it.
    pub document_id: Option<Uuid>,
    /// The document line.
    pub line_no: Option<i32>,
    /// Who caused it.
    pub user_id: Option<Uuid>,
    /// When, µs.
    pub occurred_at: i64,
}

/// How one location's level of an item changed in an [`apply`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelChange {
    /// The store.
    pub store_id: Uuid,
    /// The location.
    pub location_id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// The sum of the movements applied, thousandths.
    pub delta: i64,
    /// On hand after them.
    pub on_hand: i64,
}

/// How an item's store total changed in an [`apply`], with its reorder point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalChange {
    /// The store.
    pub store_id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// The product.
    pub product_id: Uuid,
    /// The sum of the movements applied, thousandths.
    pub delta: i64,
    /// The store's total on hand after them.
    pub on_hand: i64,
    /// The item's reorder point, if set.
    pub reorder_point: Option<i64>,
}

/// What an [`apply`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Per location and item, in lock order.
    pub levels: Vec<LevelChange>,
    /// Per item, in lock order.
    pub totals: Vec<TotalChange>,
}

fn overflow() -> StoreError {
    StoreError::Db(sqlx::Error::Protocol("stock quantity overflow".into()))
}

/// Appends movements and applies them to on-hand atomically (`on_hand = on_hand + $q`), in
/// three multi-row statements: the movements; one upsert per distinct (location, item) of
/// `stock_levels`; one per distinct item of `stock_items` (summed, since one statement may
/// not update the same row twice on PostgreSQL). Both upserts return the rows as they are
/// after the change, which is what the negative-stock policy and the low-stock alerts read.
pub async fn apply(tx: &mut Tx, moves: &[MovementRow]) -> Result<Applied, StoreError> {
    const MOVE_HEAD: &str = "INSERT INTO stock_movements (id, store_id, location_id, item_id, product_id, kind, reason, quantity, unit_cost, document_id, line_no, user_id, occurred_at) ";
    const LEVEL_HEAD: &str = "INSERT INTO stock_levels (store_id, location_id, item_id, product_id, on_hand, updated_at) ";
    const LEVEL_TAIL: &str = " ON CONFLICT (store_id, location_id, item_id) DO UPDATE SET on_hand = stock_levels.on_hand + excluded.on_hand, updated_at = excluded.updated_at RETURNING store_id, location_id, item_id, on_hand";
    const ITEM_HEAD: &str =
        "INSERT INTO stock_items (store_id, item_id, product_id, on_hand, updated_at) ";
    const ITEM_TAIL: &str = " ON CONFLICT (store_id, item_id) DO UPDATE SET on_hand = stock_items.on_hand + excluded.on_hand, updated_at = excluded.updated_at RETURNING store_id, item_id, product_id, on_hand, reorder_point";
    if moves.is_empty() {
        return Ok(Applied::default());
    }
    // The live feed finds recent movements by id (`stock_read::changed_since`).
    if let Some(m) = moves.iter().find(|m| m.id.get_version_num() != 7) {
        return Err(StoreError::Db(sqlx::Error::Protocol(format!(
            "stock movement {} is not a UUID v7",
            m.id
        ))));
    }
    for chunk in moves.chunks(400) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(MOVE_HEAD);
            qb.push_values(chunk, |mut b, m| {
                b.push_bind(m.id).push_bind(m.store_id).push_bind(m.location_id).push_bind(m.item_id)
                    .push_bind(m.product_id).push_bind(&m.kind).push_bind(&m.reason).push_bind(m.quantity)
                    .push_bind(m.unit_cost).push_bind(m.document_id).push_bind(m.line_no)
                    .push_bind(m.user_id).push_bind(m.occurred_at);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    // Sums in key order: every transaction that moves stock locks the level rows in the same
    // order (store, location, item), then the item rows (store, item), so two tills selling
    // the same items scanned in opposite orders queue behind each other on PostgreSQL
    // instead of deadlocking.
    let mut levels: BTreeMap<(Uuid, Uuid, Uuid), (Uuid, i64, i64)> = BTreeMap::new();
    let mut items: BTreeMap<(Uuid, Uuid), (Uuid, i64, i64)> = BTreeMap::new();
    for m in moves {
        let e = levels
            .entry((m.store_id, m.location_id, m.item_id))
            .or_insert((m.product_id, 0, m.occurred_at));
        e.1 = e.1.checked_add(m.quantity).ok_or_else(overflow)?;
        e.2 = e.2.max(m.occurred_at);
        let e = items
            .entry((m.store_id, m.item_id))
            .or_insert((m.product_id, 0, m.occurred_at));
        e.1 = e.1.checked_add(m.quantity).ok_or_else(overflow)?;
        e.2 = e.2.max(m.occurred_at);
    }
    let mut applied = Applied::default();
    let level_rows: Vec<_> = levels.iter().collect();
    for chunk in level_rows.chunks(500) {
        let rows: Vec<(Uuid, Uuid, Uuid, i64)> = on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(LEVEL_HEAD);
            qb.push_values(chunk, |mut b, ((store, location, item), (product, qty, at))| {
                b.push_bind(*store).push_bind(*location).push_bind(*item).push_bind(*product)
                    .push_bind(*qty).push_bind(*at);
            });
            qb.push(LEVEL_TAIL);
            qb.build_query_as().fetch_all(c).await
        })?;
        for (store_id, location_id, item_id, on_hand) in rows {
            let delta = levels
                .get(&(store_id, location_id, item_id))
                .map_or(0, |e| e.1);
            applied.levels.push(LevelChange {
                store_id,
                location_id,
                item_id,
                delta,
                on_hand,
            });
        }
    }
    let item_rows: Vec<_> = items.iter().collect();
    for chunk in item_rows.chunks(500) {
        let rows: Vec<(Uuid, Uuid, Uuid, i64, Option<i64>)> = on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(ITEM_HEAD);
            qb.push_values(chunk, |mut b, ((store, item), (product, qty, at))| {
                b.push_bind(*store).push_bind(*item).push_bind(*product).push_bind(*qty).push_bind(*at);
            });
            qb.push(ITEM_TAIL);
            qb.build_query_as().fetch_all(c).await
        })?;
        for (store_id, item_id, product_id, on_hand, reorder_point) in rows {
            let delta = items.get(&(store_id, item_id)).map_or(0, |e| e.1);
            applied.totals.push(TotalChange {
                store_id,
                item_id,
                product_id,
                delta,
                on_hand,
                reorder_point,
            });
        }
    }
    Ok(applied)
}

/// The store's total on hand of an item in thousandths (0 when it never moved).
pub async fn on_hand(db: &Db, store_id: Uuid, item_id: Uuid) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT on_hand FROM stock_items WHERE store_id = $1 AND item_id = $2";
    let row: Option<(i64,)> = on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(item_id).fetch_optional(p).await)?;
    Ok(row.map_or(0, |(q,)| q))
}

/// On hand of an item at one location, thousandths (0 when it never moved there).
pub async fn on_hand_at(
    db: &Db,
    store_id: Uuid,
    location_id: Uuid,
    item_id: Uuid,
) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT on_hand FROM stock_levels WHERE store_id = $1 AND location_id = $2 AND item_id = $3";
    let row: Option<(i64,)> = on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(location_id).bind(item_id).fetch_optional(p).await)?;
    Ok(row.map_or(0, |(q,)| q))
}

/// Sum of an item's movements over the store in thousandths (must always equal on-hand).
pub async fn movements_sum(db: &Db, store_id: Uuid, item_id: Uuid) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM stock_movements WHERE store_id = $1 AND item_id = $2";
    let (q,): (i64,) =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(item_id).fetch_one(p).await)?;
    Ok(q)
}

/// A projection that disagrees with the movements: a level (`location_id` set) or a store
/// total (`location_id` None).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Discrepancy {
    /// The store.
    pub store_id: Uuid,
    /// The location, or None for the store's total.
    pub location_id: Option<Uuid>,
    /// The item.
    pub item_id: Uuid,
    /// What the projection says (0 when it has no row).
    pub on_hand: i64,
    /// What the movements add up to.
    pub movements: i64,
}

/// Every level and store total that is not the sum of its movements (a row missing on either
/// side counts as 0), ordered by store, item, location (the store total first).
pub async fn verify(db: &Db) -> Result<Vec<Discrepancy>, StoreError> {
    const LEVELS: &str = "SELECT store_id, location_id, item_id, on_hand FROM stock_levels";
    const TOTALS: &str = "SELECT store_id, item_id, on_hand FROM stock_items";
    const SUMS: &str = "SELECT store_id, location_id, item_id, CAST(SUM(quantity) AS BIGINT) FROM stock_movements GROUP BY store_id, location_id, item_id";
    let levels: Vec<(Uuid, Uuid, Uuid, i64)> =
        on_pool!(db, p => sqlx::query_as(LEVELS).fetch_all(p).await)?;
    let totals: Vec<(Uuid, Uuid, i64)> =
        on_pool!(db, p => sqlx::query_as(TOTALS).fetch_all(p).await)?;
    let sums: Vec<(Uuid, Uuid, Uuid, i64)> =
        on_pool!(db, p => sqlx::query_as(SUMS).fetch_all(p).await)?;
    // (store, item, location or None for the total) -> (projection, movements)
    let mut seen: BTreeMap<(Uuid, Uuid, Option<Uuid>), (i64, i64)> = BTreeMap::new();
    for (store, location, item, q) in levels {
        seen.entry((store, item, Some(location))).or_default().0 = q;
    }
    for (store, item, q) in totals {
        seen.entry((store, item, None)).or_default().0 = q;
    }
    for (store, location, item, q) in sums {
        let e = seen.entry((store, item, Some(location))).or_default();
        e.1 = e.1.checked_add(q).ok_or_else(overflow)?;
        let e = seen.entry((store, item, None)).or_default();
        e.1 = e.1.checked_add(q).ok_or_else(overflow)?;
    }
    Ok(seen
        .into_iter()
        .filter(|(_, (on_hand, moved))| on_hand != moved)
        .map(
            |((store_id, item_id, location_id), (on_hand, movements))| Discrepancy {
                store_id,
                location_id,
                item_id,
                on_hand,
                movements,
            },
        )
        .collect())
}
