use super::*;

use Locale::{DeDe, EnUs, FrFr};

/// (input, currency, locale, expected minor units)
const ACCEPTED: &[(&str, &str, Locale, i64)] = &[
    // The forms of both locales, in both locales.
    ("1 234,56", "EUR", FrFr, 123_456),
    ("1 234,56", "EUR", EnUs, 123_456),
    ("1\u{00A0}234,56", "EUR", FrFr, 123_456),
    ("1\u{202F}234,56", "EUR", FrFr, 123_456),
    ("1234,56", "EUR", FrFr, 123_456),
    ("1234,56", "EUR", EnUs, 123_456),
    ("1,234.56", "EUR", FrFr, 123_456),
    ("1,234.56", "EUR", EnUs, 123_456),
    ("1234.56", "EUR", FrFr, 123_456),
    ("1234.56", "EUR", EnUs, 123_456),
    ("1.234,56", "EUR", EnUs, 123_456),
    ("1.234,56", "EUR", DeDe, 123_456),
    ("1 234 567,89", "EUR", FrFr, 123_456_789),
    ("1,234,567", "EUR", EnUs, 123_456_700),
    ("1.234.567", "EUR", DeDe, 123_456_700),
    ("12", "EUR", FrFr, 1200),
    ("12", "EUR", EnUs, 1200),
    ("0012.5", "EUR", EnUs, 1250),
    ("0.5", "EUR", FrFr, 50),
    (",5", "EUR", FrFr, 50),
    (".5", "EUR", EnUs, 50),
    ("  12.00  ", "EUR", EnUs, 1200),
    // Signs.
    ("-3.20", "EUR", EnUs, -320),
    ("-3,20", "EUR", FrFr, -320),
    ("+12", "EUR", FrFr, 1200),
    ("\u{2212}3,20", "EUR", FrFr, -320),
    ("- 3,20 €", "EUR", FrFr, -320),
    ("-0", "EUR", FrFr, 0),
    // Currency sign or code, before or after.
    ("€12.50", "EUR", EnUs, 1250),
    ("12,50 €", "EUR", FrFr, 1250),
    ("12,50€", "EUR", FrFr, 1250),
    ("12,50\u{00A0}€", "EUR", FrFr, 1250),
    ("EUR 12.50", "EUR", EnUs, 1250),
    ("12.50 eur", "EUR", EnUs, 1250),
    ("-€3.20", "EUR", EnUs, -320),
    ("€-3.20", "EUR", EnUs, -320),
    ("$1,234.56", "USD", EnUs, 123_456),
    ("-$1,234.56", "USD", EnUs, -123_456),
    // A single mark followed by exactly three digits: the locale decides.
    ("1,234", "EUR", EnUs, 123_400),
    ("1,234", "BHD", FrFr, 1234),
    ("1.234", "EUR", DeDe, 123_400),
    ("1.234", "BHD", EnUs, 1234),
    ("12.50", "EUR", DeDe, 1250),
    // Zero, three and four decimals.
    ("¥1,235", "JPY", EnUs, 1235),
    ("1 235 ¥", "JPY", FrFr, 1235),
    ("BHD 1,234.567", "BHD", EnUs, 1_234_567),
    ("1 234,567 BHD", "BHD", FrFr, 1_234_567),
    ("0,0001", "CLF", FrFr, 1),
    // The extremes of i64.
    ("92233720368547758.07", "EUR", EnUs, i64::MAX),
    ("-92 233 720 368 547 758,08 €", "EUR", FrFr, i64::MIN),
];

