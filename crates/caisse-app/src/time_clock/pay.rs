//! Pay: the store's pay schedule and overtime rules, employees' rates, timesheets per pay
//! period and the payroll export (CSV, one row per employee).

use std::collections::BTreeMap;

use caisse_core::money::{Currency, Locale, format_plain_number};
use caisse_core::staff::Permission;
use caisse_core::timesheet::{
    self, CommissionPlan, HourlyRate, OvertimeRules, PayFrequency, PayInputs, PayPeriod,
    PaySchedule, SalesByCategory, TimesheetError,
};
use caisse_store::time_clock::{self as store, PaySettingsRow, RateRow};
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{effective, managed_users, rfc3339, shifts_of};
use crate::auth::Principal;
use crate::catalog::view::MoneyJson;
use crate::{App, AppError, ErrorCode, FieldError, now_us};

const FREQUENCIES: [&str; 4] = ["weekly", "bi_weekly", "semi_monthly", "monthly"];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The store's pay schedule and overtime rules.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PaySettingsView {
    /// `weekly`, `bi_weekly`, `semi_monthly` or `monthly` (default weekly).
    pub frequency: String,
    /// The first day of one weekly or bi-weekly period (`YYYY-MM-DD`); the others follow.
    pub anchor: String,
    /// The first day of the work week the weekly overtime counts over (`monday`…`sunday`).
    pub week_starts: String,
    /// Minutes a day after which time is overtime (none: no daily overtime).
    pub daily_overtime_after_minutes: Option<i64>,
    /// Regular minutes a week after which time is overtime (none: no weekly overtime).
    pub weekly_overtime_after_minutes: Option<i64>,
    /// Overtime pay in percent of the hourly rate (150: time and a half).
    pub overtime_percent: i32,
}

/// A change of the pay settings; absent fields stay.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaySettingsPatch {
    /// `weekly`, `bi_weekly`, `semi_monthly` or `monthly`.
    pub frequency: Option<String>,
    /// `YYYY-MM-DD`.
    pub anchor: Option<String>,
    /// `monday`…`sunday`.
    pub week_starts: Option<String>,
    /// 1 to 1,440 minutes; 0 removes daily overtime.
    pub daily_overtime_after_minutes: Option<i64>,
    /// 1 to 10,080 minutes; 0 removes weekly overtime.
    pub weekly_overtime_after_minutes: Option<i64>,
    /// 100 to 1,000.
    pub overtime_percent: Option<i32>,
}

/// An employee's hourly rate and commission from a date on.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayRate {
    /// The employee.
    pub user_id: Uuid,
    /// First day it applies to (`YYYY-MM-DD`); it applies until the next rate's first day.
    pub effective_from: String,
    /// Minor units an hour (1250 is 12.50), 0 to 100,000,000.
    pub per_hour: i64,
    /// Commission in basis points of net sales (250 is 2.5 %), 0 to 10,000.
    #[serde(default)]
    pub commission_bp: i32,
}

/// One day of a timesheet.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TimesheetDay {
    /// The day (`YYYY-MM-DD`, the store's calendar).
    pub date: String,
    /// Seconds worked.
    pub worked_secs: i64,
    /// Of which at the normal rate.
    pub regular_secs: i64,
    /// Of which overtime.
    pub overtime_secs: i64,
}

/// Something that stops an employee's period from being paid as punched.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TimesheetProblem {
    /// `open_shift`, `no_rate`, `shift_too_long`, …
    pub code: String,
    /// What to fix.
    pub message: String,
}

/// One employee's period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TimesheetRow {
    /// The employee.
    pub user_id: Uuid,
    /// Sign-in name.
    pub login: String,
    /// Name.
    pub display_name: String,
    /// Each day worked.
    pub days: Vec<TimesheetDay>,
    /// Seconds at the normal rate.
    pub regular_secs: i64,
    /// Seconds of overtime.
    pub overtime_secs: i64,
    /// The hourly rate on the period's last day.
    pub rate: Option<MoneyJson>,
    /// More than one rate applied in the period.
    pub rate_changed: bool,
    /// Regular pay.
    pub regular_pay: MoneyJson,
    /// Overtime pay.
    pub overtime_pay: MoneyJson,
    /// Net sales before tax of the employee's sales in the period, less their returns.
    pub net_sales: MoneyJson,
    /// Commission on them (negative when returns exceed sales).
    pub commission: MoneyJson,
    /// Regular and overtime pay and commission.
    pub gross_pay: MoneyJson,
    /// A shift still open (clocked in since, RFC 3339): not counted until clocked out.
    pub open_shift_since: Option<String>,
    /// What must be fixed before this period is paid.
    pub problems: Vec<TimesheetProblem>,
}

