//! Staff accounts: list, create, read, edit, deactivate and reactivate, reset a password or
//! a PIN, unlock, end sessions, and what was done to an account. Owners manage everyone,
//! managers manage cashiers; back-office actions need a password session.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caisse_app::App;
use caisse_app::auth::{self, AccountEvent, NewUser, PasswordReset, PinReset, UserPatch, UserView};
use caisse_app::paging::Paging;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Caller};

/// A page of accounts.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    /// The accounts of this page.
    pub items: Vec<UserView>,
    /// Page number from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// Accounts in all.
    pub total: i64,
}

/// How to sort and cut the account list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    /// `name` (default), `login` or `role` (owners first); a `-` before it reverses the order.
    #[param(pattern = "^-?(name|login|role)$")]
    pub sort: Option<String>,
    /// Page number from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Rows per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

/// Recorded changes to an account.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountEventList {
    /// Newest first (at most 200).
    pub items: Vec<AccountEvent>,
}

/// The store's accounts, a page at a time, with whether each is locked somewhere (owners
/// and managers). A bad `sort`, `page` or `per_page` is `validation_failed` naming it.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(UserListQuery),
    responses((status = 200, body = UserList), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn list_users(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<UserListQuery>,
) -> Result<Json<UserList>, ApiError> {
    let paging = Paging::parse_for::<UserView>(q.sort.as_deref(), q.page, q.per_page)?;
    let page = paging.cut(auth::list_users(&app, &who).await?);
    Ok(Json(UserList {
        items: page.items,
        page: page.page,
        per_page: page.per_page,
        total: page.total,
    }))
}

/// Creates an account (managers create cashiers; owners create anyone). Outside the demo a
/// password is at least 10 characters and not easily guessed, and a PIN is not trivial;
/// PINs are unique in the store.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUser,
    responses((status = 201, body = UserView), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn create_user(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(new): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let user = auth::create_user(&app, who.store_id, Some(&who), new).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// One account of the store.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = UserView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
pub async fn get_user(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(auth::get_user(&app, &who, id).await?))
}

/// Changes an account's name or role (a manager may not make a manager; the last active
/// owner stays owner).
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path)), request_body = UserPatch,
    responses((status = 200, body = UserView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`last_owner`", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn update_user(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(patch): ApiJson<UserPatch>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(auth::update_user(&app, Some(&who), id, patch).await?))
}

/// Deactivates an account: it can no longer sign in and its sessions end at once (not the
/// last active owner).
#[utoipa::path(post, path = "/api/v1/users/{id}/deactivate", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = UserView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`last_owner`", body = ErrorEnvelope)))]
pub async fn deactivate_user(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(auth::deactivate_user(&app, Some(&who), id).await?))
}

/// Reactivates an account.
#[utoipa::path(post, path = "/api/v1/users/{id}/activate", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = UserView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
pub async fn activate_user(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(auth::activate_user(&app, Some(&who), id).await?))
}

/// Sets a new password for an account; its sessions end.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "users", params(("id" = Uuid, Path)), request_body = PasswordReset,
    responses((status = 200, body = UserView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn set_password(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<PasswordReset>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(
        auth::set_user_password(&app, Some(&who), id, req).await?,
    ))
}

/// Sets an account's PIN, or removes it with `{"pin": null}`.
#[utoipa::path(post, path = "/api/v1/users/{id}/pin", tag = "users", params(("id" = Uuid, Path)), request_body = PinReset,
    responses((status = 200, body = UserView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn set_pin(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<PinReset>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(auth::set_user_pin(&app, Some(&who), id, req).await?))
}

/// Ends every lock of an account (wrong passwords or PINs, wherever).
#[utoipa::path(post, path = "/api/v1/users/{id}/unlock", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = UserView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
pub async fn unlock_user(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(auth::unlock_user(&app, Some(&who), id).await?))
}

/// Ends every session of an account at once.
#[utoipa::path(post, path = "/api/v1/users/{id}/sessions/revoke", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = UserView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
pub async fn revoke_sessions(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(
        auth::revoke_user_sessions(&app, Some(&who), id).await?,
    ))
}

/// What was done to an account, by whom and when (never a secret).
#[utoipa::path(get, path = "/api/v1/users/{id}/events", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = AccountEventList), (status = 403, body = ErrorEnvelope)))]
pub async fn list_user_events(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<AccountEventList>, ApiError> {
    Ok(Json(AccountEventList {
        items: auth::user_events(&app, &who, id).await?,
    }))
}
