//! The one error type of promotions, with stable codes for the API envelope.

use uuid::Uuid;

use crate::money::Currency;

/// Why a promotion set could not be built or a basket could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PromotionError {
    /// A rule that makes no sense (a 0-unit bundle, an amount in another currency…).
    #[error("promotion {id}: {reason}")]
    InvalidPromotion {
        /// The promotion.
        id: Uuid,
        /// What is wrong, in plain words.
        reason: &'static str,
    },
    /// Two promotions with the same id.
    #[error("promotion {id} is listed twice")]
    DuplicatePromotion {
        /// The repeated id.
        id: Uuid,
    },
    /// A percentage that is not `0 < p <= 100` with at most 4 decimals.
    #[error(
        "invalid percentage {input:?}: use digits with an optional dot, more than 0, at most 100"
    )]
    InvalidPercent {
        /// What was given.
        input: String,
    },
    /// A basket line priced in another currency than the shop's.
    #[error("line {line} is priced in {found}, the shop sells in {expected}")]
    CurrencyMismatch {
        /// The line.
        line: u32,
        /// The shop's currency.
        expected: Currency,
        /// The line's currency.
        found: Currency,
    },
    /// Two basket lines with the same line number.
    #[error("line {line} appears twice in the basket")]
    DuplicateLine {
        /// The repeated line number.
        line: u32,
    },
    /// More lines than a basket may hold.
    #[error("a basket holds at most {max} lines")]
    TooManyLines {
        /// The limit.
        max: usize,
    },
    /// A return of more than was sold (or left to return), or of nothing.
    #[error("cannot return {asked} of line {line}: {left} left to return")]
    ReturnExceedsSold {
        /// The line.
        line: u32,
        /// The quantity asked for, in thousandths.
        asked: i64,
        /// The quantity left to return, in thousandths.
        left: i64,
    },
    /// An amount out of range.
    #[error("amount out of range")]
    Overflow,
}

impl PromotionError {
    /// Stable snake_case code used in the API error envelope.
    pub fn code(&self) -> &'static str {
        match self {
            PromotionError::InvalidPromotion { .. } => "invalid_promotion",
            PromotionError::DuplicatePromotion { .. } => "duplicate_promotion",
            PromotionError::InvalidPercent { .. } => "invalid_percent",
            PromotionError::CurrencyMismatch { .. } => "currency_mismatch",
            PromotionError::DuplicateLine { .. } => "duplicate_line",
            PromotionError::TooManyLines { .. } => "too_many_lines",
            PromotionError::ReturnExceedsSold { .. } => "return_exceeds_sold",
            PromotionError::Overflow => "amount_overflow",
        }
    }
}
