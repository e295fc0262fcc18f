//! Purchasing: suppliers and what they supply, purchase orders (CSV and printable exports),
//! receiving deliveries by scanning, restock suggestions, and the purchasing settings.

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post, put};
use caisse_app::App;
use caisse_app::purchasing::deliveries::{self, DeliveryQuery};
use caisse_app::purchasing::export;
use caisse_app::purchasing::orders::{self, PoInput, PoPage, PoPatch, PoQuery, PoView};
use caisse_app::purchasing::receiving::{
    self, ConfirmInput, CountInput, ReceiptView, ReceivingView, ScanAnswer, ScanInput,
    StartReceiving,
};
use caisse_app::purchasing::settings::{self, PurchasingSettingsPatch, PurchasingSettingsView};
use caisse_app::purchasing::suggestions::{
    self, DraftsMade, OrderSuggestions, SuggestionQuery, SuggestionsView,
};
use caisse_app::purchasing::suppliers::{
    self, SupplierInput, SupplierItemInput, SupplierItemList, SupplierPage, SupplierQuery,
    SupplierView,
};
use caisse_core::purchasing::PoAction;
use serde_json::Value;
use uuid::Uuid;

use super::sales::idempotency_key;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Caller};

type Created<T> = Result<(StatusCode, Json<T>), ApiError>;

/// The purchasing routes (merged into `/api/v1` before the access gate).
pub fn router() -> Router<App> {
    Router::new()
        .route("/suppliers", get(list_suppliers).post(create_supplier))
        .route("/suppliers/{id}", get(get_supplier).patch(update_supplier))
        .route("/suppliers/{id}/items", get(list_supplier_items))
        .route(
            "/suppliers/{id}/items/{item}",
            put(put_supplier_item).delete(remove_supplier_item),
        )
        .route(
            "/purchase-orders",
            get(list_purchase_orders).post(create_purchase_order),
        )
        .route(
            "/purchase-orders/{id}",
            get(get_purchase_order).patch(update_purchase_order),
        )
        .route("/purchase-orders/{id}/send", post(send_purchase_order))
        .route("/purchase-orders/{id}/cancel", post(cancel_purchase_order))
        .route("/purchase-orders/{id}/close", post(close_purchase_order))
        .route("/purchase-orders/{id}/csv", get(export_purchase_order_csv))
        .route("/purchase-orders/{id}/print", get(print_purchase_order))
        .route("/purchase-orders/{id}/receiving", post(start_receiving))
        .route("/deliveries", get(list_deliveries))
        .route("/receiving/{id}", get(get_receiving))
        .route("/receiving/{id}/scans", post(scan_receiving))
        .route("/receiving/{id}/counts/{item}", put(set_receiving_count))
        .route("/receiving/{id}/confirm", post(confirm_receiving))
        .route("/stock/suggestions", get(list_suggestions))
        .route(
            "/stock/suggestions/purchase-orders",
            post(order_suggestions),
        )
        .route(
            "/purchasing/settings",
            get(get_purchasing_settings).patch(update_purchasing_settings),
        )
}

/// The store's suppliers, with filters, sorting and paging.
#[utoipa::path(get, path = "/api/v1/suppliers", tag = "purchasing", params(SupplierQuery),
    responses((status = 200, body = SupplierPage),
              (status = 422, description = "`validation_failed`: a bad sort, page or per_page", body = ErrorEnvelope)))]
pub async fn list_suppliers(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<SupplierQuery>,
) -> Result<Json<SupplierPage>, ApiError> {
    Ok(Json(suppliers::list(&app, &who, q).await?))
}

/// Creates a supplier (name required). Managers and owners.
#[utoipa::path(post, path = "/api/v1/suppliers", tag = "purchasing", request_body = SupplierInput,
    responses((status = 201, body = SupplierView),
              (status = 422, description = "`validation_failed` (a missing, bad or taken name or code, a bad lead time, minimum order, e-mail or currency)", body = ErrorEnvelope)))]
pub async fn create_supplier(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<SupplierInput>,
) -> Created<SupplierView> {
    Ok((
        StatusCode::CREATED,
        Json(suppliers::create(&app, &who, input).await?),
    ))
}

/// One supplier.
#[utoipa::path(get, path = "/api/v1/suppliers/{id}", tag = "purchasing", params(("id" = Uuid, Path)),
    responses((status = 200, body = SupplierView), (status = 404, body = ErrorEnvelope)))]
