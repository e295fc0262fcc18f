//! Closures: the arithmetic of X and Z reports and of the daily, monthly and yearly closures
//! (the periods, what their documents add up to, the cash a drawer should hold).
//!
//! Amounts are `i64` minor units of the store's currency; the caller brings the grouped sums
//! read from the documents and gets the report figures back.

use jiff::civil::Date;

/// What a closure closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClosureKind {
    /// A drawer session, closed with a count (the Z report).
    Z,
    /// One business day.
    Day,
    /// One calendar month of business days.
    Month,
    /// One calendar year of business days.
    Year,
}

impl ClosureKind {
    /// Stable text form (`z`, `day`, `month`, `year`).
    pub fn as_str(self) -> &'static str {
        match self {
            ClosureKind::Z => "z",
            ClosureKind::Day => "day",
            ClosureKind::Month => "month",
            ClosureKind::Year => "year",
        }
    }

    /// Parses the stable text form.
    pub fn parse(text: &str) -> Option<ClosureKind> {
        match text {
            "z" => Some(ClosureKind::Z),
            "day" => Some(ClosureKind::Day),
            "month" => Some(ClosureKind::Month),
            "year" => Some(ClosureKind::Year),
            _ => None,
        }
    }

    /// The kind of the journal entry that records such a closure.
    pub fn journal_kind(self) -> &'static str {
        match self {
            ClosureKind::Z => "z_closure",
            ClosureKind::Day => "day_closure",
            ClosureKind::Month => "month_closure",
            ClosureKind::Year => "year_closure",
        }
    }
}

/// A calendar period of business dates: a day, a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One business day.
    Day(Date),
    /// A month: its first day.
    Month(Date),
    /// A year: its first day.
    Year(Date),
}

/// Why a period could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PeriodError(pub &'static str);

fn digits(text: &str, len: usize) -> Option<i32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn date(year: i32, month: i32, day: i32) -> Option<Date> {
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

impl Period {
    /// Reads `2026-11-27` (day), `2026-11` (month) or `2026` (year) for a day, month or year
    /// closure; a Z closure has no calendar period.
    pub fn parse(kind: ClosureKind, text: &str) -> Result<Period, PeriodError> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let bad = match kind {
            ClosureKind::Day => "give the day as YYYY-MM-DD",
            ClosureKind::Month => "give the month as YYYY-MM",
            ClosureKind::Year => "give the year as YYYY",
            ClosureKind::Z => return Err(PeriodError("a Z closure closes a drawer session")),
        };
        let year = parts.first().and_then(|y| digits(y, 4));
        let month = parts.get(1).and_then(|m| digits(m, 2));
        let day = parts.get(2).and_then(|d| digits(d, 2));
        let found = match (kind, parts.len(), year, month, day) {
            (ClosureKind::Day, 3, Some(y), Some(m), Some(d)) => date(y, m, d).map(Period::Day),
            (ClosureKind::Month, 2, Some(y), Some(m), None) => date(y, m, 1).map(Period::Month),
            (ClosureKind::Year, 1, Some(y), None, None) => date(y, 1, 1).map(Period::Year),
            _ => None,
        };
        found.ok_or(PeriodError(bad))
    }

    /// The closure kind that closes this period.
    pub fn kind(self) -> ClosureKind {
        match self {
            Period::Day(_) => ClosureKind::Day,
            Period::Month(_) => ClosureKind::Month,
            Period::Year(_) => ClosureKind::Year,
        }
    }

    /// The period as stored and shown: `2026-11-27`, `2026-11` or `2026`.
    pub fn text(self) -> String {
        match self {
            Period::Day(d) => d.to_string(),
            Period::Month(d) => format!("{:04}-{:02}", d.year(), d.month()),
            Period::Year(d) => format!("{:04}", d.year()),
        }
    }

    /// Its first business date.
    pub fn first_day(self) -> Date {
        match self {
            Period::Day(d) | Period::Month(d) | Period::Year(d) => d,
        }
    }

    /// Its last business date.
    pub fn last_day(self) -> Date {
        match self {
            Period::Day(d) => d,
            Period::Month(d) => d.last_of_month(),
            Period::Year(d) => d.last_of_year(),
        }
    }

    /// True once no new document can fall into it: its last day is before `today` (the
    /// store's current business date).
    pub fn is_over(self, today: Date) -> bool {
        self.last_day() < today
    }

    /// The periods that must be closed before this one (the days of a month, the months of a
    /// year), as the text of each, given the business dates that have documents (dates
    /// outside the period are ignored). A day has none.
    pub fn parts_with_documents(self, dates: &[String]) -> Vec<String> {
        let cut = match self {
            Period::Day(_) => return Vec::new(),
            Period::Month(_) => 10,
            Period::Year(_) => 7,
        };
        let (first, last) = (self.first_day().to_string(), self.last_day().to_string());
        let mut parts: Vec<String> = dates
            .iter()
            .filter(|d| **d >= first && **d <= last)
            .filter_map(|d| d.get(..cut))
            .map(str::to_owned)
            .collect();
        parts.sort();
        parts.dedup();
        parts
    }
}

