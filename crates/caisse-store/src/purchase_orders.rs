//! Purchase orders and their lines. The status moves by compare-and-set (`WHERE status = $from`),
//! so two people acting on one order at once cannot both win; received quantities grow by
//! atomic SQL.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A purchase order's header.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PoRow {
    /// Order id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// `PO-000042`, unique in the store.
    pub number: String,
    /// The supplier.
    pub supplier_id: Uuid,
    /// `draft`, `sent`, `partially_received`, `received`, `closed`, `cancelled`.
    pub status: String,
    /// ISO 4217 of its costs.
    pub currency: String,
    /// Where it is delivered.
    pub location_id: Uuid,
    /// A note for the supplier.
    pub note: Option<String>,
    /// Who made it.
    pub created_by: Option<Uuid>,
    /// When, µs.
    pub created_at: i64,
    /// Last change, µs.
    pub updated_at: i64,
    /// When it was sent, µs.
    pub sent_at: Option<i64>,
    /// Bumped by every change.
    pub version: i64,
}

/// A line of a purchase order. Quantities in thousandths.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PoLineRow {
    /// The order.
    pub po_id: Uuid,
    /// From 1.
    pub line_no: i32,
    /// The store.
    pub store_id: Uuid,
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// Ordered.
    pub quantity: i64,
    /// Cost of one unit, minor units.
    pub unit_cost: i64,
    /// Received so far.
    pub received: i64,
}

const PO_COLS: &str = "id, store_id, number, supplier_id, status, currency, location_id, note, created_by, created_at, updated_at, sent_at, version";
const LINE_COLS: &str =
    "po_id, line_no, store_id, item_id, product_id, quantity, unit_cost, received";

/// Stores a new order with its lines.
pub async fn insert(tx: &mut Tx, po: &PoRow, lines: &[PoLineRow]) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO purchase_orders (id, store_id, number, supplier_id, status, currency, location_id, note, created_by, created_at, updated_at, sent_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    on_tx!(tx, c => sqlx::query(SQL).bind(po.id).bind(po.store_id).bind(&po.number).bind(po.supplier_id)
        .bind(&po.status).bind(&po.currency).bind(po.location_id).bind(&po.note).bind(po.created_by)
        .bind(po.created_at).bind(po.updated_at).bind(po.sent_at).bind(po.version)
        .execute(c).await.map(|r| r.rows_affected()))?;
    insert_lines(tx, lines).await
}

async fn insert_lines(tx: &mut Tx, lines: &[PoLineRow]) -> Result<(), StoreError> {
    const HEAD: &str = "INSERT INTO purchase_order_lines (po_id, line_no, store_id, item_id, product_id, quantity, unit_cost, received) ";
    for chunk in lines.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            qb.push_values(chunk, |mut b, l| {
                b.push_bind(l.po_id).push_bind(l.line_no).push_bind(l.store_id).push_bind(l.item_id)
                    .push_bind(l.product_id).push_bind(l.quantity).push_bind(l.unit_cost).push_bind(l.received);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Replaces a draft's lines and note, if it is still a draft at `version`; false otherwise.
pub async fn replace_draft(
    tx: &mut Tx,
    po: &PoRow,
    version: i64,
    lines: Option<&[PoLineRow]>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE purchase_orders SET note = $3, location_id = $4, updated_at = $5, version = version + 1 WHERE store_id = $1 AND id = $2 AND status = 'draft' AND version = $6";
    const DELETE: &str = "DELETE FROM purchase_order_lines WHERE po_id = $1";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(po.store_id).bind(po.id).bind(&po.note).bind(po.location_id)
        .bind(po.updated_at).bind(version).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(false);
    }
    if let Some(lines) = lines {
        on_tx!(tx, c => sqlx::query(DELETE).bind(po.id).execute(c).await.map(|r| r.rows_affected()))?;
        insert_lines(tx, lines).await?;
    }
    Ok(true)
}

/// Moves an order from `from` to `to` (compare-and-set); false when it was not in `from`.
pub async fn set_status(
    tx: &mut Tx,
    store_id: Uuid,
    id: Uuid,
    from: &str,
    to: &str,
    now_us: i64,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE purchase_orders SET status = $4, updated_at = $5, version = version + 1, \
         sent_at = CASE WHEN $4 = 'sent' THEN $5 ELSE sent_at END WHERE store_id = $1 AND id = $2 AND status = $3";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(store_id).bind(id).bind(from).bind(to).bind(now_us)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// One order of the store.
pub async fn get(db: &Db, store_id: Uuid, id: Uuid) -> Result<Option<PoRow>, StoreError> {
    let sql = format!("SELECT {PO_COLS} FROM purchase_orders WHERE store_id = $1 AND id = $2");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id).fetch_optional(p).await)?,
    )
}

/// One order of the store, read in a transaction.
pub async fn get_tx(tx: &mut Tx, store_id: Uuid, id: Uuid) -> Result<Option<PoRow>, StoreError> {
    let sql = format!("SELECT {PO_COLS} FROM purchase_orders WHERE store_id = $1 AND id = $2");
    Ok(
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id).fetch_optional(c).await)?,
    )
}

