//! The arithmetic of a stock count: what a counted item's variance is, and what it is worth
//! at cost. Pure: the counted and expected quantities come from the count's lines.

/// How to treat the items of a count's scope that nobody counted, when it is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Uncounted {
    /// Leave their stock as it is (listed in the report).
    #[default]
    Leave,
    /// Count them as zero: their whole stock at the location goes.
    Zero,
}

impl Uncounted {
    /// The stable text form (`leave`, `zero`).
    pub fn as_str(self) -> &'static str {
        match self {
            Uncounted::Leave => "leave",
            Uncounted::Zero => "zero",
        }
    }

    /// Reads the text form.
    pub fn parse(s: &str) -> Option<Uncounted> {
        match s {
            "leave" => Some(Uncounted::Leave),
            "zero" => Some(Uncounted::Zero),
            _ => None,
        }
    }
}

/// The variance of a counted item in thousandths: what was counted minus what was on hand at
/// the location when it was counted (so sales made after it was counted do not show as a
/// loss). None on overflow.
pub fn variance(counted: i64, on_hand_when_counted: i64) -> Option<i64> {
    counted.checked_sub(on_hand_when_counted)
}

/// The value at cost of a quantity in thousandths, at `unit_cost` minor units per unit,
/// rounded half away from zero to minor units. None when it does not fit.
pub fn value_at_cost(quantity_milli: i64, unit_cost: i64) -> Option<i64> {
    let product = i128::from(quantity_milli).checked_mul(i128::from(unit_cost))?;
    let whole = product / 1000;
    let rest = product % 1000;
    let rounded = if rest.abs() * 2 >= 1000 {
        whole + product.signum()
    } else {
        whole
    };
    i64::try_from(rounded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variance_is_counted_minus_on_hand_when_counted() {
        for (counted, expected, variance_milli) in [
            (8_000, 10_000, -2_000),
            (10_000, 10_000, 0),
            (12_500, 10_000, 2_500),
            (0, -3_000, 3_000),
        ] {
            assert_eq!(variance(counted, expected), Some(variance_milli));
        }
        assert_eq!(variance(i64::MIN, 1), None);
    }

    #[test]
    fn values_at_cost_round_half_away_from_zero() {
        for (qty, cost, value) in [
            (-2_000, 450, -900),
            (1_000, 199, 199),
            (250, 1_299, 325),   // 324.75
            (-250, 1_299, -325), // -324.75
            (1, 1_500, 2),       // 1.5
            (1, 1_499, 1),       // 1.499
            (-1, 1_500, -2),
            (0, 999, 0),
        ] {
            assert_eq!(value_at_cost(qty, cost), Some(value), "{qty} x {cost}");
        }
        assert_eq!(value_at_cost(i64::MAX, i64::MAX), None);
    }

    #[test]
    fn the_uncounted_policy_reads_back_its_text() {
        for u in [Uncounted::Leave, Uncounted::Zero] {
            assert_eq!(Uncounted::parse(u.as_str()), Some(u));
        }
        assert_eq!(Uncounted::parse("drop"), None);
        assert_eq!(Uncounted::default(), Uncounted::Leave);
    }
}
