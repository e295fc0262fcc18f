//! Tests of receipts: golden ESC/POS bytes, code pages, the decoder, and the three renderers
//! on a French sale, a duplicate and a return.

mod codepage;
mod decode;
mod escpos_golden;
mod escpos_receipt;
mod html;
mod text;

use jiff::civil::date;

use super::*;
use crate::money::{Currency, Locale, Money, Quantity};

const NBSP: char = '\u{A0}';

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

fn last_four(digits: &str) -> CardLastFour {
    match CardLastFour::parse(digits) {
        Ok(d) => d,
        Err(e) => panic!("bad last four {digits:?} in a test: {e}"),
    }
}

fn item(description: &str, qty_milli: i64, unit: i64, amount: i64, code: char) -> ReceiptLine {
    ReceiptLine {
        description: description.to_owned(),
        quantity: Quantity::from_milli(qty_milli),
        unit_price: eur(unit),
        amount: eur(amount),
        discount: None,
        weight: None,
        tax_code: code,
        voided: false,
    }
}

/// A French sale: accents and €, a weighed item, a line discount, a voided line, two VAT
/// rates, card and cash, cash rounding and change.
fn french_sale() -> Receipt {
    let apples = ReceiptLine {
        weight: Some(WeightInfo {
            unit: "kg".to_owned(),
            tare: Some(Quantity::from_milli(5)),
        }),
        ..item("Pommes Golden", 1250, 320, 400, 'A')
    };
    let cider = ReceiptLine {
        discount: Some(Adjustment {
            label: "Remise fidélité -10 %".to_owned(),
            amount: eur(-68),
        }),
        ..item(
            "Cidre brut artisanal de Normandie, bouteille 75 cl",
            1000,
            680,
            680,
            'B',
        )
    };
    let bag = ReceiptLine {
        voided: true,
        ..item("Sac réutilisable", 1000, 50, 50, 'B')
    };
    Receipt {
        store: StoreHeader {
            name: "Épicerie du Marché".to_owned(),
            address: vec!["12 rue de la Paix".to_owned(), "75002 Paris".to_owned()],
            tax_id: Some("SIRET 123 456 789 00012".to_owned()),
        },
        register: "T1".to_owned(),
        number: "T1-000042".to_owned(),
        issued_at: date(2026, 1, 15).at(9, 5, 7, 0),
        cashier: "Zoé".to_owned(),
        locale: Locale::FrFr,
        currency: Currency::EUR,
        kind: ReceiptKind::Sale,
        duplicate: None,
        lines: vec![
            item("Baguette tradition", 2000, 120, 240, 'A'),
            apples,
            cider,
            bag,
        ],
        subtotal: eur(1252),
        discounts: vec![],
        taxes: vec![
            TaxSummary {
                code: 'A',
                rate_label: "5,5 %".to_owned(),
                net: eur(607),
                tax: eur(33),
                gross: eur(640),
            },
            TaxSummary {
                code: 'B',
                rate_label: "20 %".to_owned(),
                net: eur(510),
                tax: eur(102),
                gross: eur(612),
            },
        ],
        total: eur(1252),
        cash_rounding: eur(-2),
        tenders: vec![
            TenderLine {
                label: "Carte bancaire".to_owned(),
                amount: eur(500),
                card: Some(CardDetails {
                    brand: "CB".to_owned(),
                    last_four: last_four("4242"),
                    auth_code: Some("123456".to_owned()),
                }),
                credit_note: None,
            },
            TenderLine {
                label: "Espèces".to_owned(),
                amount: eur(1000),
                card: None,
                credit_note: None,
            },
        ],
        change: eur(250),
        footer: vec![
            "Merci de votre visite !".to_owned(),
            "Échange sous 30 jours avec ce ticket".to_owned(),
        ],
        barcode: "T1-000042".to_owned(),
    }
}

/// The return of the cider, on a new receipt that points at the sale.
fn french_return() -> Receipt {
    let sale = french_sale();
    Receipt {
        number: "T1-000043".to_owned(),
        kind: ReceiptKind::Return {
            original: "T1-000042".to_owned(),
        },
        lines: vec![ReceiptLine {
            quantity: Quantity::from_milli(-1000),
            amount: eur(-680),
            discount: Some(Adjustment {
                label: "Remise fidélité -10 %".to_owned(),
                amount: eur(68),
            }),
            ..sale.lines[2].clone()
        }],
        subtotal: eur(-612),
        taxes: vec![TaxSummary {
            code: 'B',
            rate_label: "20 %".to_owned(),
            net: eur(-510),
            tax: eur(-102),
            gross: eur(-612),
        }],
        total: eur(-612),
        cash_rounding: eur(0),
        tenders: vec![TenderLine {
            label: "Espèces".to_owned(),
            amount: eur(-612),
            card: None,
            credit_note: None,
        }],
        change: eur(0),
        barcode: "T1-000043".to_owned(),
        ..sale
    }
}

/// The same sale in US English and dollars.
fn us_sale() -> Receipt {
    let usd = |minor| Money::new(minor, Currency::USD);
    let mut receipt = french_sale();
    receipt.locale = Locale::EnUs;
    receipt.currency = Currency::USD;
    for line in &mut receipt.lines {
        line.unit_price = usd(line.unit_price.minor());
        line.amount = usd(line.amount.minor());
        if let Some(d) = &mut line.discount {
            d.amount = usd(d.amount.minor());
        }
    }
    for t in &mut receipt.taxes {
        (t.net, t.tax, t.gross) = (usd(t.net.minor()), usd(t.tax.minor()), usd(t.gross.minor()));
    }
    for t in &mut receipt.tenders {
        t.amount = usd(t.amount.minor());
    }
    receipt.subtotal = usd(receipt.subtotal.minor());
    receipt.total = usd(receipt.total.minor());
    receipt.cash_rounding = usd(receipt.cash_rounding.minor());
    receipt.change = usd(receipt.change.minor());
    receipt.issued_at = date(2026, 1, 15).at(15, 5, 7, 0);
    receipt
}

#[test]
fn receipts_round_trip_through_json() {
    for receipt in [french_sale(), french_return(), us_sale()] {
        let json = serde_json::to_value(&receipt);
        let back = json.and_then(serde_json::from_value::<Receipt>);
        assert_eq!(back.ok().as_ref(), Some(&receipt));
    }
    let json = serde_json::to_value(french_sale()).unwrap_or_default();
    assert_eq!(json["issued_at"], "2026-01-15T09:05:07");
    assert_eq!(json["kind"], serde_json::json!({"type": "sale"}));
    assert_eq!(json["tenders"][0]["card"]["last_four"], "4242");
}

#[test]
fn card_last_four_holds_only_four_digits() {
    let cases = [
        ("4242", true),
        ("0000", true),
        ("424", false),
        ("42424", false),
        ("4242424242424242", false),
        ("42a2", false),
        ("٤٢٤٢", false),
        ("", false),
    ];
    for (digits, ok) in cases {
        assert_eq!(CardLastFour::parse(digits).is_ok(), ok, "{digits:?}");
    }
    let full_pan =
        serde_json::json!({"brand": "VISA", "last_four": "4111111111111111", "auth_code": null});
    let refused = serde_json::from_value::<CardDetails>(full_pan).map_err(|e| e.to_string());
    assert!(refused.is_err_and(|e| e.contains("exactly four digits")));
    assert_eq!(InvalidLastFour.code(), "invalid_card_last_four");
}
