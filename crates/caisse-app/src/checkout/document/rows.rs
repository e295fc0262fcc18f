//! The document's stored rows, both ways: the rows a completion writes, and the document read
//! back from them. The two directions live side by side so they cannot drift apart.

use caisse_core::money::Currency;
use caisse_core::sale::Discount;
use caisse_core::tax::{TaxMode, TaxScope};
use caisse_core::tender::TenderKind;
use caisse_store::sales::{LineRow, PaymentRow, SaleRow, TaxRow};
use uuid::Uuid;

use super::model::{
    DocumentDiscount, DocumentHeader, DocumentLine, DocumentPayment, DocumentStatus, DocumentTax,
    SaleDocument,
};
use crate::AppError;
use crate::checkout::cart::SaleKind;
use crate::checkout::config::{rate_from_e4, rate_to_e4};

/// The rows of one document's own tables.
#[derive(Debug, Clone)]
pub struct DocumentRows {
    /// The `sales` row.
    pub sale: SaleRow,
    /// Its lines.
    pub lines: Vec<LineRow>,
    /// Its tax per rate.
    pub taxes: Vec<TaxRow>,
    /// The tenders written with it (those not stored when they were taken).
    pub payments: Vec<PaymentRow>,
}

fn unreadable(what: &str, id: Uuid, why: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("stored sale {id}: {what} unreadable: {why}"))
}

fn discount_text(d: &Option<DocumentDiscount>) -> (Option<String>, Option<String>) {
    match d {
        // A discount always serialises; an empty text would only be read back as unreadable.
        Some(d) => (
            Some(serde_json::to_string(&d.discount).unwrap_or_default()),
            Some(d.reason.clone()),
        ),
        None => (None, None),
    }
}

fn discount_of(
    id: Uuid,
    text: Option<&str>,
    reason: Option<String>,
) -> Result<Option<DocumentDiscount>, AppError> {
    text.map(|t| {
        let discount: Discount =
            serde_json::from_str(t).map_err(|e| unreadable("discount", id, e))?;
        Ok(DocumentDiscount {
            discount,
            reason: reason.unwrap_or_default(),
        })
    })
    .transpose()
}

