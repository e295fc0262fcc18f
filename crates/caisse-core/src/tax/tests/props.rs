//! Invariants of the tax arithmetic on random inputs.

use proptest::prelude::*;

use super::*;

fn any_rounding() -> impl Strategy<Value = Rounding> {
    prop::sample::select(vec![
        Rounding::HalfUp,
        Rounding::HalfEven,
        Rounding::Down,
        Rounding::Up,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Sales tax through `Money::mul_decimal` agrees with the exact integer fraction.
    #[test]
    fn sales_tax_matches_the_exact_fraction(
        net in -1_000_000_000_000i64..1_000_000_000_000,
        units in 0u32..10_000_000,
        rounding in any_rounding(),
    ) {
        let r = TaxRate::from_decimal(Decimal::new(i64::from(units), 4));
        prop_assert!(r.is_ok());
        let r = r.unwrap_or_default();
        let tax = tax_on_net(eur(net), r, rounding).map(|t| i128::from(t.minor()));
        let exact = round_ratio(i128::from(net) * i128::from(units), 1_000_000, rounding);
        prop_assert_eq!(tax.ok(), exact);
    }

    /// The tax extracted from a gross is the nearest minor unit to the exact share, and is
    /// symmetric for refunds.
    #[test]
    fn extracted_tax_is_nearest(
        gross in -1_000_000_000_000i64..1_000_000_000_000,
        units in 0u32..10_000_000,
    ) {
        let r = TaxRate::from_decimal(Decimal::new(i64::from(units), 4)).unwrap_or_default();
        let tax = tax_in_gross(eur(gross), r, Rounding::HalfUp).map(|t| i128::from(t.minor()));
        prop_assert!(tax.is_ok());
        let tax = tax.unwrap_or_default();
        // |tax - gross × u / (10^6 + u)| <= 1/2, multiplied through by the denominator.
        let den = 1_000_000 + i128::from(units);
        let gap = tax * den - i128::from(gross) * i128::from(units);
        prop_assert!(2 * gap.abs() <= den);
        let refund = tax_in_gross(eur(-gross), r, Rounding::HalfUp).map(|t| i128::from(t.minor()));
        prop_assert_eq!(refund, Ok(-tax));
    }

    /// Any rate the parser accepts prints back to a text that parses to the same rate.
    #[test]
    fn rate_text_round_trips(units in 0u32..10_000_000) {
        let r = TaxRate::from_decimal(Decimal::new(i64::from(units), 4));
        prop_assert!(r.is_ok());
        let r = r.unwrap_or_default();
        prop_assert_eq!(r.units(), units);
        prop_assert_eq!(TaxRate::parse(&r.to_string()), Ok(r));
        prop_assert_eq!(TaxRate::parse(&r.to_fixed2()), Ok(r));
    }
}
