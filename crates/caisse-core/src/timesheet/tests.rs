//! Hand-computed weeks: periods, days across midnight and daylight-saving changes, overtime,
//! rates that change mid-week, commission with returns, and a week across a period boundary.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::{Date, Weekday, date};
use jiff::tz::TimeZone;
use proptest::prelude::*;

use super::*;
use crate::money::Currency;

const H: i64 = 3600;

/// Seconds worked per day, as expected.
type DaysWorked = Vec<(Date, i64)>;

fn paris() -> TimeZone {
    TimeZone::get("Europe/Paris").expect("tzdb bundled")
}

/// The instant of a local wall-clock time in Paris.
fn at(d: Date, hour: i8, minute: i8) -> Timestamp {
    d.at(hour, minute, 0, 0)
        .to_zoned_datetime(paris())
        .expect("valid local time")
        .timestamp()
}

fn shift(d: Date, from: (i8, i8), to_day: Date, to: (i8, i8)) -> Shift {
    Shift {
        start: at(d, from.0, from.1),
        end: at(to_day, to.0, to.1),
        breaks: vec![],
    }
}

/// A shift of `hours` from 08:00 on the day.
fn day_of(d: Date, hours: i64) -> Shift {
    Shift {
        start: at(d, 8, 0),
        end: Timestamp::from_second(at(d, 8, 0).as_second() + hours * H).unwrap(),
        breaks: vec![],
    }
}

#[test]
fn a_day_falls_in_the_pay_period_its_schedule_says() {
    let monday = date(2026, 12, 7);
    let cases = [
        (
            PayFrequency::Weekly,
            date(2026, 12, 9),
            date(2026, 12, 7),
            date(2026, 12, 13),
        ),
        (
            PayFrequency::Weekly,
            date(2026, 12, 6),
            date(2026, 11, 30),
            date(2026, 12, 6),
        ),
        (
            PayFrequency::BiWeekly,
            date(2026, 12, 20),
            date(2026, 12, 7),
            date(2026, 12, 20),
        ),
        (
            PayFrequency::BiWeekly,
            date(2026, 12, 21),
            date(2026, 12, 21),
            date(2027, 1, 3),
        ),
        (
            PayFrequency::BiWeekly,
            date(2026, 12, 6),
            date(2026, 11, 23),
            date(2026, 12, 6),
        ),
        (
            PayFrequency::SemiMonthly,
            date(2027, 2, 15),
            date(2027, 2, 1),
            date(2027, 2, 15),
        ),
        (
            PayFrequency::SemiMonthly,
            date(2027, 2, 16),
            date(2027, 2, 16),
            date(2027, 2, 28),
        ),
        (
            PayFrequency::SemiMonthly,
            date(2028, 2, 20),
            date(2028, 2, 16),
            date(2028, 2, 29),
        ),
        (
            PayFrequency::Monthly,
            date(2026, 12, 31),
            date(2026, 12, 1),
            date(2026, 12, 31),
        ),
    ];
    for (frequency, day, start, end) in cases {
        let schedule = PaySchedule {
            frequency,
            anchor: monday,
        };
        assert_eq!(
            schedule.period_of(day).unwrap(),
            PayPeriod { start, end },
            "{frequency:?} {day}"
        );
    }
    let weekly = PaySchedule {
        frequency: PayFrequency::Weekly,
        anchor: monday,
    };
    let this = weekly.period_of(monday).unwrap();
    assert_eq!(
        weekly.next(this).unwrap(),
        PayPeriod {
            start: date(2026, 12, 14),
            end: date(2026, 12, 20)
        }
    );
}

