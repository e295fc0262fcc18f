//! Reading stock for the inventory reports, the low-stock badge and the till: raw sums from
//! the levels and the movements (the arithmetic on them is `caisse_core::inventory_report`).
//! Every sum is `CAST(SUM(x) AS BIGINT)` (PostgreSQL's SUM of a bigint is NUMERIC); products
//! of quantities and costs are left to the application, in 128-bit integers (SQLite turns an
//! overflowing integer product into a float).

use uuid::Uuid;

use crate::{Db, StoreError, on_pool};

/// An item as the reports name it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ItemName {
    /// The product or variant.
    pub item_id: Uuid,
    /// The item's SKU (the variant's when it is one).
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name.
    pub variant_name: Option<String>,
    /// `each`, `kg`…
    pub unit: String,
    /// The product's current cost, minor units per unit.
    pub cost: Option<i64>,
}

/// One level with what names and values it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LevelRow {
    /// The location.
    pub location_id: Uuid,
    /// The product or variant.
    pub item_id: Uuid,
    /// The item's SKU.
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name.
    pub variant_name: Option<String>,
    /// The unit.
    pub unit: String,
    /// On hand there, thousandths.
    pub on_hand: i64,
    /// The product's current cost.
    pub cost: Option<i64>,
}

const NAME_JOIN: &str =
    "JOIN products p ON p.id = x.product_id LEFT JOIN variants v ON v.id = x.item_id";

/// Every level of the store that is not zero (at one location, or at all), with the item's
/// name and current cost.
pub async fn levels_with_cost(
    db: &Db,
    store_id: Uuid,
    location: Option<Uuid>,
) -> Result<Vec<LevelRow>, StoreError> {
    let sql = format!(
        "SELECT x.location_id, x.item_id, COALESCE(v.sku, p.sku) AS sku, p.name, v.name AS variant_name, p.unit, x.on_hand, p.cost \
         FROM stock_levels x {NAME_JOIN} WHERE x.store_id = $1 AND x.on_hand <> 0 AND ($2 IS NULL OR x.location_id = $2) \
         ORDER BY p.name, v.name, x.item_id, x.location_id"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(location).fetch_all(p).await)?,
    )
}

/// An item with a stock total above zero and its last sale.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DeadRow {
    /// The item.
    #[sqlx(flatten)]
    pub item: ItemName,
    /// On hand over the store.
    pub on_hand: i64,
    /// Its last sale, µs (None: never sold).
    pub last_sale: Option<i64>,
}

/// Items with stock on hand (store total above zero) not sold since `since_us`.
pub async fn dead_stock(
    db: &Db,
    store_id: Uuid,
    since_us: i64,
) -> Result<Vec<DeadRow>, StoreError> {
    let sql = format!(
        "SELECT * FROM (SELECT x.item_id, COALESCE(v.sku, p.sku) AS sku, p.name, v.name AS variant_name, p.unit, p.cost, x.on_hand, \
         (SELECT MAX(m.occurred_at) FROM stock_movements m WHERE m.store_id = x.store_id AND m.item_id = x.item_id AND m.kind = 'sale') AS last_sale \
         FROM stock_items x {NAME_JOIN} WHERE x.store_id = $1 AND x.on_hand > 0) d \
         WHERE d.last_sale IS NULL OR d.last_sale < $2 ORDER BY COALESCE(d.last_sale, 0), d.name, d.item_id"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(since_us).fetch_all(p).await)?,
    )
}

/// An item's store total and what its sales and returns moved in a window.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CoverRow {
    /// The item.
    #[sqlx(flatten)]
    pub item: ItemName,
    /// On hand over the store.
    pub on_hand: i64,
    /// Sum of its sale and return movements in the window (sales are negative).
    pub moved: i64,
}

/// Every item of the store with a stock row, and its sales less returns in `[from, to)`.
pub async fn sales_in_window(
    db: &Db,
    store_id: Uuid,
    from_us: i64,
    to_us: i64,
) -> Result<Vec<CoverRow>, StoreError> {
    let sql = format!(
        "SELECT x.item_id, COALESCE(v.sku, p.sku) AS sku, p.name, v.name AS variant_name, p.unit, p.cost, x.on_hand, \
         COALESCE((SELECT CAST(SUM(m.quantity) AS BIGINT) FROM stock_movements m WHERE m.store_id = x.store_id AND m.item_id = x.item_id \
         AND m.kind IN ('sale', 'return') AND m.occurred_at >= $2 AND m.occurred_at < $3), 0) AS moved \
         FROM stock_items x {NAME_JOIN} WHERE x.store_id = $1 ORDER BY p.name, v.name, x.item_id"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(from_us).bind(to_us).fetch_all(p).await)?,
    )
}

/// An item's ledger over a period: on hand at its start, received, and sales less returns.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PeriodRow {
    /// The item.
    #[sqlx(flatten)]
    pub item: ItemName,
    /// Sum of every movement before the period: on hand at its start.
    pub at_start: i64,
    /// Sum of its receipt movements in the period.
    pub received: i64,
    /// Sum of its sale and return movements in the period (sales are negative).
    pub sold_moved: i64,
}

