//! The document itself: what a completed or cancelled sale or return is, as typed values.

use caisse_core::money::{Currency, Money};
use caisse_core::sale::Discount;
use caisse_core::tax::{TaxMode, TaxRate, TaxScope};
use caisse_core::tender::TenderKind;
use uuid::Uuid;

use crate::checkout::cart::SaleKind;

/// Whether the document records a sale or return that completed, or one cancelled before
/// payment (numbered and journaled too, but it moves no money and no stock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentStatus {
    /// Paid (or refunded) and completed.
    Completed,
    /// Cancelled before payment.
    Cancelled,
}

impl DocumentStatus {
    /// Stable text form (`completed`, `cancelled`), as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::Completed => "completed",
            DocumentStatus::Cancelled => "cancelled",
        }
    }

    /// The status from its text form.
    pub fn parse(text: &str) -> Option<DocumentStatus> {
        match text {
            "completed" => Some(DocumentStatus::Completed),
            "cancelled" => Some(DocumentStatus::Cancelled),
            _ => None,
        }
    }
}

/// A discount as a document keeps it: the rule and its reason code.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentDiscount {
    /// Percent or amount.
    pub discount: Discount,
    /// Reason code (`damaged`, `loyalty`, `original_discounts`…).
    pub reason: String,
}

/// The head of a document: who, where, when, its number and its totals.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentHeader {
    /// The sale's id (the cart's, kept by the document).
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The register that numbered it.
    pub register_id: Uuid,
    /// The drawer session it belongs to.
    pub session_id: Uuid,
    /// Sale or return.
    pub kind: SaleKind,
    /// Completed or cancelled.
    pub status: DocumentStatus,
    /// Gap-free number on its register.
    pub number: i64,
    /// Receipt number (`T1-000042`).
    pub receipt_number: String,
    /// For a return: the sale it refunds.
    pub original_sale_id: Option<Uuid>,
    /// The cashier who rang it up.
    pub cashier_id: Uuid,
    /// The manager who approved it (a return without receipt).
    pub approved_by: Option<Uuid>,
    /// Currency of every amount in the document.
    pub currency: Currency,
    /// Whether its prices included the tax.
    pub tax_mode: TaxMode,
    /// Where its tax was rounded.
    pub tax_scope: TaxScope,
    /// The customer's tax-exemption reference.
    pub tax_exempt_ref: Option<String>,
    /// Sum of the line bases (minor units).
    pub subtotal: i64,
    /// All discounts.
    pub discount_total: i64,
    /// Total before tax.
    pub net_total: i64,
    /// Total tax.
    pub tax_total: i64,
    /// What the customer paid (negative: was refunded), before cash rounding.
    pub total: i64,
    /// Cash rounding (0 when cancelled).
    pub rounding: i64,
    /// Sum of the tenders as handed over (0 when cancelled).
    pub paid: i64,
    /// Change given in cash (0 when cancelled).
    pub change: i64,
    /// The discount on the whole sale.
    pub discount: Option<DocumentDiscount>,
    /// The business date it counts on.
    pub business_date: jiff::civil::Date,
    /// When the cart was opened, µs.
    pub opened_at: i64,
    /// When it was completed or cancelled, µs.
    pub completed_at: i64,
    /// Its entry in the register's journal.
    pub journal_seq: i64,
    /// The receipt head and foot it was issued with (none before heads were kept).
    pub receipt_head_id: Option<Uuid>,
}

