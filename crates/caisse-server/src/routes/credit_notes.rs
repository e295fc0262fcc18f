//! Credit notes (store credit): look one up by the code the customer brings.

use axum::Json;
use axum::extract::{Path, State};
use caisse_app::App;
use caisse_app::checkout::credit::{self, CreditNoteDetails};

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::Caller;

/// A credit note of the store: issued amount, balance, the return that issued it and every
/// movement. Any signed-in staff may look. Spend it with `POST /api/v1/sales/{id}/payments`
/// and `{"kind": "store_credit", "credit_note": "CN-…"}`.
#[utoipa::path(get, path = "/api/v1/credit-notes/{code}", tag = "sales", params(("code" = String, Path)),
    responses((status = 200, body = CreditNoteDetails),
              (status = 404, description = "`credit_note_not_found`", body = ErrorEnvelope),
              (status = 422, description = "`credit_note_not_usable` with `details.reason` `return_not_completed`; `validation_failed` (malformed code)", body = ErrorEnvelope)))]
pub async fn get_credit_note(
    State(app): State<App>,
    Caller(who): Caller,
    Path(code): Path<String>,
) -> Result<Json<CreditNoteDetails>, ApiError> {
    Ok(Json(credit::credit_note(&app, &who, &code).await?))
}
