//! Sales at the till: open, lines, discounts, tenders, completion, park and resume.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use caisse_app::App;
use caisse_app::AppError;
use caisse_app::ErrorCode;
use caisse_app::checkout::complete::{self, CancelSale, CompleteSale};
use caisse_app::checkout::payments::{self, PaymentInput};
use caisse_app::checkout::sales::{
    self as sale, AddLine, OpenSale, ResumeSale, SaleDiscountInput, TaxExemptInput, UpdateLine,
};
use caisse_app::checkout::view::SaleView;
use caisse_app::checkout::voids::{self, VoidPayment};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, Caller};

/// The `Idempotency-Key` header, required on requests a terminal may retry.
pub(crate) fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| AppError::IdempotencyKeyMissing.into())
}

/// Opens a sale on a register (its drawer must be open).
#[utoipa::path(post, path = "/api/v1/sales", tag = "sales", request_body = OpenSale,
    responses((status = 201, body = SaleView), (status = 409, description = "`drawer_closed`", body = ErrorEnvelope)))]
pub async fn open_sale(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<OpenSale>,
) -> Result<(StatusCode, Json<SaleView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(sale::open_sale(&app, &who, input).await?),
    ))
}

/// Live sales list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaleList {
    /// Open and parked sales, newest first.
    pub items: Vec<SaleView>,
}

/// The store's open and parked sales.
#[utoipa::path(get, path = "/api/v1/sales/open", tag = "sales", responses((status = 200, body = SaleList)))]
pub async fn list_open_sales(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<SaleList>, ApiError> {
    Ok(Json(SaleList {
        items: sale::list_open(&app, &who, false).await?,
    }))
}

/// A sale: the live cart, or the completed (or cancelled) document, in one schema: what does
/// not apply to one of them is null (a document's `version`, a live sale's `number`,
/// `business_date`, and its tenders' `amount`).
#[utoipa::path(get, path = "/api/v1/sales/{id}", tag = "sales", params(("id" = Uuid, Path)),
    responses((status = 200, body = SaleView), (status = 404, body = ErrorEnvelope)))]
pub async fn get_sale(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<SaleView>, ApiError> {
    Ok(Json(
        caisse_app::checkout::documents::get_sale(&app, &who, id).await?,
    ))
}

/// Adds a line by code (`{"code": "…", "quantity": "2"}`) or by item id (`{"product_id": …}`).
#[utoipa::path(post, path = "/api/v1/sales/{id}/lines", tag = "sales", params(("id" = Uuid, Path)), request_body = AddLine,
    responses((status = 200, body = SaleView), (status = 404, description = "`unknown_code`", body = ErrorEnvelope),
              (status = 409, description = "`insufficient_stock` (the store refuses to sell below zero: an early warning, completion checks again), `sale_not_open`, `weight_required`", body = ErrorEnvelope),
              (status = 422, description = "`invalid_code` with `details.reason`", body = ErrorEnvelope)))]
pub async fn add_line(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<AddLine>,
) -> Result<Json<SaleView>, ApiError> {
    Ok(Json(sale::add_line(&app, &who, id, input).await?))
}

/// Changes a line's quantity, price or discount (a manager approval may be needed).
#[utoipa::path(patch, path = "/api/v1/sales/{id}/lines/{line_no}", tag = "sales",
    params(("id" = Uuid, Path), ("line_no" = u32, Path)), request_body = UpdateLine,
    responses((status = 200, body = SaleView), (status = 403, description = "`approval_required` with `details.action`", body = ErrorEnvelope)))]
pub async fn update_line(
    State(app): State<App>,
    Caller(who): Caller,
    Path((id, line_no)): Path<(Uuid, u32)>,
    ApiJson(input): ApiJson<UpdateLine>,
) -> Result<Json<SaleView>, ApiError> {
    Ok(Json(
        sale::update_line(&app, &who, id, line_no, input).await?,
    ))
}

/// Voids a line (it stays on the sale, at zero).
#[utoipa::path(post, path = "/api/v1/sales/{id}/lines/{line_no}/void", tag = "sales",
    params(("id" = Uuid, Path), ("line_no" = u32, Path)), responses((status = 200, body = SaleView)))]
pub async fn void_line(
    State(app): State<App>,
    Caller(who): Caller,
    Path((id, line_no)): Path<(Uuid, u32)>,
) -> Result<Json<SaleView>, ApiError> {
    Ok(Json(sale::void_line(&app, &who, id, line_no).await?))
}

/// Sets or removes the sale discount.
#[utoipa::path(put, path = "/api/v1/sales/{id}/discount", tag = "sales", params(("id" = Uuid, Path)), request_body = SaleDiscountInput,
    responses((status = 200, body = SaleView), (status = 403, body = ErrorEnvelope)))]
pub async fn set_discount(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<SaleDiscountInput>,
) -> Result<Json<SaleView>, ApiError> {
    Ok(Json(sale::set_sale_discount(&app, &who, id, input).await?))
}

/// Makes the sale tax-exempt with the customer's reference.
#[utoipa::path(put, path = "/api/v1/sales/{id}/tax-exempt", tag = "sales", params(("id" = Uuid, Path)), request_body = TaxExemptInput,
    responses((status = 200, body = SaleView)))]
pub async fn set_tax_exempt(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<TaxExemptInput>,
) -> Result<Json<SaleView>, ApiError> {
    Ok(Json(sale::set_tax_exempt(&app, &who, id, input).await?))
}

