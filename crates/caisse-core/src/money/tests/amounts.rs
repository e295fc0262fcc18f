use super::*;

const EUR: Currency = Currency::EUR;

fn minors(parts: &[Money]) -> Vec<i64> {
    parts.iter().map(Money::minor).collect()
}

#[test]
fn add_sub_mul_neg() {
    assert_eq!(m(150, EUR).checked_add(m(275, EUR)), Ok(m(425, EUR)));
    assert_eq!(m(150, EUR).checked_sub(m(275, EUR)), Ok(m(-125, EUR)));
    assert_eq!(m(199, EUR).checked_mul_int(3), Ok(m(597, EUR)));
    assert_eq!(m(199, EUR).checked_mul_int(-2), Ok(m(-398, EUR)));
    assert_eq!(m(199, EUR).neg(), m(-199, EUR));
    assert_eq!(-m(-199, EUR), m(199, EUR));
    assert_eq!(m(-199, EUR).checked_neg(), Ok(m(199, EUR)));
    assert_eq!(m(-199, EUR).checked_abs(), Ok(m(199, EUR)));
    assert_eq!(Money::zero(EUR), m(0, EUR));
    assert!(Money::zero(EUR).is_zero());
    assert!(m(-1, EUR).is_negative() && !m(-1, EUR).is_positive());
    assert_eq!(
        Money::checked_sum(EUR, [m(100, EUR), m(250, EUR), m(-50, EUR)]),
        Ok(m(300, EUR))
    );
    assert_eq!(Money::checked_sum(EUR, []), Ok(m(0, EUR)));
}

#[test]
fn overflow_is_an_error_never_a_wrap() {
    let max = m(i64::MAX, EUR);
    let min = m(i64::MIN, EUR);
    let overflow = Err("amount_overflow");
    assert_eq!(max.checked_add(m(1, EUR)).map_err(|e| e.code()), overflow);
    assert_eq!(min.checked_sub(m(1, EUR)).map_err(|e| e.code()), overflow);
    assert_eq!(max.checked_mul_int(2).map_err(|e| e.code()), overflow);
    assert_eq!(min.checked_mul_int(-1).map_err(|e| e.code()), overflow);
    assert_eq!(min.checked_neg().map_err(|e| e.code()), overflow);
    assert_eq!(min.checked_abs().map_err(|e| e.code()), overflow);
    assert_eq!(
        min.neg(),
        max,
        "neg saturates on the one value without an opposite"
    );
    assert_eq!(
        max.mul_decimal(dec("1.0000000001"), Rounding::Down)
            .map_err(|e| e.code()),
        overflow
    );
    assert_eq!(
        max.mul_quantity(Quantity::from_milli(1001), Rounding::Down)
            .map_err(|e| e.code()),
        overflow
    );
    assert_eq!(
        Money::from_decimal(Decimal::MAX, EUR, Rounding::HalfUp).map_err(|e| e.code()),
        overflow
    );
    assert_eq!(
        Money::from_decimal(dec("92233720368547758.075"), EUR, Rounding::HalfUp)
            .map_err(|e| e.code()),
        overflow
    );
    assert_eq!(
        Money::checked_sum(EUR, [max, m(1, EUR)]).map_err(|e| e.code()),
        overflow
    );
    // The extremes themselves are fine.
    assert_eq!(max.mul_decimal(Decimal::ONE, Rounding::HalfUp), Ok(max));
    assert_eq!(min.mul_decimal(Decimal::ONE, Rounding::HalfUp), Ok(min));
    assert_eq!(
        max.mul_decimal(Decimal::NEGATIVE_ONE, Rounding::HalfUp),
        Ok(m(-i64::MAX, EUR))
    );
    assert_eq!(min.mul_quantity(Quantity::ONE, Rounding::HalfUp), Ok(min));
}

#[test]
fn currencies_never_mix() {
    let mismatch = Err(MoneyError::CurrencyMismatch {
        left: EUR,
        right: Currency::USD,
    });
    assert_eq!(m(100, EUR).checked_add(m(100, Currency::USD)), mismatch);
    assert_eq!(m(100, EUR).checked_sub(m(100, Currency::USD)), mismatch);
    assert_eq!(
        Money::checked_sum(EUR, [m(1, EUR), m(1, Currency::USD)]),
        mismatch
    );
    assert_eq!(
        m(1, EUR)
            .checked_add(m(1, Currency::USD))
            .map_err(|e| e.code()),
        Err("currency_mismatch")
    );
}

#[test]
fn mul_decimal_rounds_as_asked() {
    // 25 cents times 0.5 is 12.5 cents; -25 cents gives -12.5.
    let table = [
        (25, "0.5", Rounding::HalfUp, 13),
        (-25, "0.5", Rounding::HalfUp, -13),
        (25, "-0.5", Rounding::HalfUp, -13),
        (25, "0.5", Rounding::HalfEven, 12),
        (-25, "0.5", Rounding::HalfEven, -12),
        (35, "0.5", Rounding::HalfEven, 18),
        (25, "0.5", Rounding::Down, 12),
        (-25, "0.5", Rounding::Down, -12),
        (25, "0.5", Rounding::Up, 13),
        (-25, "0.5", Rounding::Up, -13),
        (1999, "0.20", Rounding::HalfUp, 400), // VAT 20 % of 19.99
        (1000, "0.055", Rounding::HalfUp, 55),
        (1001, "0.001", Rounding::Up, 2),
        (1001, "0.001", Rounding::Down, 1),
        (1001, "0.001", Rounding::HalfUp, 1),
        (100, "0", Rounding::Up, 0),
        (0, "123.456", Rounding::Up, 0),
        (7, "1", Rounding::HalfEven, 7),
    ];
    for (minor, factor, rounding, expected) in table {
        assert_eq!(
            m(minor, EUR).mul_decimal(dec(factor), rounding),
            Ok(m(expected, EUR)),
            "{minor} x {factor} {rounding:?}"
        );
    }
}

