//! The arithmetic of each kind of promotion, on what the lines still cost.
//!
//! Every evaluator gets the lines the promotion may touch and what each still costs after the
//! promotions applied before it (`remaining`), and returns what it takes off each line. It
//! never takes more than a line still costs, so no line goes below zero whatever stacks.
//! Count-based kinds (buy X get Y, mix and match, bundles) work on whole pieces: a line's
//! remaining amount is spread over its pieces exactly (the first pieces carry the odd minor
//! units), pieces are ranked dearest first (earlier lines first on a tie), and the discount of
//! the groups formed is spread back over every piece that took part, in proportion to what
//! each still cost (largest remainder). So the reward of "buy 2 get 1" or "3 for 10.00" is
//! shared by the whole group, and a returned piece refunds what it really cost.

use super::BasketLine;
use super::rule::{Benefit, PERCENT_WHOLE, Percent, Promotion, PromotionKind, ThresholdBenefit};
use crate::money::Rounding;
use crate::tax::round_ratio;

/// A basket line ready for the evaluators.
#[derive(Debug)]
pub(crate) struct Line<'a> {
    /// The caller's line.
    pub input: &'a BasketLine,
    /// Unit price times quantity, rounded half-up (as the sale is priced).
    pub base: i64,
    /// Whole pieces, for count-based kinds; `None` for weighed or very large quantities.
    pub pieces: Option<u32>,
}

/// Lines with more pieces than this are left out of count-based promotions (they would be
/// expanded piece by piece).
pub(crate) const MAX_PIECES: i64 = 10_000;

/// What one promotion takes off its lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct Applied {
    /// `(line index, amount)` for each line it discounts, amounts positive.
    pub parts: Vec<(u16, i64)>,
    /// The sum of the parts.
    pub total: i64,
    /// For quantity tiers: the tier reached (index in the rule's list).
    pub tier: Option<usize>,
}

impl Applied {
    fn from_parts(parts: Vec<(u16, i64)>, tier: Option<usize>) -> Applied {
        let parts: Vec<(u16, i64)> = parts.into_iter().filter(|&(_, a)| a > 0).collect();
        let total = parts.iter().map(|&(_, a)| a).sum();
        Applied { parts, total, tier }
    }
}

/// `amount × percent`, rounded with the shop's rounding.
pub(crate) fn percent_of(amount: i64, percent: Percent, rounding: Rounding) -> i64 {
    let n = i128::from(amount) * i128::from(percent.units());
    round_ratio(n, i128::from(PERCENT_WHOLE), rounding)
        .and_then(|v| i64::try_from(v).ok())
        .unwrap_or(0)
}

/// `price × milli / 1000`, half-up (a unit amount times a quantity).
fn times_quantity(price: i64, milli: i64) -> i64 {
    round_ratio(
        i128::from(price) * i128::from(milli),
        1000,
        Rounding::HalfUp,
    )
    .and_then(|v| i64::try_from(v).ok())
    .unwrap_or(i64::MAX)
}

/// What a benefit takes off one line that still costs `remaining`, within `0..=remaining`.
fn benefit_off(benefit: &Benefit, milli: i64, remaining: i64, rounding: Rounding) -> i64 {
    let off = match benefit {
        Benefit::Percent(p) => percent_of(remaining, *p, rounding),
        Benefit::AmountOff(m) => times_quantity(m.minor(), milli),
        Benefit::UnitPrice(m) => remaining.saturating_sub(times_quantity(m.minor(), milli)),
    };
    off.clamp(0, remaining.max(0))
}

