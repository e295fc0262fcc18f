//! Tests of the money module: tables for the rules, proptest for the invariants.

mod amounts;
mod currency;
mod format;
mod parse;
mod props;
mod quantity;
mod serde_json_shape;

use super::*;

/// Shorthand for an amount in minor units.
fn m(minor: i64, currency: Currency) -> Money {
    Money::new(minor, currency)
}

/// Shorthand for an exact decimal written as text.
fn dec(text: &str) -> Decimal {
    match text.parse() {
        Ok(d) => d,
        Err(e) => panic!("bad decimal literal {text:?} in a test: {e}"),
    }
}

fn cur(code: &str) -> Currency {
    match Currency::parse(code) {
        Ok(c) => c,
        Err(e) => panic!("bad currency {code:?} in a test: {e}"),
    }
}

/// "Money is integers": no float type may appear in the money code. Needles are built at run
/// time so this file does not match itself.
#[test]
fn no_float_types_in_money_code() {
    let sources = [
        ("mod.rs", include_str!("../mod.rs")),
        ("arith.rs", include_str!("../arith.rs")),
        ("currency.rs", include_str!("../currency.rs")),
        ("error.rs", include_str!("../error.rs")),
        ("locale.rs", include_str!("../locale.rs")),
        ("number.rs", include_str!("../number.rs")),
        ("quantity.rs", include_str!("../quantity.rs")),
    ];
    for bits in ["32", "64"] {
        let needle = format!("f{bits}");
        for (name, text) in sources {
            let found = text
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .any(|word| word == needle);
            assert!(!found, "{name} uses {needle}");
        }
    }
}

#[test]
fn error_codes_are_stable() {
    let cases = [
        (
            MoneyError::CurrencyMismatch {
                left: Currency::EUR,
                right: Currency::USD,
            },
            "currency_mismatch",
        ),
        (MoneyError::Overflow, "amount_overflow"),
        (
            MoneyError::UnknownCurrency("ZZZ".into()),
            "unknown_currency",
        ),
        (
            MoneyError::UnsupportedCurrency("XAU"),
            "unsupported_currency",
        ),
        (
            MoneyError::InvalidAmount {
                input: "x".into(),
                reason: "r",
            },
            "invalid_amount",
        ),
        (
            MoneyError::InvalidQuantity {
                input: "x".into(),
                reason: "r",
            },
            "invalid_quantity",
        ),
        (
            MoneyError::TooManyDecimals {
                input: "1.234".into(),
                max: 2,
            },
            "too_many_decimals",
        ),
        (MoneyError::InvalidAllocation("r"), "invalid_allocation"),
        (MoneyError::UnknownLocale("xx".into()), "unknown_locale"),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code, "{error}");
    }
}

#[test]
fn locale_tags() {
    let ok = [
        ("en-US", Locale::EnUs),
        ("en", Locale::EnUs),
        ("EN_us", Locale::EnUs),
        ("en-AU", Locale::EnUs),
        ("en-Latn-US", Locale::EnUs),
        ("en-GB", Locale::EnGb),
        ("en-uk", Locale::EnGb),
        ("fr-FR", Locale::FrFr),
        ("fr", Locale::FrFr),
        ("fr-BE", Locale::FrFr),
        (" fr-fr ", Locale::FrFr),
        ("de-DE", Locale::DeDe),
        ("de", Locale::DeDe),
    ];
    for (tag, locale) in ok {
        assert_eq!(Locale::parse(tag), Ok(locale), "{tag}");
    }
    for tag in ["", "es-ES", "english", "zz", "-US", "*"] {
        let err = Locale::parse(tag).err();
        assert_eq!(err.map(|e| e.code()), Some("unknown_locale"), "{tag:?}");
    }
    for locale in Locale::ALL {
        assert_eq!(Locale::parse(locale.as_tag()), Ok(locale));
        assert_eq!(locale.to_string(), locale.as_tag());
        assert_eq!(locale.as_tag().parse::<Locale>(), Ok(locale));
    }
}
