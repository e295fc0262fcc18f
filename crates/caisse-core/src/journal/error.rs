//! The one error type of the journal module, with stable codes for the API envelope.

/// Why an event could not be recorded, or a key or signature could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    /// A number in the event is not an integer (amounts must be decimal strings or integers).
    #[error("number {number} is not an integer: write amounts as decimal strings")]
    NotAnInteger {
        /// The number as it appeared.
        number: String,
    },
    /// The event given to record is not a JSON object.
    #[error("a journal event must be a JSON object")]
    NotAnObject,
    /// The event already carries a `seq` or `kind` that differs from the one the journal gives it.
    #[error("event field {field:?} is {found}, but the journal records {expected}")]
    ConflictingField {
        /// The field name (`seq` or `kind`).
        field: &'static str,
        /// What the journal would record.
        expected: String,
        /// What the event carried.
        found: String,
    },
    /// The previous entry is the last one a register can ever number (`u64::MAX`).
    #[error("the journal sequence is exhausted")]
    SequenceExhausted,
    /// A key, hash or signature is not hex of the expected length.
    #[error("{what} must be {bytes} bytes of hex")]
    InvalidHex {
        /// What was being read (`secret key`, `hash`, ...).
        what: &'static str,
        /// How many bytes it must have.
        bytes: usize,
    },
    /// The public key is not a valid Ed25519 point.
    #[error("invalid public key")]
    InvalidPublicKey,
    /// The signature does not match the hash and the register's public key.
    #[error("signature does not match")]
    BadSignature,
}

impl JournalError {
    /// Stable snake_case code used in the API error envelope (`{"error":{"code":...}}`).
    pub fn code(&self) -> &'static str {
        match self {
            JournalError::NotAnInteger { .. } => "journal_float_number",
            JournalError::NotAnObject => "journal_event_not_object",
            JournalError::ConflictingField { .. } => "journal_conflicting_field",
            JournalError::SequenceExhausted => "journal_sequence_exhausted",
            JournalError::InvalidHex { .. } => "journal_invalid_hex",
            JournalError::InvalidPublicKey => "journal_invalid_public_key",
            JournalError::BadSignature => "journal_bad_signature",
        }
    }
}
