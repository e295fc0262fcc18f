//! Registers and drawer sessions.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caisse_app::App;
use caisse_app::checkout::registers::{
    self, CloseDrawer, CloseResult, OpenDrawer, RegisterDraft, RegisterPatch, RegisterView,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, Caller};

/// The store's registers.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegisterList {
    /// Registers by code.
    pub items: Vec<RegisterView>,
}

/// Lists the registers with their drawer state.
#[utoipa::path(get, path = "/api/v1/registers", tag = "registers", responses((status = 200, body = RegisterList)))]
pub async fn list_registers(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<RegisterList>, ApiError> {
    Ok(Json(RegisterList {
        items: registers::list_registers(&app, &who).await?,
    }))
}

/// Creates a register.
#[utoipa::path(post, path = "/api/v1/registers", tag = "registers", request_body = RegisterDraft,
    responses((status = 201, body = RegisterView), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn create_register(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(d): ApiJson<RegisterDraft>,
) -> Result<(StatusCode, Json<RegisterView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(registers::create_register(&app, &who, d).await?),
    ))
}

/// Changes a register's name, printer, receipt width or whether it is in use.
#[utoipa::path(patch, path = "/api/v1/registers/{id}", tag = "registers", params(("id" = Uuid, Path)), request_body = RegisterPatch,
    responses((status = 200, body = RegisterView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn update_register(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(patch): ApiJson<RegisterPatch>,
) -> Result<Json<RegisterView>, ApiError> {
    Ok(Json(
        registers::update_register(&app, &who, id, patch).await?,
    ))
}

/// Opens the drawer with a float (amount or count by denomination).
#[utoipa::path(post, path = "/api/v1/registers/{id}/drawer/open", tag = "registers", params(("id" = Uuid, Path)), request_body = OpenDrawer,
    responses((status = 200, body = RegisterView), (status = 409, description = "`drawer_open`", body = ErrorEnvelope)))]
pub async fn open_drawer(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<OpenDrawer>,
) -> Result<Json<RegisterView>, ApiError> {
    Ok(Json(registers::open_drawer(&app, &who, id, input).await?))
}

/// Closes the drawer with the counted cash; answers expected, counted, over/short and the Z.
#[utoipa::path(post, path = "/api/v1/registers/{id}/drawer/close", tag = "registers", params(("id" = Uuid, Path)), request_body = CloseDrawer,
    responses((status = 200, body = CloseResult), (status = 409, description = "`drawer_closed`, `sale_in_progress`", body = ErrorEnvelope)))]
pub async fn close_drawer(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<CloseDrawer>,
) -> Result<Json<CloseResult>, ApiError> {
    Ok(Json(registers::close_drawer(&app, &who, id, input).await?))
}
