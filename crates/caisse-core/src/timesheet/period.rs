//! Pay periods: the span of days one payslip covers.

use jiff::Span;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::TimesheetError;

/// How often employees are paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayFrequency {
    /// Every 7 days from the schedule's anchor.
    Weekly,
    /// Every 14 days from the schedule's anchor.
    BiWeekly,
    /// The 1st to the 15th, then the 16th to the month's last day.
    SemiMonthly,
    /// The calendar month.
    Monthly,
}

/// A store's pay schedule: the frequency, and for weekly and bi-weekly pay the first day of
/// any one period (every other period follows from it, before or after).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaySchedule {
    /// How often.
    pub frequency: PayFrequency,
    /// The first day of one period (used by weekly and bi-weekly pay).
    pub anchor: Date,
}

/// One pay period: its first and last day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PayPeriod {
    /// First day paid.
    pub start: Date,
    /// Last day paid (included).
    pub end: Date,
}

impl PayPeriod {
    /// True when the day is paid in this period.
    pub fn contains(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }
}

impl PaySchedule {
    /// The period a day is paid in.
    pub fn period_of(&self, day: Date) -> Result<PayPeriod, TimesheetError> {
        match self.frequency {
            PayFrequency::Weekly => self.every(day, 7),
            PayFrequency::BiWeekly => self.every(day, 14),
            PayFrequency::SemiMonthly => {
                let (start, end) = if day.day() <= 15 {
                    (day.first_of_month(), day.with().day(15).build()?)
                } else {
                    (day.with().day(16).build()?, day.last_of_month())
                };
                Ok(PayPeriod { start, end })
            }
            PayFrequency::Monthly => Ok(PayPeriod {
                start: day.first_of_month(),
                end: day.last_of_month(),
            }),
        }
    }

    /// The period after the one given.
    pub fn next(&self, period: PayPeriod) -> Result<PayPeriod, TimesheetError> {
        self.period_of(period.end.tomorrow()?)
    }

    fn every(&self, day: Date, len: i64) -> Result<PayPeriod, TimesheetError> {
        let offset = days_between(self.anchor, day);
        let start = add_days(day, -offset.rem_euclid(len))?;
        Ok(PayPeriod {
            start,
            end: add_days(start, len - 1)?,
        })
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: Date, to: Date) -> i64 {
    to.duration_since(from).as_secs().div_euclid(86_400)
}

/// The day `n` days after `day` (before it when `n` is negative).
pub(crate) fn add_days(day: Date, n: i64) -> Result<Date, TimesheetError> {
    Ok(day.checked_add(Span::new().days(n))?)
}