#[test]
fn time_worked_counts_what_really_passed_on_each_local_day() {
    let d = date(2026, 12, 7);
    let lunch = Break {
        start: at(d, 12, 30),
        end: at(d, 13, 0),
        paid: false,
    };
    let coffee = Break {
        start: at(d, 15, 0),
        end: at(d, 15, 15),
        paid: true,
    };
    let cases: Vec<(&str, Vec<Shift>, DaysWorked)> = vec![
        (
            // 09:00–17:30 is 8.5 h; the unpaid half hour comes off, the paid quarter does not.
            "a day with breaks",
            vec![Shift {
                breaks: vec![coffee, lunch],
                ..shift(d, (9, 0), d, (17, 30))
            }],
            vec![(d, 8 * H)],
        ),
        (
            // 22:00–06:00: two hours before midnight, six after.
            "a night across midnight",
            vec![shift(d, (22, 0), date(2026, 12, 8), (6, 0))],
            vec![(d, 2 * H), (date(2026, 12, 8), 6 * H)],
        ),
        (
            // Clocks go forward at 02:00 on 28 March 2027: 22:00–06:00 is 7 hours, five of
            // them after midnight.
            "a night the clocks go forward",
            vec![shift(date(2027, 3, 27), (22, 0), date(2027, 3, 28), (6, 0))],
            vec![(date(2027, 3, 27), 2 * H), (date(2027, 3, 28), 5 * H)],
        ),
        (
            // Clocks go back at 03:00 on 25 October 2026: 22:00–06:00 is 9 hours.
            "a night the clocks go back",
            vec![shift(
                date(2026, 10, 24),
                (22, 0),
                date(2026, 10, 25),
                (6, 0),
            )],
            vec![(date(2026, 10, 24), 2 * H), (date(2026, 10, 25), 7 * H)],
        ),
        (
            // Clocked in and straight out again: nothing worked, nothing refused.
            "a shift of no time",
            vec![shift(d, (9, 0), d, (9, 0))],
            vec![],
        ),
        (
            "two shifts the same day add up",
            vec![shift(d, (8, 0), d, (12, 0)), shift(d, (18, 0), d, (21, 15))],
            vec![(d, 7 * H + 15 * 60)],
        ),
    ];
    for (name, shifts, expected) in cases {
        let got = worked_by_day(&shifts, &paris()).unwrap();
        assert_eq!(
            got,
            expected.into_iter().collect::<BTreeMap<_, _>>(),
            "{name}"
        );
    }
}

#[test]
fn impossible_punches_are_refused_with_their_reason() {
    let d = date(2026, 12, 7);
    let cases: Vec<(Vec<Shift>, &str)> = vec![
        (
            vec![shift(d, (17, 0), d, (9, 0))],
            "shift_ends_before_start",
        ),
        (
            vec![shift(d, (9, 0), d, (17, 0)), shift(d, (16, 0), d, (20, 0))],
            "shifts_overlap",
        ),
        (
            vec![Shift {
                breaks: vec![Break {
                    start: at(d, 16, 0),
                    end: at(d, 18, 0),
                    paid: false,
                }],
                ..shift(d, (9, 0), d, (17, 0))
            }],
            "break_outside_shift",
        ),
        (
            vec![Shift {
                breaks: vec![
                    Break {
                        start: at(d, 12, 0),
                        end: at(d, 13, 0),
                        paid: false,
                    },
                    Break {
                        start: at(d, 12, 30),
                        end: at(d, 13, 30),
                        paid: false,
                    },
                ],
                ..shift(d, (9, 0), d, (17, 0))
            }],
            "break_outside_shift",
        ),
        (
            vec![shift(d, (8, 0), date(2026, 12, 9), (0, 0))],
            "shift_too_long",
        ),
    ];
    for (shifts, code) in cases {
        let err = worked_by_day(&shifts, &paris()).unwrap_err();
        assert_eq!(err.code(), code, "{shifts:?}");
    }
}

fn full_rules() -> OvertimeRules {
    OvertimeRules {
        daily_threshold_secs: Some(8 * H),
        weekly_threshold_secs: Some(40 * H),
        multiplier_percent: 150,
        week_starts: Weekday::Monday,
    }
}

/// Monday 7 December 2026 to Saturday: 10, 9, 8, 8, 8 and 6 hours (49 in all).
fn long_week() -> Vec<Shift> {
    [10, 9, 8, 8, 8, 6]
        .iter()
        .enumerate()
        .map(|(i, &h)| day_of(date(2026, 12, 7 + i as i8), h))
        .collect()
}

