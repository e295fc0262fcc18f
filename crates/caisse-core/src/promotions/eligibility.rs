//! Whether a promotion may apply at all, before looking at the basket: its time window, the
//! customer's tier, and its coupon code with the code's usage so far.
//!
//! **Time windows.** `from` and `until` are both inclusive calendar days in the store's local
//! time (`until: 2026-12-31` still runs on New Year's Eve). Daily hours run from `start`
//! (inclusive) to `end` (exclusive), to the minute; when `end` is not after `start` the window
//! crosses midnight (22:00–02:00), and the hours after midnight belong to the day the window
//! opened: a Friday 22:00–02:00 happy hour still runs at 01:30 on Saturday, and its date range
//! and weekdays are checked against that Friday.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::rule::{CouponUses, Promotion};

/// A time of day to the minute (`"17:30"`), in the store's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// Midnight.
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);

    /// A time from hours and minutes; `None` outside 00:00–23:59.
    pub fn new(hour: u8, minute: u8) -> Option<TimeOfDay> {
        (hour < 24 && minute < 60).then(|| TimeOfDay(u16::from(hour) * 60 + u16::from(minute)))
    }

    /// Minutes since midnight.
    pub const fn minutes(self) -> u16 {
        self.0
    }
}

impl FromStr for TimeOfDay {
    type Err = String;

    /// Reads `"HH:MM"` (24-hour clock).
    fn from_str(s: &str) -> Result<TimeOfDay, String> {
        let bad = || format!("expected a time as HH:MM, got {s:?}");
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(bad());
        }
        let hour: u8 = h.parse().map_err(|_| bad())?;
        let minute: u8 = m.parse().map_err(|_| bad())?;
        TimeOfDay::new(hour, minute).ok_or_else(bad)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TimeOfDay, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// The weekday of a calendar day.
    pub fn of(date: Date) -> Weekday {
        match date.weekday() {
            jiff::civil::Weekday::Monday => Weekday::Monday,
            jiff::civil::Weekday::Tuesday => Weekday::Tuesday,
            jiff::civil::Weekday::Wednesday => Weekday::Wednesday,
            jiff::civil::Weekday::Thursday => Weekday::Thursday,
            jiff::civil::Weekday::Friday => Weekday::Friday,
            jiff::civil::Weekday::Saturday => Weekday::Saturday,
            jiff::civil::Weekday::Sunday => Weekday::Sunday,
        }
    }
}

/// Daily opening hours of a promotion: `start` inclusive, `end` exclusive; crosses midnight
/// when `end <= start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// First minute the promotion runs.
    pub start: TimeOfDay,
    /// First minute it no longer runs.
    pub end: TimeOfDay,
}

/// When a promotion runs; an empty schedule means always.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// First day it runs (inclusive).
    #[serde(default, with = "opt_date")]
    pub from: Option<Date>,
    /// Last day it runs (inclusive).
    #[serde(default, with = "opt_date")]
    pub until: Option<Date>,
    /// Days of the week it runs (every day, when empty).
    #[serde(default)]
    pub weekdays: Vec<Weekday>,
    /// Hours of the day it runs (all day, when absent).
    #[serde(default)]
    pub hours: Option<Hours>,
}

/// The store's local date and time at the moment of pricing, given by the caller (the core
/// never reads a clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalNow {
    /// The store's local calendar day.
    #[serde(with = "date_text")]
    pub date: Date,
    /// The store's local time of day.
    pub time: TimeOfDay,
}

impl LocalNow {
    /// From a local civil date and time (seconds are dropped: windows are to the minute).
    pub fn from_civil(at: jiff::civil::DateTime) -> LocalNow {
        let minutes =
            u16::try_from(i32::from(at.hour()) * 60 + i32::from(at.minute())).unwrap_or_default();
        LocalNow {
            date: at.date(),
            time: TimeOfDay(minutes),
        }
    }
}

impl Schedule {
    /// Checks the dates are in order and the hours are not empty.
    pub fn validate(&self) -> Result<(), &'static str> {
        if let (Some(from), Some(until)) = (self.from, self.until)
            && until < from
        {
            return Err("the last day comes before the first day");
        }
        if let Some(h) = self.hours
            && h.start == h.end
        {
            return Err("the daily hours start and end at the same minute");
        }
        Ok(())
    }

    /// True when the promotion runs at `now` (see the module's notes on midnight).
    pub fn is_open(&self, now: LocalNow) -> bool {
        let day = match self.hours {
            None => now.date,
            Some(Hours { start, end }) if start < end => {
                if now.time < start || now.time >= end {
                    return false;
                }
                now.date
            }
            Some(Hours { start, end }) => {
                if now.time >= start {
                    now.date
                } else if now.time < end {
                    // After midnight: the window opened the day before.
                    match now.date.yesterday() {
                        Ok(d) => d,
                        Err(_) => return false,
                    }
                } else {
                    return false;
                }
            }
        };
        self.from.is_none_or(|from| day >= from)
            && self.until.is_none_or(|until| day <= until)
            && (self.weekdays.is_empty() || self.weekdays.contains(&Weekday::of(day)))
    }
}

