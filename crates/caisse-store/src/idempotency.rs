//! Stored answers to requests a terminal may retry (`Idempotency-Key`).

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A stored answer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IdempotencyRow {
    /// The store.
    pub store_id: Uuid,
    /// The client's key.
    pub key: String,
    /// What the key was used for (`complete_sale:<id>`, `refund`, …).
    pub scope: String,
    /// SHA-256 of the request payload, to refuse the same key with another payload.
    pub request_hash: String,
    /// HTTP status of the stored answer.
    pub status: i32,
    /// The stored answer (JSON).
    pub response: String,
    /// When, µs.
    pub created_at: i64,
}

/// Stores an answer in the transaction that produced it; a conflict on
/// `idempotency_keys_pkey` means another request with the key won the race.
pub async fn insert(tx: &mut Tx, r: &IdempotencyRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO idempotency_keys (store_id, key, scope, request_hash, status, response, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(r.store_id).bind(&r.key).bind(&r.scope).bind(&r.request_hash).bind(r.status)
        .bind(&r.response).bind(r.created_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Stores several answers in one statement (per chunk).
pub async fn insert_many(tx: &mut Tx, rows: &[IdempotencyRow]) -> Result<(), StoreError> {
    const HEAD: &str = "INSERT INTO idempotency_keys (store_id, key, scope, request_hash, status, response, created_at) ";
    for chunk in rows.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(r.store_id).push_bind(&r.key).push_bind(&r.scope).push_bind(&r.request_hash)
                    .push_bind(r.status).push_bind(&r.response).push_bind(r.created_at);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// The stored answer for a key, if any.
pub async fn get(db: &Db, store_id: Uuid, key: &str) -> Result<Option<IdempotencyRow>, StoreError> {
    const SQL: &str = "SELECT store_id, key, scope, request_hash, status, response, created_at FROM idempotency_keys WHERE store_id = $1 AND key = $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(key).fetch_optional(p).await)?)
}

/// Claims a key for a request being worked on (a statement of its own, committed at once). A
/// claim still in force is not taken: `false` means another request holds the key. A claim
/// past its expiry belonged to a server that stopped, and is taken over.
pub async fn claim(
    db: &Db,
    store_id: Uuid,
    key: &str,
    now_us: i64,
    expires_us: i64,
) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO idempotency_claims (store_id, key, claimed_at, expires_at) VALUES ($1, $2, $3, $4) \
        ON CONFLICT (store_id, key) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at \
        WHERE idempotency_claims.expires_at < excluded.claimed_at RETURNING claimed_at";
    let row: Option<(i64,)> = on_pool!(db, p => sqlx::query_as(SQL)
        .bind(store_id).bind(key).bind(now_us).bind(expires_us)
        .fetch_optional(p).await)?;
    Ok(row.is_some())
}

/// Ends a claim (the request answered, whatever the answer).
pub async fn release(
    db: &Db,
    store_id: Uuid,
    key: &str,
    claimed_at: i64,
) -> Result<(), StoreError> {
    const SQL: &str =
        "DELETE FROM idempotency_claims WHERE store_id = $1 AND key = $2 AND claimed_at = $3";
    on_pool!(db, p => sqlx::query(SQL).bind(store_id).bind(key).bind(claimed_at).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}
