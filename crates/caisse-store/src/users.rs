//! Employees' accounts and their sign-in sessions.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A user account as stored (hashes only, never secrets).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    /// User id.
    pub id: Uuid,
    /// Store the user works in.
    pub store_id: Uuid,
    /// Sign-in name (lowercase).
    pub login: String,
    /// Name shown on screens and receipts.
    pub display_name: String,
    /// `owner`, `manager` or `cashier`.
    pub role: String,
    /// Argon2id PHC string of the password.
    pub password_hash: String,
    /// Argon2id PHC string of the PIN, if one is set.
    pub pin_hash: Option<String>,
    /// Whether the account may sign in.
    pub active: bool,
    /// Failed sign-ins since the last success.
    pub failed_attempts: i64,
    /// Locked until this instant (µs since epoch), if locked.
    pub locked_until: Option<i64>,
}

/// Creates a user.
pub async fn insert(tx: &mut Tx, u: &UserRow, now_us: i64) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO users (id, store_id, login, display_name, role, password_hash, pin_hash, active, failed_attempts, locked_until, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(u.id)
        .bind(u.store_id)
        .bind(&u.login)
        .bind(&u.display_name)
        .bind(&u.role)
        .bind(&u.password_hash)
        .bind(&u.pin_hash)
        .bind(u.active)
        .bind(u.failed_attempts)
        .bind(u.locked_until)
        .bind(now_us)
        .execute(c)
.await
.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Finds a user by sign-in name.
pub async fn find_by_login(db: &Db, login: &str) -> Result<Option<UserRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, login, display_name, role, password_hash, pin_hash, active, failed_attempts, locked_until FROM users WHERE login = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(login).fetch_optional(p).await)?)
}

/// Reads a user by id.
pub async fn get(db: &Db, id: Uuid) -> Result<UserRow, StoreError> {
    const SQL: &str = "SELECT id, store_id, login, display_name, role, password_hash, pin_hash, active, failed_attempts, locked_until FROM users WHERE id = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(id).fetch_one(p).await)?)
}

/// Every user of a store, by login.
pub async fn list(db: &Db, store_id: Uuid) -> Result<Vec<UserRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, login, display_name, role, password_hash, pin_hash, active, failed_attempts, locked_until FROM users WHERE store_id = $1 ORDER BY login";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?)
}

/// Someone who can sign in at a till with a PIN: what the PIN pad shows, no secrets.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PinUserRow {
    /// Sign-in name.
    pub login: String,
    /// Name shown on screens.
    pub display_name: String,
    /// `owner`, `manager` or `cashier`.
    pub role: String,
    /// Locked until this instant (µs since epoch), if locked.
    pub locked_until: Option<i64>,
}

/// The store's active accounts that have a PIN, by login (callers sort for display).
pub async fn pin_users(db: &Db, store_id: Uuid) -> Result<Vec<PinUserRow>, StoreError> {
    const SQL: &str = "SELECT login, display_name, role, locked_until FROM users \
         WHERE store_id = $1 AND active AND pin_hash IS NOT NULL ORDER BY login";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?)
}

/// How many accounts exist at all (first start creates an owner when zero).
pub async fn count(db: &Db) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM users";
    let (n,): (i64,) = on_pool!(db, p => sqlx::query_as(SQL).fetch_one(p).await)?;
    Ok(n)
}

/// Records a failed sign-in atomically; locks the account once `lock_after` failures are
/// reached. Returns the new failure count and the lock, if any.
pub async fn record_failure(
    db: &Db,
    id: Uuid,
    lock_after: i64,
    lock_until_us: i64,
) -> Result<(i64, Option<i64>), StoreError> {
    const SQL: &str = "UPDATE users SET failed_attempts = failed_attempts + 1, \
         locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END \
         WHERE id = $1 RETURNING failed_attempts, locked_until";
    let mut tx = db.begin().await?;
    let out = on_tx!(&mut tx, c => sqlx::query_as(SQL)
        .bind(id)
        .bind(lock_after)
        .bind(lock_until_us)
        .fetch_one(c)
        .await)?;
    tx.commit().await?;
    Ok(out)
}

/// Clears the failure counter after a successful sign-in or an expired lock.
pub async fn reset_failures(db: &Db, id: Uuid) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1";
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, c => sqlx::query(SQL).bind(id).execute(c)
.await
.map(|r| r.rows_affected()))?;
    tx.commit().await
}

/// Replaces a user's password and/or PIN hash.
pub async fn set_secrets(
    tx: &mut Tx,
    id: Uuid,
    password_hash: Option<&str>,
    pin_hash: Option<&str>,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET password_hash = COALESCE($2, password_hash), pin_hash = COALESCE($3, pin_hash) WHERE id = $1";
    on_tx!(tx, c => sqlx::query(SQL).bind(id).bind(password_hash).bind(pin_hash).execute(c)
.await
.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A sign-in session as stored (the token's hash, never the token).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    /// Session id.
    pub id: Uuid,
    /// Owner of the session.
    pub user_id: Uuid,
    /// `cookie` (browser) or `bearer` (API client).
    pub kind: String,
    /// Expiry instant, µs since epoch.
    pub expires_at: i64,
    /// When it was revoked (signed out), if it was.
    pub revoked_at: Option<i64>,
}

/// Stores a new session.
pub async fn insert_session(
    db: &Db,
    s: &SessionRow,
    token_hash: &str,
    now_us: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO sessions (id, token_hash, user_id, kind, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, NULL)";
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, c => sqlx::query(SQL)
        .bind(s.id)
        .bind(token_hash)
        .bind(s.user_id)
        .bind(&s.kind)
        .bind(now_us)
        .bind(s.expires_at)
        .execute(c)
.await
.map(|r| r.rows_affected()))?;
    tx.commit().await
}

/// Finds a session by its token's hash.
pub async fn find_session(db: &Db, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
    const SQL: &str =
        "SELECT id, user_id, kind, expires_at, revoked_at FROM sessions WHERE token_hash = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(token_hash).fetch_optional(p).await)?)
}

/// Revokes a session (sign-out); revoking twice is harmless.
pub async fn revoke_session(db: &Db, id: Uuid, now_us: i64) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, c => sqlx::query(SQL).bind(id).bind(now_us).execute(c)
.await
.map(|r| r.rows_affected()))?;
    tx.commit().await
}
