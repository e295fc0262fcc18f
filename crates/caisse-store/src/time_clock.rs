//! Time clock persistence: punches (append-only, corrections as new rows), the store's pay
//! settings and each employee's rates.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A punch as stored: an original one, or a correction of another (`replaces`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PunchRow {
    /// Punch id (UUID v7).
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// Whose time it is.
    pub user_id: Uuid,
    /// `clock_in`, `clock_out`, `break_start` or `break_end`.
    pub kind: String,
    /// The instant, µs since the epoch.
    pub at: i64,
    /// The terminal it was punched at, if a till.
    pub register_id: Option<Uuid>,
    /// Who recorded it (the employee, or the manager correcting).
    pub recorded_by: Uuid,
    /// The punch this one corrects.
    pub replaces: Option<Uuid>,
    /// This correction removes the punch it replaces.
    pub voided: bool,
    /// Why a manager recorded or corrected it.
    pub reason: Option<String>,
    /// When it was recorded, µs.
    pub created_at: i64,
}

const PUNCH_COLS: &str = "id, store_id, user_id, kind, at, register_id, recorded_by, replaces, voided, reason, created_at";

/// Records a punch or a correction.
pub async fn insert_punch(tx: &mut Tx, p: &PunchRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO time_punches (id, store_id, user_id, kind, at, register_id, recorded_by, replaces, voided, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    on_tx!(tx, c => sqlx::query(SQL).bind(p.id).bind(p.store_id).bind(p.user_id).bind(&p.kind)
        .bind(p.at).bind(p.register_id).bind(p.recorded_by).bind(p.replaces).bind(p.voided)
        .bind(&p.reason).bind(p.created_at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Takes the employee's turn to punch: on PostgreSQL the user's row is locked until commit, so
/// two terminals punching for one person at once take turns (SQLite's write transactions
/// already run one at a time).
pub async fn lock_user(tx: &mut Tx, store_id: Uuid, user_id: Uuid) -> Result<bool, StoreError> {
    const SQLITE: &str = "SELECT id FROM users WHERE store_id = $1 AND id = $2";
    const POSTGRES: &str = "SELECT id FROM users WHERE store_id = $1 AND id = $2 FOR UPDATE";
    let found: Option<(Uuid,)> = match tx {
        Tx::Sqlite(t) => {
            sqlx::query_as(SQLITE)
                .bind(store_id)
                .bind(user_id)
                .fetch_optional(&mut *t.tx)
                .await?
        }
        Tx::Postgres(t) => {
            sqlx::query_as(POSTGRES)
                .bind(store_id)
                .bind(user_id)
                .fetch_optional(&mut **t)
                .await?
        }
    };
    Ok(found.is_some())
}

/// Every punch row of one employee (corrections included) between two instants, by time.
pub async fn punches_tx(
    tx: &mut Tx,
    store_id: Uuid,
    user_id: Uuid,
    from: i64,
    to: i64,
) -> Result<Vec<PunchRow>, StoreError> {
    let sql = format!(
        "SELECT {PUNCH_COLS} FROM time_punches WHERE store_id = $1 AND user_id = $2 AND at >= $3 AND at < $4 ORDER BY at, id"
    );
    Ok(
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(user_id)
        .bind(from).bind(to).fetch_all(c).await)?,
    )
}

/// Every punch row of the store (or of one employee) between two instants, by employee and
/// time. A correction is listed at the time it sets; rows it replaces keep theirs.
pub async fn punches(
    db: &Db,
    store_id: Uuid,
    user_id: Option<Uuid>,
    from: i64,
    to: i64,
) -> Result<Vec<PunchRow>, StoreError> {
    let sql = format!(
        "SELECT {PUNCH_COLS} FROM time_punches WHERE store_id = $1 AND ($2 IS NULL OR user_id = $2) AND at >= $3 AND at < $4 ORDER BY user_id, at, id"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(user_id)
        .bind(from).bind(to).fetch_all(p).await)?,
    )
}

/// One punch row of the store.
pub async fn punch(tx: &mut Tx, store_id: Uuid, id: Uuid) -> Result<Option<PunchRow>, StoreError> {
    let sql = format!("SELECT {PUNCH_COLS} FROM time_punches WHERE store_id = $1 AND id = $2");
    Ok(
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id)
        .fetch_optional(c).await)?,
    )
}

