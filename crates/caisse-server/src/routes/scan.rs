//! Scan lookup, typeahead search, and CSV import/export.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use caisse_app::App;
use caisse_app::ErrorCode;
use caisse_app::catalog::lookup::{self, LookupResult, SearchHitView};
use caisse_app::import::{ImportSummary, import_products};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiQuery, Caller};

/// The code to look up.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LookupQuery {
    /// Whatever the scanner or cashier sent: GTIN, scale label, GS1 element string or SKU.
    pub code: String,
}

/// Finds the item behind a scanned or typed code.
#[utoipa::path(get, path = "/api/v1/catalog/lookup", tag = "catalog", params(LookupQuery),
    responses((status = 200, body = LookupResult), (status = 404, description = "`unknown_code`", body = ErrorEnvelope),
              (status = 422, description = "`invalid_code` with `details.reason` (bad_check_digit, bad_length, unknown_ai, bad_date…)", body = ErrorEnvelope)))]
pub async fn lookup_code(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<LookupQuery>,
) -> Result<Json<LookupResult>, ApiError> {
    Ok(Json(lookup::lookup_with_stock(&app, &who, &q.code).await?))
}

/// Typeahead query.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words typed so far; the last one is a prefix.
    pub q: String,
    /// At most this many hits, 1 to 50 (default 20).
    pub limit: Option<usize>,
}

/// Typeahead hits.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    /// Exact code matches first, then name-prefix matches, then the rest.
    pub items: Vec<SearchHitView>,
}

/// Searches the catalog as the cashier types.
#[utoipa::path(get, path = "/api/v1/catalog/search", tag = "catalog", params(SearchQuery), responses((status = 200, body = SearchResponse), (status = 422, body = ErrorEnvelope)))]
pub async fn search_catalog(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<SearchResponse>, ApiError> {
    Ok(Json(SearchResponse {
        items: lookup::search_with_stock(&app, &who, &q.q, q.limit.unwrap_or(20)).await?,
    }))
}

/// Import options.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Check and count only; write nothing.
    pub dry_run: Option<bool>,
}

/// Imports products from a CSV body (upsert by SKU, all or nothing).
#[utoipa::path(post, path = "/api/v1/catalog/import", tag = "catalog", params(ImportQuery), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportSummary), (status = 415, description = "`unsupported_media_type`: the body is not sent as `text/csv`", body = ErrorEnvelope), (status = 422, description = "`invalid_csv` with `details.errors[]` = {line, column, reason}", body = ErrorEnvelope)))]
pub async fn import_catalog(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<ImportQuery>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Json<ImportSummary>, ApiError> {
    // A CSV file, said so: a plain-text body is what a cross-site form can send.
    let csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| v == "text/csv" || v == "application/csv");
    if !csv {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send the file with Content-Type: text/csv",
        ));
    }
    let summary =
        import_products(&app, &who, &body, q.dry_run.unwrap_or(false), &|_, _| {}).await?;
    Ok(Json(summary))
}

/// Exports every product and variant as CSV.
#[utoipa::path(get, path = "/api/v1/catalog/export", tag = "catalog", responses((status = 200, content_type = "text/csv", body = String)))]
pub async fn export_catalog(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<impl IntoResponse, ApiError> {
    let csv = caisse_app::export::export_products(&app, &who).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"products.csv\"",
            ),
        ],
        csv,
    ))
}
