//! Receipt reprints: every duplicate handed out is numbered per sale and kept (append-only).

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// One duplicate of a receipt, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PrintRow {
    /// Print id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The sale whose receipt was reprinted.
    pub sale_id: Uuid,
    /// Which duplicate of the sale's receipt this is, from 1.
    pub copy: i32,
    /// Who asked for it.
    pub user_id: Uuid,
    /// When, µs.
    pub printed_at: i64,
    /// Its entry in the register's journal.
    pub journal_seq: i64,
}

/// Records a duplicate; a copy number already used for the sale is a conflict on
/// `receipt_prints_copy_key`.
pub async fn insert_print(tx: &mut Tx, p: &PrintRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO receipt_prints (id, store_id, sale_id, copy, user_id, printed_at, journal_seq) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(p.id)
        .bind(p.store_id)
        .bind(p.sale_id)
        .bind(p.copy)
        .bind(p.user_id)
        .bind(p.printed_at)
        .bind(p.journal_seq)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The highest copy number given for a sale's receipt (0 before the first duplicate), read
/// inside the transaction that records the next one.
pub async fn max_copy(tx: &mut Tx, sale_id: Uuid) -> Result<i64, StoreError> {
    const SQL: &str =
        "SELECT CAST(COALESCE(MAX(copy), 0) AS BIGINT) FROM receipt_prints WHERE sale_id = $1";
    let (max,): (i64,) = on_tx!(tx, c => sqlx::query_as(SQL).bind(sale_id).fetch_one(c).await)?;
    Ok(max)
}

/// How many duplicates of a sale's receipt were handed out.
pub async fn count(db: &Db, sale_id: Uuid) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM receipt_prints WHERE sale_id = $1";
    let (n,): (i64,) = on_pool!(db, p => sqlx::query_as(SQL).bind(sale_id).fetch_one(p).await)?;
    Ok(n)
}

/// The duplicates of a sale's receipt in copy order.
pub async fn prints(db: &Db, sale_id: Uuid) -> Result<Vec<PrintRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, sale_id, copy, user_id, printed_at, journal_seq FROM receipt_prints WHERE sale_id = $1 ORDER BY copy";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(sale_id).fetch_all(p).await)?)
}
