//! Tests of tenders: REFERENCE.md section 8 as tables, settlement scenarios, refunds, proptest.

use proptest::prelude::*;

use super::*;
use crate::money::{Currency, MoneyError, Rounding};
use crate::tax::{TaxRate, tax_on_net};
use TenderKind::{Card, Cash, GiftCard, StoreCredit, Wallet};

fn cur(code: &str) -> Currency {
    match Currency::parse(code) {
        Ok(c) => c,
        Err(e) => panic!("bad currency {code:?} in a test: {e}"),
    }
}

fn preset(country: &str) -> CashRounding {
    match CashRounding::preset(country) {
        Ok(r) => r,
        Err(e) => panic!("bad country {country:?} in a test: {e}"),
    }
}

fn cad(minor: i64) -> Money {
    Money::new(minor, cur("CAD"))
}

const NICKEL: CashRounding = CashRounding::Nearest { step: 5 };

fn settled(total: Money, payments: &[(TenderKind, Money)], rule: CashRounding) -> Settlement {
    match settle(total, payments, rule) {
        Ok(s) => s,
        Err(e) => panic!("settlement failed: {e}"),
    }
}

/// Every rule and example row of REFERENCE.md section 8: (country, currency, amount, cash).
#[test]
fn reference_cash_rounding() {
    #[rustfmt::skip]
    let rows: &[(&str, &str, i64, i64)] = &[
        // Nearest 0.05: endings 1,2 -> 0; 3,4 -> 5; 6,7 -> 5; 8,9 -> next 0.
        ("CA", "CAD", 492, 490), ("CA", "CAD", 77272, 77270),
        ("CA", "CAD", 101, 100), ("CA", "CAD", 102, 100), ("CA", "CAD", 103, 105),
        ("CA", "CAD", 104, 105), ("CA", "CAD", 106, 105), ("CA", "CAD", 107, 105),
        ("CA", "CAD", 108, 110), ("CA", "CAD", 109, 110), ("CA", "CAD", 100, 100),
        ("CA", "CAD", 105, 105), ("CA", "CAD", 110, 110),
        ("AU", "AUD", 492, 490), ("AU", "AUD", 103, 105),
        ("NL", "EUR", 102, 100), ("NL", "EUR", 108, 110),
        ("BE", "EUR", 104, 105), ("BE", "EUR", 106, 105),
        ("IT", "EUR", 107, 105), ("IT", "EUR", 109, 110),
        // Switzerland, 0.05 CHF.
        ("CH", "CHF", 1932, 1930), ("CH", "CHF", 102, 100), ("CH", "CHF", 103, 105),
        ("CH", "CHF", 107, 105), ("CH", "CHF", 108, 110),
        // Sweden and Norway, whole krona: 50 öre and up rounds up.
        ("SE", "SEK", 2450, 2500), ("SE", "SEK", 2449, 2400), ("SE", "SEK", 2451, 2500),
        ("NO", "NOK", 2450, 2500), ("NO", "NOK", 2499, 2500), ("NO", "NOK", 2401, 2400),
        // Refunds round the same way, away from zero on a half.
        ("CA", "CAD", -492, -490), ("CA", "CAD", -493, -495), ("SE", "SEK", -2450, -2500),
        // Countries that do not round.
        ("FR", "EUR", 492, 492), ("US", "USD", 77272, 77272),
    ];
    for &(country, code, amount, cash) in rows {
        let currency = cur(code);
        let rounded = preset(country).round(Money::new(amount, currency));
        assert_eq!(
            rounded,
            Ok(Money::new(cash, currency)),
            "{country} {amount}"
        );
    }
}

#[test]
fn canadian_example_with_gst() {
    // 4.69 + 5 % GST = 4.92, paid 4.90 in cash.
    let gst = TaxRate::parse("5").and_then(|r| tax_on_net(cad(469), r, Rounding::HalfUp));
    assert_eq!(gst, Ok(cad(23)));
    assert_eq!(preset("CA").round(cad(469 + 23)), Ok(cad(490)));
}

/// The Swiss rule stated to the thousandth (1.000-1.024 -> 1.00; 1.025-1.074 -> 1.05), checked
/// on a currency with three decimals since francs are counted in centimes.
#[test]
fn swiss_rule_at_the_thousandth() {
    let rule = CashRounding::Nearest { step: 50 };
    let rows = [
        (1000, 1000),
        (1024, 1000),
        (1025, 1050),
        (1050, 1050),
        (1074, 1050),
        (1075, 1100),
    ];
    for (amount, cash) in rows {
        assert_eq!(
            rule.round(Money::new(amount, Currency::BHD)),
            Ok(Money::new(cash, Currency::BHD)),
            "{amount}"
        );
    }
}