/// The periods in `needed` that are not in `closed`, in order.
pub fn unclosed(needed: &[String], closed: &[String]) -> Vec<String> {
    needed
        .iter()
        .filter(|p| !closed.contains(p))
        .cloned()
        .collect()
}

/// What the documents of one kind and status add up to (one row of a grouped query).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocumentGroup {
    /// Returns (true) or sales.
    pub is_return: bool,
    /// Cancelled (true) or completed.
    pub cancelled: bool,
    /// How many documents.
    pub count: i64,
    /// Sum of line prices before discounts.
    pub subtotal: i64,
    /// Sum of discounts.
    pub discounts: i64,
    /// Sum of totals without tax.
    pub total_excl_tax: i64,
    /// Sum of tax.
    pub tax: i64,
    /// Sum of totals (what customers owed; negative for returns).
    pub total: i64,
    /// Sum of cash rounding.
    pub rounding: i64,
}

/// The sales figures of a report (X, Z or a period closure). Cancelled documents are only
/// counted; every amount is over completed documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocumentTotals {
    /// Completed sales.
    pub sales_count: i64,
    /// Completed returns.
    pub returns_count: i64,
    /// Cancelled sales and returns.
    pub cancellations_count: i64,
    /// Completed sales' line prices before discounts, as priced (tax included in a
    /// tax-inclusive store).
    pub gross_sales: i64,
    /// Discounts given on completed sales.
    pub discounts: i64,
    /// Completed sales' totals.
    pub sales_total: i64,
    /// Completed returns' totals (zero or negative).
    pub returns_total: i64,
    /// Sales plus returns: the period total, tax included.
    pub net_total: i64,
    /// The same without tax.
    pub total_excl_tax: i64,
    /// Tax collected, net of returns.
    pub tax_total: i64,
    /// Cash rounding (what was charged minus the exact totals).
    pub rounding: i64,
}

impl DocumentTotals {
    /// Adds up grouped documents; `None` when a sum does not fit in 64 bits.
    pub fn from_groups(groups: &[DocumentGroup]) -> Option<DocumentTotals> {
        fn add(a: &mut i64, b: i64) -> Option<()> {
            *a = a.checked_add(b)?;
            Some(())
        }
        let mut t = DocumentTotals::default();
        for g in groups {
            if g.cancelled {
                add(&mut t.cancellations_count, g.count)?;
                continue;
            }
            if g.is_return {
                add(&mut t.returns_count, g.count)?;
                add(&mut t.returns_total, g.total)?;
            } else {
                add(&mut t.sales_count, g.count)?;
                add(&mut t.gross_sales, g.subtotal)?;
                add(&mut t.discounts, g.discounts)?;
                add(&mut t.sales_total, g.total)?;
            }
            add(&mut t.total_excl_tax, g.total_excl_tax)?;
            add(&mut t.tax_total, g.tax)?;
            add(&mut t.rounding, g.rounding)?;
        }
        t.net_total = t.sales_total.checked_add(t.returns_total)?;
        t.tendered()?;
        Some(t)
    }

    /// What the tenders of these documents must add up to: totals plus cash rounding.
    pub fn tendered(&self) -> Option<i64> {
        self.net_total.checked_add(self.rounding)
    }
}

