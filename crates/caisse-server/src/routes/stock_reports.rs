//! Inventory reports (JSON, and CSV at the same path with `.csv`), the count of open
//! low-stock alerts, and an item's movement history as CSV.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use caisse_app::App;
use caisse_app::stock::read::{self, AlertCount};
use caisse_app::stock::report::{
    self, CoverQuery, CoverReport, DeadStockQuery, DeadStockReport, Page, PeriodQuery,
    SellThroughReport, ShrinkageReport, ValuationQuery, ValuationReport,
};
use caisse_app::stock::report_csv;
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiQuery, Caller};

fn csv(name: &str, body: String) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.csv\""),
            ),
        ],
        body,
    )
}

/// How many low-stock alerts are open (the back office's badge).
#[utoipa::path(get, path = "/api/v1/stock/alerts/count", tag = "stock",
    responses((status = 200, body = AlertCount)))]
pub async fn count_alerts(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<AlertCount>, ApiError> {
    Ok(Json(read::alert_count(&app, &who).await?))
}

/// On hand and value at cost: every location's value, and the lines (one location's, or the
/// store's totals per item), most valuable first. Managers and owners.
#[utoipa::path(get, path = "/api/v1/stock/reports/valuation", tag = "stock", params(ValuationQuery),
    responses((status = 200, body = ValuationReport),
              (status = 404, description = "`not_found`: no such location", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`: a bad limit or offset", body = ErrorEnvelope)))]
pub async fn valuation(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<ValuationQuery>,
) -> Result<Json<ValuationReport>, ApiError> {
    let page = Page::parse(q.limit, q.offset)?;
    Ok(Json(
        report::valuation(&app, &who, q.location_id, page).await?,
    ))
}

/// The valuation report as CSV (every line).
#[utoipa::path(get, path = "/api/v1/stock/reports/valuation.csv", tag = "stock", params(ValuationQuery),
    responses((status = 200, content_type = "text/csv", body = String),
              (status = 404, description = "`not_found`: no such location", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn valuation_csv(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<ValuationQuery>,
) -> Result<impl IntoResponse, ApiError> {
    Page::parse(q.limit, q.offset)?;
    Ok(csv(
        "stock-valuation",
        report_csv::valuation(&app, &who, q.location_id).await?,
    ))
}

/// Dead stock: items with stock on hand and no sale in `days` days (default 90), never sold
/// and longest unsold first. Managers and owners.
#[utoipa::path(get, path = "/api/v1/stock/reports/dead-stock", tag = "stock", params(DeadStockQuery),
    responses((status = 200, body = DeadStockReport),
              (status = 422, description = "`validation_failed`: bad days, limit or offset", body = ErrorEnvelope)))]
pub async fn dead_stock(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<DeadStockQuery>,
) -> Result<Json<DeadStockReport>, ApiError> {
    let page = Page::parse(q.limit, q.offset)?;
    Ok(Json(report::dead_stock(&app, &who, q.days, page).await?))
}

/// The dead-stock report as CSV.
#[utoipa::path(get, path = "/api/v1/stock/reports/dead-stock.csv", tag = "stock", params(DeadStockQuery),
    responses((status = 200, content_type = "text/csv", body = String),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn dead_stock_csv(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<DeadStockQuery>,
) -> Result<impl IntoResponse, ApiError> {
    Page::parse(q.limit, q.offset)?;
    Ok(csv(
        "dead-stock",
        report_csv::dead_stock(&app, &who, q.days).await?,
    ))
}

/// Days of cover: on hand / average daily sales (sold less returned) over the last
/// `window_days` (default 28), shortest first. Managers and owners.
#[utoipa::path(get, path = "/api/v1/stock/reports/cover", tag = "stock", params(CoverQuery),
    responses((status = 200, body = CoverReport),
              (status = 422, description = "`validation_failed`: bad window_days, limit or offset", body = ErrorEnvelope)))]
pub async fn cover(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<CoverQuery>,
) -> Result<Json<CoverReport>, ApiError> {
    let page = Page::parse(q.limit, q.offset)?;
    Ok(Json(report::cover(&app, &who, q.window_days, page).await?))
}

/// The days-of-cover report as CSV.
#[utoipa::path(get, path = "/api/v1/stock/reports/cover.csv", tag = "stock", params(CoverQuery),
    responses((status = 200, content_type = "text/csv", body = String),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn cover_csv(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<CoverQuery>,
) -> Result<impl IntoResponse, ApiError> {
    Page::parse(q.limit, q.offset)?;
    Ok(csv(
        "days-of-cover",
        report_csv::cover(&app, &who, q.window_days).await?,
    ))
}

/// Sell-through over a period of days (`from`, `to`, in the store's time zone; default the
/// last 30 days): units sold / (units on hand at the start + units received), in basis
/// points. Managers and owners.
#[utoipa::path(get, path = "/api/v1/stock/reports/sell-through", tag = "stock", params(PeriodQuery),
    responses((status = 200, body = SellThroughReport),
              (status = 422, description = "`validation_failed`: bad dates, limit or offset", body = ErrorEnvelope)))]
pub async fn sell_through(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> Result<Json<SellThroughReport>, ApiError> {
    let page = Page::parse(q.limit, q.offset)?;
    Ok(Json(report::sell_through(&app, &who, &q, page).await?))
}

/// The sell-through report as CSV.
#[utoipa::path(get, path = "/api/v1/stock/reports/sell-through.csv", tag = "stock", params(PeriodQuery),
    responses((status = 200, content_type = "text/csv", body = String),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn sell_through_csv(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> Result<impl IntoResponse, ApiError> {
    Page::parse(q.limit, q.offset)?;
    Ok(csv(
        "sell-through",
        report_csv::sell_through(&app, &who, &q).await?,
    ))
}

/// Shrinkage by reason over a period of days (default the last 30): adjustments per reason
/// and count variances, net quantity and value at cost. Managers and owners.
#[utoipa::path(get, path = "/api/v1/stock/reports/shrinkage", tag = "stock", params(PeriodQuery),
    responses((status = 200, body = ShrinkageReport),
              (status = 422, description = "`validation_failed`: bad dates", body = ErrorEnvelope)))]
pub async fn shrinkage(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> Result<Json<ShrinkageReport>, ApiError> {
    Page::parse(q.limit, q.offset)?;
    Ok(Json(report::shrinkage(&app, &who, &q).await?))
}

/// The shrinkage report as CSV.
#[utoipa::path(get, path = "/api/v1/stock/reports/shrinkage.csv", tag = "stock", params(PeriodQuery),
    responses((status = 200, content_type = "text/csv", body = String),
              (status = 422, description = "`validation_failed`", body = ErrorEnvelope)))]
pub async fn shrinkage_csv(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> Result<impl IntoResponse, ApiError> {
    Page::parse(q.limit, q.offset)?;
    Ok(csv(
        "shrinkage",
        report_csv::shrinkage(&app, &who, &q).await?,
    ))
}

/// Every movement of an item, newest first, as CSV.
#[utoipa::path(get, path = "/api/v1/stock/{item}/movements.csv", tag = "stock", params(("item" = Uuid, Path, description = "a product or variant id")),
    responses((status = 200, content_type = "text/csv", body = String),
              (status = 404, body = ErrorEnvelope)))]
pub async fn movements_csv(
    State(app): State<App>,
    Caller(who): Caller,
    Path(item): Path<Uuid>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(csv(
        "stock-movements",
        report_csv::movements(&app, &who, item).await?,
    ))
}
