//! The tenders a receipt prints: those that paid (a tender voided before completion and its
//! reversal are left out), with the card details that may be printed and, for store credit,
//! the credit note's code and what was left on it.

use caisse_core::money::{Currency, Locale, Money};
use caisse_core::receipt::{CardDetails, CardLastFour, CreditNoteRef, TenderLine};
use caisse_store::sales::PaymentRow;

use super::receipts::StoredSale;

/// The receipt's tender lines, in the order the tenders were taken.
pub(crate) fn tenders(s: &StoredSale, currency: Currency, locale: Locale) -> Vec<TenderLine> {
    let money = |minor: i64| Money::new(minor, currency);
    s.payments
        .iter()
        .filter(|p| p.reverses.is_none() && !s.payments.iter().any(|r| r.reverses == Some(p.id)))
        .map(|p| {
            let mut t = tender(p, money(p.tendered), locale);
            if p.kind == "store_credit" {
                t.credit_note = p.terminal_ref.clone().map(|code| CreditNoteRef {
                    code,
                    balance: s
                        .credit_moves
                        .iter()
                        .find(|m| m.payment_id == p.id)
                        .map(|m| money(m.balance_after)),
                });
            }
            t
        })
        .collect()
}

fn tender(p: &PaymentRow, amount: Money, locale: Locale) -> TenderLine {
    // Only brand, last four digits and authorisation code are ever printed.
    let card = match (
        &p.card_brand,
        p.card_last4.as_deref().map(CardLastFour::parse),
    ) {
        (brand, Some(Ok(last_four))) => Some(CardDetails {
            brand: brand.clone().unwrap_or_default(),
            last_four,
            auth_code: p.auth_code.clone(),
        }),
        _ => None,
    };
    TenderLine {
        label: tender_label(&p.kind, locale).to_owned(),
        amount,
        card,
        credit_note: None,
    }
}

fn tender_label(kind: &str, locale: Locale) -> &'static str {
    // English, French, German.
    let [en, fr, de] = match kind {
        "cash" => ["Cash", "Espèces", "Bar"],
        "card" => ["Card", "Carte bancaire", "Karte"],
        "wallet" => ["Mobile wallet", "Paiement mobile", "Mobiles Bezahlen"],
        "gift_card" => ["Gift card", "Carte cadeau", "Geschenkkarte"],
        "store_credit" => ["Store credit", "Avoir", "Guthaben"],
        _ => ["Other", "Autre", "Sonstige"],
    };
    match locale {
        Locale::FrFr => fr,
        Locale::DeDe => de,
        Locale::EnUs | Locale::EnGb => en,
    }
}
