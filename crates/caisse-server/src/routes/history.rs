//! Sales history for the back office and programs: completed sales and returns, filtered and
//! paged; a sale's journal entries and its returns.

use axum::Json;
use axum::extract::{Path, State};
use caisse_app::App;
use caisse_app::checkout::history::{self, JournalEntries, SalesPage, SalesQuery};
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiQuery, Caller};

/// Completed sales and returns of the store, newest first, a page at a time (`next_cursor`).
/// Owners and managers.
#[utoipa::path(get, path = "/api/v1/sales", tag = "sales", params(SalesQuery),
    responses((status = 200, body = SalesPage),
              (status = 400, description = "`invalid_query`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed` (a bad date, kind, tender, amount, limit or cursor)", body = ErrorEnvelope)))]
pub async fn list_sales(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<SalesQuery>,
) -> Result<Json<SalesPage>, ApiError> {
    Ok(Json(history::list_sales(&app, &who, &q).await?))
}

/// The journal entries about a completed sale or return: its own event, then the reprints of
/// its receipt, each with its hash and the previous one.
#[utoipa::path(get, path = "/api/v1/sales/{id}/journal", tag = "sales", params(("id" = Uuid, Path)),
    responses((status = 200, body = JournalEntries), (status = 404, body = ErrorEnvelope)))]
pub async fn get_sale_journal(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<JournalEntries>, ApiError> {
    Ok(Json(history::journal_of(&app, &who, id).await?))
}

/// The completed returns of a sale, oldest first.
#[utoipa::path(get, path = "/api/v1/sales/{id}/returns", tag = "sales", params(("id" = Uuid, Path)),
    responses((status = 200, body = SalesPage)))]
pub async fn list_sale_returns(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<SalesPage>, ApiError> {
    Ok(Json(history::returns_of(&app, &who, id).await?))
}