/// One line of a document, with the amounts it was priced at.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentLine {
    /// Line number, from 1.
    pub line_no: u32,
    /// Product or variant sold (none for an open-price item).
    pub item_id: Option<Uuid>,
    /// The product.
    pub product_id: Option<Uuid>,
    /// The variant.
    pub variant_id: Option<Uuid>,
    /// SKU at the time of sale.
    pub sku: String,
    /// Name at the time of sale.
    pub description: String,
    /// `each`, `kg`, `l`, `m`.
    pub unit: String,
    /// Tax category at the time of sale.
    pub tax_category: String,
    /// Quantity in thousandths (negative on a return).
    pub quantity: i64,
    /// Catalog unit price.
    pub unit_price: i64,
    /// Unit price set by hand or by a priced label.
    pub price_override: Option<i64>,
    /// Quantity times price, before discounts.
    pub base: i64,
    /// The line's own discount.
    pub line_discount: i64,
    /// Its share of the sale discount.
    pub sale_discount: i64,
    /// After discounts, in the store's price mode.
    pub amount: i64,
    /// Without tax.
    pub net: i64,
    /// Its tax.
    pub tax: i64,
    /// With tax.
    pub total: i64,
    /// The line discount's rule and reason.
    pub discount: Option<DocumentDiscount>,
    /// Voided (kept, at zero).
    pub voided: bool,
    /// Who approved its price override or, failing that, its discount.
    pub approved_by: Option<Uuid>,
    /// For a return line: the original sale's line.
    pub original_line_no: Option<u32>,
    /// The code scanned, if it came from a scan.
    pub scanned_code: Option<String>,
    /// Lot carried by the code.
    pub lot: Option<String>,
    /// Expiry carried by the code.
    pub expiry: Option<String>,
    /// Serial carried by the code.
    pub serial: Option<String>,
}

/// The tax of one rate.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentTax {
    /// Rate code.
    pub code: String,
    /// Label on receipts.
    pub label: String,
    /// The rate.
    pub rate: TaxRate,
    /// Net base.
    pub base: i64,
    /// Tax.
    pub tax: i64,
    /// Base plus tax.
    pub gross: i64,
}

/// A tender of the document, in the order it was taken. A tender voided before completion
/// stays, naming its reversal (it then pays nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentPayment {
    /// Payment id.
    pub id: Uuid,
    /// Cash, card, wallet…
    pub kind: TenderKind,
    /// What it pays towards the total (cash net of change; negative: refunded).
    pub amount: i64,
    /// What was handed over or charged.
    pub tendered: i64,
    /// Card brand.
    pub card_brand: Option<String>,
    /// Last four digits.
    pub card_last4: Option<String>,
    /// Authorisation code.
    pub auth_code: Option<String>,
    /// The terminal's reference; for store credit, the credit note's code.
    pub terminal_ref: Option<String>,
    /// The request's idempotency key.
    pub idempotency_key: Option<String>,
    /// When it was taken, µs.
    pub created_at: i64,
    /// Voided before completion: the reversal's payment id.
    pub voided_by: Option<Uuid>,
}

impl DocumentPayment {
    /// Still paying towards the total (not voided).
    pub fn is_live(&self) -> bool {
        self.voided_by.is_none()
    }
}

/// A completed or cancelled sale or return: the one form every part of it is derived from
/// (its stored rows, journal event, outbox event, receipt and API view), and the one form
/// read back ([`super::load`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SaleDocument {
    /// Who, where, when, number, totals.
    pub header: DocumentHeader,
    /// Lines in order, voided ones included.
    pub lines: Vec<DocumentLine>,
    /// Tax per rate, by rate then code.
    pub taxes: Vec<DocumentTax>,
    /// Tenders in the order they were taken.
    pub payments: Vec<DocumentPayment>,
}

impl SaleDocument {
    /// An amount of this document as money.
    pub fn money(&self, minor: i64) -> Money {
        Money::new(minor, self.header.currency)
    }

    /// Whether it completed (not cancelled).
    pub fn is_completed(&self) -> bool {
        self.header.status == DocumentStatus::Completed
    }

    /// The tenders that pay towards the total (voided ones left out).
    pub fn live_payments(&self) -> impl Iterator<Item = &DocumentPayment> {
        self.payments.iter().filter(|p| p.is_live())
    }
}