pub async fn get_supplier(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<SupplierView>, ApiError> {
    Ok(Json(suppliers::get(&app, &who, id).await?))
}

/// Changes a supplier (absent fields stay; an empty text clears it). Managers and owners.
#[utoipa::path(patch, path = "/api/v1/suppliers/{id}", tag = "purchasing", params(("id" = Uuid, Path)), request_body = SupplierInput,
    responses((status = 200, body = SupplierView), (status = 404, body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn update_supplier(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<SupplierInput>,
) -> Result<Json<SupplierView>, ApiError> {
    Ok(Json(suppliers::update(&app, &who, id, input).await?))
}

/// What a supplier supplies.
#[utoipa::path(get, path = "/api/v1/suppliers/{id}/items", tag = "purchasing", params(("id" = Uuid, Path)),
    responses((status = 200, body = SupplierItemList), (status = 404, body = ErrorEnvelope)))]
pub async fn list_supplier_items(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<SupplierItemList>, ApiError> {
    Ok(Json(suppliers::items(&app, &who, id).await?))
}

/// Lists an item for a supplier, or changes it (reference, cost, pack size, preferred).
/// Answers the supplier's items. Managers and owners.
#[utoipa::path(put, path = "/api/v1/suppliers/{id}/items/{item}", tag = "purchasing",
    params(("id" = Uuid, Path), ("item" = Uuid, Path, description = "a product or variant id")), request_body = SupplierItemInput,
    responses((status = 200, body = SupplierItemList), (status = 404, body = ErrorEnvelope),
              (status = 422, description = "`validation_failed` (cost, pack size, reference)", body = ErrorEnvelope)))]
pub async fn put_supplier_item(
    State(app): State<App>,
    Caller(who): Caller,
    Path((id, item)): Path<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<SupplierItemInput>,
) -> Result<Json<SupplierItemList>, ApiError> {
    Ok(Json(
        suppliers::put_item(&app, &who, id, item, input).await?,
    ))
}

/// Stops listing an item for a supplier. Managers and owners.
#[utoipa::path(delete, path = "/api/v1/suppliers/{id}/items/{item}", tag = "purchasing",
    params(("id" = Uuid, Path), ("item" = Uuid, Path)),
    responses((status = 204, description = "removed"), (status = 404, body = ErrorEnvelope)))]
pub async fn remove_supplier_item(
    State(app): State<App>,
    Caller(who): Caller,
    Path((id, item)): Path<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    suppliers::remove_item(&app, &who, id, item).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The store's purchase orders, with filters (status, supplier), sorting and paging.
/// Managers and owners.
#[utoipa::path(get, path = "/api/v1/purchase-orders", tag = "purchasing", params(PoQuery),
    responses((status = 200, body = PoPage),
              (status = 422, description = "`validation_failed`: a bad status, sort, page or per_page", body = ErrorEnvelope)))]
pub async fn list_purchase_orders(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<PoQuery>,
) -> Result<Json<PoPage>, ApiError> {
    Ok(Json(orders::list(&app, &who, q).await?))
}

