//! The arithmetic of the inventory reports, in integers only: stock value at cost, ratios in
//! basis points, average daily sales and days of cover. Quantities are thousandths of the
//! item's unit (`Quantity`), money is minor units; every division rounds half away from zero
//! and says so.

/// Divides rounding half away from zero (`den` > 0).
fn div_round(num: i128, den: i128) -> i128 {
    let half = den / 2;
    if num >= 0 {
        (num + half) / den
    } else {
        (num - half) / den
    }
}

fn clamp(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// What `quantity` thousandths of an item are worth at `unit_cost` minor units per unit
/// (a negative quantity gives a negative value: stock sold that was never booked in).
pub fn value_at_cost(quantity_milli: i64, unit_cost: i64) -> i64 {
    clamp(div_round(
        i128::from(quantity_milli) * i128::from(unit_cost),
        1000,
    ))
}

/// `part / whole` in basis points (1 % = 100), or None when `whole` is zero or less.
pub fn ratio_bp(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| clamp(div_round(i128::from(part) * 10_000, i128::from(whole))))
}

/// The average sold per day over `days` days, thousandths (`sold_milli` over the window).
pub fn average_daily(sold_milli: i64, days: i64) -> i64 {
    if days <= 0 {
        return 0;
    }
    clamp(div_round(i128::from(sold_milli), i128::from(days)))
}

/// How many days `on_hand` lasts at the rate of `sold` over `days`, in tenths of a day:
/// 0 when nothing is on hand, None when nothing sold (it lasts for ever at that rate).
pub fn days_of_cover_tenths(on_hand_milli: i64, sold_milli: i64, days: i64) -> Option<i64> {
    if on_hand_milli <= 0 {
        return Some(0);
    }
    if sold_milli <= 0 || days <= 0 {
        return None;
    }
    Some(clamp(div_round(
        i128::from(on_hand_milli) * i128::from(days) * 10,
        i128::from(sold_milli),
    )))
}

/// Tenths as a decimal string: 125 -> "12.5", -5 -> "-0.5".
pub fn tenths_text(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    format!("{sign}{}.{}", abs / 10, abs % 10)
}

/// Basis points as a percentage string with two decimals: 3333 -> "33.33".
pub fn bp_percent_text(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let abs = bp.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Minor units as a plain decimal string with the currency's digits: (1234, 2) -> "12.34",
/// (-5, 2) -> "-0.05", (150, 0) -> "150".
pub fn minor_text(amount: i64, digits: u32) -> String {
    if digits == 0 {
        return amount.to_string();
    }
    let sign = if amount < 0 { "-" } else { "" };
    let abs = amount.unsigned_abs();
    let unit = 10u64.pow(digits);
    let width = usize::try_from(digits).unwrap_or(2);
    format!("{sign}{}.{:0width$}", abs / unit, abs % unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_at_cost_rounds_half_away_from_zero() {
        // (quantity in thousandths, unit cost in cents, value in cents)
        let cases = [
            (12_000, 150, 1_800), // 12 × 1.50 = 18.00
            (1_500, 999, 1_499),  // 1.5 kg × 9.99 = 14.985 -> 14.99 (half up)
            (250, 1_002, 251),    // 0.25 × 10.02 = 2.505 -> 2.51
            (-2_000, 150, -300),  // two sold that were never booked in
            (-250, 1_002, -251),  // half away from zero below zero too
            (333, 1, 0),          // 0.333 × 0.01 = 0.00333 -> 0.00
            (0, 12_345, 0),
        ];
        for (q, cost, want) in cases {
            assert_eq!(value_at_cost(q, cost), want, "{q} × {cost}");
        }
        assert_eq!(value_at_cost(i64::MAX, i64::MAX), i64::MAX, "saturates");
    }

    #[test]
    fn ratios_are_basis_points_and_none_without_a_whole() {
        assert_eq!(ratio_bp(1, 3), Some(3_333));
        assert_eq!(ratio_bp(2, 3), Some(6_667));
        assert_eq!(ratio_bp(5, 5), Some(10_000));
        assert_eq!(ratio_bp(7, 5), Some(14_000));
        assert_eq!(ratio_bp(3, 0), None);
        assert_eq!(ratio_bp(3, -1), None);
        assert_eq!(bp_percent_text(3_333), "33.33");
        assert_eq!(bp_percent_text(5), "0.05");
        assert_eq!(bp_percent_text(-150), "-1.50");
        assert_eq!(minor_text(1_234, 2), "12.34");
        assert_eq!(minor_text(-5, 2), "-0.05");
        assert_eq!(minor_text(150, 0), "150");
        assert_eq!(minor_text(1_005, 3), "1.005");
    }

    #[test]
    fn days_of_cover_follow_the_rate_of_sale() {
        // 10 on hand, 28 sold in 28 days: 1 a day, 10 days.
        assert_eq!(days_of_cover_tenths(10_000, 28_000, 28), Some(100));
        // 5 on hand, 3 sold in 7 days: 5 × 7 / 3 = 11.67 days -> 11.7.
        assert_eq!(days_of_cover_tenths(5_000, 3_000, 7), Some(117));
        // 0.750 kg, 2.5 kg sold in 28 days: 0.75 × 28 / 2.5 = 8.4 days.
        assert_eq!(days_of_cover_tenths(750, 2_500, 28), Some(84));
        assert_eq!(days_of_cover_tenths(0, 3_000, 7), Some(0));
        assert_eq!(days_of_cover_tenths(-2_000, 3_000, 7), Some(0));
        assert_eq!(days_of_cover_tenths(5_000, 0, 7), None, "nothing sold");
        assert_eq!(
            days_of_cover_tenths(5_000, -1_000, 7),
            None,
            "more returned than sold"
        );
        assert_eq!(tenths_text(117), "11.7");
        assert_eq!(tenths_text(-5), "-0.5");
        assert_eq!(average_daily(3_000, 7), 429);
        assert_eq!(average_daily(28_000, 28), 1_000);
        assert_eq!(average_daily(5, 0), 0);
    }
}
