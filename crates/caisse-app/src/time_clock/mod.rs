//! The time clock: employees clock in and out and take breaks at any terminal (or through the
//! API); managers add a missed punch or correct one with a reason. Punches are append-only: a
//! correction is a new row that replaces (or voids) the punch it corrects, so every correction
//! stays visible. Time worked and pay are computed from the effective punches by
//! `caisse_core::timesheet` (see [`pay`]).

use std::collections::HashSet;

use caisse_core::staff::{Permission, Role};
use caisse_core::timesheet::{Break, Shift};
use caisse_store::time_clock::{self as store, PunchRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Principal;
use crate::{App, AppError, ErrorCode, now_us};

pub mod pay;

/// What a punch records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PunchKind {
    /// Starts a shift.
    ClockIn,
    /// Ends a shift (and a break still open).
    ClockOut,
    /// Starts an unpaid break.
    BreakStart,
    /// Ends a break.
    BreakEnd,
}

impl PunchKind {
    fn as_str(self) -> &'static str {
        match self {
            PunchKind::ClockIn => "clock_in",
            PunchKind::ClockOut => "clock_out",
            PunchKind::BreakStart => "break_start",
            PunchKind::BreakEnd => "break_end",
        }
    }

    fn parse(s: &str) -> Result<PunchKind, AppError> {
        Ok(match s {
            "clock_in" => PunchKind::ClockIn,
            "clock_out" => PunchKind::ClockOut,
            "break_start" => PunchKind::BreakStart,
            "break_end" => PunchKind::BreakEnd,
            other => return Err(AppError::Internal(format!("stored punch kind {other:?}"))),
        })
    }
}

/// Where an employee stands on the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Not working.
    Off,
    /// On shift.
    Working,
    /// On a break.
    OnBreak,
}

impl ClockState {
    /// The state after a punch, or why the punch is out of order.
    fn after(self, kind: PunchKind) -> Result<ClockState, &'static str> {
        use ClockState::*;
        use PunchKind::*;
        match (self, kind) {
            (Off, ClockIn) => Ok(Working),
            (Working, BreakStart) => Ok(OnBreak),
            (OnBreak, BreakEnd) => Ok(Working),
            (Working | OnBreak, ClockOut) => Ok(Off),
            (Off, _) => Err("not clocked in: clock in first"),
            (Working, ClockIn) => Err("already clocked in"),
            (Working, BreakEnd) => Err("not on a break"),
            (OnBreak, ClockIn | BreakStart) => Err("on a break: end it first"),
        }
    }
}

/// A punch as shown: effective, or replaced by a correction (both kept).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PunchView {
    /// Punch id.
    pub id: Uuid,
    /// Whose time.
    pub user_id: Uuid,
    /// What it records.
    pub kind: PunchKind,
    /// When (RFC 3339).
    pub at: String,
    /// The terminal, for a punch made at a till.
    pub register_id: Option<Uuid>,
    /// Who recorded it.
    pub recorded_by: Uuid,
    /// The punch this one corrects.
    pub replaces: Option<Uuid>,
    /// This correction removes the punch it replaces.
    pub voided: bool,
    /// A manager's reason for recording or correcting it.
    pub reason: Option<String>,
    /// The correction that replaced this punch, if any.
    pub replaced_by: Option<Uuid>,
    /// Counts in time worked: not replaced, and not a voiding correction.
    pub effective: bool,
}

/// An employee's place on the clock.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ClockStatus {
    /// The employee.
    pub user_id: Uuid,
    /// Off, working or on a break.
    pub state: ClockState,
    /// The last effective punch, when there is one.
    pub last_punch: Option<PunchView>,
}

/// A punch made at the clock, for oneself.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PunchInput {
    /// What to record.
    pub kind: PunchKind,
}

/// Punches a manager records for an employee who missed them (a whole forgotten shift is
/// its clock-in and clock-out together), checked and written together.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MissedPunches {
    /// The employee.
    pub user_id: Uuid,
    /// 1 to 8 punches.
    pub punches: Vec<MissedPunch>,
    /// Why (1 to 200 characters).
    pub reason: String,
}

/// One missed punch.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MissedPunch {
    /// What was missed.
    pub kind: PunchKind,
    /// When it should have been (RFC 3339), not in the future.
    pub at: String,
}

/// A manager's correction of a punch: a new time, or removing it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PunchCorrection {
    /// The right time (RFC 3339), not in the future; absent with `void`.
    pub at: Option<String>,
    /// Removes the punch instead.
    #[serde(default)]
    pub void: bool,
    /// Why (1 to 200 characters).
    pub reason: String,
}

