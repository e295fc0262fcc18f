//! Closures (Z, day, month, year) and the grouped sums reports are made of: documents by kind
//! and status, tenders by kind, taxes by rate and drawer events by kind, over a drawer session
//! or a range of business dates of a register. Sums are cast to BIGINT (PostgreSQL's
//! `SUM(bigint)` is NUMERIC).

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// Where a read runs: on the pool, or inside a write transaction (to see exactly what the
/// transaction is about to close).
pub enum Src<'a> {
    /// The pool (a consistent-enough snapshot for an X report).
    Db(&'a Db),
    /// The caller's transaction.
    Tx(&'a mut Tx),
}

macro_rules! on_src {
    ($src:expr, $c:ident => $body:expr) => {
        match $src {
            Src::Db(db) => on_pool!(*db, $c => $body),
            Src::Tx(tx) => on_tx!(&mut **tx, $c => $body),
        }
    };
}

/// Which documents a report covers.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// The documents of one drawer session.
    Session(Uuid),
    /// A register's documents whose business date is between `from` and `to` (inclusive,
    /// `YYYY-MM-DD`).
    Dates {
        /// The register.
        register_id: Uuid,
        /// First business date.
        from: &'a str,
        /// Last business date.
        to: &'a str,
    },
}

macro_rules! fetch_scoped {
    ($src:expr, $scope:expr, $by_session:expr, $by_dates:expr) => {
        match $scope {
            Scope::Session(id) => on_src!($src, c => sqlx::query_as($by_session).bind(id).fetch_all(c).await),
            Scope::Dates { register_id, from, to } => on_src!($src, c => sqlx::query_as($by_dates)
                .bind(register_id)
                .bind(from)
                .bind(to)
                .fetch_all(c)
                .await),
        }
    };
}

/// Documents of one kind and status, summed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DocumentGroupRow {
    /// `sale` or `return`.
    pub kind: String,
    /// `completed` or `cancelled`.
    pub status: String,
    /// How many.
    pub count: i64,
    /// Sum of subtotals (line prices before discounts).
    pub subtotal: i64,
    /// Sum of discounts.
    pub discount_total: i64,
    /// Sum of totals without tax.
    pub net_total: i64,
    /// Sum of tax.
    pub tax_total: i64,
    /// Sum of totals.
    pub total: i64,
    /// Sum of cash rounding.
    pub rounding: i64,
}

macro_rules! documents_sql {
    ($where:literal) => {
        concat!(
            "SELECT kind, status, CAST(COUNT(*) AS BIGINT) AS count, ",
            "CAST(SUM(subtotal) AS BIGINT) AS subtotal, CAST(SUM(discount_total) AS BIGINT) AS discount_total, ",
            "CAST(SUM(net_total) AS BIGINT) AS net_total, CAST(SUM(tax_total) AS BIGINT) AS tax_total, ",
            "CAST(SUM(total) AS BIGINT) AS total, CAST(SUM(rounding) AS BIGINT) AS rounding ",
            "FROM sales WHERE ",
            $where,
            " GROUP BY kind, status ORDER BY kind, status"
        )
    };
}

/// The documents in scope, summed by kind and status.
pub async fn document_groups(
    src: &mut Src<'_>,
    scope: Scope<'_>,
) -> Result<Vec<DocumentGroupRow>, StoreError> {
    const BY_SESSION: &str = documents_sql!("session_id = $1");
    const BY_DATES: &str =
        documents_sql!("register_id = $1 AND business_date >= $2 AND business_date <= $3");
    Ok(fetch_scoped!(src, scope, BY_SESSION, BY_DATES)?)
}

/// Tenders of one kind over completed documents. A reversal (a tender voided before the
/// sale completed) cancels its tender: it counts -1 and its amount is the tender's negative,
/// so a kind whose every tender was voided does not appear.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TenderTotalRow {
    /// `cash`, `card`, …
    pub kind: String,
    /// How many tenders, net of voided ones.
    pub count: i64,
    /// What they paid towards totals (cash net of change; reversals netted).
    pub amount: i64,
}

macro_rules! tenders_sql {
    ($where:literal) => {
        concat!(
            "SELECT p.kind AS kind, CAST(SUM(CASE WHEN p.reverses IS NULL THEN 1 ELSE -1 END) AS BIGINT) AS count, ",
            "CAST(SUM(p.amount) AS BIGINT) AS amount ",
            "FROM payments p JOIN sales s ON s.id = p.sale_id WHERE s.status = 'completed' AND ",
            $where,
            " GROUP BY p.kind HAVING SUM(CASE WHEN p.reverses IS NULL THEN 1 ELSE -1 END) <> 0 OR SUM(p.amount) <> 0",
            " ORDER BY p.kind"
        )
    };
}

