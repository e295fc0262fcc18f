//! Sign-in (a password, or a PIN on a paired till), sign-out, "who am I", changing one's own
//! password, the paired till's PIN pad and unlocking someone there.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use caisse_app::App;
use caisse_app::auth::{self, OwnPasswordChange, PinSignIn, TillUnlock, UserView};
use caisse_app::catalog::store_of;
use caisse_core::staff::SessionScope;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extract::{ApiJson, Caller, ClientAddr, DeviceToken, Surface, TILL_COOKIE};

/// Sign-in with a password (back office, API) or with a PIN on a paired till device.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Sign-in name (with a password; or with a PIN instead of `staff_id`).
    pub login: Option<String>,
    /// Password: opens a password session.
    pub password: Option<String>,
    /// 4-8 digit PIN: opens a till session on `register_id`; needs the device token.
    pub pin: Option<String>,
    /// With a PIN: the person's staff id from `GET /auth/staff`.
    pub staff_id: Option<Uuid>,
    /// With a PIN: the register the device is paired with.
    pub register_id: Option<Uuid>,
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
    /// `{"kind": "password"}` or `{"kind": "till", "register_id"}`.
    #[schema(value_type = Object)]
    pub scope: SessionScope,
    /// The signed-in user.
    pub user: UserView,
}

fn rfc3339(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn secure(headers: &HeaderMap) -> &'static str {
    let https = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes() == b"https");
    if https { "; Secure" } else { "" }
}

/// Signs in and opens a session. With a password: a password session, its cookie the back
/// office's (or the till's, when the till asks). With a PIN: a till session limited to till
/// work on the device's register (the device token must come with it), its cookie the
/// till's. Wrong tries are counted per account and place (client address for passwords,
/// register for PINs); the answer is the same for unknown logins.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest, security(()),
    params(("x-caisse-device" = Option<String>, Header, description = "a paired device's token (PIN sign-in; browsers send the cookie)")),
    responses((status = 200, body = LoginResponse),
              (status = 401, description = "`invalid_credentials` with `details.tries_left`", body = crate::error::ErrorEnvelope),
              (status = 403, description = "`device_not_paired` (PIN sign-in without a paired device)", body = crate::error::ErrorEnvelope),
              (status = 409, description = "`register_inactive`", body = crate::error::ErrorEnvelope),
              (status = 422, description = "`validation_failed`", body = crate::error::ErrorEnvelope),
              (status = 423, description = "`account_locked` with `details.locked_until`", body = crate::error::ErrorEnvelope)))]