/// Which punches to list.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PunchQuery {
    /// One employee (default: oneself; another employee or everyone needs to manage staff).
    pub user_id: Option<Uuid>,
    /// Everyone the caller manages (`true`); ignores `user_id`.
    #[serde(default)]
    pub all: bool,
    /// From this instant (RFC 3339; default 7 days ago).
    pub from: Option<String>,
    /// Before this instant (RFC 3339; default now and on).
    pub to: Option<String>,
}

/// Records a punch for the caller, now.
pub async fn punch(app: &App, who: &Principal, input: PunchInput) -> Result<ClockStatus, AppError> {
    let register_id = match who.scope {
        caisse_core::staff::SessionScope::Till { register_id } => Some(register_id),
        caisse_core::staff::SessionScope::Password => None,
    };
    let mut tx = app.db.begin().await?;
    store::lock_user(&mut tx, who.store_id, who.user_id).await?;
    let rows = store::punches_tx(&mut tx, who.store_id, who.user_id, i64::MIN, i64::MAX).await?;
    let effective = effective(&rows);
    let state = replay(&effective)?;
    let next = state
        .after(input.kind)
        .map_err(|why| out_of_order(why, state))?;
    // Two punches never share an instant: a clock set back makes the next one a µs later.
    let at = effective
        .last()
        .map_or(now_us(), |p| now_us().max(p.at + 1));
    let row = PunchRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        user_id: who.user_id,
        kind: input.kind.as_str().into(),
        at,
        register_id,
        recorded_by: who.user_id,
        replaces: None,
        voided: false,
        reason: None,
        created_at: now_us(),
    };
    store::insert_punch(&mut tx, &row).await?;
    tx.commit().await?;
    tracing::info!(user_id = %who.user_id, kind = input.kind.as_str(), "time clock punch");
    Ok(ClockStatus {
        user_id: who.user_id,
        state: next,
        last_punch: Some(view(&row, None)?),
    })
}

/// Where an employee stands (oneself, or someone the caller manages).
pub async fn status(
    app: &App,
    who: &Principal,
    user_id: Option<Uuid>,
) -> Result<ClockStatus, AppError> {
    let user_id = user_id.unwrap_or(who.user_id);
    may_see(app, who, user_id).await?;
    let rows = store::punches(&app.db, who.store_id, Some(user_id), i64::MIN, i64::MAX).await?;
    let effective = effective(&rows);
    Ok(ClockStatus {
        user_id,
        state: replay(&effective)?,
        last_punch: effective.last().map(|p| view(p, None)).transpose()?,
    })
}

/// Punches between two instants, corrections included, by employee and time.
pub async fn list(app: &App, who: &Principal, q: PunchQuery) -> Result<Vec<PunchView>, AppError> {
    let now = now_us();
    let from = match &q.from {
        Some(t) => parse_instant("from", t)?,
        None => now - 7 * 86_400_000_000,
    };
    let to = match &q.to {
        Some(t) => parse_instant("to", t)?,
        None => i64::MAX,
    };
    let user = if q.all {
        who.require(Permission::UsersManage)?;
        None
    } else {
        let id = q.user_id.unwrap_or(who.user_id);
        may_see(app, who, id).await?;
        Some(id)
    };
    let rows = store::punches(&app.db, who.store_id, user, from, to).await?;
    let managed = if q.all {
        Some(managed_users(app, who).await?)
    } else {
        None
    };
    let replaced_by: std::collections::HashMap<Uuid, Uuid> = rows
        .iter()
        .filter_map(|r| r.replaces.map(|x| (x, r.id)))
        .collect();
    rows.iter()
        .filter(|r| managed.as_ref().is_none_or(|m| m.contains(&r.user_id)))
        .map(|r| view(r, replaced_by.get(&r.id).copied()))
        .collect()
}

/// A manager records punches an employee missed.
pub async fn add_missed(
    app: &App,
    who: &Principal,
    input: MissedPunches,
) -> Result<Vec<PunchView>, AppError> {
    let reason = parse_reason(&input.reason)?;
    if input.punches.is_empty() || input.punches.len() > 8 {
        return Err(AppError::field_code(
            "punches",
            "length",
            serde_json::json!({"min": 1, "max": 8}),
            "1 to 8 punches",
        ));
    }
    let mut rows = Vec::with_capacity(input.punches.len());
    for (i, p) in input.punches.iter().enumerate() {
        rows.push(PunchRow {
            id: Uuid::now_v7(),
            store_id: who.store_id,
            user_id: input.user_id,
            kind: p.kind.as_str().into(),
            at: parse_past(&format!("punches[{i}].at"), &p.at)?,
            register_id: None,
            recorded_by: who.user_id,
            replaces: None,
            voided: false,
            reason: Some(reason.clone()),
            created_at: now_us(),
        });
    }
    may_correct(app, who, input.user_id).await?;
    write_checked(app, who, input.user_id, rows).await
}

