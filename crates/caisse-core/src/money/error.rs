//! The one error type of the money module, with stable codes for the API envelope.

use super::Currency;

/// Why an amount, a quantity, a currency or a locale was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Two amounts in different currencies were combined (e.g. adding USD to a EUR total).
    #[error("cannot combine {left} with {right}: the currencies differ")]
    CurrencyMismatch {
        /// Currency of the amount the operation started from.
        left: Currency,
        /// Currency of the other amount.
        right: Currency,
    },
    /// The result does not fit in the 64-bit integer of minor units (or of thousandths).
    #[error("amount out of range")]
    Overflow,
    /// The text is not an ISO 4217 currency code.
    #[error("unknown currency code {0:?}")]
    UnknownCurrency(String),
    /// An ISO 4217 code with no minor unit (gold, SDR, test code...): goods cannot be priced in it.
    #[error("currency {0} has no minor unit and cannot be used for prices")]
    UnsupportedCurrency(&'static str),
    /// The text typed or imported is not an amount of money.
    #[error("invalid amount {input:?}: {reason}")]
    InvalidAmount {
        /// What was typed, as received.
        input: String,
        /// What is wrong with it, in plain words.
        reason: &'static str,
    },
    /// The text is not a quantity.
    #[error("invalid quantity {input:?}: {reason}")]
    InvalidQuantity {
        /// What was typed, as received.
        input: String,
        /// What is wrong with it, in plain words.
        reason: &'static str,
    },
    /// More decimals than the currency (or the quantity precision) allows, e.g. "1.234" EUR.
    #[error("{input:?} has more than {max} decimals")]
    TooManyDecimals {
        /// What was typed or received.
        input: String,
        /// How many decimals are allowed.
        max: u32,
    },
    /// A split was asked with no parts or with weights that add up to zero.
    #[error("cannot allocate: {0}")]
    InvalidAllocation(&'static str),
    /// The language tag is not one of the supported user interface locales.
    #[error("unsupported locale {0:?}")]
    UnknownLocale(String),
}

impl MoneyError {
    /// Stable snake_case code used in the API error envelope (`{"error":{"code":...}}`).
    pub fn code(&self) -> &'static str {
        match self {
            MoneyError::CurrencyMismatch { .. } => "currency_mismatch",
            MoneyError::Overflow => "amount_overflow",
            MoneyError::UnknownCurrency(_) => "unknown_currency",
            MoneyError::UnsupportedCurrency(_) => "unsupported_currency",
            MoneyError::InvalidAmount { .. } => "invalid_amount",
            MoneyError::InvalidQuantity { .. } => "invalid_quantity",
            MoneyError::TooManyDecimals { .. } => "too_many_decimals",
            MoneyError::InvalidAllocation(_) => "invalid_allocation",
            MoneyError::UnknownLocale(_) => "unknown_locale",
        }
    }
}
