use super::*;

use Locale::{DeDe, EnUs, FrFr};

fn q(milli: i64) -> Quantity {
    Quantity::from_milli(milli)
}

#[test]
fn parse_what_people_type() {
    let accepted = [
        ("1.25", EnUs, 1250),
        ("1,25", FrFr, 1250),
        ("1,25", EnUs, 1250),
        ("0,5", FrFr, 500),
        ("2", FrFr, 2000),
        ("-1", EnUs, -1000),
        ("1.250", EnUs, 1250),
        ("1,250", FrFr, 1250),
        // A comma and three digits is a thousands separator in en-US, a decimal one in fr-FR.
        ("1,250", EnUs, 1_250_000),
        ("1 000,5", FrFr, 1_000_500),
        ("1.000,5", DeDe, 1_000_500),
        ("0.001", EnUs, 1),
    ];
    for (input, locale, milli) in accepted {
        assert_eq!(
            Quantity::parse(input, locale),
            Ok(q(milli)),
            "{input:?} {locale}"
        );
    }
    let refused = [
        ("", EnUs, "invalid_quantity"),
        ("abc", FrFr, "invalid_quantity"),
        ("2 kg", FrFr, "invalid_quantity"),
        ("€2", EnUs, "invalid_quantity"),
        ("1.2.3", EnUs, "invalid_quantity"),
        ("1.2345", EnUs, "too_many_decimals"),
        ("0,0001", FrFr, "too_many_decimals"),
        ("99999999999999999999", EnUs, "amount_overflow"),
    ];
    for (input, locale, code) in refused {
        assert_eq!(
            Quantity::parse(input, locale).map_err(|e| e.code()),
            Err(code),
            "{input:?} {locale}"
        );
    }
}

#[test]
fn canonical_text_form() {
    let shown = [
        (1250, "1.250"),
        (-500, "-0.500"),
        (3000, "3.000"),
        (0, "0.000"),
        (1, "0.001"),
        (i64::MIN, "-9223372036854775.808"),
    ];
    for (milli, text) in shown {
        assert_eq!(q(milli).to_string(), text);
        assert_eq!(text.parse::<Quantity>(), Ok(q(milli)), "{text}");
    }
    let read = [("1.25", 1250), ("1", 1000), ("-0.5", -500), ("007", 7000)];
    for (text, milli) in read {
        assert_eq!(text.parse::<Quantity>(), Ok(q(milli)), "{text}");
    }
    let refused = [
        ("", "invalid_quantity"),
        ("-", "invalid_quantity"),
        ("1.", "invalid_quantity"),
        (".5", "invalid_quantity"),
        ("+1", "invalid_quantity"),
        ("1,5", "invalid_quantity"),
        ("1 000", "invalid_quantity"),
        ("1.2.3", "invalid_quantity"),
        ("--1", "invalid_quantity"),
        ("1e3", "invalid_quantity"),
        ("1.2345", "too_many_decimals"),
        ("9223372036854775.808", "amount_overflow"),
        (
            "99999999999999999999999999999999999999999",
            "amount_overflow",
        ),
    ];
    for (text, code) in refused {
        assert_eq!(
            text.parse::<Quantity>().map_err(|e| e.code()),
            Err(code),
            "{text:?}"
        );
    }
    assert_eq!(format!("{:?}", q(1250)), "Quantity(1.250)");
}

#[test]
fn format_for_people() {
    let table = [
        (2000, FrFr, "2"),
        (1250, FrFr, "1,25"),
        (1_234_500, EnUs, "1,234.5"),
        (1_234_500, FrFr, "1\u{202F}234,5"),
        (-500, DeDe, "-0,5"),
        (1, EnUs, "0.001"),
        (0, EnUs, "0"),
        (10_000, EnUs, "10"),
    ];
    for (milli, locale, text) in table {
        assert_eq!(q(milli).format(locale), text, "{milli} {locale}");
    }
}

#[test]
fn decimals_and_arithmetic() {
    assert_eq!(Quantity::from_decimal(dec("1.25")), Ok(q(1250)));
    assert_eq!(Quantity::from_decimal(dec("1.2500")), Ok(q(1250)));
    assert_eq!(Quantity::from_decimal(dec("-0.001")), Ok(q(-1)));
    assert_eq!(Quantity::from_decimal(dec("3")), Ok(q(3000)));
    assert_eq!(
        Quantity::from_decimal(dec("1.2345")),
        Err(MoneyError::TooManyDecimals {
            input: "1.2345".into(),
            max: 3
        })
    );
    assert_eq!(
        Quantity::from_decimal(Decimal::MAX).map_err(|e| e.code()),
        Err("amount_overflow")
    );
    assert_eq!(q(1250).to_decimal(), dec("1.25"));
    assert_eq!(q(1250).to_decimal().to_string(), "1.250");
    assert_eq!(Quantity::from_units(3), Ok(q(3000)));
    assert_eq!(
        Quantity::from_units(i64::MAX).map_err(|e| e.code()),
        Err("amount_overflow")
    );
    assert_eq!(q(1250).checked_add(q(750)), Ok(q(2000)));
    assert_eq!(q(1250).checked_sub(q(2000)), Ok(q(-750)));
    assert_eq!(q(1250).checked_neg(), Ok(q(-1250)));
    assert!(q(i64::MAX).checked_add(q(1)).is_err());
    assert!(q(i64::MIN).checked_neg().is_err());
    assert!(Quantity::ONE.is_whole() && !q(1250).is_whole());
    assert!(Quantity::ZERO.is_zero() && q(-1).is_negative());
    assert!(q(999) < Quantity::ONE);
}
