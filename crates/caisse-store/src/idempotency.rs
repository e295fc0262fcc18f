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

/// Claims a key for a request being worked on (a statement of its own, committed at once) for
/// the server `owner`. A claim held by a live server is not taken: `false` means another
/// request holds the key. A claim whose server stopped heartbeating before `alive_since` is
/// taken over.
pub async fn claim(
    db: &Db,
    store_id: Uuid,
    key: &str,
    owner: Uuid,
    now_us: i64,
    alive_since_us: i64,
) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO idempotency_claims (store_id, key, owner, claimed_at) VALUES ($1, $2, $3, $4) \
        ON CONFLICT (store_id, key) DO UPDATE SET owner = excluded.owner, claimed_at = excluded.claimed_at \
        WHERE NOT EXISTS (SELECT 1 FROM server_instances s \
            WHERE s.id = idempotency_claims.owner AND s.heartbeat_at >= $5) \
        RETURNING claimed_at";
    let row: Option<(i64,)> = on_pool!(db, p => sqlx::query_as(SQL)
        .bind(store_id).bind(key).bind(owner).bind(now_us).bind(alive_since_us)
        .fetch_optional(p).await)?;
    Ok(row.is_some())
}

/// Ends a claim (the request answered, whatever the answer).
pub async fn release(db: &Db, store_id: Uuid, key: &str, owner: Uuid) -> Result<(), StoreError> {
    const SQL: &str =
        "DELETE FROM idempotency_claims WHERE store_id = $1 AND key = $2 AND owner = $3";
    on_pool!(db, p => sqlx::query(SQL).bind(store_id).bind(key).bind(owner).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records that the server `id` is alive (a heartbeat), registering it on its first beat.
pub async fn heartbeat(db: &Db, id: Uuid, now_us: i64) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO server_instances (id, started_at, heartbeat_at) VALUES ($1, $2, $2) \
        ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at";
    on_pool!(db, p => sqlx::query(SQL).bind(id).bind(now_us).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets servers silent since `before` (their claims are free anyway).
pub async fn forget_servers(db: &Db, before_us: i64) -> Result<(), StoreError> {
    const SQL: &str = "DELETE FROM server_instances WHERE heartbeat_at < $1";
    on_pool!(db, p => sqlx::query(SQL).bind(before_us).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}