#[test]
fn mul_decimal_is_exact_beyond_28_digits() {
    // (10^17 + 1) x (0.5 - 10^-28) = 50000000000000000.49999999998999...: just below one half,
    // 45 significant digits. Rounding it to 28 significant digits first would land on .5.
    let factor = dec("0.4999999999999999999999999999");
    let amount = m(100_000_000_000_000_001, EUR);
    assert_eq!(
        amount.mul_decimal(factor, Rounding::HalfUp),
        Ok(m(50_000_000_000_000_000, EUR))
    );
    assert_eq!(
        amount.mul_decimal(factor, Rounding::Up),
        Ok(m(50_000_000_000_000_001, EUR))
    );
}

#[test]
fn mul_quantity_prices_weighed_goods() {
    // 3.99 €/kg x 1.250 kg = 4.9875 €.
    let kilo_price = m(399, EUR);
    let weight = Quantity::from_milli(1250);
    assert_eq!(
        kilo_price.mul_quantity(weight, Rounding::HalfUp),
        Ok(m(499, EUR))
    );
    assert_eq!(
        kilo_price.mul_quantity(weight, Rounding::Down),
        Ok(m(498, EUR))
    );
    let returned = Quantity::from_milli(-1250);
    assert_eq!(
        kilo_price.mul_quantity(returned, Rounding::HalfUp),
        Ok(m(-499, EUR))
    );
    assert_eq!(
        m(250, Currency::JPY).mul_quantity(Quantity::from_milli(3), Rounding::HalfEven),
        Ok(m(1, Currency::JPY)) // 0.75 yen
    );
}

#[test]
fn decimal_conversions() {
    let table = [
        ("0.125", EUR, Rounding::HalfUp, 13),
        ("-0.125", EUR, Rounding::HalfUp, -13),
        ("0.125", EUR, Rounding::HalfEven, 12),
        ("-0.125", EUR, Rounding::HalfEven, -12),
        ("0.135", EUR, Rounding::HalfEven, 14),
        ("0.129", EUR, Rounding::Down, 12),
        ("-0.129", EUR, Rounding::Down, -12),
        ("0.121", EUR, Rounding::Up, 13),
        ("-0.121", EUR, Rounding::Up, -13),
        ("12.34", EUR, Rounding::Down, 1234),
        ("12", EUR, Rounding::Down, 1200),
        ("1234.5", Currency::JPY, Rounding::HalfEven, 1234),
        ("1234.5", Currency::JPY, Rounding::HalfUp, 1235),
        ("1.2345", Currency::BHD, Rounding::HalfUp, 1235),
        ("0.00005", cur("CLF"), Rounding::HalfUp, 1),
    ];
    for (text, currency, rounding, expected) in table {
        assert_eq!(
            Money::from_decimal(dec(text), currency, rounding),
            Ok(m(expected, currency)),
            "{text} {currency} {rounding:?}"
        );
    }
    assert_eq!(m(1234, EUR).to_decimal(), dec("12.34"));
    assert_eq!(m(-5, EUR).to_decimal().to_string(), "-0.05");
    assert_eq!(m(1235, Currency::JPY).to_decimal(), dec("1235"));
    assert_eq!(m(1, Currency::BHD).to_decimal().to_string(), "0.001");
}

#[test]
fn allocation_table() {
    let table: &[(i64, &[u64], &[i64])] = &[
        (100, &[1, 1, 1], &[34, 33, 33]),
        (5, &[1, 1, 1], &[2, 2, 1]),
        (-100, &[1, 1, 1], &[-34, -33, -33]),
        (-5, &[1, 1, 1], &[-2, -2, -1]),
        (100, &[1, 2, 3], &[17, 33, 50]),
        (3, &[0, 1, 1], &[0, 2, 1]),
        (1, &[0, 0, 5], &[0, 0, 1]),
        (0, &[1, 2], &[0, 0]),
        (10, &[3, 7], &[3, 7]),
        (2, &[1, 1, 1, 1], &[1, 1, 0, 0]),
        (1000, &[1], &[1000]),
        (i64::MIN, &[1], &[i64::MIN]),
        (i64::MIN, &[1, 1], &[i64::MIN / 2, i64::MIN / 2]),
        (i64::MAX, &[1, 1], &[i64::MAX / 2 + 1, i64::MAX / 2]),
        (
            i64::MAX,
            &[u64::MAX, u64::MAX],
            &[i64::MAX / 2 + 1, i64::MAX / 2],
        ),
    ];
    for &(whole, weights, expected) in table {
        let parts = m(whole, EUR).allocate(weights);
        assert_eq!(
            parts.as_deref().map(minors),
            Ok(expected.to_vec()),
            "{whole} {weights:?}"
        );
    }
    assert_eq!(
        m(100, EUR).allocate_evenly(3).as_deref().map(minors),
        Ok(vec![34, 33, 33])
    );
    let parts = m(7, Currency::JPY).allocate_evenly(2);
    assert_eq!(
        parts,
        Ok(vec![m(4, Currency::JPY), m(3, Currency::JPY)]),
        "parts keep the currency"
    );
}

#[test]
fn allocation_needs_parts_with_weight() {
    for weights in [&[][..], &[0][..], &[0, 0, 0][..]] {
        assert_eq!(
            m(100, EUR).allocate(weights).map_err(|e| e.code()),
            Err("invalid_allocation"),
            "{weights:?}"
        );
    }
    assert_eq!(
        m(100, EUR).allocate_evenly(0).map_err(|e| e.code()),
        Err("invalid_allocation")
    );
}
