//! A store's tax table: one or more rates per tax category.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// One rate of a category. `rate_e4` is the percentage in ten-thousandths (5.5 % = 55000).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TaxRateRow {
    /// The tax category (`standard`, `reduced`).
    pub category: String,
    /// The rate's code, unique in the category (`VAT20`, `STATE`).
    pub code: String,
    /// Label on receipts (`TVA 20 %`).
    pub label: String,
    /// The percentage in ten-thousandths.
    pub rate_e4: i64,
    /// Order within the category.
    pub position: i32,
}

/// The store's whole table.
pub async fn list(db: &Db, store_id: Uuid) -> Result<Vec<TaxRateRow>, StoreError> {
    const SQL: &str = "SELECT category, code, label, rate_e4, position FROM tax_rates WHERE store_id = $1 ORDER BY category, position";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?)
}

/// Replaces the store's whole table.
pub async fn replace(tx: &mut Tx, store_id: Uuid, rows: &[TaxRateRow]) -> Result<(), StoreError> {
    const DELETE: &str = "DELETE FROM tax_rates WHERE store_id = $1";
    const INSERT: &str = "INSERT INTO tax_rates (store_id, category, code, label, rate_e4, position) VALUES ($1, $2, $3, $4, $5, $6)";
    on_tx!(tx, c => sqlx::query(DELETE).bind(store_id).execute(c).await.map(|r| r.rows_affected()))?;
    for r in rows {
        on_tx!(tx, c => sqlx::query(INSERT)
            .bind(store_id).bind(&r.category).bind(&r.code).bind(&r.label).bind(r.rate_e4).bind(r.position)
            .execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}
