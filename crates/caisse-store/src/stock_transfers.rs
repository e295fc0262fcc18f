//! Stock transfers between locations of a store or between stores: the header and its lines
//! (what was sent, what was scanned on arrival, what was received), and the receiving scans.
//! The movements (`transfer_out` when sent, `transfer_in` when received) go through the
//! ledger (caisse-app); a status change here is conditional on the status it leaves, so two
//! requests racing to send or receive one transfer cannot both win.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A transfer's header.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TransferRow {
    /// Transfer id (also the `transfer_out` stock document's id once sent).
    pub id: Uuid,
    /// The sending store.
    pub store_id: Uuid,
    /// Where the goods leave.
    pub from_location_id: Uuid,
    /// The receiving store (the same store for a move between its locations).
    pub to_store_id: Uuid,
    /// Where they arrive.
    pub to_location_id: Uuid,
    /// `draft`, `in_transit`, `received` or `cancelled`.
    pub status: String,
    /// A free note.
    pub note: Option<String>,
    /// Who made it.
    pub created_by: Uuid,
    /// When, µs.
    pub created_at: i64,
    /// Last change, µs.
    pub updated_at: i64,
    /// Who sent it.
    pub sent_by: Option<Uuid>,
    /// When, µs.
    pub sent_at: Option<i64>,
    /// Who received it.
    pub received_by: Option<Uuid>,
    /// When, µs.
    pub received_at: Option<i64>,
    /// The `transfer_in` stock document.
    pub receipt_id: Option<Uuid>,
}

const COLS: &str = "id, store_id, from_location_id, to_store_id, to_location_id, status, note, created_by, created_at, updated_at, sent_by, sent_at, received_by, received_at, receipt_id";

/// A line of a transfer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TransferLineRow {
    /// The transfer.
    pub transfer_id: Uuid,
    /// From 1.
    pub line_no: i32,
    /// The item at the source.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The same item at the destination (same SKU in the receiving store).
    pub to_item_id: Uuid,
    /// Its product.
    pub to_product_id: Uuid,
    /// Sent, thousandths.
    pub quantity: i64,
    /// Cost of one unit when sent, minor units.
    pub unit_cost: Option<i64>,
    /// Scanned on arrival so far, thousandths.
    pub scanned: i64,
    /// Received (once confirmed), thousandths.
    pub received: Option<i64>,
}

const LINE_COLS: &str = "transfer_id, line_no, item_id, product_id, to_item_id, to_product_id, quantity, unit_cost, scanned, received";

/// Stores a new transfer and its lines.
pub async fn insert(
    tx: &mut Tx,
    t: &TransferRow,
    lines: &[TransferLineRow],
) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO stock_transfers ({COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
    );
    let head = format!("INSERT INTO stock_transfer_lines ({LINE_COLS}) ");
    on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(sql.as_str())).bind(t.id).bind(t.store_id).bind(t.from_location_id)
        .bind(t.to_store_id).bind(t.to_location_id).bind(&t.status).bind(&t.note).bind(t.created_by)
        .bind(t.created_at).bind(t.updated_at).bind(t.sent_by).bind(t.sent_at).bind(t.received_by)
        .bind(t.received_at).bind(t.receipt_id).execute(c).await.map(|r| r.rows_affected()))?;
    for chunk in lines.chunks(400) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(head.as_str());
            qb.push_values(chunk, |mut b, l| {
                b.push_bind(l.transfer_id).push_bind(l.line_no).push_bind(l.item_id).push_bind(l.product_id)
                    .push_bind(l.to_item_id).push_bind(l.to_product_id).push_bind(l.quantity)
                    .push_bind(l.unit_cost).push_bind(l.scanned).push_bind(l.received);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// A transfer the store sends or receives.
pub async fn get(db: &Db, store_id: Uuid, id: Uuid) -> Result<Option<TransferRow>, StoreError> {
    let sql = format!(
        "SELECT {COLS} FROM stock_transfers WHERE id = $1 AND (store_id = $2 OR to_store_id = $2)"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).bind(store_id).fetch_optional(p).await)?,
    )
}

