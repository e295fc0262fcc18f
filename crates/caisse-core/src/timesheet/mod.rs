//! Time worked and what it pays: the rules behind timesheets and the payroll export.
//!
//! Pure arithmetic over what the caller gives: the punches of one employee (instants), the
//! store's time zone, the pay schedule, the overtime rules, the hourly rates with the dates they
//! take effect, and the net sales the employee made. Nothing here reads a clock or a database.
//!
//! - [`period`]: which pay period a day falls in (weekly, bi-weekly, semi-monthly, monthly).
//! - [`hours`]: the seconds actually worked on each local day. Shifts are pairs of instants,
//!   so a night shift across a daylight-saving change counts the hours that really passed
//!   (7 or 9 for a 22:00–06:00 shift on the nights the clocks move), and a shift across
//!   midnight is split at the store's local midnight.
//! - [`overtime`]: each day's seconds split into regular and overtime by a daily threshold,
//!   then a weekly threshold over the store's work week (hours already counted as daily
//!   overtime never count twice).
//! - [`pay`]: gross pay from rates in effect on each day, and commission on net sales
//!   (returns reduce it), rounded once per employee and period.

pub mod hours;
pub mod overtime;
pub mod pay;
pub mod period;

#[cfg(test)]
mod tests;

pub use hours::{Break, Shift, worked_by_day};
pub use overtime::{DayHours, OvertimeRules, split_overtime};
pub use pay::{
    CommissionPlan, HourlyRate, PayInputs, PeriodPay, SalesByCategory, period_pay, weeks_around,
};
pub use period::{PayFrequency, PayPeriod, PaySchedule};

/// Why time worked or pay could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimesheetError {
    /// A shift ends before (or when) it starts.
    #[error("shift {index} ends before it starts")]
    ShiftEndsBeforeStart {
        /// Position of the shift in the list given.
        index: usize,
    },
    /// A break lies outside its shift, ends before it starts, or overlaps another break.
    #[error("a break of shift {index} is not inside the shift or overlaps another break")]
    BreakOutsideShift {
        /// Position of the shift in the list given.
        index: usize,
    },
    /// Two shifts of the same person overlap in time.
    #[error("shifts {first} and {second} overlap")]
    ShiftsOverlap {
        /// The earlier shift's position.
        first: usize,
        /// The later shift's position.
        second: usize,
    },
    /// A shift longer than a day and a half: a forgotten clock-out, to be corrected first.
    #[error("shift {index} lasts more than 36 hours")]
    ShiftTooLong {
        /// Position of the shift in the list given.
        index: usize,
    },
    /// A rule's number is out of range (a threshold below zero, a multiplier below 1).
    #[error("invalid rule: {0}")]
    InvalidRule(&'static str),
    /// A day was worked with no hourly rate in effect on it.
    #[error("no hourly rate in effect on {0}")]
    NoRate(jiff::civil::Date),
    /// A date outside what the calendar can represent.
    #[error("date out of range")]
    DateOutOfRange,
    /// An amount too large to compute.
    #[error("amount out of range")]
    Overflow,
}

impl TimesheetError {
    /// The stable error code sent to clients.
    pub fn code(&self) -> &'static str {
        match self {
            TimesheetError::ShiftEndsBeforeStart { .. } => "shift_ends_before_start",
            TimesheetError::BreakOutsideShift { .. } => "break_outside_shift",
            TimesheetError::ShiftsOverlap { .. } => "shifts_overlap",
            TimesheetError::ShiftTooLong { .. } => "shift_too_long",
            TimesheetError::InvalidRule(_) => "invalid_rule",
            TimesheetError::NoRate(_) => "no_rate",
            TimesheetError::DateOutOfRange => "date_out_of_range",
            TimesheetError::Overflow => "amount_out_of_range",
        }
    }
}

impl From<jiff::Error> for TimesheetError {
    fn from(_: jiff::Error) -> Self {
        TimesheetError::DateOutOfRange
    }
}
