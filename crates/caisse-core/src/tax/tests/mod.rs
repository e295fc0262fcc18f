//! Tests of the tax module: REFERENCE.md section 7 as tables, rates, policies, error codes.

mod props;
mod tables;

use rust_decimal::Decimal;

use super::*;
use crate::catalog::TaxCategory;
use crate::money::Currency;

fn rate(text: &str) -> TaxRate {
    match TaxRate::parse(text) {
        Ok(r) => r,
        Err(e) => panic!("bad rate {text:?} in a test: {e}"),
    }
}

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

fn category(name: &str) -> TaxCategory {
    match TaxCategory::parse(name) {
        Ok(c) => c,
        Err(e) => panic!("bad category {name:?} in a test: {e}"),
    }
}

fn component(code: &str, r: &str) -> TaxComponent {
    match TaxComponent::new(code, code, rate(r)) {
        Ok(c) => c,
        Err(e) => panic!("bad component {code:?} in a test: {e}"),
    }
}
/// REFERENCE.md section 7, computed with the tax functions: each row gives the amounts of the
/// lines, the sum of the taxes rounded per line, and the tax of the document total.
#[test]
fn reference_vectors() {
    use Rounding::{HalfEven, HalfUp};
    use TaxMode::{Exclusive, Inclusive};
    #[rustfmt::skip]
    /// (case, mode, rate, rounding, line amounts, tax per line, tax per document)
    type Row = (&'static str, TaxMode, &'static str, Rounding, &'static [i64], i64, i64);
    let rows: [Row; 9] = [
        (
            "3 x 0.99 EUR incl. 19% VAT",
            Inclusive,
            "19",
            HalfUp,
            &[99, 99, 99],
            48,
            47,
        ),
        (
            "3 x net 0.33 at 20%",
            Exclusive,
            "20",
            HalfUp,
            &[33, 33, 33],
            21,
            20,
        ),
        (
            "US 7.25%, 3 x 0.50 USD",
            Exclusive,
            "7.25",
            HalfUp,
            &[50, 50, 50],
            12,
            11,
        ),
        (
            "NYC 8.875%, 1.25 + 2.35",
            Exclusive,
            "8.875",
            HalfUp,
            &[125, 235],
            32,
            32,
        ),
        (
            "net 2.50 at 5%, half-up",
            Exclusive,
            "5",
            HalfUp,
            &[250],
            13,
            13,
        ),
        (
            "net 2.50 at 5%, half-even",
            Exclusive,
            "5",
            HalfEven,
            &[250],
            12,
            12,
        ),
        (
            "-0.125 half-up away from zero",
            Exclusive,
            "5",
            HalfUp,
            &[-250],
            -13,
            -13,
        ),
        (
            "-0.125 half-even",
            Exclusive,
            "5",
            HalfEven,
            &[-250],
            -12,
            -12,
        ),
        (
            "net 0.33 at 20%, one line",
            Exclusive,
            "20",
            HalfUp,
            &[33],
            7,
            7,
        ),
    ];
    for (case, mode, r, rounding, lines, per_line, per_document) in rows {
        let r = rate(r);
        let mut line_sum = 0;
        for &amount in lines {
            let tax = mode.tax_of(eur(amount), r, rounding).map(|t| t.minor());
            line_sum += tax.unwrap_or(i64::MIN);
        }
        assert_eq!(line_sum, per_line, "{case}: per line");
        let total: i64 = lines.iter().sum();
        let document = mode.tax_of(eur(total), r, rounding).map(|t| t.minor());
        assert_eq!(document, Ok(per_document), "{case}: per document");
    }
}

#[test]
fn single_line_taxes() {
    let rows = [
        // (gross or net, rate, inclusive tax, exclusive tax)
        (99, "19", 16, 19),
        (297, "19", 47, 56),
        (100, "20", 17, 20),
        (3, "20", 1, 1),       // 3 × 20/120 = 0.5 exactly: a half, rounded up
        (9, "20", 2, 2),       // 9/6 = 1.5 exactly
        (1000, "5.5", 52, 55), // 10 × 5.5/105.5 = 0.5213…
        (125, "8.875", 10, 11),
        (0, "20", 0, 0),
        (12345, "0", 0, 0),
    ];
    for (amount, r, inclusive, exclusive) in rows {
        let r = rate(r);
        assert_eq!(
            tax_in_gross(eur(amount), r, Rounding::HalfUp),
            Ok(eur(inclusive)),
            "{amount} incl {r}"
        );
        assert_eq!(
            tax_on_net(eur(amount), r, Rounding::HalfUp),
            Ok(eur(exclusive)),
            "{amount} excl {r}"
        );
        assert_eq!(
            tax_in_gross(eur(-amount), r, Rounding::HalfUp),
            Ok(eur(-inclusive))
        );
        assert_eq!(
            tax_on_net(eur(-amount), r, Rounding::HalfUp),
            Ok(eur(-exclusive))
        );
    }
    // Exact halves of an inclusive extraction follow the rounding mode.
    assert_eq!(
        tax_in_gross(eur(3), rate("20"), Rounding::HalfEven),
        Ok(eur(0))
    );
    assert_eq!(
        tax_in_gross(eur(9), rate("20"), Rounding::HalfEven),
        Ok(eur(2))
    );
    assert_eq!(tax_in_gross(eur(9), rate("20"), Rounding::Down), Ok(eur(1)));
    assert_eq!(tax_in_gross(eur(7), rate("20"), Rounding::Up), Ok(eur(2)));
    // Currencies without decimals round to whole units.
    let yen = Money::new(1080, Currency::JPY);
    assert_eq!(
        tax_in_gross(yen, rate("8"), Rounding::HalfUp),
        Ok(Money::new(80, Currency::JPY))
    );
}

#[test]
fn tax_overflow_is_an_error() {
    let huge = eur(i64::MAX);
    assert_eq!(
        tax_on_net(huge, rate("999"), Rounding::HalfUp).map_err(|e| e.code()),
        Err("amount_overflow")
    );
    // Inclusive extraction never exceeds the gross.
    assert!(tax_in_gross(huge, rate("999"), Rounding::HalfUp).is_ok());
    assert!(tax_in_gross(eur(i64::MIN), rate("999.9999"), Rounding::Up).is_ok());
}

#[test]
fn round_ratio_table() {
    use Rounding::*;
    let rows = [
        (5, 2, HalfUp, Some(3)),
        (-5, 2, HalfUp, Some(-3)),
        (5, 2, HalfEven, Some(2)),
        (7, 2, HalfEven, Some(4)),
        (-7, 2, HalfEven, Some(-4)),
        (4, 3, HalfUp, Some(1)),
        (5, 3, HalfUp, Some(2)),
        (5, 3, Down, Some(1)),
        (4, 3, Up, Some(2)),
        (-4, 3, Up, Some(-2)),
        (6, 3, Up, Some(2)),
        (0, 7, Up, Some(0)),
        (1, 0, HalfUp, None),
        (1, -3, HalfUp, None),
    ];
    for (n, d, rounding, expected) in rows {
        assert_eq!(
            round_ratio(n, d, rounding),
            expected,
            "{n}/{d} {rounding:?}"
        );
    }
}

#[test]
fn rates_parse_and_print() {
    let ok = [
        ("20", "20", "20.00"),
        ("5.5", "5.5", "5.50"),
        ("5.50", "5.5", "5.50"),
        ("8.875", "8.875", "8.875"),
        ("7.25", "7.25", "7.25"),
        ("0", "0", "0.00"),
        ("0.0", "0", "0.00"),
        (" 19 ", "19", "19.00"),
        ("999.9999", "999.9999", "999.9999"),
        ("0020", "20", "20.00"),
        ("2.1", "2.1", "2.10"),
    ];
    for (input, shown, fixed) in ok {
        let r = rate(input);
        assert_eq!(r.to_string(), shown, "{input}");
        assert_eq!(r.to_fixed2(), fixed, "{input}");
        assert_eq!(r.as_decimal().to_string(), shown, "{input}");
        assert_eq!(TaxRate::from_decimal(r.as_decimal()), Ok(r));
    }
    let bad = [
        "",
        " ",
        "-1",
        "+5",
        "1000",
        "1000.0",
        "5.12345",
        "5.",
        ".5",
        "5,5",
        "1e2",
        "abc",
        "5.5.5",
        "12 %",
        "99999999999999999999",
    ];
    for input in bad {
        let err = TaxRate::parse(input).map_err(|e| e.code());
        assert_eq!(err, Err("invalid_tax_rate"), "{input:?}");
    }
    assert_eq!(rate("5.5"), rate("5.50"));
    assert!(rate("5.5") < rate("7") && rate("7") < rate("20"));
    assert!(rate("0").is_zero() && !rate("0.0001").is_zero());
    assert_eq!(TaxRate::default(), TaxRate::ZERO);
    assert_eq!("8.875".parse::<TaxRate>(), Ok(rate("8.875")));
}

#[test]
fn rates_from_decimals() {
    let ok = [
        (Decimal::new(55, 1), "5.5"),
        (Decimal::new(200, 1), "20"),
        (Decimal::new(8875, 3), "8.875"),
        (Decimal::new(550_000, 5), "5.5"),
        (Decimal::new(0, 3), "0"),
        (Decimal::new(-0, 2), "0"),
    ];
    for (d, shown) in ok {
        assert_eq!(
            TaxRate::from_decimal(d).map(|r| r.to_string()),
            Ok(shown.to_owned()),
            "{d}"
        );
    }
    let bad = [
        Decimal::new(-1, 0),
        Decimal::new(1000, 0),
        Decimal::new(123_456, 5),
        Decimal::MAX,
    ];
    for d in bad {
        assert_eq!(
            TaxRate::from_decimal(d).map_err(|e| e.code()),
            Err("invalid_tax_rate"),
            "{d}"
        );
    }
}

#[test]
fn rate_serde_is_a_string() -> Result<(), serde_json::Error> {
    assert_eq!(serde_json::to_string(&rate("5.5"))?, r#""5.5""#);
    assert_eq!(
        serde_json::from_str::<TaxRate>(r#""8.875""#)?,
        rate("8.875")
    );
    assert!(
        serde_json::from_str::<TaxRate>("5.5").is_err(),
        "a JSON number is a float"
    );
    assert!(serde_json::from_str::<TaxRate>(r#""-3""#).is_err());
    Ok(())
}

#[test]
fn modes_scopes_and_policies() -> Result<(), serde_json::Error> {
    for mode in [TaxMode::Inclusive, TaxMode::Exclusive] {
        assert_eq!(TaxMode::parse(mode.as_str()), Ok(mode));
        assert_eq!(
            serde_json::to_string(&mode)?,
            format!("\"{}\"", mode.as_str())
        );
    }
    for scope in [TaxScope::PerLine, TaxScope::PerDocument] {
        assert_eq!(TaxScope::parse(scope.as_str()), Ok(scope));
        assert_eq!(
            serde_json::to_string(&scope)?,
            format!("\"{}\"", scope.as_str())
        );
    }
    assert_eq!(TaxMode::parse(" Inclusive "), Ok(TaxMode::Inclusive));
    assert_eq!(
        TaxMode::parse("vat").map_err(|e| e.code()),
        Err("unknown_tax_mode")
    );
    assert_eq!(
        TaxScope::parse("line").map_err(|e| e.code()),
        Err("unknown_tax_scope")
    );

    let policy: TaxPolicy = serde_json::from_str(r#"{"mode":"exclusive","scope":"per_document"}"#)?;
    assert_eq!(
        policy,
        TaxPolicy::new(TaxMode::Exclusive, TaxScope::PerDocument)
    );
    assert_eq!(policy.rounding, Rounding::HalfUp);
    let json = r#"{"mode":"inclusive","scope":"per_line","rounding":"half_even"}"#;
    let policy: TaxPolicy = serde_json::from_str(json)?;
    assert_eq!(policy.rounding, Rounding::HalfEven);
    assert_eq!(serde_json::to_string(&policy)?, json);
    assert!(serde_json::from_str::<TaxPolicy>(r#"{"mode":"inclusive"}"#).is_err());
    Ok(())
}
#[test]
fn error_codes_are_stable() {
    let cases = [
        (
            TaxError::InvalidRate {
                input: "x".into(),
                reason: "r",
            },
            "invalid_tax_rate",
        ),
        (
            TaxError::InvalidCode {
                code: "x".into(),
                reason: "r",
            },
            "invalid_tax_code",
        ),
        (
            TaxError::InvalidLabel {
                code: "x".into(),
                reason: "r".into(),
            },
            "invalid_tax_label",
        ),
        (
            TaxError::InvalidCategory {
                input: "x".into(),
                reason: "r".into(),
            },
            "invalid_tax_category",
        ),
        (
            TaxError::EmptyCategory {
                category: "x".into(),
            },
            "empty_tax_category",
        ),
        (
            TaxError::DuplicateCode {
                category: "x".into(),
                code: "y".into(),
            },
            "duplicate_tax_code",
        ),
        (
            TaxError::DuplicateCategory {
                category: "x".into(),
            },
            "duplicate_tax_category",
        ),
        (TaxError::EmptyTable, "empty_tax_table"),
        (
            TaxError::UnknownPreset {
                name: "x".into(),
                known: "",
            },
            "unknown_tax_preset",
        ),
        (
            TaxError::UnknownMode { input: "x".into() },
            "unknown_tax_mode",
        ),
        (
            TaxError::UnknownScope { input: "x".into() },
            "unknown_tax_scope",
        ),
        (TaxError::Money(MoneyError::Overflow), "amount_overflow"),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code, "{error}");
    }
}

/// "Money is integers": no float type may appear in the tax code. Needles are built at run time
/// so this file does not match itself.
#[test]
fn no_float_types_in_tax_code() {
    let sources = [
        ("mod.rs", include_str!("../mod.rs")),
        ("rate.rs", include_str!("../rate.rs")),
        ("table.rs", include_str!("../table.rs")),
        ("error.rs", include_str!("../error.rs")),
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
