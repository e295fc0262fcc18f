//! REFERENCE.md section 7, priced as whole sales in both scopes.

use super::*;

/// One row of the reference table: the lines, the tax policy, and the expected tax and total
/// per line and per document.
struct Vector {
    case: &'static str,
    currency: Currency,
    mode: TaxMode,
    rounding: Rounding,
    taxes: &'static [(&'static str, &'static str)],
    /// (unit price, quantity in thousandths) per line.
    lines: &'static [(i64, i64)],
    per_line: (i64, i64),
    per_document: (i64, i64),
}

const NYC: &[(&str, &str)] = &[("STATE", "4"), ("CITY", "4.5"), ("MCTD", "0.375")];

#[rustfmt::skip]
const VECTORS: &[Vector] = &[
    Vector { case: "3 x 0.99 EUR incl. 19% VAT", currency: Currency::EUR, mode: TaxMode::Inclusive,
        rounding: Rounding::HalfUp, taxes: &[("VAT19", "19")], lines: &[(99, 1000), (99, 1000), (99, 1000)],
        per_line: (48, 297), per_document: (47, 297) },
    Vector { case: "3 x net 0.33 at 20%", currency: Currency::EUR, mode: TaxMode::Exclusive,
        rounding: Rounding::HalfUp, taxes: &[("VAT20", "20")], lines: &[(33, 1000), (33, 1000), (33, 1000)],
        per_line: (21, 120), per_document: (20, 119) },
    Vector { case: "US 7.25%, 3 x 0.50 USD", currency: Currency::USD, mode: TaxMode::Exclusive,
        rounding: Rounding::HalfUp, taxes: &[("CA", "7.25")], lines: &[(50, 1000), (50, 1000), (50, 1000)],
        per_line: (12, 162), per_document: (11, 161) },
    Vector { case: "NYC 8.875%, 1.25 + 2.35", currency: Currency::USD, mode: TaxMode::Exclusive,
        rounding: Rounding::HalfUp, taxes: &[("NYC", "8.875")], lines: &[(125, 1000), (235, 1000)],
        per_line: (32, 392), per_document: (32, 392) },
    Vector { case: "NYC 8.875% as state + city + MCTD", currency: Currency::USD, mode: TaxMode::Exclusive,
        rounding: Rounding::HalfUp, taxes: NYC, lines: &[(125, 1000), (235, 1000)],
        per_line: (32, 392), per_document: (32, 392) },
    Vector { case: "net 2.50 at 5%, half-up", currency: Currency::EUR, mode: TaxMode::Exclusive,
        rounding: Rounding::HalfUp, taxes: &[("GST", "5")], lines: &[(250, 1000)],
        per_line: (13, 263), per_document: (13, 263) },
    Vector { case: "net 2.50 at 5%, half-even", currency: Currency::EUR, mode: TaxMode::Exclusive,
        rounding: Rounding::HalfEven, taxes: &[("GST", "5")], lines: &[(250, 1000)],
        per_line: (12, 262), per_document: (12, 262) },
    Vector { case: "-0.125 half-up away from zero", currency: Currency::EUR, mode: TaxMode::Exclusive,
        rounding: Rounding::HalfUp, taxes: &[("GST", "5")], lines: &[(250, -1000)],
        per_line: (-13, -263), per_document: (-13, -263) },
    Vector { case: "-0.125 half-even", currency: Currency::EUR, mode: TaxMode::Exclusive,
        rounding: Rounding::HalfEven, taxes: &[("GST", "5")], lines: &[(250, -1000)],
        per_line: (-12, -262), per_document: (-12, -262) },
    Vector { case: "3 x 0.99 as one line of 3", currency: Currency::EUR, mode: TaxMode::Inclusive,
        rounding: Rounding::HalfUp, taxes: &[("VAT19", "19")], lines: &[(99, 3000)],
        per_line: (47, 297), per_document: (47, 297) },
];