/// Splits `total` over `weights` in proportion, exactly: each part is its share rounded down,
/// and the units left go to the largest remainders, earlier entries first on a tie. Needs
/// `0 <= total <= Σ weights`; every part then stays within its weight.
pub(crate) fn spread(total: i64, weights: &[(u16, i64)]) -> Vec<(u16, i64)> {
    let sum: i128 = weights.iter().map(|&(_, w)| i128::from(w.max(0))).sum();
    if total <= 0 || sum <= 0 {
        return Vec::new();
    }
    let total = i128::from(total).min(sum);
    let mut parts: Vec<(u16, i128, i128)> = weights
        .iter()
        .map(|&(line, w)| {
            let exact = total * i128::from(w.max(0));
            (line, exact / sum, exact % sum)
        })
        .collect();
    let given: i128 = parts.iter().map(|p| p.1).sum();
    let left = usize::try_from(total - given).unwrap_or(0);
    if left > 0 {
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_by(|&a, &b| parts[b].2.cmp(&parts[a].2));
        for &i in order.iter().take(left) {
            parts[i].1 += 1;
        }
    }
    parts
        .into_iter()
        .map(|(line, part, _)| (line, i64::try_from(part).unwrap_or(0)))
        .collect()
}

/// One piece: what it still costs and its line.
#[derive(Debug, Clone, Copy)]
struct Piece {
    value: i64,
    line: u16,
}

