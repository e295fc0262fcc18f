//! The cart: a sale being rung up. It lives in memory (and in `open_sales` as JSON, written
//! behind) until it is completed or cancelled; prices and taxes are always recomputed from it
//! by the core, never stored in it.

use std::collections::BTreeMap;

use caisse_core::money::{Money, Quantity};
use caisse_core::sale::{Discount, LineInput, PricedSale, SaleInput, price_sale};
use caisse_core::tender::{Settlement, TenderKind, settle};
use caisse_store::sales::CartRow;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::config::StoreConfig;
use crate::AppError;

/// Whether the cart is being rung up or set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CartStatus {
    /// Being rung up.
    Open,
    /// Set aside; can be resumed on any register of the store.
    Parked,
}

impl CartStatus {
    /// Stable text form.
    pub fn as_str(self) -> &'static str {
        match self {
            CartStatus::Open => "open",
            CartStatus::Parked => "parked",
        }
    }
}

/// A sale or a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SaleKind {
    /// Goods sold.
    Sale,
    /// Goods brought back and refunded.
    Return,
}

impl SaleKind {
    /// Stable text form.
    pub fn as_str(self) -> &'static str {
        match self {
            SaleKind::Sale => "sale",
            SaleKind::Return => "return",
        }
    }
}

/// A discount as the cart keeps it: the rule, why, and who approved it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartDiscount {
    /// Percent or amount.
    pub discount: Discount,
    /// Reason code (`damaged`, `loyalty`, `staff`…).
    pub reason: String,
    /// Manager who approved it, when the cashier's limit was exceeded.
    pub approved_by: Option<Uuid>,
}

/// One line of the cart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartLine {
    /// Line number, from 1, never reused.
    pub line_no: u32,
    /// Product or variant sold (`None` for an open-price item).
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
    /// Weighed at the till.
    pub sold_by_weight: bool,
    /// Tax category at the time of sale.
    pub tax_category: String,
    /// Catalog unit price, minor units.
    pub unit_price: i64,
    /// Quantity in thousandths (negative on a return).
    pub quantity: i64,
    /// Unit price set by hand (or carried by a priced label).
    pub price_override: Option<i64>,
    /// Manager who approved the override.
    pub override_approved_by: Option<Uuid>,
    /// Line discount.
    pub discount: Option<CartDiscount>,
    /// Voided lines stay on the cart and the receipt, at zero.
    pub voided: bool,
    /// The code scanned, if the line came from a scan.
    pub scanned_code: Option<String>,
    /// The quantity came from the code (weighed label) and cannot be changed by hand.
    pub quantity_from_code: bool,
    /// Lot, expiry and serial carried by a GS1 code.
    pub lot: Option<String>,
    /// Expiry date (YYYY-MM-DD).
    pub expiry: Option<String>,
    /// Serial number.
    pub serial: Option<String>,
    /// For a return: the line of the original sale.
    pub original_line_no: Option<u32>,
}

/// A tender taken on the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartPayment {
    /// Payment id.
    pub id: Uuid,
    /// Cash, card, wallet…
    pub kind: TenderKind,
    /// Amount handed over (cash) or charged (card), minor units.
    pub tendered: i64,
    /// Card brand.
    pub card_brand: Option<String>,
    /// Last four digits of the card.
    pub card_last4: Option<String>,
    /// Authorisation code.
    pub auth_code: Option<String>,
    /// The terminal's own reference.
    pub terminal_ref: Option<String>,
    /// The request's idempotency key.
    pub key: Option<String>,
    /// Already written to the `payments` table (card payments are, when approved).
    pub recorded: bool,
    /// When, µs.
    pub at: i64,
    /// Voided before completion: the reversal's payment id (it no longer pays anything; both
    /// rows stay in `payments`).
    #[serde(default)]
    pub voided_by: Option<Uuid>,
}

impl CartPayment {
    /// Still paying towards the total (not voided).
    pub fn is_live(&self) -> bool {
        self.voided_by.is_none()
    }
}

/// A stored answer to a payment request (idempotency within the cart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptReply {
    /// Hash of the request payload.
    pub request_hash: String,
    /// The payment it created.
    pub payment_id: Uuid,
}

