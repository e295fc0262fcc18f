//! Carts (open sales), completed sales with their lines, taxes and payments.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A cart as stored: its whole state is a JSON document owned by the application.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct CartRow {
    /// Sale id (kept when the sale completes).
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The register it was last rung on.
    pub register_id: Uuid,
    /// `open`, `parked`, `completed` or `cancelled`.
    pub status: String,
    /// The cart as JSON.
    pub state: String,
    /// Grows with every change; a write never replaces a newer version.
    pub version: i64,
    /// When the sale was opened, µs.
    pub created_at: i64,
    /// When the cart last changed, µs.
    pub updated_at: i64,
}

/// Inserts cart rows, one statement per chunk of 500, each followed by `conflict` (an
/// `ON CONFLICT …` clause, or nothing); returns the rows the statements changed.
async fn insert_cart_rows(
    tx: &mut Tx,
    carts: &[&CartRow],
    conflict: &'static str,
) -> Result<u64, StoreError> {
    let mut changed = 0;
    for chunk in carts.chunks(500) {
        changed += on_tx!(tx, conn => {
            let mut qb = sqlx::QueryBuilder::new(INSERT_CARTS);
            qb.push_values(chunk, |mut b, c| {
                b.push_bind(c.id).push_bind(c.store_id).push_bind(c.register_id).push_bind(&c.status)
                    .push_bind(&c.state).push_bind(c.version).push_bind(c.created_at).push_bind(c.updated_at);
            });
            qb.push(conflict);
            qb.build().execute(conn).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(changed)
}

/// Inserts payment rows, one statement per chunk of 500, each followed by `conflict`.
async fn insert_payment_rows(
    tx: &mut Tx,
    rows: &[&PaymentRow],
    conflict: &'static str,
) -> Result<(), StoreError> {
    for chunk in rows.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(INSERT_PAYMENTS);
            qb.push_values(chunk, |mut b, p| {
                b.push_bind(p.id).push_bind(p.store_id).push_bind(p.sale_id).push_bind(&p.kind)
                    .push_bind(p.amount).push_bind(p.tendered).push_bind(&p.card_brand)
                    .push_bind(&p.card_last4).push_bind(&p.auth_code).push_bind(&p.terminal_ref)
                    .push_bind(&p.idempotency_key).push_bind(p.created_at).push_bind(p.reverses);
            });
            qb.push(conflict);
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Stores new carts (opened sales and returns), one statement per chunk.
pub async fn insert_carts(tx: &mut Tx, carts: &[CartRow]) -> Result<(), StoreError> {
    let rows: Vec<&CartRow> = carts.iter().collect();
    insert_cart_rows(tx, &rows, "").await?;
    Ok(())
}

/// Replaces a live cart with its next version, only if the stored one is still the version
/// the change was made on (`version - 1`) and still open or parked. Returns whether it was
/// written: `false` means another request or server changed or ended the cart first.
pub async fn update_cart(tx: &mut Tx, c: &CartRow) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE open_sales SET register_id = $2, status = $3, state = $4, version = $5, updated_at = $6 \
        WHERE id = $1 AND version = $5 - 1 AND status IN ('open', 'parked')";
    let n = on_tx!(tx, conn => sqlx::query(SQL)
        .bind(c.id)
        .bind(c.register_id)
        .bind(&c.status)
        .bind(&c.state)
        .bind(c.version)
        .bind(c.updated_at)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

// The columns of a VALUES list are column1, column2, … on both backends.
const UPDATE_CARTS_HEAD: &str = "UPDATE open_sales SET register_id = v.column2, status = v.column3, state = v.column4, \
    version = v.column5, updated_at = v.column6 FROM (";
const UPDATE_CARTS_TAIL: &str = ") AS v WHERE open_sales.id = v.column1 AND open_sales.version = v.column5 - 1 \
    AND open_sales.status IN ('open', 'parked') RETURNING open_sales.id";
const INSERT_PAYMENTS: &str = "INSERT INTO payments (id, store_id, sale_id, kind, amount, tendered, card_brand, card_last4, auth_code, terminal_ref, idempotency_key, created_at, reverses) ";
const INSERT_CARTS: &str = "INSERT INTO open_sales (id, store_id, register_id, status, state, version, created_at, updated_at) ";

/// Changes several carts in one statement, each only from the version before it and while
/// it is live (as [`update_cart`]); returns the ids of the carts changed. The carts must be
/// distinct.
pub async fn update_carts(tx: &mut Tx, carts: &[CartRow]) -> Result<Vec<Uuid>, StoreError> {
    let mut changed = Vec::with_capacity(carts.len());
    for chunk in carts.chunks(500) {
        let ids: Vec<(Uuid,)> = on_tx!(tx, conn => {
            let mut qb = sqlx::QueryBuilder::new(UPDATE_CARTS_HEAD);
            qb.push_values(chunk, |mut b, c| {
                b.push_bind(c.id).push_bind(c.register_id).push_bind(&c.status).push_bind(&c.state)
                    .push_bind(c.version).push_bind(c.updated_at);
            });
            qb.push(UPDATE_CARTS_TAIL);
            qb.build_query_as().fetch_all(conn).await
        })?;
        changed.extend(ids.into_iter().map(|(id,)| id));
    }
    Ok(changed)
}

/// Writes carts' logged states (see [`crate::cart_log`]) and the payment rows logged with
/// them: a cart not stored yet is inserted; a stored one is replaced only by a newer version
/// while it is live, so writing an older state again changes nothing and an ended cart is
/// never revived; a payment row already stored is left as it is.
pub async fn write_logged(
    tx: &mut Tx,
    carts: &[crate::cart_log::Pending],
) -> Result<(), StoreError> {
    const TAIL: &str = " ON CONFLICT (id) DO UPDATE SET register_id = excluded.register_id, \
        status = excluded.status, state = excluded.state, version = excluded.version, \
        updated_at = excluded.updated_at \
        WHERE open_sales.version < excluded.version AND open_sales.status IN ('open', 'parked')";
    let mut sorted: Vec<&CartRow> = carts.iter().map(|c| &c.row).collect();
    sorted.sort_by_key(|c| c.id);
    insert_cart_rows(tx, &sorted, TAIL).await?;
    let mut payments: Vec<&PaymentRow> = carts.iter().flat_map(|c| c.payments.iter()).collect();
    payments.sort_by_key(|p| p.id);
    insert_payment_rows(tx, &payments, " ON CONFLICT DO NOTHING").await
}

/// Writes the payment rows carts' logged changes recorded (a payment row already stored is
/// left as it is), without their states: for carts a document ends in the same transaction.
pub async fn write_logged_payments(
    tx: &mut Tx,
    carts: &[crate::cart_log::Pending],
) -> Result<(), StoreError> {
    let mut payments: Vec<&PaymentRow> = carts.iter().flat_map(|c| c.payments.iter()).collect();
    payments.sort_by_key(|p| p.id);
    insert_payment_rows(tx, &payments, " ON CONFLICT DO NOTHING").await
}

const CART_COLUMNS: &str =
    "id, store_id, register_id, status, state, version, created_at, updated_at";

/// Every cart still open or parked (loaded at start).
pub async fn live_carts(db: &Db) -> Result<Vec<CartRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, register_id, status, state, version, created_at, updated_at FROM open_sales WHERE status IN ('open', 'parked')";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).fetch_all(p).await)?)
}

/// A store's carts still open or parked, oldest first.
pub async fn live_carts_of_store(db: &Db, store_id: Uuid) -> Result<Vec<CartRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, register_id, status, state, version, created_at, updated_at FROM open_sales \
        WHERE store_id = $1 AND status IN ('open', 'parked') ORDER BY created_at, id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?)
}

/// A live cart (open or parked) by id.
pub async fn live_cart(db: &Db, id: Uuid) -> Result<Option<CartRow>, StoreError> {
    let sql = format!(
        "SELECT {CART_COLUMNS} FROM open_sales WHERE id = $1 AND status IN ('open', 'parked')"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await)?,
    )
}

/// The stored version of a cart and whether it is still live (`None`: no such cart).
pub async fn cart_version(db: &Db, id: Uuid) -> Result<Option<(i64, bool)>, StoreError> {
    const SQL: &str = "SELECT version, status IN ('open', 'parked') FROM open_sales WHERE id = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(id).fetch_optional(p).await)?)
}

/// A completed or cancelled sale or return (append-only).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SaleRow {
    pub id: Uuid,
    pub store_id: Uuid,
    pub register_id: Uuid,
    pub session_id: Uuid,
    pub number: i64,
    pub receipt_number: String,
    pub kind: String,
    pub status: String,
    pub original_sale_id: Option<Uuid>,
    pub cashier_id: Uuid,
    pub approved_by: Option<Uuid>,
    pub currency: String,
    pub tax_mode: String,
    pub tax_scope: String,
    pub tax_exempt_ref: Option<String>,
    pub subtotal: i64,
    pub discount_total: i64,
    pub net_total: i64,
    pub tax_total: i64,
    pub total: i64,
    pub rounding: i64,
    pub paid: i64,
    pub change_given: i64,
    pub discount_reason: Option<String>,
    pub sale_discount: Option<String>,
    pub business_date: String,
    pub opened_at: i64,
    pub completed_at: i64,
    pub journal_seq: i64,
    /// What the receipt's head and foot said at completion (none before they were kept).
    pub receipt_head_id: Option<Uuid>,
}

