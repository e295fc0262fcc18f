//! Sign-in, sign-out and "who am I".

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use caisse_app::App;
use caisse_app::auth::{self, Secret, UserView};
use caisse_app::catalog::store_of;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::extract::{ApiJson, Caller, SESSION_COOKIE};

/// Sign-in with a password or a PIN.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Sign-in name.
    pub login: String,
    /// Password (or give `pin`).
    pub password: Option<String>,
    /// 4-8 digit PIN (or give `password`).
    pub pin: Option<String>,
}

/// An opened session.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Bearer token for API clients (`Authorization: Bearer …`); browsers get it as a cookie.
    pub token: String,
    /// Session id.
    pub session_id: uuid::Uuid,
    /// Expiry (RFC 3339).
    pub expires_at: String,
    /// The signed-in user.
    pub user: UserView,
}

fn rfc3339(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// Signs in and opens a session.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, description = "`invalid_credentials`", body = crate::error::ErrorEnvelope),
              (status = 423, description = "`account_locked`", body = crate::error::ErrorEnvelope)))]
pub async fn login(
    State(app): State<App>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let secret = match (req.password, req.pin) {
        (Some(p), None) => Secret::Password(p),
        (None, Some(p)) => Secret::Pin(p),
        _ => {
            return Err(
                caisse_app::AppError::field("password", "give either a password or a pin").into(),
            );
        }
    };
    let session = auth::login(&app, &req.login, secret, "session").await?;
    let max_age = (session.expires_at_us - caisse_app::now_us()) / 1_000_000;
    let secure = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes() == b"https");
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        session.token,
        if secure { "; Secure" } else { "" }
    );
    let body = LoginResponse {
        token: session.token,
        session_id: session.session_id,
        expires_at: rfc3339(session.expires_at_us),
        user: session.user,
    };
    let mut res = Json(body).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// Signs out: the session's token stops working at once.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204), (status = 401, body = crate::error::ErrorEnvelope)))]
pub async fn logout(State(app): State<App>, Caller(who): Caller) -> Result<Response, ApiError> {
    auth::logout(&app, &who).await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("caisse_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
    );
    Ok(res)
}

/// The signed-in user and their store.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    /// The user.
    pub user: UserView,
    /// Their store's settings.
    pub store: StoreView,
}

/// A store's settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoreView {
    /// Store id.
    pub id: uuid::Uuid,
    /// Name.
    pub name: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// BCP 47 locale.
    pub locale: String,
    /// IANA time zone.
    pub time_zone: String,
    /// `inclusive` (VAT) or `exclusive` (sales tax).
    pub tax_mode: String,
    /// Scale-label layout.
    pub scale_layout: String,
}

/// Who is signed in.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", responses((status = 200, body = MeResponse), (status = 401, body = crate::error::ErrorEnvelope)))]
pub async fn me(State(app): State<App>, Caller(who): Caller) -> Result<Json<MeResponse>, ApiError> {
    let user = auth::me(&app, &who).await?;
    let store = store_of(&app, who.store_id)?.into();
    Ok(Json(MeResponse { user, store }))
}

impl From<caisse_core::catalog::Store> for StoreView {
    fn from(s: caisse_core::catalog::Store) -> Self {
        StoreView {
            id: s.id,
            name: s.name,
            currency: s.currency,
            locale: s.locale,
            time_zone: s.time_zone,
            tax_mode: s.tax_mode,
            scale_layout: s.scale_layout,
        }
    }
}

/// The signed-in user's store settings.
#[utoipa::path(get, path = "/api/v1/store", tag = "store", responses((status = 200, body = StoreView)))]
pub async fn get_store(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<StoreView>, ApiError> {
    Ok(Json(
        caisse_app::store_settings::get_store(&app, &who)?.into(),
    ))
}

/// Changes the store's settings (owners only; the currency is fixed).
#[utoipa::path(patch, path = "/api/v1/store", tag = "store", request_body = caisse_app::store_settings::StorePatch,
    responses((status = 200, body = StoreView), (status = 403, body = crate::error::ErrorEnvelope), (status = 422, body = crate::error::ErrorEnvelope)))]
pub async fn update_store(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(p): ApiJson<caisse_app::store_settings::StorePatch>,
) -> Result<Json<StoreView>, ApiError> {
    Ok(Json(
        caisse_app::store_settings::update_store(&app, &who, &p)
            .await?
            .into(),
    ))
}

/// The register asking for its PIN pad.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct StaffQuery {
    /// The register's id: the till's own capability, as no one is signed in yet.
    pub register: Option<String>,
}

/// Who can sign in with a PIN.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffList {
    /// Active accounts of the register's store that have a PIN, by display name.
    pub items: Vec<auth::StaffView>,
}

/// The PIN pad's people: no sign-in needed, the register's id is the device's capability.
/// Never shows hashes, ids or session details.
#[utoipa::path(get, path = "/api/v1/auth/staff", tag = "auth", params(StaffQuery), security(()),
    responses((status = 200, body = StaffList),
              (status = 404, description = "`not_found`: no such register, or it is switched off", body = crate::error::ErrorEnvelope),
              (status = 422, description = "`validation_failed` with `details.field` = `register`", body = crate::error::ErrorEnvelope)))]
pub async fn list_staff(
    State(app): State<App>,
    crate::extract::ApiQuery(q): crate::extract::ApiQuery<StaffQuery>,
) -> Result<Json<StaffList>, ApiError> {
    Ok(Json(StaffList {
        items: auth::pin_pad_staff(&app, q.register.as_deref()).await?,
    }))
}
