//! The use-case error type. Each variant answers one [`ErrorCode`] (or carries one), and the
//! code says the HTTP status (see `error_code.rs`).

use serde::Serialize;

use crate::ErrorCode;

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field, dotted for nested ones (`variants.0.sku`).
    pub field: String,
    /// What is wrong, as a stable code a client turns into a message in its own language
    /// (`required`, `too_large`, `not_positive`, `by_the_piece`, `too_long`, `not_one_of`,
    /// `out_of_range`; `invalid`
    /// when nothing more precise is said).
    pub code: &'static str,
    /// Values the message needs (`{"max": 64}`), or null.
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub params: serde_json::Value,
    /// What is wrong, in English (a fallback for clients without a message for the code).
    pub reason: String,
}

impl FieldError {
    /// A field error with the generic code `invalid`.
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> FieldError {
        FieldError::coded(field, "invalid", serde_json::Value::Null, reason)
    }

    /// A field error with its code and the values its message needs.
    pub fn coded(
        field: impl Into<String>,
        code: &'static str,
        params: serde_json::Value,
        reason: impl Into<String>,
    ) -> FieldError {
        FieldError {
            field: field.into(),
            code,
            params,
            reason: reason.into(),
        }
    }
}

/// One invalid cell (or row) of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    /// The column's header name, or empty when the whole row is wrong.
    pub column: String,
    /// What is wrong, as a stable code for the client's message (`import.<code>`), e.g.
    /// `required`, `duplicate_sku`, `unknown_column`; `invalid` when nothing more precise.
    pub code: &'static str,
    /// Values the message needs (`{"first": 3}`), or null.
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub params: serde_json::Value,
    /// What is wrong, in English.
    pub reason: String,
}

