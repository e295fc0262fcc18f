//! Money, quantities and the way people read and write them.
//!
//! **Money is integers**: an amount is an `i64` count of the currency's minor unit (cents for
//! EUR, yen for JPY, fils for BHD). Rates, weights and percentages multiply through an exact
//! decimal and are rounded back to minor units explicitly with a [`Rounding`]. No float is
//! used anywhere in this module, and JSON carries amounts as `{"amount": 1234, "currency": "EUR"}`
//! and quantities as decimal strings (`"1.250"`).

mod arith;
mod currency;
mod error;
mod locale;
mod number;
mod quantity;

#[cfg(test)]
mod tests;

use std::fmt;

use rust_decimal::Decimal;

pub use arith::Rounding;
pub use currency::Currency;
pub use error::MoneyError;
pub use locale::Locale;
pub use number::{format_decimal_number, format_plain_number};
pub use quantity::Quantity;

use number::{NumberError, parse_scaled};

/// An amount of money: a whole number of the currency's minor units (1234 EUR cents is 12.34 €).
///
/// Serialised as `{"amount": <minor units>, "currency": "EUR"}`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "MoneyJson", from = "MoneyJson")]
pub struct Money {
    minor: i64,
    currency: Currency,
}

/// The JSON shape of [`Money`].
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyJson {
    amount: i64,
    currency: Currency,
}

impl From<Money> for MoneyJson {
    fn from(m: Money) -> MoneyJson {
        MoneyJson {
            amount: m.minor,
            currency: m.currency,
        }
    }
}

impl From<MoneyJson> for Money {
    fn from(j: MoneyJson) -> Money {
        Money::new(j.amount, j.currency)
    }
}

impl Money {
    /// An amount from its minor units (`Money::new(1234, Currency::EUR)` is 12.34 €).
    pub const fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Nothing, in the given currency: the start of every total.
    pub const fn zero(currency: Currency) -> Money {
        Money::new(0, currency)
    }

    /// The amount in minor units (cents), as stored and sent over JSON.
    pub const fn minor(&self) -> i64 {
        self.minor
    }

    /// The currency the amount is in.
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// True for exactly nothing.
    pub const fn is_zero(&self) -> bool {
        self.minor == 0
    }

    /// True for money going out (a refund, a discount, change given).
    pub const fn is_negative(&self) -> bool {
        self.minor < 0
    }

