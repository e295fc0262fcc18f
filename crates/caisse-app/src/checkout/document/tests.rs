//! The document's derivations, checked on documents made by hand: rows both ways, the journal
//! event field by field, the view, the stock and credit notes it moves.

use caisse_core::journal::canonical_json;
use caisse_core::money::{Currency, Money};
use caisse_core::sale::Discount;
use caisse_core::tax::{TaxMode, TaxRate, TaxScope};
use caisse_core::tender::TenderKind;
use caisse_store::sales::PaymentRow;
use rust_decimal::Decimal;
use serde_json::json;
use uuid::Uuid;

use super::*;
use crate::checkout::cart::SaleKind;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn line(n: u32, sku: &str, quantity: i64, price: i64) -> DocumentLine {
    let base = quantity * price / 1000;
    DocumentLine {
        line_no: n,
        item_id: Some(id(100 + u128::from(n))),
        product_id: Some(id(200 + u128::from(n))),
        variant_id: None,
        sku: sku.into(),
        description: format!("Item {sku}"),
        unit: "each".into(),
        tax_category: "standard".into(),
        quantity,
        unit_price: price,
        price_override: None,
        base,
        line_discount: 0,
        sale_discount: 0,
        amount: base,
        net: base * 100 / 120,
        tax: base - base * 100 / 120,
        total: base,
        discount: None,
        voided: false,
        approved_by: None,
        original_line_no: None,
        scanned_code: None,
        lot: None,
        expiry: None,
        serial: None,
    }
}

/// The tax of one rate: its code, the rate, and (base, tax).
fn tax(name: &str, rate: &str, (base, tax): (i64, i64)) -> DocumentTax {
    DocumentTax {
        code: name.to_owned(),
        label: format!("TVA {rate} %"),
        rate: TaxRate::parse(rate).unwrap(),
        base,
        tax,
        gross: base + tax,
    }
}

fn payment(n: u128, kind: TenderKind, tendered: i64) -> DocumentPayment {
    DocumentPayment {
        id: id(n),
        kind,
        amount: tendered,
        tendered,
        card_brand: None,
        card_last4: None,
        auth_code: None,
        terminal_ref: None,
        idempotency_key: Some(format!("key-{n}")),
        created_at: 1_000 + i64::try_from(n).unwrap_or(0),
        voided_by: None,
    }
}

/// A sale of 2 × A (one voided) and B at 10 % off, 0.13 off the sale, paid by card (a first
/// card payment voided) and cash with change.
fn sale() -> SaleDocument {
    let eur = Currency::parse("EUR").unwrap();
    let mut b = line(2, "B", 1000, 120);
    b.discount = Some(DocumentDiscount {
        discount: Discount::percent(Decimal::TEN).unwrap(),
        reason: "damaged".into(),
    });
    b.approved_by = Some(id(9));
    b.line_discount = 12;
    b.amount = 108;
    b.total = 108;
    let mut voided = line(3, "A", 1000, 250);
    voided.voided = true;
    (
        voided.base,
        voided.amount,
        voided.net,
        voided.tax,
        voided.total,
    ) = (0, 0, 0, 0, 0);
    let mut card = payment(30, TenderKind::Card, 300);
    card.voided_by = Some(id(31));
    card.card_brand = Some("VISA".into());
    card.card_last4 = Some("4242".into());
    let mut cash = payment(33, TenderKind::Cash, 500);
    cash.amount = 395;
    SaleDocument {
        header: DocumentHeader {
            id: id(1),
            store_id: id(2),
            register_id: id(3),
            session_id: id(4),
            kind: SaleKind::Sale,
            status: DocumentStatus::Completed,
            number: 42,
            receipt_number: "T1-000042".into(),
            original_sale_id: None,
            cashier_id: id(5),
            approved_by: None,
            currency: eur,
            tax_mode: TaxMode::Inclusive,
            tax_scope: TaxScope::PerDocument,
            tax_exempt_ref: None,
            subtotal: 620,
            discount_total: 25,
            net_total: 496,
            tax_total: 99,
            total: 595,
            rounding: 0,
            paid: 700,
            change: 105,
            discount: Some(DocumentDiscount {
                discount: Discount::amount(Money::new(13, eur)).unwrap(),
                reason: "loyalty".into(),
            }),
            business_date: "2026-11-27".parse().unwrap(),
            opened_at: 1_000,
            completed_at: 1_764_237_600_000_000,
            journal_seq: 7,
            receipt_head_id: Some(id(6)),
        },
        lines: vec![line(1, "A", 2000, 250), b, voided],
        taxes: vec![
            tax("reduced", "5.5", (0, 0)),
            tax("standard", "20", (496, 99)),
        ],
        payments: vec![card, payment(32, TenderKind::Card, 200), cash],
    }
}

