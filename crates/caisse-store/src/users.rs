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
}

/// Creates a user.
pub async fn insert(tx: &mut Tx, u: &UserRow, now_us: i64) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO users (id, store_id, login, display_name, role, password_hash, pin_hash, active, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(u.id)
        .bind(u.store_id)
        .bind(&u.login)
        .bind(&u.display_name)
        .bind(&u.role)
        .bind(&u.password_hash)
        .bind(&u.pin_hash)
        .bind(u.active)
        .bind(now_us)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Finds a user by sign-in name.
pub async fn find_by_login(db: &Db, login: &str) -> Result<Option<UserRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, login, display_name, role, password_hash, pin_hash, active FROM users WHERE login = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(login).fetch_optional(p).await)?)
}

/// Reads a user by id.
pub async fn get(db: &Db, id: Uuid) -> Result<UserRow, StoreError> {
    find(db, id).await?.ok_or(StoreError::NotFound)
}

/// Reads a user by id, if there is one.
pub async fn find(db: &Db, id: Uuid) -> Result<Option<UserRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, login, display_name, role, password_hash, pin_hash, active FROM users WHERE id = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(id).fetch_optional(p).await)?)
}

/// Every user of a store, by login.
pub async fn list(db: &Db, store_id: Uuid) -> Result<Vec<UserRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, login, display_name, role, password_hash, pin_hash, active FROM users WHERE store_id = $1 ORDER BY login";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?)
}

/// The store's active accounts that have a PIN, by login (callers sort for display).
pub async fn pin_users(db: &Db, store_id: Uuid) -> Result<Vec<UserRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, login, display_name, role, password_hash, pin_hash, active FROM users \
         WHERE store_id = $1 AND active AND pin_hash IS NOT NULL ORDER BY login";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?)
}

/// How many accounts exist at all (first start creates an owner when zero).
pub async fn count(db: &Db) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM users";
    let (n,): (i64,) = on_pool!(db, p => sqlx::query_as(SQL).fetch_one(p).await)?;
    Ok(n)
}

/// The store's active owners, read in the transaction that is about to change one of them.
/// On PostgreSQL their rows stay locked until it ends, so two owners cannot each remove the
/// other at once; SQLite's write transactions already run one at a time.
pub async fn active_owners_for_update(
    tx: &mut Tx,
    store_id: Uuid,
) -> Result<Vec<Uuid>, StoreError> {
    const SQLITE: &str = "SELECT id FROM users WHERE store_id = $1 AND role = 'owner' AND active";
    const PG: &str =
        "SELECT id FROM users WHERE store_id = $1 AND role = 'owner' AND active FOR UPDATE";
    let rows: Vec<(Uuid,)> = match tx {
        Tx::Sqlite(t) => {
            sqlx::query_as(SQLITE)
                .bind(store_id)
                .fetch_all(&mut *t.tx)
                .await?
        }
        Tx::Postgres(t) => {
            sqlx::query_as(PG)
                .bind(store_id)
                .fetch_all(&mut **t)
                .await?
        }
    };
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Changes a user's name, role and active flag.
pub async fn update_account(
    tx: &mut Tx,
    id: Uuid,
    display_name: &str,
    role: &str,
    active: bool,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET display_name = $2, role = $3, active = $4 WHERE id = $1";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(id).bind(display_name).bind(role).bind(active).execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Replaces a user's password hash.
pub async fn set_password(tx: &mut Tx, id: Uuid, hash: &str) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET password_hash = $2 WHERE id = $1";
    on_tx!(tx, c => sqlx::query(SQL).bind(id).bind(hash).execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Sets or removes a user's PIN hash.
pub async fn set_pin(tx: &mut Tx, id: Uuid, hash: Option<&str>) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET pin_hash = $2 WHERE id = $1";
    on_tx!(tx, c => sqlx::query(SQL).bind(id).bind(hash).execute(c)
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
    /// `password` (back office, API) or `till` (PIN sign-in on a paired device).
    pub kind: String,
    /// The register a till session is for.
    pub register_id: Option<Uuid>,
    /// The paired device a till session was opened on.
    pub device_id: Option<Uuid>,
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
    const SQL: &str = "INSERT INTO sessions (id, token_hash, user_id, kind, register_id, device_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)";
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, c => sqlx::query(SQL)
        .bind(s.id)
        .bind(token_hash)
        .bind(s.user_id)
        .bind(&s.kind)
        .bind(s.register_id)
        .bind(s.device_id)
        .bind(now_us)
        .bind(s.expires_at)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    tx.commit().await
}

/// Finds a session by its token's hash.
pub async fn find_session(db: &Db, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
    const SQL: &str = "SELECT id, user_id, kind, register_id, device_id, expires_at, revoked_at FROM sessions WHERE token_hash = $1";
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

/// Revokes every live session of a user but `keep` (the caller's own, when they change their
/// password); returns how many were live.
pub async fn revoke_user_sessions(
    tx: &mut Tx,
    user_id: Uuid,
    now_us: i64,
    keep: Option<Uuid>,
) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND ($3 IS NULL OR id <> $3)";
    Ok(
        on_tx!(tx, c => sqlx::query(SQL).bind(user_id).bind(now_us).bind(keep).execute(c)
        .await
        .map(|r| r.rows_affected()))?,
    )
}

/// Revokes every live session opened on a device; returns how many were live.
pub async fn revoke_device_sessions(
    tx: &mut Tx,
    device_id: Uuid,
    now_us: i64,
) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE sessions SET revoked_at = $2 WHERE device_id = $1 AND revoked_at IS NULL AND expires_at > $2";
    Ok(
        on_tx!(tx, c => sqlx::query(SQL).bind(device_id).bind(now_us).execute(c)
        .await
        .map(|r| r.rows_affected()))?,
    )
}
