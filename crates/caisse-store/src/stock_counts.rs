//! Stock counts: the session (header, scope, lines, scans) kept on the server while people
//! count. A scan and the line it moves commit together; the line keeps the location's on-hand
//! at the moment the item was first counted (`expected`), read in the same statement, so the
//! variance is measured against the stock of that moment and sales made later are not erased.
//! Applying a count books `count` movements through the ledger (caisse-app).

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A count's header.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CountRow {
    /// Count id (also the id of the `count` stock document once applied).
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The location counted.
    pub location_id: Uuid,
    /// `location` (everything there), `category` or `items`.
    pub scope: String,
    /// The category, for scope `category`.
    pub category_id: Option<Uuid>,
    /// Expected quantities are hidden from the counters.
    pub blind: bool,
    /// `open`, `counting`, `applied` or `cancelled`.
    pub status: String,
    /// A free note.
    pub note: Option<String>,
    /// Who opened it.
    pub created_by: Uuid,
    /// When, µs.
    pub created_at: i64,
    /// Last scan or change, µs.
    pub updated_at: i64,
    /// Who applied or cancelled it.
    pub closed_by: Option<Uuid>,
    /// When, µs.
    pub closed_at: Option<i64>,
    /// On apply: `leave` or `zero` the items in scope never counted.
    pub uncounted: Option<String>,
}

const COUNT_COLS: &str = "id, store_id, location_id, scope, category_id, blind, status, note, created_by, created_at, updated_at, closed_by, closed_at, uncounted";

/// Stores a new count, and the items of its scope (scope `items`).
pub async fn insert(tx: &mut Tx, c: &CountRow, items: &[(Uuid, Uuid)]) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO stock_counts (id, store_id, location_id, scope, category_id, blind, status, note, created_by, created_at, updated_at, closed_by, closed_at, uncounted) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
    const SCOPE: &str = "INSERT INTO stock_count_scope (count_id, item_id, product_id) ";
    on_tx!(tx, conn => sqlx::query(SQL).bind(c.id).bind(c.store_id).bind(c.location_id).bind(&c.scope)
        .bind(c.category_id).bind(c.blind).bind(&c.status).bind(&c.note).bind(c.created_by)
        .bind(c.created_at).bind(c.updated_at).bind(c.closed_by).bind(c.closed_at).bind(&c.uncounted)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    for chunk in items.chunks(500) {
        on_tx!(tx, conn => {
            let mut qb = sqlx::QueryBuilder::new(SCOPE);
            qb.push_values(chunk, |mut b, (item, product)| {
                b.push_bind(c.id).push_bind(*item).push_bind(*product);
            });
            qb.build().execute(conn).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// One count of the store.
pub async fn get(db: &Db, store_id: Uuid, id: Uuid) -> Result<Option<CountRow>, StoreError> {
    let sql = format!("SELECT {COUNT_COLS} FROM stock_counts WHERE store_id = $1 AND id = $2");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id).fetch_optional(p).await)?,
    )
}

/// A page of the store's counts by when they were opened, with how many there are; `status`
/// filters.
pub async fn list(
    db: &Db,
    store_id: Uuid,
    status: Option<&str>,
    oldest_first: bool,
    limit: i64,
    offset: i64,
) -> Result<(Vec<CountRow>, i64), StoreError> {
    let filter = if status.is_some() {
        " AND status = $2"
    } else {
        " AND $2 = $2"
    };
    let status = status.unwrap_or("");
    let order = if oldest_first {
        "created_at, id"
    } else {
        "created_at DESC, id DESC"
    };
    let sql = format!(
        "SELECT {COUNT_COLS} FROM stock_counts WHERE store_id = $1{filter} ORDER BY {order} LIMIT $3 OFFSET $4"
    );
    let total_sql = format!("SELECT COUNT(*) FROM stock_counts WHERE store_id = $1{filter}");
    Ok(on_pool!(db, p => {
        let rows: Vec<CountRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(status)
            .bind(limit).bind(offset).fetch_all(p).await?;
        let (total,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(total_sql.as_str())).bind(store_id).bind(status).fetch_one(p).await?;
        (rows, total)
    }))
}

/// The items of a count of scope `items`: (item, product).
pub async fn scope_items(db: &Db, count_id: Uuid) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
    const SQL: &str =
        "SELECT item_id, product_id FROM stock_count_scope WHERE count_id = $1 ORDER BY item_id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(count_id).fetch_all(p).await)?)
}

