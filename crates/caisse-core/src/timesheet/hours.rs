//! Seconds actually worked on each local day, from clock-in and clock-out instants.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::TimesheetError;

/// The longest shift accepted: beyond this a clock-out was forgotten and must be corrected.
pub const MAX_SHIFT_SECONDS: i64 = 36 * 3600;

/// A break taken during a shift. Unpaid breaks are taken out of the time worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    /// When the break started.
    pub start: Timestamp,
    /// When work resumed.
    pub end: Timestamp,
    /// Paid breaks count as time worked.
    pub paid: bool,
}

/// One shift as punched: clock-in, clock-out and the breaks between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shift {
    /// Clock-in.
    pub start: Timestamp,
    /// Clock-out.
    pub end: Timestamp,
    /// Breaks taken, in any order.
    pub breaks: Vec<Break>,
}

/// The seconds worked on each day of the store's calendar (instants are taken to the second).
///
/// A shift across local midnight is split at midnight, so each part counts on its own day; a
/// shift across a daylight-saving change counts the time that really passed. Shifts that
/// overlap, breaks outside their shift and shifts over [`MAX_SHIFT_SECONDS`] are refused.
pub fn worked_by_day(
    shifts: &[Shift],
    tz: &TimeZone,
) -> Result<BTreeMap<Date, i64>, TimesheetError> {
    let mut order: Vec<usize> = (0..shifts.len()).collect();
    order.sort_by_key(|&i| (secs(shifts[i].start), i));
    for pair in order.windows(2) {
        let (a, b) = (&shifts[pair[0]], &shifts[pair[1]]);
        if secs(b.start) < secs(a.end) {
            let (first, second) = (pair[0].min(pair[1]), pair[0].max(pair[1]));
            return Err(TimesheetError::ShiftsOverlap { first, second });
        }
    }
    let mut days = BTreeMap::new();
    for (index, shift) in shifts.iter().enumerate() {
        for (from, to) in worked_intervals(index, shift)? {
            add_split_at_midnight(&mut days, from, to, tz)?;
        }
    }
    Ok(days)
}

/// A shift's time worked as intervals of whole seconds: the shift minus its unpaid breaks.
fn worked_intervals(index: usize, shift: &Shift) -> Result<Vec<(i64, i64)>, TimesheetError> {
    let (start, end) = (secs(shift.start), secs(shift.end));
    if end < start {
        return Err(TimesheetError::ShiftEndsBeforeStart { index });
    }
    if end - start > MAX_SHIFT_SECONDS {
        return Err(TimesheetError::ShiftTooLong { index });
    }
    let mut breaks: Vec<(i64, i64, bool)> = shift
        .breaks
        .iter()
        .map(|b| (secs(b.start), secs(b.end), b.paid))
        .collect();
    breaks.sort_unstable();
    let mut cursor = start;
    let mut out = Vec::with_capacity(breaks.len() + 1);
    for (b_start, b_end, paid) in breaks {
        if b_start < cursor || b_end <= b_start || b_end > end {
            return Err(TimesheetError::BreakOutsideShift { index });
        }
        if !paid {
            if b_start > cursor {
                out.push((cursor, b_start));
            }
            cursor = b_end;
        }
    }
    if end > cursor {
        out.push((cursor, end));
    }
    Ok(out)
}

/// Adds `[from, to)` to the days it covers, cut at each local midnight.
fn add_split_at_midnight(
    days: &mut BTreeMap<Date, i64>,
    from: i64,
    to: i64,
    tz: &TimeZone,
) -> Result<(), TimesheetError> {
    let mut cursor = from;
    while cursor < to {
        let day = Timestamp::from_second(cursor)?
            .to_zoned_datetime(tz.clone())
            .date();
        let midnight = day
            .tomorrow()?
            .to_zoned_datetime(tz.clone())?
            .timestamp()
            .as_second();
        let stop = midnight.min(to);
        *days.entry(day).or_insert(0) += stop - cursor;
        cursor = stop;
    }
    Ok(())
}

fn secs(t: Timestamp) -> i64 {
    t.as_second()
}
