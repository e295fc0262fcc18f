//! What restock suggestions read: the items with a preferred supplier (with their on-hand),
//! and one time window of a store's movements (served by the `stock_movements_window` index,
//! which holds every column read: a range scan, never the whole ledger).

use uuid::Uuid;

use crate::{Db, StoreError, on_pool};

/// An item that has a preferred supplier.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Candidate {
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The item's SKU.
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name.
    pub variant_name: Option<String>,
    /// The preferred supplier.
    pub supplier_id: Uuid,
    /// Its cost of one unit, minor units.
    pub unit_cost: i64,
    /// Its pack size, thousandths.
    pub pack_size: Option<i64>,
    /// The store's total on hand, thousandths.
    pub on_hand: i64,
}

/// Every item of the store with an active preferred supplier.
pub async fn candidates(db: &Db, store_id: Uuid) -> Result<Vec<Candidate>, StoreError> {
    const SQL: &str = "SELECT si.item_id, si.product_id, COALESCE(v.sku, p.sku) AS sku, p.name, v.name AS variant_name, \
         si.supplier_id, si.unit_cost, si.pack_size, COALESCE(st.on_hand, 0) AS on_hand \
         FROM supplier_items si JOIN suppliers s ON s.id = si.supplier_id JOIN products p ON p.id = si.product_id \
         LEFT JOIN variants v ON v.id = si.item_id \
         LEFT JOIN stock_items st ON st.store_id = si.store_id AND st.item_id = si.item_id \
         WHERE si.store_id = $1 AND si.preferred AND s.active AND p.active";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?)
}

/// One movement of the window: (item, 1 when a sale or return else 0, quantity, µs).
pub type WindowMove = (Uuid, i32, i64, i64);

/// The store's movements in `[from_us, to_us)`.
pub async fn window(
    db: &Db,
    store_id: Uuid,
    from_us: i64,
    to_us: i64,
) -> Result<Vec<WindowMove>, StoreError> {
    const SQL: &str = "SELECT item_id, CASE WHEN kind IN ('sale', 'return') THEN 1 ELSE 0 END, quantity, occurred_at \
         FROM stock_movements WHERE store_id = $1 AND occurred_at >= $2 AND occurred_at < $3";
    Ok(
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(from_us).bind(to_us).fetch_all(p).await)?,
    )
}

/// Every sellable item of a store: (item, product) — products without variants, and variants.
pub async fn sellable_items(db: &Db, store_id: Uuid) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
    const SQL: &str = "SELECT p.id, p.id FROM products p WHERE p.store_id = $1 AND NOT EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id) \
         UNION ALL SELECT v.id, v.product_id FROM variants v WHERE v.store_id = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?)
}
