//! Scale and price labels (variable-measure EAN-13): REFERENCE.md §4.

use caisse_core::barcode::{
    BarcodeError, GenericKind, Gtin, MeasureValue, ScaleLayout, parse_variable_measure,
    value_check_digit_4, value_check_digit_5,
};
use rust_decimal::Decimal;

const GENERIC_KG: ScaleLayout = ScaleLayout::Generic {
    prefix_kind: GenericKind::Weight,
    decimals: 3,
};

fn price(s: &str) -> MeasureValue {
    MeasureValue::Price(s.parse().unwrap())
}

fn kg(s: &str) -> MeasureValue {
    MeasureValue::WeightKg(s.parse().unwrap())
}

/// REFERENCE §4 vectors: (layout, code, item reference, value, lookup key).
fn vectors() -> Vec<(
    ScaleLayout,
    &'static str,
    &'static str,
    MeasureValue,
    &'static str,
)> {
    use ScaleLayout::{De, Dk, Fi, Gb, No, Se};
    vec![
        (
            Se,
            "2012345649903",
            "123456",
            price("49.90"),
            "2012345600003",
        ),
        (Se, "2312345612342", "123456", kg("1.234"), "2312345600004"),
        (
            Se,
            "2112345604992",
            "123456",
            price("49.9"),
            "2112345600000",
        ),
        (Se, "2212345600496", "123456", price("49"), "2212345600007"),
        (No, "2398765407508", "987654", kg("0.750"), "2398765400004"),
        (Fi, "2411111102503", "111111", kg("2.50"), "2411111100004"),
        (De, "2212345012992", "1234", price("12.99"), "2212340000000"),
        (De, "2856787012501", "5678", kg("1.250"), "2856780000000"),
        (
            De,
            "2512342000061",
            "1234",
            MeasureValue::Count(6),
            "2512340000001",
        ),
        (Gb, "2012345203990", "12345", price("3.99"), "2012345000001"),
        (Dk, "2612340012506", "1234", kg("1.250"), "2612340000008"),
        (Dk, "2212340029957", "1234", price("29.95"), "2212340000000"),
        (Dk, "2712345012508", "12345", kg("1.250"), "2712345000000"),
    ]
}

#[test]
fn reference_labels_give_item_value_and_lookup_key() {
    for (layout, code, item, value, key) in vectors() {
        let gtin = Gtin::parse(code).unwrap();
        let label = parse_variable_measure(&gtin, &layout)
            .unwrap_or_else(|| panic!("{layout} {code}: not a label"))
            .unwrap_or_else(|e| panic!("{layout} {code}: {e}"));
        assert_eq!(label.scanned, gtin, "{layout} {code}");
        assert_eq!(label.item_reference, item, "{layout} {code}");
        assert_eq!(label.value, value, "{layout} {code}");
        assert_eq!(
            label.lookup_key,
            Gtin::parse(key).unwrap(),
            "{layout} {code}"
        );
    }
}

#[test]
fn prices_keep_the_layout_decimals() {
    // 49.90 is printed with two decimals, 49.9 with one: the scale of the Decimal says so.
    let cases = [
        ("2012345649903", 2),
        ("2112345604992", 1),
        ("2212345600496", 0),
    ];
    for (code, scale) in cases {
        let label = parse_variable_measure(&Gtin::parse(code).unwrap(), &ScaleLayout::Se);
        match label {
            Some(Ok(label)) => match label.value {
                MeasureValue::Price(p) => assert_eq!(p.scale(), scale, "{code}"),
                other => panic!("{code}: {other:?}"),
            },
            other => panic!("{code}: {other:?}"),
        }
    }
}

#[test]
fn weight_layouts_are_shared_across_the_nordic_and_baltic_countries() {
    use ScaleLayout::{Ee, Fi, Lt, Lv, No, Se};
    let gtin = Gtin::parse("2312345612342").unwrap();
    for layout in [Se, No, Fi, Ee, Lv, Lt] {
        let label = parse_variable_measure(&gtin, &layout).unwrap().unwrap();
        assert_eq!(label.value, kg("1.234"), "{layout}");
    }
    // Prefix 25: weight with one decimal.
    let label = parse_variable_measure(&Gtin::parse("2512345600121").unwrap(), &Lt);
    let label = label.unwrap().unwrap();
    assert_eq!(label.value, kg("1.2"));
    assert_eq!(label.lookup_key.shortest(), "2512345600008");
}

#[test]
fn de_price_with_a_wrong_value_check_digit_is_refused() {
    // Valid GTIN check digit, but the price check digit is 0 where 5 is due.
    let gtin = Gtin::parse("2212340012997").unwrap();
    let err = parse_variable_measure(&gtin, &ScaleLayout::De)
        .unwrap()
        .unwrap_err();
    assert_eq!(
        err,
        BarcodeError::BadValueCheckDigit {
            expected: 5,
            got: 0
        }
    );
    assert_eq!(err.code(), "bad_value_check_digit");
    assert_eq!(
        err.to_string(),
        "price/weight check digit on the label should be 5, got 0"
    );
}

#[test]
fn gb_price_with_a_wrong_value_check_digit_is_refused() {
    // 20 12345 C=3 0399: the check for 0399 is 2. GTIN check recomputed: 2012345303997.
    let gtin = Gtin::parse("2012345303997").unwrap();
    let err = parse_variable_measure(&gtin, &ScaleLayout::Gb)
        .unwrap()
        .unwrap_err();
    assert_eq!(
        err,
        BarcodeError::BadValueCheckDigit {
            expected: 2,
            got: 3
        }
    );
}

