//! The stores of the business, for picking where a transfer goes.

use axum::Json;
use axum::extract::State;
use caisse_app::App;
use caisse_app::stock::stores::{self, StoreSummary};

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::Caller;

/// Every store with its active locations (the caller's own store first, `current`): where
/// a transfer may go. Managers and owners.
#[utoipa::path(get, path = "/api/v1/stores", tag = "stock",
    responses((status = 200, body = Vec<StoreSummary>),
              (status = 403, description = "`forbidden`: the caller may not draft transfers", body = ErrorEnvelope)))]
pub async fn list_stores(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<Vec<StoreSummary>>, ApiError> {
    Ok(Json(stores::list(&app, &who).await?))
}
