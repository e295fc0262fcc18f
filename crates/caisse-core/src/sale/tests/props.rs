//! Invariants of pricing on random sales.

use proptest::prelude::*;

use super::*;

/// Tax sets a shop may attach to a line.
const TAX_SETS: &[&[(&str, &str)]] = &[
    &[],
    &[("VAT20", "20")],
    &[("VAT5_5", "5.5")],
    &[("VAT0", "0")],
    &[("STATE", "4"), ("CITY", "4.5"), ("MCTD", "0.375")],
    &[("GST", "5"), ("PST", "7")],
    &[("ODD", "7.1234")],
];

/// True about once in `n` cases (no float weights).
fn one_in(n: u8) -> impl Strategy<Value = bool> {
    (0..n).prop_map(|k| k == 0)
}

fn any_discount(currency: Currency) -> impl Strategy<Value = Option<Discount>> {
    prop_oneof![
        2 => Just(None),
        1 => (1i64..=1_000_000).prop_map(|p| Some(Discount::Percent(Decimal::new(p, 4)))),
        1 => (1i64..=2_000).prop_map(move |m| Some(Discount::Amount(Money::new(m, currency)))),
    ]
}

fn any_line(currency: Currency) -> impl Strategy<Value = LineInput> {
    (
        0i64..200_000,
        -20_000i64..20_000,
        prop_oneof![4 => Just(None), 1 => (0i64..200_000).prop_map(Some)],
        any_discount(currency),
        0..TAX_SETS.len(),
        one_in(10),
    )
        .prop_map(
            move |(price, milli, price_override, discount, set, voided)| LineInput {
                unit_price: Money::new(price, currency),
                quantity: Quantity::from_milli(milli),
                price_override: price_override.map(|p| Money::new(p, currency)),
                discount,
                taxes: taxes(TAX_SETS[set]),
                voided,
            },
        )
}

fn any_sale() -> impl Strategy<Value = SaleInput> {
    let currency = prop::sample::select(vec![Currency::EUR, Currency::JPY, Currency::BHD]);
    let mode = prop::sample::select(vec![TaxMode::Inclusive, TaxMode::Exclusive]);
    let scope = prop::sample::select(vec![TaxScope::PerLine, TaxScope::PerDocument]);
    let rounding = prop::sample::select(vec![
        Rounding::HalfUp,
        Rounding::HalfEven,
        Rounding::Down,
        Rounding::Up,
    ]);
    (currency, mode, scope, rounding).prop_flat_map(|(currency, mode, scope, rounding)| {
        (
            prop::collection::vec(any_line(currency), 0..8),
            any_discount(currency),
            one_in(6),
        )
            .prop_map(move |(lines, discount, tax_exempt)| SaleInput {
                currency,
                policy: TaxPolicy {
                    mode,
                    scope,
                    rounding,
                },
                lines,
                discount,
                tax_exempt,
            })
    })
}

/// The discounts may legitimately be refused on random data; nothing else may fail.
fn price_or_skip(input: &SaleInput) -> Result<Option<PricedSale>, TestCaseError> {
    match price_sale(input) {
        Ok(p) => Ok(Some(p)),
        Err(
            PricingError::LineDiscountExceedsPrice { .. } | PricingError::SaleDiscountExceedsTotal,
        ) => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("unexpected error {e}"))),
    }
}

fn total(amounts: impl IntoIterator<Item = Money>) -> i64 {
    amounts.into_iter().map(|m| m.minor()).sum()
}

fn mirrored(input: &SaleInput) -> SaleInput {
    let mut mirror = input.clone();
    for line in &mut mirror.lines {
        line.quantity = Quantity::from_milli(-line.quantity.milli());
    }
    mirror
}