/// Every item that moved before `to`, with its ledger over `[from, to)`.
pub async fn period_ledger(
    db: &Db,
    store_id: Uuid,
    from_us: i64,
    to_us: i64,
) -> Result<Vec<PeriodRow>, StoreError> {
    let sql = format!(
        "SELECT x.item_id, COALESCE(v.sku, p.sku) AS sku, p.name, v.name AS variant_name, p.unit, p.cost, x.at_start, x.received, x.sold_moved FROM ( \
         SELECT m.item_id, m.product_id, \
         CAST(SUM(CASE WHEN m.occurred_at < $2 THEN m.quantity ELSE 0 END) AS BIGINT) AS at_start, \
         CAST(SUM(CASE WHEN m.occurred_at >= $2 AND m.kind = 'receipt' THEN m.quantity ELSE 0 END) AS BIGINT) AS received, \
         CAST(SUM(CASE WHEN m.occurred_at >= $2 AND m.kind IN ('sale', 'return') THEN m.quantity ELSE 0 END) AS BIGINT) AS sold_moved \
         FROM stock_movements m WHERE m.store_id = $1 AND m.occurred_at < $3 GROUP BY m.item_id, m.product_id) x {NAME_JOIN} \
         ORDER BY p.name, v.name, x.item_id"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(from_us).bind(to_us).fetch_all(p).await)?,
    )
}

/// Adjustments and count variances of a period, summed per kind, reason, item and unit cost.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LossRow {
    /// `adjustment` or `count`.
    pub kind: String,
    /// The adjustment's reason (None for counts).
    pub reason: Option<String>,
    /// The item.
    pub item_id: Uuid,
    /// The movement's unit cost, else the product's current cost.
    pub cost: Option<i64>,
    /// Sum of the quantities.
    pub quantity: i64,
    /// How many movements.
    pub movements: i64,
}

/// The adjustment and count movements of `[from, to)`, summed.
pub async fn losses(
    db: &Db,
    store_id: Uuid,
    from_us: i64,
    to_us: i64,
) -> Result<Vec<LossRow>, StoreError> {
    const SQL: &str = "SELECT m.kind, m.reason, m.item_id, COALESCE(m.unit_cost, p.cost) AS cost, \
         CAST(SUM(m.quantity) AS BIGINT) AS quantity, COUNT(*) AS movements \
         FROM stock_movements m JOIN products p ON p.id = m.product_id \
         WHERE m.store_id = $1 AND m.kind IN ('adjustment', 'count') AND m.occurred_at >= $2 AND m.occurred_at < $3 \
         GROUP BY m.kind, m.reason, m.item_id, COALESCE(m.unit_cost, p.cost) ORDER BY m.kind, m.reason";
    Ok(
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(from_us).bind(to_us).fetch_all(p).await)?,
    )
}

/// How many low-stock alerts of the store are not acknowledged.
pub async fn open_alert_count(db: &Db, store_id: Uuid) -> Result<i64, StoreError> {
    const SQL: &str =
        "SELECT COUNT(*) FROM stock_alerts WHERE store_id = $1 AND acknowledged_at IS NULL";
    let (n,): (i64,) = on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_one(p).await)?;
    Ok(n)
}

/// The names of some items of the store (for a page of alerts).
pub async fn item_names(
    db: &Db,
    store_id: Uuid,
    items: &[Uuid],
) -> Result<Vec<ItemName>, StoreError> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_pool!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(
            "SELECT p.id AS item_id, p.sku, p.name, NULL AS variant_name, p.unit, p.cost FROM products p WHERE p.store_id = ",
        );
        qb.push_bind(store_id);
        qb.push(" AND p.id IN (");
        let mut ids = qb.separated(", ");
        for id in items {
            ids.push_bind(*id);
        }
        qb.push(") UNION ALL SELECT v.id, v.sku, p.name, v.name, p.unit, p.cost FROM variants v JOIN products p ON p.id = v.product_id WHERE v.store_id = ");
        qb.push_bind(store_id);
        qb.push(" AND v.id IN (");
        let mut ids = qb.separated(", ");
        for id in items {
            ids.push_bind(*id);
        }
        qb.push(")");
        qb.build_query_as().fetch_all(pool).await?
    }))
}

/// What one location holds of some items (those it never held are left out): one query for
/// a page of search hits.
pub async fn on_hand_of(
    db: &Db,
    store_id: Uuid,
    location_id: Uuid,
    items: &[Uuid],
) -> Result<Vec<(Uuid, i64)>, StoreError> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_pool!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new("SELECT item_id, on_hand FROM stock_levels WHERE store_id = ");
        qb.push_bind(store_id);
        qb.push(" AND location_id = ");
        qb.push_bind(location_id);
        qb.push(" AND item_id IN (");
        let mut ids = qb.separated(", ");
        for id in items {
            ids.push_bind(*id);
        }
        qb.push(")");
        qb.build_query_as().fetch_all(pool).await?
    }))
}
