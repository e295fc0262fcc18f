//! Till devices paired with a register: the token's hash, who paired it, whether revoked.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A paired device as stored (the token's SHA-256 only).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DeviceRow {
    /// Device id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The register the device is.
    pub register_id: Uuid,
    /// A name to tell devices apart (`Caisse 1 tablet`).
    pub name: String,
    /// The manager who paired it.
    pub paired_by: Uuid,
    /// When, µs since epoch.
    pub paired_at: i64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
    /// Who revoked it.
    pub revoked_by: Option<Uuid>,
}

/// Stores a newly paired device.
pub async fn insert(tx: &mut Tx, d: &DeviceRow, token_hash: &str) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO devices (id, store_id, register_id, name, token_hash, paired_by, paired_at, revoked_at, revoked_by) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(d.id)
        .bind(d.store_id)
        .bind(d.register_id)
        .bind(&d.name)
        .bind(token_hash)
        .bind(d.paired_by)
        .bind(d.paired_at)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The device a token belongs to (revoked ones included: the caller decides).
pub async fn find_by_token(db: &Db, token_hash: &str) -> Result<Option<DeviceRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, register_id, name, paired_by, paired_at, revoked_at, revoked_by FROM devices WHERE token_hash = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(token_hash).fetch_optional(p).await)?)
}

/// One device of a store.
pub async fn get(db: &Db, store_id: Uuid, id: Uuid) -> Result<Option<DeviceRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, register_id, name, paired_by, paired_at, revoked_at, revoked_by FROM devices WHERE store_id = $1 AND id = $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(id).fetch_optional(p).await)?)
}

/// The store's devices, newest first.
pub async fn list(db: &Db, store_id: Uuid) -> Result<Vec<DeviceRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, register_id, name, paired_by, paired_at, revoked_at, revoked_by FROM devices WHERE store_id = $1 ORDER BY paired_at DESC, id DESC";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?)
}

/// Revokes a device; returns false when it was already revoked.
pub async fn revoke(tx: &mut Tx, id: Uuid, by: Uuid, now_us: i64) -> Result<bool, StoreError> {
    const SQL: &str =
        "UPDATE devices SET revoked_at = $3, revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(id).bind(by).bind(now_us).execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}