fn negated(line: &PricedLine) -> PricedLine {
    PricedLine {
        base: -line.base,
        line_discount: -line.line_discount,
        sale_discount: -line.sale_discount,
        amount: -line.amount,
        net: -line.net,
        tax: -line.tax,
        total: -line.total,
        taxes: line
            .taxes
            .iter()
            .map(|t| LineTax {
                code: t.code.clone(),
                tax: -t.tax,
            })
            .collect(),
        voided: line.voided,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// The totals always add up, to the minor unit.
    #[test]
    fn totals_add_up(input in any_sale()) {
        let Some(p) = price_or_skip(&input)? else { return Ok(()) };
        prop_assert_eq!(p.lines.len(), input.lines.len());
        prop_assert_eq!(p.total.minor(), total(p.lines.iter().map(|l| l.total)));
        prop_assert_eq!(p.total.minor(), p.net_total.minor() + p.tax_total.minor());
        prop_assert_eq!(p.tax_total.minor(), total(p.taxes.iter().map(|t| t.tax)));
        prop_assert_eq!(p.tax_total.minor(), total(p.lines.iter().map(|l| l.tax)));
        prop_assert_eq!(p.subtotal.minor() - p.discount_total.minor(), total(p.lines.iter().map(|l| l.amount)));
        prop_assert_eq!(p.discount_total.minor(), p.line_discount_total.minor() + p.sale_discount_total.minor());
        for (l, line_in) in p.lines.iter().zip(&input.lines) {
            prop_assert_eq!(l.voided, line_in.voided);
            prop_assert_eq!(l.amount.minor(), l.base.minor() - l.line_discount.minor() - l.sale_discount.minor());
            prop_assert_eq!(l.total.minor(), l.net.minor() + l.tax.minor());
            prop_assert_eq!(l.tax.minor(), total(l.taxes.iter().map(|t| t.tax)));
            if l.voided {
                prop_assert_eq!(l.base.minor() | l.amount.minor() | l.total.minor() | l.net.minor(), 0);
            }
            match (input.policy.mode, input.tax_exempt) {
                (TaxMode::Inclusive, false) => prop_assert_eq!(l.total, l.amount),
                (TaxMode::Exclusive, _) => prop_assert_eq!(l.net, l.amount),
                (TaxMode::Inclusive, true) => prop_assert_eq!(l.total, l.net),
            }
        }
        if input.tax_exempt {
            prop_assert!(p.tax_total.is_zero() && p.taxes.is_empty());
        }
        for pair in p.taxes.windows(2) {
            prop_assert!((pair[0].rate, &pair[0].code) < (pair[1].rate, &pair[1].code));
        }
        for s in &p.taxes {
            prop_assert_eq!(s.gross.minor(), s.base.minor() + s.tax.minor());
        }
    }

    /// Each line's tax is within one minor unit of its exact share (per line: the nearest
    /// per the rounding), and has the sign of the line.
    #[test]
    fn line_taxes_are_near_exact(input in any_sale()) {
        let Some(p) = price_or_skip(&input)? else { return Ok(()) };
        prop_assume!(!input.tax_exempt);
        for (l, line_in) in p.lines.iter().zip(&input.lines) {
            let units: i128 = line_in.taxes.iter().map(|c| i128::from(c.rate.units())).sum();
            let den = match input.policy.mode {
                TaxMode::Inclusive => 1_000_000 + units,
                TaxMode::Exclusive => 1_000_000,
            };
            let gap = i128::from(l.tax.minor()) * den - i128::from(l.amount.minor()) * units;
            prop_assert!(gap.abs() < den, "line {:?}", l);
            prop_assert!(l.tax.minor() == 0 || (l.tax.minor() < 0) == (l.amount.minor() < 0));
        }
    }

    /// Pricing is a pure function: the same input, or the same input stored as JSON and read
    /// back, prices to exactly the same sale.
    #[test]
    fn pricing_is_deterministic(input in any_sale()) {
        let first = price_sale(&input);
        prop_assert_eq!(&price_sale(&input), &first);
        let stored = serde_json::to_string(&input).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let read: SaleInput = serde_json::from_str(&stored).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&read, &input);
        prop_assert_eq!(price_sale(&read), first);
    }

    /// A return of the same goods gives exactly the opposite of the sale, line by line.
    #[test]
    fn a_return_mirrors_its_sale(input in any_sale()) {
        let sale = price_sale(&input);
        let back = price_sale(&mirrored(&input));
        match (sale, back) {
            (Ok(sale), Ok(back)) => {
                let lines: Vec<PricedLine> = sale.lines.iter().map(negated).collect();
                prop_assert_eq!(&back.lines, &lines);
                let pairs = [
                    (back.subtotal, sale.subtotal),
                    (back.discount_total, sale.discount_total),
                    (back.net_total, sale.net_total),
                    (back.tax_total, sale.tax_total),
                    (back.total, sale.total),
                ];
                for (b, s) in pairs {
                    prop_assert_eq!(b, -s);
                }
                prop_assert_eq!(back.taxes.len(), sale.taxes.len());
                for (b, s) in back.taxes.iter().zip(&sale.taxes) {
                    prop_assert_eq!((&b.code, b.base, b.tax, b.gross), (&s.code, -s.base, -s.tax, -s.gross));
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "sale {:?} but return {:?}", a, b),
        }
    }
}
