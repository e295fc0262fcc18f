//! Promotions: the best discounts the shop's rules give a basket, each explained on its line.
//!
//! The caller gives plain data: the basket's lines ([`BasketLine`]), the active promotions
//! (compiled once into a [`PromotionSet`] and kept until they change), the store's local date
//! and time ([`LocalNow`]; the core never reads a clock), the customer if identified, and the
//! coupon codes entered with how often each was used so far. [`PromotionSet::evaluate`] is a
//! pure function of that input, meant to run again on every change of the cart.
//!
//! # Kinds
//! Item discounts (percentage, amount or unit price off items, categories or brands), buy X
//! get Y, mix and match (any N for a price), bundles (one of each part for a price), quantity
//! tiers and spend thresholds. Coupons (single-use, multi-use, per customer), time windows
//! (date ranges, weekdays, hours, across midnight) and customer tiers are conditions any kind
//! may carry. The arithmetic of each kind is in `kinds.rs`, the conditions in
//! `eligibility.rs`.
//!
//! # Stacking and priorities
//! A promotion *touches* the lines it discounts. Two promotions may touch the same line only
//! if each accepts the other ([`Stacking`]): `exclusive` accepts nothing, `stackable` accepts
//! any promotion that is not exclusive, `with_coupons_only` accepts only promotions unlocked
//! by a coupon. Promotions that touch different lines never conflict.
//!
//! Promotions that share a line apply one after the other, each on what the line still costs:
//! item-level kinds first, spend thresholds last (their spend is measured on undiscounted
//! prices, their reward taken from what is left); within a phase, higher `priority` first,
//! then lower id. So 20 % then 1.00 off a 10.00 item gives 2.00 + 1.00, never a negative line.
//!
//! A *combination* is a set of candidates (promotions that give something alone) that may all
//! share the lines they touch, and that is complete: a candidate is left out only if it
//! conflicts with one that is in (a promotion the rules let stack is never dropped to gain a
//! cent of rounding). The customer gets the complete combination with the largest total
//! discount. Candidates are split into groups that share lines (groups that share nothing
//! are independent). In a group where no candidate conflicts with another, all apply.
//! Otherwise a depth-first search over the candidates, in application order, takes or leaves
//! out each conflicting candidate, pruned by the standalone discounts of the candidates still
//! free to take (a discount applied after others is never larger than alone: every kind takes
//! a share of what is left, and thresholds measure undiscounted prices). The search starts
//! from a greedy answer
//! (candidates by standalone discount, largest first, each kept if compatible with those
//! kept) and is bounded by [`SEARCH_BUDGET`] evaluations per basket; when the budget runs
//! out, the best answer found so far is used and [`SearchReport::exact`] is false. Equal
//! totals keep the first answer found: the greedy one, else the one including higher
//! priorities (then lower ids) first, so the same input always gives the same output.
//!
//! # Allocation and returns
//! Every discount is in whole minor units on the lines it touches; discounts shared by several
//! lines (a group of buy X get Y, a mix and match, a bundle, a spend threshold) are spread in
//! proportion to what each line still cost, by largest remainder. A line never goes below
//! zero. [`refund`] gives the exact refund of part of a sold line: the line's paid total is
//! spread over its pieces (or thousandths, for weighed goods), so the refunds of every unit add
//! up to what was paid, never more.

mod eligibility;
mod engine;
mod error;
mod explain;
mod kinds;
mod refund;
mod rule;
mod search;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::money::{Currency, Money, Quantity, Rounding};

pub use eligibility::{
    CouponRejection, Customer, EnteredCoupon, Hours, LocalNow, Schedule, TimeOfDay, Weekday,
    normalize_code,
};
pub use engine::PromotionSet;
pub use error::PromotionError;
pub use explain::Explanation;
pub use refund::{Refund, SoldLine, refund};
pub use rule::{
    Benefit, BundleComponent, CouponRule, CouponUses, Percent, Promotion, PromotionKind,
    QuantityTier, Selector, Stacking, Target, ThresholdBenefit,
};
pub use search::SEARCH_BUDGET;

/// Most lines one basket may hold.
pub const MAX_LINES: usize = 2_000;

