//! Credit notes (store credit): a ledger of movements per note, and the note's balance as a
//! projection updated in the same transaction with atomic SQL (`balance = balance - $1`),
//! never read and rewritten. The database refuses a balance below zero or above what was
//! issued, and refuses to change or delete a movement.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A credit note as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CreditNoteRow {
    /// The code printed for the customer (`CN-…`).
    pub code: String,
    /// The store that issued it.
    pub store_id: Uuid,
    /// Its currency (the store's when issued).
    pub currency: String,
    /// What the return issued, minor units (positive).
    pub issued: i64,
    /// What is left to spend, minor units.
    pub balance: i64,
    /// The return that issued it.
    pub sale_id: Uuid,
    /// The return's store-credit tender.
    pub payment_id: Uuid,
    /// When, µs.
    pub issued_at: i64,
}

/// One change of a note's balance (append-only).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CreditMoveRow {
    /// Movement id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The note.
    pub code: String,
    /// `issue`, `redeem` or `restore` (a voided redemption).
    pub kind: String,
    /// Signed: positive adds to the balance, negative spends it.
    pub amount: i64,
    /// The balance right after this movement.
    pub balance_after: i64,
    /// The return that issued it, or the sale that spent or gave back.
    pub sale_id: Uuid,
    /// The payment row it goes with.
    pub payment_id: Uuid,
    /// When, µs.
    pub occurred_at: i64,
}

/// A note with its issuing return's receipt number, as shown.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CreditNoteInfo {
    /// The code.
    pub code: String,
    /// The store that issued it.
    pub store_id: Uuid,
    /// Its currency.
    pub currency: String,
    /// Issued amount.
    pub issued: i64,
    /// Balance.
    pub balance: i64,
    /// The issuing return.
    pub sale_id: Uuid,
    /// Its receipt number.
    pub receipt_number: String,
    /// When, µs.
    pub issued_at: i64,
}

const MOVE_HEAD: &str = "INSERT INTO credit_note_movements (id, store_id, code, kind, amount, balance_after, sale_id, payment_id, occurred_at) ";

/// Issues notes (the store-credit tenders of completed returns) with their `issue` movements,
/// one multi-row statement each.
pub async fn issue_many(tx: &mut Tx, notes: &[CreditNoteRow]) -> Result<(), StoreError> {
    const NOTE_HEAD: &str = "INSERT INTO credit_notes (code, store_id, currency, issued, balance, sale_id, payment_id, issued_at) ";
    if notes.is_empty() {
        return Ok(());
    }
    for chunk in notes.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(NOTE_HEAD);
            qb.push_values(chunk, |mut b, n| {
                b.push_bind(&n.code).push_bind(n.store_id).push_bind(&n.currency).push_bind(n.issued)
                    .push_bind(n.balance).push_bind(n.sale_id).push_bind(n.payment_id).push_bind(n.issued_at);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(MOVE_HEAD);
            qb.push_values(chunk, |mut b, n| {
                b.push_bind(Uuid::now_v7()).push_bind(n.store_id).push_bind(&n.code).push_bind("issue")
                    .push_bind(n.issued).push_bind(n.issued).push_bind(n.sale_id).push_bind(n.payment_id)
                    .push_bind(n.issued_at);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Reads a note inside a write transaction, locking its row on PostgreSQL (`FOR UPDATE`):
/// two tills spending the same note take turns until the first commits. SQLite needs no row
/// lock: its write transactions (`BEGIN IMMEDIATE`) already run one at a time.
pub async fn lock(tx: &mut Tx, code: &str) -> Result<Option<CreditNoteRow>, StoreError> {
    const SQLITE: &str = "SELECT code, store_id, currency, issued, balance, sale_id, payment_id, issued_at FROM credit_notes WHERE code = $1";
    const POSTGRES: &str = "SELECT code, store_id, currency, issued, balance, sale_id, payment_id, issued_at FROM credit_notes WHERE code = $1 FOR UPDATE";
    Ok(match tx {
        Tx::Sqlite(t) => {
            sqlx::query_as(SQLITE)
                .bind(code)
                .fetch_optional(&mut *t.tx)
                .await?
        }
        Tx::Postgres(t) => {
            sqlx::query_as(POSTGRES)
                .bind(code)
                .fetch_optional(&mut **t)
                .await?
        }
    })
}

/// Changes a note's balance by `m.amount` (negative to spend) atomically and records the
/// movement with the balance the database answers (`m.balance_after` is not used); returns
/// that balance, or `None` when the change would take the balance below zero or above what
/// was issued (nothing is then changed).
pub async fn apply(tx: &mut Tx, m: &CreditMoveRow) -> Result<Option<i64>, StoreError> {
    const UPDATE: &str = "UPDATE credit_notes SET balance = balance + $1 WHERE code = $2 \
        AND balance + $1 >= 0 AND balance + $1 <= issued RETURNING balance";
    let after: Option<(i64,)> = on_tx!(tx, c => sqlx::query_as(UPDATE)
        .bind(m.amount)
        .bind(&m.code)
        .fetch_optional(c)
        .await)?;
    let Some((balance_after,)) = after else {
        return Ok(None);
    };
    const INSERT: &str = "INSERT INTO credit_note_movements (id, store_id, code, kind, amount, balance_after, sale_id, payment_id, occurred_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on_tx!(tx, c => sqlx::query(INSERT)
        .bind(m.id).bind(m.store_id).bind(&m.code).bind(&m.kind).bind(m.amount)
        .bind(balance_after).bind(m.sale_id).bind(m.payment_id).bind(m.occurred_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(Some(balance_after))
}

/// A note with its issuing return's receipt number.
pub async fn get(db: &Db, code: &str) -> Result<Option<CreditNoteInfo>, StoreError> {
    const SQL: &str = "SELECT n.code, n.store_id, n.currency, n.issued, n.balance, n.sale_id, \
        s.receipt_number, n.issued_at FROM credit_notes n JOIN sales s ON s.id = n.sale_id WHERE n.code = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(code).fetch_optional(p).await)?)
}

/// The store and sale of the live tender that gave out this code, when no note exists for it
/// yet (its return is still being rung up). A voided tender gave out nothing.
pub async fn issuing_tender(db: &Db, code: &str) -> Result<Option<(Uuid, Uuid)>, StoreError> {
    const SQL: &str = "SELECT p.store_id, p.sale_id FROM payments p WHERE p.kind = 'store_credit' \
        AND p.terminal_ref = $1 AND p.amount < 0 AND p.reverses IS NULL \
        AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses = p.id) ORDER BY p.created_at LIMIT 1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(code).fetch_optional(p).await)?)
}

/// A note's movements, oldest first.
pub async fn movements(db: &Db, code: &str) -> Result<Vec<CreditMoveRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, code, kind, amount, balance_after, sale_id, payment_id, occurred_at \
        FROM credit_note_movements WHERE code = $1 ORDER BY occurred_at, id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(code).fetch_all(p).await)?)
}

/// The movements a sale or return caused (for its receipt), oldest first.
pub async fn movements_of_sale(db: &Db, sale_id: Uuid) -> Result<Vec<CreditMoveRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, code, kind, amount, balance_after, sale_id, payment_id, occurred_at \
        FROM credit_note_movements WHERE sale_id = $1 ORDER BY occurred_at, id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(sale_id).fetch_all(p).await)?)
}
