//! The append-only record of what was done to staff accounts (no secrets in it).

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// One change to an account.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccountEventRow {
    /// Event id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// When, µs since epoch.
    pub at: i64,
    /// Who did it (none: the `caisse` command on the shop's machine).
    pub actor_id: Option<Uuid>,
    /// The account it was done to.
    pub target_id: Uuid,
    /// What: `created`, `edited`, `deactivated`, `activated`, `password_set`, `pin_set`,
    /// `pin_removed`, `unlocked`, `sessions_revoked`.
    pub action: String,
    /// What changed, as JSON (old and new role, name…; never a password or a PIN).
    pub details: String,
}

/// Records an event in the transaction that made the change.
pub async fn insert(tx: &mut Tx, e: &AccountEventRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO account_events (id, store_id, at, actor_id, target_id, action, details) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(e.id)
        .bind(e.store_id)
        .bind(e.at)
        .bind(e.actor_id)
        .bind(e.target_id)
        .bind(&e.action)
        .bind(&e.details)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The latest events about one account of the store, newest first.
pub async fn for_target(
    db: &Db,
    store_id: Uuid,
    target_id: Uuid,
    limit: i64,
) -> Result<Vec<AccountEventRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, at, actor_id, target_id, action, details FROM account_events \
         WHERE store_id = $1 AND target_id = $2 ORDER BY at DESC, id DESC LIMIT $3";
    Ok(
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(target_id).bind(limit).fetch_all(p).await)?,
    )
}