/// A return of one A from sale 1 refunded as store credit.
fn store_credit_return() -> SaleDocument {
    let mut doc = sale();
    doc.header.id = id(50);
    doc.header.kind = SaleKind::Return;
    doc.header.original_sale_id = Some(id(1));
    doc.header.discount = None;
    doc.header.total = -250;
    doc.header.paid = -250;
    doc.header.change = 0;
    let mut a = line(1, "A", -1000, 250);
    a.original_line_no = Some(1);
    doc.lines = vec![a];
    let mut credit = payment(51, TenderKind::StoreCredit, -250);
    credit.terminal_ref = Some("CN-ABCDEFGHJK".into());
    doc.payments = vec![credit];
    doc
}

/// The rows a document is stored as, reversals included (the voids wrote them).
fn stored(doc: &SaleDocument) -> (DocumentRows, Vec<PaymentRow>) {
    let all = doc.clone().into_rows(|_| false).unwrap();
    let mut payments = all.payments.clone();
    for p in doc.payments.iter().filter(|p| !p.is_live()) {
        let mut reversal = payments.iter().find(|r| r.id == p.id).unwrap().clone();
        reversal.id = p.voided_by.unwrap();
        reversal.amount = -p.amount;
        reversal.tendered = -p.tendered;
        reversal.reverses = Some(p.id);
        payments.push(reversal);
    }
    (all, payments)
}

#[test]
fn a_document_reads_back_from_its_rows_as_it_was_written() {
    for doc in [sale(), store_credit_return()] {
        let (rows, payments) = stored(&doc);
        let back = SaleDocument::from_rows(rows.sale, rows.lines, rows.taxes, payments).unwrap();
        assert_eq!(back, doc);
    }
}