/// The store's pay schedule and overtime rules as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PaySettingsRow {
    /// `weekly`, `bi_weekly`, `semi_monthly` or `monthly`.
    pub frequency: String,
    /// The first day of one weekly or bi-weekly period, `YYYY-MM-DD`.
    pub anchor: String,
    /// 0 (Monday) to 6 (Sunday).
    pub week_starts: i32,
    /// Seconds a day before overtime.
    pub daily_threshold_secs: Option<i64>,
    /// Regular seconds a week before overtime.
    pub weekly_threshold_secs: Option<i64>,
    /// Overtime pay in percent of the rate.
    pub multiplier_percent: i32,
}

impl Default for PaySettingsRow {
    /// Weekly pay from Monday 5 January 2026, no overtime thresholds, time and a half.
    fn default() -> Self {
        PaySettingsRow {
            frequency: "weekly".into(),
            anchor: "2026-01-05".into(),
            week_starts: 0,
            daily_threshold_secs: None,
            weekly_threshold_secs: None,
            multiplier_percent: 150,
        }
    }
}

/// The store's pay settings (the defaults until changed).
pub async fn pay_settings(db: &Db, store_id: Uuid) -> Result<PaySettingsRow, StoreError> {
    const SQL: &str = "SELECT frequency, anchor, week_starts, daily_threshold_secs, weekly_threshold_secs, multiplier_percent FROM pay_settings WHERE store_id = $1";
    let row: Option<PaySettingsRow> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_optional(p).await)?;
    Ok(row.unwrap_or_default())
}

/// Writes the store's pay settings.
pub async fn put_pay_settings(
    tx: &mut Tx,
    store_id: Uuid,
    s: &PaySettingsRow,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO pay_settings (store_id, frequency, anchor, week_starts, daily_threshold_secs, weekly_threshold_secs, multiplier_percent) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (store_id) DO UPDATE SET frequency = excluded.frequency, anchor = excluded.anchor, week_starts = excluded.week_starts, daily_threshold_secs = excluded.daily_threshold_secs, weekly_threshold_secs = excluded.weekly_threshold_secs, multiplier_percent = excluded.multiplier_percent";
    on_tx!(tx, c => sqlx::query(SQL).bind(store_id).bind(&s.frequency).bind(&s.anchor)
        .bind(s.week_starts).bind(s.daily_threshold_secs).bind(s.weekly_threshold_secs)
        .bind(s.multiplier_percent).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// An employee's rate from a date on.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RateRow {
    /// The employee.
    pub user_id: Uuid,
    /// First day, `YYYY-MM-DD`.
    pub effective_from: String,
    /// Minor units an hour.
    pub per_hour: i64,
    /// Commission in basis points of net sales.
    pub commission_bp: i32,
}

/// Sets (or replaces) the rate an employee gets from a date on.
pub async fn put_rate(
    tx: &mut Tx,
    store_id: Uuid,
    r: &RateRow,
    set_by: Uuid,
    now: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO pay_rates (store_id, user_id, effective_from, per_hour, commission_bp, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (user_id, effective_from) DO UPDATE SET per_hour = excluded.per_hour, commission_bp = excluded.commission_bp, set_by = excluded.set_by, set_at = excluded.set_at";
    on_tx!(tx, c => sqlx::query(SQL).bind(store_id).bind(r.user_id).bind(&r.effective_from)
        .bind(r.per_hour).bind(r.commission_bp).bind(set_by).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The rates of the store's employees (or one), by employee and date.
pub async fn rates(
    db: &Db,
    store_id: Uuid,
    user_id: Option<Uuid>,
) -> Result<Vec<RateRow>, StoreError> {
    const SQL: &str = "SELECT user_id, effective_from, per_hour, commission_bp FROM pay_rates WHERE store_id = $1 AND ($2 IS NULL OR user_id = $2) ORDER BY user_id, effective_from";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(user_id).fetch_all(p).await)?)
}

/// Net sales before tax per employee over business dates `from..=to`: their completed sales,
/// less the returns of those sales (a return without its sale counts against whoever made it).
pub async fn net_sales_by_employee(
    db: &Db,
    store_id: Uuid,
    from: &str,
    to: &str,
) -> Result<Vec<(Uuid, i64)>, StoreError> {
    const SQL: &str = "SELECT COALESCE(o.cashier_id, s.cashier_id) AS seller, CAST(SUM(s.net_total) AS BIGINT) AS net \
         FROM sales s LEFT JOIN sales o ON o.id = s.original_sale_id \
         WHERE s.store_id = $1 AND s.status = 'completed' AND s.business_date >= $2 AND s.business_date <= $3 \
         GROUP BY COALESCE(o.cashier_id, s.cashier_id)";
    Ok(
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(from).bind(to).fetch_all(p).await)?,
    )
}
