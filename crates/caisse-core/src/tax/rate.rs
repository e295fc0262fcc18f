//! Tax rates as exact percentages.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::TaxError;

/// Decimals a rate may carry (8.875 % has three; four leaves room for any known jurisdiction).
const DECIMALS: u32 = 4;
/// `10^DECIMALS`: a rate is stored as a whole number of ten-thousandths of a percent.
const SCALE: u32 = 10_000;
/// Rates must stay below 1000 %.
const LIMIT: u32 = 1000 * SCALE;

/// A tax rate in percent, as printed on receipts (20, 5.5, 8.875, 0): from 0 up to (not
/// including) 1000, with at most 4 decimals. Serialised as a string (`"5.5"`), never a float.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TaxRate {
    /// Ten-thousandths of a percent: 5.5 % is 55_000.
    units: u32,
}

impl TaxRate {
    /// No tax (zero-rated goods, exports).
    pub const ZERO: TaxRate = TaxRate { units: 0 };

    /// Reads a rate written as plain digits with an optional dot: `"20"`, `"5.5"`, `"8.875"`.
    ///
    /// Refuses signs, exponents, commas, more than 4 decimals and rates of 1000 or more.
    pub fn parse(input: &str) -> Result<TaxRate, TaxError> {
        let invalid = |reason| TaxError::InvalidRate {
            input: input.to_owned(),
            reason,
        };
        let text = input.trim();
        let (whole, fraction) = match text.split_once('.') {
            Some((_, "")) => {
                return Err(invalid("a dot must be followed by decimals"));
            }
            Some(parts) => parts,
            None => (text, ""),
        };
        if whole.is_empty() {
            return Err(invalid("expected digits such as 20 or 5.5"));
        }
        if !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return Err(invalid("only digits and one dot are allowed"));
        }
        if fraction.len() > DECIMALS as usize {
            return Err(invalid("at most 4 decimals"));
        }
        let mut units: u32 = 0;
        let padded = fraction
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(DECIMALS as usize);
        for digit in whole.bytes().chain(padded) {
            // Appending a digit never makes the number smaller, so the first time it reaches
            // the limit is the time to stop (and `units * 10` cannot overflow below it).
            units = units * 10 + u32::from(digit - b'0');
            if units >= LIMIT {
                return Err(invalid("must be below 1000"));
            }
        }
        Ok(TaxRate { units })
    }

    /// A rate from an exact decimal percentage (`Decimal::new(55, 1)` is 5.5 %).
    pub fn from_decimal(percent: Decimal) -> Result<TaxRate, TaxError> {
        let invalid = |reason| TaxError::InvalidRate {
            input: percent.to_string(),
            reason,
        };
        if percent.is_sign_negative() && !percent.is_zero() {
            return Err(invalid("must not be negative"));
        }
        let normal = percent.normalize();
        if normal.scale() > DECIMALS {
            return Err(invalid("at most 4 decimals"));
        }
        let factor = 10u128.pow(DECIMALS - normal.scale());
        normal
            .mantissa()
            .unsigned_abs()
            .checked_mul(factor)
            .and_then(|u| u32::try_from(u).ok())
            .filter(|&units| units < LIMIT)
            .map(|units| TaxRate { units })
            .ok_or_else(|| invalid("must be below 1000"))
    }

    /// The percentage as an exact decimal, without useless zeros (5.5, 20, 8.875).
    pub fn as_decimal(&self) -> Decimal {
        // Scale 4 is far below Decimal's limit of 28, the only case in which `new` panics.
        Decimal::new(i64::from(self.units), DECIMALS).normalize()
    }

    /// The rate with at least two decimals, as fiscal journals and exports print it
    /// (`"20.00"`, `"5.50"`, `"8.875"`).
    pub fn to_fixed2(&self) -> String {
        let mut d = self.as_decimal();
        if d.scale() < 2 {
            d.rescale(2);
        }
        d.to_string()
    }

    /// True for a zero rate (the goods are taxable but at 0 %).
    pub const fn is_zero(&self) -> bool {
        self.units == 0
    }

    /// The rate in ten-thousandths of a percent (5.5 % is 55_000), for exact integer arithmetic.
    pub(crate) const fn units(&self) -> u32 {
        self.units
    }
}

/// The plain form: `20`, `5.5`, `8.875`.
impl fmt::Display for TaxRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.as_decimal(), f)
    }
}

impl fmt::Debug for TaxRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TaxRate({self}%)")
    }
}

impl FromStr for TaxRate {
    type Err = TaxError;

    fn from_str(s: &str) -> Result<TaxRate, TaxError> {
        TaxRate::parse(s)
    }
}

impl serde::Serialize for TaxRate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for TaxRate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<TaxRate, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        TaxRate::parse(&text).map_err(serde::de::Error::custom)
    }
}
