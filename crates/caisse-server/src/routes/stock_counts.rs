//! Stock counts: open, scan, read, the variance report, apply, cancel.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use caisse_app::App;
use caisse_app::stock::count::{
    self, CountPage, CountQuery, CountScanInput, CountScanView, CountView, NewCount,
};
use caisse_app::stock::count_apply::{self, ApplyCountInput, VarianceReport};
use serde_json::Value;
use uuid::Uuid;

use super::sales::idempotency_key;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Caller};

/// The store's counts, newest first (`sort=created` for oldest first), by status.
#[utoipa::path(get, path = "/api/v1/stock/counts", tag = "stock", params(CountQuery),
    responses((status = 200, body = CountPage),
              (status = 422, description = "`validation_failed`: a bad status, sort, page or per_page", body = ErrorEnvelope)))]
pub async fn list_counts(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<CountQuery>,
) -> Result<Json<CountPage>, ApiError> {
    Ok(Json(count::list(&app, &who, q).await?))
}

/// Opens a count of a location: everything there, a category, or a list of items; `blind`
/// hides expected quantities from the counters. Managers, and cashiers when the store's
/// `cashiers_may_count` is on.
#[utoipa::path(post, path = "/api/v1/stock/counts", tag = "stock", request_body = NewCount,
    responses((status = 201, body = CountView),
              (status = 422, description = "`validation_failed` (scope, location, category, items, note)", body = ErrorEnvelope)))]
pub async fn create_count(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<NewCount>,
) -> Result<(StatusCode, Json<CountView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(count::open(&app, &who, input).await?),
    ))
}

/// A count with its counted lines (expected quantities are null in a blind count) and the
/// codes that counted nothing.
#[utoipa::path(get, path = "/api/v1/stock/counts/{id}", tag = "stock", params(("id" = Uuid, Path)),
    responses((status = 200, body = CountView), (status = 404, body = ErrorEnvelope)))]
pub async fn get_count(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<CountView>, ApiError> {
    Ok(Json(count::get(&app, &who, id).await?))
}

/// Counts one scan: adds one (or what a scale label carries, or `quantity`), or sets a
/// quantity (`mode: set`). The first count of an item records the location's on-hand at that
/// moment, which its variance is measured against. A code that finds nothing (or an item
/// outside the count) is answered with its `outcome` and listed on the count. Needs
/// `Idempotency-Key` (one per scan: sent again, it counts once).
#[utoipa::path(post, path = "/api/v1/stock/counts/{id}/scans", tag = "stock", params(("id" = Uuid, Path),
        ("Idempotency-Key" = String, Header, description = "one key per scan")),
    request_body = CountScanInput,
    responses((status = 200, body = CountScanView),
              (status = 400, description = "`idempotency_key_missing`", body = ErrorEnvelope),
              (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`count_closed`: applied or cancelled; `idempotency_in_flight`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed` (code, item_id, quantity, mode); `idempotency_key_reused`", body = ErrorEnvelope)))]
pub async fn scan_count(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<CountScanInput>,
) -> Result<Json<CountScanView>, ApiError> {
    // Whether the caller may count is checked before the key is asked for.
    let key = idempotency_key(&headers).ok();
    Ok(Json(
        count::scan(&app, &who, id, key.as_deref(), input).await?,
    ))
}

/// The variance report: per counted item, counted, expected (on hand when counted), variance
/// and its value at cost; the items of the scope nobody counted. Managers and owners (it
/// shows expected quantities, even of a blind count).
#[utoipa::path(get, path = "/api/v1/stock/counts/{id}/variance", tag = "stock", params(("id" = Uuid, Path)),
    responses((status = 200, body = VarianceReport), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`amount_out_of_range`", body = ErrorEnvelope)))]
pub async fn get_count_variance(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<VarianceReport>, ApiError> {
    Ok(Json(count_apply::variance_report(&app, &who, id).await?))
}

/// Applies a count: books each variance as a `count` movement (and, with `uncounted: zero`,
/// takes the stock of the items nobody counted to zero) in one `count` stock document.
/// Needs `Idempotency-Key`. Managers and owners.
#[utoipa::path(post, path = "/api/v1/stock/counts/{id}/apply", tag = "stock", params(("id" = Uuid, Path),
        ("Idempotency-Key" = String, Header, description = "the same key for every retry")),
    request_body = ApplyCountInput,
    responses((status = 200, body = VarianceReport),
              (status = 400, description = "`idempotency_key_missing`", body = ErrorEnvelope),
              (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`count_closed`: applied or cancelled already; `idempotency_in_flight`; `amount_out_of_range`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed` (uncounted); `idempotency_key_reused`", body = ErrorEnvelope)))]
pub async fn apply_count(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<ApplyCountInput>,
) -> Result<Json<Value>, ApiError> {
    let key = idempotency_key(&headers)?;
    Ok(Json(count_apply::apply(&app, &who, id, &key, input).await?))
}

/// Cancels a count that was not applied: nothing moves. Managers and owners.
#[utoipa::path(post, path = "/api/v1/stock/counts/{id}/cancel", tag = "stock", params(("id" = Uuid, Path)),
    responses((status = 200, body = CountView), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`count_closed`: applied or cancelled already", body = ErrorEnvelope)))]
pub async fn cancel_count(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<CountView>, ApiError> {
    Ok(Json(count::cancel(&app, &who, id).await?))
}
