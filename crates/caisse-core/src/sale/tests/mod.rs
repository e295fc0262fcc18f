//! Tests of sale pricing: REFERENCE.md section 7 through `price_sale`, discounts, exemption,
//! errors, serde shapes, and proptest for the invariants.

mod discounts;
mod props;
mod vectors;

use rust_decimal::Decimal;

use super::*;
use crate::money::Rounding;
use crate::tax::{TaxMode, TaxScope};

fn money(minor: i64, currency: Currency) -> Money {
    Money::new(minor, currency)
}

fn eur(minor: i64) -> Money {
    money(minor, Currency::EUR)
}

fn rate(text: &str) -> TaxRate {
    match TaxRate::parse(text) {
        Ok(r) => r,
        Err(e) => panic!("bad rate {text:?} in a test: {e}"),
    }
}

fn dec(text: &str) -> Decimal {
    match text.parse() {
        Ok(d) => d,
        Err(e) => panic!("bad decimal {text:?} in a test: {e}"),
    }
}

/// Taxes from `(code, rate)` pairs; the label repeats the code.
fn taxes(pairs: &[(&str, &str)]) -> Vec<TaxComponent> {
    pairs
        .iter()
        .map(|(code, r)| match TaxComponent::new(code, code, rate(r)) {
            Ok(c) => c,
            Err(e) => panic!("bad tax {code:?} in a test: {e}"),
        })
        .collect()
}

/// A line of `milli` thousandths at `price`, with the given taxes.
fn line(price: Money, milli: i64, tax: &[(&str, &str)]) -> LineInput {
    LineInput {
        unit_price: price,
        quantity: Quantity::from_milli(milli),
        price_override: None,
        discount: None,
        taxes: taxes(tax),
        voided: false,
    }
}

fn sale(mode: TaxMode, scope: TaxScope, lines: Vec<LineInput>) -> SaleInput {
    SaleInput {
        currency: Currency::EUR,
        policy: TaxPolicy::new(mode, scope),
        lines,
        discount: None,
        tax_exempt: false,
    }
}

fn priced(input: &SaleInput) -> PricedSale {
    match price_sale(input) {
        Ok(p) => p,
        Err(e) => panic!("pricing failed: {e}"),
    }
}

fn minors(amounts: impl IntoIterator<Item = Money>) -> Vec<i64> {
    amounts.into_iter().map(|m| m.minor()).collect()
}

#[test]
fn error_codes_are_stable() {
    let cases = [
        (
            PricingError::CurrencyMismatch {
                line: Some(1),
                expected: Currency::EUR,
                found: Currency::USD,
            },
            "currency_mismatch",
        ),
        (
            PricingError::InvalidDiscount { reason: "r" },
            "invalid_discount",
        ),
        (
            PricingError::LineDiscountExceedsPrice { line: 0 },
            "discount_exceeds_price",
        ),
        (
            PricingError::SaleDiscountExceedsTotal,
            "discount_exceeds_total",
        ),
        (
            PricingError::DuplicateTaxCode {
                line: 0,
                code: "A".into(),
            },
            "duplicate_tax_code",
        ),
        (PricingError::Money(MoneyError::Overflow), "amount_overflow"),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code, "{error}");
    }
}

use crate::money::MoneyError;