#[test]
fn overtime_counts_the_day_first_then_the_week_and_never_twice() {
    let days = worked_by_day(&long_week(), &paris()).unwrap();
    // Daily: Monday 2 h over 8, Tuesday 1 h. The regular hours then reach 40 on Friday
    // (8 × 5), so Saturday's 6 hours are all weekly overtime: 40 regular, 9 overtime.
    let split = split_overtime(&days, &full_rules()).unwrap();
    let got: Vec<(i64, i64)> = split
        .values()
        .map(|h| (h.regular / H, h.overtime / H))
        .collect();
    assert_eq!(got, vec![(8, 2), (8, 1), (8, 0), (8, 0), (8, 0), (0, 6)]);

    // Weekly only: 10 + 9 + 8 + 8 = 35 by Thursday, so Friday has 5 regular and 3 over.
    let weekly = OvertimeRules {
        daily_threshold_secs: None,
        ..full_rules()
    };
    let split = split_overtime(&days, &weekly).unwrap();
    let got: Vec<(i64, i64)> = split
        .values()
        .map(|h| (h.regular / H, h.overtime / H))
        .collect();
    assert_eq!(got, vec![(10, 0), (9, 0), (8, 0), (8, 0), (5, 3), (0, 6)]);

    // A work week starting on Sunday: the Sunday before counts with the week, the Monday
    // after starts a new one.
    let sunday_weeks = OvertimeRules {
        daily_threshold_secs: None,
        weekly_threshold_secs: Some(10 * H),
        multiplier_percent: 150,
        week_starts: Weekday::Sunday,
    };
    let days: BTreeMap<Date, i64> = [
        (date(2026, 12, 6), 6 * H),  // Sunday: a new week
        (date(2026, 12, 7), 6 * H),  // Monday: 12 in the week, 2 over
        (date(2026, 12, 12), 2 * H), // Saturday: all over
        (date(2026, 12, 13), 6 * H), // Sunday: a new week again
    ]
    .into_iter()
    .collect();
    let split = split_overtime(&days, &sunday_weeks).unwrap();
    let got: Vec<(i64, i64)> = split
        .values()
        .map(|h| (h.regular / H, h.overtime / H))
        .collect();
    assert_eq!(got, vec![(6, 0), (4, 2), (0, 2), (6, 0)]);

    let bad = OvertimeRules {
        multiplier_percent: 90,
        ..full_rules()
    };
    assert_eq!(
        split_overtime(&days, &bad).unwrap_err().code(),
        "invalid_rule"
    );
}

fn inputs<'a>(
    shifts: &'a [Shift],
    tz: &'a TimeZone,
    rules: &'a OvertimeRules,
    rates: &'a [HourlyRate],
    commission: Option<&'a CommissionPlan>,
    sales: &'a SalesByCategory,
) -> PayInputs<'a> {
    PayInputs {
        shifts,
        tz,
        rules,
        rates,
        commission,
        sales,
        currency: Currency::EUR,
    }
}

#[test]
fn a_week_pays_regular_and_overtime_hours_at_the_rate_of_each_day() {
    let (tz, rules, sales) = (paris(), full_rules(), SalesByCategory::new());
    let shifts = long_week();
    let period = PayPeriod {
        start: date(2026, 12, 7),
        end: date(2026, 12, 13),
    };

    // 40 h × 12.50 = 500.00; 9 h × 12.50 × 1.5 = 168.75.
    let one_rate = [HourlyRate {
        effective_from: date(2026, 1, 1),
        per_hour: 1250,
    }];
    let pay = period_pay(
        period,
        &inputs(&shifts, &tz, &rules, &one_rate, None, &sales),
    )
    .unwrap();
    assert_eq!((pay.regular_secs / H, pay.overtime_secs / H), (40, 9));
    assert_eq!(pay.regular_pay.minor(), 50_000);
    assert_eq!(pay.overtime_pay.minor(), 16_875);
    assert_eq!(pay.gross_pay.minor(), 66_875);
    assert!(!pay.rate_changed);

    // A raise to 13.00 from Thursday: regular (8 + 8 + 8) × 12.50 + (8 + 8) × 13.00 =
    // 300.00 + 208.00; overtime (2 + 1) × 12.50 × 1.5 + 6 × 13.00 × 1.5 = 56.25 + 117.00.
    let raise = [
        HourlyRate {
            effective_from: date(2026, 12, 10),
            per_hour: 1300,
        },
        HourlyRate {
            effective_from: date(2026, 1, 1),
            per_hour: 1250,
        },
    ];
    let pay = period_pay(period, &inputs(&shifts, &tz, &rules, &raise, None, &sales)).unwrap();
    assert_eq!(pay.regular_pay.minor(), 50_800);
    assert_eq!(pay.overtime_pay.minor(), 17_325);
    assert_eq!(pay.gross_pay.minor(), 68_125);
    assert_eq!(pay.rate.map(|r| r.minor()), Some(1300));
    assert!(pay.rate_changed);

    // No rate yet on a day worked: refused, naming the day.
    let late = [HourlyRate {
        effective_from: date(2026, 12, 8),
        per_hour: 1250,
    }];
    let err = period_pay(period, &inputs(&shifts, &tz, &rules, &late, None, &sales)).unwrap_err();
    assert_eq!(err, TimesheetError::NoRate(date(2026, 12, 7)));
}

