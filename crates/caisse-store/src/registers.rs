//! Registers (tills), their drawer sessions and drawer events.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A register as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RegisterRow {
    /// Register id.
    pub id: Uuid,
    /// The store it belongs to.
    pub store_id: Uuid,
    /// Short code printed in receipt numbers (`T1`).
    pub code: String,
    /// Name shown to people (`Till 1`).
    pub name: String,
    /// Network receipt printer, `host:port`, if any.
    pub printer: Option<String>,
    /// Receipt width in characters.
    pub receipt_width: i32,
    /// Whether it can be used.
    pub active: bool,
}

const REGISTER_COLUMNS: &str = "id, store_id, code, name, printer, receipt_width, active";

/// Stores a new register.
pub async fn insert_register(tx: &mut Tx, r: &RegisterRow, now_us: i64) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO registers (id, store_id, code, name, printer, receipt_width, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(r.id)
        .bind(r.store_id)
        .bind(&r.code)
        .bind(&r.name)
        .bind(&r.printer)
        .bind(r.receipt_width)
        .bind(r.active)
        .bind(now_us)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Updates a register's name, printer, width and active flag.
pub async fn update_register(tx: &mut Tx, r: &RegisterRow) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE registers SET name = $3, printer = $4, receipt_width = $5, active = $6 WHERE id = $1 AND store_id = $2";
    let n = on_tx!(tx, c => sqlx::query(SQL)
        .bind(r.id)
        .bind(r.store_id)
        .bind(&r.name)
        .bind(&r.printer)
        .bind(r.receipt_width)
        .bind(r.active)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The store's registers by code.
pub async fn list_registers(db: &Db, store_id: Uuid) -> Result<Vec<RegisterRow>, StoreError> {
    let sql = const_format_registers("WHERE store_id = $1 ORDER BY code");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).fetch_all(p).await)?,
    )
}

/// One register of the store.
pub async fn get_register(
    db: &Db,
    store_id: Uuid,
    id: Uuid,
) -> Result<Option<RegisterRow>, StoreError> {
    let sql = const_format_registers("WHERE store_id = $1 AND id = $2");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id).fetch_optional(p).await)?,
    )
}

/// A register by its id alone, whatever its store (a till names its register before anyone
/// signs in).
pub async fn find_register(db: &Db, id: Uuid) -> Result<Option<RegisterRow>, StoreError> {
    let sql = const_format_registers("WHERE id = $1");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(p).await)?,
    )
}

fn const_format_registers(tail: &str) -> String {
    format!("SELECT {REGISTER_COLUMNS} FROM registers {tail}")
}

/// A drawer session as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    /// Session id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The register.
    pub register_id: Uuid,
    /// `open` or `closed`.
    pub status: String,
    /// Who opened it.
    pub opened_by: Uuid,
    /// When, µs.
    pub opened_at: i64,
    /// Cash put in the drawer at opening, minor units.
    pub opening_float: i64,
    /// Who closed it.
    pub closed_by: Option<Uuid>,
    /// When, µs.
    pub closed_at: Option<i64>,
    /// Cash counted at closing.
    pub counted: Option<i64>,
    /// Cash expected at closing.
    pub expected: Option<i64>,
    /// Number of the Z report that closed it.
    pub z_number: Option<i64>,
}

const SESSION_COLUMNS: &str = "id, store_id, register_id, status, opened_by, opened_at, opening_float, closed_by, closed_at, counted, expected, z_number";

/// Opens a drawer session; fails with a conflict on `drawer_sessions_one_open` when the
/// register already has one open.
pub async fn insert_session(tx: &mut Tx, s: &SessionRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO drawer_sessions (id, store_id, register_id, status, opened_by, opened_at, opening_float) VALUES ($1, $2, $3, 'open', $4, $5, $6)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(s.id)
        .bind(s.store_id)
        .bind(s.register_id)
        .bind(s.opened_by)
        .bind(s.opened_at)
        .bind(s.opening_float)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Closes a drawer session (only an open one).
pub async fn close_session(tx: &mut Tx, s: &SessionRow) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE drawer_sessions SET status = 'closed', closed_by = $2, closed_at = $3, counted = $4, expected = $5, z_number = $6 WHERE id = $1 AND status = 'open'";
    let n = on_tx!(tx, c => sqlx::query(SQL)
        .bind(s.id)
        .bind(s.closed_by)
        .bind(s.closed_at)
        .bind(s.counted)
        .bind(s.expected)
        .bind(s.z_number)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The register's open drawer session, if any.
pub async fn open_session(db: &Db, register_id: Uuid) -> Result<Option<SessionRow>, StoreError> {
    let sql = format!(
        "SELECT {SESSION_COLUMNS} FROM drawer_sessions WHERE register_id = $1 AND status = 'open'"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(register_id).fetch_optional(p).await)?,
    )
}

/// The register's open drawer session, read inside a transaction.
pub async fn open_session_tx(
    tx: &mut Tx,
    register_id: Uuid,
) -> Result<Option<SessionRow>, StoreError> {
    let sql = format!(
        "SELECT {SESSION_COLUMNS} FROM drawer_sessions WHERE register_id = $1 AND status = 'open'"
    );
    Ok(
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(register_id).fetch_optional(c).await)?,
    )
}

/// The open drawer sessions of several registers, in one statement.
pub async fn open_sessions_tx(
    tx: &mut Tx,
    register_ids: &[Uuid],
) -> Result<Vec<SessionRow>, StoreError> {
    const HEAD: &str = "SELECT id, store_id, register_id, status, opened_by, opened_at, opening_float, closed_by, closed_at, counted, expected, z_number FROM drawer_sessions WHERE status = 'open' AND register_id IN (";
    let mut out = Vec::new();
    for chunk in register_ids.chunks(500) {
        let rows: Vec<SessionRow> = on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            let mut list = qb.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            qb.push(")");
            qb.build_query_as().fetch_all(c).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

/// One drawer session.
pub async fn get_session(db: &Db, id: Uuid) -> Result<Option<SessionRow>, StoreError> {
    let sql = format!("SELECT {SESSION_COLUMNS} FROM drawer_sessions WHERE id = $1");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(p).await)?,
    )
}

/// A drawer event (append-only).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DrawerEventRow {
    /// Event id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The register.
    pub register_id: Uuid,
    /// The drawer session.
    pub session_id: Uuid,
    /// `open`, `paid_in`, `paid_out`, `drop`, `no_sale`, `close`.
    pub kind: String,
    /// Cash amount (positive), minor units; 0 for a no-sale.
    pub amount: i64,
    /// Why (paid-out to the window cleaner…).
    pub reason: Option<String>,
    /// Extra detail as JSON (a denomination count).
    pub detail: Option<String>,
    /// Who did it.
    pub user_id: Uuid,
    /// The manager who approved it, if it needed approval.
    pub approved_by: Option<Uuid>,
    /// When, µs.
    pub occurred_at: i64,
    /// Its journal entry.
    pub journal_seq: i64,
}

/// Appends a drawer event.
pub async fn insert_event(tx: &mut Tx, e: &DrawerEventRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO drawer_events (id, store_id, register_id, session_id, kind, amount, reason, detail, user_id, approved_by, occurred_at, journal_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(e.id)
        .bind(e.store_id)
        .bind(e.register_id)
        .bind(e.session_id)
        .bind(&e.kind)
        .bind(e.amount)
        .bind(&e.reason)
        .bind(&e.detail)
        .bind(e.user_id)
        .bind(e.approved_by)
        .bind(e.occurred_at)
        .bind(e.journal_seq)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}
