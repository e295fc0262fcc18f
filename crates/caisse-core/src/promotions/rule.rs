//! The rules a shop writes: what a promotion targets, what it gives, when and to whom.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::PromotionError;
use super::eligibility::Schedule;
use crate::money::{Currency, Money, Quantity};

/// A percentage, `0 < p <= 100`, with at most 4 decimals, kept as ten-thousandths of a percent
/// (12.5 % is 125,000). Serialised as a decimal string (`"12.5"`), never as a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(u32);

/// Ten-thousandths of a percent in 100 %.
pub(crate) const PERCENT_WHOLE: u32 = 1_000_000;

impl Percent {
    /// 100 %: the item is free.
    pub const FULL: Percent = Percent(PERCENT_WHOLE);

    /// A percentage from ten-thousandths of a percent (`Percent::from_units(125_000)` is
    /// 12.5 %); `None` outside `0 < p <= 100`.
    pub fn from_units(units: u32) -> Option<Percent> {
        (units > 0 && units <= PERCENT_WHOLE).then_some(Percent(units))
    }

    /// The percentage in ten-thousandths of a percent.
    pub const fn units(self) -> u32 {
        self.0
    }

    /// The percentage as an exact decimal (12.5).
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(i64::from(self.0), 4).normalize()
    }
}

impl FromStr for Percent {
    type Err = PromotionError;

    /// Reads `"10"`, `"12.5"`, `"33.3333"`: digits with an optional dot, at most 4 decimals.
    fn from_str(text: &str) -> Result<Percent, PromotionError> {
        let invalid = || PromotionError::InvalidPercent {
            input: text.to_owned(),
        };
        let plain = !text.is_empty()
            && text.split('.').count() <= 2
            && text.split('.').all(|part| !part.is_empty())
            && text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if !plain {
            return Err(invalid());
        }
        let d = Decimal::from_str(text).map_err(|_| invalid())?;
        if d.scale() > 4 {
            return Err(invalid());
        }
        let units = d
            .checked_mul(Decimal::new(10_000, 0))
            .and_then(|u| u32::try_from(u.mantissa() / 10i128.pow(u.scale())).ok())
            .ok_or_else(invalid)?;
        Percent::from_units(units).ok_or_else(invalid)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_decimal())
    }
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Percent, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One way of picking lines: an item, every item of a category (or of its sub-categories), a
/// brand, or everything.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case", deny_unknown_fields)]
pub enum Selector {
    /// Every line of the basket.
    All,
    /// One item (product or variant id).
    Item {
        /// The item.
        id: Uuid,
    },
    /// A category and everything below it.
    Category {
        /// The category.
        id: Uuid,
    },
    /// A brand, compared exactly as the catalog spells it.
    Brand {
        /// The brand's name.
        name: String,
    },
}

/// The lines a promotion looks at: those picked by any of its selectors.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Target(pub Vec<Selector>);

impl Target {
    /// Every line of the basket.
    pub fn all() -> Target {
        Target(vec![Selector::All])
    }

    /// True when a line of this item, category path and brand is picked.
    pub fn matches(&self, item: Option<Uuid>, path: &[Uuid], brand: Option<&str>) -> bool {
        self.0.iter().any(|s| match s {
            Selector::All => true,
            Selector::Item { id } => item == Some(*id),
            Selector::Category { id } => path.contains(id),
            Selector::Brand { name } => brand == Some(name.as_str()),
        })
    }
}

/// What a promotion takes off each unit it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Benefit {
    /// A percentage of the price (`{"percent": "20"}`).
    Percent(Percent),
    /// A fixed amount off each unit (each kilogram for weighed goods), never below zero.
    AmountOff(Money),
    /// A price per unit instead of the catalog price (no discount if the price is already lower).
    UnitPrice(Money),
}

/// What a spend threshold gives: a percentage of the lines it covers, or an amount off them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ThresholdBenefit {
    /// A percentage of what the covered lines still cost.
    Percent(Percent),
    /// An amount off the covered lines together, spread over them.
    AmountOff(Money),
}

/// One part of a bundle: so many units picked by a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleComponent {
    /// Which items may fill this part.
    pub target: Target,
    /// How many units of them one bundle takes (at least 1).
    pub quantity: u32,
}

/// A step of quantity pricing: from `min_quantity` units of the target together, each gets the
/// benefit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantityTier {
    /// The quantity from which the tier applies (pieces, or kilograms for weighed goods).
    pub min_quantity: Quantity,
    /// What each unit gets.
    pub benefit: Benefit,
}