    /// True for money coming in.
    pub const fn is_positive(&self) -> bool {
        self.minor > 0
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            })
        }
    }

    fn with_minor(self, minor: Option<i64>) -> Result<Money, MoneyError> {
        minor
            .map(|minor| Money::new(minor, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    /// Sum of two amounts of the same currency.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        self.with_minor(self.minor.checked_add(other.minor))
    }

    /// Difference of two amounts of the same currency (`self - other`).
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        self.with_minor(self.minor.checked_sub(other.minor))
    }

    /// The amount times a whole number (a unit price times a count of pieces).
    pub fn checked_mul_int(self, n: i64) -> Result<Money, MoneyError> {
        self.with_minor(self.minor.checked_mul(n))
    }

    /// The opposite amount (a sale turned into its refund); see [`Money::checked_neg`].
    ///
    /// The one amount without an opposite, `i64::MIN` minor units (about 92 million billion
    /// euros), gives `i64::MAX`.
    pub const fn neg(self) -> Money {
        Money::new(self.minor.saturating_neg(), self.currency)
    }

    /// The opposite amount, refusing the one amount that has none (`i64::MIN`).
    pub fn checked_neg(self) -> Result<Money, MoneyError> {
        self.with_minor(self.minor.checked_neg())
    }

    /// The amount without its sign, refusing `i64::MIN`.
    pub fn checked_abs(self) -> Result<Money, MoneyError> {
        self.with_minor(self.minor.checked_abs())
    }

    /// Sum of many amounts, all in `currency` (a receipt total); empty gives zero.
    pub fn checked_sum<I>(currency: Currency, amounts: I) -> Result<Money, MoneyError>
    where
        I: IntoIterator<Item = Money>,
    {
        amounts
            .into_iter()
            .try_fold(Money::zero(currency), Money::checked_add)
    }

    /// Multiplies by an exact decimal (a weight, a rate, a percentage as a fraction) and rounds
    /// to minor units with the given rounding. Exact even for factors with 28 decimals.
    pub fn mul_decimal(self, factor: Decimal, rounding: Rounding) -> Result<Money, MoneyError> {
        arith::mul_decimal(self.minor, factor, rounding).map(|m| Money::new(m, self.currency))
    }

    /// A unit price times a quantity (1.250 kg at 3.99 €/kg), rounded to minor units.
    pub fn mul_quantity(self, quantity: Quantity, rounding: Rounding) -> Result<Money, MoneyError> {
        arith::mul_milli(self.minor, quantity.milli(), rounding)
            .map(|m| Money::new(m, self.currency))
    }

    /// Splits the amount into parts proportional to `weights` that add up exactly to it
    /// (a discount spread over lines, a bill split between payers).
    ///
    /// Each part is the exact share rounded toward zero; the minor units left over go one each
    /// to the parts with the largest remainders, the earliest part first on a tie. Negative
    /// amounts split the same way with signs reversed. A zero weight gets zero. Fails when
    /// there are no weights or they are all zero.
    pub fn allocate(self, weights: &[u64]) -> Result<Vec<Money>, MoneyError> {
        if weights.is_empty() {
            return Err(MoneyError::InvalidAllocation("no parts to allocate to"));
        }
        let total_weight: u128 = weights.iter().map(|&w| u128::from(w)).sum();
        if total_weight == 0 {
            return Err(MoneyError::InvalidAllocation("the weights add up to zero"));
        }
        let whole = u128::from(self.minor.unsigned_abs());
        // whole < 2^64 and weight < 2^64, so every product fits in u128.
        let mut shares: Vec<(u128, u128)> = weights
            .iter()
            .map(|&w| {
                let exact = whole * u128::from(w);
                (exact / total_weight, exact % total_weight)
            })
            .collect();
        let given: u128 = shares.iter().map(|&(share, _)| share).sum();
        let left_over = usize::try_from(whole - given).map_err(|_| MoneyError::Overflow)?;
        let mut order: Vec<usize> = (0..shares.len()).collect();
        // Stable sort: equal remainders keep their original order, so earlier parts win ties.
        order.sort_by(|&a, &b| shares[b].1.cmp(&shares[a].1));
        for &i in order.iter().take(left_over) {
            shares[i].0 += 1;
        }
        shares
            .into_iter()
            .map(|(share, _)| {
                arith::to_signed(share, self.minor < 0).map(|m| Money::new(m, self.currency))
            })
            .collect()
    }

    /// Splits the amount into `parts` near-equal parts that add up exactly to it (100 into 3
    /// gives 34, 33, 33).
    pub fn allocate_evenly(self, parts: usize) -> Result<Vec<Money>, MoneyError> {
        let count = u128::try_from(parts).map_err(|_| MoneyError::Overflow)?;
        if count == 0 {
            return Err(MoneyError::InvalidAllocation("no parts to allocate to"));
        }
        // Equal weights: every remainder ties, so the first `extra` parts get one unit more.
        let whole = u128::from(self.minor.unsigned_abs());
        let (share, extra) = (whole / count, whole % count);
        (0..count)
            .map(|i| {
                let part = if i < extra { share + 1 } else { share };
                arith::to_signed(part, self.minor < 0).map(|m| Money::new(m, self.currency))
            })
            .collect()
    }

    /// The amount nearest to a decimal number of currency units (12.345 EUR with half-up is
    /// 12.35 €), rounded with the given rounding.
    pub fn from_decimal(
        d: Decimal,
        currency: Currency,
        rounding: Rounding,
    ) -> Result<Money, MoneyError> {
        let minor = arith::decimal_to_scaled(d, currency.minor_digits(), Some(rounding))?
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(minor, currency))
    }

    /// The amount as an exact decimal number of currency units (1234 cents is 12.34).
    pub fn to_decimal(&self) -> Decimal {
        arith::scaled_to_decimal(self.minor, self.currency.minor_digits())
    }

    /// The amount for people, with the currency sign placed per the locale.
    ///
    /// `$1,234.56` and `-$1,234.56` in en-US; `1 234,56 €` and `-1 234,56 €` in fr-FR (U+202F
    /// between thousands, U+00A0 before the sign). A sign made of letters (`CHF`, `kr`, or the
    /// ISO code for currencies without a well-known sign, such as `BHD`) is separated from
    /// the number by U+00A0 on both sides: `BHD 1,234.567`, `1 234,567 BHD`.
    pub fn format(&self, locale: Locale) -> String {
        let number = self.format_number(locale);
        let symbol = self.currency.symbol();
        if locale.symbol_before_amount() {
            let (sign, digits) = match number.strip_prefix('-') {
                Some(digits) => ("-", digits),
                None => ("", number.as_str()),
            };
            let gap = if symbol.chars().last().is_some_and(char::is_alphabetic) {
                "\u{00A0}"
            } else {
                ""
            };
            format!("{sign}{symbol}{gap}{digits}")
        } else {
            format!("{number}\u{00A0}{symbol}")
        }
    }

    /// The number alone, grouped per the locale, with all the currency's decimals (`1 234,56`).
    pub fn format_number(&self, locale: Locale) -> String {
        format_decimal_number(self.minor, self.currency.minor_digits(), locale)
    }

    /// Reads an amount typed by a person, in the shop's currency.
    ///
    /// Accepts the forms of every locale (`1 234,56`, `1234,56`, `1,234.56`, `1234.56`, `12`,
    /// `-3.20`), with or without the currency's sign or code before or after, and regular,
    /// no-break or narrow no-break spaces between thousands. A single `.` or `,` followed by
    /// exactly three digits is read per the locale (`1,234` is 1234 in en-US, 1.234 in fr-FR).
    /// Refuses ambiguous or malformed text (`1.2.3`, `12,345,6`, letters, nothing) and more
    /// decimals than the currency has (`too_many_decimals`).
    pub fn parse(input: &str, currency: Currency, locale: Locale) -> Result<Money, MoneyError> {
        let affixes = [currency.code(), currency.symbol()];
        match parse_scaled(input, currency.minor_digits(), locale, &affixes) {
            Ok(minor) => Ok(Money::new(minor, currency)),
            Err(NumberError::Invalid(reason)) => Err(MoneyError::InvalidAmount {
                input: input.to_owned(),
                reason,
            }),
            Err(NumberError::TooManyDecimals) => Err(MoneyError::TooManyDecimals {
                input: input.to_owned(),
                max: currency.minor_digits(),
            }),
            Err(NumberError::Overflow) => Err(MoneyError::Overflow),
        }
    }
}

impl std::ops::Neg for Money {
    type Output = Money;

    /// Same as [`Money::neg`].
    fn neg(self) -> Money {
        Money::neg(self)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({self})")
    }
}

/// Locale-free form for logs and messages: `12.34 EUR`, `-5 JPY`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = format_plain_number(self.minor, self.currency.minor_digits(), Locale::EnUs);
        write!(f, "{number} {}", self.currency.code())
    }
}
