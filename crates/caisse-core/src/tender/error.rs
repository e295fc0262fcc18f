//! The one error type of tenders and cash rounding, with stable codes for the API envelope.

use super::TenderKind;
use crate::money::{Currency, Money, MoneyError};

/// Why a payment or a cash-rounding rule was refused. Payments count from 0 in input order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettlementError {
    /// A payment in another currency than the sale.
    #[error("payment {index} is in {found}, the sale in {expected}")]
    CurrencyMismatch {
        /// The payment.
        index: usize,
        /// The sale's currency.
        expected: Currency,
        /// The payment's currency.
        found: Currency,
    },
    /// A card, wallet, gift card... asked for more than is still owed: only cash gives change.
    #[error("payment {index} by {kind:?} of {amount} is more than the {remaining} still owed")]
    Overpayment {
        /// The payment.
        index: usize,
        /// How it was paid.
        kind: TenderKind,
        /// The amount asked.
        amount: Money,
        /// What was still owed before it.
        remaining: Money,
    },
    /// A payment in the wrong direction (money taken in on a refund, or given back on a sale),
    /// or a non-cash payment of zero.
    #[error("payment {index} of {amount} goes the wrong way for this sale")]
    WrongDirection {
        /// The payment.
        index: usize,
        /// The amount received.
        amount: Money,
    },
    /// A payment after the sale was already settled.
    #[error("payment {index} comes after the sale was settled")]
    AlreadySettled {
        /// The payment.
        index: usize,
    },
    /// A cash-rounding rule that is not `none` or a positive step in the currency's units.
    #[error("invalid cash rounding {input:?}: {reason}")]
    InvalidRule {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not a two-letter ISO 3166 country code.
    #[error("invalid country code {input:?}")]
    InvalidCountry {
        /// What was given.
        input: String,
    },
    /// The amount arithmetic failed (out of range).
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl SettlementError {
    /// Stable snake_case code used in the API error envelope (`{"error":{"code":...}}`).
    pub fn code(&self) -> &'static str {
        match self {
            SettlementError::CurrencyMismatch { .. } => "currency_mismatch",
            SettlementError::Overpayment { .. } => "overpayment_not_in_cash",
            SettlementError::WrongDirection { .. } => "payment_wrong_direction",
            SettlementError::AlreadySettled { .. } => "already_settled",
            SettlementError::InvalidRule { .. } => "invalid_cash_rounding",
            SettlementError::InvalidCountry { .. } => "invalid_country",
            SettlementError::Money(e) => e.code(),
        }
    }
}