const SALE_COLUMNS: &str = "id, store_id, register_id, session_id, number, receipt_number, kind, status, original_sale_id, cashier_id, approved_by, currency, tax_mode, tax_scope, tax_exempt_ref, subtotal, discount_total, net_total, tax_total, total, rounding, paid, change_given, discount_reason, sale_discount, business_date, opened_at, completed_at, journal_seq, receipt_head_id";

/// A sale line as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LineRow {
    pub sale_id: Uuid,
    pub line_no: i32,
    pub item_id: Option<Uuid>,
    pub product_id: Option<Uuid>,
    pub variant_id: Option<Uuid>,
    pub sku: String,
    pub description: String,
    pub unit: String,
    pub tax_category: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub price_override: Option<i64>,
    pub base: i64,
    pub line_discount: i64,
    pub sale_discount: i64,
    pub amount: i64,
    pub net: i64,
    pub tax: i64,
    pub total: i64,
    pub discount: Option<String>,
    pub discount_reason: Option<String>,
    pub voided: bool,
    pub approved_by: Option<Uuid>,
    pub original_line_no: Option<i32>,
    pub scanned_code: Option<String>,
    pub lot: Option<String>,
    pub expiry: Option<String>,
    pub serial: Option<String>,
}

const LINE_COLUMNS: &str = "sale_id, line_no, item_id, product_id, variant_id, sku, description, unit, tax_category, quantity, unit_price, price_override, base, line_discount, sale_discount, amount, net, tax, total, discount, discount_reason, voided, approved_by, original_line_no, scanned_code, lot, expiry, serial";

