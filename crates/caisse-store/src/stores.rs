//! Stores (shops) and their settings.

use caisse_core::catalog::Store;
use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

#[derive(sqlx::FromRow)]
struct StoreRow {
    id: Uuid,
    name: String,
    currency: String,
    locale: String,
    time_zone: String,
    tax_mode: String,
    scale_layout: String,
}

impl From<StoreRow> for Store {
    fn from(r: StoreRow) -> Self {
        Store {
            id: r.id,
            name: r.name,
            currency: r.currency,
            locale: r.locale,
            time_zone: r.time_zone,
            tax_mode: r.tax_mode,
            scale_layout: r.scale_layout,
        }
    }
}

const INSERT: &str = "INSERT INTO stores (id, name, currency, locale, time_zone, tax_mode, scale_layout, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

/// Creates a store.
pub async fn insert(tx: &mut Tx, store: &Store, now_us: i64) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(INSERT)
        .bind(store.id)
        .bind(&store.name)
        .bind(&store.currency)
        .bind(&store.locale)
        .bind(&store.time_zone)
        .bind(&store.tax_mode)
        .bind(&store.scale_layout)
        .bind(now_us)
        .execute(c)
.await
.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Reads one store.
pub async fn get(db: &Db, id: Uuid) -> Result<Store, StoreError> {
    const SQL: &str = "SELECT id, name, currency, locale, time_zone, tax_mode, scale_layout FROM stores WHERE id = $1";
    let row: StoreRow = on_pool!(db, p => sqlx::query_as(SQL).bind(id).fetch_one(p).await)?;
    Ok(row.into())
}

/// Every store, oldest first.
pub async fn list(db: &Db) -> Result<Vec<Store>, StoreError> {
    const SQL: &str = "SELECT id, name, currency, locale, time_zone, tax_mode, scale_layout FROM stores ORDER BY created_at, id";
    let rows: Vec<StoreRow> = on_pool!(db, p => sqlx::query_as(SQL).fetch_all(p).await)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Changes a store's settings.
pub async fn update(tx: &mut Tx, store: &Store) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE stores SET name = $2, currency = $3, locale = $4, time_zone = $5, \
         tax_mode = $6, scale_layout = $7 WHERE id = $1";
    let n = on_tx!(tx, c => sqlx::query(SQL)
        .bind(store.id)
        .bind(&store.name)
        .bind(&store.currency)
        .bind(&store.locale)
        .bind(&store.time_zone)
        .bind(&store.tax_mode)
        .bind(&store.scale_layout)
        .execute(c)
.await
.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
