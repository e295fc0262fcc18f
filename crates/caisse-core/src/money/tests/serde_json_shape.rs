//! JSON carries integers and strings, never floats.

use serde_json::json;

use super::*;

#[test]
fn money_is_minor_units_and_a_code() {
    let value = serde_json::to_value(m(1234, Currency::EUR)).ok();
    assert_eq!(value, Some(json!({"amount": 1234, "currency": "EUR"})));
    let back: Result<Money, _> = serde_json::from_value(json!({"amount": -5, "currency": "JPY"}));
    assert_eq!(back.ok(), Some(m(-5, Currency::JPY)));
    let extreme = m(i64::MIN, Currency::BHD);
    let text = serde_json::to_string(&extreme).unwrap_or_default();
    assert_eq!(text, r#"{"amount":-9223372036854775808,"currency":"BHD"}"#);
    assert_eq!(serde_json::from_str::<Money>(&text).ok(), Some(extreme));
}

#[test]
fn money_json_refuses_floats_strings_and_unknown_currencies() {
    let refused = [
        json!({"amount": 12.34, "currency": "EUR"}),
        json!({"amount": 12.0, "currency": "EUR"}),
        json!({"amount": "1234", "currency": "EUR"}),
        json!({"amount": 1234, "currency": "ZZZ"}),
        json!({"amount": 1234, "currency": "XAU"}),
        json!({"amount": 1234}),
        json!({"amount": 1234, "currency": "EUR", "extra": 1}),
        json!({"amount": 9_223_372_036_854_775_808_u64, "currency": "EUR"}),
        json!(1234),
    ];
    for value in refused {
        assert!(
            serde_json::from_value::<Money>(value.clone()).is_err(),
            "{value}"
        );
    }
}

#[test]
fn currency_locale_rounding_quantity_shapes() {
    assert_eq!(serde_json::to_value(Currency::BHD).ok(), Some(json!("BHD")));
    assert_eq!(
        serde_json::from_value::<Currency>(json!("usd")).ok(),
        Some(Currency::USD)
    );
    assert!(serde_json::from_value::<Currency>(json!(978)).is_err());
    assert_eq!(
        serde_json::to_value(Locale::FrFr).ok(),
        Some(json!("fr-FR"))
    );
    assert_eq!(
        serde_json::from_value::<Locale>(json!("en")).ok(),
        Some(Locale::EnUs)
    );
    assert!(serde_json::from_value::<Locale>(json!("xx-YY")).is_err());
    assert_eq!(
        serde_json::to_value(Rounding::HalfEven).ok(),
        Some(json!("half_even"))
    );
    assert_eq!(
        serde_json::from_value::<Rounding>(json!("half_up")).ok(),
        Some(Rounding::HalfUp)
    );

    assert_eq!(
        serde_json::to_value(Quantity::from_milli(1250)).ok(),
        Some(json!("1.250"))
    );
    assert_eq!(
        serde_json::from_value::<Quantity>(json!("1.25")).ok(),
        Some(Quantity::from_milli(1250))
    );
    for value in [
        json!(1.25),
        json!(2),
        json!("1,25"),
        json!("1.2345"),
        json!(null),
    ] {
        assert!(
            serde_json::from_value::<Quantity>(value.clone()).is_err(),
            "{value}"
        );
    }
}
