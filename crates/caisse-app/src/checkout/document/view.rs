//! The API view of a document: the same [`SaleView`] a live sale is shown with, the fields
//! of a live sale that a document does not have left null.

use caisse_core::money::Quantity;

use super::model::SaleDocument;
use crate::AppError;
use crate::catalog::view::MoneyJson;
use crate::checkout::cart::Cart;
use crate::checkout::view::{
    DiscountView, LineView, PaymentView, SaleView, SettlementView, TaxView, credit_note_of,
    discount_view,
};

impl SaleDocument {
    /// The document as `GET /sales/{id}` shows it. What only a live sale has is null (its
    /// `version`) or settled (nothing remains due); a tender voided before completion is
    /// listed with the reversal that voided it and pays nothing.
    pub fn view(&self) -> Result<SaleView, AppError> {
        let h = &self.header;
        let cur = h.currency.code();
        let m = |minor: i64| MoneyJson::new(minor, cur);
        let completed_at = jiff::Timestamp::from_microsecond(h.completed_at)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let lines = self
            .lines
            .iter()
            .map(|l| LineView {
                line_no: l.line_no,
                item_id: l.item_id,
                sku: l.sku.clone(),
                description: l.description.clone(),
                quantity: Quantity::from_milli(l.quantity).to_string(),
                unit: l.unit.clone(),
                // Not stored: a line in another unit than pieces was weighed or measured.
                sold_by_weight: l.unit != "each",
                unit_price: m(l.unit_price),
                price_override: l.price_override.map(m),
                base: m(l.base),
                discount: l
                    .discount
                    .as_ref()
                    .map(|d| DiscountView::of(&d.discount, &d.reason, l.approved_by)),
                discount_reason: l.discount.as_ref().map(|d| d.reason.clone()),
                line_discount: m(l.line_discount),
                sale_discount: m(l.sale_discount),
                amount: m(l.amount),
                tax: m(l.tax),
                total: m(l.total),
                tax_category: l.tax_category.clone(),
                voided: l.voided,
                lot: l.lot.clone(),
                expiry: l.expiry.clone(),
                serial: l.serial.clone(),
                original_line_no: l.original_line_no,
            })
            .collect();
        let taxes = self
            .taxes
            .iter()
            .map(|t| TaxView {
                code: t.code.clone(),
                label: t.label.clone(),
                rate: t.rate.to_string(),
                base: m(t.base),
                tax: m(t.tax),
                gross: m(t.gross),
            })
            .collect();
        let payments = self
            .payments
            .iter()
            .map(|p| PaymentView {
                id: p.id,
                kind: p.kind.as_str().to_owned(),
                tendered: m(p.tendered),
                amount: Some(m(if p.is_live() { p.amount } else { 0 })),
                card_brand: p.card_brand.clone(),
                card_last4: p.card_last4.clone(),
                auth_code: p.auth_code.clone(),
                credit_note: credit_note_of(p.kind, &p.terminal_ref),
                voided_by: p.voided_by,
                reverses: None,
            })
            .collect();
        Ok(SaleView {
            id: h.id,
            status: h.status.as_str().to_owned(),
            kind: h.kind.as_str().to_owned(),
            register_id: h.register_id,
            cashier_id: h.cashier_id,
            number: Some(h.number),
            receipt_number: Some(h.receipt_number.clone()),
            original_sale_id: h.original_sale_id,
            business_date: Some(h.business_date.to_string()),
            lines,
            discount: h
                .discount
                .as_ref()
                .map(|d| DiscountView::of(&d.discount, &d.reason, None)),
            subtotal: m(h.subtotal),
            discount_total: m(h.discount_total),
            net_total: m(h.net_total),
            tax_total: m(h.tax_total),
            total: m(h.total),
            taxes,
            tax_exempt_ref: h.tax_exempt_ref.clone(),
            payments,
            settlement: SettlementView {
                paid: m(h.paid),
                remaining: m(0),
                cash_due: m(0),
                rounding: m(h.rounding),
                change: m(h.change),
                settled: self.is_completed(),
            },
            version: None,
            completed_at: Some(completed_at.to_string()),
        })
    }

    /// The view answered to the till that completed or cancelled `cart` (also stored for
    /// retries and sent in the outbox event): the document's view with what the till knew
    /// that the document does not keep: the cart's version, which lines were weighed, who
    /// approved each discount.
    pub fn till_view(&self, cart: &Cart) -> Result<SaleView, AppError> {
        let mut view = self.view()?;
        view.version = Some(cart.version);
        view.discount = discount_view(cart.discount.as_ref());
        for (line, c) in view.lines.iter_mut().zip(&cart.lines) {
            line.sold_by_weight = c.sold_by_weight;
            line.discount = discount_view(c.discount.as_ref());
        }
        Ok(view)
    }
}
