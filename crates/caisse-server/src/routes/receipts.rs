//! Receipts of recorded sales: the original, counted duplicates, printing on the register's
//! printer, and finding a sale by the receipt number scanned from its barcode.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use caisse_app::App;
use caisse_app::checkout::receipts::{self, PrintOutcome, ReceiptFormat, RenderedReceipt};
use caisse_app::checkout::view::SaleView;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Caller};

/// Which rendering of the receipt to answer.
#[derive(Debug, Clone, Copy, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// `html` (80 mm roll, the default), `html_a4`, `text` or `escpos`.
    #[serde(default)]
    #[param(value_type = Option<ReceiptFormat>)]
    pub format: ReceiptFormat,
}

/// Printing a receipt on the register's printer.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
pub struct PrintRequest {
    /// Print a counted duplicate (DUPLICATE) instead of the original.
    #[serde(default)]
    pub reprint: bool,
}

/// The header telling which duplicate a reprint is.
const COPY_HEADER: HeaderName = HeaderName::from_static("x-receipt-copy");

/// Nothing in a receipt page may load or run anything (its text comes from product names).
const HTML_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

fn respond(r: RenderedReceipt) -> Response {
    let mut res = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(r.content_type),
        )],
        r.bytes,
    )
        .into_response();
    let headers = res.headers_mut();
    if r.content_type.starts_with("text/html") {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(HTML_POLICY),
        );
    }
    if let Some(copy) = r.copy {
        headers.insert(COPY_HEADER, HeaderValue::from(copy));
    }
    res
}

/// The receipt of a recorded sale as first issued (not counted as a reprint).
#[utoipa::path(get, path = "/api/v1/sales/{id}/receipt", tag = "receipts",
    params(("id" = Uuid, Path), FormatQuery),
    responses((status = 200, description = "The receipt: `text/html`, `text/plain` or ESC/POS bytes (`application/octet-stream`)"),
              (status = 400, description = "`invalid_query`: unknown format", body = ErrorEnvelope),
              (status = 404, body = ErrorEnvelope)))]
pub async fn get_receipt(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiQuery(q): ApiQuery<FormatQuery>,
) -> Result<Response, ApiError> {
    Ok(respond(receipts::receipt(&app, &who, id, q.format).await?))
}

/// A duplicate of the receipt, marked DUPLICATE with its copy number (also in the
/// `X-Receipt-Copy` header); each one is recorded and journaled.
#[utoipa::path(post, path = "/api/v1/sales/{id}/reprint", tag = "receipts",
    params(("id" = Uuid, Path), FormatQuery),
    responses((status = 200, description = "The duplicate, in the format asked for", headers(("x-receipt-copy" = u32, description = "Copy number, from 1"))),
              (status = 400, description = "`invalid_query`: unknown format", body = ErrorEnvelope),
              (status = 404, body = ErrorEnvelope)))]
pub async fn reprint_receipt(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiQuery(q): ApiQuery<FormatQuery>,
) -> Result<Response, ApiError> {
    Ok(respond(receipts::reprint(&app, &who, id, q.format).await?))
}

/// Prints the receipt (or a counted duplicate) on the network printer of the register that
/// recorded the sale.
#[utoipa::path(post, path = "/api/v1/sales/{id}/print", tag = "receipts",
    params(("id" = Uuid, Path)), request_body = PrintRequest,
    responses((status = 200, body = PrintOutcome),
              (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`printer_not_configured`", body = ErrorEnvelope),
              (status = 503, description = "`printer_unreachable`: nothing was recorded", body = ErrorEnvelope)))]
pub async fn print_receipt(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<PrintRequest>,
) -> Result<Json<PrintOutcome>, ApiError> {
    Ok(Json(receipts::print(&app, &who, id, input.reprint).await?))
}

/// The recorded sale with this receipt number (`T1-000042`), as scanned from the receipt's
/// barcode to start a return.
#[utoipa::path(get, path = "/api/v1/sales/by-receipt/{number}", tag = "receipts",
    params(("number" = String, Path, description = "Receipt number, e.g. `T1-000042`")),
    responses((status = 200, description = "The completed sale, as `GET /sales/{id}` shows it", body = SaleView),
              (status = 404, body = ErrorEnvelope)))]
pub async fn get_sale_by_receipt(
    State(app): State<App>,
    Caller(who): Caller,
    Path(number): Path<String>,
) -> Result<Json<SaleView>, ApiError> {
    Ok(Json(receipts::sale_by_receipt(&app, &who, &number).await?))
}
