//! Extractors: JSON and query strings with enveloped rejections, the signed-in caller, the
//! client's address and a till device's token.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Query};
use axum::http::request::Parts;
use caisse_app::auth::{Principal, authenticate};
use caisse_app::{App, AppError};

use crate::error::ApiError;

/// Name of the back office's (and API browsers') session cookie.
pub const SESSION_COOKIE: &str = "caisse_session";
/// Name of the till's session cookie: a till never takes the back office's session.
pub const TILL_COOKIE: &str = "caisse_till";
/// The header the till sends with every request, so the server reads the till's cookie.
pub const TILL_HEADER: &str = "x-caisse-till";
/// Name of a paired device's cookie.
pub const DEVICE_COOKIE: &str = "caisse_device";
/// The header API clients send a device token in.
pub const DEVICE_HEADER: &str = "x-caisse-device";

/// A JSON body whose rejection is an enveloped error.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// A query string whose rejection is an enveloped error.
#[derive(FromRequestParts)]
#[from_request(via(Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// Whether the request comes from the till (it sends [`TILL_HEADER`]).
pub fn from_till(parts: &Parts) -> bool {
    parts.headers.contains_key(TILL_HEADER)
}

/// The session cookie this request's surface uses: the till's or the back office's.
pub fn session_cookie_name(parts: &Parts) -> &'static str {
    if from_till(parts) {
        TILL_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The session token from `Authorization: Bearer …` or the surface's session cookie.
pub fn session_token(parts: &Parts) -> Option<String> {
    if let Some(auth) = parts.headers.get(axum::http::header::AUTHORIZATION)
        && let Ok(v) = auth.to_str()
        && let Some(t) = v.strip_prefix("Bearer ")
    {
        return Some(t.trim().to_owned());
    }
    cookie(parts, session_cookie_name(parts))
}

/// The client's address, from the connection (`serve` records it for every connection;
/// in-process tests insert it). Forwarded-for headers are not trusted.
fn client_addr(parts: &Parts) -> Option<IpAddr> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
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
        let mut principal = authenticate(app, &token).await?;
        principal.client = client_addr(parts);
        parts.extensions.insert(principal.clone());
        Ok(Caller(principal))
    }
}

/// The client's address (for counting wrong passwords per account and address).
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_addr(parts)))
    }
}

/// A till device's token, from [`DEVICE_HEADER`] or the device cookie, if any.
pub struct DeviceToken(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for DeviceToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(DEVICE_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(DeviceToken(header.or_else(|| cookie(parts, DEVICE_COOKIE))))
    }
}

/// Which session cookie the request's surface uses (for setting and clearing it).
pub struct Surface(pub &'static str);

impl<S: Send + Sync> FromRequestParts<S> for Surface {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Surface(session_cookie_name(parts)))
    }
}
