//! The one error type of the barcode module, with stable codes for the HTTP API.

use thiserror::Error;

/// Why a scanned or typed code was refused; `code()` is the stable API code, `Display` the
/// sentence shown to the cashier.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BarcodeError {
    /// Nothing was scanned (blank input, or a symbology prefix with no data after it).
    #[error("nothing was scanned")]
    Empty,

    /// A character that is not a digit where only digits are allowed.
    #[error("{what} may only contain digits, found {found:?} at position {position}")]
    NotNumeric {
        /// Which kind of code was being read, e.g. "EAN-13".
        what: &'static str,
        /// The offending character.
        found: char,
        /// 1-based position of the offending character.
        position: usize,
    },

    /// The number of digits does not fit any form of the code.
    #[error("{what} must have {expected} digits, got {got}")]
    BadLength {
        /// Which kind of code was being read.
        what: &'static str,
        /// The allowed lengths, in words, e.g. "8, 12, 13 or 14".
        expected: &'static str,
        /// How many digits were given.
        got: usize,
    },

    /// The final check digit does not match the other digits (mistyped or misread code).
    #[error("{what} check digit should be {expected}, got {got}")]
    BadCheckDigit {
        /// Which kind of code was being read.
        what: &'static str,
        /// The check character the other digits call for ('X' stands for 10 in ISBN/ISSN).
        expected: char,
        /// The check character that was given.
        got: char,
    },

    /// The check digit inside the price or weight of a scale label does not match the value.
    #[error("price/weight check digit on the label should be {expected}, got {got}")]
    BadValueCheckDigit {
        /// The value check digit the price or weight calls for.
        expected: u8,
        /// The value check digit printed on the label.
        got: u8,
    },

    /// A UPC-E code whose number system (first digit) is neither 0 nor 1.
    #[error("UPC-E number system must be 0 or 1, got {got}")]
    BadNumberSystem {
        /// The number-system digit that was given.
        got: char,
    },

    /// A GS1 element string contains an application identifier this till does not know.
    #[error("unknown GS1 application identifier at {found:?}")]
    UnknownAi {
        /// The start of the unreadable part (up to four characters).
        found: String,
    },

    /// A GS1 application identifier carries a value of the wrong shape.
    #[error("AI ({ai}): {reason}")]
    BadAiValue {
        /// The application identifier, e.g. "10".
        ai: String,
        /// What is wrong with the value.
        reason: String,
    },

    /// A GS1 date (YYMMDD) that does not exist, such as month 13 or 31 February.
    #[error("AI ({ai}): {value} is not a real date (YYMMDD)")]
    BadDate {
        /// The application identifier, e.g. "17".
        ai: String,
        /// The six digits as scanned.
        value: String,
    },

    /// A fixed-length GS1 value that stops short (end of data or a GS inside it).
    #[error("AI ({ai}) needs {expected} characters, got {got}")]
    Truncated {
        /// The application identifier, e.g. "01".
        ai: String,
        /// The fixed length of its value.
        expected: usize,
        /// How many characters were there.
        got: usize,
    },

    /// An ISSN variant (the two digits after the ISSN in its EAN-13) above 99.
    #[error("ISSN variant must be between 0 and 99, got {got}")]
    BadIssnVariant {
        /// The variant that was asked for.
        got: u8,
    },

    /// A scanner symbology identifier (`]xy`) that does not carry GS1 data.
    #[error("symbology identifier {id:?} does not carry GS1 data")]
    UnsupportedSymbology {
        /// The three-character identifier, e.g. "]C0".
        id: String,
    },

    /// A scale-label layout name or setting that is not supported.
    #[error("bad scale layout: {reason}")]
    BadLayout {
        /// What is wrong with the layout.
        reason: String,
    },
}

impl BarcodeError {
    /// Stable snake_case code for the HTTP API error envelope; never changes once published.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::NotNumeric { .. } => "not_numeric",
            Self::BadLength { .. } => "bad_length",
            Self::BadCheckDigit { .. } => "bad_check_digit",
            Self::BadValueCheckDigit { .. } => "bad_value_check_digit",
            Self::BadNumberSystem { .. } => "bad_number_system",
            Self::UnknownAi { .. } => "unknown_ai",
            Self::BadAiValue { .. } => "bad_ai_value",
            Self::BadDate { .. } => "bad_date",
            Self::Truncated { .. } => "truncated",
            Self::BadIssnVariant { .. } => "bad_issn_variant",
            Self::UnsupportedSymbology { .. } => "unsupported_symbology",
            Self::BadLayout { .. } => "bad_layout",
        }
    }
}