/// A tax total of a sale, per rate.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TaxRow {
    pub sale_id: Uuid,
    pub code: String,
    pub label: String,
    pub rate_e4: i64,
    pub base: i64,
    pub tax: i64,
    pub gross: i64,
}

/// A tender (append-only).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct PaymentRow {
    pub id: Uuid,
    pub store_id: Uuid,
    pub sale_id: Uuid,
    pub kind: String,
    /// What the tender pays towards the total (cash: tendered minus change).
    pub amount: i64,
    /// What the customer handed over (cash) or was charged (card).
    pub tendered: i64,
    pub card_brand: Option<String>,
    pub card_last4: Option<String>,
    pub auth_code: Option<String>,
    pub terminal_ref: Option<String>,
    pub idempotency_key: Option<String>,
    pub created_at: i64,
    /// For a reversal (a voided tender): the payment it voids; its amounts are that one's
    /// negatives.
    pub reverses: Option<Uuid>,
}

const PAYMENT_COLUMNS: &str = "id, store_id, sale_id, kind, amount, tendered, card_brand, card_last4, auth_code, terminal_ref, idempotency_key, created_at, reverses";

/// Writes several sales, then all their lines and taxes, one multi-row statement per table
/// (per chunk).
pub async fn insert_sales(
    tx: &mut Tx,
    sales: &[SaleRow],
    lines: &[LineRow],
    taxes: &[TaxRow],
) -> Result<(), StoreError> {
    const SALE_HEAD: &str = "INSERT INTO sales (id, store_id, register_id, session_id, number, receipt_number, kind, status, original_sale_id, cashier_id, approved_by, currency, tax_mode, tax_scope, tax_exempt_ref, subtotal, discount_total, net_total, tax_total, total, rounding, paid, change_given, discount_reason, sale_discount, business_date, opened_at, completed_at, journal_seq, receipt_head_id) ";
    const LINE_HEAD: &str = "INSERT INTO sale_lines (sale_id, line_no, item_id, product_id, variant_id, sku, description, unit, tax_category, quantity, unit_price, price_override, base, line_discount, sale_discount, amount, net, tax, total, discount, discount_reason, voided, approved_by, original_line_no, scanned_code, lot, expiry, serial) ";
    const TAX_HEAD: &str =
        "INSERT INTO sale_taxes (sale_id, code, label, rate_e4, base, tax, gross) ";
    for chunk in sales.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(SALE_HEAD);
            qb.push_values(chunk, |mut b, s| {
                b.push_bind(s.id).push_bind(s.store_id).push_bind(s.register_id).push_bind(s.session_id)
                    .push_bind(s.number).push_bind(&s.receipt_number).push_bind(&s.kind).push_bind(&s.status)
                    .push_bind(s.original_sale_id).push_bind(s.cashier_id).push_bind(s.approved_by)
                    .push_bind(&s.currency).push_bind(&s.tax_mode).push_bind(&s.tax_scope)
                    .push_bind(&s.tax_exempt_ref).push_bind(s.subtotal).push_bind(s.discount_total)
                    .push_bind(s.net_total).push_bind(s.tax_total).push_bind(s.total).push_bind(s.rounding)
                    .push_bind(s.paid).push_bind(s.change_given).push_bind(&s.discount_reason)
                    .push_bind(&s.sale_discount).push_bind(&s.business_date).push_bind(s.opened_at)
                    .push_bind(s.completed_at).push_bind(s.journal_seq).push_bind(s.receipt_head_id);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    // One multi-row statement per chunk: a completion's statements run one at a time under
    // the write lock, so fewer round trips means more sales per second.
    for chunk in lines.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(LINE_HEAD);
            qb.push_values(chunk, |mut b, l| {
                b.push_bind(l.sale_id).push_bind(l.line_no).push_bind(l.item_id).push_bind(l.product_id)
                    .push_bind(l.variant_id).push_bind(&l.sku).push_bind(&l.description).push_bind(&l.unit)
                    .push_bind(&l.tax_category).push_bind(l.quantity).push_bind(l.unit_price).push_bind(l.price_override)
                    .push_bind(l.base).push_bind(l.line_discount).push_bind(l.sale_discount).push_bind(l.amount)
                    .push_bind(l.net).push_bind(l.tax).push_bind(l.total).push_bind(&l.discount).push_bind(&l.discount_reason)
                    .push_bind(l.voided).push_bind(l.approved_by).push_bind(l.original_line_no)
                    .push_bind(&l.scanned_code).push_bind(&l.lot).push_bind(&l.expiry).push_bind(&l.serial);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    if !taxes.is_empty() {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(TAX_HEAD);
            qb.push_values(taxes, |mut b, t| {
                b.push_bind(t.sale_id).push_bind(&t.code).push_bind(&t.label).push_bind(t.rate_e4)
                    .push_bind(t.base).push_bind(t.tax).push_bind(t.gross);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Records several tenders in one statement.
pub async fn insert_payments(tx: &mut Tx, rows: &[PaymentRow]) -> Result<(), StoreError> {
    let rows: Vec<&PaymentRow> = rows.iter().collect();
    insert_payment_rows(tx, &rows, "").await
}

/// Records a tender.
pub async fn insert_payment(tx: &mut Tx, p: &PaymentRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO payments (id, store_id, sale_id, kind, amount, tendered, card_brand, card_last4, auth_code, terminal_ref, idempotency_key, created_at, reverses) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(p.id).bind(p.store_id).bind(p.sale_id).bind(&p.kind).bind(p.amount)
        .bind(p.tendered).bind(&p.card_brand).bind(&p.card_last4).bind(&p.auth_code)
        .bind(&p.terminal_ref).bind(&p.idempotency_key).bind(p.created_at).bind(p.reverses)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks carts as ended (completed or cancelled), each only if it is still live at an older
/// version than the ending one: a cart another request or server changed to that version or
/// ended meanwhile is refused with [`StoreError::Stale`] and nothing of the statement is kept.
/// A cart whose changes are still in the cart log (SQLite) may be stored at any older version,
/// or not yet at all: its ending row is then inserted, so the log's states are not written
/// first only to be replaced (and, being older, they never replace the ending afterwards).
pub async fn end_carts(tx: &mut Tx, carts: &[CartRow]) -> Result<(), StoreError> {
    const TAIL: &str = " ON CONFLICT (id) DO UPDATE SET status = excluded.status, state = excluded.state, \
        version = excluded.version, updated_at = excluded.updated_at \
        WHERE open_sales.version < excluded.version AND open_sales.status IN ('open', 'parked')";
    let mut sorted: Vec<&CartRow> = carts.iter().collect();
    sorted.sort_by_key(|c| c.id);
    if insert_cart_rows(tx, &sorted, TAIL).await? != sorted.len() as u64 {
        return Err(StoreError::Stale("open sale"));
    }
    Ok(())
}

/// One sale of the store (its `sales` row: the document loader in caisse-app reads it with
/// its lines, taxes and tenders).
pub async fn get_sale(db: &Db, store_id: Uuid, id: Uuid) -> Result<Option<SaleRow>, StoreError> {
    let sql = format!("SELECT {SALE_COLUMNS} FROM sales WHERE store_id = $1 AND id = $2");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id).fetch_optional(p).await)?,
    )
}

/// The receipt number of a sale of the store (a return's receipt names its original's).
pub async fn receipt_number(
    db: &Db,
    store_id: Uuid,
    id: Uuid,
) -> Result<Option<String>, StoreError> {
    const SQL: &str = "SELECT receipt_number FROM sales WHERE store_id = $1 AND id = $2";
    let row: Option<(String,)> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(id).fetch_optional(p).await)?;
    Ok(row.map(|(n,)| n))
}

/// A sale found by its receipt number (`T1-000042`).
pub async fn find_by_receipt(
    db: &Db,
    store_id: Uuid,
    receipt_number: &str,
) -> Result<Option<SaleRow>, StoreError> {
    let sql =
        format!("SELECT {SALE_COLUMNS} FROM sales WHERE store_id = $1 AND receipt_number = $2");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(receipt_number).fetch_optional(p).await)?,
    )
}

/// The lines of a sale.
pub async fn sale_lines(db: &Db, sale_id: Uuid) -> Result<Vec<LineRow>, StoreError> {
    let sql = format!("SELECT {LINE_COLUMNS} FROM sale_lines WHERE sale_id = $1 ORDER BY line_no");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(sale_id).fetch_all(p).await)?,
    )
}

/// The tax totals of a sale.
pub async fn sale_taxes(db: &Db, sale_id: Uuid) -> Result<Vec<TaxRow>, StoreError> {
    const SQL: &str = "SELECT sale_id, code, label, rate_e4, base, tax, gross FROM sale_taxes WHERE sale_id = $1 ORDER BY rate_e4, code";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(sale_id).fetch_all(p).await)?)
}

/// The tenders of a sale in the order they were taken.
pub async fn sale_payments(db: &Db, sale_id: Uuid) -> Result<Vec<PaymentRow>, StoreError> {
    let sql = format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments WHERE sale_id = $1 ORDER BY created_at, id"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(sale_id).fetch_all(p).await)?,
    )
}