/// Whether an item (of `product_id`) is in the count's scope.
pub async fn in_scope(
    db: &Db,
    c: &CountRow,
    item_id: Uuid,
    product_id: Uuid,
) -> Result<bool, StoreError> {
    const CATEGORY: &str = "SELECT COUNT(*) FROM products WHERE id = $1 AND category_id = $2";
    const ITEMS: &str =
        "SELECT COUNT(*) FROM stock_count_scope WHERE count_id = $1 AND item_id = $2";
    let (n,): (i64,) = match (c.scope.as_str(), c.category_id) {
        ("category", Some(cat)) => {
            on_pool!(db, p => sqlx::query_as(CATEGORY).bind(product_id).bind(cat).fetch_one(p).await)?
        }
        ("items", _) => {
            on_pool!(db, p => sqlx::query_as(ITEMS).bind(c.id).bind(item_id).fetch_one(p).await)?
        }
        ("location", _) => (1,),
        _ => (0,),
    };
    Ok(n > 0)
}

/// Moves a count that still takes scans to `counting` (locking its row until the caller's
/// transaction ends, so a scan and an apply never cross); false when it is applied or
/// cancelled.
pub async fn touch(tx: &mut Tx, count_id: Uuid, now_us: i64) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE stock_counts SET status = 'counting', updated_at = $2 WHERE id = $1 AND status IN ('open', 'counting')";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(count_id).bind(now_us).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Closes a count that still takes scans (`applied` or `cancelled`); false when it was closed
/// already.
pub async fn close(
    tx: &mut Tx,
    count_id: Uuid,
    status: &str,
    user: Uuid,
    uncounted: Option<&str>,
    now_us: i64,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE stock_counts SET status = $2, closed_by = $3, closed_at = $4, updated_at = $4, uncounted = $5 \
         WHERE id = $1 AND status IN ('open', 'counting')";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(count_id).bind(status).bind(user).bind(now_us)
        .bind(uncounted).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// One scan as sent by a device under its key.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScanRow {
    /// The count.
    pub count_id: Uuid,
    /// The device's key for this scan.
    pub scan_key: String,
    /// What was scanned or typed (or the item id, for a quantity set from the list).
    pub code: String,
    /// The item found, if any.
    pub item_id: Option<Uuid>,
    /// `add` or `set`.
    pub mode: String,
    /// Thousandths added, or set.
    pub quantity: i64,
    /// `counted`, `unknown`, `invalid` or `out_of_scope`.
    pub outcome: String,
    /// Who scanned.
    pub user_id: Uuid,
    /// When, µs.
    pub scanned_at: i64,
}