/// The tenders of the completed documents in scope, summed by kind.
pub async fn tender_totals(
    src: &mut Src<'_>,
    scope: Scope<'_>,
) -> Result<Vec<TenderTotalRow>, StoreError> {
    const BY_SESSION: &str = tenders_sql!("s.session_id = $1");
    const BY_DATES: &str =
        tenders_sql!("s.register_id = $1 AND s.business_date >= $2 AND s.business_date <= $3");
    Ok(fetch_scoped!(src, scope, BY_SESSION, BY_DATES)?)
}

/// Tax of one rate over completed documents.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TaxTotalRow {
    /// Tax code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Rate in ten-thousandths of a percent.
    pub rate_e4: i64,
    /// Taxable base.
    pub base: i64,
    /// Tax.
    pub tax: i64,
    /// Base plus tax.
    pub gross: i64,
}

macro_rules! taxes_sql {
    ($where:literal) => {
        concat!(
            "SELECT t.code AS code, MIN(t.label) AS label, t.rate_e4 AS rate_e4, ",
            "CAST(SUM(t.base) AS BIGINT) AS base, CAST(SUM(t.tax) AS BIGINT) AS tax, CAST(SUM(t.gross) AS BIGINT) AS gross ",
            "FROM sale_taxes t JOIN sales s ON s.id = t.sale_id WHERE s.status = 'completed' AND ",
            $where,
            " GROUP BY t.rate_e4, t.code ORDER BY t.rate_e4, t.code"
        )
    };
}

/// The taxes of the completed documents in scope, summed by rate and code.
pub async fn tax_totals(
    src: &mut Src<'_>,
    scope: Scope<'_>,
) -> Result<Vec<TaxTotalRow>, StoreError> {
    const BY_SESSION: &str = taxes_sql!("s.session_id = $1");
    const BY_DATES: &str =
        taxes_sql!("s.register_id = $1 AND s.business_date >= $2 AND s.business_date <= $3");
    Ok(fetch_scoped!(src, scope, BY_SESSION, BY_DATES)?)
}

/// Drawer events of one kind in a session.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DrawerTotalRow {
    /// `open`, `paid_in`, `paid_out`, `drop`, `no_sale`, `close`.
    pub kind: String,
    /// How many.
    pub count: i64,
    /// Sum of amounts.
    pub amount: i64,
}

/// A drawer session's events summed by kind.
pub async fn drawer_totals(
    src: &mut Src<'_>,
    session_id: Uuid,
) -> Result<Vec<DrawerTotalRow>, StoreError> {
    const SQL: &str = "SELECT kind, CAST(COUNT(*) AS BIGINT) AS count, CAST(SUM(amount) AS BIGINT) AS amount \
        FROM drawer_events WHERE session_id = $1 GROUP BY kind ORDER BY kind";
    Ok(on_src!(src, c => sqlx::query_as(SQL).bind(session_id).fetch_all(c).await)?)
}

/// The business dates between `from` and `to` on which the register has documents.
pub async fn document_dates(
    tx: &mut Tx,
    register_id: Uuid,
    from: &str,
    to: &str,
) -> Result<Vec<String>, StoreError> {
    const SQL: &str = "SELECT DISTINCT business_date FROM sales \
        WHERE register_id = $1 AND business_date >= $2 AND business_date <= $3 ORDER BY business_date";
    let rows: Vec<(String,)> = on_tx!(tx, c => sqlx::query_as(SQL)
        .bind(register_id)
        .bind(from)
        .bind(to)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(|(d,)| d).collect())
}

/// A closure as stored (append-only).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClosureRow {
    /// Closure id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The register.
    pub register_id: Uuid,
    /// `z`, `day`, `month` or `year`.
    pub kind: String,
    /// Gap-free number per register and kind, from 1.
    pub number: i64,
    /// The drawer session's id (Z), or `2026-11-27`, `2026-11`, `2026`.
    pub period: String,
    /// Sum of the period's completed documents' totals.
    pub period_total: i64,
    /// The register's perpetual grand total when the closure was made.
    pub perpetual_total: i64,
    /// The report, canonical JSON.
    pub report: String,
    /// Who made it.
    pub created_by: Option<Uuid>,
    /// When, µs.
    pub created_at: i64,
    /// Its journal entry.
    pub journal_seq: i64,
}

