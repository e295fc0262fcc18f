//! Quantities sold, counted or moved, to the thousandth of a unit.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::arith::{decimal_to_scaled, scaled_to_decimal};
use super::number::{NumberError, format_decimal_number, format_plain_number, parse_scaled};
use super::{Locale, MoneyError};

/// Decimals a quantity carries: grams of a kilogram, millilitres of a litre.
const DIGITS: u32 = 3;

/// A quantity sold, counted or moved, in thousandths of the unit (1.250 kg is 1250, 3 pieces
/// is 3000). Negative for returns and stock corrections. Serialised as a decimal string
/// (`"1.250"`), never as a float.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Quantity(i64);

impl Quantity {
    /// Nothing.
    pub const ZERO: Quantity = Quantity(0);
    /// One piece (or one kilogram, litre...).
    pub const ONE: Quantity = Quantity(1000);

    /// A quantity from thousandths of the unit (1250 is 1.250).
    pub const fn from_milli(milli: i64) -> Quantity {
        Quantity(milli)
    }

    /// A whole number of pieces.
    pub fn from_units(units: i64) -> Result<Quantity, MoneyError> {
        units
            .checked_mul(1000)
            .map(Quantity)
            .ok_or(MoneyError::Overflow)
    }

    /// The quantity in thousandths of the unit, as stored.
    pub const fn milli(self) -> i64 {
        self.0
    }

    /// True for nothing at all.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// True for a return or a stock decrease.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// True for a count of whole pieces (no fraction of a unit).
    pub const fn is_whole(self) -> bool {
        self.0 % 1000 == 0
    }

    /// Sum of two quantities; refuses to overflow.
    pub fn checked_add(self, other: Quantity) -> Result<Quantity, MoneyError> {
        self.0
            .checked_add(other.0)
            .map(Quantity)
            .ok_or(MoneyError::Overflow)
    }

    /// Difference of two quantities; refuses to overflow.
    pub fn checked_sub(self, other: Quantity) -> Result<Quantity, MoneyError> {
        self.0
            .checked_sub(other.0)
            .map(Quantity)
            .ok_or(MoneyError::Overflow)
    }

    /// The opposite quantity (a sale line turned into its return).
    pub fn checked_neg(self) -> Result<Quantity, MoneyError> {
        self.0
            .checked_neg()
            .map(Quantity)
            .ok_or(MoneyError::Overflow)
    }

    /// An exact decimal such as a scale reading; more than 3 decimals is refused, not rounded.
    pub fn from_decimal(d: Decimal) -> Result<Quantity, MoneyError> {
        decimal_to_scaled(d, DIGITS, None)?
            .map(Quantity)
            .ok_or_else(|| MoneyError::TooManyDecimals {
                input: d.to_string(),
                max: DIGITS,
            })
    }

    /// The quantity as an exact decimal, for multiplying by a price or rate.
    pub fn to_decimal(self) -> Decimal {
        scaled_to_decimal(self.0, DIGITS)
    }

    /// Reads what a person typed (`"1,25"` in fr-FR, `"1.25"` or `"1,234"` in en-US); same rules
    /// as [`super::Money::parse`], at most 3 decimals.
    pub fn parse(input: &str, locale: Locale) -> Result<Quantity, MoneyError> {
        parse_scaled(input, DIGITS, locale, &[])
            .map(Quantity)
            .map_err(|e| quantity_error(input, e))
    }

    /// The quantity for people, grouped per locale, without useless zeros (`"2"`, `"1,25"`).
    pub fn format(self, locale: Locale) -> String {
        let text = format_decimal_number(self.0, DIGITS, locale);
        let decimal = locale.decimal_separator();
        match text.rsplit_once(decimal) {
            Some((whole, fraction)) => {
                let fraction = fraction.trim_end_matches('0');
                if fraction.is_empty() {
                    whole.to_owned()
                } else {
                    format!("{whole}{decimal}{fraction}")
                }
            }
            None => text,
        }
    }
}

fn quantity_error(input: &str, error: NumberError) -> MoneyError {
    match error {
        NumberError::Invalid(reason) => MoneyError::InvalidQuantity {
            input: input.to_owned(),
            reason,
        },
        NumberError::TooManyDecimals => MoneyError::TooManyDecimals {
            input: input.to_owned(),
            max: DIGITS,
        },
        NumberError::Overflow => MoneyError::Overflow,
    }
}

/// The canonical form: `1.250`, `-0.500`, `3.000` (always 3 decimals, a dot, no grouping).
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_plain_number(self.0, DIGITS, Locale::EnUs))
    }
}

impl fmt::Debug for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Quantity({self})")
    }
}

/// Reads the machine form used in JSON and files: an optional `-`, digits, and optionally a dot
/// followed by 1 to 3 digits (`"2"`, `"1.25"`, `"-0.500"`). No grouping, no comma, no `+`.
impl FromStr for Quantity {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Quantity, MoneyError> {
        let invalid = |reason| MoneyError::InvalidQuantity {
            input: s.to_owned(),
            reason,
        };
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
        if whole.is_empty() || (body.contains('.') && fraction.is_empty()) {
            return Err(invalid("expected digits with an optional dot and decimals"));
        }
        if !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return Err(invalid(
                "only digits, one dot and a leading minus are allowed",
            ));
        }
        if fraction.len() > DIGITS as usize {
            return Err(MoneyError::TooManyDecimals {
                input: s.to_owned(),
                max: DIGITS,
            });
        }
        let mut value: i128 = 0;
        let padded = fraction
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(DIGITS as usize);
        for d in whole.bytes().chain(padded) {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(i128::from(d - b'0')))
                .ok_or(MoneyError::Overflow)?;
        }
        let value = if negative { -value } else { value };
        i64::try_from(value)
            .map(Quantity)
            .map_err(|_| MoneyError::Overflow)
    }
}

impl serde::Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Quantity, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