/// One line of the basket as the promotions see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasketLine {
    /// The cart's line number.
    pub line: u32,
    /// The product or variant (`None` for an open-price item: only "everything" targets it).
    #[serde(default)]
    pub item_id: Option<Uuid>,
    /// The item's category and every category above it.
    #[serde(default)]
    pub category_path: Vec<Uuid>,
    /// The item's brand.
    #[serde(default)]
    pub brand: Option<String>,
    /// The price of one unit as charged (a price override already applied).
    pub unit_price: Money,
    /// How many, in thousandths (weighed goods have fractions); only positive lines get
    /// promotions.
    pub quantity: Quantity,
    /// Sold by weight or measure: the quantity is never a count of pieces, so the line joins
    /// no count-based promotion (buy X get Y, mix and match, bundle), even at 2.000 kg.
    #[serde(default)]
    pub weighed: bool,
    /// Keeps the line out of every promotion: a line with a manual discount or a price typed
    /// by the cashier, a voided line.
    #[serde(default)]
    pub excluded: bool,
}

/// Everything besides the basket and the rules that decides what applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// The store's local date and time.
    pub now: LocalNow,
    /// The customer, when identified.
    #[serde(default)]
    pub customer: Option<Customer>,
    /// Coupon codes entered, with their usage so far.
    #[serde(default)]
    pub coupons: Vec<EnteredCoupon>,
    /// How percentages are rounded to minor units (the shop's tax policy rounding).
    pub rounding: Rounding,
    /// Evaluations the search may spend beyond its greedy start ([`SEARCH_BUDGET`] if absent).
    #[serde(default)]
    pub search_budget: Option<u32>,
}

/// A discount on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineDiscount {
    /// The promotion that gave it.
    pub promotion_id: Uuid,
    /// What it takes off the line (positive).
    pub amount: Money,
    /// Why, as data a receipt or display renders.
    pub explanation: Explanation,
}

/// One basket line after promotions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineResult {
    /// The cart's line number.
    pub line: u32,
    /// Unit price times quantity, before promotions.
    pub base: Money,
    /// The discounts, in the order they applied.
    pub discounts: Vec<LineDiscount>,
    /// Their sum.
    pub discount: Money,
    /// What the line costs after them (`base − discount`, never negative).
    pub total: Money,
}

/// A promotion that applied, for the receipt's summary and the customer display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppliedPromotion {
    /// The promotion.
    pub promotion_id: Uuid,
    /// Its name.
    pub name: String,
    /// What it took off the basket in all.
    pub amount: Money,
    /// Why.
    pub explanation: Explanation,
    /// The coupon code that unlocked it, as the rule spells it.
    pub coupon: Option<String>,
}

/// What became of a coupon code that was entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum CouponStatus {
    /// It unlocked this promotion, which applied.
    Applied {
        /// The promotion.
        promotion_id: Uuid,
    },
    /// It gave nothing, for this reason.
    Rejected {
        /// Why.
        reason: CouponRejection,
    },
}

/// An entered code and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CouponOutcome {
    /// The code as entered.
    pub code: String,
    /// Applied, or why not.
    #[serde(flatten)]
    pub status: CouponStatus,
}

/// How the best combination was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchReport {
    /// Promotions that would give something on their own.
    pub candidates: u32,
    /// Candidates in conflict with at least one other.
    pub conflicting: u32,
    /// Evaluations the search used.
    pub evaluations: u32,
    /// True when the result is proven the best the rules allow.
    pub exact: bool,
}

/// The basket after promotions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromotionResult {
    /// The shop's currency.
    pub currency: Currency,
    /// Every basket line, in the basket's order.
    pub lines: Vec<LineResult>,
    /// The promotions that applied, in the order they applied.
    pub applied: Vec<AppliedPromotion>,
    /// The entered codes, in the order entered.
    pub coupons: Vec<CouponOutcome>,
    /// Sum of the line bases.
    pub subtotal: Money,
    /// Sum of every discount.
    pub discount_total: Money,
    /// `subtotal − discount_total`.
    pub total: Money,
    /// How the combination was found.
    pub search: SearchReport,
}
