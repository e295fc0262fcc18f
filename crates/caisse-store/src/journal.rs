//! The fiscal journal rows and the register counters that number them.
//!
//! Entries are only ever added through [`Journal`]: it holds the registers' counters locked
//! for the transaction, appends entries to their chains in memory, and [`Journal::write`]
//! inserts the entries and saves the counters together, so a stored entry always has the
//! chain head that follows it, and a head never moves without its entries.

use caisse_core::journal::{ChainHead, JournalEntry};
use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// The chain heads and numbers of some registers, locked for the length of a write
/// transaction, and the journal entries appended to them meanwhile.
///
/// It is the only way to add journal entries: [`write`](Self::write) inserts every entry
/// appended and saves every register's counters in the same call. Dropped without `write`
/// (an error on the way), it stores nothing, and the transaction rolls back the rest.
#[derive(Debug)]
#[must_use = "appended entries and changed numbers are only stored by `Journal::write`"]
pub struct Journal {
    /// Locked counters, by register id (a batch holds a few registers).
    heads: Vec<Counters>,
    /// Entries appended, in order.
    entries: Vec<JournalRow>,
}

/// An event to append to a register's chain.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    /// The register whose chain it joins.
    pub register_id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// Event kind (`sale`, `drawer_open`, …).
    pub kind: &'a str,
    /// The document it is about, if any.
    pub document_id: Option<Uuid>,
    /// When it happened, µs since the epoch.
    pub occurred_at: i64,
    /// The event (a JSON object; amounts as decimal strings or integers).
    pub event: serde_json::Value,
}

impl Journal {
    /// Locks one register's counters (on PostgreSQL the row stays locked until the
    /// transaction ends).
    pub async fn lock(tx: &mut Tx, register_id: Uuid) -> Result<Journal, StoreError> {
        Ok(Journal {
            heads: vec![lock_counters(tx, register_id).await?],
            entries: Vec::new(),
        })
    }

    /// Locks several registers' counters in one statement, in id order (a stable lock
    /// order). Registers without counters are left out.
    pub async fn lock_many(tx: &mut Tx, register_ids: &[Uuid]) -> Result<Journal, StoreError> {
        Ok(Journal {
            heads: lock_counters_many(tx, register_ids).await?,
            entries: Vec::new(),
        })
    }

    fn head_mut(&mut self, register_id: Uuid) -> Result<&mut Counters, StoreError> {
        self.heads
            .iter_mut()
            .find(|c| c.register_id == register_id)
            .ok_or(StoreError::NotFound)
    }

    /// A locked register's counters as they stand (entries appended included).
    pub fn counters(&self, register_id: Uuid) -> Option<&Counters> {
        self.heads.iter().find(|c| c.register_id == register_id)
    }

    /// Appends an event to its register's chain: numbers and hashes it, and moves the head
    /// on. Nothing changes when it fails.
    pub fn append(&mut self, e: NewEntry<'_>) -> Result<&JournalRow, StoreError> {
        let head = self.head_mut(e.register_id)?;
        let seq = u64::try_from(head.journal_seq)
            .map_err(|_| StoreError::OutOfRange("a negative journal sequence".into()))?;
        let chain = ChainHead {
            seq,
            hash: head.journal_hash.clone(),
        };
        let entry = JournalEntry::next(&chain, e.kind, e.event)?;
        let seq = i64::try_from(entry.seq)
            .map_err(|_| StoreError::OutOfRange("the journal sequence".into()))?;
        head.journal_seq = seq;
        head.journal_hash.clone_from(&entry.hash);
        self.entries.push(JournalRow {
            register_id: e.register_id,
            seq,
            store_id: e.store_id,
            kind: entry.kind,
            document_id: e.document_id,
            occurred_at: e.occurred_at,
            payload: entry.payload,
            prev_hash: entry.prev_hash,
            hash: entry.hash,
        });
        self.entries.last().ok_or(StoreError::NotFound)
    }

    /// Appends a sale, return or cancellation's event, and with it (all or nothing) sets the
    /// register's last document number and its perpetual grand total.
    pub fn append_document(
        &mut self,
        e: NewEntry<'_>,
        sale_seq: i64,
        perpetual_total: i64,
    ) -> Result<&JournalRow, StoreError> {
        let register_id = e.register_id;
        self.append(e)?;
        let head = self.head_mut(register_id)?;
        head.sale_seq = sale_seq;
        head.perpetual_total = perpetual_total;
        self.entries.last().ok_or(StoreError::NotFound)
    }

    /// Sets the number of the register's last Z closure.
    pub fn set_z_seq(&mut self, register_id: Uuid, n: i64) -> Result<(), StoreError> {
        self.head_mut(register_id)?.z_seq = n;
        Ok(())
    }

    /// The entries appended so far, in order.
    pub fn entries(&self) -> &[JournalRow] {
        &self.entries
    }