/// The pieces of the given lines, dearest first (earlier lines first on a tie).
fn pieces(lines: &[u16], prepared: &[Line<'_>], remaining: &[i64]) -> Vec<Piece> {
    let mut out = Vec::new();
    for &l in lines {
        let Some(n) = prepared[usize::from(l)].pieces else {
            continue;
        };
        let r = remaining[usize::from(l)].max(0);
        let n64 = i64::from(n);
        let (q, extra) = (r / n64, r % n64);
        for k in 0..n64 {
            let value = if k < extra { q + 1 } else { q };
            out.push(Piece { value, line: l });
        }
    }
    out.sort_by(|a, b| b.value.cmp(&a.value).then(a.line.cmp(&b.line)));
    out
}

/// Adds the value of the pieces to the weights of their lines.
fn add_weights(weights: &mut Vec<(u16, i64)>, group: &[Piece]) {
    for p in group {
        match weights.iter_mut().find(|(l, _)| *l == p.line) {
            Some(w) => w.1 += p.value,
            None => weights.push((p.line, p.value)),
        }
    }
}

/// What `promotion` takes off `lines` (those it may touch, in basket order) given what they
/// still cost.
pub(crate) fn apply(
    promotion: &Promotion,
    lines: &[u16],
    prepared: &[Line<'_>],
    remaining: &[i64],
    rounding: Rounding,
) -> Applied {
    let rem = |l: u16| remaining[usize::from(l)].max(0);
    match &promotion.kind {
        PromotionKind::ItemDiscount { benefit, .. } => Applied::from_parts(
            lines
                .iter()
                .map(|&l| {
                    let milli = prepared[usize::from(l)].input.quantity.milli();
                    (l, benefit_off(benefit, milli, rem(l), rounding))
                })
                .collect(),
            None,
        ),
        PromotionKind::QuantityTiers { tiers, .. } => {
            let quantity: i64 = lines
                .iter()
                .map(|&l| prepared[usize::from(l)].input.quantity.milli())
                .sum();
            let reached = tiers
                .iter()
                .enumerate()
                .filter(|(_, t)| t.min_quantity.milli() <= quantity)
                .max_by_key(|(_, t)| t.min_quantity);
            let Some((index, tier)) = reached else {
                return Applied::default();
            };
            Applied::from_parts(
                lines
                    .iter()
                    .map(|&l| {
                        let milli = prepared[usize::from(l)].input.quantity.milli();
                        (l, benefit_off(&tier.benefit, milli, rem(l), rounding))
                    })
                    .collect(),
                Some(index),
            )
        }
        PromotionKind::SpendThreshold {
            min_spend, benefit, ..
        } => {
            let spend: i64 = lines.iter().map(|&l| prepared[usize::from(l)].base).sum();
            if spend < min_spend.minor() {
                return Applied::default();
            }
            let weights: Vec<(u16, i64)> = lines.iter().map(|&l| (l, rem(l))).collect();
            let still: i64 = weights.iter().map(|&(_, w)| w).sum();
            let total = match benefit {
                ThresholdBenefit::Percent(p) => percent_of(still, *p, rounding),
                ThresholdBenefit::AmountOff(m) => m.minor().min(still),
            };
            Applied::from_parts(spread(total, &weights), None)
        }
        PromotionKind::BuyXGetY {
            buy, get, percent, ..
        } => {
            let all = pieces(lines, prepared, remaining);
            let size = usize::try_from(buy + get).unwrap_or(usize::MAX);
            let (mut total, mut weights) = (0i64, Vec::new());
            for group in all.chunks_exact(size) {
                // Dearest first: the last `get` pieces of the group are its cheapest.
                let rewarded = &group[size - usize::try_from(*get).unwrap_or(size)..];
                total += rewarded
                    .iter()
                    .map(|p| percent_of(p.value, *percent, rounding))
                    .sum::<i64>();
                add_weights(&mut weights, group);
            }
            Applied::from_parts(spread(total, &weights), None)
        }
        PromotionKind::MixAndMatch { count, price, .. } => {
            let all = pieces(lines, prepared, remaining);
            let size = usize::try_from(*count).unwrap_or(usize::MAX);
            let (mut total, mut weights) = (0i64, Vec::new());
            for group in all.chunks_exact(size) {
                let sum: i64 = group.iter().map(|p| p.value).sum();
                // Groups only get cheaper from here on.
                if sum <= price.minor() {
                    break;
                }
                total += sum - price.minor();
                add_weights(&mut weights, group);
            }
            Applied::from_parts(spread(total, &weights), None)
        }
        PromotionKind::Bundle { components, price } => {
            bundle(components, price.minor(), lines, prepared, remaining)
        }
    }
}

/// Bundles built one at a time, each part taking the dearest pieces still free among its
/// lines (a piece fills one part of one bundle only), while a bundle costs less than its
/// pieces.
fn bundle(
    components: &[super::rule::BundleComponent],
    price: i64,
    lines: &[u16],
    prepared: &[Line<'_>],
    remaining: &[i64],
) -> Applied {
    // The lines each part may take from, and for every line its pieces' values, dearest first.
    let per_part: Vec<Vec<u16>> = components
        .iter()
        .map(|c| {
            lines
                .iter()
                .copied()
                .filter(|&l| {
                    let i = prepared[usize::from(l)].input;
                    prepared[usize::from(l)].pieces.is_some()
                        && c.target
                            .matches(i.item_id, &i.category_path, i.brand.as_deref())
                })
                .collect()
        })
        .collect();
    let mut used = vec![0u32; prepared.len()];
    let value_of = |l: u16, k: u32| {
        let n = i64::from(prepared[usize::from(l)].pieces.unwrap_or(1).max(1));
        let r = remaining[usize::from(l)].max(0);
        if i64::from(k) < r % n {
            r / n + 1
        } else {
            r / n
        }
    };
    let (mut total, mut weights) = (0i64, Vec::new());
    loop {
        let mut group: Vec<Piece> = Vec::new();
        let mut complete = true;
        'parts: for (c, part_lines) in components.iter().zip(&per_part) {
            for _ in 0..c.quantity {
                let best = part_lines
                    .iter()
                    .copied()
                    .filter(|&l| {
                        used[usize::from(l)] < prepared[usize::from(l)].pieces.unwrap_or(0)
                    })
                    .max_by(|&a, &b| {
                        value_of(a, used[usize::from(a)])
                            .cmp(&value_of(b, used[usize::from(b)]))
                            .then(b.cmp(&a))
                    });
                let Some(l) = best else {
                    complete = false;
                    break 'parts;
                };
                group.push(Piece {
                    value: value_of(l, used[usize::from(l)]),
                    line: l,
                });
                used[usize::from(l)] += 1;
            }
        }
        let sum: i64 = group.iter().map(|p| p.value).sum();
        if !complete || sum <= price {
            break;
        }
        total += sum - price;
        add_weights(&mut weights, &group);
    }
    Applied::from_parts(spread(total, &weights), None)
}
