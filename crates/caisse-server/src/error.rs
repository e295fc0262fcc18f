//! One error type for the HTTP edge: every failure becomes the envelope
//! `{"error": {"code", "message", "details"}}`, here and nowhere else. The status is the
//! code's, from the one table of codes ([`ErrorCode::status`]).

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use caisse_app::{AppError, ErrorCode};
use serde_json::{Value, json};

/// An error answered to an API client.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: ErrorCode,
    message: String,
    details: Value,
}

/// Most errors listed in one answer (`error_count` gives the total).
const ERRORS_SHOWN: usize = 1_000;
/// Longest text of one listed error.
const ERROR_TEXT_MAX: usize = 300;

fn clip(text: &str) -> String {
    clip_to(text, ERROR_TEXT_MAX)
}

fn clip_to(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

impl ApiError {
    /// An error with no details, answered with its code's status.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError::with_status(status_of(code), code, message)
    }

    /// An error answered with a status the framework chose (one of [`ErrorCode::statuses`],
    /// or, for the framework's own refusals, the status it gave).
    pub fn with_status(
        status: StatusCode,
        code: ErrorCode,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            details: json!({}),
        }
    }

    /// Adds details.
    pub fn with_details(mut self, details: Value) -> ApiError {
        self.details = details;
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The HTTP status answered.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

/// The HTTP status of a code, from the table of codes.
pub fn status_of(code: ErrorCode) -> StatusCode {
    StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        let code = e.code();
        let status = status_of(code);
        let details = match &e {
            AppError::Validation(errors) => {
                let first = errors.first().map(|f| f.field.clone());
                json!({ "field": first, "errors": errors })
            }
            AppError::InvalidCsv(errors) => {
                // A huge bad file must not make a huger answer: the first errors, each bounded,
                // and how many there are in all.
                let shown: Vec<_> = errors
                    .iter()
                    .take(ERRORS_SHOWN)
                    .map(|r| {
                        json!({
                            "line": r.line,
                            "column": clip(&r.column),
                            "code": r.code,
                            "params": r.params,
                            "reason": clip(&r.reason),
                        })
                    })
                    .collect();
                json!({ "errors": shown, "error_count": errors.len(), "truncated": errors.len() > ERRORS_SHOWN })
            }
            AppError::InvalidCode { reason, .. } => json!({ "reason": reason }),
            AppError::VersionConflict { current } => json!({ "current_version": current }),
            AppError::AccountLocked { until } => json!({ "locked_until": until }),
            AppError::InvalidCredentials { tries_left }
            | AppError::ApprovalInvalid { tries_left } => json!({ "tries_left": tries_left }),
            AppError::NotFound(what) => json!({ "resource": what }),
            AppError::ApprovalRequired { action } => json!({ "action": action }),
            AppError::DuplicateSku(sku) if !sku.is_empty() => json!({ "sku": sku }),
            AppError::CreditNote { details, .. } => details.clone(),
            AppError::Stock { details, .. } => details.clone(),
            AppError::Staff { details, .. } => details.clone(),
            AppError::SaleChanged(Some(sale)) => json!({ "sale": sale }),
            AppError::DuplicateBarcode(code) if !code.is_empty() => json!({ "barcode": code }),
            _ => json!({}),
        };
        let message = match &e {
            AppError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                "internal error".to_owned()
            }
            AppError::Transient(detail) => {
                tracing::warn!(error = %detail, "transaction conflict after retries");
                e.to_string()
            }
            other => clip_to(&other.to_string(), 4 * ERROR_TEXT_MAX),
        };
        ApiError {
            status,
            code,
            message,
            details,
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        match r {
            JsonRejection::BytesRejection(b) if b.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::new(ErrorCode::BodyTooLarge, "the request body is too large")
            }
            JsonRejection::MissingJsonContentType(_) => ApiError::new(
                ErrorCode::UnsupportedMediaType,
                "send JSON with Content-Type: application/json",
            ),
            // A body that is not JSON is 400, JSON that does not fit the request is 422.
            other => {
                ApiError::with_status(other.status(), ErrorCode::InvalidJson, other.body_text())
            }
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::new(ErrorCode::InvalidQuery, r.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code.as_str(), "message": self.message, "details": self.details } });
        (self.status, Json(body)).into_response()
    }
}

/// The envelope as documented in the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[expect(
    dead_code,
    reason = "documentation only: the envelope is built with json!"
)]
pub struct ErrorEnvelope {
    /// The error.
    error: ErrorBody,
}

/// The body of the error envelope.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "documentation only")]
pub struct ErrorBody {
    /// Stable snake_case code, e.g. `validation_failed`, `unknown_code`, `forbidden`.
    code: String,
    /// Human-readable explanation.
    message: String,
    /// Structured details (field errors, row errors, reasons).
    #[schema(value_type = Object)]
    details: Value,
}
