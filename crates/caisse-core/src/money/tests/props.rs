//! Invariants checked on random inputs.

use proptest::prelude::*;
use rust_decimal::RoundingStrategy;

use super::*;

fn any_locale() -> impl Strategy<Value = Locale> {
    prop::sample::select(Locale::ALL.to_vec())
}

fn any_currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec![
        Currency::EUR,
        Currency::USD,
        Currency::GBP,
        Currency::CHF,
        Currency::JPY,
        Currency::BHD,
        cur("CLF"),
        cur("SEK"),
        cur("KWD"),
    ])
}

fn any_rounding() -> impl Strategy<Value = Rounding> {
    prop::sample::select(vec![
        Rounding::HalfUp,
        Rounding::HalfEven,
        Rounding::Down,
        Rounding::Up,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Parts add up to the whole, keep its sign, and each is within one minor unit of its
    /// exact share.
    #[test]
    fn allocation_adds_up_and_is_fair(
        whole in any::<i64>(),
        weights in prop::collection::vec(0u64..1_000_000_000_000, 1..8),
    ) {
        let total_weight: u64 = weights.iter().sum();
        prop_assume!(total_weight > 0);
        let parts = m(whole, Currency::EUR).allocate(&weights);
        prop_assert!(parts.is_ok());
        let parts = parts.unwrap_or_default();
        prop_assert_eq!(parts.len(), weights.len());
        let sum: i128 = parts.iter().map(|p| i128::from(p.minor())).sum();
        prop_assert_eq!(sum, i128::from(whole));
        for (part, &weight) in parts.iter().zip(&weights) {
            prop_assert_eq!(part.currency(), Currency::EUR);
            prop_assert!(part.minor() == 0 || (part.minor() < 0) == (whole < 0));
            // |part - whole * w / W| < 1, multiplied through by W.
            let gap = i128::from(part.minor()) * i128::from(total_weight)
                - i128::from(whole) * i128::from(weight);
            prop_assert!(gap.abs() < i128::from(total_weight), "part {:?} weight {}", part, weight);
        }
    }

    /// Splitting evenly is allocating with equal weights.
    #[test]
    fn allocate_evenly_is_equal_weights(whole in any::<i64>(), parts in 1usize..20) {
        let money = m(whole, Currency::EUR);
        prop_assert_eq!(money.allocate_evenly(parts), money.allocate(&vec![1; parts]));
    }

    /// What the till prints, the till reads back, in every locale and currency.
    #[test]
    fn format_then_parse_round_trips(
        minor in any::<i64>(),
        currency in any_currency(),
        locale in any_locale(),
    ) {
        let money = m(minor, currency);
        let text = money.format(locale);
        prop_assert_eq!(Money::parse(&text, currency, locale), Ok(money), "{}", text);
        let number = money.format_number(locale);
        prop_assert_eq!(Money::parse(&number, currency, locale), Ok(money), "{}", number);
        let plain = format_plain_number(minor, currency.minor_digits(), locale);
        prop_assert_eq!(Money::parse(&plain, currency, locale), Ok(money), "{}", plain);
    }

    /// Amounts typed in the usual everyday range read back in every locale.
    #[test]
    fn small_amounts_round_trip(minor in -10_000_000i64..10_000_000, locale in any_locale()) {
        let money = m(minor, Currency::EUR);
        prop_assert_eq!(Money::parse(&money.format(locale), Currency::EUR, locale), Ok(money));
    }

    /// Decimal conversions are exact both ways.
    #[test]
    fn decimal_round_trip(minor in any::<i64>(), currency in any_currency()) {
        let money = m(minor, currency);
        prop_assert_eq!(
            Money::from_decimal(money.to_decimal(), currency, Rounding::Down),
            Ok(money)
        );
    }

    /// Multiplying by a decimal agrees with rust_decimal where its product is exact.
    #[test]
    fn mul_decimal_matches_decimal_arithmetic(
        minor in -1_000_000_000_000i64..1_000_000_000_000,
        mantissa in -1_000_000_000i64..1_000_000_000,
        scale in 0u32..10,
        rounding in any_rounding(),
    ) {
        let factor = Decimal::new(mantissa, scale);
        let strategy = match rounding {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Down => RoundingStrategy::ToZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
        };
        let expected = (Decimal::from(minor) * factor).round_dp_with_strategy(0, strategy);
        let expected = i64::try_from(expected)
            .map(|v| m(v, Currency::EUR))
            .map_err(|_| MoneyError::Overflow);
        prop_assert_eq!(m(minor, Currency::EUR).mul_decimal(factor, rounding), expected);
    }

    /// A price times a quantity is the same as times its decimal value.
    #[test]
    fn mul_quantity_matches_mul_decimal(
        minor in any::<i64>(),
        milli in -100_000_000i64..100_000_000,
        rounding in any_rounding(),
    ) {
        let quantity = Quantity::from_milli(milli);
        let money = m(minor, Currency::EUR);
        prop_assert_eq!(
            money.mul_quantity(quantity, rounding),
            money.mul_decimal(quantity.to_decimal(), rounding)
        );
    }

    /// Quantities survive their JSON string, their canonical text and what people type.
    #[test]
    fn quantity_text_round_trips(milli in any::<i64>(), locale in any_locale()) {
        let quantity = Quantity::from_milli(milli);
        prop_assert_eq!(quantity.to_string().parse::<Quantity>(), Ok(quantity));
        let json = serde_json::to_string(&quantity).unwrap_or_default();
        prop_assert_eq!(serde_json::from_str::<Quantity>(&json).ok(), Some(quantity));
        prop_assert_eq!(Quantity::from_decimal(quantity.to_decimal()), Ok(quantity));
        let shown = quantity.format(locale);
        prop_assert_eq!(Quantity::parse(&shown, locale), Ok(quantity), "{}", shown);
    }

    /// Whatever is typed, parsing never panics, and an accepted amount prints back to an
    /// input that parses to the same amount.
    #[test]
    fn parse_never_panics(input in "[-+ 0-9.,€$a-zA-Z\u{00A0}\u{202F}]{0,24}", locale in any_locale()) {
        if let Ok(money) = Money::parse(&input, Currency::EUR, locale) {
            prop_assert_eq!(Money::parse(&money.format(locale), Currency::EUR, locale), Ok(money));
        }
        let _ = Quantity::parse(&input, locale);
        let _ = input.parse::<Quantity>();
    }
}