#[test]
fn tenders_taken_before_completion_get_no_row_from_it() {
    let doc = sale();
    let rows = doc.into_rows(|p| p.kind != TenderKind::Cash).unwrap();
    let ids: Vec<Uuid> = rows.payments.iter().map(|p| p.id).collect();
    assert_eq!(ids, [id(33)]);
    assert_eq!(rows.payments[0].amount, 395, "cash pays net of change");
    assert_eq!(rows.sale.journal_seq, 7);
    assert_eq!(
        rows.sale.sale_discount.as_deref(),
        Some(r#"{"amount":{"amount":13,"currency":"EUR"}}"#)
    );
    assert_eq!(
        rows.lines[1].discount.as_deref(),
        Some(r#"{"percent":"10"}"#)
    );
    assert_eq!(rows.taxes[0].rate_e4, 55_000);
}

#[test]
fn unreadable_rows_are_refused() {
    let (rows, mut payments) = stored(&sale());
    let mut orphan = payments[1].clone();
    orphan.id = id(99);
    orphan.reverses = Some(id(98));
    payments.push(orphan);
    let read = SaleDocument::from_rows(
        rows.sale.clone(),
        rows.lines.clone(),
        rows.taxes.clone(),
        payments,
    );
    assert!(
        read.is_err(),
        "a reversal of a tender the sale does not have"
    );
    let mut bad = rows.sale.clone();
    bad.status = "open".into();
    assert!(SaleDocument::from_rows(bad, Vec::new(), Vec::new(), Vec::new()).is_err());
    let mut bad = rows.sale.clone();
    bad.kind = "exchange".into();
    assert!(SaleDocument::from_rows(bad, Vec::new(), Vec::new(), Vec::new()).is_err());
    // A line returned from a line number no line can have is refused, not forgotten.
    let mut lines = rows.lines.clone();
    lines[0].original_line_no = Some(-1);
    assert!(
        SaleDocument::from_rows(rows.sale, lines, rows.taxes, Vec::new()).is_err(),
        "a negative original line number"
    );
}

#[test]
fn the_journal_event_records_what_it_always_recorded() {
    let doc = sale();
    let event = doc.journal_event("T1", id(8)).unwrap();
    let lines_sha256 = {
        use sha2::{Digest, Sha256};
        let text = "1|A|2000|250|500|84|false\n2|B|1000|120|108|20|false\n3|A|1000|250|0|0|true\n";
        hex::encode(Sha256::digest(text.as_bytes()))
    };
    let expected = json!({
        "document": id(1).to_string(),
        "number": 42,
        "receipt": "T1-000042",
        "till": "T1",
        "ts": "2025-11-27T10:00:00Z",
        "business_date": "2026-11-27",
        "cashier": id(8).to_string(),
        "total_ttc": "5.95",
        "total_ht": "4.96",
        "vat": {"5.50": "0.00", "20.00": "0.99"},
        "lines": 3,
        "lines_sha256": lines_sha256,
        "voided_tenders": {id(30).to_string(): ["card", 300, id(31).to_string()]},
        "tenders": {
            id(32).to_string(): ["card", 200],
            id(33).to_string(): ["cash", 500],
        },
        "rounding": "0.00",
        "change": "1.05",
    });
    assert_eq!(
        canonical_json(&event).unwrap(),
        canonical_json(&expected).unwrap()
    );
    assert_eq!(doc.journal_kind(), "sale");

    let ret = store_credit_return();
    let event = ret.journal_event("T1", id(8)).unwrap();
    assert_eq!(event["original"], id(1).to_string());
    assert_eq!(event["total_ttc"], "-2.50");
    assert_eq!(ret.journal_kind(), "return");

    let mut cancelled = sale();
    cancelled.header.status = DocumentStatus::Cancelled;
    let event = cancelled.journal_event("T1", id(8)).unwrap();
    assert_eq!(cancelled.journal_kind(), "cancellation");
    for absent in ["tenders", "rounding", "change", "original"] {
        assert!(event.get(absent).is_none(), "{absent} in {event}");
    }
    assert!(event.get("voided_tenders").is_some());
}

#[test]
fn the_view_of_a_document_is_settled_and_a_voided_tender_pays_nothing() {
    let view = sale().view().unwrap();
    assert_eq!(view.version, None);
    assert_eq!(view.business_date.as_deref(), Some("2026-11-27"));
    assert_eq!(view.completed_at.as_deref(), Some("2025-11-27T10:00:00Z"));
    assert_eq!(view.status, "completed");
    assert!(view.settlement.settled);
    assert_eq!(view.settlement.remaining.amount, 0);
    assert_eq!(view.settlement.change.amount, 105);
    let paid: Vec<(i64, Option<Uuid>)> = view
        .payments
        .iter()
        .map(|p| (p.amount.as_ref().map_or(-1, |a| a.amount), p.voided_by))
        .collect();
    assert_eq!(paid, [(0, Some(id(31))), (200, None), (395, None)]);
    assert_eq!(view.taxes[0].rate, "5.5");
    let b = &view.lines[1];
    assert_eq!(b.discount_reason.as_deref(), Some("damaged"));
    assert_eq!(
        b.discount.as_ref().map(|d| d.kind.as_str()),
        Some("percent")
    );
    assert_eq!(
        view.discount.as_ref().map(|d| d.reason.as_str()),
        Some("loyalty")
    );
    let ret = store_credit_return().view().unwrap();
    assert_eq!(
        ret.payments[0].credit_note.as_deref(),
        Some("CN-ABCDEFGHJK")
    );
    assert_eq!(ret.original_sale_id, Some(id(1)));
}

#[test]
fn stock_and_credit_notes_follow_the_document() {
    let doc = sale();
    let moves: Vec<(i64, Option<i32>)> = doc
        .stock_moves(true, id(8), id(9))
        .iter()
        .map(|m| (m.quantity, m.line_no))
        .collect();
    assert_eq!(
        moves,
        [(-2000, Some(1)), (-1000, Some(2))],
        "voided lines move nothing"
    );
    assert!(doc.credit_notes_issued().is_empty());
    let ret = store_credit_return();
    assert_eq!(ret.stock_moves(true, id(8), id(9))[0].quantity, 1000);
    assert!(
        ret.stock_moves(false, id(8), id(9)).is_empty(),
        "written off"
    );
    let notes = ret.credit_notes_issued();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].code.as_str(), notes[0].issued),
        ("CN-ABCDEFGHJK", 250)
    );
    let mut cancelled = ret;
    cancelled.header.status = DocumentStatus::Cancelled;
    assert!(cancelled.stock_moves(true, id(8), id(9)).is_empty());
    assert!(cancelled.credit_notes_issued().is_empty());
}

#[test]
fn the_outbox_event_names_the_status_and_carries_the_view() {
    let doc = sale();
    let view = serde_json::to_value(doc.view().unwrap()).unwrap();
    let event = doc.outbox_event(view.to_string());
    assert_eq!(event.topic, "sale.completed");
    assert_eq!(event.created_at, doc.header.completed_at);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&event.payload).unwrap(),
        view
    );
}
