//! Stock: levels, an item per location and its movements, adjustments, reorder points, the
//! store's stock policy and locations, low-stock alerts, and the live feed of level changes.

use std::convert::Infallible;
use std::time::Duration;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use caisse_app::App;
use caisse_app::stock::adjust::{self, AdjustmentInput, AdjustmentView};
use caisse_app::stock::feed::{LevelEvent, level_changes};
use caisse_app::stock::read::{
    self, AlertPage, AlertView, ItemStockView, MovementPage, PageQuery, StockPage, StockQuery,
};
use caisse_app::stock::settings::{
    self, LocationRename, LocationView, NewLocation, ReorderInput, StockSettingsPatch,
    StockSettingsView,
};
use serde_json::Value;
use tokio_stream::Stream;
use uuid::Uuid;

use super::sales::idempotency_key;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Caller};

/// Stock levels: the store's totals per item, or one location's levels (`location_id`), with
/// filters, sorting and paging. Lists items that have moved or have a reorder point; an item
/// never moved has 0 on hand (`GET /stock/{item}`).
#[utoipa::path(get, path = "/api/v1/stock", tag = "stock", params(StockQuery),
    responses((status = 200, body = StockPage),
              (status = 404, description = "`not_found`: no such location or supplier", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`: a bad sort, order, limit, offset or text", body = ErrorEnvelope)))]
pub async fn list_stock(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<StockQuery>,
) -> Result<Json<StockPage>, ApiError> {
    Ok(Json(read::list(&app, &who, q).await?))
}

/// An item's stock: the store's total, reorder settings, and every location.
#[utoipa::path(get, path = "/api/v1/stock/{item}", tag = "stock", params(("item" = Uuid, Path, description = "a product or variant id")),
    responses((status = 200, body = ItemStockView), (status = 404, body = ErrorEnvelope)))]
pub async fn get_item_stock(
    State(app): State<App>,
    Caller(who): Caller,
    Path(item): Path<Uuid>,
) -> Result<Json<ItemStockView>, ApiError> {
    Ok(Json(read::item(&app, &who, item).await?))
}

/// An item's movements, newest first, a page at a time (`next_cursor`).
#[utoipa::path(get, path = "/api/v1/stock/{item}/movements", tag = "stock", params(("item" = Uuid, Path), PageQuery),
    responses((status = 200, body = MovementPage), (status = 404, body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`: a bad limit or cursor", body = ErrorEnvelope)))]
pub async fn list_item_movements(
    State(app): State<App>,
    Caller(who): Caller,
    Path(item): Path<Uuid>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<MovementPage>, ApiError> {
    Ok(Json(read::movements(&app, &who, item, q).await?))
}

/// Sets an item's reorder point and order-up-to level (decimal strings; null clears).
/// Managers and owners.
#[utoipa::path(put, path = "/api/v1/stock/{item}/reorder", tag = "stock", params(("item" = Uuid, Path)), request_body = ReorderInput,
    responses((status = 200, body = ItemStockView), (status = 404, body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn set_reorder(
    State(app): State<App>,
    Caller(who): Caller,
    Path(item): Path<Uuid>,
    ApiJson(input): ApiJson<ReorderInput>,
) -> Result<Json<ItemStockView>, ApiError> {
    Ok(Json(settings::set_reorder(&app, &who, item, input).await?))
}

/// Books a stock adjustment (damage, theft, expiry, correction, other) at a location (needs
/// `Idempotency-Key`: sent again, it answers the same document and moves nothing). Managers
/// and owners.
#[utoipa::path(post, path = "/api/v1/stock/adjustments", tag = "stock", request_body = AdjustmentInput,
    params(("Idempotency-Key" = String, Header, description = "the same key for every retry of one adjustment")),
    responses((status = 201, body = AdjustmentView),
              (status = 400, description = "`idempotency_key_missing`", body = ErrorEnvelope),
              (status = 409, description = "`idempotency_in_flight`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed` (reason, lines, quantities, unknown items or location); `idempotency_key_reused`", body = ErrorEnvelope)))]
pub async fn create_adjustment(
    State(app): State<App>,
    Caller(who): Caller,
    headers: HeaderMap,
    ApiJson(input): ApiJson<AdjustmentInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let key = idempotency_key(&headers)?;
    Ok((
        StatusCode::CREATED,
        Json(adjust::adjust(&app, &who, &key, input).await?),
    ))
}

/// The store's low-stock alerts, newest first: open ones by default (`open=false`: all).
#[utoipa::path(get, path = "/api/v1/stock/alerts", tag = "stock", params(PageQuery),
    responses((status = 200, body = AlertPage),
              (status = 422, description = "`validation_failed`: a bad limit or cursor", body = ErrorEnvelope)))]
pub async fn list_alerts(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<AlertPage>, ApiError> {
    Ok(Json(read::alerts(&app, &who, q).await?))
}

/// Acknowledges a low-stock alert (again: no change). Managers and owners.
#[utoipa::path(post, path = "/api/v1/stock/alerts/{id}/acknowledge", tag = "stock", params(("id" = Uuid, Path)),
    responses((status = 200, body = AlertView), (status = 404, body = ErrorEnvelope)))]