/// Why a use case refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request's fields are invalid.
    #[error("{} field(s) are invalid: {}", .0.len(), .0.iter().map(|e| format!("{}: {}", e.field, e.reason)).collect::<Vec<_>>().join("; "))]
    Validation(Vec<FieldError>),
    /// An imported file has bad rows; nothing was imported.
    #[error("{} row error(s) in the file; nothing was imported", .0.len())]
    InvalidCsv(Vec<RowError>),
    /// The thing asked for does not exist (in this store).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A SKU is already used by another item.
    #[error("SKU {0} is already used by another item")]
    DuplicateSku(String),
    /// A barcode already finds another item.
    #[error("barcode {0} already belongs to another item")]
    DuplicateBarcode(String),
    /// A well-formed code that finds nothing in the catalog.
    #[error("no item has the code {0}")]
    UnknownCode(String),
    /// A malformed code (bad check digit, bad length, unknown AI, bad date...).
    #[error("{message}")]
    InvalidCode {
        /// Stable reason code from the barcode parser.
        reason: &'static str,
        /// Human explanation.
        message: String,
    },
    /// Someone else changed the record first.
    #[error("the record was changed by someone else (now version {current})")]
    VersionConflict {
        /// The version now stored.
        current: i64,
    },
    /// Not signed in, or the session expired or was revoked.
    #[error("sign in first")]
    Unauthenticated,
    /// Wrong login, password or PIN.
    #[error("wrong login, password or PIN ({tries_left} tries left)")]
    InvalidCredentials {
        /// Wrong tries left at this place before the account is locked there.
        tries_left: i64,
    },
    /// A manager's approval was given with a wrong PIN (the caller's own session is fine).
    #[error("wrong approval PIN ({tries_left} tries left)")]
    ApprovalInvalid {
        /// Wrong tries left before the approver is locked at this place.
        tries_left: i64,
    },
    /// The request needs a till device paired with a register (a manager pairs it once).
    #[error("this device is not paired with a register: a manager pairs it first")]
    DeviceNotPaired,
    /// Too many failed sign-ins: the account is locked for a while.
    #[error("too many failed sign-ins: account locked until {until}")]
    AccountLocked {
        /// When the lock ends (RFC 3339).
        until: String,
    },
    /// Signed in, but the role does not allow this.
    #[error("your role does not allow this")]
    Forbidden,
    /// The action needs a manager's approval (PIN) that was not given.
    #[error("this needs a manager's approval: {action}")]
    ApprovalRequired {
        /// The action (`price_override`, `large_discount`, `no_sale`, …).
        action: &'static str,
    },
    /// The approver's PIN was right but they may not approve this.
    #[error("this person may not approve this action")]
    ApprovalDenied,
    /// The request does not fit the current state (sale already completed, drawer closed…).
    #[error("{message}")]
    InvalidState {
        /// The code (`sale_not_open`, `drawer_closed`, `not_settled`, …).
        code: ErrorCode,
        /// Human explanation.
        message: String,
    },
    /// A retryable request came without its `Idempotency-Key` header.
    #[error("this request needs an Idempotency-Key header")]
    IdempotencyKeyMissing,
    /// The same key is still being processed.
    #[error("a request with this Idempotency-Key is still in progress")]
    IdempotencyInFlight,
    /// The same key was used for another request.
    #[error("this Idempotency-Key was used for a different request")]
    IdempotencyMismatch,
    /// The payment terminal declined or did not answer; the sale is still payable.
    #[error("{message}")]
    PaymentFailed {
        /// [`ErrorCode::PaymentDeclined`] or [`ErrorCode::PaymentTimeout`].
        code: ErrorCode,
        /// Human explanation.
        message: String,
    },
    /// A device the request needs (the receipt printer) did not answer; nothing was changed.
    #[error("{message}")]
    DeviceUnavailable {
        /// [`ErrorCode::PrinterUnreachable`].
        code: ErrorCode,
        /// Human explanation.
        message: String,
    },
    /// A credit note cannot be spent as asked: unknown (`credit_note_not_found`), not usable
    /// here (`credit_note_not_usable`, `details.reason`), too low (`credit_note_insufficient`,
    /// `details.balance`) or more than is due (`credit_note_exceeds_due`, `details.due`).
    #[error("{message}")]
    CreditNote {
        /// The code.
        code: ErrorCode,
        /// Human explanation.
        message: String,
        /// What the till needs to offer something else (balance, due, reason).
        details: serde_json::Value,
    },
    /// A stock rule refused the change (`insufficient_stock`), with what the client needs to
    /// tell which item.
    #[error("{message}")]
    Stock {
        /// The code.
        code: ErrorCode,
        /// Human explanation.
        message: String,
        /// The item, the location and what would be left.
        details: serde_json::Value,
    },
    /// A rule of the people side refused the request (time clock, pay), with what it found.
    #[error("{message}")]
    Staff {
        /// The code.
        code: ErrorCode,
        /// Human explanation.
        message: String,
        /// What the rule found (for a timesheet: the problems per employee).
        details: serde_json::Value,
    },
    /// The sale changed since the till last showed it (another request or server changed it,
    /// or the `version` sent is not the current one): nothing was done. Carries the sale as it
    /// is now, for the till to show the cashier what changed.
    #[error("the sale changed since it was shown: check it and try again")]
    SaleChanged(Option<serde_json::Value>),
    /// The answer to this `Idempotency-Key` could not be stored: another request stored one
    /// under the key first. The caller answers what is stored.
    #[error("another request used this Idempotency-Key first")]
    KeyTaken,
    /// The database met a conflicting transaction (a deadlock or serialization failure) and
    /// the change, tried again a few times, still clashed. Nothing was kept: send the same
    /// request again (with the same `Idempotency-Key`).
    #[error("the database was busy with a conflicting change: send the same request again")]
    Transient(String),
    /// Anything unexpected (database down, bug); logged, never detailed to clients.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// Whether the failed transaction can be run again as it is (see [`AppError::Transient`]).
    pub fn is_transient(&self) -> bool {
        matches!(self, AppError::Transient(_))
    }

    /// The stable code clients can rely on.
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Validation(_) => ErrorCode::ValidationFailed,
            AppError::InvalidCsv(_) => ErrorCode::InvalidCsv,
            AppError::NotFound(_) => ErrorCode::NotFound,
            AppError::DuplicateSku(_) => ErrorCode::DuplicateSku,
            AppError::DuplicateBarcode(_) => ErrorCode::DuplicateBarcode,
            AppError::UnknownCode(_) => ErrorCode::UnknownCode,
            AppError::InvalidCode { .. } => ErrorCode::InvalidCode,
            AppError::VersionConflict { .. } => ErrorCode::VersionConflict,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::InvalidCredentials { .. } => ErrorCode::InvalidCredentials,
            AppError::ApprovalInvalid { .. } => ErrorCode::ApprovalInvalid,
            AppError::DeviceNotPaired => ErrorCode::DeviceNotPaired,
            AppError::AccountLocked { .. } => ErrorCode::AccountLocked,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::ApprovalRequired { .. } => ErrorCode::ApprovalRequired,
            AppError::ApprovalDenied => ErrorCode::ApprovalDenied,
            AppError::InvalidState { code, .. } => *code,
            AppError::IdempotencyKeyMissing => ErrorCode::IdempotencyKeyMissing,
            AppError::IdempotencyInFlight => ErrorCode::IdempotencyInFlight,
            AppError::IdempotencyMismatch => ErrorCode::IdempotencyKeyReused,
            AppError::PaymentFailed { code, .. } => *code,
            AppError::DeviceUnavailable { code, .. } => *code,
            AppError::CreditNote { code, .. } => *code,
            AppError::Stock { code, .. } => *code,
            AppError::Staff { code, .. } => *code,
            AppError::SaleChanged(_) => ErrorCode::SaleChanged,
            AppError::KeyTaken => ErrorCode::IdempotencyInFlight,
            AppError::Transient(_) => ErrorCode::RetryLater,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// A request that does not fit the current state.
    pub fn state(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError::InvalidState {
            code,
            message: message.into(),
        }
    }

    /// Stored amounts too large to add up (only data written before amounts were bounded can
    /// get there): a clear refusal, never a wrapped figure or a server error.
    pub fn out_of_range() -> AppError {
        AppError::state(
            ErrorCode::AmountOutOfRange,
            "the stored amounts are too large to add up: this report cannot be made",
        )
    }

    /// A single-field validation error.
    pub fn field(field: &str, reason: impl Into<String>) -> AppError {
        AppError::Validation(vec![FieldError::new(field, reason)])
    }

    /// A single-field validation error with its code (see [`FieldError::code`]).
    pub fn field_code(
        field: &str,
        code: &'static str,
        params: serde_json::Value,
        reason: impl Into<String>,
    ) -> AppError {
        AppError::Validation(vec![FieldError::coded(field, code, params, reason)])
    }
}

