//! Receiving sessions: what has been scanned against a purchase order so far, kept in the
//! database (a phone that reloads, or another server, sees the same counts). A scan is one
//! upsert (`counted = counted + $q`): no read-modify-write, no reload of the order.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A receiving session.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    /// Session id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The purchase order received.
    pub po_id: Uuid,
    /// Where the goods go.
    pub location_id: Uuid,
    /// `open` or `confirmed`.
    pub status: String,
    /// Who started it.
    pub user_id: Option<Uuid>,
    /// The receipt document, once confirmed.
    pub document_id: Option<Uuid>,
    /// When started, µs.
    pub created_at: i64,
    /// Last scan, µs.
    pub updated_at: i64,
}

const COLS: &str =
    "id, store_id, po_id, location_id, status, user_id, document_id, created_at, updated_at";

/// Starts a session (the caller checked there is no open one; the unique index refuses a
/// second open session on the order).
pub async fn insert(tx: &mut Tx, s: &SessionRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO receiving_sessions (id, store_id, po_id, location_id, status, user_id, document_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on_tx!(tx, c => sqlx::query(SQL).bind(s.id).bind(s.store_id).bind(s.po_id).bind(s.location_id)
        .bind(&s.status).bind(s.user_id).bind(s.document_id).bind(s.created_at).bind(s.updated_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The open session of an order, if any.
pub async fn open_of(
    db: &Db,
    store_id: Uuid,
    po_id: Uuid,
) -> Result<Option<SessionRow>, StoreError> {
    let sql = format!(
        "SELECT {COLS} FROM receiving_sessions WHERE store_id = $1 AND po_id = $2 AND status = 'open'"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(po_id).fetch_optional(p).await)?,
    )
}

/// One session of the store.
pub async fn get(db: &Db, store_id: Uuid, id: Uuid) -> Result<Option<SessionRow>, StoreError> {
    let sql = format!("SELECT {COLS} FROM receiving_sessions WHERE store_id = $1 AND id = $2");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id).fetch_optional(p).await)?,
    )
}

/// One session, read in a transaction.
pub async fn get_tx(
    tx: &mut Tx,
    store_id: Uuid,
    id: Uuid,
) -> Result<Option<SessionRow>, StoreError> {
    let sql = format!("SELECT {COLS} FROM receiving_sessions WHERE store_id = $1 AND id = $2");
    Ok(
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id).fetch_optional(c).await)?,
    )
}