    /// Inserts every entry appended (one statement per 500) and saves every locked
    /// register's counters, inside the caller's transaction.
    pub async fn write(self, tx: &mut Tx) -> Result<(), StoreError> {
        insert_entries(tx, &self.entries).await?;
        match self.heads.as_slice() {
            [one] => save_counters(tx, one).await,
            many => save_counters_many(tx, many).await,
        }
    }
}

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
async fn lock_counters(tx: &mut Tx, register_id: Uuid) -> Result<Counters, StoreError> {
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
async fn lock_counters_many(tx: &mut Tx, ids: &[Uuid]) -> Result<Vec<Counters>, StoreError> {
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
async fn save_counters_many(tx: &mut Tx, rows: &[Counters]) -> Result<(), StoreError> {
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

/// Writes back one register's counters (read with [`lock_counters`]).
async fn save_counters(tx: &mut Tx, c: &Counters) -> Result<(), StoreError> {
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

/// Appends several journal rows in one statement (per chunk).
async fn insert_entries(tx: &mut Tx, rows: &[JournalRow]) -> Result<(), StoreError> {
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

#[cfg(test)]
mod tests {
    use caisse_core::catalog::Store;
    use caisse_core::journal::{GENESIS_HASH, verify_chain};
    use serde_json::json;

    use super::*;
    use crate::registers::{RegisterRow, insert_register};

    async fn shop(db: &Db) -> (Uuid, [Uuid; 2]) {
        let store = Store {
            id: Uuid::now_v7(),
            name: "Journal shop".into(),
            currency: "EUR".into(),
            locale: "fr-FR".into(),
            time_zone: "Europe/Paris".into(),
            tax_mode: "inclusive".into(),
            scale_layout: "none".into(),
        };
        let mut tx = db.begin().await.unwrap();
        crate::stores::insert(&mut tx, &store, 1).await.unwrap();
        let mut ids = [Uuid::nil(); 2];
        for (i, code) in ["T1", "T2"].into_iter().enumerate() {
            let r = RegisterRow {
                id: Uuid::now_v7(),
                store_id: store.id,
                code: code.into(),
                name: code.into(),
                printer: None,
                receipt_width: 42,
                active: true,
            };
            insert_register(&mut tx, &r, 1).await.unwrap();
            insert_counters(
                &mut tx,
                &Counters {
                    register_id: r.id,
                    journal_seq: 0,
                    journal_hash: GENESIS_HASH.into(),
                    sale_seq: 0,
                    z_seq: 0,
                    perpetual_total: 0,
                },
            )
            .await
            .unwrap();
            ids[i] = r.id;
        }
        tx.commit().await.unwrap();
        (store.id, ids)
    }

    fn entry(register_id: Uuid, store_id: Uuid, kind: &str, n: i64) -> NewEntry<'_> {
        NewEntry {
            register_id,
            store_id,
            kind,
            document_id: Some(Uuid::now_v7()),
            occurred_at: n,
            event: json!({ "n": n, "amount": format!("{n}.00") }),
        }
    }

    fn chain_of(rows: &[JournalRow]) -> Vec<JournalEntry> {
        rows.iter()
            .map(|r| JournalEntry {
                seq: u64::try_from(r.seq).unwrap(),
                kind: r.kind.clone(),
                payload: r.payload.clone(),
                prev_hash: r.prev_hash.clone(),
                hash: r.hash.clone(),
            })
            .collect()
    }

    /// Entries appended one at a time, several in one transaction, on two registers at once,
    /// and appended then dropped unwritten: both chains verify, end at their counters, and
    /// the numbers set beside them are saved.
    #[tokio::test]
    async fn chains_verify_after_mixed_appends() {
        for (backend, t) in crate::testing::all_backends().await {
            let db = &t.db;
            let (store, [a, b]) = shop(db).await;
            let mut n = 0;
            let mut next = || {
                n += 1;
                n
            };
            // One entry on one register (a drawer opening).
            let mut tx = db.begin().await.unwrap();
            let mut j = Journal::lock(&mut tx, a).await.unwrap();
            assert_eq!(
                j.append(entry(a, store, "drawer_open", next()))
                    .unwrap()
                    .seq,
                1
            );
            j.write(&mut tx).await.unwrap();
            tx.commit().await.unwrap();
            // A batch: both registers, several documents each, numbers and totals moved.
            let mut tx = db.begin().await.unwrap();
            let mut j = Journal::lock_many(&mut tx, &[b, a, b]).await.unwrap();
            j.append_document(entry(a, store, "sale", next()), 1, 1000)
                .unwrap();
            j.append(entry(b, store, "drawer_open", next())).unwrap();
            j.append_document(entry(a, store, "return", next()), 2, 1250)
                .unwrap();
            j.append_document(entry(b, store, "sale", next()), 1, 0)
                .unwrap();
            assert_eq!(j.entries().len(), 4);
            j.write(&mut tx).await.unwrap();
            tx.commit().await.unwrap();
            // Appended but never written: nothing is stored, the head does not move.
            let mut tx = db.begin().await.unwrap();
            let mut j = Journal::lock(&mut tx, a).await.unwrap();
            j.append(entry(a, store, "sale", next())).unwrap();
            drop(j);
            tx.commit().await.unwrap();
            // A refused event changes nothing; the next one chains on.
            let mut tx = db.begin().await.unwrap();
            let mut j = Journal::lock(&mut tx, a).await.unwrap();
            let mut bad = entry(a, store, "reprint", next());
            bad.event = json!(["not", "an", "object"]);
            assert!(j.append(bad).is_err());
            assert!(j.append(entry(Uuid::now_v7(), store, "sale", 0)).is_err());
            j.append(entry(a, store, "z", next())).unwrap();
            j.set_z_seq(a, 1).unwrap();
            j.write(&mut tx).await.unwrap();
            tx.commit().await.unwrap();

            for (register, count) in [(a, 4), (b, 2)] {
                let rows = entries(db, register).await.unwrap();
                let verified = verify_chain(&chain_of(&rows))
                    .unwrap_or_else(|e| panic!("{backend:?}: {}", e.message));
                assert_eq!(verified.count, count, "{backend:?}");
                let c = counters(db, register).await.unwrap();
                assert_eq!(c.journal_seq, count as i64, "{backend:?}");
                assert_eq!(Some(&c.journal_hash), rows.last().map(|r| &r.hash));
            }
            let c = counters(db, a).await.unwrap();
            assert_eq!((c.sale_seq, c.z_seq, c.perpetual_total), (2, 1, 1250));
            assert_eq!(counters(db, b).await.unwrap().sale_seq, 1);
        }
    }
}