/// Stores a closure; a period closed twice fails with a conflict on `closures_period_key`
/// (PostgreSQL) or the `closures.period` columns (SQLite).
pub async fn insert_closure(tx: &mut Tx, r: &ClosureRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO closures (id, store_id, register_id, kind, number, period, period_total, perpetual_total, report, created_by, created_at, journal_seq) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(r.id)
        .bind(r.store_id)
        .bind(r.register_id)
        .bind(&r.kind)
        .bind(r.number)
        .bind(&r.period)
        .bind(r.period_total)
        .bind(r.perpetual_total)
        .bind(&r.report)
        .bind(r.created_by)
        .bind(r.created_at)
        .bind(r.journal_seq)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The last number given to a register's closures of a kind (0 before the first).
pub async fn last_number(tx: &mut Tx, register_id: Uuid, kind: &str) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT CAST(COALESCE(MAX(number), 0) AS BIGINT) FROM closures WHERE register_id = $1 AND kind = $2";
    let (n,): (i64,) =
        on_tx!(tx, c => sqlx::query_as(SQL).bind(register_id).bind(kind).fetch_one(c).await)?;
    Ok(n)
}

/// The periods between `from` and `to` (compared as text) a register has closed with a kind.
pub async fn closed_periods(
    tx: &mut Tx,
    register_id: Uuid,
    kind: &str,
    from: &str,
    to: &str,
) -> Result<Vec<String>, StoreError> {
    const SQL: &str = "SELECT period FROM closures WHERE register_id = $1 AND kind = $2 AND period >= $3 AND period <= $4 ORDER BY period";
    let rows: Vec<(String,)> = on_tx!(tx, c => sqlx::query_as(SQL)
        .bind(register_id)
        .bind(kind)
        .bind(from)
        .bind(to)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(|(p,)| p).collect())
}

/// The store's closures, newest first, optionally of one register and one kind.
pub async fn list(
    db: &Db,
    store_id: Uuid,
    register_id: Option<Uuid>,
    kind: Option<&str>,
    limit: i64,
) -> Result<Vec<ClosureRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, register_id, kind, number, period, period_total, perpetual_total, report, created_by, created_at, journal_seq \
        FROM closures WHERE store_id = $1 AND ($2 IS NULL OR register_id = $2) AND ($3 IS NULL OR kind = $3) \
        ORDER BY created_at DESC, number DESC LIMIT $4";
    Ok(on_pool!(db, p => sqlx::query_as(SQL)
        .bind(store_id)
        .bind(register_id)
        .bind(kind)
        .bind(limit)
        .fetch_all(p)
        .await)?)
}

/// One closure of the store.
pub async fn get(db: &Db, store_id: Uuid, id: Uuid) -> Result<Option<ClosureRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, register_id, kind, number, period, period_total, perpetual_total, report, created_by, created_at, journal_seq \
        FROM closures WHERE store_id = $1 AND id = $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL)
        .bind(store_id)
        .bind(id)
        .fetch_optional(p)
        .await)?)
}

/// A register's closure of a kind by number, or its latest when `number` is `None`.
pub async fn find(
    db: &Db,
    register_id: Uuid,
    kind: &str,
    number: Option<i64>,
) -> Result<Option<ClosureRow>, StoreError> {
    const BY_NUMBER: &str = "SELECT id, store_id, register_id, kind, number, period, period_total, perpetual_total, report, created_by, created_at, journal_seq \
        FROM closures WHERE register_id = $1 AND kind = $2 AND number = $3";
    const LATEST: &str = "SELECT id, store_id, register_id, kind, number, period, period_total, perpetual_total, report, created_by, created_at, journal_seq \
        FROM closures WHERE register_id = $1 AND kind = $2 ORDER BY number DESC LIMIT 1";
    Ok(match number {
        Some(n) => on_pool!(db, p => sqlx::query_as(BY_NUMBER)
            .bind(register_id)
            .bind(kind)
            .bind(n)
            .fetch_optional(p)
            .await)?,
        None => on_pool!(db, p => sqlx::query_as(LATEST)
            .bind(register_id)
            .bind(kind)
            .fetch_optional(p)
            .await)?,
    })
}
