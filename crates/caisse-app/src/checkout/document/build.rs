//! A document made from the cart that completes (or is cancelled): the cart as priced and
//! settled, numbered on its register.

use caisse_core::money::Currency;
use caisse_core::sale::PricedSale;
use caisse_core::tax::TaxPolicy;
use caisse_core::tender::Settlement;
use uuid::Uuid;

use super::model::{
    DocumentDiscount, DocumentHeader, DocumentLine, DocumentPayment, DocumentStatus, DocumentTax,
    SaleDocument,
};
use crate::checkout::cart::{Cart, CartDiscount};

/// What numbers and places a document, besides its cart.
#[derive(Debug, Clone)]
pub struct Numbering {
    /// The store.
    pub store_id: Uuid,
    /// The register's open drawer session.
    pub session_id: Uuid,
    /// The register's next document number.
    pub number: i64,
    /// Its receipt number (`T1-000042`).
    pub receipt_number: String,
    /// The store's currency.
    pub currency: Currency,
    /// The store's tax policy.
    pub policy: TaxPolicy,
    /// The business date it counts on.
    pub business_date: jiff::civil::Date,
    /// When it completes, µs.
    pub at: i64,
    /// The receipt head and foot it is issued with.
    pub receipt_head_id: Uuid,
}

fn discount(d: Option<&CartDiscount>) -> Option<DocumentDiscount> {
    d.map(|d| DocumentDiscount {
        discount: d.discount,
        reason: d.reason.clone(),
    })
}

impl SaleDocument {
    /// The document of a cart priced as `priced` and paid as `settlement`. A cancelled one
    /// records no payment figures (nothing was paid) and keeps only its voided tenders.
    pub fn from_cart(
        cart: &Cart,
        priced: &PricedSale,
        settlement: &Settlement,
        status: DocumentStatus,
        n: Numbering,
    ) -> SaleDocument {
        let completed = status == DocumentStatus::Completed;
        let paid = |x: caisse_core::money::Money| if completed { x.minor() } else { 0 };
        let header = DocumentHeader {
            id: cart.id,
            store_id: n.store_id,
            register_id: cart.register_id,
            session_id: n.session_id,
            kind: cart.kind,
            status,
            number: n.number,
            receipt_number: n.receipt_number,
            original_sale_id: cart.original_sale_id,
            cashier_id: cart.cashier_id,
            approved_by: cart.approved_by,
            currency: n.currency,
            tax_mode: n.policy.mode,
            tax_scope: n.policy.scope,
            tax_exempt_ref: cart.tax_exempt_ref.clone(),
            subtotal: priced.subtotal.minor(),
            discount_total: priced.discount_total.minor(),
            net_total: priced.net_total.minor(),
            tax_total: priced.tax_total.minor(),
            total: priced.total.minor(),
            rounding: paid(settlement.rounding),
            paid: paid(settlement.paid),
            change: paid(settlement.change),
            discount: discount(cart.discount.as_ref()),
            business_date: n.business_date,
            opened_at: cart.opened_at,
            completed_at: n.at,
            // Known once its journal entry is appended.
            journal_seq: 0,
            receipt_head_id: Some(n.receipt_head_id),
        };
        let lines = cart
            .lines
            .iter()
            .zip(&priced.lines)
            .map(|(l, p)| DocumentLine {
                line_no: l.line_no,
                item_id: l.item_id,
                product_id: l.product_id,
                variant_id: l.variant_id,
                sku: l.sku.clone(),
                description: l.description.clone(),
                unit: l.unit.clone(),
                tax_category: l.tax_category.clone(),
                quantity: l.quantity,
                unit_price: l.unit_price,
                price_override: l.price_override,
                base: p.base.minor(),
                line_discount: p.line_discount.minor(),
                sale_discount: p.sale_discount.minor(),
                amount: p.amount.minor(),
                net: p.net.minor(),
                tax: p.tax.minor(),
                total: p.total.minor(),
                discount: discount(l.discount.as_ref()),
                voided: l.voided,
                approved_by: l
                    .override_approved_by
                    .or_else(|| l.discount.as_ref().and_then(|d| d.approved_by)),
                original_line_no: l.original_line_no,
                scanned_code: l.scanned_code.clone(),
                lot: l.lot.clone(),
                expiry: l.expiry.clone(),
                serial: l.serial.clone(),
            })
            .collect();
        let taxes = priced
            .taxes
            .iter()
            .map(|t| DocumentTax {
                code: t.code.clone(),
                label: t.label.clone(),
                rate: t.rate,
                base: t.base.minor(),
                tax: t.tax.minor(),
                gross: t.gross.minor(),
            })
            .collect();
        // Change comes out of the last cash tender: its amount is what it pays towards the
        // total.
        let last_cash = cart.payments.iter().rposition(|p| p.kind.is_cash());
        let payments = cart
            .payments
            .iter()
            .enumerate()
            .map(|(i, p)| DocumentPayment {
                id: p.id,
                kind: p.kind,
                amount: if Some(i) == last_cash {
                    p.tendered - settlement.change.minor()
                } else {
                    p.tendered
                },
                tendered: p.tendered,
                card_brand: p.card_brand.clone(),
                card_last4: p.card_last4.clone(),
                auth_code: p.auth_code.clone(),
                terminal_ref: p.terminal_ref.clone(),
                idempotency_key: p.key.clone(),
                created_at: p.at,
                voided_by: p.voided_by,
            })
            .collect();
        SaleDocument {
            header,
            lines,
            taxes,
            payments,
        }
    }
}
