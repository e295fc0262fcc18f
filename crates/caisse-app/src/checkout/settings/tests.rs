//! The settings' own rules: percentages, bounded text, tax tables.

use super::*;

#[test]
fn percentages_parse_to_ten_thousandths() {
    for (text, e4) in [
        ("10", 100_000),
        ("12.5", 125_000),
        ("0", 0),
        ("100", 1_000_000),
        ("0.0001", 1),
        (" 007.50 ", 75_000),
    ] {
        assert_eq!(percent_e4(text), Ok(e4), "{text}");
    }
    for bad in [
        "", "abc", "-1", "100.0001", "1000", "10.", ".5", "1e2", "12.34567", "1,5",
    ] {
        assert!(percent_e4(bad).is_err(), "{bad}");
    }
}

#[test]
fn multi_line_text_is_bounded_per_line() {
    assert_eq!(
        lines_text(" 1 rue X \r\n75001 Paris ", 2, 20),
        Ok("1 rue X\n75001 Paris".into())
    );
    assert_eq!(lines_text("   ", 2, 20), Ok(String::new()));
    assert!(lines_text("a\nb\nc", 2, 20).is_err());
    assert!(lines_text("abcdef", 2, 5).is_err());
    assert!(lines_text("a\tb", 2, 5).is_err());
}

#[test]
fn a_table_needs_standard_unique_codes_and_valid_rates() {
    let rate = |code: &str, r: &str| TaxRateInput {
        code: code.into(),
        label: format!("Tax {code}"),
        rate: r.into(),
    };
    let cat = |name: &str, rates| TaxCategoryInput {
        category: name.into(),
        rates,
    };
    let good = rows_from_input(&[
        cat("standard", vec![rate("state", "4"), rate("CITY", "4.5")]),
        cat("zero", vec![rate("EXEMPT", "0")]),
    ])
    .unwrap();
    assert_eq!(good.len(), 3);
    assert_eq!((good[0].code.as_str(), good[0].rate_e4), ("STATE", 40_000));
    assert_eq!((good[1].code.as_str(), good[1].position), ("CITY", 1));
    let fields = |cats: &[TaxCategoryInput]| match rows_from_input(cats) {
        Err(AppError::Validation(errors)) => {
            errors.into_iter().map(|e| e.field).collect::<Vec<_>>()
        }
        other => panic!("expected a validation error, got {other:?}"),
    };
    assert_eq!(
        fields(&[cat("standard", vec![rate("A", "abc"), rate("B", "-5")])]),
        ["categories.0.rates.0.rate", "categories.0.rates.1.rate"]
    );
    assert_eq!(
        fields(&[cat("standard", vec![rate("A", "1"), rate("a", "2")])]),
        ["categories.0.rates.1.code"]
    );
    assert_eq!(
        fields(&[cat("reduced", vec![rate("A", "5")])]),
        ["categories"]
    );
    assert_eq!(
        fields(&[
            cat("standard", vec![]),
            cat("Bad Name", vec![rate("A", "1")])
        ]),
        ["categories.0.rates", "categories.1.category"]
    );
}
