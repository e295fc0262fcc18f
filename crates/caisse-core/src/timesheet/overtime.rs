//! Regular and overtime hours: a daily threshold, then a weekly one.

use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use super::TimesheetError;
use super::period::add_days;

/// When worked time becomes overtime, and what overtime pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OvertimeRules {
    /// Seconds a day beyond which time is overtime (none: no daily overtime).
    pub daily_threshold_secs: Option<i64>,
    /// Regular seconds a work week beyond which time is overtime (none: no weekly overtime).
    pub weekly_threshold_secs: Option<i64>,
    /// Overtime pay as a percentage of the hourly rate (150: time and a half). At least 100.
    pub multiplier_percent: u32,
    /// The first day of the work week the weekly threshold counts over.
    pub week_starts: Weekday,
}

impl OvertimeRules {
    /// No overtime at all: every second is regular.
    pub const NONE: OvertimeRules = OvertimeRules {
        daily_threshold_secs: None,
        weekly_threshold_secs: None,
        multiplier_percent: 100,
        week_starts: Weekday::Monday,
    };

    /// Checks the numbers: thresholds not negative, multiplier from 100 % to 1000 %.
    pub fn validate(&self) -> Result<(), TimesheetError> {
        if self.daily_threshold_secs.is_some_and(|s| s < 0) {
            return Err(TimesheetError::InvalidRule("daily threshold below zero"));
        }
        if self.weekly_threshold_secs.is_some_and(|s| s < 0) {
            return Err(TimesheetError::InvalidRule("weekly threshold below zero"));
        }
        if !(100..=1000).contains(&self.multiplier_percent) {
            return Err(TimesheetError::InvalidRule(
                "overtime multiplier outside 100 %–1000 %",
            ));
        }
        Ok(())
    }

    /// The first day of the work week a day belongs to.
    pub fn week_of(&self, day: Date) -> Result<Date, TimesheetError> {
        let back = i64::from(self.week_starts.until(day.weekday()));
        add_days(day, -back)
    }
}

/// One day's time worked, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DayHours {
    /// All seconds worked.
    pub worked: i64,
    /// Seconds paid at the normal rate.
    pub regular: i64,
    /// Seconds paid at the overtime rate.
    pub overtime: i64,
}

/// Splits each day's seconds into regular and overtime.
///
/// First the daily threshold: what a day has beyond it is overtime. Then the weekly threshold,
/// day by day through each work week: once the week's regular seconds pass it, the rest of
/// the regular time is overtime. Time already overtime by the day never counts towards the
/// week, so nothing is paid as overtime twice. For the weekly rule to see a whole week, give
/// every day of the weeks concerned, even those outside the pay period being computed.
pub fn split_overtime(
    days: &BTreeMap<Date, i64>,
    rules: &OvertimeRules,
) -> Result<BTreeMap<Date, DayHours>, TimesheetError> {
    rules.validate()?;
    let mut out = BTreeMap::new();
    let mut week: Option<Date> = None;
    let mut week_regular = 0i64;
    for (&day, &worked) in days {
        let this_week = rules.week_of(day)?;
        if week != Some(this_week) {
            week = Some(this_week);
            week_regular = 0;
        }
        let daily_ot = match rules.daily_threshold_secs {
            Some(limit) => (worked - limit).max(0),
            None => 0,
        };
        let mut regular = worked - daily_ot;
        let mut overtime = daily_ot;
        if let Some(limit) = rules.weekly_threshold_secs {
            let room = (limit - week_regular).max(0);
            let moved = (regular - room).max(0);
            regular -= moved;
            overtime += moved;
        }
        week_regular += regular;
        out.insert(
            day,
            DayHours {
                worked,
                regular,
                overtime,
            },
        );
    }
    Ok(out)
}