/// A coupon code as compared: trimmed, upper case (ASCII).
pub fn normalize_code(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

/// The customer at the till, when identified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The customer's id.
    pub id: Uuid,
    /// The loyalty tier (`gold`), if any.
    #[serde(default)]
    pub tier: Option<String>,
}

/// A code the cashier entered, with how often it has been used so far (read by the caller).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnteredCoupon {
    /// The code as typed or scanned.
    pub code: String,
    /// Completed sales that used it, all customers together.
    #[serde(default)]
    pub used_total: u32,
    /// Completed sales of this customer that used it.
    #[serde(default)]
    pub used_by_customer: u32,
}

/// Why an entered coupon gave nothing; the till shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CouponRejection {
    /// No active promotion has this code.
    UnknownCode,
    /// A single-use code that was already used.
    AlreadyUsed,
    /// A multi-use code that reached its limit.
    UsageLimitReached,
    /// This customer used it as often as allowed.
    CustomerLimitReached,
    /// A per-customer code with no customer identified.
    NeedsCustomer,
    /// Outside its dates, days or hours.
    NotActiveNow,
    /// Reserved for other customer tiers.
    NotForThisTier,
    /// Valid, but nothing in the basket qualifies.
    NothingQualifies,
    /// Valid, but a better combination of promotions leaves it out.
    BetterOfferApplied,
}

impl CouponRejection {
    /// Stable snake_case code, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            CouponRejection::UnknownCode => "unknown_code",
            CouponRejection::AlreadyUsed => "already_used",
            CouponRejection::UsageLimitReached => "usage_limit_reached",
            CouponRejection::CustomerLimitReached => "customer_limit_reached",
            CouponRejection::NeedsCustomer => "needs_customer",
            CouponRejection::NotActiveNow => "not_active_now",
            CouponRejection::NotForThisTier => "not_for_this_tier",
            CouponRejection::NothingQualifies => "nothing_qualifies",
            CouponRejection::BetterOfferApplied => "better_offer_applied",
        }
    }
}

/// Whether a promotion may apply now for this customer with these codes; `Err` says why not.
/// A promotion without a coupon that does not apply gives `Err(None)`: nobody asked for it.
pub(crate) fn check(
    promotion: &Promotion,
    now: LocalNow,
    customer: Option<&Customer>,
    coupons: &[EnteredCoupon],
) -> Result<(), Option<CouponRejection>> {
    let entered = match &promotion.coupon {
        None => None,
        Some(rule) => {
            let code = normalize_code(&rule.code);
            match coupons.iter().find(|c| normalize_code(&c.code) == code) {
                Some(c) => Some((rule.uses, c)),
                None => return Err(None),
            }
        }
    };
    let why = |reason| Err(entered.map(|_| reason));
    if !promotion.schedule.is_open(now) {
        return why(CouponRejection::NotActiveNow);
    }
    if !promotion.tiers.is_empty() {
        let tier = customer.and_then(|c| c.tier.as_deref());
        if !tier.is_some_and(|t| promotion.tiers.iter().any(|allowed| allowed == t)) {
            return why(CouponRejection::NotForThisTier);
        }
    }
    if let Some((uses, used)) = entered {
        let refused = match uses {
            CouponUses::SingleUse if used.used_total > 0 => Some(CouponRejection::AlreadyUsed),
            CouponUses::MultiUse {
                max_uses: Some(max),
            } if used.used_total >= max => Some(CouponRejection::UsageLimitReached),
            CouponUses::PerCustomer { .. } if customer.is_none() => {
                Some(CouponRejection::NeedsCustomer)
            }
            CouponUses::PerCustomer { max_per_customer }
                if used.used_by_customer >= max_per_customer =>
            {
                Some(CouponRejection::CustomerLimitReached)
            }
            _ => None,
        };
        if let Some(reason) = refused {
            return Err(Some(reason));
        }
    }
    Ok(())
}

mod date_text {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

mod opt_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.map(|t| t.parse().map_err(serde::de::Error::custom))
            .transpose()
    }
}
