//! Purchasing persistence: suppliers (with what they supply), purchase orders with their lines,
//! and the store's purchasing settings (with the purchase order counter).

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A supplier as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SupplierRow {
    /// Supplier id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// Name, unique in the store.
    pub name: String,
    /// Short code, unique in the store.
    pub code: Option<String>,
    /// The person to talk to.
    pub contact: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Days from order to delivery.
    pub lead_time_days: i32,
    /// Smallest order it takes, minor units.
    pub min_order: i64,
    /// ISO 4217 (None: the store's).
    pub currency: Option<String>,
    /// Whether it is still ordered from.
    pub active: bool,
    /// When made, µs.
    pub created_at: i64,
    /// Last change, µs.
    pub updated_at: i64,
}

const SUPPLIER_COLS: &str = "id, store_id, name, code, contact, email, phone, lead_time_days, min_order, currency, active, created_at, updated_at";

/// Adds a supplier.
pub async fn insert_supplier(tx: &mut Tx, s: &SupplierRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO suppliers (id, store_id, name, code, contact, email, phone, lead_time_days, min_order, currency, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    on_tx!(tx, c => sqlx::query(SQL).bind(s.id).bind(s.store_id).bind(&s.name).bind(&s.code)
        .bind(&s.contact).bind(&s.email).bind(&s.phone).bind(s.lead_time_days).bind(s.min_order)
        .bind(&s.currency).bind(s.active).bind(s.created_at).bind(s.updated_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Writes a supplier's fields back; false when the store has no such supplier.
pub async fn update_supplier(tx: &mut Tx, s: &SupplierRow) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE suppliers SET name = $3, code = $4, contact = $5, email = $6, phone = $7, lead_time_days = $8, min_order = $9, currency = $10, active = $11, updated_at = $12 WHERE store_id = $1 AND id = $2";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(s.store_id).bind(s.id).bind(&s.name).bind(&s.code)
        .bind(&s.contact).bind(&s.email).bind(&s.phone).bind(s.lead_time_days).bind(s.min_order)
        .bind(&s.currency).bind(s.active).bind(s.updated_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Every supplier of the store, by name.
pub async fn suppliers(db: &Db, store_id: Uuid) -> Result<Vec<SupplierRow>, StoreError> {
    let sql =
        format!("SELECT {SUPPLIER_COLS} FROM suppliers WHERE store_id = $1 ORDER BY name, id");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).fetch_all(p).await)?,
    )
}

/// One supplier of the store.
pub async fn supplier(
    db: &Db,
    store_id: Uuid,
    id: Uuid,
) -> Result<Option<SupplierRow>, StoreError> {
    let sql = format!("SELECT {SUPPLIER_COLS} FROM suppliers WHERE store_id = $1 AND id = $2");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id).fetch_optional(p).await)?,
    )
}

/// Another supplier of the store already using this name or code: (name taken, code taken).
pub async fn taken(
    tx: &mut Tx,
    store_id: Uuid,
    except: Uuid,
    name: &str,
    code: Option<&str>,
) -> Result<(bool, bool), StoreError> {
    const SQL: &str = "SELECT name, code FROM suppliers WHERE store_id = $1 AND id <> $2 AND (name = $3 OR code = $4)";
    let rows: Vec<(String, Option<String>)> = on_tx!(tx, c => sqlx::query_as(SQL).bind(store_id).bind(except)
        .bind(name).bind(code).fetch_all(c).await)?;
    Ok((
        rows.iter().any(|(n, _)| n == name),
        rows.iter()
            .any(|(_, c)| c.as_deref() == code && code.is_some()),
    ))
}

/// What a supplier supplies: one item.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SupplierItemRow {
    /// The store.
    pub store_id: Uuid,
    /// The supplier.
    pub supplier_id: Uuid,
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The supplier's reference.
    pub supplier_ref: Option<String>,
    /// Cost of one unit, minor units.
    pub unit_cost: i64,
    /// Units per pack, thousandths.
    pub pack_size: Option<i64>,
    /// Whether this supplier is the item's preferred one.
    pub preferred: bool,
    /// Last change, µs.
    pub updated_at: i64,
}

const ITEM_COLS: &str = "store_id, supplier_id, item_id, product_id, supplier_ref, unit_cost, pack_size, preferred, updated_at";

