//! Cash rounding: where small coins are gone, a cash total is rounded to the smallest coin.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::SettlementError;
use crate::money::{Currency, Money, Rounding};

/// How a total paid in cash is rounded (REFERENCE.md section 8). Cards are never rounded.
///
/// Serialised as `{"rule": "none"}` or `{"rule": "nearest", "step": 5}` (minor units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RuleJson", into = "RuleJson")]
pub enum CashRounding {
    /// Cash is paid to the minor unit, like cards.
    None,
    /// To the nearest multiple of `step` minor units (5 for 0.05, 100 for a whole krona),
    /// halves away from zero. Build it with [`CashRounding::nearest`].
    Nearest {
        /// The smallest coin in minor units; must be at least 1.
        step: i64,
    },
}

/// The JSON shape of [`CashRounding`], checked on the way in.
#[derive(Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
enum RuleJson {
    None,
    Nearest { step: i64 },
}

impl TryFrom<RuleJson> for CashRounding {
    type Error = SettlementError;

    fn try_from(j: RuleJson) -> Result<CashRounding, SettlementError> {
        match j {
            RuleJson::None => Ok(CashRounding::None),
            RuleJson::Nearest { step } => CashRounding::nearest(step),
        }
    }
}

impl From<CashRounding> for RuleJson {
    fn from(rule: CashRounding) -> RuleJson {
        match rule {
            CashRounding::None => RuleJson::None,
            CashRounding::Nearest { step } => RuleJson::Nearest { step },
        }
    }
}

/// Countries whose cash totals are rounded, with the step in minor units of their currency.
/// Countries not listed round nothing.
const COUNTRY_STEPS: &[(&str, i64)] = &[
    // REFERENCE.md section 8: nearest 0.05.
    ("CA", 5),
    ("AU", 5),
    ("NL", 5),
    ("BE", 5),
    ("IT", 5),
    ("CH", 5),
    // Also nearest 0.05: Finland (since 2002) and Ireland (since 2015).
    ("FI", 5),
    ("IE", 5),
    // New Zealand: nearest 0.10; Denmark: nearest 0.50 krone.
    ("NZ", 10),
    ("DK", 50),
    // REFERENCE.md section 8: whole krona, 50 öre and up rounds up.
    ("SE", 100),
    ("NO", 100),
];

impl CashRounding {
    /// Rounding to the nearest `step` minor units; the step must be at least 1.
    pub fn nearest(step: i64) -> Result<CashRounding, SettlementError> {
        let rule = CashRounding::Nearest { step };
        rule.validate().map(|()| rule)
    }

    /// The rule of a country's own currency from its ISO 3166 code (`CA`, `CH`, `SE`...);
    /// `None` for countries that do not round cash.
    pub fn preset(country: &str) -> Result<CashRounding, SettlementError> {
        let code = country.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(SettlementError::InvalidCountry {
                input: country.to_owned(),
            });
        }
        Ok(COUNTRY_STEPS
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(CashRounding::None, |&(_, step)| CashRounding::Nearest {
                step,
            }))
    }

    /// Reads a setting: `none`, or the smallest coin in currency units (`0.05`, `1`).
    pub fn parse(input: &str, currency: Currency) -> Result<CashRounding, SettlementError> {
        let invalid = |reason| SettlementError::InvalidRule {
            input: input.to_owned(),
            reason,
        };
        let text = input.trim();
        if text.eq_ignore_ascii_case("none") {
            return Ok(CashRounding::None);
        }
        let plain = text.split('.').count() <= 2
            && text.split('.').all(|part| !part.is_empty())
            && text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if !plain {
            return Err(invalid("expected none or a coin value such as 0.05"));
        }
        let value = Decimal::from_str(text).map_err(|_| invalid("not a number"))?;
        let step = Money::from_decimal(value, currency, Rounding::Down)?;
        if step.to_decimal() != value {
            return Err(invalid("finer than the currency's smallest unit"));
        }
        CashRounding::nearest(step.minor()).map_err(|_| invalid("must be more than zero"))
    }

    /// The setting as [`CashRounding::parse`] reads it (`none`, `0.05`).
    pub fn to_text(&self, currency: Currency) -> String {
        match self {
            CashRounding::None => "none".to_owned(),
            CashRounding::Nearest { step } => Money::new(*step, currency).to_decimal().to_string(),
        }
    }

    /// Checks that a `Nearest` step is at least 1.
    pub fn validate(&self) -> Result<(), SettlementError> {
        match self {
            CashRounding::Nearest { step } if *step < 1 => Err(SettlementError::InvalidRule {
                input: step.to_string(),
                reason: "the step must be at least one minor unit",
            }),
            _ => Ok(()),
        }
    }

    /// What is paid in cash for `amount`: 4.92 is 4.90 and 4.93 is 4.95 under a 0.05 rule.
    pub fn round(&self, amount: Money) -> Result<Money, SettlementError> {
        self.validate()?;
        let CashRounding::Nearest { step } = *self else {
            return Ok(amount);
        };
        let step = u128::from(step.unsigned_abs());
        let magnitude = u128::from(amount.minor().unsigned_abs());
        let remainder = magnitude % step;
        let down = magnitude - remainder;
        // `remainder` vs `step - remainder` compares with half a step without doubling.
        let rounded = if remainder >= step - remainder {
            down + step
        } else {
            down
        };
        let signed = i128::try_from(rounded).map_err(|_| crate::money::MoneyError::Overflow)?;
        let signed = if amount.is_negative() {
            -signed
        } else {
            signed
        };
        let minor = i64::try_from(signed).map_err(|_| crate::money::MoneyError::Overflow)?;
        Ok(Money::new(minor, amount.currency()))
    }
}
