//! Till devices: pairing one with a register (a manager, once per device), listing and
//! revoking them.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use caisse_app::App;
use caisse_app::auth::{self, DeviceView, PairDevice, PairedDevice};
use caisse_app::paging::Paging;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Caller, DEVICE_COOKIE};

/// A page of the store's devices.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeviceList {
    /// Revoked ones included (newest first unless `sort` says otherwise).
    pub items: Vec<DeviceView>,
    /// Page number from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// Devices in all.
    pub total: i64,
}

/// How to sort and cut the device list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeviceListQuery {
    /// `paired` (when it was paired), `name` or `register` (its code); a `-` before it
    /// reverses the order. Default `-paired`: newest first.
    #[param(pattern = "^-?(paired|name|register)$")]
    pub sort: Option<String>,
    /// Page number from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Rows per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

/// How long a browser keeps its device cookie (400 days, the most browsers allow); each
/// PIN pad load does not renew it, so a device unused that long pairs again.
const DEVICE_COOKIE_AGE_S: i64 = 400 * 24 * 3600;

/// Pairs the calling device with a register (a manager or owner, signed in with their
/// password). The token is shown once; browsers get it as an HttpOnly cookie.
#[utoipa::path(post, path = "/api/v1/devices", tag = "registers", request_body = PairDevice,
    responses((status = 201, body = PairedDevice), (status = 403, description = "`forbidden`: not a manager, or a till session", body = ErrorEnvelope),
              (status = 404, body = ErrorEnvelope), (status = 409, description = "`register_inactive`", body = ErrorEnvelope)))]
pub async fn pair_device(
    State(app): State<App>,
    headers: HeaderMap,
    Caller(who): Caller,
    ApiJson(req): ApiJson<PairDevice>,
) -> Result<Response, ApiError> {
    let paired = auth::pair_device(&app, &who, req).await?;
    let secure = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes() == b"https");
    let cookie = format!(
        "{DEVICE_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={DEVICE_COOKIE_AGE_S}{}",
        paired.token,
        if secure { "; Secure" } else { "" }
    );
    let mut res = (StatusCode::CREATED, Json(paired)).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// The store's paired devices, a page at a time (managers and owners). A bad `sort`, `page`
/// or `per_page` is `validation_failed` naming it.
#[utoipa::path(get, path = "/api/v1/devices", tag = "registers", params(DeviceListQuery),
    responses((status = 200, body = DeviceList), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn list_devices(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<DeviceListQuery>,
) -> Result<Json<DeviceList>, ApiError> {
    let paging = Paging::parse_for::<DeviceView>(q.sort.as_deref(), q.page, q.per_page)?;
    let page = paging.cut(auth::list_devices(&app, &who).await?);
    Ok(Json(DeviceList {
        items: page.items,
        page: page.page,
        per_page: page.per_page,
        total: page.total,
    }))
}

/// Revokes a device: its token stops working and its till sessions end at once.
#[utoipa::path(post, path = "/api/v1/devices/{id}/revoke", tag = "registers", params(("id" = Uuid, Path)),
    responses((status = 200, body = DeviceView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
pub async fn revoke_device(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<DeviceView>, ApiError> {
    Ok(Json(auth::revoke_device(&app, &who, id).await?))
}
