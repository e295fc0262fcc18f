//! What clients see of a sale: one [`SaleView`] for a sale being rung up (the cart with its
//! computed prices) and for a completed or cancelled one (its document, see
//! `document/view.rs`). A field that does not apply to one of them is null, never absent.

use caisse_core::money::{Money, Quantity};
use caisse_core::sale::{Discount, PricedSale};
use caisse_core::tender::{Settlement, TenderKind};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::cart::{Cart, CartDiscount};
use super::config::StoreConfig;
use crate::AppError;
use crate::catalog::view::MoneyJson;

fn m(x: Money) -> MoneyJson {
    MoneyJson::new(x.minor(), x.currency().code())
}

/// A discount as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DiscountView {
    /// `percent` or `amount`.
    pub kind: String,
    /// Percentage as a decimal string, for percent discounts.
    pub percent: Option<String>,
    /// Amount, for amount discounts.
    pub amount: Option<MoneyJson>,
    /// Reason code.
    pub reason: String,
    /// Manager who approved it.
    pub approved_by: Option<Uuid>,
}

/// A discount as shown (or none).
pub fn discount_view(d: Option<&CartDiscount>) -> Option<DiscountView> {
    d.map(|d| DiscountView::of(&d.discount, &d.reason, d.approved_by))
}

impl DiscountView {
    /// A discount as shown, on a live sale or a stored one.
    pub fn of(discount: &Discount, reason: &str, approved_by: Option<Uuid>) -> DiscountView {
        let (kind, percent, amount) = match discount {
            Discount::Percent(p) => ("percent", Some(p.normalize().to_string()), None),
            Discount::Amount(a) => ("amount", None, Some(m(*a))),
        };
        DiscountView {
            kind: kind.into(),
            percent,
            amount,
            reason: reason.to_owned(),
            approved_by,
        }
    }
}

/// The credit note a tender spent (a store-credit tender's terminal reference), as shown.
pub fn credit_note_of(kind: TenderKind, terminal_ref: &Option<String>) -> Option<String> {
    (kind == TenderKind::StoreCredit)
        .then(|| terminal_ref.clone())
        .flatten()
}

/// A line with its computed amounts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LineView {
    /// Line number.
    pub line_no: u32,
    /// Product or variant sold.
    pub item_id: Option<Uuid>,
    /// SKU.
    pub sku: String,
    /// Name.
    pub description: String,
    /// Quantity as a decimal string (`"2"`, `"1.250"`).
    pub quantity: String,
    /// `each`, `kg`, `l`, `m`.
    pub unit: String,
    /// Weighed item (on a completed sale: sold in a unit other than `each`).
    pub sold_by_weight: bool,
    /// Catalog unit price.
    pub unit_price: MoneyJson,
    /// Unit price set by hand or by a priced label.
    pub price_override: Option<MoneyJson>,
    /// Quantity times price, before discounts.
    pub base: MoneyJson,
    /// The line's own discount.
    pub discount: Option<DiscountView>,
    /// The line discount's reason code (as in `discount`).
    pub discount_reason: Option<String>,
    /// Amount of the line discount.
    pub line_discount: MoneyJson,
    /// Share of the sale discount.
    pub sale_discount: MoneyJson,
    /// After discounts, in the store's price mode.
    pub amount: MoneyJson,
    /// Tax of the line.
    pub tax: MoneyJson,
    /// Total of the line including tax.
    pub total: MoneyJson,
    /// Tax category.
    pub tax_category: String,
    /// Voided (kept, at zero).
    pub voided: bool,
    /// Lot carried by the code.
    pub lot: Option<String>,
    /// Expiry carried by the code.
    pub expiry: Option<String>,
    /// Serial carried by the code.
    pub serial: Option<String>,
    /// For a return line: the original sale's line.
    pub original_line_no: Option<u32>,
}

/// Tax per rate.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaxView {
    /// Rate code.
    pub code: String,
    /// Label on receipts.
    pub label: String,
    /// Percentage as a decimal string.
    pub rate: String,
    /// Net base.
    pub base: MoneyJson,
    /// Tax.
    pub tax: MoneyJson,
    /// Base plus tax.
    pub gross: MoneyJson,
}

/// A tender as shown (never a card number).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PaymentView {
    /// Payment id.
    pub id: Uuid,
    /// `cash`, `card`, `wallet`, …
    pub kind: String,
    /// Handed over or charged.
    pub tendered: MoneyJson,
    /// What it paid towards the total, once the sale is completed (cash net of change; zero
    /// for a voided tender); null while the sale is live.
    pub amount: Option<MoneyJson>,
    /// Card brand.
    pub card_brand: Option<String>,
    /// Last four digits.
    pub card_last4: Option<String>,
    /// Authorisation code.
    pub auth_code: Option<String>,
    /// For store credit: the credit note's code (spent from at a sale, issued on a return).
    pub credit_note: Option<String>,
    /// Voided before completion: the reversal's payment id. A voided tender pays nothing.
    pub voided_by: Option<Uuid>,
    /// Always null: a reversal is shown as the `voided_by` of the tender it voids (the key
    /// stays for clients that read it).
    pub reverses: Option<Uuid>,
}

