//! Line and sale discounts.

use super::*;

fn with_discount(mut l: LineInput, d: Discount) -> LineInput {
    l.discount = Some(d);
    l
}

fn percent(text: &str) -> Discount {
    match Discount::parse_percent(text) {
        Ok(d) => d,
        Err(e) => panic!("bad percent {text:?} in a test: {e}"),
    }
}

fn off(minor: i64) -> Discount {
    match Discount::amount(eur(minor)) {
        Ok(d) => d,
        Err(e) => panic!("bad amount {minor} in a test: {e}"),
    }
}

#[test]
fn discounts_are_checked() {
    let ok = [
        ("10", "10"),
        ("12.5", "12.5"),
        ("100", "100"),
        ("0.0001", "0.0001"),
        ("33.3300", "33.33"),
    ];
    for (text, normal) in ok {
        assert_eq!(
            Discount::parse_percent(text),
            Ok(Discount::Percent(dec(normal))),
            "{text}"
        );
    }
    let bad = [
        "0", "0.0", "100.01", "-5", "", "abc", "1e2", "5.", ".5", "1.2.3", "12.34567", "5 %",
    ];
    for text in bad {
        let err = Discount::parse_percent(text).map_err(|e| e.code());
        assert_eq!(err, Err("invalid_discount"), "{text:?}");
    }
    assert!(Discount::percent(dec("50")).is_ok());
    assert!(Discount::percent(dec("-50")).is_err());
    for minor in [0, -1, i64::MIN] {
        assert_eq!(
            Discount::amount(eur(minor)).map_err(|e| e.code()),
            Err("invalid_discount")
        );
    }
    assert!(off(1).validate().is_ok());
    assert!(Discount::Percent(dec("101")).validate().is_err());
}