/// Takes a tender (needs `Idempotency-Key`): cash, card or wallet; at a sale, `store_credit`
/// with `credit_note` spends from a credit note; on a return, `store_credit` issues one.
#[utoipa::path(post, path = "/api/v1/sales/{id}/payments", tag = "sales", params(("id" = Uuid, Path)), request_body = PaymentInput,
    responses((status = 200, body = SaleView), (status = 400, description = "`idempotency_key_missing`", body = ErrorEnvelope),
              (status = 402, description = "`payment_declined` or `payment_timeout`", body = ErrorEnvelope),
              (status = 404, description = "`credit_note_not_found` (no note has this code in the store)", body = ErrorEnvelope),
              (status = 409, description = "`idempotency_in_flight`, `already_settled`", body = ErrorEnvelope),
              (status = 422, description = "`idempotency_key_reused`; `credit_note_insufficient` with `details.balance`; `credit_note_exceeds_due` with `details.due` (store credit gives no change); `credit_note_not_usable` with `details.reason` (`return_not_completed`, `other_store`, `currency`); `validation_failed`", body = ErrorEnvelope)))]
pub async fn add_payment(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<PaymentInput>,
) -> Result<Json<SaleView>, ApiError> {
    let key = idempotency_key(&headers)?;
    Ok(Json(
        payments::add_payment(&app, &who, id, &key, input).await?,
    ))
}

/// Voids a tender of an open sale or return (needs `Idempotency-Key`): a card or wallet
/// payment is refunded through the terminal, a store-credit redemption goes back to its note,
/// a cash tender is removed. A recorded tender is never changed: its reversal is a new
/// payment row. The sale is then payable again and can be cancelled.
#[utoipa::path(post, path = "/api/v1/sales/{id}/payments/{payment_id}/void", tag = "sales",
    params(("id" = Uuid, Path), ("payment_id" = Uuid, Path)), request_body = VoidPayment,
    responses((status = 200, body = SaleView), (status = 400, description = "`idempotency_key_missing`", body = ErrorEnvelope),
              (status = 402, description = "`payment_declined` or `payment_timeout` (the tender stays)", body = ErrorEnvelope),
              (status = 404, description = "`not_found` (no such open sale or tender)", body = ErrorEnvelope),
              (status = 409, description = "`payment_already_voided`, `sale_not_open`, `idempotency_in_flight`", body = ErrorEnvelope),
              (status = 422, description = "`idempotency_key_reused`", body = ErrorEnvelope)))]
pub async fn void_payment(
    State(app): State<App>,
    Caller(who): Caller,
    Path((id, payment_id)): Path<(Uuid, Uuid)>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<VoidPayment>,
) -> Result<Json<SaleView>, ApiError> {
    let key = idempotency_key(&headers)?;
    Ok(Json(
        voids::void_payment(&app, &who, id, payment_id, &key, input).await?,
    ))
}

/// Completes a paid sale (needs `Idempotency-Key`; a retry returns the stored answer). The
/// optional body `{"version": n}` is the sale's version as the till showed it.
#[utoipa::path(post, path = "/api/v1/sales/{id}/complete", tag = "sales", params(("id" = Uuid, Path)), request_body = Option<CompleteSale>,
    responses((status = 200, body = SaleView), (status = 400, body = ErrorEnvelope), (status = 409, description = "`not_settled`, `idempotency_in_flight`, `sale_changed` (with `details.sale`), `insufficient_stock` (with `details.item_id`: the store refuses to sell below zero; nothing was recorded)", body = ErrorEnvelope),
              (status = 422, body = ErrorEnvelope)))]
pub async fn complete_sale(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let key = idempotency_key(&headers)?;
    // The body is optional (`{"version": …}`): an empty one completes whatever is there.
    let input: CompleteSale = if body.iter().all(u8::is_ascii_whitespace) {
        CompleteSale::default()
    } else {
        serde_json::from_slice::<Option<CompleteSale>>(&body)
            .map_err(|e| ApiError::new(ErrorCode::InvalidJson, e.to_string()))?
            .unwrap_or_default()
    };
    Ok(Json(complete::complete(&app, &who, id, &key, input).await?))
}

/// Cancels an unpaid sale (recorded in the journal). Tenders recorded on it (card, wallet,
/// store credit) must be voided first.
#[utoipa::path(post, path = "/api/v1/sales/{id}/cancel", tag = "sales", params(("id" = Uuid, Path)), request_body = CancelSale,
    responses((status = 200, body = SaleView), (status = 409, description = "`payments_taken`", body = ErrorEnvelope)))]
pub async fn cancel_sale(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<CancelSale>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(complete::cancel(&app, &who, id, input).await?))
}

/// Parks the sale.
#[utoipa::path(post, path = "/api/v1/sales/{id}/park", tag = "sales", params(("id" = Uuid, Path)), responses((status = 200, body = SaleView)))]
pub async fn park_sale(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<SaleView>, ApiError> {
    Ok(Json(sale::park(&app, &who, id).await?))
}

/// Resumes a parked sale on a register.
#[utoipa::path(post, path = "/api/v1/sales/{id}/resume", tag = "sales", params(("id" = Uuid, Path)), request_body = ResumeSale,
    responses((status = 200, body = SaleView)))]
pub async fn resume_sale(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ResumeSale>,
) -> Result<Json<SaleView>, ApiError> {
    Ok(Json(sale::resume(&app, &who, id, input).await?))
}
