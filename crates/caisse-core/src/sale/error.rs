//! The one error type of sale pricing, with stable codes for the API envelope.

use crate::money::{Currency, MoneyError};

/// Why a sale could not be priced. Line numbers count from 0 in the order of the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    /// A price or a discount is not in the sale's currency.
    #[error("{found} amount in a {expected} sale{}", line_suffix(*.line))]
    CurrencyMismatch {
        /// The line holding the amount, or `None` for the sale-level discount.
        line: Option<usize>,
        /// The sale's currency.
        expected: Currency,
        /// The currency of the amount.
        found: Currency,
    },
    /// A percentage outside `0 < p <= 100` (or with more than 4 decimals), or an amount that
    /// is not positive.
    #[error("invalid discount: {reason}")]
    InvalidDiscount {
        /// What is wrong, in plain words.
        reason: &'static str,
    },
    /// A line discount larger than the line's price.
    #[error("the discount of line {line} is larger than its price")]
    LineDiscountExceedsPrice {
        /// The line.
        line: usize,
    },
    /// A sale discount larger than what the lines add up to (or a discount on nothing).
    #[error("the sale discount is larger than the sale")]
    SaleDiscountExceedsTotal,
    /// One line lists the same tax twice.
    #[error("line {line} lists tax {code} twice")]
    DuplicateTaxCode {
        /// The line.
        line: usize,
        /// The repeated tax code.
        code: String,
    },
    /// The amount arithmetic failed (out of range).
    #[error(transparent)]
    Money(#[from] MoneyError),
}

fn line_suffix(line: Option<usize>) -> String {
    line.map(|l| format!(" (line {l})")).unwrap_or_default()
}

impl PricingError {
    /// Stable snake_case code used in the API error envelope (`{"error":{"code":...}}`).
    pub fn code(&self) -> &'static str {
        match self {
            PricingError::CurrencyMismatch { .. } => "currency_mismatch",
            PricingError::InvalidDiscount { .. } => "invalid_discount",
            PricingError::LineDiscountExceedsPrice { .. } => "discount_exceeds_price",
            PricingError::SaleDiscountExceedsTotal => "discount_exceeds_total",
            PricingError::DuplicateTaxCode { .. } => "duplicate_tax_code",
            PricingError::Money(e) => e.code(),
        }
    }
}
