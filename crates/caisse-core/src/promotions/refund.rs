//! Refunds of part of a sold line that pro-rate its promotions exactly.
//!
//! What the customer paid for a line (its base less every discount it carried, shares of
//! bundles, groups and thresholds included) is spread over its pieces: each piece costs the
//! paid total divided by the pieces, and the minor units left over go one each to the first
//! pieces (largest remainder with equal shares). Returns take the pieces in order, so a first
//! return of one piece of three that paid 10.00 refunds 3.34, the next ones 3.33 each, and the
//! refunds of all pieces add up to exactly 10.00. Weighed lines are spread over thousandths
//! the same way, the cumulative refund of `x` thousandths being `⌊paid × x / sold⌋`.

use serde::{Deserialize, Serialize};

use super::{LineResult, PromotionError};
use crate::money::{Money, Quantity};

/// A line of a completed sale as its promotions left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoldLine {
    /// The sale's line number.
    pub line: u32,
    /// The quantity sold (positive).
    pub quantity: Quantity,
    /// Unit price times quantity, before promotions.
    pub base: Money,
    /// Everything the promotions took off the line.
    pub discount: Money,
    /// What earlier returns already took back.
    #[serde(default)]
    pub returned: Quantity,
}

impl SoldLine {
    /// The sold line behind a line of a promotion result.
    pub fn from_result(result: &LineResult, quantity: Quantity) -> SoldLine {
        SoldLine {
            line: result.line,
            quantity,
            base: result.base,
            discount: result.discount,
            returned: Quantity::ZERO,
        }
    }

    /// What the customer paid for the whole line.
    pub fn paid(&self) -> Result<Money, PromotionError> {
        self.base
            .checked_sub(self.discount)
            .map_err(|_| PromotionError::Overflow)
    }
}

/// The refund of a return from one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refund {
    /// The sale's line number.
    pub line: u32,
    /// The quantity returned.
    pub quantity: Quantity,
    /// The share of the line's base.
    pub base: Money,
    /// The share of its discounts given up (`base − amount`).
    pub discount: Money,
    /// What the customer gets back.
    pub amount: Money,
}

/// The part of `total` that the first `upto` of `count` units carry (see the module notes).
fn cumulative(total: i64, upto: i64, count: i64, pieces: bool) -> Option<i64> {
    if pieces {
        let (q, extra) = (total.div_euclid(count), total.rem_euclid(count));
        upto.checked_mul(q)?.checked_add(upto.min(extra))
    } else {
        let n = i128::from(total) * i128::from(upto);
        i64::try_from(n.div_euclid(i128::from(count))).ok()
    }
}

/// The exact refund of `quantity` more of a sold line.
pub fn refund(sold: &SoldLine, quantity: Quantity) -> Result<Refund, PromotionError> {
    let (count, before, asked) = (
        sold.quantity.milli(),
        sold.returned.milli(),
        quantity.milli(),
    );
    let left = count.saturating_sub(before);
    if asked <= 0 || before < 0 || asked > left {
        return Err(PromotionError::ReturnExceedsSold {
            line: sold.line,
            asked,
            left,
        });
    }
    let pieces = count % 1000 == 0 && before % 1000 == 0 && asked % 1000 == 0;
    let (count, before, after) = if pieces {
        (count / 1000, before / 1000, (before + asked) / 1000)
    } else {
        (count, before, before + asked)
    };
    let share = |total: Money| -> Result<Money, PromotionError> {
        let upto = cumulative(total.minor(), after, count, pieces);
        let from = cumulative(total.minor(), before, count, pieces);
        match (upto, from) {
            (Some(u), Some(f)) => Ok(Money::new(u - f, total.currency())),
            _ => Err(PromotionError::Overflow),
        }
    };
    let amount = share(sold.paid()?)?;
    let base = share(sold.base)?;
    Ok(Refund {
        line: sold.line,
        quantity,
        base,
        discount: base
            .checked_sub(amount)
            .map_err(|_| PromotionError::Overflow)?,
        amount,
    })
}