/// (input, currency, locale, expected error code)
const REFUSED: &[(&str, &str, Locale, &str)] = &[
    ("", "EUR", FrFr, "invalid_amount"),
    ("   ", "EUR", EnUs, "invalid_amount"),
    ("1.2.3", "EUR", EnUs, "invalid_amount"),
    ("1.2.3", "EUR", FrFr, "invalid_amount"),
    ("12,345,6", "EUR", EnUs, "invalid_amount"),
    ("1,23,456", "EUR", EnUs, "invalid_amount"),
    ("12 34", "EUR", FrFr, "invalid_amount"),
    ("1  234", "EUR", FrFr, "invalid_amount"),
    ("0,123", "EUR", EnUs, "invalid_amount"),
    (",123", "EUR", EnUs, "invalid_amount"),
    ("1 234.567,89", "EUR", FrFr, "invalid_amount"),
    ("1,234.567.8", "EUR", EnUs, "invalid_amount"),
    ("1.234,567,8", "EUR", DeDe, "invalid_amount"),
    ("1,234 567", "EUR", EnUs, "invalid_amount"),
    ("abc", "EUR", FrFr, "invalid_amount"),
    ("12a", "EUR", EnUs, "invalid_amount"),
    ("1e3", "EUR", EnUs, "invalid_amount"),
    ("1_000", "EUR", EnUs, "invalid_amount"),
    ("CHF 1'000", "CHF", EnUs, "invalid_amount"),
    ("12.", "EUR", EnUs, "invalid_amount"),
    (".", "EUR", EnUs, "invalid_amount"),
    ("-", "EUR", EnUs, "invalid_amount"),
    ("€", "EUR", EnUs, "invalid_amount"),
    ("--3", "EUR", EnUs, "invalid_amount"),
    ("-$-3", "USD", EnUs, "invalid_amount"),
    ("3-", "EUR", EnUs, "invalid_amount"),
    ("(3.20)", "EUR", EnUs, "invalid_amount"),
    ("$12", "EUR", EnUs, "invalid_amount"),
    ("USD 12", "EUR", EnUs, "invalid_amount"),
    ("€ 12 €", "EUR", FrFr, "invalid_amount"),
    ("١٢", "EUR", EnUs, "invalid_amount"),
    // Ambiguous: fr-FR uses neither '.' for decimals nor for thousands.
    ("1.234", "BHD", FrFr, "invalid_amount"),
    // More decimals than the currency has.
    ("1.234", "EUR", EnUs, "too_many_decimals"),
    ("1,234", "EUR", FrFr, "too_many_decimals"),
    ("12,345", "EUR", FrFr, "too_many_decimals"),
    ("12.345", "EUR", FrFr, "invalid_amount"),
    ("12.500", "EUR", EnUs, "too_many_decimals"),
    ("1,5", "JPY", FrFr, "too_many_decimals"),
    ("1.5", "JPY", EnUs, "too_many_decimals"),
    ("1.2345", "BHD", EnUs, "too_many_decimals"),
    ("0,00001", "CLF", FrFr, "too_many_decimals"),
    // Out of range.
    ("92233720368547758.08", "EUR", EnUs, "amount_overflow"),
    ("-92233720368547758.09", "EUR", EnUs, "amount_overflow"),
    (
        "99999999999999999999999999999999999999999999",
        "JPY",
        EnUs,
        "amount_overflow",
    ),
];

#[test]
fn accepted_inputs() {
    for &(input, code, locale, expected) in ACCEPTED {
        let got = Money::parse(input, cur(code), locale);
        assert_eq!(got, Ok(m(expected, cur(code))), "{input:?} {code} {locale}");
    }
}

#[test]
fn refused_inputs() {
    for &(input, code, locale, expected) in REFUSED {
        let got = Money::parse(input, cur(code), locale);
        assert_eq!(
            got.as_ref().map_err(MoneyError::code),
            Err(expected),
            "{input:?} {code} {locale}: {got:?}"
        );
    }
}

#[test]
fn errors_keep_the_input_and_say_why() {
    let err = Money::parse("12,345,6", Currency::USD, EnUs).err();
    assert_eq!(
        err,
        Some(MoneyError::InvalidAmount {
            input: "12,345,6".into(),
            reason: "thousands groups must have exactly three digits",
        })
    );
    let err = Money::parse("1.234", Currency::EUR, EnUs).err();
    assert_eq!(
        err,
        Some(MoneyError::TooManyDecimals {
            input: "1.234".into(),
            max: 2,
        })
    );
    let err = Money::parse("", Currency::EUR, EnUs).err();
    assert!(matches!(
        err,
        Some(MoneyError::InvalidAmount {
            reason: "empty",
            ..
        })
    ));
    let err = Money::parse("12x", Currency::EUR, EnUs).err();
    assert!(matches!(
        err,
        Some(MoneyError::InvalidAmount { reason, .. }) if reason.contains("letters")
    ));
}
