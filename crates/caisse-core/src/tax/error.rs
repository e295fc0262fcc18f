//! The one error type of the tax module, with stable codes for the API envelope.

use crate::money::MoneyError;

/// Why a tax rate, a tax table or a tax computation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxError {
    /// The text is not a rate between 0 and 1000 % with at most 4 decimals.
    #[error("invalid tax rate {input:?}: {reason}")]
    InvalidRate {
        /// What was typed or received.
        input: String,
        /// What is wrong with it, in plain words.
        reason: &'static str,
    },
    /// A tax code (printed on receipts and journals) that is empty or not `A-Z`, `0-9`, `_`.
    #[error("invalid tax code {code:?}: {reason}")]
    InvalidCode {
        /// The code as received.
        code: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A tax label that is empty, too long or contains control characters.
    #[error("invalid label for tax {code}: {reason}")]
    InvalidLabel {
        /// The code of the tax the label belongs to.
        code: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A tax category name that is not 1 to 32 of `a-z`, `0-9`, `_`.
    #[error("invalid tax category {input:?}: {reason}")]
    InvalidCategory {
        /// The name as received.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A tax category with no tax at all (use a 0 % tax for zero-rated goods).
    #[error("tax category {category} has no tax")]
    EmptyCategory {
        /// The category.
        category: String,
    },
    /// Two taxes of one category share a code.
    #[error("tax category {category} lists tax {code} twice")]
    DuplicateCode {
        /// The category.
        category: String,
        /// The repeated code.
        code: String,
    },
    /// A category appears twice in a tax table.
    #[error("tax category {category} is defined twice")]
    DuplicateCategory {
        /// The repeated category.
        category: String,
    },
    /// A tax table with no category at all.
    #[error("a tax table needs at least one category")]
    EmptyTable,
    /// No built-in tax table has this name.
    #[error("unknown tax table preset {name:?} (known: {known})")]
    UnknownPreset {
        /// The name asked for.
        name: String,
        /// The known names, comma-separated.
        known: &'static str,
    },
    /// Not `inclusive` or `exclusive`.
    #[error("unknown tax mode {input:?} (expected inclusive or exclusive)")]
    UnknownMode {
        /// The text received.
        input: String,
    },
    /// Not `per_line` or `per_document`.
    #[error("unknown tax scope {input:?} (expected per_line or per_document)")]
    UnknownScope {
        /// The text received.
        input: String,
    },
    /// The amount arithmetic failed (out of range).
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl TaxError {
    /// Stable snake_case code used in the API error envelope (`{"error":{"code":...}}`).
    pub fn code(&self) -> &'static str {
        match self {
            TaxError::InvalidRate { .. } => "invalid_tax_rate",
            TaxError::InvalidCode { .. } => "invalid_tax_code",
            TaxError::InvalidLabel { .. } => "invalid_tax_label",
            TaxError::InvalidCategory { .. } => "invalid_tax_category",
            TaxError::EmptyCategory { .. } => "empty_tax_category",
            TaxError::DuplicateCode { .. } => "duplicate_tax_code",
            TaxError::DuplicateCategory { .. } => "duplicate_tax_category",
            TaxError::EmptyTable => "empty_tax_table",
            TaxError::UnknownPreset { .. } => "unknown_tax_preset",
            TaxError::UnknownMode { .. } => "unknown_tax_mode",
            TaxError::UnknownScope { .. } => "unknown_tax_scope",
            TaxError::Money(e) => e.code(),
        }
    }
}
