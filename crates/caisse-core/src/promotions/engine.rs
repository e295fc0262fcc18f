//! A compiled set of promotions and the evaluation of a basket against it.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::eligibility::{self, CouponRejection, normalize_code};
use super::explain::Explanation;
use super::kinds::{self, Line, MAX_PIECES};
use super::rule::{Promotion, PromotionKind, Selector};
use super::search::{self, Candidate};
use super::{
    AppliedPromotion, BasketLine, Context, CouponOutcome, CouponStatus, LineDiscount, LineResult,
    MAX_LINES, PromotionError, PromotionResult,
};
use crate::money::{Currency, Money, Rounding};
use crate::tax::round_ratio;

/// The shop's active promotions, checked and indexed by what they target, so a basket only
/// looks at the promotions that can touch its lines. Build it when the promotions change and
/// keep it.
#[derive(Debug, Clone)]
pub struct PromotionSet {
    currency: Currency,
    promotions: Vec<Promotion>,
    by_item: HashMap<Uuid, Vec<u32>>,
    by_category: HashMap<Uuid, Vec<u32>>,
    by_brand: HashMap<String, Vec<u32>>,
    everywhere: Vec<u32>,
    by_code: HashMap<String, Vec<u32>>,
}

/// What became of one promotion during an evaluation, for the coupon outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Refused(CouponRejection),
    NothingQualifies,
    Candidate,
    Applied,
}

