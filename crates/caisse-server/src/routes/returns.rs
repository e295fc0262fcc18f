//! Returns: start one from a receipt (or without, with a manager), add the goods brought
//! back. Refunds and completion then use `/sales/{id}/payments` and `/sales/{id}/complete`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caisse_app::App;
use caisse_app::checkout::returns::{self, ReturnLine, ReturnView, SetRestock, StartReturn};
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, Caller};

/// Starts a return from a receipt number (as scanned or typed) or a sale id; without either,
/// it needs a manager (or `approval` with a manager's login and PIN).
#[utoipa::path(post, path = "/api/v1/returns", tag = "returns", request_body = StartReturn,
    responses((status = 201, body = ReturnView),
              (status = 403, description = "`approval_required` (no receipt) with `details.action`", body = ErrorEnvelope),
              (status = 404, description = "`not_found` (no such receipt)", body = ErrorEnvelope),
              (status = 409, description = "`not_returnable`, `nothing_to_return`, `drawer_closed`", body = ErrorEnvelope)))]
pub async fn start_return(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<StartReturn>,
) -> Result<(StatusCode, Json<ReturnView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(returns::start_return(&app, &who, input).await?),
    ))
}

/// A live return with what its original still allows (lines left, tenders to refund to) and
/// the credit notes it issued.
#[utoipa::path(get, path = "/api/v1/returns/{id}", tag = "returns", params(("id" = Uuid, Path)),
    responses((status = 200, body = ReturnView), (status = 404, body = ErrorEnvelope)))]
pub async fn get_return(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<ReturnView>, ApiError> {
    Ok(Json(returns::get_return(&app, &who, id).await?))
}

/// Adds goods brought back: `{"original_line_no": 1, "quantity": "2"}` with a receipt, or
/// `{"code": "…"}` without.
#[utoipa::path(post, path = "/api/v1/returns/{id}/lines", tag = "returns", params(("id" = Uuid, Path)), request_body = ReturnLine,
    responses((status = 200, body = ReturnView),
              (status = 409, description = "`return_exceeds_sold`, `line_voided`, `not_a_return`", body = ErrorEnvelope),
              (status = 422, body = ErrorEnvelope)))]
pub async fn add_return_line(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ReturnLine>,
) -> Result<Json<ReturnView>, ApiError> {
    Ok(Json(returns::add_return_line(&app, &who, id, input).await?))
}

/// Chooses whether the goods of an open return go back to stock (before any refund).
#[utoipa::path(put, path = "/api/v1/returns/{id}/restock", tag = "returns", params(("id" = Uuid, Path)), request_body = SetRestock,
    responses((status = 200, body = ReturnView),
              (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`refund_taken`, `sale_not_open`", body = ErrorEnvelope)))]
pub async fn set_restock(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<SetRestock>,
) -> Result<Json<ReturnView>, ApiError> {
    Ok(Json(returns::set_restock(&app, &who, id, input).await?))
}
