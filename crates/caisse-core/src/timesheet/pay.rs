//! What a pay period pays one employee: hours at the rates in effect, and commission.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::TimesheetError;
use super::hours::{Shift, worked_by_day};
use super::overtime::{DayHours, OvertimeRules, split_overtime};
use super::period::{PayPeriod, add_days};
use crate::money::{Currency, Money};

/// An hourly rate and the first day it applies to (until the next rate's first day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HourlyRate {
    /// First day paid at this rate.
    pub effective_from: Date,
    /// Minor units per hour worked (1250 is 12.50 an hour in euros).
    pub per_hour: i64,
}

/// Commission on net sales: a rate for every category, and a default for the others.
/// Rates are in basis points (250 is 2.5 %).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CommissionPlan {
    /// Basis points of net sales in a category without its own rate.
    pub default_bp: u32,
    /// Basis points per category (by the caller's category key).
    pub by_category: BTreeMap<String, u32>,
}

/// The employee's net sales in the period per category key (minor units before tax: sales
/// less returns, so a return made in the period reduces it, and can make it negative).
pub type SalesByCategory = BTreeMap<String, i64>;

/// A pay period's time and pay for one employee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodPay {
    /// The period.
    pub period: PayPeriod,
    /// Each day of the period worked, with its split.
    pub days: BTreeMap<Date, DayHours>,
    /// Seconds at the normal rate.
    pub regular_secs: i64,
    /// Seconds at the overtime rate.
    pub overtime_secs: i64,
    /// The hourly rate in effect on the period's last day (none without a rate yet).
    pub rate: Option<Money>,
    /// True when more than one rate applied to days worked in the period.
    pub rate_changed: bool,
    /// Regular seconds times their day's rate.
    pub regular_pay: Money,
    /// Overtime seconds times their day's rate times the multiplier.
    pub overtime_pay: Money,
    /// Commission on the period's net sales; negative when returns exceed sales (a clawback).
    pub commission: Money,
    /// Regular pay, overtime pay and commission.
    pub gross_pay: Money,
}

/// Everything a pay period needs besides the period itself.
#[derive(Debug, Clone)]
pub struct PayInputs<'a> {
    /// The employee's shifts: those of the period and of the work weeks it starts and ends
    /// in (the weekly overtime rule counts whole weeks).
    pub shifts: &'a [Shift],
    /// The store's time zone, which says what day each hour belongs to.
    pub tz: &'a TimeZone,
    /// Overtime rules.
    pub rules: &'a OvertimeRules,
    /// The employee's hourly rates, in any order.
    pub rates: &'a [HourlyRate],
    /// Commission plan, if the employee earns one.
    pub commission: Option<&'a CommissionPlan>,
    /// Net sales in the period by category.
    pub sales: &'a SalesByCategory,
    /// The currency of rates and sales.
    pub currency: Currency,
}

/// Computes one employee's pay for one period.
///
/// Pay is exact until the end: the period's regular pay is the sum of seconds × rate over its
/// days divided once by 3,600, rounded half up; overtime pay likewise with its multiplier;
/// commission is the sum of net sales × basis points divided once by 10,000, rounded half
/// away from zero.
pub fn period_pay(period: PayPeriod, inputs: &PayInputs<'_>) -> Result<PeriodPay, TimesheetError> {
    let all_days = worked_by_day(inputs.shifts, inputs.tz)?;
    let split = split_overtime(&all_days, inputs.rules)?;
    let mut rates: Vec<HourlyRate> = inputs.rates.to_vec();
    rates.sort_by_key(|r| r.effective_from);
    if rates.iter().any(|r| r.per_hour < 0) {
        return Err(TimesheetError::InvalidRule("hourly rate below zero"));
    }
    let rate_on = |day: Date| {
        rates
            .iter()
            .rev()
            .find(|r| r.effective_from <= day)
            .map(|r| r.per_hour)
    };
    let mut days = BTreeMap::new();
    let (mut regular_secs, mut overtime_secs) = (0i64, 0i64);
    let (mut regular_num, mut overtime_num) = (0i128, 0i128);
    let mut used = Vec::new();
    for (&day, &hours) in split.range(period.start..=period.end) {
        let rate = rate_on(day).ok_or(TimesheetError::NoRate(day))?;
        if !used.contains(&rate) {
            used.push(rate);
        }
        regular_secs += hours.regular;
        overtime_secs += hours.overtime;
        regular_num += i128::from(hours.regular) * i128::from(rate);
        overtime_num += i128::from(hours.overtime)
            * i128::from(rate)
            * i128::from(inputs.rules.multiplier_percent);
        days.insert(day, hours);
    }
    let regular_pay = divide_round(regular_num, 3600)?;
    let overtime_pay = divide_round(overtime_num, 360_000)?;
    let commission = match inputs.commission {
        Some(plan) => {
            let num: i128 = inputs
                .sales
                .iter()
                .map(|(cat, &net)| {
                    let bp = plan
                        .by_category
                        .get(cat)
                        .copied()
                        .unwrap_or(plan.default_bp);
                    i128::from(net) * i128::from(bp)
                })
                .sum();
            divide_round(num, 10_000)?
        }
        None => 0,
    };
    let gross = regular_pay
        .checked_add(overtime_pay)
        .and_then(|p| p.checked_add(commission))
        .ok_or(TimesheetError::Overflow)?;
    let money = |minor| Money::new(minor, inputs.currency);
    Ok(PeriodPay {
        period,
        days,
        regular_secs,
        overtime_secs,
        rate: rate_on(period.end).map(money),
        rate_changed: used.len() > 1,
        regular_pay: money(regular_pay),
        overtime_pay: money(overtime_pay),
        commission: money(commission),
        gross_pay: money(gross),
    })
}

/// The first and last day of the work weeks a period starts and ends in: the span of shifts
/// [`period_pay`] needs for the weekly overtime rule.
pub fn weeks_around(period: PayPeriod, rules: &OvertimeRules) -> Result<PayPeriod, TimesheetError> {
    let start = rules.week_of(period.start)?;
    let end = add_days(rules.week_of(period.end)?, 6)?;
    Ok(PayPeriod { start, end })
}

/// `num / den` rounded to the nearest whole, halves away from zero (`den` > 0).
fn divide_round(num: i128, den: i128) -> Result<i64, TimesheetError> {
    let q = num / den;
    let r = num % den;
    let q = if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    };
    i64::try_from(q).map_err(|_| TimesheetError::Overflow)
}