/// Closes an open session with its receipt document; false when it was not open.
pub async fn confirm(
    tx: &mut Tx,
    id: Uuid,
    document_id: Uuid,
    now_us: i64,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE receiving_sessions SET status = 'confirmed', document_id = $2, updated_at = $3 WHERE id = $1 AND status = 'open'";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(id).bind(document_id).bind(now_us)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Counts `quantity` more of an item (thousandths); returns the count now.
pub async fn add_count(
    tx: &mut Tx,
    session_id: Uuid,
    item_id: Uuid,
    product_id: Uuid,
    line_no: Option<i32>,
    quantity: i64,
    now_us: i64,
) -> Result<i64, StoreError> {
    const SQL: &str = "INSERT INTO receiving_counts (session_id, item_id, product_id, line_no, counted, last_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (session_id, item_id) DO UPDATE SET counted = receiving_counts.counted + excluded.counted, last_at = excluded.last_at RETURNING counted";
    let (n,): (i64,) = on_tx!(tx, c => sqlx::query_as(SQL).bind(session_id).bind(item_id).bind(product_id)
        .bind(line_no).bind(quantity).bind(now_us).fetch_one(c).await)?;
    Ok(n)
}

/// Sets the count of an item (a correction); 0 removes it.
pub async fn set_count(
    tx: &mut Tx,
    session_id: Uuid,
    item_id: Uuid,
    product_id: Uuid,
    line_no: Option<i32>,
    quantity: i64,
    now_us: i64,
) -> Result<(), StoreError> {
    const DELETE: &str = "DELETE FROM receiving_counts WHERE session_id = $1 AND item_id = $2";
    const SQL: &str = "INSERT INTO receiving_counts (session_id, item_id, product_id, line_no, counted, last_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (session_id, item_id) DO UPDATE SET counted = excluded.counted, last_at = excluded.last_at";
    if quantity == 0 {
        on_tx!(tx, c => sqlx::query(DELETE).bind(session_id).bind(item_id).execute(c).await.map(|r| r.rows_affected()))?;
    } else {
        on_tx!(tx, c => sqlx::query(SQL).bind(session_id).bind(item_id).bind(product_id)
            .bind(line_no).bind(quantity).bind(now_us).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Notes a scanned code that found nothing; returns how often it was scanned.
pub async fn add_unknown(
    tx: &mut Tx,
    session_id: Uuid,
    code: &str,
    now_us: i64,
) -> Result<i64, StoreError> {
    const SQL: &str = "INSERT INTO receiving_unknown (session_id, code, scans, last_at) VALUES ($1, $2, 1, $3) \
         ON CONFLICT (session_id, code) DO UPDATE SET scans = receiving_unknown.scans + 1, last_at = excluded.last_at RETURNING scans";
    let (n,): (i32,) = on_tx!(tx, c => sqlx::query_as(SQL).bind(session_id).bind(code).bind(now_us).fetch_one(c).await)?;
    Ok(i64::from(n))
}

/// An item counted in a session: (item, product, PO line, counted, last scan µs).
pub type CountRow = (Uuid, Uuid, Option<i32>, i64, i64);

/// Everything counted in a session, last scanned first.
pub async fn counts(db: &Db, session_id: Uuid) -> Result<Vec<CountRow>, StoreError> {
    const SQL: &str = "SELECT item_id, product_id, line_no, counted, last_at FROM receiving_counts WHERE session_id = $1 ORDER BY last_at DESC, item_id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(session_id).fetch_all(p).await)?)
}

/// Everything counted in a session, read in a transaction.
pub async fn counts_tx(tx: &mut Tx, session_id: Uuid) -> Result<Vec<CountRow>, StoreError> {
    const SQL: &str = "SELECT item_id, product_id, line_no, counted, last_at FROM receiving_counts WHERE session_id = $1 ORDER BY last_at DESC, item_id";
    Ok(on_tx!(tx, c => sqlx::query_as(SQL).bind(session_id).fetch_all(c).await)?)
}

/// The codes that found nothing: (code, scans), last scanned first.
pub async fn unknown(db: &Db, session_id: Uuid) -> Result<Vec<(String, i32)>, StoreError> {
    const SQL: &str = "SELECT code, scans FROM receiving_unknown WHERE session_id = $1 ORDER BY last_at DESC, code";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(session_id).fetch_all(p).await)?)
}

/// A store's item cost and on-hand before a receipt: (on hand, moving average cost).
pub async fn cost_before(
    tx: &mut Tx,
    store_id: Uuid,
    item_id: Uuid,
) -> Result<Option<(i64, Option<i64>)>, StoreError> {
    const SQL: &str =
        "SELECT on_hand, avg_cost FROM stock_items WHERE store_id = $1 AND item_id = $2";
    Ok(on_tx!(tx, c => sqlx::query_as(SQL).bind(store_id).bind(item_id).fetch_optional(c).await)?)
}

/// Sets an item's moving average cost (its row exists: the receipt just booked it).
pub async fn set_avg_cost(
    tx: &mut Tx,
    store_id: Uuid,
    item_id: Uuid,
    cost: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE stock_items SET avg_cost = $3 WHERE store_id = $1 AND item_id = $2";
    on_tx!(tx, c => sqlx::query(SQL).bind(store_id).bind(item_id).bind(cost)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// An item's moving average cost in the store, if known.
pub async fn avg_cost(db: &Db, store_id: Uuid, item_id: Uuid) -> Result<Option<i64>, StoreError> {
    const SQL: &str = "SELECT avg_cost FROM stock_items WHERE store_id = $1 AND item_id = $2";
    let row: Option<(Option<i64>,)> = on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(item_id).fetch_optional(p).await)?;
    Ok(row.and_then(|(c,)| c))
}