impl PromotionSet {
    /// Checks every promotion (see [`Promotion::validate`]) and indexes them.
    pub fn new(
        currency: Currency,
        promotions: Vec<Promotion>,
    ) -> Result<PromotionSet, PromotionError> {
        let mut ids = HashSet::new();
        let mut set = PromotionSet {
            currency,
            promotions: Vec::new(),
            by_item: HashMap::new(),
            by_category: HashMap::new(),
            by_brand: HashMap::new(),
            everywhere: Vec::new(),
            by_code: HashMap::new(),
        };
        for (i, p) in promotions.iter().enumerate() {
            p.validate(currency)?;
            if !ids.insert(p.id) {
                return Err(PromotionError::DuplicatePromotion { id: p.id });
            }
            let index = u32::try_from(i).map_err(|_| PromotionError::Overflow)?;
            for selector in p.selectors() {
                let list = match selector {
                    Selector::All => &mut set.everywhere,
                    Selector::Item { id } => set.by_item.entry(*id).or_default(),
                    Selector::Category { id } => set.by_category.entry(*id).or_default(),
                    Selector::Brand { name } => set.by_brand.entry(name.clone()).or_default(),
                };
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
            if let Some(c) = &p.coupon {
                set.by_code
                    .entry(normalize_code(&c.code))
                    .or_default()
                    .push(index);
            }
        }
        // Coupon outcomes name the lowest id first, whatever order the rules came in.
        for list in set.by_code.values_mut() {
            list.sort_by_key(|&i| promotions[i as usize].id);
        }
        set.promotions = promotions;
        Ok(set)
    }

    /// The shop's currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The promotions, in the order given.
    pub fn promotions(&self) -> &[Promotion] {
        &self.promotions
    }

    /// The best discounts for this basket now (see the module documentation).
    pub fn evaluate(
        &self,
        basket: &[BasketLine],
        ctx: &Context,
    ) -> Result<PromotionResult, PromotionError> {
        let prepared = self.prepare(basket)?;
        let base: Vec<i64> = prepared.iter().map(|l| l.base).collect();
        // Which promotions touch which lines, from the index.
        let mut hits: Vec<(u32, u16)> = Vec::new();
        for (i, line) in prepared.iter().enumerate() {
            let input = line.input;
            if input.excluded || input.quantity.milli() <= 0 {
                continue;
            }
            let l =
                u16::try_from(i).map_err(|_| PromotionError::TooManyLines { max: MAX_LINES })?;
            let mut add = |list: Option<&Vec<u32>>| {
                hits.extend(list.into_iter().flatten().map(|&p| (p, l)));
            };
            add(Some(&self.everywhere));
            add(input.item_id.and_then(|id| self.by_item.get(&id)));
            for c in &input.category_path {
                add(self.by_category.get(c));
            }
            add(input.brand.as_ref().and_then(|b| self.by_brand.get(b)));
        }
        hits.sort_unstable();
        hits.dedup();
        let mut fates: HashMap<u32, Fate> = HashMap::new();
        let mut candidates: Vec<Candidate> = Vec::new();
        for chunk in hits.chunk_by(|a, b| a.0 == b.0) {
            let index = chunk[0].0;
            let promo = &self.promotions[index as usize];
            if let Err(why) =
                eligibility::check(promo, ctx.now, ctx.customer.as_ref(), &ctx.coupons)
            {
                if let Some(reason) = why {
                    fates.insert(index, Fate::Refused(reason));
                }
                continue;
            }
            let pieces_only = promo.counts_pieces();
            let lines: Vec<u16> = chunk
                .iter()
                .map(|&(_, l)| l)
                .filter(|&l| !pieces_only || prepared[usize::from(l)].pieces.is_some())
                .collect();
            let alone = kinds::apply(promo, &lines, &prepared, &base, ctx.rounding);
            if alone.total <= 0 {
                fates.insert(index, Fate::NothingQualifies);
                continue;
            }
            fates.insert(index, Fate::Candidate);
            candidates.push(Candidate {
                promo: index,
                lines,
                standalone: alone.total,
                stacking: promo.stacking,
                coupon: promo.coupon.is_some(),
                phase: u8::from(matches!(promo.kind, PromotionKind::SpendThreshold { .. })),
                priority: promo.priority,
                id: promo.id,
            });
        }
        let budget = ctx.search_budget.unwrap_or(search::SEARCH_BUDGET);
        let outcome = search::best(&candidates, &base, budget, |c, remaining| {
            let cand = &candidates[c];
            kinds::apply(
                &self.promotions[cand.promo as usize],
                &cand.lines,
                &prepared,
                remaining,
                ctx.rounding,
            )
        });
        let money = |minor: i64| Money::new(minor, self.currency);
        let mut lines: Vec<LineResult> = prepared
            .iter()
            .map(|l| LineResult {
                line: l.input.line,
                base: money(l.base),
                discounts: Vec::new(),
                discount: money(0),
                total: money(l.base),
            })
            .collect();
        let mut applied = Vec::new();
        for (c, result) in &outcome.chosen {
            let index = candidates[*c].promo;
            let promo = &self.promotions[index as usize];
            fates.insert(index, Fate::Applied);
            let explanation = Explanation::of(&promo.kind, result.tier);
            for &(l, amount) in &result.parts {
                let line = &mut lines[usize::from(l)];
                line.discounts.push(LineDiscount {
                    promotion_id: promo.id,
                    amount: money(amount),
                    explanation: explanation.clone(),
                });
                line.discount = money(line.discount.minor() + amount);
                line.total = money(line.total.minor() - amount);
            }
            applied.push(AppliedPromotion {
                promotion_id: promo.id,
                name: promo.name.clone(),
                amount: money(result.total),
                explanation,
                coupon: promo.coupon.as_ref().map(|c| c.code.clone()),
            });
        }
        let coupons = self.coupon_outcomes(ctx, &fates);
        let subtotal: i64 = base.iter().sum();
        let discount_total: i64 = outcome.chosen.iter().map(|(_, a)| a.total).sum();
        Ok(PromotionResult {
            currency: self.currency,
            lines,
            applied,
            coupons,
            subtotal: money(subtotal),
            discount_total: money(discount_total),
            total: money(subtotal - discount_total),
            search: outcome.report,
        })
    }

    /// Checks the basket and prices its lines before promotions.
    fn prepare<'a>(&self, basket: &'a [BasketLine]) -> Result<Vec<Line<'a>>, PromotionError> {
        if basket.len() > MAX_LINES {
            return Err(PromotionError::TooManyLines { max: MAX_LINES });
        }
        let mut seen = HashSet::with_capacity(basket.len());
        basket
            .iter()
            .map(|input| {
                if input.unit_price.currency() != self.currency {
                    return Err(PromotionError::CurrencyMismatch {
                        line: input.line,
                        expected: self.currency,
                        found: input.unit_price.currency(),
                    });
                }
                if !seen.insert(input.line) {
                    return Err(PromotionError::DuplicateLine { line: input.line });
                }
                let milli = input.quantity.milli();
                let base = round_ratio(
                    i128::from(input.unit_price.minor()) * i128::from(milli),
                    1000,
                    Rounding::HalfUp,
                )
                .and_then(|b| i64::try_from(b).ok())
                .ok_or(PromotionError::Overflow)?;
                let pieces = (!input.weighed
                    && milli > 0
                    && milli % 1000 == 0
                    && milli / 1000 <= MAX_PIECES)
                    .then(|| u32::try_from(milli / 1000).ok())
                    .flatten();
                Ok(Line {
                    input,
                    base,
                    pieces,
                })
            })
            .collect()
    }

    /// What became of each entered code: applied, or the most telling reason it did not.
    fn coupon_outcomes(&self, ctx: &Context, fates: &HashMap<u32, Fate>) -> Vec<CouponOutcome> {
        ctx.coupons
            .iter()
            .map(|entered| {
                let promos = self
                    .by_code
                    .get(&normalize_code(&entered.code))
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let mut status = CouponStatus::Rejected {
                    reason: CouponRejection::UnknownCode,
                };
                let mut rank = 0;
                for &index in promos {
                    let promo = &self.promotions[index as usize];
                    let fate = fates.get(&index).copied().unwrap_or_else(|| {
                        // Touched no line: refused by its conditions, or nothing qualifies.
                        match eligibility::check(
                            promo,
                            ctx.now,
                            ctx.customer.as_ref(),
                            &ctx.coupons,
                        ) {
                            Err(Some(reason)) => Fate::Refused(reason),
                            _ => Fate::NothingQualifies,
                        }
                    });
                    let (r, s) = match fate {
                        Fate::Applied => (
                            4,
                            CouponStatus::Applied {
                                promotion_id: promo.id,
                            },
                        ),
                        Fate::Candidate => (
                            3,
                            CouponStatus::Rejected {
                                reason: CouponRejection::BetterOfferApplied,
                            },
                        ),
                        Fate::NothingQualifies => (
                            2,
                            CouponStatus::Rejected {
                                reason: CouponRejection::NothingQualifies,
                            },
                        ),
                        Fate::Refused(reason) => (1, CouponStatus::Rejected { reason }),
                    };
                    if r > rank {
                        rank = r;
                        status = s;
                    }
                }
                CouponOutcome {
                    code: entered.code.clone(),
                    status,
                }
            })
            .collect()
    }
}