#[test]
fn refused_sales() {
    let vat = [("VAT20", "20")];
    let usd_price = {
        let mut l = line(eur(100), 1000, &vat);
        l.unit_price = money(100, Currency::USD);
        l
    };
    let usd_override = {
        let mut l = line(eur(100), 1000, &vat);
        l.price_override = Some(money(90, Currency::USD));
        l
    };
    let usd_discount = {
        let mut l = line(eur(100), 1000, &vat);
        l.discount = Some(Discount::Amount(money(10, Currency::USD)));
        l
    };
    let twice = line(eur(100), 1000, &[("A", "1"), ("B", "2"), ("A", "3")]);
    let too_big = line(money(i64::MAX, Currency::EUR), 2000, &vat);
    let bad_percent = {
        let mut l = line(eur(100), 1000, &vat);
        l.discount = Some(Discount::Percent(dec("120")));
        l
    };
    let cases = [
        (usd_price, "currency_mismatch"),
        (usd_override, "currency_mismatch"),
        (usd_discount, "currency_mismatch"),
        (twice, "duplicate_tax_code"),
        (too_big, "amount_overflow"),
        (bad_percent, "invalid_discount"),
    ];
    for (bad, code) in cases {
        let input = sale(
            TaxMode::Inclusive,
            TaxScope::PerLine,
            vec![line(eur(5), 1000, &vat), bad],
        );
        let err = price_sale(&input);
        assert_eq!(
            err.as_ref().map_err(PricingError::code).err(),
            Some(code),
            "{err:?}"
        );
    }
    // The line is named in the error.
    let mut input = sale(
        TaxMode::Inclusive,
        TaxScope::PerLine,
        vec![line(eur(5), 1000, &vat)],
    );
    input.lines.push(line(money(5, Currency::GBP), 1000, &vat));
    assert_eq!(
        price_sale(&input),
        Err(PricingError::CurrencyMismatch {
            line: Some(1),
            expected: Currency::EUR,
            found: Currency::GBP
        })
    );
    input.lines.pop();
    input.discount = Some(Discount::Amount(money(1, Currency::GBP)));
    assert!(matches!(
        price_sale(&input),
        Err(PricingError::CurrencyMismatch { line: None, .. })
    ));
}

#[test]
fn voided_lines_are_kept_at_zero() {
    let vat = [("VAT20", "20")];
    let mut voided = line(eur(999), 2000, &vat);
    voided.voided = true;
    // A discount larger than the price does not matter on a voided line.
    voided.discount = Some(Discount::Amount(eur(1_000_000)));
    let input = sale(
        TaxMode::Inclusive,
        TaxScope::PerLine,
        vec![line(eur(120), 1000, &vat), voided],
    );
    let p = priced(&input);
    assert_eq!(p.lines.len(), 2);
    let v = &p.lines[1];
    assert!(v.voided && !p.lines[0].voided);
    assert_eq!(
        minors([
            v.base,
            v.line_discount,
            v.sale_discount,
            v.amount,
            v.net,
            v.tax,
            v.total
        ]),
        [0; 7]
    );
    assert!(v.taxes.is_empty());
    assert_eq!(
        minors([p.subtotal, p.net_total, p.tax_total, p.total]),
        [120, 100, 20, 120]
    );
}

#[test]
fn tax_exempt_sales() {
    let vat = [("VAT20", "20")];
    // (mode, amount per line, net, total)
    let rows = [
        (TaxMode::Inclusive, 1200, 1000, 1000),
        (TaxMode::Exclusive, 1000, 1000, 1000),
    ];
    for (mode, price, net, total) in rows {
        for scope in [TaxScope::PerLine, TaxScope::PerDocument] {
            let mut input = sale(mode, scope, vec![line(eur(price), 1000, &vat)]);
            input.tax_exempt = true;
            let p = priced(&input);
            assert!(p.tax_exempt, "{mode:?}");
            assert!(p.taxes.is_empty() && p.lines[0].taxes.is_empty());
            assert_eq!(
                minors([p.net_total, p.tax_total, p.total]),
                [net, 0, total],
                "{mode:?}"
            );
            assert_eq!(p.lines[0].amount, eur(price));
            input.tax_exempt = false;
            assert!(!priced(&input).tax_exempt);
        }
    }
}

#[test]
fn several_taxes_on_one_line() {
    // Inclusive 10.00 with 5 % + 7 %: 12 % extracted is 1.07, split 5:7 as 0.45 + 0.62.
    let input = sale(
        TaxMode::Inclusive,
        TaxScope::PerLine,
        vec![line(eur(1000), 1000, &[("GST", "5"), ("PST", "7")])],
    );
    let p = priced(&input);
    let split: Vec<(&str, i64)> = p.lines[0]
        .taxes
        .iter()
        .map(|t| (t.code.as_str(), t.tax.minor()))
        .collect();
    assert_eq!(split, [("GST", 45), ("PST", 62)]);
    assert_eq!(
        minors([p.lines[0].net, p.lines[0].tax, p.total]),
        [893, 107, 1000]
    );
    let rows: Vec<(&str, i64, i64, i64)> = p
        .taxes
        .iter()
        .map(|t| {
            (
                t.code.as_str(),
                t.base.minor(),
                t.tax.minor(),
                t.gross.minor(),
            )
        })
        .collect();
    assert_eq!(rows, [("GST", 893, 45, 938), ("PST", 893, 62, 955)]);
}