/// The orders awaiting delivery (sent or partially received), sorted and paged like the
/// order list: what the receiving screen opens from. Managers and owners; cashiers when the
/// store allows (`cashiers_may_receive`).
#[utoipa::path(get, path = "/api/v1/deliveries", tag = "purchasing", params(DeliveryQuery),
    responses((status = 200, body = PoPage),
              (status = 403, description = "`forbidden`: the caller may not receive deliveries in this store", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`: a bad sort, page or per_page", body = ErrorEnvelope)))]
pub async fn list_deliveries(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<DeliveryQuery>,
) -> Result<Json<PoPage>, ApiError> {
    Ok(Json(deliveries::list(&app, &who, q).await?))
}

/// Drafts a purchase order (unit costs default from the supplier's). Managers and owners.
#[utoipa::path(post, path = "/api/v1/purchase-orders", tag = "purchasing", request_body = PoInput,
    responses((status = 201, body = PoView),
              (status = 422, description = "`validation_failed` (supplier, location, lines, quantities, costs, unknown or repeated items)", body = ErrorEnvelope)))]
pub async fn create_purchase_order(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<PoInput>,
) -> Created<PoView> {
    Ok((
        StatusCode::CREATED,
        Json(orders::create(&app, &who, input).await?),
    ))
}

/// One purchase order with its lines. Managers and owners (and cashiers when the store lets
/// them receive).
#[utoipa::path(get, path = "/api/v1/purchase-orders/{id}", tag = "purchasing", params(("id" = Uuid, Path)),
    responses((status = 200, body = PoView), (status = 404, body = ErrorEnvelope)))]
pub async fn get_purchase_order(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<PoView>, ApiError> {
    Ok(Json(orders::get(&app, &who, id).await?))
}

/// Changes a draft: its lines (all of them), note or location, at its `version`.
#[utoipa::path(patch, path = "/api/v1/purchase-orders/{id}", tag = "purchasing", params(("id" = Uuid, Path)), request_body = PoPatch,
    responses((status = 200, body = PoView), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`invalid_transition`: not a draft; `version_conflict`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn update_purchase_order(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(patch): ApiJson<PoPatch>,
) -> Result<Json<PoView>, ApiError> {
    Ok(Json(orders::update(&app, &who, id, patch).await?))
}

/// Sends a draft (it must have lines).
#[utoipa::path(post, path = "/api/v1/purchase-orders/{id}/send", tag = "purchasing", params(("id" = Uuid, Path)),
    responses((status = 200, body = PoView), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`invalid_transition`, `changed_meanwhile`", body = ErrorEnvelope)))]
pub async fn send_purchase_order(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<PoView>, ApiError> {
    Ok(Json(orders::act(&app, &who, id, PoAction::Send).await?))
}

/// Cancels a draft or a sent order.
#[utoipa::path(post, path = "/api/v1/purchase-orders/{id}/cancel", tag = "purchasing", params(("id" = Uuid, Path)),
    responses((status = 200, body = PoView), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`invalid_transition`, `changed_meanwhile`", body = ErrorEnvelope)))]
pub async fn cancel_purchase_order(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<PoView>, ApiError> {
    Ok(Json(orders::act(&app, &who, id, PoAction::Cancel).await?))
}

/// Closes a sent or (partially) received order: nothing more is expected.
#[utoipa::path(post, path = "/api/v1/purchase-orders/{id}/close", tag = "purchasing", params(("id" = Uuid, Path)),
    responses((status = 200, body = PoView), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`invalid_transition`, `changed_meanwhile`", body = ErrorEnvelope)))]
pub async fn close_purchase_order(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<PoView>, ApiError> {
    Ok(Json(orders::act(&app, &who, id, PoAction::Close).await?))
}

/// The order as CSV (one row per line).
#[utoipa::path(get, path = "/api/v1/purchase-orders/{id}/csv", tag = "purchasing", params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = ErrorEnvelope)))]
pub async fn export_purchase_order_csv(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<impl IntoResponse, ApiError> {
    let (name, csv) = export::csv(&app, &who, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        csv,
    ))
}

/// The order as a printable HTML page.
#[utoipa::path(get, path = "/api/v1/purchase-orders/{id}/print", tag = "purchasing", params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "text/html", body = String), (status = 404, body = ErrorEnvelope)))]
pub async fn print_purchase_order(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Html<String>, ApiError> {
    Ok(Html(export::html(&app, &who, id).await?))
}

/// Starts receiving a sent or partially received order, or gives back its open session.
/// Managers and owners; cashiers when the store allows (`cashiers_may_receive`).
#[utoipa::path(post, path = "/api/v1/purchase-orders/{id}/receiving", tag = "purchasing", params(("id" = Uuid, Path)), request_body = StartReceiving,
    responses((status = 200, body = ReceivingView), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`invalid_transition`: the order is not sent or partially received", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`: an unknown location", body = ErrorEnvelope)))]
pub async fn start_receiving(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<StartReceiving>,
) -> Result<Json<ReceivingView>, ApiError> {
    Ok(Json(receiving::start(&app, &who, id, input).await?))
}

/// A receiving session: ordered lines with expected and counted quantities, unordered items,
/// unknown codes, and the over/under summary.
#[utoipa::path(get, path = "/api/v1/receiving/{id}", tag = "purchasing", params(("id" = Uuid, Path)),
    responses((status = 200, body = ReceivingView), (status = 404, body = ErrorEnvelope)))]