/// The timesheets of a pay period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TimesheetView {
    /// First day.
    pub period_start: String,
    /// Last day (included).
    pub period_end: String,
    /// One row per employee shown (oneself, and those the caller manages).
    pub employees: Vec<TimesheetRow>,
}

/// Which period (and whom) a timesheet is for.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TimesheetQuery {
    /// Any day of the period (`YYYY-MM-DD`; default today).
    pub date: Option<String>,
    /// One employee only.
    pub user_id: Option<Uuid>,
}

/// The store's pay settings.
pub async fn settings(app: &App, who: &Principal) -> Result<PaySettingsView, AppError> {
    who.require(Permission::UsersManage)?;
    settings_view(&store::pay_settings(&app.db, who.store_id).await?)
}

/// Changes the store's pay settings (owners and managers with store settings).
pub async fn update_settings(
    app: &App,
    who: &Principal,
    patch: PaySettingsPatch,
) -> Result<PaySettingsView, AppError> {
    who.require(Permission::StoreSettings)?;
    let mut row = store::pay_settings(&app.db, who.store_id).await?;
    let mut errors = Vec::new();
    if let Some(f) = &patch.frequency {
        if FREQUENCIES.contains(&f.as_str()) {
            row.frequency = f.clone();
        } else {
            errors.push(FieldError::coded(
                "frequency",
                "not_one_of",
                serde_json::json!({ "allowed": FREQUENCIES }),
                "weekly, bi_weekly, semi_monthly or monthly",
            ));
        }
    }
    if let Some(a) = &patch.anchor {
        match parse_date("anchor", a) {
            Ok(d) => row.anchor = d.to_string(),
            Err(e) => errors.push(e),
        }
    }
    if let Some(w) = &patch.week_starts {
        match WEEKDAYS.iter().position(|d| d == w) {
            Some(i) => row.week_starts = i as i32,
            None => errors.push(FieldError::coded(
                "week_starts",
                "not_one_of",
                serde_json::json!({ "allowed": WEEKDAYS }),
                "a day of the week in English, lower case",
            )),
        }
    }
    for (field, value, max, slot) in [
        (
            "daily_overtime_after_minutes",
            patch.daily_overtime_after_minutes,
            1_440,
            &mut row.daily_threshold_secs,
        ),
        (
            "weekly_overtime_after_minutes",
            patch.weekly_overtime_after_minutes,
            10_080,
            &mut row.weekly_threshold_secs,
        ),
    ] {
        match value {
            None => {}
            Some(0) => *slot = None,
            Some(m) if (1..=max).contains(&m) => *slot = Some(m * 60),
            Some(_) => errors.push(FieldError::coded(
                field,
                "out_of_range",
                serde_json::json!({ "min": 0, "max": max }),
                "minutes, or 0 for none",
            )),
        }
    }
    if let Some(p) = patch.overtime_percent {
        if (100..=1000).contains(&p) {
            row.multiplier_percent = p;
        } else {
            errors.push(FieldError::coded(
                "overtime_percent",
                "out_of_range",
                serde_json::json!({ "min": 100, "max": 1000 }),
                "between 100 and 1000 percent",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = app.db.begin().await?;
    store::put_pay_settings(&mut tx, who.store_id, &row).await?;
    tx.commit().await?;
    settings_view(&row)
}

/// Employees' rates (everyone the caller manages, or one).
pub async fn rates(
    app: &App,
    who: &Principal,
    user_id: Option<Uuid>,
) -> Result<Vec<PayRate>, AppError> {
    who.require(Permission::UsersManage)?;
    let managed = managed_users(app, who).await?;
    Ok(store::rates(&app.db, who.store_id, user_id)
        .await?
        .into_iter()
        .filter(|r| managed.contains(&r.user_id))
        .map(|r| PayRate {
            user_id: r.user_id,
            effective_from: r.effective_from,
            per_hour: r.per_hour,
            commission_bp: r.commission_bp,
        })
        .collect())
}

/// Sets an employee's rate from a date on (replacing one set for the same date).
pub async fn set_rate(app: &App, who: &Principal, rate: PayRate) -> Result<PayRate, AppError> {
    who.require(Permission::UsersManage)?;
    let mut errors = Vec::new();
    let day = parse_date("effective_from", &rate.effective_from)
        .map_err(|e| errors.push(e))
        .ok();
    if !(0..=100_000_000).contains(&rate.per_hour) {
        errors.push(FieldError::coded(
            "per_hour",
            "out_of_range",
            serde_json::json!({ "min": 0, "max": 100_000_000 }),
            "minor units an hour",
        ));
    }
    if !(0..=10_000).contains(&rate.commission_bp) {
        errors.push(FieldError::coded(
            "commission_bp",
            "out_of_range",
            serde_json::json!({ "min": 0, "max": 10_000 }),
            "basis points of net sales",
        ));
    }
    let Some(day) = day.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    if !managed_users(app, who).await?.contains(&rate.user_id) {
        return Err(AppError::NotFound("user"));
    }
    let row = RateRow {
        user_id: rate.user_id,
        effective_from: day.to_string(),
        per_hour: rate.per_hour,
        commission_bp: rate.commission_bp,
    };
    let mut tx = app.db.begin().await?;
    store::put_rate(&mut tx, who.store_id, &row, who.user_id, now_us()).await?;
    tx.commit().await?;
    Ok(PayRate {
        effective_from: row.effective_from,
        ..rate
    })
}

/// The timesheets of the pay period containing a day: oneself, and everyone the caller
/// manages.
pub async fn timesheets(
    app: &App,
    who: &Principal,
    q: TimesheetQuery,
) -> Result<TimesheetView, AppError> {
    let shop = caisse_store::stores::get(&app.db, who.store_id).await?;
    let tz = TimeZone::get(&shop.time_zone).map_err(|e| AppError::Internal(e.to_string()))?;
    let currency =
        Currency::parse(&shop.currency).map_err(|e| AppError::Internal(e.to_string()))?;
    let day = match &q.date {
        Some(d) => parse_date("date", d).map_err(|e| AppError::Validation(vec![e]))?,
        None => jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date(),
    };
    let settings = store::pay_settings(&app.db, who.store_id).await?;
    let (schedule, rules) = rules_of(&settings)?;
    let period = schedule.period_of(day).map_err(core_error)?;
    let mut people: Vec<Uuid> = if who.may(Permission::UsersManage) {
        let mut m: Vec<Uuid> = managed_users(app, who).await?.into_iter().collect();
        m.push(who.user_id);
        m
    } else {
        vec![who.user_id]
    };
    if let Some(one) = q.user_id {
        if !people.contains(&one) {
            return Err(AppError::NotFound("user"));
        }
        people = vec![one];
    }
    let users: BTreeMap<Uuid, caisse_store::users::UserRow> =
        caisse_store::users::list(&app.db, who.store_id)
            .await?
            .into_iter()
            .filter(|u| people.contains(&u.id))
            .map(|u| (u.id, u))
            .collect();
    // Shifts of the whole work weeks around the period, with a margin for shifts across
    // midnight (a shift lasts at most 36 hours).
    let span = timesheet::weeks_around(period, &rules).map_err(core_error)?;
    let from = local_midnight(span.start, &tz, -2)?;
    let to = local_midnight(span.end, &tz, 3)?;
    let rows = store::punches(&app.db, who.store_id, None, from, to).await?;
    let all_rates = store::rates(&app.db, who.store_id, None).await?;
    let sales: BTreeMap<Uuid, i64> = store::net_sales_by_employee(
        &app.db,
        who.store_id,
        &period.start.to_string(),
        &period.end.to_string(),
    )
    .await?
    .into_iter()
    .collect();
    let mut employees = Vec::new();
    for (id, user) in &users {
        let mine: Vec<_> = rows.iter().filter(|r| r.user_id == *id).cloned().collect();
        let rates: Vec<&RateRow> = all_rates.iter().filter(|r| r.user_id == *id).collect();
        let net = sales.get(id).copied().unwrap_or(0);
        employees.push(employee_row(
            user, &mine, &rates, net, period, &tz, &rules, currency,
        )?);
    }
    employees.sort_by(|a, b| {
        a.display_name
            .cmp(&b.display_name)
            .then(a.user_id.cmp(&b.user_id))
    });
    Ok(TimesheetView {
        period_start: period.start.to_string(),
        period_end: period.end.to_string(),
        employees,
    })
}

/// The payroll export of a pay period: CSV, one row per employee; refused while any
/// timesheet of it has a problem (a shift still open, a day without a rate).
pub async fn payroll_csv(
    app: &App,
    who: &Principal,
    q: TimesheetQuery,
) -> Result<(String, String), AppError> {
    who.require(Permission::UsersManage)?;
    let sheet = timesheets(app, who, q).await?;
    let problems: Vec<serde_json::Value> = sheet
        .employees
        .iter()
        .flat_map(|e| {
            e.problems.iter().map(|p| {
                serde_json::json!({ "user_id": e.user_id, "login": e.login, "code": p.code, "message": p.message })
            })
        })
        .collect();
    if !problems.is_empty() {
        return Err(AppError::Staff {
            code: ErrorCode::TimesheetIncomplete,
            message: format!(
                "{} problem(s) to fix before this period can be paid",
                problems.len()
            ),
            details: serde_json::json!({ "problems": problems }),
        });
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "employee_id",
        "login",
        "name",
        "period_start",
        "period_end",
        "regular_hours",
        "overtime_hours",
        "hourly_rate",
        "regular_pay",
        "overtime_pay",
        "net_sales",
        "commission",
        "gross_pay",
        "currency",
    ];
    w.write_record(header).map_err(internal)?;
    for e in &sheet.employees {
        let cur = &e.gross_pay.currency;
        let digits = Currency::parse(cur).map_err(internal)?.minor_digits();
        let money = |m: &MoneyJson| format_plain_number(m.amount, digits, Locale::EnUs);
        let rate = e.rate.as_ref().map(money).unwrap_or_default();
        w.write_record([
            e.user_id.to_string(),
            e.login.clone(),
            e.display_name.clone(),
            sheet.period_start.clone(),
            sheet.period_end.clone(),
            hours(e.regular_secs),
            hours(e.overtime_secs),
            rate,
            money(&e.regular_pay),
            money(&e.overtime_pay),
            money(&e.net_sales),
            money(&e.commission),
            money(&e.gross_pay),
            cur.clone(),
        ])
        .map_err(internal)?;
    }
    let bytes = w.into_inner().map_err(internal)?;
    let name = format!("payroll-{}-{}.csv", sheet.period_start, sheet.period_end);
    Ok((name, String::from_utf8(bytes).map_err(internal)?))
}

#[expect(
    clippy::too_many_arguments,
    reason = "one employee's inputs, gathered by the caller"
)]
fn employee_row(
    user: &caisse_store::users::UserRow,
    rows: &[caisse_store::time_clock::PunchRow],
    rates: &[&RateRow],
    net_sales: i64,
    period: PayPeriod,
    tz: &TimeZone,
    rules: &OvertimeRules,
    currency: Currency,
) -> Result<TimesheetRow, AppError> {
    let mut problems = Vec::new();
    let mut punches = effective(rows);
    // The window may open inside a shift that started earlier (and ended before the period).
    let first_in = punches
        .iter()
        .position(|p| p.kind == "clock_in")
        .unwrap_or(punches.len());
    punches.drain(..first_in);
    let (shifts, open) = shifts_of(&punches)?;
    let open_shift_since = open.map(rfc3339);
    if let Some(since) = &open_shift_since {
        problems.push(TimesheetProblem {
            code: "open_shift".into(),
            message: format!("clocked in since {since} and not out yet"),
        });
    }
    let hourly: Vec<HourlyRate> = rates
        .iter()
        .filter_map(|r| {
            r.effective_from.parse::<Date>().ok().map(|d| HourlyRate {
                effective_from: d,
                per_hour: r.per_hour,
            })
        })
        .collect();
    let last_day = period.end.to_string();
    let commission_bp = rates
        .iter()
        .rfind(|r| r.effective_from.as_str() <= last_day.as_str())
        .map_or(0, |r| r.commission_bp);
    let plan = CommissionPlan {
        default_bp: u32::try_from(commission_bp).unwrap_or(0),
        by_category: BTreeMap::new(),
    };
    let sales: SalesByCategory = [("all".to_string(), net_sales)].into_iter().collect();
    let inputs = PayInputs {
        shifts: &shifts,
        tz,
        rules,
        rates: &hourly,
        commission: Some(&plan),
        sales: &sales,
        currency,
    };
    let pay = match timesheet::period_pay(period, &inputs) {
        Ok(p) => p,
        Err(e) => {
            problems.push(TimesheetProblem {
                code: e.code().into(),
                message: e.to_string(),
            });
            // Still show the hours: the same computation at a rate of zero.
            let zero = [HourlyRate {
                effective_from: Date::MIN,
                per_hour: 0,
            }];
            let shown = if matches!(e, TimesheetError::NoRate(_)) {
                &shifts[..]
            } else {
                &[]
            };
            timesheet::period_pay(
                period,
                &PayInputs {
                    rates: &zero,
                    shifts: shown,
                    ..inputs
                },
            )
            .map_err(core_error)?
        }
    };
    let m = |x: caisse_core::money::Money| MoneyJson::new(x.minor(), currency.code());
    Ok(TimesheetRow {
        user_id: user.id,
        login: user.login.clone(),
        display_name: user.display_name.clone(),
        days: pay
            .days
            .iter()
            .map(|(d, h)| TimesheetDay {
                date: d.to_string(),
                worked_secs: h.worked,
                regular_secs: h.regular,
                overtime_secs: h.overtime,
            })
            .collect(),
        regular_secs: pay.regular_secs,
        overtime_secs: pay.overtime_secs,
        rate: pay.rate.map(m),
        rate_changed: pay.rate_changed,
        regular_pay: m(pay.regular_pay),
        overtime_pay: m(pay.overtime_pay),
        net_sales: MoneyJson::new(net_sales, currency.code()),
        commission: m(pay.commission),
        gross_pay: m(pay.gross_pay),
        open_shift_since,
        problems,
    })
}

/// Hours with two decimals, rounded half up (27,000 s is `7.50`).
fn hours(secs: i64) -> String {
    let hundredths = (secs * 100 + 1800).div_euclid(3600);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

fn rules_of(s: &PaySettingsRow) -> Result<(PaySchedule, OvertimeRules), AppError> {
    let frequency = match s.frequency.as_str() {
        "weekly" => PayFrequency::Weekly,
        "bi_weekly" => PayFrequency::BiWeekly,
        "semi_monthly" => PayFrequency::SemiMonthly,
        "monthly" => PayFrequency::Monthly,
        other => {
            return Err(AppError::Internal(format!(
                "stored pay frequency {other:?}"
            )));
        }
    };
    let anchor: Date = s.anchor.parse().map_err(internal)?;
    let rules = OvertimeRules {
        daily_threshold_secs: s.daily_threshold_secs,
        weekly_threshold_secs: s.weekly_threshold_secs,
        multiplier_percent: u32::try_from(s.multiplier_percent).map_err(internal)?,
        week_starts: Weekday::from_monday_zero_offset(
            i8::try_from(s.week_starts).map_err(internal)?,
        )
        .map_err(internal)?,
    };
    Ok((PaySchedule { frequency, anchor }, rules))
}

fn settings_view(s: &PaySettingsRow) -> Result<PaySettingsView, AppError> {
    rules_of(s)?;
    Ok(PaySettingsView {
        frequency: s.frequency.clone(),
        anchor: s.anchor.clone(),
        week_starts: WEEKDAYS
            .get(s.week_starts as usize)
            .unwrap_or(&"monday")
            .to_string(),
        daily_overtime_after_minutes: s.daily_threshold_secs.map(|x| x / 60),
        weekly_overtime_after_minutes: s.weekly_threshold_secs.map(|x| x / 60),
        overtime_percent: s.multiplier_percent,
    })
}

fn parse_date(field: &str, text: &str) -> Result<Date, FieldError> {
    text.parse::<Date>().map_err(|_| {
        FieldError::coded(
            field,
            "invalid_date",
            serde_json::Value::Null,
            "a date like 2026-12-07",
        )
    })
}

/// The instant of local midnight `days` days after `day`, µs.
fn local_midnight(day: Date, tz: &TimeZone, days: i64) -> Result<i64, AppError> {
    let out_of_range = |_| {
        AppError::field_code(
            "date",
            "out_of_range",
            serde_json::Value::Null,
            "a date the calendar can hold",
        )
    };
    let d = day
        .checked_add(jiff::Span::new().days(days))
        .map_err(out_of_range)?;
    Ok(d.to_zoned_datetime(tz.clone())
        .map_err(out_of_range)?
        .timestamp()
        .as_microsecond())
}

fn core_error(e: TimesheetError) -> AppError {
    AppError::Staff {
        code: ErrorCode::TimesheetIncomplete,
        message: e.to_string(),
        details: serde_json::json!({ "reason": e.code() }),
    }
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}
