//! GS1 element strings: REFERENCE.md §5.

use caisse_core::barcode::{Gs1Data, Gtin, parse_gs1};
use jiff::civil::{Date, date};
use rust_decimal::Decimal;

fn gtin(s: &str) -> Option<Gtin> {
    Some(Gtin::parse(s).unwrap())
}

fn dec(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

fn parsed(input: &str) -> Gs1Data {
    parse_gs1(input).unwrap_or_else(|e| panic!("{input:?}: {e}"))
}

#[test]
fn gs1_128_with_expiry_lot_and_serial() {
    let data = parsed("]C1010950110153000317260630");
    assert_eq!(data.gtin, gtin("09501101530003"));
    assert_eq!(data.expiry, Some(date(2026, 6, 30)));
    let data = parsed("]C101095011015300031726063010ABC123\u{1D}21SN0001");
    assert_eq!(
        data,
        Gs1Data {
            gtin: gtin("09501101530003"),
            expiry: Some(date(2026, 6, 30)),
            lot: Some("ABC123".into()),
            serial: Some("SN0001".into()),
            ..Gs1Data::default()
        }
    );
}

#[test]
fn gs1_128_with_weight_and_price() {
    let data = parsed("]C1010950110153000331030012503922599");
    assert_eq!(data.gtin, gtin("09501101530003"));
    assert_eq!(data.net_weight_kg, dec("1.250"));
    assert_eq!(data.price, dec("5.99"));
    assert_eq!(data.price_currency_numeric, None);
}

#[test]
fn databar_with_weight_expiry_lot_and_price() {
    let data = parsed("]e0010950110153000331030012501726013110LOT42\u{1D}39220599");
    assert_eq!(
        data,
        Gs1Data {
            gtin: gtin("09501101530003"),
            net_weight_kg: dec("1.250"),
            expiry: Some(date(2026, 1, 31)),
            lot: Some("LOT42".into()),
            price: dec("5.99"),
            ..Gs1Data::default()
        }
    );
}

#[test]
fn datamatrix_and_qr_identifiers_and_no_identifier() {
    for prefix in ["]d2", "]Q3", ""] {
        let data = parsed(&format!("{prefix}0109501101530003\u{1D}10ABC"));
        assert_eq!(data.gtin, gtin("09501101530003"), "{prefix}");
        assert_eq!(data.lot.as_deref(), Some("ABC"), "{prefix}");
    }
}

#[test]
fn wrong_gtin_check_digit_is_refused() {
    let err = parse_gs1("0109501101530004").unwrap_err();
    assert_eq!(err.code(), "bad_check_digit");
    assert_eq!(
        err.to_string(),
        "GTIN in AI (01) check digit should be 3, got 4"
    );
}

#[test]
fn identifier_alone_is_empty() {
    for input in ["]C1", "]e0", "]d2", "]Q3", "", "  ", "]C1\u{1D}"] {
        assert_eq!(
            parse_gs1(input).map_err(|e| e.code()),
            Err("empty"),
            "{input:?}"
        );
    }
}

#[test]
fn without_the_gs_a_lot_swallows_what_follows() {
    // The trap: a parser cannot tell where the lot ends, so it must not guess a serial.
    let data = parsed("]C110ABC12321SN0001");
    assert_eq!(data.lot.as_deref(), Some("ABC12321SN0001"));
    assert_eq!(data.serial, None);
    let data = parsed("10ABC12321SN0001");
    assert_eq!(
        data,
        Gs1Data {
            lot: Some("ABC12321SN0001".into()),
            ..Gs1Data::default()
        }
    );
    // With the GS, two values.
    let data = parsed("10ABC123\u{1D}21SN0001");
    assert_eq!(data.lot.as_deref(), Some("ABC123"));
    assert_eq!(data.serial.as_deref(), Some("SN0001"));
}

#[test]
fn human_readable_form_parses() {
    let data = parsed("(01)09501101530003(17)260630(10)ABC123(21)SN0001");
    assert_eq!(
        data,
        parsed("]C101095011015300031726063010ABC123\u{1D}21SN0001")
    );
    // Spaces typed between elements are ignored.
    let data = parsed("(01) 09501101530003 (3103) 001250 (3922) 599");
    assert_eq!(data.net_weight_kg, dec("1.250"));
    assert_eq!(data.price, dec("5.99"));
}

#[test]
fn human_readable_form_rejects() {
    let cases = [
        (
            "(01)0950110153000",
            "truncated",
            "AI (01) needs 14 characters, got 13",
        ),
        (
            "(17)2606300",
            "bad_ai_value",
            "AI (17): must be exactly 6 characters, got 7",
        ),
        (
            "(7)123",
            "unknown_ai",
            "unknown GS1 application identifier at \"7\"",
        ),
        (
            "(01)09501101530003 10ABC",
            "bad_ai_value",
            "AI (01): must be exactly 14 characters, got 20",
        ),
        (
            "(01",
            "unknown_ai",
            "unknown GS1 application identifier at \"(01\"",
        ),
    ];
    for (input, code, message) in cases {
        let err = parse_gs1(input).expect_err(input);
        assert_eq!(
            (err.code(), err.to_string().as_str()),
            (code, message),
            "{input:?}"
        );
    }
}

#[test]
fn day_00_is_the_last_day_of_the_month() {
    let cases: [(&str, Date); 4] = [
        ("17250200", date(2025, 2, 28)),
        ("17240200", date(2024, 2, 29)),
        ("17261200", date(2026, 12, 31)),
        ("17260400", date(2026, 4, 30)),
    ];
    for (input, expiry) in cases {
        assert_eq!(parsed(input).expiry, Some(expiry), "{input}");
    }
    assert_eq!(parsed("(17)250200").expiry, Some(date(2025, 2, 28)));
}

#[test]
fn every_date_ai_lands_in_its_field() {
    let data = parsed("11250101132502021525030317250404");
    assert_eq!(data.production_date, Some(date(2025, 1, 1)));
    assert_eq!(data.packaging_date, Some(date(2025, 2, 2)));
    assert_eq!(data.best_before, Some(date(2025, 3, 3)));
    assert_eq!(data.expiry, Some(date(2025, 4, 4)));
}

#[test]
fn impossible_dates_are_refused() {
    let cases = [
        ("17251301", "AI (17): 251301 is not a real date (YYMMDD)"),
        ("17310231", "AI (17): 310231 is not a real date (YYMMDD)"),
        ("11250001", "AI (11): 250001 is not a real date (YYMMDD)"),
        ("15250000", "AI (15): 250000 is not a real date (YYMMDD)"),
        ("13250230", "AI (13): 250230 is not a real date (YYMMDD)"),
        ("17230229", "AI (17): 230229 is not a real date (YYMMDD)"),
    ];
    for (input, message) in cases {
        let err = parse_gs1(input).expect_err(input);
        assert_eq!(
            (err.code(), err.to_string().as_str()),
            ("bad_date", message),
            "{input}"
        );
    }
}

#[test]
fn short_fixed_values_are_truncated() {
    let cases = [
        ("]C1010950110153", "AI (01) needs 14 characters, got 10"),
        (
            "0109501101530003172606",
            "AI (17) needs 6 characters, got 4",
        ),
        ("17260\u{1D}10ABC", "AI (17) needs 6 characters, got 3"),
        ("310300125", "AI (3103) needs 6 characters, got 5"),
    ];
    for (input, message) in cases {
        let err = parse_gs1(input).expect_err(input);
        assert_eq!(
            (err.code(), err.to_string().as_str()),
            ("truncated", message),
            "{input:?}"
        );
    }
}

#[test]
fn unknown_ais_are_refused() {
    for (input, found) in [
        ("]C18200abc", "8200"),
        ("3106001250", "3106"),
        ("5", "5"),
        ("]C1AB", "AB"),
    ] {
        let err = parse_gs1(input).expect_err(input);
        assert_eq!(err.code(), "unknown_ai", "{input}");
        assert_eq!(
            err.to_string(),
            format!("unknown GS1 application identifier at {found:?}")
        );
    }
}

#[test]
fn bad_values_are_refused() {
    let cases = [
        (
            "10ABC DEF",
            "AI (10): character ' ' is not allowed in GS1 data",
        ),
        (
            "10ABCDEFGHIJKLMNOPQRSTU",
            "AI (10): is at most 20 characters, got 21",
        ),
        ("30123456789", "AI (30): is at most 8 characters, got 9"),
        ("3012a", "AI (30): must be digits only, found 'a'"),
        ("17ab0101", "AI (17): must be digits only, found 'a'"),
        ("10\u{1D}21X", "AI (10): has no value"),
        (
            "393297",
            "AI (3932): needs a 3-digit currency code and an amount, got \"97\"",
        ),
        (
            "10A\u{1D}10B",
            "AI (10): appears twice with different values",
        ),
    ];
    for (input, message) in cases {
        let err = parse_gs1(input).expect_err(input);
        assert_eq!(
            (err.code(), err.to_string().as_str()),
            ("bad_ai_value", message),
            "{input:?}"
        );
    }
}

#[test]
fn price_with_currency_count_and_other_ais() {
    let data =
        parsed("]C1010950110153000339329780599\u{1D}3012\u{1D}00106141411234567897\u{1D}9112AB");
    assert_eq!(data.price, dec("5.99"));
    assert_eq!(data.price_currency_numeric, Some(978));
    assert_eq!(data.count, Some(12));
    assert_eq!(
        data.other,
        vec![
            ("00".to_owned(), "106141411234567897".to_owned()),
            ("91".to_owned(), "12AB".to_owned())
        ]
    );
}

#[test]
fn repeated_identical_ai_is_accepted() {
    let data = parsed("10A\u{1D}10A");
    assert_eq!(data.lot.as_deref(), Some("A"));
}

#[test]
fn other_symbology_identifiers_are_refused() {
    let err = parse_gs1("]C0ABC").unwrap_err();
    assert_eq!(
        (err.code(), err.to_string().as_str()),
        (
            "unsupported_symbology",
            "symbology identifier \"]C0\" does not carry GS1 data"
        )
    );
}
