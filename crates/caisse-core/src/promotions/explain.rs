//! Why a line got a discount, as data (a key and its parameters, stored and sent as JSON) and
//! as words in English or French for the receipt and the customer display.

use serde::{Deserialize, Serialize};

use super::rule::{Benefit, Percent, PromotionKind, ThresholdBenefit};
use crate::money::{Locale, Money, Quantity};

/// The explanation of a discount: which rule, with the figures that make it readable
/// (`{"kind":"buy_x_get_y","buy":2,"get":1,"percent":"100"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Explanation {
    /// A percentage off the item.
    PercentOff {
        /// The percentage.
        percent: Percent,
    },
    /// An amount off each unit.
    AmountOff {
        /// The amount per unit.
        amount: Money,
    },
    /// A special unit price.
    UnitPrice {
        /// The price per unit.
        price: Money,
    },
    /// Buy some, get some at a reduction (100 %: free).
    BuyXGetY {
        /// Units paid per group.
        buy: u32,
        /// Units rewarded per group.
        get: u32,
        /// The reduction on the rewarded units.
        percent: Percent,
    },
    /// Any `count` for `price`.
    MixAndMatch {
        /// Units per group.
        count: u32,
        /// The group's price.
        price: Money,
    },
    /// A bundle of `items` units for `price`.
    Bundle {
        /// Units in one bundle.
        items: u32,
        /// The bundle's price.
        price: Money,
    },
    /// Quantity pricing from `min_quantity` units.
    QuantityTier {
        /// The tier reached.
        min_quantity: Quantity,
        /// What each unit gets in it.
        benefit: Benefit,
    },
    /// A reward for spending at least `min_spend`.
    SpendThreshold {
        /// The spend needed.
        min_spend: Money,
        /// The reward.
        benefit: ThresholdBenefit,
    },
}

impl Explanation {
    /// The explanation of a rule; quantity tiers name the tier that was reached.
    pub(crate) fn of(kind: &PromotionKind, tier: Option<usize>) -> Explanation {
        match kind {
            PromotionKind::ItemDiscount { benefit, .. } => match *benefit {
                Benefit::Percent(percent) => Explanation::PercentOff { percent },
                Benefit::AmountOff(amount) => Explanation::AmountOff { amount },
                Benefit::UnitPrice(price) => Explanation::UnitPrice { price },
            },
            PromotionKind::BuyXGetY {
                buy, get, percent, ..
            } => Explanation::BuyXGetY {
                buy: *buy,
                get: *get,
                percent: *percent,
            },
            PromotionKind::MixAndMatch { count, price, .. } => Explanation::MixAndMatch {
                count: *count,
                price: *price,
            },
            PromotionKind::Bundle { components, price } => Explanation::Bundle {
                items: components.iter().map(|c| c.quantity).sum(),
                price: *price,
            },
            PromotionKind::QuantityTiers { tiers, .. } => {
                let t = &tiers[tier.unwrap_or(0).min(tiers.len().saturating_sub(1))];
                Explanation::QuantityTier {
                    min_quantity: t.min_quantity,
                    benefit: t.benefit,
                }
            }
            PromotionKind::SpendThreshold {
                min_spend, benefit, ..
            } => Explanation::SpendThreshold {
                min_spend: *min_spend,
                benefit: *benefit,
            },
        }
    }

    /// The explanation in words, for a receipt or the customer display (English for every
    /// locale but French).
    pub fn text(&self, locale: Locale) -> String {
        let fr = locale == Locale::FrFr;
        let money = |m: &Money| m.format(locale);
        let pct = |p: &Percent| {
            let n = p.to_decimal().to_string();
            if fr {
                format!("{} %", n.replace('.', ","))
            } else {
                format!("{n}%")
            }
        };
        let benefit = |b: &Benefit| match (b, fr) {
            (Benefit::Percent(p), false) => format!("{} off", pct(p)),
            (Benefit::Percent(p), true) => format!("-{}", pct(p)),
            (Benefit::AmountOff(m), false) => format!("{} off each", money(m)),
            (Benefit::AmountOff(m), true) => format!("-{} l'unité", money(m)),
            (Benefit::UnitPrice(m), false) => format!("{} each", money(m)),
            (Benefit::UnitPrice(m), true) => format!("{} l'unité", money(m)),
        };
        match (self, fr) {
            (Explanation::PercentOff { percent }, false) => format!("{} off", pct(percent)),
            (Explanation::PercentOff { percent }, true) => format!("Remise {}", pct(percent)),
            (Explanation::AmountOff { amount }, _) => benefit(&Benefit::AmountOff(*amount)),
            (Explanation::UnitPrice { price }, false) => {
                format!("Special price {} each", money(price))
            }
            (Explanation::UnitPrice { price }, true) => {
                format!("Prix spécial {} l'unité", money(price))
            }
            (Explanation::BuyXGetY { buy, get, percent }, false) if *percent == Percent::FULL => {
                format!("Buy {buy} get {get} free")
            }
            (Explanation::BuyXGetY { buy, get, percent }, true) if *percent == Percent::FULL => {
                let s = if *get > 1 { "s" } else { "" };
                format!("{buy} achetés, {get} offert{s}")
            }
            (Explanation::BuyXGetY { buy, get, percent }, false) => {
                format!("Buy {buy} get {get} at {} off", pct(percent))
            }
            (Explanation::BuyXGetY { buy, get, percent }, true) => {
                format!("{buy} achetés, {get} à -{}", pct(percent))
            }
            (Explanation::MixAndMatch { count, price }, false) => {
                format!("Any {count} for {}", money(price))
            }
            (Explanation::MixAndMatch { count, price }, true) => {
                format!("{count} au choix pour {}", money(price))
            }
            (Explanation::Bundle { items, price }, false) => {
                format!("Bundle of {items} for {}", money(price))
            }
            (Explanation::Bundle { items, price }, true) => {
                format!("Lot de {items} pour {}", money(price))
            }
            (
                Explanation::QuantityTier {
                    min_quantity,
                    benefit: b,
                },
                false,
            ) => {
                format!("{} from {}", benefit(b), min_quantity.format(locale))
            }
            (
                Explanation::QuantityTier {
                    min_quantity,
                    benefit: b,
                },
                true,
            ) => {
                format!("{} dès {}", benefit(b), min_quantity.format(locale))
            }
            (
                Explanation::SpendThreshold {
                    min_spend,
                    benefit: b,
                },
                _,
            ) => {
                let reward = match (b, fr) {
                    (ThresholdBenefit::Percent(p), false) => format!("{} off", pct(p)),
                    (ThresholdBenefit::Percent(p), true) => format!("-{}", pct(p)),
                    (ThresholdBenefit::AmountOff(m), false) => format!("{} off", money(m)),
                    (ThresholdBenefit::AmountOff(m), true) => format!("-{}", money(m)),
                };
                if fr {
                    format!("{reward} dès {} d'achat", money(min_spend))
                } else {
                    format!("{reward} when you spend {}", money(min_spend))
                }
            }
        }
    }
}