/// A sale being rung up.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cart {
    /// Sale id (the completed sale keeps it).
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The register it is being rung on.
    pub register_id: Uuid,
    /// Cashier who opened it.
    pub cashier_id: Uuid,
    /// Open or parked.
    pub status: CartStatus,
    /// Sale or return.
    pub kind: SaleKind,
    /// For a return: the sale it refunds.
    pub original_sale_id: Option<Uuid>,
    /// For a return: whether the goods go back to stock.
    pub restock: bool,
    /// Manager who approved (a return without receipt).
    pub approved_by: Option<Uuid>,
    /// When it was opened, µs.
    pub opened_at: i64,
    /// Grows with each change.
    pub version: i64,
    /// Lines in order.
    pub lines: Vec<CartLine>,
    /// Discount on the whole sale.
    pub discount: Option<CartDiscount>,
    /// Customer's tax-exemption reference, when the sale is tax-exempt.
    pub tax_exempt_ref: Option<String>,
    /// Tenders taken.
    pub payments: Vec<CartPayment>,
    /// Answers to payment requests by idempotency key.
    pub keys: BTreeMap<String, KeptReply>,
}

impl Cart {
    /// The next free line number.
    pub fn next_line_no(&self) -> u32 {
        self.lines.iter().map(|l| l.line_no).max().unwrap_or(0) + 1
    }

    /// The line with this number.
    pub fn line_mut(&mut self, line_no: u32) -> Result<&mut CartLine, AppError> {
        self.lines
            .iter_mut()
            .find(|l| l.line_no == line_no)
            .ok_or(AppError::NotFound("line"))
    }

    /// Prices the cart with the store's taxes.
    pub fn price(&self, cfg: &StoreConfig) -> Result<PricedSale, AppError> {
        let c = cfg.currency;
        let mut lines = Vec::with_capacity(self.lines.len());
        for l in &self.lines {
            lines.push(LineInput {
                unit_price: Money::new(l.unit_price, c),
                quantity: Quantity::from_milli(l.quantity),
                price_override: l.price_override.map(|p| Money::new(p, c)),
                discount: l.discount.as_ref().map(|d| d.discount),
                taxes: cfg.components(&l.tax_category)?,
                voided: l.voided,
            });
        }
        let input = SaleInput {
            currency: c,
            policy: cfg.policy,
            lines,
            discount: self.discount.as_ref().map(|d| d.discount),
            tax_exempt: self.tax_exempt_ref.is_some(),
        };
        price_sale(&input).map_err(AppError::from)
    }

    /// The tenders that pay towards the total (voided ones left out).
    pub fn live_payments(&self) -> impl Iterator<Item = &CartPayment> {
        self.payments.iter().filter(|p| p.is_live())
    }

    /// Where payment stands against a total (voided tenders left out).
    pub fn settlement(&self, cfg: &StoreConfig, total: Money) -> Result<Settlement, AppError> {
        let tenders: Vec<(TenderKind, Money)> = self
            .live_payments()
            .map(|p| (p.kind, Money::new(p.tendered, cfg.currency)))
            .collect();
        settle(total, &tenders, cfg.cash_rounding).map_err(AppError::from)
    }
}

/// The stored form of a cart.
pub fn row_of(cart: &Cart) -> Result<CartRow, AppError> {
    let status = match cart.status {
        CartStatus::Open => "open",
        CartStatus::Parked => "parked",
    };
    let state = serde_json::to_string(cart).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(row_with(cart, status, state, cart.version))
}

/// The row of a cart a document ended: its status and version only (the document is the
/// record; an empty state can never be resumed).
pub fn ended_row(cart: &Cart, status: &str, version: i64) -> CartRow {
    row_with(cart, status, "{}".to_owned(), version)
}

fn row_with(cart: &Cart, status: &str, state: String, version: i64) -> CartRow {
    CartRow {
        id: cart.id,
        store_id: cart.store_id,
        register_id: cart.register_id,
        status: status.to_owned(),
        state,
        version,
        created_at: cart.opened_at,
        updated_at: crate::now_us(),
    }
}

/// A percentage discount's share of a base, for comparing with the cashier's limit.
pub fn discount_percent(d: &Discount, base: Money) -> Decimal {
    match d {
        Discount::Percent(p) => *p,
        Discount::Amount(a) => {
            if base.is_zero() {
                Decimal::ONE_HUNDRED
            } else {
                Decimal::from(a.minor().unsigned_abs()) * Decimal::ONE_HUNDRED
                    / Decimal::from(base.minor().unsigned_abs())
            }
        }
    }
}
