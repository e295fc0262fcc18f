//! Discounts on a line or on a whole sale.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::PricingError;
use crate::money::{Money, Rounding};

/// Decimals a percentage discount may carry.
const PERCENT_DECIMALS: u32 = 4;

/// A price reduction: a percentage of the price, or a fixed amount off.
///
/// Serialised as `{"percent": "12.5"}` or `{"amount": {"amount": 500, "currency": "EUR"}}`.
/// Build it with [`Discount::percent`] or [`Discount::amount`]; pricing checks it again, since
/// the variants can be written directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DiscountJson", into = "DiscountJson")]
pub enum Discount {
    /// A percentage of the price, `0 < p <= 100`, at most 4 decimals (12.5 is 12.5 % off).
    Percent(Decimal),
    /// A fixed amount off, positive, in the sale's currency.
    Amount(Money),
}

/// The JSON shape of [`Discount`]: percentages travel as strings, never as floats.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum DiscountJson {
    Percent(String),
    Amount(Money),
}

impl TryFrom<DiscountJson> for Discount {
    type Error = PricingError;

    fn try_from(j: DiscountJson) -> Result<Discount, PricingError> {
        match j {
            DiscountJson::Percent(text) => Discount::parse_percent(&text),
            DiscountJson::Amount(amount) => Discount::amount(amount),
        }
    }
}

impl From<Discount> for DiscountJson {
    fn from(d: Discount) -> DiscountJson {
        match d {
            Discount::Percent(p) => DiscountJson::Percent(p.normalize().to_string()),
            Discount::Amount(amount) => DiscountJson::Amount(amount),
        }
    }
}

impl Discount {
    /// A percentage off: more than 0, at most 100, at most 4 decimals.
    pub fn percent(percent: Decimal) -> Result<Discount, PricingError> {
        let discount = Discount::Percent(percent.normalize());
        discount.validate().map(|()| discount)
    }

    /// A percentage off written as plain digits with an optional dot (`"10"`, `"12.5"`).
    pub fn parse_percent(input: &str) -> Result<Discount, PricingError> {
        let text = input.trim();
        let plain = text.split('.').count() <= 2
            && text.split('.').all(|part| !part.is_empty())
            && text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let invalid = PricingError::InvalidDiscount {
            reason: "a percentage is digits with an optional dot, such as 10 or 12.5",
        };
        if !plain {
            return Err(invalid);
        }
        Decimal::from_str(text)
            .map_err(|_| invalid)
            .and_then(Discount::percent)
    }

    /// A fixed amount off; it must be more than zero.
    pub fn amount(amount: Money) -> Result<Discount, PricingError> {
        let discount = Discount::Amount(amount);
        discount.validate().map(|()| discount)
    }

    /// Checks the rules of [`Discount::percent`] and [`Discount::amount`].
    pub fn validate(&self) -> Result<(), PricingError> {
        let reason = match self {
            Discount::Percent(p) if *p <= Decimal::ZERO => "a percentage must be more than 0",
            Discount::Percent(p) if *p > Decimal::ONE_HUNDRED => "a percentage must be at most 100",
            Discount::Percent(p) if p.normalize().scale() > PERCENT_DECIMALS => {
                "a percentage has at most 4 decimals"
            }
            Discount::Amount(m) if !m.is_positive() => "an amount off must be more than zero",
            _ => return Ok(()),
        };
        Err(PricingError::InvalidDiscount { reason })
    }

    /// What the discount takes off `price`, with the sign of the price (a discount on a
    /// returned line reduces the refund); `None` when a fixed amount is more than the price.
    pub(super) fn off(
        &self,
        price: Money,
        rounding: Rounding,
    ) -> Result<Option<Money>, PricingError> {
        self.validate()?;
        match *self {
            Discount::Percent(p) => {
                let fraction = p
                    .checked_div(Decimal::ONE_HUNDRED)
                    .ok_or(crate::money::MoneyError::Overflow)?;
                Ok(Some(price.mul_decimal(fraction, rounding)?))
            }
            Discount::Amount(amount) => {
                if amount.minor().unsigned_abs() > price.minor().unsigned_abs() {
                    Ok(None)
                } else if price.is_negative() {
                    Ok(Some(amount.checked_neg()?))
                } else {
                    Ok(Some(amount))
                }
            }
        }
    }
}