pub async fn acknowledge_alert(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<AlertView>, ApiError> {
    Ok(Json(settings::acknowledge(&app, &who, id).await?))
}

/// The store's stock locations.
#[utoipa::path(get, path = "/api/v1/stock/locations", tag = "stock",
    responses((status = 200, body = Vec<LocationView>)))]
pub async fn list_locations(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<Vec<LocationView>>, ApiError> {
    Ok(Json(settings::locations(&app, &who).await?))
}

/// Adds a stock location (backroom, warehouse). Managers and owners.
#[utoipa::path(post, path = "/api/v1/stock/locations", tag = "stock", request_body = NewLocation,
    responses((status = 201, body = LocationView),
              (status = 422, description = "`validation_failed` (a bad or taken code, a bad name)", body = ErrorEnvelope)))]
pub async fn create_location(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<NewLocation>,
) -> Result<(StatusCode, Json<LocationView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(settings::create_location(&app, &who, input).await?),
    ))
}

/// Renames a stock location (its code and stock stay). Managers and owners.
#[utoipa::path(patch, path = "/api/v1/stock/locations/{id}", tag = "stock", params(("id" = Uuid, Path)), request_body = LocationRename,
    responses((status = 200, body = LocationView),
              (status = 404, description = "`not_found`: no location of this store has this id", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`: the name is empty, too long or not printable (`invalid`), or another location of the store has it (`taken`)", body = ErrorEnvelope)))]
pub async fn rename_location(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<LocationRename>,
) -> Result<Json<LocationView>, ApiError> {
    Ok(Json(
        settings::rename_location(&app, &who, id, input).await?,
    ))
}

/// The store's stock policy: where sales move stock, and whether they may go below zero.
#[utoipa::path(get, path = "/api/v1/stock/settings", tag = "stock",
    responses((status = 200, body = StockSettingsView)))]
pub async fn get_stock_settings(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<StockSettingsView>, ApiError> {
    Ok(Json(settings::get(&app, &who).await?))
}

/// Changes the store's stock policy (`negative_stock`: `allow` or `refuse`;
/// `selling_location_id`). Managers and owners.
#[utoipa::path(patch, path = "/api/v1/stock/settings", tag = "stock", request_body = StockSettingsPatch,
    responses((status = 200, body = StockSettingsView),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn update_stock_settings(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(patch): ApiJson<StockSettingsPatch>,
) -> Result<Json<StockSettingsView>, ApiError> {
    Ok(Json(settings::update(&app, &who, patch).await?))
}

/// Level changes as they happen, as `text/event-stream`: one event named `level` per
/// (location, item) whose on-hand changed, within a second of the movement's commit on any
/// server sharing the database. Data: `{"location_id", "item_id", "on_hand", "negative",
/// "updated_at"}`. Comments keep the connection alive.
#[utoipa::path(get, path = "/api/v1/stock/events", tag = "stock",
    responses((status = 200, content_type = "text/event-stream", description = "events named `level`, data as below", body = LevelEvent)))]
pub async fn stock_events(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let changes = level_changes(&app, &who, Duration::from_secs(1)).await?;
    let changes = tokio_stream::wrappers::ReceiverStream::new(changes);
    let events = tokio_stream::StreamExt::map(changes, |level| {
        Ok(match Event::default().event("level").json_data(&level) {
            Ok(e) => e,
            Err(e) => {
                tracing::error!(error = %e, "stock event not serialisable");
                Event::default().comment("unavailable")
            }
        })
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}