/// Stores a scan; false when one is already stored under its key (a retry: nothing more).
pub async fn insert_scan(tx: &mut Tx, s: &ScanRow) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO stock_count_scans (count_id, scan_key, code, item_id, mode, quantity, outcome, user_id, scanned_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (count_id, scan_key) DO NOTHING";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(s.count_id).bind(&s.scan_key).bind(&s.code).bind(s.item_id)
        .bind(&s.mode).bind(s.quantity).bind(&s.outcome).bind(s.user_id).bind(s.scanned_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The scan stored under a key.
pub async fn scan_by_key(
    db: &Db,
    count_id: Uuid,
    key: &str,
) -> Result<Option<ScanRow>, StoreError> {
    const SQL: &str = "SELECT count_id, scan_key, code, item_id, mode, quantity, outcome, user_id, scanned_at FROM stock_count_scans WHERE count_id = $1 AND scan_key = $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(count_id).bind(key).fetch_optional(p).await)?)
}

/// Counts an item: adds to its line, or sets it (`set`). The first count of an item, and a
/// set, take the location's on-hand of that moment as the line's `expected`; later additions
/// keep it. Returns (counted, expected, scans) after.
pub async fn count_item(
    tx: &mut Tx,
    c: &CountRow,
    item_id: Uuid,
    product_id: Uuid,
    quantity: i64,
    set: bool,
    now_us: i64,
) -> Result<(i64, i64, i32), StoreError> {
    const ADD: &str = "INSERT INTO stock_count_lines (count_id, item_id, product_id, counted, expected, scans, first_at, last_at) \
         VALUES ($1, $2, $3, $4, COALESCE((SELECT on_hand FROM stock_levels WHERE store_id = $5 AND location_id = $6 AND item_id = $2), 0), 1, $7, $7) \
         ON CONFLICT (count_id, item_id) DO UPDATE SET counted = stock_count_lines.counted + excluded.counted, \
         scans = stock_count_lines.scans + 1, last_at = excluded.last_at RETURNING counted, expected, scans";
    const SET: &str = "INSERT INTO stock_count_lines (count_id, item_id, product_id, counted, expected, scans, first_at, last_at) \
         VALUES ($1, $2, $3, $4, COALESCE((SELECT on_hand FROM stock_levels WHERE store_id = $5 AND location_id = $6 AND item_id = $2), 0), 1, $7, $7) \
         ON CONFLICT (count_id, item_id) DO UPDATE SET counted = excluded.counted, expected = excluded.expected, \
         scans = stock_count_lines.scans + 1, last_at = excluded.last_at RETURNING counted, expected, scans";
    let sql = if set { SET } else { ADD };
    Ok(
        on_tx!(tx, conn => sqlx::query_as(sql).bind(c.id).bind(item_id).bind(product_id).bind(quantity)
        .bind(c.store_id).bind(c.location_id).bind(now_us).fetch_one(conn).await)?,
    )
}

/// A counted line with what the catalog says of its item and the location's on-hand now.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CountLine {
    /// The item.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The item's SKU.
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name.
    pub variant_name: Option<String>,
    /// The product's unit.
    pub unit: String,
    /// The product's cost, minor units.
    pub cost: Option<i64>,
    /// Counted, thousandths.
    pub counted: i64,
    /// On hand at the location when first counted (or last set), thousandths.
    pub expected: i64,
    /// Scans that counted it.
    pub scans: i32,
    /// First counted, µs.
    pub first_at: i64,
    /// Last counted, µs.
    pub last_at: i64,
    /// On hand at the location now, thousandths.
    pub on_hand: i64,
}

const LINE_SQL: &str = "SELECT c.item_id, c.product_id, COALESCE(v.sku, p.sku) AS sku, p.name, v.name AS variant_name, p.unit, p.cost, \
     c.counted, c.expected, c.scans, c.first_at, c.last_at, COALESCE(l.on_hand, 0) AS on_hand \
     FROM stock_count_lines c JOIN products p ON p.id = c.product_id LEFT JOIN variants v ON v.id = c.item_id \
     LEFT JOIN stock_levels l ON l.store_id = $2 AND l.location_id = $3 AND l.item_id = c.item_id \
     WHERE c.count_id = $1";

/// A count's lines, last counted first.
pub async fn lines(db: &Db, c: &CountRow) -> Result<Vec<CountLine>, StoreError> {
    let sql = format!("{LINE_SQL} ORDER BY c.last_at DESC, c.item_id");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(c.id).bind(c.store_id).bind(c.location_id).fetch_all(p).await)?,
    )
}