/// The kinds of promotion, each with its own arithmetic (see `kinds.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PromotionKind {
    /// A percentage, an amount or a unit price off every unit of the target.
    ItemDiscount {
        /// Items, categories or brands concerned.
        target: Target,
        /// What each unit gets.
        benefit: Benefit,
    },
    /// Buy `buy` units, get `get` more at `percent` off (100: free); the cheapest unit of each
    /// group of `buy + get` gets the reward. Whole pieces only.
    BuyXGetY {
        /// Items, categories or brands concerned (mixed freely).
        target: Target,
        /// Units paid in each group.
        buy: u32,
        /// Units rewarded in each group.
        get: u32,
        /// The reward on those units (100 = free).
        percent: Percent,
    },
    /// Any `count` units of the target for `price` together. Whole pieces only.
    MixAndMatch {
        /// Items, categories or brands concerned (mixed freely).
        target: Target,
        /// Units in a group.
        count: u32,
        /// What a group costs.
        price: Money,
    },
    /// One set of each component for `price` (a menu, a kit). Whole pieces only.
    Bundle {
        /// The parts of the bundle.
        components: Vec<BundleComponent>,
        /// What one bundle costs.
        price: Money,
    },
    /// Quantity pricing: the highest tier reached by the target's units together applies to
    /// all of them.
    QuantityTiers {
        /// Items, categories or brands concerned.
        target: Target,
        /// The tiers, in any order.
        tiers: Vec<QuantityTier>,
    },
    /// Spend at least `min_spend` on the target (before any promotion) and get the benefit on
    /// those lines.
    SpendThreshold {
        /// The lines counted and discounted (`[{"by":"all"}]` for the whole basket).
        target: Target,
        /// The spend needed, measured on undiscounted prices.
        min_spend: Money,
        /// What the covered lines get.
        benefit: ThresholdBenefit,
    },
}

/// How a promotion combines with others on the same line.
///
/// Two promotions may both discount a line only if each accepts the other: `exclusive`
/// accepts nothing, `stackable` accepts anything that is not exclusive, `with_coupons_only`
/// accepts only promotions unlocked by a coupon code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stacking {
    /// Alone on its lines: the customer gets it or the others, whichever is better.
    #[default]
    Exclusive,
    /// Adds to any other non-exclusive promotion.
    Stackable,
    /// Adds only to coupon promotions (an automatic offer that a coupon may top up).
    WithCouponsOnly,
}

/// How often a coupon code may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum CouponUses {
    /// Once ever, by anyone.
    SingleUse,
    /// Many times; at most `max_uses` in all when given.
    MultiUse {
        /// The limit over all customers, if any.
        #[serde(default)]
        max_uses: Option<u32>,
    },
    /// At most `max_per_customer` times by each identified customer.
    PerCustomer {
        /// The limit per customer.
        max_per_customer: u32,
    },
}

/// A code the customer must give for the promotion to apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CouponRule {
    /// The code, compared without regard to case or surrounding spaces.
    pub code: String,
    /// How often it may be used.
    pub uses: CouponUses,
}

/// A promotion as the back office defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    /// Its id; the last tie-break between equal choices (lower first).
    pub id: Uuid,
    /// Its name, for the back office and the receipt's summary.
    pub name: String,
    /// Higher applies first when promotions stack, and wins a tie between equal results.
    #[serde(default)]
    pub priority: i32,
    /// How it combines with others.
    #[serde(default)]
    pub stacking: Stacking,
    /// What it does.
    pub kind: PromotionKind,
    /// When it runs (always, when empty).
    #[serde(default)]
    pub schedule: Schedule,
    /// Customer tiers it is reserved for (everyone, when empty).
    #[serde(default)]
    pub tiers: Vec<String>,
    /// The code that unlocks it, if it needs one.
    #[serde(default)]
    pub coupon: Option<CouponRule>,
}

impl Promotion {
    /// The selectors of its target(s), for the index of a promotion set.
    pub(crate) fn selectors(&self) -> Vec<&Selector> {
        match &self.kind {
            PromotionKind::ItemDiscount { target, .. }
            | PromotionKind::BuyXGetY { target, .. }
            | PromotionKind::MixAndMatch { target, .. }
            | PromotionKind::QuantityTiers { target, .. }
            | PromotionKind::SpendThreshold { target, .. } => target.0.iter().collect(),
            PromotionKind::Bundle { components, .. } => {
                components.iter().flat_map(|c| c.target.0.iter()).collect()
            }
        }
    }

