//! Which tax categories the catalog sells under: a store's tax table may not drop a category
//! that active products still use, or they could no longer be rung up.

use uuid::Uuid;

use crate::{StoreError, Tx, on_tx};

/// The tax categories of the store's active products, in name order. Read inside the
/// transaction that replaces the tax table, so the check and the change see the same catalog.
pub async fn active_categories(tx: &mut Tx, store_id: Uuid) -> Result<Vec<String>, StoreError> {
    const SQL: &str = "SELECT DISTINCT tax_category FROM products \
         WHERE store_id = $1 AND active = $2 ORDER BY tax_category";
    let rows: Vec<(String,)> = on_tx!(tx, c => sqlx::query_as(SQL)
        .bind(store_id)
        .bind(true)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}
