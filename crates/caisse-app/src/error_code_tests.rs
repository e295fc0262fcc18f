use std::collections::BTreeSet;

use caisse_core::money::{Currency, Money};
use caisse_core::tender::TenderKind;

use super::*;

#[test]
fn every_code_goes_through_serde_as_its_string() {
    for &code in ErrorCode::ALL {
        let json = serde_json::to_value(code).expect("serialises");
        assert_eq!(json, serde_json::json!(code.as_str()), "{code:?}");
        let back: ErrorCode = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, code);
        assert_eq!(code.to_string(), code.as_str());
    }
}

#[test]
fn codes_are_distinct_snake_case_with_a_status_and_a_meaning() {
    let mut seen = BTreeSet::new();
    for &code in ErrorCode::ALL {
        let s = code.as_str();
        assert!(seen.insert(s), "{s} twice");
        assert!(
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{s}"
        );
        assert_eq!(code.statuses().first(), Some(&code.status()), "{s}");
        assert!(
            code.statuses().iter().all(|st| (400..600).contains(st)),
            "{s}"
        );
        assert!(
            !code.meaning().is_empty() && code.meaning().ends_with('.'),
            "{s}"
        );
    }
}

/// One value of every variant of the core's errors that reach the API.
fn core_errors() -> (Vec<MoneyError>, Vec<PricingError>, Vec<SettlementError>) {
    let money = vec![
        MoneyError::CurrencyMismatch {
            left: Currency::EUR,
            right: Currency::USD,
        },
        MoneyError::Overflow,
        MoneyError::UnknownCurrency("XYZ".into()),
        MoneyError::UnsupportedCurrency("XAU"),
        MoneyError::InvalidAmount {
            input: "x".into(),
            reason: "not a number",
        },
        MoneyError::InvalidQuantity {
            input: "x".into(),
            reason: "not a number",
        },
        MoneyError::TooManyDecimals {
            input: "1.234".into(),
            max: 2,
        },
        MoneyError::InvalidAllocation("no parts"),
        MoneyError::UnknownLocale("xx".into()),
    ];
    let pricing = vec![
        PricingError::CurrencyMismatch {
            line: None,
            expected: Currency::EUR,
            found: Currency::USD,
        },
        PricingError::InvalidDiscount { reason: "zero" },
        PricingError::LineDiscountExceedsPrice { line: 0 },
        PricingError::SaleDiscountExceedsTotal,
        PricingError::DuplicateTaxCode {
            line: 0,
            code: "A".into(),
        },
        PricingError::Money(MoneyError::Overflow),
    ];
    let eur = |minor| Money::new(minor, Currency::EUR);
    let settlement = vec![
        SettlementError::CurrencyMismatch {
            index: 0,
            expected: Currency::EUR,
            found: Currency::USD,
        },
        SettlementError::Overpayment {
            index: 0,
            kind: TenderKind::Card,
            amount: eur(200),
            remaining: eur(100),
        },
        SettlementError::WrongDirection {
            index: 0,
            amount: eur(-1),
        },
        SettlementError::AlreadySettled { index: 1 },
        SettlementError::InvalidRule {
            input: "x".into(),
            reason: "not a step",
        },
        SettlementError::InvalidCountry { input: "x".into() },
        SettlementError::Money(MoneyError::Overflow),
    ];
    (money, pricing, settlement)
}

#[test]
fn the_cores_errors_keep_their_codes() {
    let (money, pricing, settlement) = core_errors();
    for e in &money {
        assert_eq!(ErrorCode::from(e).as_str(), e.code(), "{e:?}");
    }
    for e in &pricing {
        assert_eq!(ErrorCode::from(e).as_str(), e.code(), "{e:?}");
    }
    for e in &settlement {
        assert_eq!(ErrorCode::from(e).as_str(), e.code(), "{e:?}");
    }
}