/// Where payment stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SettlementView {
    /// Sum of tenders.
    pub paid: MoneyJson,
    /// Still owed (0 when settled).
    pub remaining: MoneyJson,
    /// What is owed if paid in cash (cash rounding applied).
    pub cash_due: MoneyJson,
    /// Cash rounding applied to the total.
    pub rounding: MoneyJson,
    /// Change to give back in cash.
    pub change: MoneyJson,
    /// Fully paid: the sale can complete.
    pub settled: bool,
}

/// A sale as the till sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SaleView {
    /// Sale id.
    pub id: Uuid,
    /// `open`, `parked`, `completed` or `cancelled`.
    pub status: String,
    /// `sale` or `return`.
    pub kind: String,
    /// Register.
    pub register_id: Uuid,
    /// Cashier.
    pub cashier_id: Uuid,
    /// Gap-free number on its register, once completed.
    pub number: Option<i64>,
    /// Receipt number (`T1-000042`), once completed.
    pub receipt_number: Option<String>,
    /// For a return: the original sale.
    pub original_sale_id: Option<Uuid>,
    /// The business date it counts on, once completed.
    pub business_date: Option<String>,
    /// Lines.
    pub lines: Vec<LineView>,
    /// Sale discount.
    pub discount: Option<DiscountView>,
    /// Sum of line bases.
    pub subtotal: MoneyJson,
    /// All discounts.
    pub discount_total: MoneyJson,
    /// Total before tax.
    pub net_total: MoneyJson,
    /// Total tax.
    pub tax_total: MoneyJson,
    /// What the customer owes (before cash rounding).
    pub total: MoneyJson,
    /// Tax per rate.
    pub taxes: Vec<TaxView>,
    /// Tax-exemption reference.
    pub tax_exempt_ref: Option<String>,
    /// Tenders.
    pub payments: Vec<PaymentView>,
    /// Where payment stands.
    pub settlement: SettlementView,
    /// Changes with every edit of a live sale; null for a stored document, which never
    /// changes (the answer to the completion itself still carries the cart's last version).
    pub version: Option<i64>,
    /// Completion time (RFC 3339), once completed.
    pub completed_at: Option<String>,
}

/// The view of a live cart, priced with the store's settings.
pub fn view_of(cart: &Cart, cfg: &StoreConfig) -> Result<SaleView, AppError> {
    let priced = cart.price(cfg)?;
    let s = cart.settlement(cfg, priced.total)?;
    Ok(cart_view(cart, &priced, &s))
}

/// The view of a live cart.
pub fn cart_view(cart: &Cart, priced: &PricedSale, s: &Settlement) -> SaleView {
    let c = priced.currency;
    let lines = cart
        .lines
        .iter()
        .zip(&priced.lines)
        .map(|(l, p)| LineView {
            line_no: l.line_no,
            item_id: l.item_id,
            sku: l.sku.clone(),
            description: l.description.clone(),
            quantity: Quantity::from_milli(l.quantity).to_string(),
            unit: l.unit.clone(),
            sold_by_weight: l.sold_by_weight,
            unit_price: m(Money::new(l.unit_price, c)),
            price_override: l.price_override.map(|x| m(Money::new(x, c))),
            base: m(p.base),
            discount: discount_view(l.discount.as_ref()),
            discount_reason: l.discount.as_ref().map(|d| d.reason.clone()),
            line_discount: m(p.line_discount),
            sale_discount: m(p.sale_discount),
            amount: m(p.amount),
            tax: m(p.tax),
            total: m(p.total),
            tax_category: l.tax_category.clone(),
            voided: l.voided,
            lot: l.lot.clone(),
            expiry: l.expiry.clone(),
            serial: l.serial.clone(),
            original_line_no: l.original_line_no,
        })
        .collect();
    SaleView {
        id: cart.id,
        status: cart.status.as_str().to_owned(),
        kind: cart.kind.as_str().to_owned(),
        register_id: cart.register_id,
        cashier_id: cart.cashier_id,
        number: None,
        receipt_number: None,
        original_sale_id: cart.original_sale_id,
        business_date: None,
        lines,
        discount: discount_view(cart.discount.as_ref()),
        subtotal: m(priced.subtotal),
        discount_total: m(priced.discount_total),
        net_total: m(priced.net_total),
        tax_total: m(priced.tax_total),
        total: m(priced.total),
        taxes: taxes_view(priced),
        tax_exempt_ref: cart.tax_exempt_ref.clone(),
        payments: cart
            .payments
            .iter()
            .map(|p| PaymentView {
                id: p.id,
                kind: p.kind.as_str().to_owned(),
                tendered: m(Money::new(p.tendered, c)),
                amount: None,
                card_brand: p.card_brand.clone(),
                card_last4: p.card_last4.clone(),
                auth_code: p.auth_code.clone(),
                credit_note: credit_note_of(p.kind, &p.terminal_ref),
                voided_by: p.voided_by,
                reverses: None,
            })
            .collect(),
        settlement: settlement_view(s),
        version: Some(cart.version),
        completed_at: None,
    }
}

/// Tax per rate as shown.
pub fn taxes_view(priced: &PricedSale) -> Vec<TaxView> {
    priced
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
        .collect()
}

/// Settlement as shown.
pub fn settlement_view(s: &Settlement) -> SettlementView {
    SettlementView {
        paid: m(s.paid),
        remaining: m(s.remaining),
        cash_due: m(s.cash_due),
        rounding: m(s.rounding),
        change: m(s.change),
        settled: s.settled,
    }
}
