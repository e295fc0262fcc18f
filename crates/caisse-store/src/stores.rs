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

/// Creates a store (with its version row and its first stock location, the sales floor).
pub async fn insert(tx: &mut Tx, store: &Store, now_us: i64) -> Result<(), StoreError> {
    const VERSION: &str = "INSERT INTO store_versions (store_id, version) VALUES ($1, 1)";
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
    on_tx!(tx, c => sqlx::query(VERSION).bind(store.id).execute(c).await.map(|r| r.rows_affected()))?;
    crate::stock_setup::insert_default_location(tx, store.id, now_us).await?;
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
    // Not the tax mode: it changes only with the checkout settings.
    const SQL: &str = "UPDATE stores SET name = $2, currency = $3, locale = $4, time_zone = $5, \
         scale_layout = $6 WHERE id = $1";
    let n = on_tx!(tx, c => sqlx::query(SQL)
        .bind(store.id)
        .bind(&store.name)
        .bind(&store.currency)
        .bind(&store.locale)
        .bind(&store.time_zone)
        .bind(&store.scale_layout)
        .execute(c)
.await
.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// A store's checkout settings (beyond the catalog's `Store`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CheckoutSettings {
    /// `inclusive` (VAT) or `exclusive` (sales tax).
    pub tax_mode: String,
    /// `per_line` or `per_document` tax rounding.
    pub tax_scope: String,
    /// Cash rounding step in minor units (0: none; 5: nearest 0.05).
    pub cash_rounding: i64,
    /// Address lines for receipts.
    pub address: String,
    /// Tax identification printed on receipts.
    pub tax_id: String,
    /// Footer printed on receipts.
    pub receipt_footer: String,
    /// Largest discount a cashier may give alone, percent in ten-thousandths.
    pub cashier_discount_limit: i64,
    /// Hour (local) before which a sale belongs to the previous business day.
    pub day_cutoff_hour: i64,
    /// Minutes without activity before the till locks (0: never).
    pub pos_lock_minutes: i64,
    /// The largest cash amount handled at once, minor units (None: the default).
    pub cash_limit: Option<i64>,
}

/// Reads a store's checkout settings.
pub async fn checkout_settings(db: &Db, id: Uuid) -> Result<CheckoutSettings, StoreError> {
    const SQL: &str = "SELECT tax_mode, tax_scope, cash_rounding, address, tax_id, receipt_footer, cashier_discount_limit, day_cutoff_hour, pos_lock_minutes, cash_limit FROM stores WHERE id = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(id).fetch_one(p).await)?)
}

/// Changes a store's checkout settings.
pub async fn update_checkout_settings(
    tx: &mut Tx,
    id: Uuid,
    s: &CheckoutSettings,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE stores SET tax_mode = $2, tax_scope = $3, cash_rounding = $4, address = $5, tax_id = $6, receipt_footer = $7, cashier_discount_limit = $8, day_cutoff_hour = $9, pos_lock_minutes = $10, cash_limit = $11 WHERE id = $1";
    let n = on_tx!(tx, c => sqlx::query(SQL)
        .bind(id).bind(&s.tax_mode).bind(&s.tax_scope).bind(s.cash_rounding).bind(&s.address)
        .bind(&s.tax_id).bind(&s.receipt_footer).bind(s.cashier_discount_limit).bind(s.day_cutoff_hour)
        .bind(s.pos_lock_minutes).bind(s.cash_limit)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Bumps the store's version in a transaction that changes its settings, catalog, registers,
/// drawers or staff: the servers sharing the database see it and refresh what they cache.
pub async fn bump_version(tx: &mut Tx, store_id: Uuid) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE store_versions SET version = version + 1 WHERE store_id = $1";
    on_tx!(tx, c => sqlx::query(SQL).bind(store_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Every store's version.
pub async fn versions(db: &Db) -> Result<Vec<(Uuid, i64)>, StoreError> {
    const SQL: &str = "SELECT store_id, version FROM store_versions";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).fetch_all(p).await)?)
}