#[test]
fn presets_and_settings() {
    for (country, step) in [("CA", 5), ("ch", 5), (" se ", 100), ("DK", 50), ("NZ", 10)] {
        assert_eq!(
            CashRounding::preset(country),
            Ok(CashRounding::Nearest { step }),
            "{country}"
        );
    }
    for country in ["FR", "DE", "US", "GB", "JP"] {
        assert_eq!(
            CashRounding::preset(country),
            Ok(CashRounding::None),
            "{country}"
        );
    }
    for bad in ["", "CAN", "C1", "é"] {
        assert_eq!(
            CashRounding::preset(bad).map_err(|e| e.code()),
            Err("invalid_country"),
            "{bad:?}"
        );
    }
    let ok = [
        ("none", "EUR", CashRounding::None),
        (" None ", "EUR", CashRounding::None),
        ("0.05", "CAD", NICKEL),
        ("0.05", "CHF", NICKEL),
        ("1", "SEK", CashRounding::Nearest { step: 100 }),
        ("0.50", "DKK", CashRounding::Nearest { step: 50 }),
        ("5", "JPY", CashRounding::Nearest { step: 5 }),
        ("0.050", "BHD", CashRounding::Nearest { step: 50 }),
    ];
    for (text, code, rule) in ok {
        assert_eq!(
            CashRounding::parse(text, cur(code)),
            Ok(rule),
            "{text} {code}"
        );
        let again = CashRounding::parse(&rule.to_text(cur(code)), cur(code));
        assert_eq!(again, Ok(rule), "{text} {code}");
    }
    let bad = [
        ("0.001", "EUR"),
        ("0.05", "JPY"),
        ("0", "EUR"),
        ("0.00", "EUR"),
        ("-0.05", "EUR"),
        ("abc", "EUR"),
        ("", "EUR"),
        ("0,05", "EUR"),
        (".05", "EUR"),
        ("1e2", "EUR"),
    ];
    for (text, code) in bad {
        let err = CashRounding::parse(text, cur(code)).map_err(|e| e.code());
        assert_eq!(err, Err("invalid_cash_rounding"), "{text:?} {code}");
    }
    assert!(CashRounding::nearest(0).is_err() && CashRounding::nearest(-5).is_err());
    let invalid = CashRounding::Nearest { step: 0 };
    assert_eq!(
        invalid.round(cad(1)).map_err(|e| e.code()),
        Err("invalid_cash_rounding")
    );
    assert_eq!(
        settle(cad(1), &[], invalid).map_err(|e| e.code()),
        Err("invalid_cash_rounding")
    );
}