impl From<caisse_store::StoreError> for AppError {
    fn from(e: caisse_store::StoreError) -> Self {
        use caisse_store::{Constraint as C, StoreError as S};
        match e {
            S::NotFound => AppError::NotFound("record"),
            S::Conflict {
                constraint: C::ProductSku | C::VariantSku,
            } => AppError::DuplicateSku(String::new()),
            S::Conflict {
                constraint: C::Barcode,
            } => AppError::DuplicateBarcode(String::new()),
            S::Conflict {
                constraint: C::UserLogin,
            } => AppError::field("login", "this login is taken"),
            S::Transient(e) => AppError::Transient(e.to_string()),
            S::OutOfRange(_) => AppError::out_of_range(),
            S::Stale("open sale") => AppError::SaleChanged(None),
            S::Stale(what) => AppError::state(
                ErrorCode::ChangedMeanwhile,
                format!("the {what} changed meanwhile: try again"),
            ),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<caisse_core::sale::PricingError> for AppError {
    fn from(e: caisse_core::sale::PricingError) -> Self {
        AppError::state(ErrorCode::from(&e), e.to_string())
    }
}

impl From<caisse_core::tender::SettlementError> for AppError {
    fn from(e: caisse_core::tender::SettlementError) -> Self {
        AppError::state(ErrorCode::from(&e), e.to_string())
    }
}