#[test]
fn discount_json() -> Result<(), serde_json::Error> {
    assert_eq!(
        serde_json::to_string(&percent("12.50"))?,
        r#"{"percent":"12.5"}"#
    );
    assert_eq!(
        serde_json::to_string(&off(500))?,
        r#"{"amount":{"amount":500,"currency":"EUR"}}"#
    );
    assert_eq!(
        serde_json::from_str::<Discount>(r#"{"percent":"12.5"}"#)?,
        percent("12.5")
    );
    let bad = [
        r#"{"percent":12.5}"#,
        r#"{"percent":"0"}"#,
        r#"{"amount":{"amount":0,"currency":"EUR"}}"#,
        r#"{"fixed":"1"}"#,
    ];
    for json in bad {
        assert!(serde_json::from_str::<Discount>(json).is_err(), "{json}");
    }
    Ok(())
}

#[test]
fn line_discounts() {
    let vat = [("VAT20", "20")];
    // (price, thousandths, discount, rounding, expected line discount, expected amount)
    let rows = [
        (999, 3000, percent("10"), Rounding::HalfUp, 300, 2697), // 2.997 → 3.00
        (999, 3000, percent("10"), Rounding::Down, 299, 2698),
        (999, 3000, off(500), Rounding::HalfUp, 500, 2497),
        (999, 3000, off(2997), Rounding::HalfUp, 2997, 0),
        (999, 3000, percent("100"), Rounding::HalfUp, 2997, 0),
        (250, 1000, percent("5"), Rounding::HalfEven, 12, 238), // 0.125 → 0.12
        // A discounted returned line reduces the refund.
        (999, -3000, percent("10"), Rounding::HalfUp, -300, -2697),
        (999, -3000, off(500), Rounding::HalfUp, -500, -2497),
    ];
    for (price, milli, discount, rounding, expected_off, amount) in rows {
        let mut input = sale(
            TaxMode::Inclusive,
            TaxScope::PerLine,
            vec![with_discount(line(eur(price), milli, &vat), discount)],
        );
        input.policy.rounding = rounding;
        let p = priced(&input);
        let l = &p.lines[0];
        assert_eq!(
            minors([l.line_discount, l.amount, l.total]),
            [expected_off, amount, amount],
            "{discount:?}"
        );
        assert_eq!(p.line_discount_total, l.line_discount);
        assert_eq!(p.discount_total, l.line_discount);
    }
    for (milli, amount) in [(3000, 2998), (-3000, 2998), (0, 1)] {
        let input = sale(
            TaxMode::Inclusive,
            TaxScope::PerLine,
            vec![
                line(eur(1), 1000, &vat),
                with_discount(line(eur(999), milli, &vat), off(amount)),
            ],
        );
        assert_eq!(
            price_sale(&input),
            Err(PricingError::LineDiscountExceedsPrice { line: 1 })
        );
    }
}

#[test]
fn sale_discounts_are_spread_without_losing_a_cent() {
    let vat = [("VAT20", "20")];
    // (line prices, sale discount, expected shares)
    let rows: [(&[i64], Discount, &[i64]); 6] = [
        (&[333, 333, 333], off(100), &[34, 33, 33]),
        (&[1000, 500, 1], percent("10"), &[100, 50, 0]),
        (&[1000, 500, 1], off(1501), &[1000, 500, 1]),
        (&[1000, -400], off(300), &[500, -200]),
        (&[-1000, -500], off(300), &[-200, -100]),
        (&[700, 300], percent("33.3333"), &[233, 100]),
    ];
    for (prices, discount, shares) in rows {
        let lines = prices
            .iter()
            .map(|&p| line(eur(p.abs()), if p < 0 { -1000 } else { 1000 }, &vat))
            .collect();
        let mut input = sale(TaxMode::Inclusive, TaxScope::PerLine, lines);
        input.discount = Some(discount);
        let p = priced(&input);
        assert_eq!(
            minors(p.lines.iter().map(|l| l.sale_discount)),
            shares,
            "{prices:?} {discount:?}"
        );
        let given: i64 = shares.iter().sum();
        assert_eq!(p.sale_discount_total.minor(), given);
        let sum: i64 = prices.iter().sum();
        assert_eq!(p.total.minor(), sum - given, "{prices:?}");
    }
}

#[test]
fn sale_discount_after_line_discounts_and_voids() {
    let vat = [("VAT20", "20")];
    let mut voided = line(eur(5000), 1000, &vat);
    voided.voided = true;
    let discounted = with_discount(line(eur(1000), 1000, &vat), percent("50"));
    let mut input = sale(
        TaxMode::Exclusive,
        TaxScope::PerDocument,
        vec![discounted, voided, line(eur(500), 1000, &vat)],
    );
    input.discount = Some(off(100));
    let p = priced(&input);
    // Lines after their own discounts: 5.00, (void), 5.00 — the 1.00 splits evenly.
    assert_eq!(minors(p.lines.iter().map(|l| l.sale_discount)), [50, 0, 50]);
    assert_eq!(minors(p.lines.iter().map(|l| l.amount)), [450, 0, 450]);
    assert_eq!(
        minors([
            p.subtotal,
            p.line_discount_total,
            p.sale_discount_total,
            p.discount_total
        ]),
        [1500, 500, 100, 600]
    );
    // 9.00 net at 20 % = 1.80 tax.
    assert_eq!(
        minors([p.net_total, p.tax_total, p.total]),
        [900, 180, 1080]
    );
}

#[test]
fn sale_discount_larger_than_the_sale_is_refused() {
    let vat = [("VAT20", "20")];
    let cases = [
        (vec![line(eur(100), 1000, &vat)], off(101)),
        (vec![], off(1)),
        (
            vec![line(eur(100), 1000, &vat), line(eur(100), -1000, &vat)],
            off(1),
        ),
    ];
    for (lines, discount) in cases {
        let mut input = sale(TaxMode::Inclusive, TaxScope::PerLine, lines);
        input.discount = Some(discount);
        assert_eq!(
            price_sale(&input),
            Err(PricingError::SaleDiscountExceedsTotal)
        );
    }
    // A percentage of nothing is nothing.
    let mut input = sale(TaxMode::Inclusive, TaxScope::PerLine, vec![]);
    input.discount = Some(percent("10"));
    assert_eq!(priced(&input).discount_total, eur(0));
}