#[test]
fn cash_rounding_json() -> Result<(), serde_json::Error> {
    assert_eq!(
        serde_json::to_string(&NICKEL)?,
        r#"{"rule":"nearest","step":5}"#
    );
    assert_eq!(
        serde_json::to_string(&CashRounding::None)?,
        r#"{"rule":"none"}"#
    );
    assert_eq!(
        serde_json::from_str::<CashRounding>(r#"{"rule":"nearest","step":100}"#)?,
        CashRounding::Nearest { step: 100 }
    );
    for bad in [
        r#"{"rule":"nearest","step":0}"#,
        r#"{"rule":"nearest"}"#,
        r#"{"rule":"up"}"#,
    ] {
        assert!(serde_json::from_str::<CashRounding>(bad).is_err(), "{bad}");
    }
    assert_eq!(serde_json::to_string(&GiftCard)?, r#""gift_card""#);
    assert_eq!(TenderKind::parse("cheque"), None);
    for kind in TenderKind::ALL {
        assert_eq!(TenderKind::parse(kind.as_str()), Some(kind));
        assert_eq!(
            serde_json::to_string(&kind)?,
            format!("\"{}\"", kind.as_str())
        );
        assert_eq!(
            serde_json::from_str::<TenderKind>(&format!("\"{}\"", kind.as_str()))?,
            kind
        );
    }
    Ok(())
}

/// (total, payments, rule) -> (paid, rounding, change, remaining, cash_due, settled)
#[test]
fn settlements() {
    type Row = (
        &'static str,
        i64,
        &'static [(TenderKind, i64)],
        CashRounding,
        [i64; 5],
        bool,
    );
    #[rustfmt::skip]
    let rows: &[Row] = &[
        ("nothing paid yet", 1002, &[], NICKEL, [0, 0, 0, 1002, 1000], false),
        ("card part, cash still due", 1002, &[(Card, 500)], NICKEL, [500, 0, 0, 502, 500], false),
        ("split card + cash, rounded down", 1002, &[(Card, 500), (Cash, 500)], NICKEL, [1000, -2, 0, 0, 0], true),
        ("split card + cash with change", 1003, &[(Card, 500), (Cash, 1000)], NICKEL, [1500, 2, 495, 0, 0], true),
        ("exact cash", 492, &[(Cash, 490)], NICKEL, [490, -2, 0, 0, 0], true),
        ("cash with change", 493, &[(Cash, 1000)], NICKEL, [1000, 2, 505, 0, 0], true),
        ("cash between exact and rounded", 493, &[(Cash, 494)], NICKEL, [494, 1, 0, 0, 0], true),
        ("card is never rounded", 492, &[(Card, 492)], NICKEL, [492, 0, 0, 0, 0], true),
        ("card leaves less than a coin", 492, &[(Card, 490)], NICKEL, [490, 0, 0, 2, 0], false),
        ("settled by rounding alone", 492, &[(Card, 490), (Cash, 0)], NICKEL, [490, -2, 0, 0, 0], true),
        ("partial cash then card", 1002, &[(Cash, 500), (Card, 502)], NICKEL, [1002, 0, 0, 0, 0], true),
        ("partial cash then cash", 1002, &[(Cash, 500), (Cash, 500)], NICKEL, [1000, -2, 0, 0, 0], true),
        ("gift card, store credit, wallet", 1000, &[(GiftCard, 300), (StoreCredit, 200), (Wallet, 500)], NICKEL, [1000, 0, 0, 0, 0], true),
        ("no rounding rule", 492, &[(Cash, 500)], CashRounding::None, [500, 0, 8, 0, 0], true),
        ("whole krona", 2450, &[(Cash, 5000)], CashRounding::Nearest { step: 100 }, [5000, 50, 2500, 0, 0], true),
        ("nothing to pay", 0, &[], NICKEL, [0, 0, 0, 0, 0], true),
        // Refunds: the mirror image.
        ("refund in cash", -492, &[(Cash, -490)], NICKEL, [-490, 2, 0, 0, 0], true),
        ("refund to card", -492, &[(Card, -492)], NICKEL, [-492, 0, 0, 0, 0], true),
        ("refund partly to card", -492, &[(Card, -200)], NICKEL, [-200, 0, 0, -292, -290], false),
        ("refund, customer gives change back", -493, &[(Cash, -500)], NICKEL, [-500, -2, -5, 0, 0], true),
    ];
    for &(case, total, payments, rule, [paid, rounding, change, remaining, cash_due], done) in rows
    {
        let payments: Vec<(TenderKind, Money)> =
            payments.iter().map(|&(k, m)| (k, cad(m))).collect();
        let s = settled(cad(total), &payments, rule);
        let got = [s.paid, s.rounding, s.change, s.remaining, s.cash_due].map(|m| m.minor());
        assert_eq!(
            (got, s.settled),
            ([paid, rounding, change, remaining, cash_due], done),
            "{case}"
        );
        assert_eq!(s.total, cad(total));
        assert_eq!(s.remaining_for(Cash).minor(), cash_due, "{case}");
        assert_eq!(s.remaining_for(Card).minor(), remaining, "{case}");
    }
}

#[test]
fn refused_payments() {
    type Row<'a> = (&'a str, i64, &'a [(TenderKind, Money)], &'a str);
    let rows: &[Row<'_>] = &[
        (
            "card overpay",
            1000,
            &[(Card, cad(1001))],
            "overpayment_not_in_cash",
        ),
        (
            "gift card overpay",
            1000,
            &[(Cash, cad(500)), (GiftCard, cad(600))],
            "overpayment_not_in_cash",
        ),
        (
            "card over the cash-rounded due",
            492,
            &[(Card, cad(495))],
            "overpayment_not_in_cash",
        ),
        (
            "refund overpaid to card",
            -492,
            &[(Card, cad(-500))],
            "overpayment_not_in_cash",
        ),
        (
            "currency mismatch",
            1000,
            &[(Card, Money::new(1000, Currency::USD))],
            "currency_mismatch",
        ),
        (
            "negative payment on a sale",
            1000,
            &[(Cash, cad(-100))],
            "payment_wrong_direction",
        ),
        (
            "positive payment on a refund",
            -1000,
            &[(Card, cad(100))],
            "payment_wrong_direction",
        ),
        (
            "zero card payment",
            1000,
            &[(Card, cad(0))],
            "payment_wrong_direction",
        ),
        (
            "payment after settlement",
            1000,
            &[(Cash, cad(2000)), (Card, cad(1))],
            "already_settled",
        ),
        (
            "payment on nothing",
            0,
            &[(Cash, cad(5))],
            "already_settled",
        ),
        ("overflow", i64::MIN, &[], "amount_overflow"),
    ];
    for &(case, total, payments, code) in rows {
        let err = settle(cad(total), payments, NICKEL).map_err(|e| e.code());
        assert_eq!(err.err(), Some(code), "{case}");
    }
    assert_eq!(
        settle(cad(1000), &[(Card, cad(400)), (Wallet, cad(700))], NICKEL),
        Err(SettlementError::Overpayment {
            index: 1,
            kind: Wallet,
            amount: cad(700),
            remaining: cad(600)
        })
    );
}

#[test]
fn error_codes_are_stable() {
    let cases = [
        (
            SettlementError::CurrencyMismatch {
                index: 0,
                expected: Currency::EUR,
                found: Currency::USD,
            },
            "currency_mismatch",
        ),
        (
            SettlementError::Overpayment {
                index: 0,
                kind: Card,
                amount: cad(2),
                remaining: cad(1),
            },
            "overpayment_not_in_cash",
        ),
        (
            SettlementError::WrongDirection {
                index: 0,
                amount: cad(-1),
            },
            "payment_wrong_direction",
        ),
        (
            SettlementError::AlreadySettled { index: 0 },
            "already_settled",
        ),
        (
            SettlementError::InvalidRule {
                input: "x".into(),
                reason: "r",
            },
            "invalid_cash_rounding",
        ),
        (
            SettlementError::InvalidCountry { input: "x".into() },
            "invalid_country",
        ),
        (
            SettlementError::Money(MoneyError::Overflow),
            "amount_overflow",
        ),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code, "{error}");
    }
}

