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

/// What a receipt's head and foot said when a sale completed (append-only, one row per
/// distinct content).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReceiptHeadRow {
    /// Derived from the content, so the same head is stored once.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The store's name.
    pub store_name: String,
    /// Its address, one line per `\n`.
    pub address: String,
    /// Its tax identification.
    pub tax_id: String,
    /// The register's name.
    pub register_name: String,
    /// The receipt footer, one line per `\n`.
    pub footer: String,
}

/// Stores heads not stored yet (a head already there is the same content: nothing to do).
pub async fn insert_heads(tx: &mut Tx, heads: &[ReceiptHeadRow]) -> Result<(), StoreError> {
    const HEAD: &str = "INSERT INTO receipt_heads (id, store_id, store_name, address, tax_id, register_name, footer) ";
    if heads.is_empty() {
        return Ok(());
    }
    on_tx!(tx, c => {
        let mut qb = sqlx::QueryBuilder::new(HEAD);
        qb.push_values(heads, |mut b, h| {
            b.push_bind(h.id).push_bind(h.store_id).push_bind(&h.store_name).push_bind(&h.address)
                .push_bind(&h.tax_id).push_bind(&h.register_name).push_bind(&h.footer);
        });
        qb.push(" ON CONFLICT (id) DO NOTHING");
        qb.build().execute(c).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A stored head.
pub async fn head(db: &Db, id: Uuid) -> Result<Option<ReceiptHeadRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, store_name, address, tax_id, register_name, footer FROM receipt_heads WHERE id = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(id).fetch_optional(p).await)?)
}
