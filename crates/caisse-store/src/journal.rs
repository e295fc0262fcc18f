//! The fiscal journal rows and the register counters that number them.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A register's running counters, read and locked for the length of a write transaction.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Counters {
    /// The register.
    pub register_id: Uuid,
    /// Sequence of the last journal entry (0 before the first).
    pub journal_seq: i64,
    /// Hash of the last journal entry (64 zeros before the first).
    pub journal_hash: String,
    /// Number of the last sale or return document.
    pub sale_seq: i64,
    /// Number of the last Z closure.
    pub z_seq: i64,
    /// Signed sum of every completed document's total since the register was created.
    pub perpetual_total: i64,
}

/// Creates the counters of a new register.
pub async fn insert_counters(tx: &mut Tx, c: &Counters) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO register_counters (register_id, journal_seq, journal_hash, sale_seq, z_seq, perpetual_total) VALUES ($1, $2, $3, $4, $5, $6)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(c.register_id)
        .bind(c.journal_seq)
        .bind(&c.journal_hash)
        .bind(c.sale_seq)
        .bind(c.z_seq)
        .bind(c.perpetual_total)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Reads a register's counters and, on PostgreSQL, locks the row until the transaction ends so
/// two transactions never number the same entry. (SQLite transactions already run one at a
/// time.)
pub async fn lock_counters(tx: &mut Tx, register_id: Uuid) -> Result<Counters, StoreError> {
    const SQLITE: &str = "SELECT register_id, journal_seq, journal_hash, sale_seq, z_seq, perpetual_total FROM register_counters WHERE register_id = $1";
    const PG: &str = "SELECT register_id, journal_seq, journal_hash, sale_seq, z_seq, perpetual_total FROM register_counters WHERE register_id = $1 FOR UPDATE";
    Ok(match tx {
        Tx::Sqlite(t) => {
            sqlx::query_as(SQLITE)
                .bind(register_id)
                .fetch_one(&mut *t.tx)
                .await?
        }
        Tx::Postgres(t) => {
            sqlx::query_as(PG)
                .bind(register_id)
                .fetch_one(&mut **t)
                .await?
        }
    })
}

/// Reads and (on PostgreSQL) locks several registers' counters in one statement, in id order
/// (a stable lock order).
pub async fn lock_counters_many(tx: &mut Tx, ids: &[Uuid]) -> Result<Vec<Counters>, StoreError> {
    const HEAD: &str = "SELECT register_id, journal_seq, journal_hash, sale_seq, z_seq, perpetual_total FROM register_counters WHERE register_id IN (";
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    let postgres = matches!(tx, Tx::Postgres(_));
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows: Vec<Counters> = on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            let mut list = qb.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            qb.push(") ORDER BY register_id");
            if postgres {
                qb.push(" FOR UPDATE");
            }
            qb.build_query_as().fetch_all(c).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

/// Writes back several registers' counters in one statement.
pub async fn save_counters_many(tx: &mut Tx, rows: &[Counters]) -> Result<(), StoreError> {
    const HEAD: &str = "UPDATE register_counters SET journal_seq = v.column2, journal_hash = v.column3, sale_seq = v.column4, z_seq = v.column5, perpetual_total = v.column6 FROM (";
    const TAIL: &str = ") AS v WHERE register_counters.register_id = v.column1";
    for chunk in rows.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(r.register_id).push_bind(r.journal_seq).push_bind(&r.journal_hash)
                    .push_bind(r.sale_seq).push_bind(r.z_seq).push_bind(r.perpetual_total);
            });
            qb.push(TAIL);
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Reads a register's counters without locking.
pub async fn counters(db: &Db, register_id: Uuid) -> Result<Counters, StoreError> {
    const SQL: &str = "SELECT register_id, journal_seq, journal_hash, sale_seq, z_seq, perpetual_total FROM register_counters WHERE register_id = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(register_id).fetch_one(p).await)?)
}

/// Writes back counters read with [`lock_counters`].
pub async fn save_counters(tx: &mut Tx, c: &Counters) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE register_counters SET journal_seq = $2, journal_hash = $3, sale_seq = $4, z_seq = $5, perpetual_total = $6 WHERE register_id = $1";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(c.register_id)
        .bind(c.journal_seq)
        .bind(&c.journal_hash)
        .bind(c.sale_seq)
        .bind(c.z_seq)
        .bind(c.perpetual_total)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// One journal row as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JournalRow {
    /// The register whose chain this entry belongs to.
    pub register_id: Uuid,
    /// Gap-free position in the register's chain, from 1.
    pub seq: i64,
    /// The store.
    pub store_id: Uuid,
    /// Event kind (`sale`, `return`, `cancellation`, `drawer_open`, …).
    pub kind: String,
    /// The document the event is about, if any.
    pub document_id: Option<Uuid>,
    /// When it happened, µs since the epoch.
    pub occurred_at: i64,
    /// The canonical JSON of the event (what the hash covers).
    pub payload: String,
    /// Hash of the previous entry.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// Appends a journal row.
pub async fn insert_entry(tx: &mut Tx, r: &JournalRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO journal (register_id, seq, store_id, kind, document_id, occurred_at, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(r.register_id)
        .bind(r.seq)
        .bind(r.store_id)
        .bind(&r.kind)
        .bind(r.document_id)
        .bind(r.occurred_at)
        .bind(&r.payload)
        .bind(&r.prev_hash)
        .bind(&r.hash)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Appends several journal rows in one statement (per chunk).
pub async fn insert_entries(tx: &mut Tx, rows: &[JournalRow]) -> Result<(), StoreError> {
    const HEAD: &str = "INSERT INTO journal (register_id, seq, store_id, kind, document_id, occurred_at, payload, prev_hash, hash) ";
    for chunk in rows.chunks(500) {
        on_tx!(tx, conn => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(r.register_id).push_bind(r.seq).push_bind(r.store_id).push_bind(&r.kind)
                    .push_bind(r.document_id).push_bind(r.occurred_at).push_bind(&r.payload)
                    .push_bind(&r.prev_hash).push_bind(&r.hash);
            });
            qb.build().execute(conn).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// A register's journal in the order the database returns it by sequence.
pub async fn entries(db: &Db, register_id: Uuid) -> Result<Vec<JournalRow>, StoreError> {
    const SQL: &str = "SELECT register_id, seq, store_id, kind, document_id, occurred_at, payload, prev_hash, hash FROM journal WHERE register_id = $1 ORDER BY seq";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(register_id).fetch_all(p).await)?)
}

/// Every register that has counters (for verifying all chains).
pub async fn register_ids(db: &Db) -> Result<Vec<Uuid>, StoreError> {
    const SQL: &str = "SELECT register_id FROM register_counters ORDER BY register_id";
    let rows: Vec<(Uuid,)> = on_pool!(db, p => sqlx::query_as(SQL).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