pub async fn get_receiving(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<ReceivingView>, ApiError> {
    Ok(Json(receiving::get(&app, &who, id).await?))
}

/// Counts one scan (one unit, or what a weighed or GS1 label carries). Unknown codes and
/// unordered items are recorded and answered as such.
#[utoipa::path(post, path = "/api/v1/receiving/{id}/scans", tag = "purchasing", params(("id" = Uuid, Path)), request_body = ScanInput,
    responses((status = 200, body = ScanAnswer), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`receiving_closed`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`: an empty or too long code", body = ErrorEnvelope)))]
pub async fn scan_receiving(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ScanInput>,
) -> Result<Json<ScanAnswer>, ApiError> {
    Ok(Json(receiving::scan(&app, &who, id, input).await?))
}

/// Sets what was counted of an item (0 removes it).
#[utoipa::path(put, path = "/api/v1/receiving/{id}/counts/{item}", tag = "purchasing", params(("id" = Uuid, Path), ("item" = Uuid, Path)), request_body = CountInput,
    responses((status = 200, body = ReceivingView), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`receiving_closed`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn set_receiving_count(
    State(app): State<App>,
    Caller(who): Caller,
    Path((id, item)): Path<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<CountInput>,
) -> Result<Json<ReceivingView>, ApiError> {
    Ok(Json(
        receiving::set_count(&app, &who, id, item, input).await?,
    ))
}

/// Confirms a receiving session (needs `Idempotency-Key`): books the receipt movements into
/// the session's location, updates the order's received quantities and status and the items'
/// moving average costs, in one transaction. Sent again with its key, answers the same receipt.
#[utoipa::path(post, path = "/api/v1/receiving/{id}/confirm", tag = "purchasing", params(("id" = Uuid, Path),
        ("Idempotency-Key" = String, Header, description = "the same key for every retry of one confirmation")),
    request_body = ConfirmInput,
    responses((status = 201, body = ReceiptView),
              (status = 400, description = "`idempotency_key_missing`", body = ErrorEnvelope),
              (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`receiving_closed`, `nothing_received`, `invalid_transition`, `changed_meanwhile`, `idempotency_in_flight`", body = ErrorEnvelope),
              (status = 422, description = "`idempotency_key_reused`", body = ErrorEnvelope)))]
pub async fn confirm_receiving(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<ConfirmInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    // Who may receive first: a cashier of a store that does not allow it learns that, not
    // that a header is missing.
    caisse_app::purchasing::require_receiving(&app, &who).await?;
    let key = idempotency_key(&headers)?;
    Ok((
        StatusCode::CREATED,
        Json(receiving::confirm(&app, &who, id, &key, input).await?),
    ))
}

/// Restock suggestions, grouped by supplier, each with the numbers it used (`explain`).
#[utoipa::path(get, path = "/api/v1/stock/suggestions", tag = "purchasing", params(SuggestionQuery),
    responses((status = 200, body = SuggestionsView),
              (status = 422, description = "`validation_failed`: a window outside 1-180 days", body = ErrorEnvelope)))]
pub async fn list_suggestions(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<SuggestionQuery>,
) -> Result<Json<SuggestionsView>, ApiError> {
    Ok(Json(suggestions::list(&app, &who, q).await?))
}

/// Turns chosen suggestions into draft purchase orders, one per supplier (needs
/// `Idempotency-Key`).
#[utoipa::path(post, path = "/api/v1/stock/suggestions/purchase-orders", tag = "purchasing", request_body = OrderSuggestions,
    params(("Idempotency-Key" = String, Header, description = "the same key for every retry")),
    responses((status = 201, body = DraftsMade),
              (status = 400, description = "`idempotency_key_missing`", body = ErrorEnvelope),
              (status = 409, description = "`idempotency_in_flight`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`; `idempotency_key_reused`", body = ErrorEnvelope)))]
pub async fn order_suggestions(
    State(app): State<App>,
    Caller(who): Caller,
    headers: HeaderMap,
    ApiJson(input): ApiJson<OrderSuggestions>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let key = idempotency_key(&headers)?;
    Ok((
        StatusCode::CREATED,
        Json(suggestions::order(&app, &who, &key, input).await?),
    ))
}

/// The store's purchasing settings.
#[utoipa::path(get, path = "/api/v1/purchasing/settings", tag = "purchasing",
    responses((status = 200, body = PurchasingSettingsView)))]
pub async fn get_purchasing_settings(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<PurchasingSettingsView>, ApiError> {
    Ok(Json(settings::get(&app, &who).await?))
}

/// Changes the store's purchasing settings. Managers and owners.
#[utoipa::path(patch, path = "/api/v1/purchasing/settings", tag = "purchasing", request_body = PurchasingSettingsPatch,
    responses((status = 200, body = PurchasingSettingsView),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn update_purchasing_settings(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(patch): ApiJson<PurchasingSettingsPatch>,
) -> Result<Json<PurchasingSettingsView>, ApiError> {
    Ok(Json(settings::update(&app, &who, patch).await?))
}