/// A page of the transfers a store sends (`outgoing`) or receives, newest first, with how
/// many there are; `status` filters.
pub async fn list(
    db: &Db,
    store_id: Uuid,
    outgoing: Option<bool>,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<TransferRow>, i64), StoreError> {
    let side = match outgoing {
        Some(true) => "store_id = $1",
        Some(false) => "to_store_id = $1",
        None => "(store_id = $1 OR to_store_id = $1)",
    };
    let filter = if status.is_some() {
        " AND status = $2"
    } else {
        " AND $2 = $2"
    };
    let status = status.unwrap_or("");
    let sql = format!(
        "SELECT {COLS} FROM stock_transfers WHERE {side}{filter} ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4"
    );
    let total_sql = format!("SELECT COUNT(*) FROM stock_transfers WHERE {side}{filter}");
    Ok(on_pool!(db, p => {
        let rows: Vec<TransferRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(status)
            .bind(limit).bind(offset).fetch_all(p).await?;
        let (total,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(total_sql.as_str())).bind(store_id).bind(status).fetch_one(p).await?;
        (rows, total)
    }))
}

/// A transfer's lines, by line number.
pub async fn lines(db: &Db, id: Uuid) -> Result<Vec<TransferLineRow>, StoreError> {
    let sql = format!(
        "SELECT {LINE_COLS} FROM stock_transfer_lines WHERE transfer_id = $1 ORDER BY line_no"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_all(p).await)?,
    )
}

/// The same, read in the caller's transaction.
pub async fn lines_tx(tx: &mut Tx, id: Uuid) -> Result<Vec<TransferLineRow>, StoreError> {
    let sql = format!(
        "SELECT {LINE_COLS} FROM stock_transfer_lines WHERE transfer_id = $1 ORDER BY line_no"
    );
    Ok(
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_all(c).await)?,
    )
}

/// Moves a transfer from `from` to `to`, stamping who and when for `in_transit` (sent) and
/// `received`; false when it was not in `from` (another request moved it first).
pub async fn transition(
    tx: &mut Tx,
    id: Uuid,
    from: &str,
    to: &str,
    user: Uuid,
    now_us: i64,
    receipt_id: Option<Uuid>,
) -> Result<bool, StoreError> {
    const SENT: &str = "UPDATE stock_transfers SET status = $3, sent_by = $4, sent_at = $5, updated_at = $5 WHERE id = $1 AND status = $2";
    const RECEIVED: &str = "UPDATE stock_transfers SET status = $3, received_by = $4, received_at = $5, updated_at = $5, receipt_id = $6 WHERE id = $1 AND status = $2";
    const OTHER: &str = "UPDATE stock_transfers SET status = $3, updated_at = $5 WHERE id = $1 AND status = $2 AND $4 = $4";
    let n = match to {
        "in_transit" => {
            on_tx!(tx, c => sqlx::query(SENT).bind(id).bind(from).bind(to).bind(user).bind(now_us).execute(c).await.map(|r| r.rows_affected()))?
        }
        "received" => {
            on_tx!(tx, c => sqlx::query(RECEIVED).bind(id).bind(from).bind(to).bind(user).bind(now_us).bind(receipt_id).execute(c).await.map(|r| r.rows_affected()))?
        }
        _ => {
            on_tx!(tx, c => sqlx::query(OTHER).bind(id).bind(from).bind(to).bind(user).bind(now_us).execute(c).await.map(|r| r.rows_affected()))?
        }
    };
    Ok(n == 1)
}

