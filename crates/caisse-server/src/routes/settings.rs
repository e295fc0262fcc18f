//! The store's checkout settings and tax table. Changes apply to new sales; a cart being rung
//! up is priced again with them at its next change.

use axum::Json;
use axum::extract::State;
use caisse_app::App;
use caisse_app::ErrorCode;
use caisse_app::checkout::settings::{
    self, CheckoutSettingsPatch, CheckoutSettingsView, TaxTableError, TaxTableInput, TaxTableView,
};
use serde_json::json;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, Caller};

impl From<TaxTableError> for ApiError {
    fn from(e: TaxTableError) -> Self {
        let message = e.to_string();
        match e {
            TaxTableError::CategoriesInUse(categories) => {
                ApiError::new(ErrorCode::TaxCategoryInUse, message)
                    .with_details(json!({ "categories": categories }))
            }
            TaxTableError::App(e) => e.into(),
        }
    }
}

/// The store's checkout settings: tax mode and scope, cash rounding, receipt header and
/// footer, the cashier's discount limit, the business day's cut-off hour, and how long the
/// till may sit idle before it locks (`pos_lock_minutes`, 0 = never).
#[utoipa::path(get, path = "/api/v1/store/checkout", tag = "store",
    responses((status = 200, body = CheckoutSettingsView), (status = 401, body = ErrorEnvelope)))]
pub async fn get_checkout_settings(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<CheckoutSettingsView>, ApiError> {
    Ok(Json(settings::get_checkout_settings(&app, &who).await?))
}

/// Changes the checkout settings (owners only; absent fields unchanged). Applies to new sales,
/// and to carts being rung up at their next change.
#[utoipa::path(patch, path = "/api/v1/store/checkout", tag = "store", request_body = CheckoutSettingsPatch,
    responses((status = 200, body = CheckoutSettingsView), (status = 403, description = "`forbidden`", body = ErrorEnvelope),
              (status = 409, description = "`tenders_in_progress`: a sale being paid would be priced again", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed` with `details.errors`", body = ErrorEnvelope)))]
pub async fn update_checkout_settings(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(patch): ApiJson<CheckoutSettingsPatch>,
) -> Result<Json<CheckoutSettingsView>, ApiError> {
    Ok(Json(
        settings::update_checkout_settings(&app, &who, &patch).await?,
    ))
}

/// The store's tax table: each tax category with its rates.
#[utoipa::path(get, path = "/api/v1/store/tax-rates", tag = "store",
    responses((status = 200, body = TaxTableView), (status = 401, body = ErrorEnvelope)))]
pub async fn get_tax_rates(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<TaxTableView>, ApiError> {
    Ok(Json(settings::get_tax_rates(&app, &who).await?))
}

/// Replaces the whole tax table (owners only): `{"categories": [...]}` or `{"preset": "fr"}`.
/// Applies to new sales, and to carts being rung up at their next change.
#[utoipa::path(put, path = "/api/v1/store/tax-rates", tag = "store", request_body = TaxTableInput,
    responses((status = 200, body = TaxTableView), (status = 403, description = "`forbidden`", body = ErrorEnvelope),
              (status = 409, description = "`tax_category_in_use` with `details.categories`, or `tenders_in_progress`", body = ErrorEnvelope),
              (status = 422, description = "`validation_failed` with `details.errors`", body = ErrorEnvelope)))]
pub async fn replace_tax_rates(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<TaxTableInput>,
) -> Result<Json<TaxTableView>, ApiError> {
    Ok(Json(settings::replace_tax_rates(&app, &who, &input).await?))
}
