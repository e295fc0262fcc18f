//! The till's quick keys, arranged in the back office.

use axum::Json;
use axum::extract::State;
use caisse_app::App;
use caisse_app::quick_keys::{self, QuickKeysInput, QuickKeysView};

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, Caller};

/// The store's quick keys by group, each with its item's current name, price and unit. Keys
/// whose product is inactive or gone are left out (counted in `hidden`).
#[utoipa::path(get, path = "/api/v1/store/quick-keys", tag = "store",
    responses((status = 200, body = QuickKeysView), (status = 401, body = ErrorEnvelope)))]
pub async fn get_quick_keys(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<QuickKeysView>, ApiError> {
    Ok(Json(quick_keys::get_quick_keys(&app, &who).await?))
}

/// Replaces the whole set (owners and managers), under the version read. Every bad group or
/// key is reported with its path (`groups[1].keys[3].product_id`); nothing changes then.
#[utoipa::path(put, path = "/api/v1/store/quick-keys", tag = "store", request_body = QuickKeysInput,
    responses((status = 200, body = QuickKeysView), (status = 403, description = "`forbidden`", body = ErrorEnvelope),
              (status = 409, description = "`version_conflict` with `details.current_version`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed` with `details.errors[]` = {field, reason}", body = ErrorEnvelope)))]
pub async fn replace_quick_keys(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<QuickKeysInput>,
) -> Result<Json<QuickKeysView>, ApiError> {
    Ok(Json(
        quick_keys::replace_quick_keys(&app, &who, &input).await?,
    ))
}