#[test]
fn pay_is_rounded_once_half_up() {
    let (tz, sales) = (paris(), SalesByCategory::new());
    let rules = OvertimeRules::NONE;
    let d = date(2026, 12, 7);
    let period = PayPeriod { start: d, end: d };
    let cases = [
        // 7 h 20 = 26,400 s × 12.34 / 3,600 = 90.4933… → 90.49
        ((9, 0), (16, 20), 1234, 9_049),
        // 30 min × 12.35 = 6.175 → 6.18 (the half goes up)
        ((9, 0), (9, 30), 1235, 618),
        // 1 min × 12.34 = 0.2056… → 0.21
        ((9, 0), (9, 1), 1234, 21),
    ];
    for (from, to, per_hour, expected) in cases {
        let shifts = [shift(d, from, d, to)];
        let rates = [HourlyRate {
            effective_from: d,
            per_hour,
        }];
        let pay = period_pay(period, &inputs(&shifts, &tz, &rules, &rates, None, &sales)).unwrap();
        assert_eq!(
            pay.gross_pay.minor(),
            expected,
            "{from:?}–{to:?} at {per_hour}"
        );
    }
}

#[test]
fn commission_is_a_rate_of_net_sales_and_returns_take_it_back() {
    let (tz, rules) = (paris(), OvertimeRules::NONE);
    let period = PayPeriod {
        start: date(2026, 12, 7),
        end: date(2026, 12, 13),
    };
    let plan = CommissionPlan {
        default_bp: 200,
        by_category: [("wine".to_string(), 500)].into_iter().collect(),
    };
    let cases: [(&[(&str, i64)], i64); 3] = [
        // 1,234.56 × 2 % + (100.00 − 30.00 returned) × 5 % = 24.6912 + 3.50 = 28.1912 → 28.19
        (&[("grocery", 123_456), ("wine", 7_000)], 2_819),
        // Returns above sales: −50.00 × 2 % = −1.00, taken back.
        (&[("grocery", -5_000)], -100),
        // Nothing sold, nothing earned.
        (&[], 0),
    ];
    for (sales, expected) in cases {
        let sales: SalesByCategory = sales.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let pay = period_pay(period, &inputs(&[], &tz, &rules, &[], Some(&plan), &sales)).unwrap();
        assert_eq!(pay.commission.minor(), expected, "{sales:?}");
        assert_eq!(pay.gross_pay.minor(), expected);
    }
}

#[test]
fn a_week_across_a_month_end_pays_its_overtime_in_the_period_of_the_day_it_fell_on() {
    // Ten hours a day, Monday 30 November to Friday 4 December 2026, weekly threshold 40 h,
    // monthly pay. The week reaches 40 regular hours on Thursday, so Friday's 10 are
    // overtime. November pays Monday's 10 regular; December Tuesday–Thursday's 30 regular
    // and Friday's 10 overtime.
    let (tz, sales) = (paris(), SalesByCategory::new());
    let rules = OvertimeRules {
        daily_threshold_secs: None,
        ..full_rules()
    };
    let shifts: Vec<Shift> = (0..5)
        .map(|i| {
            day_of(
                date(2026, 11, 30)
                    .checked_add(jiff::Span::new().days(i))
                    .unwrap(),
                10,
            )
        })
        .collect();
    let rates = [HourlyRate {
        effective_from: date(2026, 1, 1),
        per_hour: 1000,
    }];
    let monthly = PaySchedule {
        frequency: PayFrequency::Monthly,
        anchor: date(2026, 1, 1),
    };
    let december = monthly.period_of(date(2026, 12, 15)).unwrap();
    let november = monthly.period_of(date(2026, 11, 15)).unwrap();
    let all = inputs(&shifts, &tz, &rules, &rates, None, &sales);
    let dec = period_pay(december, &all).unwrap();
    assert_eq!((dec.regular_secs / H, dec.overtime_secs / H), (30, 10));
    assert_eq!(dec.gross_pay.minor(), 30 * 1000 + 10 * 1500);
    let nov = period_pay(november, &all).unwrap();
    assert_eq!((nov.regular_secs / H, nov.overtime_secs / H), (10, 0));

    // The span of shifts to give for December: from the Monday of its first week to the
    // Sunday of its last.
    assert_eq!(
        weeks_around(december, &rules).unwrap(),
        PayPeriod {
            start: date(2026, 11, 30),
            end: date(2027, 1, 3)
        }
    );
}

