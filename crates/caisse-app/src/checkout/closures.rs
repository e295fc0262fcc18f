//! Daily, monthly and yearly closures of a register, and reading closures back.
//!
//! Rules: a period can be closed once it is over (its last business date is before the
//! store's business date today), so no document can fall into it afterwards; each period is
//! closed once; a month can be closed only when every day of it with documents on the register
//! has its day closure, and a year only when every month of it with documents has its month
//! closure. Days without documents need no closure (closing one records zeros). Totals are
//! computed from the documents themselves, so a month equals the sum of its days.

use caisse_core::closure::{ClosureKind, Period, unclosed};
use caisse_core::staff::Permission;
use caisse_store::closures::{self as store, Scope, Src};
use caisse_store::journal::Journal;
use caisse_store::registers::{self, RegisterRow};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::config::store_config;
use super::reports::{ClosureView, Header, build_report, closure_view, gather, write_closure};
use crate::ErrorCode;
use crate::auth::Principal;
use crate::{App, AppError, now_us};

/// Closing a period.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ClosePeriod {
    /// `day`, `month` or `year`.
    pub kind: String,
    /// `2026-11-27`, `2026-11` or `2026`.
    pub period: String,
}

/// A register of the store by id or by code (`T1`).
pub async fn resolve_register(
    app: &App,
    who: &Principal,
    id_or_code: &str,
) -> Result<RegisterRow, AppError> {
    let wanted = id_or_code.trim();
    let found = match Uuid::parse_str(wanted) {
        Ok(id) => registers::get_register(&app.db, who.store_id, id).await?,
        Err(_) => registers::list_registers(&app.db, who.store_id)
            .await?
            .into_iter()
            .find(|r| r.code.eq_ignore_ascii_case(wanted)),
    };
    found.ok_or(AppError::NotFound("register"))
}

/// Closes a day, month or year of a register: a numbered closure with the period's totals and
/// the perpetual grand total, and its journal entry, in one durable transaction.
pub async fn close_period(
    app: &App,
    who: &Principal,
    register_id: Uuid,
    input: ClosePeriod,
) -> Result<ClosureView, AppError> {
    // Irreversible and store-wide: a manager, from a password session.
    who.require(Permission::PeriodClose)?;
    let reg = registers::get_register(&app.db, who.store_id, register_id)
        .await?
        .ok_or(AppError::NotFound("register"))?;
    let kind = ClosureKind::parse(input.kind.trim())
        .filter(|k| *k != ClosureKind::Z)
        .ok_or_else(|| {
            AppError::field(
                "kind",
                "day, month or year (a Z closure is made by closing the drawer)",
            )
        })?;
    let period = Period::parse(kind, &input.period).map_err(|e| AppError::field("period", e.0))?;
    let cfg = store_config(app, who.store_id).await?;
    let now = now_us();
    let today = cfg.business_date(now)?;
    if !period.is_over(today) {
        return Err(AppError::state(
            ErrorCode::PeriodNotOver,
            format!(
                "{} is not over yet (today's business date is {today})",
                period.text()
            ),
        ));
    }
    let text = period.text();
    let (first, last) = (
        period.first_day().to_string(),
        period.last_day().to_string(),
    );
    let mut tx = app.db.begin().await?;
    let mut journal = Journal::lock(&mut tx, register_id).await?;
    let perpetual_total = journal
        .counters(register_id)
        .map(|c| c.perpetual_total)
        .ok_or(AppError::NotFound("register"))?;
    let kind_text = kind.as_str();
    if !store::closed_periods(&mut tx, register_id, kind_text, &text, &text)
        .await?
        .is_empty()
    {
        return Err(AppError::state(
            ErrorCode::PeriodClosed,
            format!("{text} is already closed on this register"),
        ));
    }
    let child = match kind {
        ClosureKind::Month => Some(ClosureKind::Day),
        ClosureKind::Year => Some(ClosureKind::Month),
        _ => None,
    };
    if let Some(child) = child {
        let dates = store::document_dates(&mut tx, register_id, &first, &last).await?;
        let needed = period.parts_with_documents(&dates);
        if let (Some(from), Some(to)) = (needed.first(), needed.last()) {
            let closed =
                store::closed_periods(&mut tx, register_id, child.as_str(), from, to).await?;
            let missing = unclosed(&needed, &closed);
            if !missing.is_empty() {
                return Err(AppError::state(
                    ErrorCode::UnclosedPeriods,
                    format!(
                        "close these {}s first: {}",
                        child.as_str(),
                        missing.join(", ")
                    ),
                ));
            }
        }
    }
    let number = store::last_number(&mut tx, register_id, kind_text).await? + 1;
    let scope = Scope::Dates {
        register_id,
        from: &first,
        to: &last,
    };
    let gathered = gather(&mut Src::Tx(&mut tx), scope).await?;
    let header = Header {
        kind: kind_text,
        number: Some(number),
        register: &reg,
        period: text.clone(),
        dates: Some((first.clone(), last.clone())),
        opened_at: None,
        at_us: now,
        perpetual_total,
    };
    let report = build_report(&cfg, header, &gathered, None)?;
    let view = write_closure(&mut tx, &mut journal, who, &cfg, &reg, kind, report, now).await?;
    journal.write(&mut tx).await?;
    tx.commit().await?;
    tracing::info!(register = %reg.code, kind = kind_text, period = %text, number, "period closed");
    Ok(view)
}

/// The store's closures, newest first (at most 500), optionally of one register (id or code)
/// and one kind.
pub async fn list_closures(
    app: &App,
    who: &Principal,
    register: Option<&str>,
    kind: Option<&str>,
) -> Result<Vec<ClosureView>, AppError> {
    who.require(Permission::Drawer)?;
    let kind = kind
        .map(|k| {
            ClosureKind::parse(k.trim())
                .ok_or_else(|| AppError::field("kind", "z, day, month or year"))
        })
        .transpose()?;
    let register_id = match register {
        Some(r) => Some(resolve_register(app, who, r).await?.id),
        None => None,
    };
    // Without the permission to read every register's reports, a till reads its own.
    let register_id = if who.may(Permission::ReportsAllRegisters) {
        register_id
    } else {
        let own = who.scope.register().ok_or(AppError::Forbidden)?;
        if register_id.is_some_and(|r| r != own) {
            return Err(AppError::Forbidden);
        }
        Some(own)
    };
    let cfg = store_config(app, who.store_id).await?;
    store::list(
        &app.db,
        who.store_id,
        register_id,
        kind.map(ClosureKind::as_str),
        500,
    )
    .await?
    .into_iter()
    .map(|row| closure_view(&cfg, row))
    .collect()
}

/// One closure of the store.
pub async fn get_closure(app: &App, who: &Principal, id: Uuid) -> Result<ClosureView, AppError> {
    who.require(Permission::Drawer)?;
    let cfg = store_config(app, who.store_id).await?;
    let row = store::get(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("closure"))?;
    who.require_reports_of(row.register_id)?;
    closure_view(&cfg, row)
}

/// A register's Z closure by number, or its latest.
pub async fn find_z(
    app: &App,
    who: &Principal,
    register_id: Uuid,
    number: Option<i64>,
) -> Result<ClosureView, AppError> {
    who.require_reports_of(register_id)?;
    let cfg = store_config(app, who.store_id).await?;
    let row = store::find(&app.db, register_id, ClosureKind::Z.as_str(), number)
        .await?
        .filter(|r| r.store_id == who.store_id)
        .ok_or(AppError::NotFound("Z report"))?;
    closure_view(&cfg, row)
}
