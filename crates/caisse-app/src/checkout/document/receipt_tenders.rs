//! The tenders a receipt prints: those that paid (a tender voided before completion and its
//! reversal are left out), with the card details that may be printed and, for store credit,
//! the credit note's code and what was left on it.

use caisse_core::money::{Locale, Money};
use caisse_core::receipt::{CardDetails, CardLastFour, CreditNoteRef, TenderLine};
use caisse_core::tender::TenderKind;
use caisse_store::credit_notes::CreditMoveRow;

use super::model::{DocumentPayment, SaleDocument};

/// The receipt's tender lines, in the order the tenders were taken.
pub(super) fn tenders(
    doc: &SaleDocument,
    credit_moves: &[CreditMoveRow],
    locale: Locale,
) -> Vec<TenderLine> {
    doc.live_payments()
        .map(|p| {
            let mut t = tender(p, doc.money(p.tendered), locale);
            if p.kind == TenderKind::StoreCredit {
                t.credit_note = p.terminal_ref.clone().map(|code| CreditNoteRef {
                    code,
                    balance: credit_moves
                        .iter()
                        .find(|m| m.payment_id == p.id)
                        .map(|m| doc.money(m.balance_after)),
                });
            }
            t
        })
        .collect()
}

fn tender(p: &DocumentPayment, amount: Money, locale: Locale) -> TenderLine {
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
        label: tender_label(p.kind, locale).to_owned(),
        amount,
        card,
        credit_note: None,
    }
}

fn tender_label(kind: TenderKind, locale: Locale) -> &'static str {
    // English, French, German.
    let [en, fr, de] = match kind {
        TenderKind::Cash => ["Cash", "Espèces", "Bar"],
        TenderKind::Card => ["Card", "Carte bancaire", "Karte"],
        TenderKind::Wallet => ["Mobile wallet", "Paiement mobile", "Mobiles Bezahlen"],
        TenderKind::GiftCard => ["Gift card", "Carte cadeau", "Geschenkkarte"],
        TenderKind::StoreCredit => ["Store credit", "Avoir", "Guthaben"],
        TenderKind::Other => ["Other", "Autre", "Sonstige"],
    };
    match locale {
        Locale::FrFr => fr,
        Locale::DeDe => de,
        Locale::EnUs | Locale::EnGb => en,
    }
}