/// Adds or replaces what a supplier supplies of an item; a preferred one first makes the
/// item's other suppliers not preferred (one preferred supplier per item).
pub async fn put_item(tx: &mut Tx, r: &SupplierItemRow) -> Result<(), StoreError> {
    const UNPREFER: &str = "UPDATE supplier_items SET preferred = FALSE WHERE store_id = $1 AND item_id = $2 AND supplier_id <> $3 AND preferred";
    const SQL: &str = "INSERT INTO supplier_items (store_id, supplier_id, item_id, product_id, supplier_ref, unit_cost, pack_size, preferred, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (supplier_id, item_id) DO UPDATE SET supplier_ref = excluded.supplier_ref, unit_cost = excluded.unit_cost, pack_size = excluded.pack_size, preferred = excluded.preferred, updated_at = excluded.updated_at";
    if r.preferred {
        on_tx!(tx, c => sqlx::query(UNPREFER).bind(r.store_id).bind(r.item_id).bind(r.supplier_id)
            .execute(c).await.map(|r| r.rows_affected()))?;
    }
    on_tx!(tx, c => sqlx::query(SQL).bind(r.store_id).bind(r.supplier_id).bind(r.item_id).bind(r.product_id)
        .bind(&r.supplier_ref).bind(r.unit_cost).bind(r.pack_size).bind(r.preferred).bind(r.updated_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Stops listing an item for a supplier; false when it was not listed.
pub async fn remove_item(
    tx: &mut Tx,
    store_id: Uuid,
    supplier_id: Uuid,
    item_id: Uuid,
) -> Result<bool, StoreError> {
    const SQL: &str =
        "DELETE FROM supplier_items WHERE store_id = $1 AND supplier_id = $2 AND item_id = $3";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(store_id).bind(supplier_id).bind(item_id)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// A supplied item with its catalog names: the row, SKU, name, variant name, unit.
pub type SupplierItemLine = (SupplierItemRow, String, String, Option<String>, String);

#[derive(sqlx::FromRow)]
struct ItemLineRow {
    #[sqlx(flatten)]
    row: SupplierItemRow,
    sku: String,
    name: String,
    variant_name: Option<String>,
    unit: String,
}

/// What a supplier supplies, by product name.
pub async fn items(
    db: &Db,
    store_id: Uuid,
    supplier_id: Uuid,
) -> Result<Vec<SupplierItemLine>, StoreError> {
    const SQL: &str = "SELECT s.store_id, s.supplier_id, s.item_id, s.product_id, s.supplier_ref, s.unit_cost, s.pack_size, s.preferred, s.updated_at, \
         COALESCE(v.sku, p.sku) AS sku, p.name, v.name AS variant_name, p.unit \
         FROM supplier_items s JOIN products p ON p.id = s.product_id LEFT JOIN variants v ON v.id = s.item_id \
         WHERE s.store_id = $1 AND s.supplier_id = $2 ORDER BY p.name, v.name, s.item_id";
    let rows: Vec<ItemLineRow> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(supplier_id).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|r| (r.row, r.sku, r.name, r.variant_name, r.unit))
        .collect())
}

/// What a supplier supplies of one item, if it does.
pub async fn item(
    db: &Db,
    supplier_id: Uuid,
    item_id: Uuid,
) -> Result<Option<SupplierItemRow>, StoreError> {
    let sql =
        format!("SELECT {ITEM_COLS} FROM supplier_items WHERE supplier_id = $1 AND item_id = $2");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(supplier_id).bind(item_id).fetch_optional(p).await)?,
    )
}

/// The store's purchasing settings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SettingsRow {
    /// Whether cashiers may receive deliveries.
    pub cashiers_may_receive: bool,
    /// Safety stock in days of average sales.
    pub safety_days: i32,
    /// Days between two orders to a supplier.
    pub review_days: i32,
    /// A service level in per mille (`950`) that sets safety stock instead of days.
    pub service_level: Option<String>,
}

impl Default for SettingsRow {
    fn default() -> Self {
        SettingsRow {
            cashiers_may_receive: false,
            safety_days: 7,
            review_days: 7,
            service_level: None,
        }
    }
}

/// The store's purchasing settings (the defaults when never set).
pub async fn settings(db: &Db, store_id: Uuid) -> Result<SettingsRow, StoreError> {
    const SQL: &str = "SELECT cashiers_may_receive, safety_days, review_days, service_level FROM purchasing_settings WHERE store_id = $1";
    let row: Option<SettingsRow> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_optional(p).await)?;
    Ok(row.unwrap_or_default())
}

/// Writes the store's purchasing settings.
pub async fn put_settings(tx: &mut Tx, store_id: Uuid, s: &SettingsRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO purchasing_settings (store_id, cashiers_may_receive, safety_days, review_days, service_level) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (store_id) DO UPDATE SET cashiers_may_receive = excluded.cashiers_may_receive, safety_days = excluded.safety_days, review_days = excluded.review_days, service_level = excluded.service_level";
    on_tx!(tx, c => sqlx::query(SQL).bind(store_id).bind(s.cashiers_may_receive).bind(s.safety_days)
        .bind(s.review_days).bind(&s.service_level).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The store's next purchase order number (atomic: two servers never get the same).
pub async fn next_po_number(tx: &mut Tx, store_id: Uuid) -> Result<i64, StoreError> {
    const SQL: &str = "INSERT INTO purchasing_settings (store_id, last_po_number) VALUES ($1, 1) \
         ON CONFLICT (store_id) DO UPDATE SET last_po_number = purchasing_settings.last_po_number + 1 RETURNING last_po_number";
    let (n,): (i64,) = on_tx!(tx, c => sqlx::query_as(SQL).bind(store_id).fetch_one(c).await)?;
    Ok(n)
}

/// The item's preferred supplier, if it has one.
pub async fn preferred_of(
    db: &Db,
    store_id: Uuid,
    item_id: Uuid,
) -> Result<Option<Uuid>, StoreError> {
    const SQL: &str =
        "SELECT supplier_id FROM supplier_items WHERE store_id = $1 AND item_id = $2 AND preferred";
    let row: Option<(Uuid,)> = on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(item_id).fetch_optional(p).await)?;
    Ok(row.map(|(s,)| s))
}

/// Lists many supplied items at once (a benchmark's or an import's bulk write; the caller
/// keeps one preferred supplier per item).
pub async fn insert_items(tx: &mut Tx, rows: &[SupplierItemRow]) -> Result<(), StoreError> {
    const HEAD: &str = "INSERT INTO supplier_items (store_id, supplier_id, item_id, product_id, supplier_ref, unit_cost, pack_size, preferred, updated_at) ";
    for chunk in rows.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(r.store_id).push_bind(r.supplier_id).push_bind(r.item_id).push_bind(r.product_id)
                    .push_bind(&r.supplier_ref).push_bind(r.unit_cost).push_bind(r.pack_size).push_bind(r.preferred)
                    .push_bind(r.updated_at);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}
