//! Stock transfers: draft, send, receive by scanning, confirm, cancel.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use caisse_app::App;
use caisse_app::stock::count::CountScanInput;
use caisse_app::stock::transfer::{
    self, NewTransfer, TransferPage, TransferQuery, TransferStepView, TransferView,
};
use caisse_app::stock::transfer_receive::{self, ReceiveInput, TransferScanView};
use serde_json::Value;
use uuid::Uuid;

use super::sales::idempotency_key;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Caller};

/// The transfers this store sends (`direction=out`) or receives (`in`), newest first.
/// Managers and owners.
#[utoipa::path(get, path = "/api/v1/stock/transfers", tag = "stock", params(TransferQuery),
    responses((status = 200, body = TransferPage),
              (status = 422, description = "`validation_failed`: a bad direction, status, page or per_page", body = ErrorEnvelope)))]
pub async fn list_transfers(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<TransferQuery>,
) -> Result<Json<TransferPage>, ApiError> {
    Ok(Json(transfer::list(&app, &who, q).await?))
}

/// Drafts a transfer to another location of the store, or to another store (its items found
/// by SKU). Nothing moves until it is sent. Managers and owners.
#[utoipa::path(post, path = "/api/v1/stock/transfers", tag = "stock", request_body = NewTransfer,
    responses((status = 201, body = TransferView),
              (status = 422, description = "`validation_failed` (locations, store, lines, quantities, items the receiving store lacks)", body = ErrorEnvelope)))]
pub async fn create_transfer(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<NewTransfer>,
) -> Result<(StatusCode, Json<TransferView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(transfer::create(&app, &who, input).await?),
    ))
}

/// A transfer, for the sending or the receiving store: its lines with what was sent, scanned
/// on arrival and received, and the differences.
#[utoipa::path(get, path = "/api/v1/stock/transfers/{id}", tag = "stock", params(("id" = Uuid, Path)),
    responses((status = 200, body = TransferView), (status = 404, body = ErrorEnvelope)))]
pub async fn get_transfer(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<TransferView>, ApiError> {
    Ok(Json(transfer::get(&app, &who, id).await?))
}

/// Sends a draft: `transfer_out` movements at the source location; the transfer is in
/// transit. Needs `Idempotency-Key`. The sending store's managers and owners.
#[utoipa::path(post, path = "/api/v1/stock/transfers/{id}/send", tag = "stock", params(("id" = Uuid, Path),
        ("Idempotency-Key" = String, Header, description = "the same key for every retry")),
    responses((status = 200, body = TransferStepView),
              (status = 400, description = "`idempotency_key_missing`", body = ErrorEnvelope),
              (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`transfer_wrong_state`: not a draft; `insufficient_stock` (a store that refuses negative stock); `idempotency_in_flight`", body = ErrorEnvelope),
              (status = 422, description = "`idempotency_key_reused`", body = ErrorEnvelope)))]
pub async fn send_transfer(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let key = idempotency_key(&headers)?;
    Ok(Json(transfer::send(&app, &who, id, &key).await?))
}

/// Cancels a draft. The sending store's managers and owners.
#[utoipa::path(post, path = "/api/v1/stock/transfers/{id}/cancel", tag = "stock", params(("id" = Uuid, Path)),
    responses((status = 200, body = TransferView), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`transfer_wrong_state`: not a draft", body = ErrorEnvelope)))]
pub async fn cancel_transfer(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<TransferView>, ApiError> {
    Ok(Json(transfer::cancel(&app, &who, id).await?))
}

/// A receiving scan: counts one unit (or `quantity`, or sets it with `mode: set`) of the sent
/// line of the scanned item; a code that matches no line is answered with its `outcome` and
/// listed on the transfer. Needs `Idempotency-Key` (one per scan). The receiving store.
#[utoipa::path(post, path = "/api/v1/stock/transfers/{id}/scans", tag = "stock", params(("id" = Uuid, Path),
        ("Idempotency-Key" = String, Header, description = "one key per scan")),
    request_body = CountScanInput,
    responses((status = 200, body = TransferScanView),
              (status = 400, description = "`idempotency_key_missing`", body = ErrorEnvelope),
              (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`transfer_wrong_state`: not in transit; `idempotency_in_flight`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed` (code, item_id, quantity, mode); `idempotency_key_reused`", body = ErrorEnvelope)))]
pub async fn scan_transfer(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<CountScanInput>,
) -> Result<Json<TransferScanView>, ApiError> {
    let key = idempotency_key(&headers).ok();
    Ok(Json(
        transfer_receive::scan(&app, &who, id, key.as_deref(), input).await?,
    ))
}

/// Confirms what arrived (as scanned, or per line as given): `transfer_in` movements at the
/// destination; the differences stay on the transfer. Needs `Idempotency-Key`. The receiving
/// store's managers and owners.
#[utoipa::path(post, path = "/api/v1/stock/transfers/{id}/receive", tag = "stock", params(("id" = Uuid, Path),
        ("Idempotency-Key" = String, Header, description = "the same key for every retry")),
    request_body = ReceiveInput,
    responses((status = 200, body = TransferStepView),
              (status = 400, description = "`idempotency_key_missing`", body = ErrorEnvelope),
              (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`transfer_wrong_state`: not in transit; `idempotency_in_flight`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed` (lines); `idempotency_key_reused`", body = ErrorEnvelope)))]
pub async fn receive_transfer(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<ReceiveInput>,
) -> Result<Json<Value>, ApiError> {
    let key = idempotency_key(&headers)?;
    Ok(Json(
        transfer_receive::receive(&app, &who, id, &key, input).await?,
    ))
}
