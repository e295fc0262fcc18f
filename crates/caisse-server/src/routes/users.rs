//! Staff accounts.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use caisse_app::App;
use caisse_app::auth::{self, NewUser, UserView};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::extract::{ApiJson, Caller};

/// A list of users.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    /// The users.
    pub items: Vec<UserView>,
}

/// Every account of the store (owners and managers).
#[utoipa::path(get, path = "/api/v1/users", tag = "users", responses((status = 200, body = UserList), (status = 403, body = crate::error::ErrorEnvelope)))]
pub async fn list_users(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<UserList>, ApiError> {
    Ok(Json(UserList {
        items: auth::list_users(&app, &who).await?,
    }))
}

/// Creates an account (managers create cashiers; owners create anyone).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUser,
    responses((status = 201, body = UserView), (status = 403, body = crate::error::ErrorEnvelope), (status = 422, body = crate::error::ErrorEnvelope)))]
pub async fn create_user(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(new): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let user = auth::create_user(&app, who.store_id, Some(&who), new).await?;
    Ok((StatusCode::CREATED, Json(user)))
}