/// An order's lines, by line number.
pub async fn lines(db: &Db, po_id: Uuid) -> Result<Vec<PoLineRow>, StoreError> {
    let sql =
        format!("SELECT {LINE_COLS} FROM purchase_order_lines WHERE po_id = $1 ORDER BY line_no");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(po_id).fetch_all(p).await)?,
    )
}

/// An order's lines, read in a transaction.
pub async fn lines_tx(tx: &mut Tx, po_id: Uuid) -> Result<Vec<PoLineRow>, StoreError> {
    let sql =
        format!("SELECT {LINE_COLS} FROM purchase_order_lines WHERE po_id = $1 ORDER BY line_no");
    Ok(
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(po_id).fetch_all(c).await)?,
    )
}

/// The line of an order that orders an item, if any (one index probe: a scan's question).
pub async fn line_of_item(
    tx: &mut Tx,
    po_id: Uuid,
    item_id: Uuid,
) -> Result<Option<(i32, i64, i64)>, StoreError> {
    const SQL: &str = "SELECT line_no, quantity, received FROM purchase_order_lines WHERE po_id = $1 AND item_id = $2";
    Ok(on_tx!(tx, c => sqlx::query_as(SQL).bind(po_id).bind(item_id).fetch_optional(c).await)?)
}

/// Adds to what a line received (atomic).
pub async fn add_received(
    tx: &mut Tx,
    po_id: Uuid,
    line_no: i32,
    quantity: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE purchase_order_lines SET received = received + $3 WHERE po_id = $1 AND line_no = $2";
    on_tx!(tx, c => sqlx::query(SQL).bind(po_id).bind(line_no).bind(quantity)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A row of the order list: the header, the supplier's name, its line count and value.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PoListRow {
    /// The header.
    #[sqlx(flatten)]
    pub po: PoRow,
    /// The supplier's name.
    pub supplier_name: String,
    /// Lines.
    pub line_count: i64,
    /// Σ quantity × cost / 1000, minor units (rounded down per order).
    pub total: i64,
}

/// Which orders a list shows.
#[derive(Debug, Clone, Default)]
pub struct PoFilter {
    /// Only this status.
    pub status: Option<String>,
    /// Only this supplier.
    pub supplier_id: Option<Uuid>,
    /// Only orders awaiting delivery (sent or partially received).
    pub awaiting: bool,
    /// `ORDER BY` key: `number`, `created`, `status`, `supplier`, `total`.
    pub sort: &'static str,
    /// Descending.
    pub descending: bool,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

/// A page of the store's orders and how many match.
pub async fn list(
    db: &Db,
    store_id: Uuid,
    f: &PoFilter,
) -> Result<(Vec<PoListRow>, i64), StoreError> {
    let order = match f.sort {
        "number" => "o.number",
        "status" => "o.status",
        "supplier" => "s.name",
        "total" => "total",
        _ => "o.created_at",
    };
    let dir = if f.descending { "DESC" } else { "ASC" };
    let cols = PO_COLS
        .split(", ")
        .map(|c| format!("o.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let from = "FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id WHERE o.store_id = $1 \
         AND ($2 IS NULL OR o.status = $2) AND ($3 IS NULL OR o.supplier_id = $3) \
         AND ($4 = FALSE OR o.status IN ('sent', 'partially_received'))";
    let count_sql = format!("SELECT COUNT(*) {from}");
    let sql = format!(
        "SELECT {cols}, s.name AS supplier_name, \
         (SELECT COUNT(*) FROM purchase_order_lines l WHERE l.po_id = o.id) AS line_count, \
         (SELECT CAST(COALESCE(SUM(l.quantity * l.unit_cost), 0) AS BIGINT) FROM purchase_order_lines l WHERE l.po_id = o.id) / 1000 AS total \
         {from} ORDER BY {order} {dir}, o.id {dir} LIMIT $5 OFFSET $6"
    );
    Ok(on_pool!(db, p => {
        let (total,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(count_sql.as_str()))
            .bind(store_id).bind(f.status.as_deref()).bind(f.supplier_id).bind(f.awaiting).fetch_one(p).await?;
        let rows: Vec<PoListRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(store_id).bind(f.status.as_deref()).bind(f.supplier_id).bind(f.awaiting).bind(f.limit).bind(f.offset)
            .fetch_all(p).await?;
        (rows, total)
    }))
}

/// What is on order per item in the store: ordered less received on open orders (draft, sent,
/// partially received), where positive.
pub async fn on_order(db: &Db, store_id: Uuid) -> Result<Vec<(Uuid, i64)>, StoreError> {
    const SQL: &str = "SELECT l.item_id, CAST(SUM(l.quantity - l.received) AS BIGINT) FROM purchase_order_lines l \
         JOIN purchase_orders o ON o.id = l.po_id \
         WHERE l.store_id = $1 AND o.status IN ('draft', 'sent', 'partially_received') AND l.received < l.quantity \
         GROUP BY l.item_id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?)
}