    /// Counts whole pieces only (weighed lines never join it).
    pub(crate) fn counts_pieces(&self) -> bool {
        matches!(
            self.kind,
            PromotionKind::BuyXGetY { .. }
                | PromotionKind::MixAndMatch { .. }
                | PromotionKind::Bundle { .. }
        )
    }

    /// Checks the rule makes sense in the shop's currency; the set refuses it otherwise.
    pub fn validate(&self, currency: Currency) -> Result<(), PromotionError> {
        let invalid = |reason: &'static str| {
            Err(PromotionError::InvalidPromotion {
                id: self.id,
                reason,
            })
        };
        let money_ok = |m: Money, allow_zero: bool| {
            m.currency() == currency && (m.is_positive() || (allow_zero && m.is_zero()))
        };
        let benefit_ok = |b: &Benefit| match b {
            Benefit::Percent(_) => true,
            Benefit::AmountOff(m) => money_ok(*m, false),
            Benefit::UnitPrice(m) => money_ok(*m, true),
        };
        let target_ok = |t: &Target| !t.0.is_empty();
        if self.name.trim().is_empty() {
            return invalid("a promotion needs a name");
        }
        match &self.kind {
            PromotionKind::ItemDiscount { target, benefit } => {
                if !target_ok(target) {
                    return invalid("the target picks nothing");
                }
                if !benefit_ok(benefit) {
                    return invalid("an amount must be positive and in the shop's currency");
                }
            }
            PromotionKind::BuyXGetY {
                target, buy, get, ..
            } => {
                if !target_ok(target) {
                    return invalid("the target picks nothing");
                }
                if *buy == 0 || *get == 0 || buy.checked_add(*get).is_none() {
                    return invalid("buy and get must each be at least 1");
                }
            }
            PromotionKind::MixAndMatch {
                target,
                count,
                price,
            } => {
                if !target_ok(target) {
                    return invalid("the target picks nothing");
                }
                if *count < 2 {
                    return invalid("a mix and match groups at least 2 units");
                }
                if !money_ok(*price, true) {
                    return invalid("the group price must be in the shop's currency, not negative");
                }
            }
            PromotionKind::Bundle { components, price } => {
                if components.is_empty()
                    || components
                        .iter()
                        .any(|c| c.quantity == 0 || !target_ok(&c.target))
                {
                    return invalid("every part of a bundle picks at least one unit of something");
                }
                if !money_ok(*price, true) {
                    return invalid(
                        "the bundle price must be in the shop's currency, not negative",
                    );
                }
            }
            PromotionKind::QuantityTiers { target, tiers } => {
                if !target_ok(target) {
                    return invalid("the target picks nothing");
                }
                if tiers.is_empty() || tiers.iter().any(|t| !t.min_quantity.milli().is_positive()) {
                    return invalid("quantity tiers need at least one tier, each above zero");
                }
                if tiers.iter().any(|t| !benefit_ok(&t.benefit)) {
                    return invalid("an amount must be positive and in the shop's currency");
                }
                let mut mins: Vec<_> = tiers.iter().map(|t| t.min_quantity).collect();
                mins.sort();
                if mins.windows(2).any(|w| w[0] == w[1]) {
                    return invalid("two tiers start at the same quantity");
                }
            }
            PromotionKind::SpendThreshold {
                target,
                min_spend,
                benefit,
            } => {
                if !target_ok(target) {
                    return invalid("the target picks nothing");
                }
                if !money_ok(*min_spend, true) {
                    return invalid("the spend needed must be in the shop's currency");
                }
                if let ThresholdBenefit::AmountOff(m) = benefit
                    && !money_ok(*m, false)
                {
                    return invalid("an amount must be positive and in the shop's currency");
                }
            }
        }
        if let Some(coupon) = &self.coupon {
            if super::eligibility::normalize_code(&coupon.code).is_empty() {
                return invalid("a coupon code cannot be empty");
            }
            if let CouponUses::PerCustomer {
                max_per_customer: 0,
            }
            | CouponUses::MultiUse { max_uses: Some(0) } = coupon.uses
            {
                return invalid("a coupon limit of 0 uses would never apply");
            }
        }
        self.schedule
            .validate()
            .map_err(|reason| PromotionError::InvalidPromotion {
                id: self.id,
                reason,
            })
    }
}