#[test]
fn codes_outside_the_layout_are_not_labels() {
    let cases: [(ScaleLayout, &str); 10] = [
        (ScaleLayout::None, "2012345649903"),
        (ScaleLayout::De, "2012345649903"),
        (ScaleLayout::De, "2412345678901"),
        (ScaleLayout::Gb, "2112345604992"),
        (ScaleLayout::Dk, "2012345649903"),
        (ScaleLayout::Dk, "2512342000061"),
        (ScaleLayout::Fi, "2012345649903"),
        (ScaleLayout::Se, "2612340012506"),
        // Not prefix 2: ordinary products.
        (ScaleLayout::Se, "4006381333931"),
        // UPC-A with number system 2 and GTIN-14 with indicator 2 are not read as labels.
        (GENERIC_KG, "212345678992"),
    ];
    for (layout, code) in cases {
        let gtin = Gtin::parse(code).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert_eq!(
            parse_variable_measure(&gtin, &layout),
            None,
            "{layout} {code}"
        );
    }
    let case = Gtin::parse("24012345678905").unwrap();
    assert_eq!(parse_variable_measure(&case, &GENERIC_KG), None);
}

#[test]
fn generic_layout_reads_2x_iiiii_vvvvv() {
    let weight = ScaleLayout::Generic {
        prefix_kind: GenericKind::Weight,
        decimals: 3,
    };
    let euros = ScaleLayout::Generic {
        prefix_kind: GenericKind::Price,
        decimals: 2,
    };
    let cases = [
        (
            weight,
            "2112345012506",
            "12345",
            kg("1.250"),
            "2112345000008",
        ),
        (
            euros,
            "2112345012506",
            "12345",
            price("12.50"),
            "2112345000008",
        ),
        (
            euros,
            "2912345999995",
            "12345",
            price("999.99"),
            "2912345000004",
        ),
        (
            euros,
            "2012345123458",
            "12345",
            price("123.45"),
            "2012345000001",
        ),
    ];
    for (layout, code, item, value, key) in cases {
        let label = parse_variable_measure(&Gtin::parse(code).unwrap(), &layout)
            .unwrap()
            .unwrap();
        assert_eq!(label.item_reference, item, "{layout} {code}");
        assert_eq!(label.value, value, "{layout} {code}");
        assert_eq!(label.lookup_key.shortest(), key, "{layout} {code}");
    }
}

#[test]
fn generic_layout_with_too_many_decimals_is_a_layout_error() {
    let layout = ScaleLayout::Generic {
        prefix_kind: GenericKind::Price,
        decimals: 40,
    };
    let gtin = Gtin::parse("2012345123458").unwrap();
    let err = parse_variable_measure(&gtin, &layout).unwrap().unwrap_err();
    assert_eq!(err.code(), "bad_layout");
}

#[test]
fn four_digit_value_check_digits() {
    for (value, check) in [("2875", 9), ("0399", 2), ("4990", 6)] {
        assert_eq!(value_check_digit_4(value), Ok(check), "{value}");
    }
}

#[test]
fn five_digit_value_check_digits() {
    for (value, check) in [("14685", 6), ("01299", 5), ("01250", 7), ("00006", 2)] {
        assert_eq!(value_check_digit_5(value), Ok(check), "{value}");
    }
}

#[test]
fn value_check_digits_refuse_bad_input() {
    assert_eq!(
        value_check_digit_4("123").map_err(|e| e.code()),
        Err("bad_length")
    );
    assert_eq!(
        value_check_digit_5("1234").map_err(|e| e.code()),
        Err("bad_length")
    );
    assert_eq!(
        value_check_digit_4("12a4").map_err(|e| e.code()),
        Err("not_numeric")
    );
    assert_eq!(value_check_digit_5("").map_err(|e| e.code()), Err("empty"));
}

#[test]
fn layout_names_round_trip() {
    let names = [
        "se",
        "no",
        "fi",
        "ee",
        "lv",
        "lt",
        "de",
        "gb",
        "dk",
        "none",
        "generic-price-2",
        "generic-weight-3",
        "generic-price-0",
        "generic-weight-5",
    ];
    for name in names {
        let layout: ScaleLayout = name.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(layout.to_string(), name);
    }
    assert_eq!("DE".parse::<ScaleLayout>(), Ok(ScaleLayout::De));
    assert_eq!(
        "generic-weight-3".parse::<ScaleLayout>(),
        Ok(ScaleLayout::Generic {
            prefix_kind: GenericKind::Weight,
            decimals: 3
        })
    );
    assert_eq!(ScaleLayout::default(), ScaleLayout::None);
}

#[test]
fn unknown_layout_names_are_refused() {
    for name in [
        "",
        "fr",
        "generic",
        "generic-price",
        "generic-price-6",
        "generic-volume-2",
        "generic-price-02",
    ] {
        let err = name.parse::<ScaleLayout>().expect_err(name);
        assert_eq!(err.code(), "bad_layout", "{name}");
    }
}

#[test]
fn layout_serde_uses_the_names() {
    let layout = ScaleLayout::Generic {
        prefix_kind: GenericKind::Price,
        decimals: 2,
    };
    assert_eq!(
        serde_json::to_string(&layout).unwrap(),
        r#""generic-price-2""#
    );
    assert_eq!(
        serde_json::from_str::<ScaleLayout>(r#""dk""#).unwrap(),
        ScaleLayout::Dk
    );
    assert!(serde_json::from_str::<ScaleLayout>(r#""xx""#).is_err());
}

#[test]
fn decimals_are_exact() {
    let label = parse_variable_measure(&Gtin::parse("2012345649903").unwrap(), &ScaleLayout::Se);
    let Some(Ok(label)) = label else {
        panic!("not a label")
    };
    assert_eq!(label.value, MeasureValue::Price(Decimal::new(4990, 2)));
}