#[test]
fn mixed_sale_and_return_per_document() {
    // A 10.00 item sold and a 4.00 item returned in one document, 20 % VAT included.
    let vat = [("VAT20", "20")];
    let input = sale(
        TaxMode::Inclusive,
        TaxScope::PerDocument,
        vec![line(eur(1000), 1000, &vat), line(eur(400), -1000, &vat)],
    );
    let p = priced(&input);
    // 6.00 × 20/120 = 1.00; shares 1.666… and -0.666…
    assert_eq!(minors(p.lines.iter().map(|l| l.tax)), [167, -67]);
    assert_eq!(minors([p.total, p.tax_total, p.net_total]), [600, 100, 500]);
    // An exchange of equal value: no money and no tax change hands, each line keeps its tax.
    let input = sale(
        TaxMode::Inclusive,
        TaxScope::PerDocument,
        vec![line(eur(1000), 1000, &vat), line(eur(1000), -1000, &vat)],
    );
    let p = priced(&input);
    assert_eq!(minors(p.lines.iter().map(|l| l.tax)), [167, -167]);
    assert_eq!(minors([p.total, p.tax_total]), [0, 0]);
}

#[test]
fn lines_without_tax_and_empty_sales() {
    let p = priced(&sale(
        TaxMode::Exclusive,
        TaxScope::PerDocument,
        vec![line(eur(250), 3000, &[])],
    ));
    assert_eq!(
        minors([p.subtotal, p.net_total, p.tax_total, p.total]),
        [750, 750, 0, 750]
    );
    assert!(p.taxes.is_empty());
    let p = priced(&sale(TaxMode::Inclusive, TaxScope::PerLine, vec![]));
    assert_eq!(minors([p.subtotal, p.total]), [0, 0]);
    assert!(p.lines.is_empty());
}

#[test]
fn weighed_goods_and_price_overrides() {
    // 1.235 kg at 3.99 €/kg is 4.92765 → 4.93 (half-up, whatever the tax rounding).
    let mut input = sale(
        TaxMode::Inclusive,
        TaxScope::PerLine,
        vec![line(eur(399), 1235, &[("VAT5_5", "5.5")])],
    );
    input.policy.rounding = Rounding::Down;
    assert_eq!(priced(&input).lines[0].base, eur(493));
    input.lines[0].price_override = Some(eur(200));
    assert_eq!(priced(&input).lines[0].base, eur(247));
}

#[test]
fn sale_input_json() -> Result<(), serde_json::Error> {
    let json = r#"{
        "currency": "EUR",
        "policy": {"mode": "inclusive", "scope": "per_line"},
        "lines": [
            {"unit_price": {"amount": 99, "currency": "EUR"}, "quantity": "3",
             "taxes": [{"code": "VAT19", "label": "MwSt. 19 %", "rate": "19"}],
             "discount": {"percent": "10"}},
            {"unit_price": {"amount": 500, "currency": "EUR"}, "quantity": "1", "voided": true}
        ],
        "discount": {"amount": {"amount": 10, "currency": "EUR"}}
    }"#;
    let input: SaleInput = serde_json::from_str(json)?;
    assert_eq!(input.lines[0].discount, Some(Discount::Percent(dec("10"))));
    assert!(input.lines[1].voided && input.lines[1].taxes.is_empty() && !input.tax_exempt);
    let again: SaleInput = serde_json::from_str(&serde_json::to_string(&input)?)?;
    assert_eq!(again, input);
    let p = priced(&input);
    let out = serde_json::to_value(&p)?;
    assert_eq!(
        out["total"],
        serde_json::json!({"amount": 257, "currency": "EUR"})
    );
    assert_eq!(out["taxes"][0]["rate"], "19");
    assert_eq!(out["lines"][0]["taxes"][0]["code"], "VAT19");
    assert_eq!(out["lines"][1]["voided"], true);
    assert!(serde_json::from_str::<SaleInput>(&json.replace("\"voided\"", "\"void\"")).is_err());
    Ok(())
}

/// "Money is integers": no float type may appear in the sale code.
#[test]
fn no_float_types_in_sale_code() {
    let sources = [
        ("mod.rs", include_str!("../mod.rs")),
        ("price.rs", include_str!("../price.rs")),
        ("discount.rs", include_str!("../discount.rs")),
        ("spread.rs", include_str!("../spread.rs")),
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