#[test]
fn a_dst_week_of_night_shifts_pays_the_hours_really_worked() {
    // Six nights 22:00–06:00 from Monday 22 March 2027; on the sixth (Saturday night) the
    // clocks go forward: 8 + 8 + 8 + 8 + 8 + 7 = 47 hours. Daily
    // threshold 8 h never passed; weekly 40 h reached during Friday's night. The week runs
    // Monday to Sunday: Monday 22nd has 2 h (22–24), Tuesday to Saturday 8 h each (0–6 and
    // 22–24), Sunday 28th 5 h. Regular: 2 + 8 × 4 = 34 by Friday, Saturday 6 of its 8,
    // then overtime: Saturday 2 and Sunday 5.
    let (tz, sales) = (paris(), SalesByCategory::new());
    let rules = OvertimeRules {
        daily_threshold_secs: Some(8 * H),
        ..full_rules()
    };
    let shifts: Vec<Shift> = (22..28)
        .map(|day| shift(date(2027, 3, day), (22, 0), date(2027, 3, day + 1), (6, 0)))
        .collect();
    let rates = [HourlyRate {
        effective_from: date(2027, 1, 1),
        per_hour: 1200,
    }];
    let period = PayPeriod {
        start: date(2027, 3, 22),
        end: date(2027, 3, 28),
    };
    let pay = period_pay(period, &inputs(&shifts, &tz, &rules, &rates, None, &sales)).unwrap();
    let by_day: Vec<(i8, i64, i64)> = pay
        .days
        .iter()
        .map(|(d, h)| (d.day(), h.regular / H, h.overtime / H))
        .collect();
    assert_eq!(
        by_day,
        vec![
            (22, 2, 0),
            (23, 8, 0),
            (24, 8, 0),
            (25, 8, 0),
            (26, 8, 0),
            (27, 6, 2),
            (28, 0, 5)
        ]
    );
    assert_eq!(pay.regular_secs + pay.overtime_secs, 47 * H);
    // 40 × 12.00 + 7 × 18.00 = 480.00 + 126.00
    assert_eq!(pay.gross_pay.minor(), 60_600);
}

proptest! {
    /// Whatever the shifts and rules: each day's regular and overtime add up to what was
    /// worked, overtime is never negative, and the days add up to the shifts less their
    /// unpaid breaks.
    #[test]
    fn split_hours_always_add_up(
        starts in prop::collection::vec((0i64..400, 1i64..(14 * 60)), 0..12),
        daily in prop::option::of(0i64..(12 * H)),
        weekly in prop::option::of(0i64..(60 * H)),
        week_start in 0i8..7,
    ) {
        // Shifts placed one after another from 20 March 2027 (across the DST change):
        // each a gap of whole quarter-hours after the last, then a length in minutes.
        let mut t = at(date(2027, 3, 20), 0, 0).as_second();
        let mut shifts = Vec::new();
        let mut expected = 0;
        for (gap, minutes) in starts {
            t += gap * 900;
            let start = Timestamp::from_second(t).unwrap();
            t += minutes * 60;
            shifts.push(Shift { start, end: Timestamp::from_second(t).unwrap(), breaks: vec![] });
            expected += minutes * 60;
        }
        let rules = OvertimeRules {
            daily_threshold_secs: daily,
            weekly_threshold_secs: weekly,
            multiplier_percent: 150,
            week_starts: Weekday::from_monday_zero_offset(week_start).unwrap(),
        };
        let days = worked_by_day(&shifts, &paris()).unwrap();
        prop_assert_eq!(days.values().sum::<i64>(), expected);
        let split = split_overtime(&days, &rules).unwrap();
        for h in split.values() {
            prop_assert!(h.regular >= 0 && h.overtime >= 0);
            prop_assert_eq!(h.regular + h.overtime, h.worked);
            if let Some(limit) = daily {
                prop_assert!(h.regular <= limit);
            }
        }
        if let Some(limit) = weekly {
            let mut per_week: BTreeMap<Date, i64> = BTreeMap::new();
            for (d, h) in &split {
                *per_week.entry(rules.week_of(*d).unwrap()).or_default() += h.regular;
            }
            prop_assert!(per_week.values().all(|&r| r <= limit));
        }
    }
}