/// "Money is integers": no float type may appear in the tender code.
#[test]
fn no_float_types_in_tender_code() {
    let sources = [
        ("mod.rs", include_str!("mod.rs")),
        ("rounding.rs", include_str!("rounding.rs")),
        ("error.rs", include_str!("error.rs")),
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

fn any_payment() -> impl Strategy<Value = (TenderKind, i64)> {
    let kind = prop::sample::select(vec![Cash, Cash, Card, Wallet, GiftCard, StoreCredit]);
    (kind, 0i64..5_000)
}

fn any_rule() -> impl Strategy<Value = CashRounding> {
    prop::sample::select(vec![
        CashRounding::None,
        NICKEL,
        CashRounding::Nearest { step: 10 },
        CashRounding::Nearest { step: 100 },
    ])
}

fn mirror(s: &Settlement) -> Settlement {
    Settlement {
        total: -s.total,
        paid: -s.paid,
        rounding: -s.rounding,
        change: -s.change,
        remaining: -s.remaining,
        cash_due: -s.cash_due,
        settled: s.settled,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// What was tendered always balances what was owed, rounding and change; and a refund
    /// settles as the exact mirror of the same sale.
    #[test]
    fn settlements_balance(
        total in 0i64..10_000,
        payments in prop::collection::vec(any_payment(), 0..5),
        rule in any_rule(),
    ) {
        let payments: Vec<(TenderKind, Money)> = payments.into_iter().map(|(k, m)| (k, cad(m))).collect();
        let result = settle(cad(total), &payments, rule);
        let negated: Vec<(TenderKind, Money)> = payments.iter().map(|&(k, m)| (k, -m)).collect();
        let refund = settle(cad(-total), &negated, rule);
        match (&result, &refund) {
            (Ok(s), Ok(r)) => prop_assert_eq!(r, &mirror(s)),
            (Err(a), Err(b)) => prop_assert_eq!(a.code(), b.code()),
            _ => prop_assert!(false, "sale {:?} but refund {:?}", result, refund),
        }
        let Ok(s) = result else {
            let code = result.map_err(|e| e.code()).err();
            let expected = ["overpayment_not_in_cash", "already_settled", "payment_wrong_direction"];
            prop_assert!(code.is_some_and(|c| expected.contains(&c)), "{:?}", code);
            return Ok(());
        };
        let step = match rule { CashRounding::Nearest { step } => step, CashRounding::None => 1 };
        if s.settled {
            prop_assert_eq!(s.paid.minor() - s.change.minor(), total + s.rounding.minor());
            prop_assert!(s.remaining.is_zero() && s.cash_due.is_zero());
            prop_assert!(2 * s.rounding.minor().abs() <= step);
            prop_assert!(s.change.minor() >= 0);
            let cash: i64 = payments.iter().filter(|p| p.0 == Cash).map(|p| p.1.minor()).sum();
            prop_assert!(s.change.minor() <= cash, "change only from cash");
        } else {
            prop_assert!(s.rounding.is_zero() && s.change.is_zero());
            prop_assert_eq!(s.paid.minor(), total - s.remaining.minor());
            prop_assert!(s.remaining.minor() > 0);
            prop_assert_eq!(Ok(s.cash_due), rule.round(s.remaining));
        }
    }
}