/// A manager corrects a punch: another time, or removed. The punch stays, replaced.
pub async fn correct(
    app: &App,
    who: &Principal,
    punch_id: Uuid,
    input: PunchCorrection,
) -> Result<PunchView, AppError> {
    let reason = parse_reason(&input.reason)?;
    let new_at = match (&input.at, input.void) {
        (Some(t), false) => Some(parse_past("at", t)?),
        (None, true) => None,
        _ => {
            return Err(AppError::field_code(
                "at",
                "at_or_void",
                serde_json::Value::Null,
                "give either a new time or void: true",
            ));
        }
    };
    let mut tx = app.db.begin().await?;
    let target = store::punch(&mut tx, who.store_id, punch_id)
        .await?
        .ok_or(AppError::NotFound("punch"))?;
    drop(tx);
    if target.voided {
        return Err(out_of_order(
            "a removal cannot be corrected",
            ClockState::Off,
        ));
    }
    may_correct(app, who, target.user_id).await?;
    let row = PunchRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        user_id: target.user_id,
        kind: target.kind.clone(),
        at: new_at.unwrap_or(target.at),
        register_id: None,
        recorded_by: who.user_id,
        replaces: Some(target.id),
        voided: new_at.is_none(),
        reason: Some(reason),
        created_at: now_us(),
    };
    let user = row.user_id;
    Ok(write_checked(app, who, user, vec![row]).await?.remove(0))
}

/// Writes a manager's punch rows if the employee's punches still make sense with them: in
/// order (in, breaks, out), and no shift over 36 hours.
async fn write_checked(
    app: &App,
    who: &Principal,
    user_id: Uuid,
    new: Vec<PunchRow>,
) -> Result<Vec<PunchView>, AppError> {
    let mut tx = app.db.begin().await?;
    if !store::lock_user(&mut tx, who.store_id, user_id).await? {
        return Err(AppError::NotFound("user"));
    }
    let mut rows = store::punches_tx(&mut tx, who.store_id, user_id, i64::MIN, i64::MAX).await?;
    for row in &new {
        if let Some(old) = row.replaces
            && rows.iter().any(|r| r.replaces == Some(old))
        {
            return Err(out_of_order(
                "this punch was already corrected: correct the correction",
                ClockState::Off,
            ));
        }
    }
    rows.extend(new.iter().cloned());
    let effective = effective(&rows);
    if effective.windows(2).any(|w| w[0].at == w[1].at) {
        return Err(out_of_order(
            "another punch has this exact time",
            ClockState::Off,
        ));
    }
    replay(&effective)?;
    let (shifts, _) = shifts_of(&effective)?;
    if let Some(i) = shifts.iter().position(|s| {
        s.end.as_second() - s.start.as_second() > caisse_core::timesheet::hours::MAX_SHIFT_SECONDS
    }) {
        return Err(out_of_order(
            &format!("shift {} would last more than 36 hours", i + 1),
            ClockState::Off,
        ));
    }
    for row in &new {
        store::insert_punch(&mut tx, row).await?;
    }
    tx.commit().await?;
    tracing::info!(user_id = %user_id, by = %who.user_id, punches = new.len(), "time clock correction");
    new.iter().map(|r| view(r, None)).collect()
}

/// The punches that count: not replaced by another row, and not a removal; by time.
pub(crate) fn effective(rows: &[PunchRow]) -> Vec<PunchRow> {
    let replaced: HashSet<Uuid> = rows.iter().filter_map(|r| r.replaces).collect();
    let mut out: Vec<PunchRow> = rows
        .iter()
        .filter(|r| !r.voided && !replaced.contains(&r.id))
        .cloned()
        .collect();
    out.sort_by_key(|r| (r.at, r.id));
    out
}

/// The state after the effective punches, or the first one out of order.
fn replay(effective: &[PunchRow]) -> Result<ClockState, AppError> {
    let mut state = ClockState::Off;
    for p in effective {
        state = state
            .after(PunchKind::parse(&p.kind)?)
            .map_err(|why| out_of_order(&format!("at {}: {why}", rfc3339(p.at)), state))?;
    }
    Ok(state)
}