#[test]
fn reference_vectors_through_price_sale() {
    for v in VECTORS {
        let expected = [
            (TaxScope::PerLine, v.per_line),
            (TaxScope::PerDocument, v.per_document),
        ];
        for (scope, (tax, total)) in expected {
            let lines = v
                .lines
                .iter()
                .map(|&(price, milli)| line(money(price, v.currency), milli, v.taxes));
            let mut input = sale(v.mode, scope, lines.collect());
            input.currency = v.currency;
            input.policy.rounding = v.rounding;
            let p = priced(&input);
            assert_eq!(
                (p.tax_total.minor(), p.total.minor()),
                (tax, total),
                "{} {scope:?}",
                v.case
            );
            let summary_tax: i64 = p.taxes.iter().map(|t| t.tax.minor()).sum();
            assert_eq!(summary_tax, tax, "{} {scope:?}", v.case);
            assert_eq!(p.currency, v.currency);
        }
    }
}

#[test]
fn reference_line_taxes() {
    let vat19 = [("VAT19", "19")];
    let three = || vec![line(eur(99), 1000, &vat19); 3];
    // Per line: 0.16 each. Per document: 0.47 spread as 0.15 + 0.16 + 0.16 (each share is
    // 0.158, rounded to 0.16; the one cent too many comes off the first line on the tie).
    let rows = [
        (TaxScope::PerLine, [16, 16, 16]),
        (TaxScope::PerDocument, [15, 16, 16]),
    ];
    for (scope, taxes) in rows {
        let p = priced(&sale(TaxMode::Inclusive, scope, three()));
        assert_eq!(minors(p.lines.iter().map(|l| l.tax)), taxes, "{scope:?}");
        let nets: Vec<i64> = taxes.iter().map(|t| 99 - t).collect();
        assert_eq!(minors(p.lines.iter().map(|l| l.net)), nets, "{scope:?}");
        assert_eq!(
            minors(p.lines.iter().map(|l| l.total)),
            [99, 99, 99],
            "{scope:?}"
        );
        let s = &p.taxes[0];
        assert_eq!(
            (s.code.as_str(), s.rate.to_string()),
            ("VAT19", "19".to_owned())
        );
        assert_eq!(
            minors([s.base, s.tax, s.gross]),
            [297 - s.tax.minor(), s.tax.minor(), 297]
        );
    }
}

#[test]
fn nyc_layers_split_by_rate() {
    // 1.25 → 0.11 tax (4 : 4.5 : 0.375 gives 0.05 + 0.06 + 0.00);
    // 2.35 → 0.21 tax (0.09 + 0.11 + 0.01).
    let input = sale(
        TaxMode::Exclusive,
        TaxScope::PerLine,
        vec![
            line(money(125, Currency::USD), 1000, NYC),
            line(money(235, Currency::USD), 1000, NYC),
        ],
    );
    let mut input = input;
    input.currency = Currency::USD;
    let p = priced(&input);
    let split = |l: &PricedLine| {
        l.taxes
            .iter()
            .map(|t| (t.code.clone(), t.tax.minor()))
            .collect::<Vec<_>>()
    };
    let expect = |s: [i64; 3]| {
        vec![
            ("STATE".to_owned(), s[0]),
            ("CITY".to_owned(), s[1]),
            ("MCTD".to_owned(), s[2]),
        ]
    };
    assert_eq!(split(&p.lines[0]), expect([5, 6, 0]));
    assert_eq!(split(&p.lines[1]), expect([9, 11, 1]));
    // Summaries sorted by rate: MCTD 0.375, STATE 4, CITY 4.5.
    let rows: Vec<(&str, i64, i64)> = p
        .taxes
        .iter()
        .map(|t| (t.code.as_str(), t.base.minor(), t.tax.minor()))
        .collect();
    assert_eq!(
        rows,
        [("MCTD", 360, 1), ("STATE", 360, 14), ("CITY", 360, 17)]
    );
}
