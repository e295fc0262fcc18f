//! Failed sign-ins counted per (who, where), and the lock they lead to.

use crate::{Db, StoreError, on_pool, on_tx};

/// Failures of one subject at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct FailureRow {
    /// Failures in a row.
    pub failures: i64,
    /// Locked until this instant (µs), if locked.
    pub locked_until: Option<i64>,
    /// The last failure (µs).
    pub last_failure_at: i64,
}

/// The failures of `subject` at `place`, if any.
pub async fn get(db: &Db, subject: &str, place: &str) -> Result<Option<FailureRow>, StoreError> {
    const SQL: &str = "SELECT failures, locked_until, last_failure_at FROM sign_in_failures WHERE subject = $1 AND place = $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(subject).bind(place).fetch_optional(p).await)?)
}

/// Counts one more failure atomically (failures before `forget_before` start the count
/// again), then sets the lock `lock_for(count)` gives; returns the count and the lock.
pub async fn record(
    db: &Db,
    subject: &str,
    place: &str,
    now_us: i64,
    forget_before: i64,
    lock_for: impl Fn(i64) -> Option<i64>,
) -> Result<FailureRow, StoreError> {
    const COUNT: &str = "INSERT INTO sign_in_failures (subject, place, failures, locked_until, last_failure_at) VALUES ($1, $2, 1, NULL, $3) \
         ON CONFLICT (subject, place) DO UPDATE SET \
         failures = CASE WHEN sign_in_failures.last_failure_at < $4 THEN 1 ELSE sign_in_failures.failures + 1 END, \
         last_failure_at = $3 RETURNING failures";
    const LOCK: &str =
        "UPDATE sign_in_failures SET locked_until = $3 WHERE subject = $1 AND place = $2";
    let mut tx = db.begin().await?;
    let (failures,): (i64,) = on_tx!(&mut tx, c => sqlx::query_as(COUNT)
        .bind(subject)
        .bind(place)
        .bind(now_us)
        .bind(forget_before)
        .fetch_one(c)
        .await)?;
    let locked_until = lock_for(failures).map(|d| now_us.saturating_add(d));
    on_tx!(&mut tx, c => sqlx::query(LOCK).bind(subject).bind(place).bind(locked_until).execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(FailureRow {
        failures,
        locked_until,
        last_failure_at: now_us,
    })
}

/// Forgets the failures of `subject` at `place` (a successful sign-in there).
pub async fn clear(db: &Db, subject: &str, place: &str) -> Result<(), StoreError> {
    const SQL: &str = "DELETE FROM sign_in_failures WHERE subject = $1 AND place = $2";
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, c => sqlx::query(SQL).bind(subject).bind(place).execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    tx.commit().await
}

/// Forgets every failure of `subject`, wherever (an unlock by a manager).
pub async fn clear_subject(tx: &mut crate::Tx, subject: &str) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM sign_in_failures WHERE subject = $1";
    Ok(on_tx!(tx, c => sqlx::query(SQL).bind(subject).execute(c)
        .await
        .map(|r| r.rows_affected()))?)
}

/// Forgets the failures of `subject` at one place, in a transaction.
pub async fn clear_in(tx: &mut crate::Tx, subject: &str, place: &str) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM sign_in_failures WHERE subject = $1 AND place = $2";
    Ok(
        on_tx!(tx, c => sqlx::query(SQL).bind(subject).bind(place).execute(c)
        .await
        .map(|r| r.rows_affected()))?,
    )
}

/// The subjects locked somewhere at `now_us` (to show who is locked).
pub async fn locked_subjects(db: &Db, now_us: i64) -> Result<Vec<String>, StoreError> {
    const SQL: &str =
        "SELECT DISTINCT subject FROM sign_in_failures WHERE locked_until > $1 ORDER BY subject";
    let rows: Vec<(String,)> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(now_us).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}