/// The effective punches as shifts (a break still open at clock-out ends there), and the
/// start of a shift still open (µs), if any.
pub(crate) fn shifts_of(effective: &[PunchRow]) -> Result<(Vec<Shift>, Option<i64>), AppError> {
    let ts = |us: i64| {
        jiff::Timestamp::from_microsecond(us).map_err(|e| AppError::Internal(e.to_string()))
    };
    let mut shifts = Vec::new();
    let mut open: Option<(i64, Vec<Break>, Option<i64>)> = None;
    for p in effective {
        match (PunchKind::parse(&p.kind)?, open.as_mut()) {
            (PunchKind::ClockIn, None) => open = Some((p.at, Vec::new(), None)),
            (PunchKind::BreakStart, Some(s)) => s.2 = Some(p.at),
            (PunchKind::BreakEnd, Some(s)) => {
                if let Some(b) = s.2.take() {
                    s.1.push(Break {
                        start: ts(b)?,
                        end: ts(p.at)?,
                        paid: false,
                    });
                }
            }
            (PunchKind::ClockOut, Some(_)) => {
                if let Some((start, mut breaks, on_break)) = open.take() {
                    if let Some(b) = on_break
                        && b < p.at
                    {
                        breaks.push(Break {
                            start: ts(b)?,
                            end: ts(p.at)?,
                            paid: false,
                        });
                    }
                    shifts.push(Shift {
                        start: ts(start)?,
                        end: ts(p.at)?,
                        breaks,
                    });
                }
            }
            _ => return Err(AppError::Internal("punches out of order".into())),
        }
    }
    Ok((shifts, open.map(|o| o.0)))
}

fn out_of_order(why: &str, state: ClockState) -> AppError {
    let state = match state {
        ClockState::Off => "off",
        ClockState::Working => "working",
        ClockState::OnBreak => "on a break",
    };
    AppError::state(ErrorCode::PunchOutOfOrder, format!("{why} (now {state})"))
}

/// An instant in µs as RFC 3339.
pub(crate) fn rfc3339(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// The employee is oneself, or someone the caller manages.
async fn may_see(app: &App, who: &Principal, user_id: Uuid) -> Result<(), AppError> {
    if user_id == who.user_id {
        return Ok(());
    }
    who.require(Permission::UsersManage)?;
    may_correct(app, who, user_id).await
}

/// The caller manages the employee (a manager manages cashiers, an owner everyone, oneself
/// included: a manager's own time is corrected by an owner).
async fn may_correct(app: &App, who: &Principal, user_id: Uuid) -> Result<(), AppError> {
    who.require(Permission::UsersManage)?;
    let user = caisse_store::users::find(&app.db, user_id)
        .await?
        .filter(|u| u.store_id == who.store_id)
        .ok_or(AppError::NotFound("user"))?;
    let role = Role::parse(&user.role).map_err(|_| AppError::Internal("stored role".into()))?;
    if who.role.manages(role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The store's employees the caller manages.
pub(crate) async fn managed_users(app: &App, who: &Principal) -> Result<HashSet<Uuid>, AppError> {
    Ok(caisse_store::users::list(&app.db, who.store_id)
        .await?
        .into_iter()
        .filter(|u| Role::parse(&u.role).is_ok_and(|r| who.role.manages(r)))
        .map(|u| u.id)
        .collect())
}

fn view(r: &PunchRow, replaced_by: Option<Uuid>) -> Result<PunchView, AppError> {
    Ok(PunchView {
        id: r.id,
        user_id: r.user_id,
        kind: PunchKind::parse(&r.kind)?,
        at: rfc3339(r.at),
        register_id: r.register_id,
        recorded_by: r.recorded_by,
        replaces: r.replaces,
        voided: r.voided,
        reason: r.reason.clone(),
        replaced_by,
        effective: !r.voided && replaced_by.is_none(),
    })
}

fn parse_reason(text: &str) -> Result<String, AppError> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 200 {
        return Err(AppError::field_code(
            "reason",
            "length",
            serde_json::json!({"min": 1, "max": 200}),
            "say why, in 1 to 200 characters",
        ));
    }
    Ok(t.to_string())
}

/// An RFC 3339 instant, in µs.
pub(crate) fn parse_instant(field: &str, text: &str) -> Result<i64, AppError> {
    text.parse::<jiff::Timestamp>()
        .map(|t| t.as_microsecond())
        .map_err(|_| {
            AppError::field_code(
                field,
                "invalid_time",
                serde_json::Value::Null,
                "an instant like 2026-12-07T09:00:00+01:00",
            )
        })
}

fn parse_past(field: &str, text: &str) -> Result<i64, AppError> {
    let at = parse_instant(field, text)?;
    if at > now_us() {
        return Err(AppError::field_code(
            field,
            "in_the_future",
            serde_json::Value::Null,
            "a punch cannot be in the future",
        ));
    }
    Ok(at)
}