/// Locks an in-transit transfer for a receiving scan (until the caller's transaction ends);
/// false when it is not in transit.
pub async fn touch_in_transit(tx: &mut Tx, id: Uuid, now_us: i64) -> Result<bool, StoreError> {
    const SQL: &str =
        "UPDATE stock_transfers SET updated_at = $2 WHERE id = $1 AND status = 'in_transit'";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(id).bind(now_us).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Adds to (or sets) what was scanned of a line on arrival; returns it after.
pub async fn scan_line(
    tx: &mut Tx,
    id: Uuid,
    line_no: i32,
    quantity: i64,
    set: bool,
) -> Result<i64, StoreError> {
    const ADD: &str = "UPDATE stock_transfer_lines SET scanned = scanned + $3 WHERE transfer_id = $1 AND line_no = $2 RETURNING scanned";
    const SET: &str = "UPDATE stock_transfer_lines SET scanned = $3 WHERE transfer_id = $1 AND line_no = $2 RETURNING scanned";
    let sql = if set { SET } else { ADD };
    let (n,): (i64,) = on_tx!(tx, c => sqlx::query_as(sql).bind(id).bind(line_no).bind(quantity).fetch_one(c).await)?;
    Ok(n)
}

/// Records what arrived of a line.
pub async fn set_received(
    tx: &mut Tx,
    id: Uuid,
    line_no: i32,
    received: i64,
) -> Result<(), StoreError> {
    const SQL: &str =
        "UPDATE stock_transfer_lines SET received = $3 WHERE transfer_id = $1 AND line_no = $2";
    on_tx!(tx, c => sqlx::query(SQL).bind(id).bind(line_no).bind(received).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A receiving scan under the device's key.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TransferScanRow {
    /// The transfer.
    pub transfer_id: Uuid,
    /// The device's key.
    pub scan_key: String,
    /// What was scanned (or the line's item id).
    pub code: String,
    /// The destination item found, if any.
    pub item_id: Option<Uuid>,
    /// `add` or `set`.
    pub mode: String,
    /// Thousandths.
    pub quantity: i64,
    /// `counted`, `unknown`, `invalid` or `not_sent`.
    pub outcome: String,
    /// Who scanned.
    pub user_id: Uuid,
    /// When, µs.
    pub scanned_at: i64,
}

/// Stores a receiving scan; false when one is already stored under its key.
pub async fn insert_scan(tx: &mut Tx, s: &TransferScanRow) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO stock_transfer_scans (transfer_id, scan_key, code, item_id, mode, quantity, outcome, user_id, scanned_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (transfer_id, scan_key) DO NOTHING";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(s.transfer_id).bind(&s.scan_key).bind(&s.code).bind(s.item_id)
        .bind(&s.mode).bind(s.quantity).bind(&s.outcome).bind(s.user_id).bind(s.scanned_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The receiving scan stored under a key.
pub async fn scan_by_key(
    db: &Db,
    id: Uuid,
    key: &str,
) -> Result<Option<TransferScanRow>, StoreError> {
    const SQL: &str = "SELECT transfer_id, scan_key, code, item_id, mode, quantity, outcome, user_id, scanned_at FROM stock_transfer_scans WHERE transfer_id = $1 AND scan_key = $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(id).bind(key).fetch_optional(p).await)?)
}

/// Codes scanned on arrival that matched no sent line: (code, outcome, scans, last µs).
pub async fn unmatched(db: &Db, id: Uuid) -> Result<Vec<(String, String, i64, i64)>, StoreError> {
    const SQL: &str = "SELECT code, outcome, COUNT(*), MAX(scanned_at) FROM stock_transfer_scans \
         WHERE transfer_id = $1 AND outcome <> 'counted' GROUP BY code, outcome ORDER BY MAX(scanned_at) DESC, code";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(id).fetch_all(p).await)?)
}

/// A transfer line with the sending store's SKU and names for its item.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NamedLine {
    /// The line.
    #[sqlx(flatten)]
    pub line: TransferLineRow,
    /// The item's SKU.
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name.
    pub variant_name: Option<String>,
    /// The product's unit.
    pub unit: String,
}

const NAMED: &str = "SELECT l.transfer_id, l.line_no, l.item_id, l.product_id, l.to_item_id, l.to_product_id, l.quantity, l.unit_cost, l.scanned, l.received, \
     COALESCE(v.sku, p.sku) AS sku, p.name, v.name AS variant_name, p.unit \
     FROM stock_transfer_lines l JOIN products p ON p.id = l.product_id LEFT JOIN variants v ON v.id = l.item_id \
     WHERE l.transfer_id = $1";

/// A transfer's lines with their names, by line number (one query).
pub async fn named_lines(db: &Db, id: Uuid) -> Result<Vec<NamedLine>, StoreError> {
    let sql = format!("{NAMED} ORDER BY l.line_no");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_all(p).await)?,
    )
}

/// The line of a transfer whose destination item is `to_item`, with its names.
pub async fn named_line_for(
    db: &Db,
    id: Uuid,
    to_item: Uuid,
) -> Result<Option<NamedLine>, StoreError> {
    let sql = format!("{NAMED} AND l.to_item_id = $2");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).bind(to_item).fetch_optional(p).await)?,
    )
}
