//! A store's quick keys: named groups of keys, replaced whole under a version number.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// One group as stored, in till order.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct GroupRow {
    /// Place of the group, from 0.
    pub position: i32,
    /// Name shown on the group's tab.
    pub name: String,
}

/// One key as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KeyRow {
    /// The group's position.
    pub group_position: i32,
    /// Place of the key in its group, from 0.
    pub position: i32,
    /// The sellable item: a product without variants, or a variant.
    pub item_id: Uuid,
    /// The key's own label; `None` shows the item's name.
    pub label: Option<String>,
    /// Palette colour (`slate`, `amber`…).
    pub colour: String,
}

/// A store's whole set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySet {
    /// Grows by one with each replacement; 0 before the first.
    pub version: i64,
    /// Groups by position.
    pub groups: Vec<GroupRow>,
    /// Keys by group, then position.
    pub keys: Vec<KeyRow>,
}

/// The store's set (version 0 and nothing in it when none was ever saved).
pub async fn load(db: &Db, store_id: Uuid) -> Result<KeySet, StoreError> {
    const VERSION: &str = "SELECT version FROM quick_key_sets WHERE store_id = $1";
    const GROUPS: &str =
        "SELECT position, name FROM quick_key_groups WHERE store_id = $1 ORDER BY position";
    const KEYS: &str = "SELECT group_position, position, item_id, label, colour FROM quick_keys \
         WHERE store_id = $1 ORDER BY group_position, position";
    let version: Option<(i64,)> =
        on_pool!(db, p => sqlx::query_as(VERSION).bind(store_id).fetch_optional(p).await)?;
    let groups = on_pool!(db, p => sqlx::query_as(GROUPS).bind(store_id).fetch_all(p).await)?;
    let keys = on_pool!(db, p => sqlx::query_as(KEYS).bind(store_id).fetch_all(p).await)?;
    Ok(KeySet {
        version: version.map_or(0, |(v,)| v),
        groups,
        keys,
    })
}

/// Why a replacement was refused.
#[derive(Debug)]
pub enum ReplaceError {
    /// The set is no longer at the version the caller read: it is now at this one.
    Stale(i64),
    /// The database failed.
    Store(StoreError),
}

impl From<StoreError> for ReplaceError {
    fn from(e: StoreError) -> Self {
        ReplaceError::Store(e)
    }
}

impl From<sqlx::Error> for ReplaceError {
    fn from(e: sqlx::Error) -> Self {
        ReplaceError::Store(e.into())
    }
}

/// Replaces the store's whole set if it is still at `expected` (0 for a store that never had
/// one), and returns the new version. Nothing is written when the version does not match.
pub async fn replace(
    tx: &mut Tx,
    store_id: Uuid,
    expected: i64,
    groups: &[GroupRow],
    keys: &[KeyRow],
    now_us: i64,
) -> Result<i64, ReplaceError> {
    const ENSURE: &str = "INSERT INTO quick_key_sets (store_id, version, updated_at) VALUES ($1, 0, $2) \
         ON CONFLICT (store_id) DO NOTHING";
    // The row lock taken here (PostgreSQL) or the writer's turn (SQLite) keeps a concurrent
    // replacement waiting until this one commits; it then finds the version moved on.
    const BUMP: &str = "UPDATE quick_key_sets SET version = version + 1, updated_at = $3 \
         WHERE store_id = $1 AND version = $2 RETURNING version";
    const CURRENT: &str = "SELECT version FROM quick_key_sets WHERE store_id = $1";
    const DELETE_KEYS: &str = "DELETE FROM quick_keys WHERE store_id = $1";
    const DELETE_GROUPS: &str = "DELETE FROM quick_key_groups WHERE store_id = $1";
    on_tx!(tx, c => sqlx::query(ENSURE).bind(store_id).bind(now_us).execute(c).await.map(|r| r.rows_affected()))?;
    let bumped: Option<(i64,)> = on_tx!(tx, c => sqlx::query_as(BUMP)
        .bind(store_id).bind(expected).bind(now_us).fetch_optional(c).await)?;
    let Some((version,)) = bumped else {
        let (current,): (i64,) =
            on_tx!(tx, c => sqlx::query_as(CURRENT).bind(store_id).fetch_one(c).await)?;
        return Err(ReplaceError::Stale(current));
    };
    on_tx!(tx, c => sqlx::query(DELETE_KEYS).bind(store_id).execute(c).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, c => sqlx::query(DELETE_GROUPS).bind(store_id).execute(c).await.map(|r| r.rows_affected()))?;
    insert_groups(tx, store_id, groups).await?;
    insert_keys(tx, store_id, keys).await?;
    Ok(version)
}

async fn insert_groups(tx: &mut Tx, store_id: Uuid, groups: &[GroupRow]) -> Result<(), StoreError> {
    const HEAD: &str = "INSERT INTO quick_key_groups (store_id, position, name) ";
    if groups.is_empty() {
        return Ok(());
    }
    on_tx!(tx, c => {
        let mut qb = sqlx::QueryBuilder::new(HEAD);
        qb.push_values(groups, |mut b, g| {
            b.push_bind(store_id).push_bind(g.position).push_bind(&g.name);
        });
        qb.build().execute(c).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

async fn insert_keys(tx: &mut Tx, store_id: Uuid, keys: &[KeyRow]) -> Result<(), StoreError> {
    const HEAD: &str =
        "INSERT INTO quick_keys (store_id, group_position, position, item_id, label, colour) ";
    // Six values a row: well under either backend's limit on bound parameters per statement.
    for chunk in keys.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            qb.push_values(chunk, |mut b, k| {
                b.push_bind(store_id).push_bind(k.group_position).push_bind(k.position)
                    .push_bind(k.item_id).push_bind(&k.label).push_bind(&k.colour);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}
