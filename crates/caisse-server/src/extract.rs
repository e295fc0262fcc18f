//! Extractors: JSON and query strings with enveloped rejections, and the signed-in caller.

use axum::extract::{FromRequest, FromRequestParts, Query};
use axum::http::request::Parts;
use caisse_app::auth::{Principal, authenticate};
use caisse_app::{App, AppError};

use crate::error::ApiError;

/// Name of the browser's session cookie.
pub const SESSION_COOKIE: &str = "caisse_session";

/// A JSON body whose rejection is an enveloped error.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// A query string whose rejection is an enveloped error.
#[derive(FromRequestParts)]
#[from_request(via(Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// The session token from `Authorization: Bearer …` or the session cookie.
pub fn session_token(parts: &Parts) -> Option<String> {
    if let Some(auth) = parts.headers.get(axum::http::header::AUTHORIZATION)
        && let Ok(v) = auth.to_str()
        && let Some(t) = v.strip_prefix("Bearer ")
    {
        return Some(t.trim().to_owned());
    }
    parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_owned())
}

/// The signed-in caller; requests without a valid session are refused with 401.
pub struct Caller(pub Principal);

impl FromRequestParts<App> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        if let Some(p) = parts.extensions.get::<Principal>() {
            return Ok(Caller(p.clone()));
        }
        let token = session_token(parts).ok_or(AppError::Unauthenticated)?;
        let principal = authenticate(app, &token).await?;
        parts.extensions.insert(principal.clone());
        Ok(Caller(principal))
    }
}