pub async fn login(
    State(app): State<App>,
    headers: HeaderMap,
    ClientAddr(client): ClientAddr,
    DeviceToken(device): DeviceToken,
    Surface(cookie_name): Surface,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let (session, cookie_name) = match (req.password, req.pin) {
        (Some(password), None) => {
            let login = req.login.unwrap_or_default();
            let s = auth::login_password(&app, &login, &password, client).await?;
            (s, cookie_name)
        }
        (None, Some(pin)) => {
            let register_id = req
                .register_id
                .ok_or_else(|| caisse_app::AppError::field("register_id", "give the register"))?;
            let sign_in = PinSignIn {
                staff_id: req.staff_id,
                login: req.login,
                pin,
                register_id,
            };
            (
                auth::login_pin(&app, device.as_deref(), sign_in).await?,
                TILL_COOKIE,
            )
        }
        _ => {
            return Err(
                caisse_app::AppError::field("password", "give either a password or a pin").into(),
            );
        }
    };
    let max_age = (session.expires_at_us - caisse_app::now_us()) / 1_000_000;
    let cookie = format!(
        "{cookie_name}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        session.token,
        secure(&headers)
    );
    let body = LoginResponse {
        token: session.token,
        session_id: session.session_id,
        expires_at: rfc3339(session.expires_at_us),
        scope: session.scope,
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
pub async fn logout(
    State(app): State<App>,
    Surface(cookie_name): Surface,
    Caller(who): Caller,
) -> Result<Response, ApiError> {
    auth::logout(&app, &who).await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    let clear = format!("{cookie_name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    if let Ok(v) = HeaderValue::from_str(&clear) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// Changes the caller's own password (password sessions only): the current one, then a new
/// one that follows the rules. The caller's other sessions end.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "auth", request_body = OwnPasswordChange,
    responses((status = 204), (status = 401, body = crate::error::ErrorEnvelope),
              (status = 403, description = "`forbidden`: a till session", body = crate::error::ErrorEnvelope),
              (status = 422, description = "`validation_failed`: `current_password` wrong, or `new_password` too weak", body = crate::error::ErrorEnvelope),
              (status = 423, body = crate::error::ErrorEnvelope)))]
pub async fn change_password(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(req): ApiJson<OwnPasswordChange>,
) -> Result<StatusCode, ApiError> {
    auth::change_own_password(&app, &who, req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user and their store.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    /// The user.
    pub user: UserView,
    /// The session: `{"kind": "password"}` or `{"kind": "till", "register_id"}`.
    #[schema(value_type = Object)]
    pub session: SessionScope,
    /// Their store's settings.
    pub store: StoreView,
    /// What this session may do, the same permissions the server checks on every route:
    /// `catalog_read`, `catalog_write`, `users_manage`, `store_settings`, `sell`, `refund`,
    /// `refund_without_receipt`, `price_override`, `large_discount`, `no_sale`,
    /// `cash_movement`, `drawer`, `close_others_drawer`, `cancel_others_sale`,
    /// `reports_all_registers`, `period_close`, `registers_manage`, `stock_read`,
    /// `stock_manage`, `purchasing` (a till session holds its role's till work only); then
    /// two that also follow the store's settings: `receive` (receive deliveries: purchasing,
    /// or a cashier when `cashiers_may_receive` is on) and `count` (count stock: stock
    /// management, or a cashier when `cashiers_may_count` is on). The back office shows the
    /// pages and actions these allow.
    #[schema(value_type = Vec<String>)]
    pub permissions: Vec<&'static str>,
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
    Ok(Json(MeResponse {
        user,
        session: who.scope,
        store,
        permissions: auth::session_permissions(&app, &who).await?,
    }))
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

/// The PIN pad of a paired till: its register and the people who can sign in there (names
/// and initials; no logins, roles or lock state). Only a paired device may ask.
#[utoipa::path(get, path = "/api/v1/auth/staff", tag = "auth", security(()),
    params(("x-caisse-device" = Option<String>, Header, description = "the device token (browsers send the cookie)")),
    responses((status = 200, body = auth::StaffList),
              (status = 403, description = "`device_not_paired`", body = crate::error::ErrorEnvelope),
              (status = 409, description = "`register_inactive`", body = crate::error::ErrorEnvelope)))]
pub async fn list_staff(
    State(app): State<App>,
    DeviceToken(device): DeviceToken,
) -> Result<Json<auth::StaffList>, ApiError> {
    Ok(Json(auth::pin_pad_staff(&app, device.as_deref()).await?))
}

/// A manager unlocks someone at the till with their own PIN (on a paired device): the
/// person's lock at this register ends. Recorded.
#[utoipa::path(post, path = "/api/v1/auth/unlock", tag = "auth", request_body = TillUnlock, security(()),
    params(("x-caisse-device" = Option<String>, Header, description = "the device token (browsers send the cookie)")),
    responses((status = 204),
              (status = 403, description = "`approval_invalid` (wrong manager PIN, `details.tries_left`), `approval_denied`, `forbidden` (a manager unlocking a manager), `device_not_paired`", body = crate::error::ErrorEnvelope),
              (status = 404, body = crate::error::ErrorEnvelope),
              (status = 423, description = "`account_locked`: the manager is locked here", body = crate::error::ErrorEnvelope)))]
pub async fn unlock_at_till(
    State(app): State<App>,
    DeviceToken(device): DeviceToken,
    ApiJson(req): ApiJson<TillUnlock>,
) -> Result<StatusCode, ApiError> {
    auth::unlock_at_till(&app, device.as_deref(), req).await?;
    Ok(StatusCode::NO_CONTENT)
}