/// A count's lines read in the caller's transaction (the apply), by item.
pub async fn lines_tx(tx: &mut Tx, c: &CountRow) -> Result<Vec<CountLine>, StoreError> {
    let sql = format!("{LINE_SQL} ORDER BY c.item_id");
    Ok(
        on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(c.id).bind(c.store_id).bind(c.location_id).fetch_all(conn).await)?,
    )
}

/// One line of a count.
pub async fn line(db: &Db, c: &CountRow, item_id: Uuid) -> Result<Option<CountLine>, StoreError> {
    let sql = format!("{LINE_SQL} AND c.item_id = $4");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(c.id).bind(c.store_id).bind(c.location_id).bind(item_id).fetch_optional(p).await)?,
    )
}

/// An item in the count's scope that is on hand (or below zero) at the location and was never
/// counted.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Uncounted {
    /// The item.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The item's SKU.
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name.
    pub variant_name: Option<String>,
    /// The product's unit.
    pub unit: String,
    /// The product's cost.
    pub cost: Option<i64>,
    /// On hand at the location now, thousandths.
    pub on_hand: i64,
}

const UNCOUNTED_HEAD: &str = "SELECT l.item_id, l.product_id, COALESCE(v.sku, p.sku) AS sku, p.name, v.name AS variant_name, p.unit, p.cost, l.on_hand \
     FROM stock_levels l JOIN products p ON p.id = l.product_id LEFT JOIN variants v ON v.id = l.item_id \
     WHERE l.store_id = $1 AND l.location_id = $2 AND l.on_hand <> 0 \
     AND NOT EXISTS (SELECT 1 FROM stock_count_lines c WHERE c.count_id = $3 AND c.item_id = l.item_id)";

fn uncounted_sql(c: &CountRow) -> String {
    let scope = match c.scope.as_str() {
        "category" => " AND p.category_id = $4",
        "items" => {
            " AND $4 = $4 AND l.item_id IN (SELECT s.item_id FROM stock_count_scope s WHERE s.count_id = $3)"
        }
        _ => " AND $4 = $4",
    };
    format!("{UNCOUNTED_HEAD}{scope} ORDER BY p.name, v.name, l.item_id")
}

/// The items of the count's scope with stock at the location that nobody counted.
pub async fn uncounted(db: &Db, c: &CountRow) -> Result<Vec<Uncounted>, StoreError> {
    let sql = uncounted_sql(c);
    let cat = c.category_id.unwrap_or(Uuid::nil());
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(c.store_id).bind(c.location_id).bind(c.id).bind(cat).fetch_all(p).await)?,
    )
}

/// The same, read in the caller's transaction (the apply).
pub async fn uncounted_tx(tx: &mut Tx, c: &CountRow) -> Result<Vec<Uncounted>, StoreError> {
    let sql = uncounted_sql(c);
    let cat = c.category_id.unwrap_or(Uuid::nil());
    Ok(
        on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(c.store_id).bind(c.location_id).bind(c.id).bind(cat).fetch_all(conn).await)?,
    )
}

/// Codes scanned during a count that counted nothing: (code, outcome, scans, last µs), the
/// latest first.
pub async fn unmatched(
    db: &Db,
    count_id: Uuid,
) -> Result<Vec<(String, String, i64, i64)>, StoreError> {
    const SQL: &str = "SELECT code, outcome, COUNT(*), MAX(scanned_at) FROM stock_count_scans \
         WHERE count_id = $1 AND outcome <> 'counted' GROUP BY code, outcome ORDER BY MAX(scanned_at) DESC, code";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(count_id).fetch_all(p).await)?)
}

/// How many movements a count's document booked.
pub async fn movement_count(db: &Db, count_id: Uuid) -> Result<i64, StoreError> {
    // The `kind` term is the partial index's own (sales and returns are not in it).
    const SQL: &str = "SELECT COUNT(*) FROM stock_movements WHERE document_id = $1 AND kind NOT IN ('sale', 'return')";
    let (n,): (i64,) = on_pool!(db, p => sqlx::query_as(SQL).bind(count_id).fetch_one(p).await)?;
    Ok(n)
}
