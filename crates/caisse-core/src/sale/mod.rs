//! Pricing a sale: line prices, line and sale discounts, taxes, and totals that always add up.
//!
//! [`price_sale`] is a pure function of its input: pricing the same input again (for example a
//! stored sale being recomputed) gives exactly the same result, and a return of the same goods
//! (negative quantities) gives exactly the opposite amounts. Every total is a sum of integers:
//! `total = Σ line totals = net_total + tax_total`, `tax_total = Σ taxes[].tax = Σ line taxes`
//! and `subtotal − discount_total = Σ line amounts`.

mod discount;
mod error;
mod price;
mod spread;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money, Quantity};
use crate::tax::{TaxComponent, TaxPolicy, TaxRate};

pub use discount::Discount;
pub use error::PricingError;
pub use price::price_sale;

/// One line of a sale as rung up: what was scanned, how many, and what applies to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineInput {
    /// The catalog price of one unit (tax included or not, per the sale's tax mode).
    pub unit_price: Money,
    /// How many units (thousandths for weighed goods); negative for a returned item.
    pub quantity: Quantity,
    /// A price typed by the cashier instead of the catalog price (needs permission upstream).
    #[serde(default)]
    pub price_override: Option<Money>,
    /// A discount on this line only.
    #[serde(default)]
    pub discount: Option<Discount>,
    /// The taxes of the item's tax category, looked up in the shop's tax table by the caller.
    #[serde(default)]
    pub taxes: Vec<TaxComponent>,
    /// A line cancelled before payment: kept for the record, priced at zero.
    #[serde(default)]
    pub voided: bool,
}

/// A whole sale (or return) to price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaleInput {
    /// The shop's currency; every price and discount must be in it.
    pub currency: Currency,
    /// How the shop's jurisdiction computes tax.
    pub policy: TaxPolicy,
    /// The lines, in the order they were rung up.
    pub lines: Vec<LineInput>,
    /// A discount on the whole sale, spread over the lines.
    #[serde(default)]
    pub discount: Option<Discount>,
    /// A customer exempt from tax (diplomat, reseller, export): no tax is charged at all.
    #[serde(default)]
    pub tax_exempt: bool,
}

/// The tax of one rate on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineTax {
    /// The tax's code (`VAT20`, `STATE`).
    pub code: String,
    /// The tax on this line.
    pub tax: Money,
}

/// One priced line. Amounts have the sign of the line: negative for a returned item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PricedLine {
    /// Price times quantity, before any discount (zero for a voided line).
    pub base: Money,
    /// What the line's own discount took off.
    pub line_discount: Money,
    /// This line's share of the sale discount.
    pub sale_discount: Money,
    /// The price after both discounts, as prices are shown (tax included in inclusive mode).
    pub amount: Money,
    /// The price without tax.
    pub net: Money,
    /// The tax charged on the line (zero for a tax-exempt sale).
    pub tax: Money,
    /// What the customer pays for the line, tax included.
    pub total: Money,
    /// The tax split by rate, in the order the line lists its taxes.
    pub taxes: Vec<LineTax>,
    /// True for a voided line (all its amounts are zero).
    pub voided: bool,
}

/// The total of one tax rate over the sale, as printed at the foot of a receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaxSummary {
    /// The tax's code.
    pub code: String,
    /// The tax's name.
    pub label: String,
    /// The rate in percent.
    pub rate: TaxRate,
    /// The net amount of the lines carrying this tax.
    pub base: Money,
    /// The tax collected at this rate.
    pub tax: Money,
    /// Net plus this tax.
    pub gross: Money,
}

/// A priced sale: its lines and the totals a receipt, a journal and the books need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PricedSale {
    /// The sale's currency.
    pub currency: Currency,
    /// Every input line, in order, voided ones included.
    pub lines: Vec<PricedLine>,
    /// Sum of the line prices before any discount.
    pub subtotal: Money,
    /// Sum of the line discounts.
    pub line_discount_total: Money,
    /// The sale discount (the sum of its shares on the lines).
    pub sale_discount_total: Money,
    /// All discounts together.
    pub discount_total: Money,
    /// Sum of the lines without tax.
    pub net_total: Money,
    /// All tax charged.
    pub tax_total: Money,
    /// What the customer owes (negative: what the shop gives back).
    pub total: Money,
    /// Tax per rate, sorted by rate then code (empty for a tax-exempt sale).
    pub taxes: Vec<TaxSummary>,
    /// True when the sale was exempt from tax.
    pub tax_exempt: bool,
}