/// A drawer's cash movements over a session, summed by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DrawerMovements {
    /// The float counted at opening.
    pub opening_float: i64,
    /// Cash tenders, net of change given.
    pub cash_taken: i64,
    /// Cash put in (paid-ins).
    pub paid_in: i64,
    /// Cash paid out.
    pub paid_out: i64,
    /// Cash taken to the safe.
    pub drops: i64,
}

impl DrawerMovements {
    /// Cash that should be in the drawer: float, cash taken and paid-ins, less paid-outs and
    /// drops; `None` when the figures do not add up in 64 bits.
    pub fn expected_cash(&self) -> Option<i64> {
        self.opening_float
            .checked_add(self.cash_taken)?
            .checked_add(self.paid_in)?
            .checked_sub(self.paid_out)?
            .checked_sub(self.drops)
    }
}

/// Counted minus expected: positive is over, negative is short; `None` when it does not fit.
pub fn over_short(counted: i64, expected: i64) -> Option<i64> {
    counted.checked_sub(expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn periods_parse_with_their_bounds() {
        let cases = [
            (
                ClosureKind::Day,
                "2026-11-27",
                "2026-11-27",
                "2026-11-27",
                "2026-11-27",
            ),
            (
                ClosureKind::Month,
                "2026-02",
                "2026-02",
                "2026-02-01",
                "2026-02-28",
            ),
            (
                ClosureKind::Month,
                "2028-02",
                "2028-02",
                "2028-02-01",
                "2028-02-29",
            ),
            (
                ClosureKind::Month,
                " 2026-12 ",
                "2026-12",
                "2026-12-01",
                "2026-12-31",
            ),
            (
                ClosureKind::Year,
                "2026",
                "2026",
                "2026-01-01",
                "2026-12-31",
            ),
        ];
        for (kind, input, text, first, last) in cases {
            let p = Period::parse(kind, input).unwrap();
            assert_eq!(p.kind(), kind, "{input}");
            assert_eq!(p.text(), text, "{input}");
            assert_eq!(p.first_day(), d(first), "{input}");
            assert_eq!(p.last_day(), d(last), "{input}");
        }
    }

    #[test]
    fn malformed_periods_are_refused() {
        let cases = [
            (ClosureKind::Day, "2026-11"),
            (ClosureKind::Day, "2026-02-30"),
            (ClosureKind::Day, "2026-1-27"),
            (ClosureKind::Day, "26-11-27"),
            (ClosureKind::Day, "2026-11-27-1"),
            (ClosureKind::Month, "2026-13"),
            (ClosureKind::Month, "2026-11-01"),
            (ClosureKind::Month, "2026"),
            (ClosureKind::Year, "26"),
            (ClosureKind::Year, "2026-01"),
            (ClosureKind::Year, "+2026"),
            (ClosureKind::Z, "2026"),
            (ClosureKind::Day, ""),
        ];
        for (kind, input) in cases {
            assert!(Period::parse(kind, input).is_err(), "{kind:?} {input:?}");
        }
    }

    #[test]
    fn a_period_is_over_only_after_its_last_day() {
        let cases = [
            (ClosureKind::Day, "2026-11-27", "2026-11-27", false),
            (ClosureKind::Day, "2026-11-27", "2026-11-28", true),
            (ClosureKind::Month, "2026-11", "2026-11-30", false),
            (ClosureKind::Month, "2026-11", "2026-12-01", true),
            (ClosureKind::Year, "2026", "2026-12-31", false),
            (ClosureKind::Year, "2026", "2027-01-01", true),
            (ClosureKind::Day, "2027-01-01", "2026-12-31", false),
        ];
        for (kind, period, today, over) in cases {
            let p = Period::parse(kind, period).unwrap();
            assert_eq!(p.is_over(d(today)), over, "{period} on {today}");
        }
    }

    #[test]
    fn a_month_needs_its_days_with_documents_closed_and_a_year_its_months() {
        let dates: Vec<String> = ["2026-11-03", "2026-11-01", "2026-11-03", "2026-12-24"]
            .map(String::from)
            .to_vec();
        let month = Period::parse(ClosureKind::Month, "2026-11").unwrap();
        assert_eq!(
            month.parts_with_documents(&dates),
            ["2026-11-01", "2026-11-03"]
        );
        let year = Period::parse(ClosureKind::Year, "2026").unwrap();
        assert_eq!(year.parts_with_documents(&dates), ["2026-11", "2026-12"]);
        let day = Period::parse(ClosureKind::Day, "2026-11-03").unwrap();
        assert!(day.parts_with_documents(&dates).is_empty());
        let needed = ["2026-11-01", "2026-11-03"].map(String::from);
        let closed = ["2026-11-03", "2026-11-04"].map(String::from);
        assert_eq!(unclosed(&needed, &closed), ["2026-11-01"]);
        assert!(unclosed(&needed, &needed).is_empty());
    }

    #[test]
    fn kinds_round_trip_and_name_their_journal_entry() {
        for (kind, text, journal) in [
            (ClosureKind::Z, "z", "z_closure"),
            (ClosureKind::Day, "day", "day_closure"),
            (ClosureKind::Month, "month", "month_closure"),
            (ClosureKind::Year, "year", "year_closure"),
        ] {
            assert_eq!(kind.as_str(), text);
            assert_eq!(ClosureKind::parse(text), Some(kind));
            assert_eq!(kind.journal_kind(), journal);
        }
        assert_eq!(ClosureKind::parse("week"), None);
    }

    fn group(is_return: bool, cancelled: bool, count: i64, total: i64) -> DocumentGroup {
        DocumentGroup {
            is_return,
            cancelled,
            count,
            subtotal: total + count * 10,
            discounts: count * 10,
            total_excl_tax: total - total / 20,
            tax: total / 20,
            total,
            rounding: -count,
        }
    }

    #[test]
    fn documents_add_up_by_kind_and_status() {
        let cases: [(&[DocumentGroup], DocumentTotals); 3] = [
            (&[], DocumentTotals::default()),
            (
                &[group(false, false, 3, 6000), group(true, false, 1, -1000)],
                DocumentTotals {
                    sales_count: 3,
                    returns_count: 1,
                    cancellations_count: 0,
                    gross_sales: 6030,
                    discounts: 30,
                    sales_total: 6000,
                    returns_total: -1000,
                    net_total: 5000,
                    total_excl_tax: 5700 - 950,
                    tax_total: 300 - 50,
                    rounding: -4,
                },
            ),
            (
                // Cancelled documents are counted and add nothing.
                &[
                    group(false, true, 2, 999),
                    group(true, true, 1, -999),
                    group(false, false, 1, 100),
                ],
                DocumentTotals {
                    sales_count: 1,
                    returns_count: 0,
                    cancellations_count: 3,
                    gross_sales: 110,
                    discounts: 10,
                    sales_total: 100,
                    returns_total: 0,
                    net_total: 100,
                    total_excl_tax: 95,
                    tax_total: 5,
                    rounding: -1,
                },
            ),
        ];
        for (groups, expected) in cases {
            let t = DocumentTotals::from_groups(groups).unwrap();
            assert_eq!(t, expected);
            assert_eq!(t.tendered(), Some(t.net_total + t.rounding));
        }
        let max = DocumentGroup {
            total: i64::MAX,
            ..group(false, false, 1, 0)
        };
        let huge = [max, group(false, false, 1, 1)];
        assert_eq!(DocumentTotals::from_groups(&huge), None);
    }

    #[test]
    fn expected_cash_and_over_short() {
        let cases = [
            // float, cash taken, paid in, paid out, drops, expected
            (10_000, 0, 0, 0, 0, 10_000),
            (10_000, 1_620, 0, 0, 0, 11_620),
            (10_000, 1_620, 500, 300, 5_000, 6_820),
            (0, -1_000, 0, 0, 0, -1_000),
        ];
        for (float, cash, paid_in, paid_out, drops, expected) in cases {
            let m = DrawerMovements {
                opening_float: float,
                cash_taken: cash,
                paid_in,
                paid_out,
                drops,
            };
            assert_eq!(m.expected_cash(), Some(expected));
        }
        assert_eq!(over_short(6_800, 6_820), Some(-20));
        assert_eq!(over_short(6_830, 6_820), Some(10));
        assert_eq!(over_short(6_820, 6_820), Some(0));
        let huge = DrawerMovements {
            opening_float: 10_000,
            cash_taken: i64::MAX,
            paid_in: 0,
            paid_out: 0,
            drops: 0,
        };
        assert_eq!(huge.expected_cash(), None);
        assert_eq!(over_short(i64::MIN, 1), None);
    }
}