impl SaleDocument {
    /// The document as rows, its strings moved rather than copied. `stored_before` tells the
    /// tenders already written when they were taken (card, wallet, store credit): only the
    /// others get a row here.
    pub fn into_rows(
        self,
        stored_before: impl Fn(&DocumentPayment) -> bool,
    ) -> Result<DocumentRows, AppError> {
        let SaleDocument {
            header: h,
            lines,
            taxes,
            payments,
        } = self;
        let (sale_discount, discount_reason) = discount_text(&h.discount);
        let lines = lines
            .into_iter()
            .map(|l| {
                let (discount, discount_reason) = discount_text(&l.discount);
                LineRow {
                    sale_id: h.id,
                    line_no: i32::try_from(l.line_no).unwrap_or(i32::MAX),
                    item_id: l.item_id,
                    product_id: l.product_id,
                    variant_id: l.variant_id,
                    sku: l.sku,
                    description: l.description,
                    unit: l.unit,
                    tax_category: l.tax_category,
                    quantity: l.quantity,
                    unit_price: l.unit_price,
                    price_override: l.price_override,
                    base: l.base,
                    line_discount: l.line_discount,
                    sale_discount: l.sale_discount,
                    amount: l.amount,
                    net: l.net,
                    tax: l.tax,
                    total: l.total,
                    discount,
                    discount_reason,
                    voided: l.voided,
                    approved_by: l.approved_by,
                    original_line_no: l.original_line_no.and_then(|n| i32::try_from(n).ok()),
                    scanned_code: l.scanned_code,
                    lot: l.lot,
                    expiry: l.expiry,
                    serial: l.serial,
                }
            })
            .collect();
        let taxes = taxes
            .into_iter()
            .map(|t| {
                Ok(TaxRow {
                    sale_id: h.id,
                    code: t.code,
                    label: t.label,
                    rate_e4: rate_to_e4(t.rate)?,
                    base: t.base,
                    tax: t.tax,
                    gross: t.gross,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let payments = payments
            .into_iter()
            .filter(|p| !stored_before(p))
            .map(|p| PaymentRow {
                id: p.id,
                store_id: h.store_id,
                sale_id: h.id,
                kind: p.kind.as_str().to_owned(),
                amount: p.amount,
                tendered: p.tendered,
                card_brand: p.card_brand,
                card_last4: p.card_last4,
                auth_code: p.auth_code,
                terminal_ref: p.terminal_ref,
                idempotency_key: p.idempotency_key,
                created_at: p.created_at,
                reverses: None,
            })
            .collect();
        let sale = SaleRow {
            id: h.id,
            store_id: h.store_id,
            register_id: h.register_id,
            session_id: h.session_id,
            number: h.number,
            receipt_number: h.receipt_number,
            kind: h.kind.as_str().to_owned(),
            status: h.status.as_str().to_owned(),
            original_sale_id: h.original_sale_id,
            cashier_id: h.cashier_id,
            approved_by: h.approved_by,
            currency: h.currency.code().to_owned(),
            tax_mode: h.tax_mode.as_str().to_owned(),
            tax_scope: h.tax_scope.as_str().to_owned(),
            tax_exempt_ref: h.tax_exempt_ref,
            subtotal: h.subtotal,
            discount_total: h.discount_total,
            net_total: h.net_total,
            tax_total: h.tax_total,
            total: h.total,
            rounding: h.rounding,
            paid: h.paid,
            change_given: h.change,
            discount_reason,
            sale_discount,
            business_date: h.business_date.to_string(),
            opened_at: h.opened_at,
            completed_at: h.completed_at,
            journal_seq: h.journal_seq,
            receipt_head_id: h.receipt_head_id,
        };
        Ok(DocumentRows {
            sale,
            lines,
            taxes,
            payments,
        })
    }

    /// The document its stored rows hold. A tender voided before completion is stored as a
    /// pair (the tender, and its reversal naming it): it reads back as the tender, naming the
    /// reversal in `voided_by`, as it was when the document was written.
    pub fn from_rows(
        sale: SaleRow,
        lines: Vec<LineRow>,
        taxes: Vec<TaxRow>,
        payments: Vec<PaymentRow>,
    ) -> Result<SaleDocument, AppError> {
        let id = sale.id;
        let kind = match sale.kind.as_str() {
            "sale" => SaleKind::Sale,
            "return" => SaleKind::Return,
            other => return Err(unreadable("kind", id, other)),
        };
        let header = DocumentHeader {
            id,
            store_id: sale.store_id,
            register_id: sale.register_id,
            session_id: sale.session_id,
            kind,
            status: DocumentStatus::parse(&sale.status)
                .ok_or_else(|| unreadable("status", id, &sale.status))?,
            number: sale.number,
            receipt_number: sale.receipt_number,
            original_sale_id: sale.original_sale_id,
            cashier_id: sale.cashier_id,
            approved_by: sale.approved_by,
            currency: Currency::parse(&sale.currency).map_err(|e| unreadable("currency", id, e))?,
            tax_mode: TaxMode::parse(&sale.tax_mode).map_err(|e| unreadable("tax mode", id, e))?,
            tax_scope: TaxScope::parse(&sale.tax_scope)
                .map_err(|e| unreadable("tax scope", id, e))?,
            tax_exempt_ref: sale.tax_exempt_ref,
            subtotal: sale.subtotal,
            discount_total: sale.discount_total,
            net_total: sale.net_total,
            tax_total: sale.tax_total,
            total: sale.total,
            rounding: sale.rounding,
            paid: sale.paid,
            change: sale.change_given,
            discount: discount_of(id, sale.sale_discount.as_deref(), sale.discount_reason)?,
            business_date: sale
                .business_date
                .parse()
                .map_err(|e| unreadable("business date", id, e))?,
            opened_at: sale.opened_at,
            completed_at: sale.completed_at,
            journal_seq: sale.journal_seq,
            receipt_head_id: sale.receipt_head_id,
        };
        let lines = lines
            .into_iter()
            .map(|l| {
                Ok(DocumentLine {
                    line_no: u32::try_from(l.line_no).map_err(|e| unreadable("line", id, e))?,
                    discount: discount_of(id, l.discount.as_deref(), l.discount_reason)?,
                    item_id: l.item_id,
                    product_id: l.product_id,
                    variant_id: l.variant_id,
                    sku: l.sku,
                    description: l.description,
                    unit: l.unit,
                    tax_category: l.tax_category,
                    quantity: l.quantity,
                    unit_price: l.unit_price,
                    price_override: l.price_override,
                    base: l.base,
                    line_discount: l.line_discount,
                    sale_discount: l.sale_discount,
                    amount: l.amount,
                    net: l.net,
                    tax: l.tax,
                    total: l.total,
                    voided: l.voided,
                    approved_by: l.approved_by,
                    original_line_no: l
                        .original_line_no
                        .map(|n| u32::try_from(n).map_err(|e| unreadable("line", id, e)))
                        .transpose()?,
                    scanned_code: l.scanned_code,
                    lot: l.lot,
                    expiry: l.expiry,
                    serial: l.serial,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let taxes = taxes
            .into_iter()
            .map(|t| {
                Ok(DocumentTax {
                    rate: rate_from_e4(t.rate_e4)?,
                    code: t.code,
                    label: t.label,
                    base: t.base,
                    tax: t.tax,
                    gross: t.gross,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(SaleDocument {
            header,
            lines,
            taxes,
            payments: tenders_of(id, payments)?,
        })
    }
}

/// The stored payment rows as the document's tenders: each reversal folded into the tender it
/// voids.
fn tenders_of(id: Uuid, rows: Vec<PaymentRow>) -> Result<Vec<DocumentPayment>, AppError> {
    let reversals: Vec<(Uuid, Uuid)> = rows
        .iter()
        .filter_map(|r| Some((r.reverses?, r.id)))
        .collect();
    let mut out = Vec::with_capacity(rows.len().saturating_sub(reversals.len()));
    for r in rows.into_iter().filter(|r| r.reverses.is_none()) {
        out.push(DocumentPayment {
            id: r.id,
            kind: TenderKind::parse(&r.kind).ok_or_else(|| unreadable("tender", id, &r.kind))?,
            amount: r.amount,
            tendered: r.tendered,
            card_brand: r.card_brand,
            card_last4: r.card_last4,
            auth_code: r.auth_code,
            terminal_ref: r.terminal_ref,
            idempotency_key: r.idempotency_key,
            created_at: r.created_at,
            voided_by: reversals
                .iter()
                .find(|(voided, _)| *voided == r.id)
                .map(|(_, by)| *by),
        });
    }
    for (voided, by) in &reversals {
        if !out.iter().any(|p| p.id == *voided) {
            return Err(unreadable(
                "tenders",
                id,
                format!("{by} reverses a tender it does not have"),
            ));
        }
    }
    Ok(out)
}
