//! Signing in (a password, or a PIN on a paired till), the sessions that follow, the cache
//! that keeps checking them cheap, and a manager's PIN given on the spot.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use caisse_core::staff::{Login, Permission, SessionScope};
use caisse_store::users::{self, SessionRow, UserRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::lockout::{self, Subject};
use super::{
    Place, Principal, UserView, hash_blocking, new_token, stored_role, token_hash, verify_blocking,
};
use crate::{App, AppError, now_us};

/// A freshly opened session: the token is shown once, only its hash is stored.
#[derive(Debug, Clone, Serialize)]
pub struct NewSession {
    /// Bearer token (also set as the browser's cookie).
    pub token: String,
    /// Session id.
    pub session_id: Uuid,
    /// Expiry, microseconds since the epoch.
    pub expires_at_us: i64,
    /// A password session, or a till session on one register.
    pub scope: SessionScope,
    /// The signed-in user.
    pub user: UserView,
}

/// A PIN sign-in at a till: who (the staff id from the PIN pad, or a login), the PIN, and
/// the register, which must be the one the device is paired with.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct PinSignIn {
    /// The person's staff id, from `GET /auth/staff`.
    pub staff_id: Option<Uuid>,
    /// Or their login.
    pub login: Option<String>,
    /// Their 4-8 digit PIN.
    pub pin: String,
    /// The register the device is paired with.
    pub register_id: Uuid,
}

/// Who approves, at the till or from an API client: a staff id or a login.
#[derive(Debug, Clone)]
pub enum Approver {
    /// The staff id the PIN pad lists.
    Staff(Uuid),
    /// A login.
    Login(String),
}

/// The account a login names, and whose failures a wrong secret counts against.
async fn by_login(app: &App, login: &str) -> Result<(Subject, Option<UserRow>), AppError> {
    let Ok(parsed) = Login::parse(login) else {
        return Ok((Subject::UnknownLogin(login.trim().to_lowercase()), None));
    };
    Ok(
        match users::find_by_login(&app.db, parsed.as_str()).await? {
            Some(u) => (Subject::User(u.id), Some(u)),
            None => (Subject::UnknownLogin(parsed.as_str().to_owned()), None),
        },
    )
}

async fn by_staff_id(app: &App, id: Uuid) -> Result<(Subject, Option<UserRow>), AppError> {
    Ok((Subject::User(id), users::find(&app.db, id).await?))
}

/// Checks a secret for the account, counting a failure at `place`: a locked account is
/// refused even with the right secret, and an unknown or inactive account answers exactly
/// as a wrong secret does (after the same Argon2 work).
async fn check(
    app: &App,
    subject: &Subject,
    user: Option<UserRow>,
    secret: Secret<'_>,
    place: Place,
) -> Result<UserRow, AppError> {
    lockout::check(app, subject, place).await?;
    let hash = user
        .as_ref()
        .filter(|u| u.active)
        .and_then(|u| match secret {
            Secret::Password(_) => Some(u.password_hash.clone()),
            Secret::Pin(_) => u.pin_hash.clone(),
        });
    let text = match secret {
        Secret::Password(p) | Secret::Pin(p) => p.to_owned(),
    };
    let ok = match hash {
        Some(hash) => verify_blocking(hash, text).await,
        None => {
            // Spend the same time as a real check so accounts cannot be probed by timing.
            let _ = hash_blocking("not-a-user".to_owned()).await;
            false
        }
    };
    match user {
        Some(u) if ok => {
            lockout::succeeded(app, subject, place).await?;
            Ok(u)
        }
        _ => Err(lockout::failed(app, subject, place).await),
    }
}

#[derive(Clone, Copy)]
enum Secret<'a> {
    Password(&'a str),
    Pin(&'a str),
}

async fn open_session(
    app: &App,
    user: &UserRow,
    scope: SessionScope,
    device_id: Option<Uuid>,
) -> Result<NewSession, AppError> {
    let now = now_us();
    let token = new_token("cs_");
    let session = SessionRow {
        id: Uuid::now_v7(),
        user_id: user.id,
        kind: match scope {
            SessionScope::Password => "password",
            SessionScope::Till { .. } => "till",
        }
        .to_owned(),
        register_id: scope.register(),
        device_id,
        expires_at: now + i64::try_from(app.auth.session_ttl.as_micros()).unwrap_or(i64::MAX),
        revoked_at: None,
    };
    users::insert_session(&app.db, &session, &token_hash(&token), now).await?;
    tracing::info!(user_id = %user.id, session_id = %session.id, kind = %session.kind, "signed in");
    Ok(NewSession {
        token,
        session_id: session.id,
        expires_at_us: session.expires_at,
        scope,
        user: UserView::from(user),
    })
}

/// Signs in with a login and password: a password session (back office, API). Failures
/// are counted for the login at the client's address.
pub async fn login_password(
    app: &App,
    login: &str,
    password: &str,
    client: Option<IpAddr>,
) -> Result<NewSession, AppError> {
    let (subject, user) = by_login(app, login).await?;
    let user = check(
        app,
        &subject,
        user,
        Secret::Password(password),
        Place::Client(client),
    )
    .await?;
    open_session(app, &user, SessionScope::Password, None).await
}

/// Signs in with a PIN on a paired till device: a till session for the device's register.
/// Failures are counted for the person at that register.
pub async fn login_pin(
    app: &App,
    device_token: Option<&str>,
    req: PinSignIn,
) -> Result<NewSession, AppError> {
    let device = super::device_for_token(app, device_token).await?;
    if device.register_id != req.register_id {
        return Err(AppError::field(
            "register_id",
            "this device is paired with another register",
        ));
    }
    super::devices::active_register(app, device.store_id, device.register_id).await?;
    let (subject, user) = match (req.staff_id, req.login.as_deref()) {
        (Some(id), None) => by_staff_id(app, id).await?,
        (None, Some(login)) => by_login(app, login).await?,
        _ => return Err(AppError::field("staff_id", "give either staff_id or login")),
    };
    let user = user.filter(|u| u.store_id == device.store_id);
    let place = Place::Register(device.register_id);
    let user = check(app, &subject, user, Secret::Pin(&req.pin), place).await?;
    let scope = SessionScope::Till {
        register_id: device.register_id,
    };
    open_session(app, &user, scope, Some(device.id)).await
}

/// Checks a manager's PIN given on the spot for one action and returns who approved. The
/// approver must work in the caller's store and hold the permission; wrong PINs count
/// towards the approver's lock at the caller's place (the register, at a till) and answer
/// `approval_invalid` (the caller's own session is not in question).
pub async fn approve(
    app: &App,
    who: &Principal,
    approver: Approver,
    pin: &str,
    permission: Permission,
) -> Result<Uuid, AppError> {
    let (subject, user) = match approver {
        Approver::Staff(id) => by_staff_id(app, id).await?,
        Approver::Login(login) => by_login(app, &login).await?,
    };
    let user = user.filter(|u| u.store_id == who.store_id);
    let user = match check(app, &subject, user, Secret::Pin(pin), who.place()).await {
        Ok(u) => u,
        Err(AppError::InvalidCredentials { tries_left }) => {
            return Err(AppError::ApprovalInvalid { tries_left });
        }
        Err(e) => return Err(e),
    };
    if !stored_role(&user.role)?.allows(permission) {
        return Err(AppError::ApprovalDenied);
    }
    tracing::info!(approver = %user.id, "manager approval");
    Ok(user.id)
}

/// Checks the caller's own password (changing it), counting a failure as a sign-in would.
pub(crate) async fn check_own_password(
    app: &App,
    who: &Principal,
    user: &UserRow,
    password: &str,
) -> Result<(), AppError> {
    let subject = Subject::User(user.id);
    check(
        app,
        &subject,
        Some(user.clone()),
        Secret::Password(password),
        who.place(),
    )
    .await
    .map(|_| ())
    .map_err(|e| match e {
        AppError::InvalidCredentials { .. } => {
            AppError::field("current_password", "this is not your current password")
        }
        other => other,
    })
}

/// Finds who a session token belongs to; expired, revoked or unknown tokens are refused.
pub async fn authenticate(app: &App, token: &str) -> Result<Principal, AppError> {
    let hash = token_hash(token);
    let now = now_us();
    if let Some(p) = app.sessions.get(&hash, now) {
        return Ok(p);
    }
    let (principal, device, expires_at) = authenticate_stored(app, &hash, now).await?;
    app.sessions
        .put(hash, principal.clone(), device, now, expires_at);
    Ok(principal)
}

async fn authenticate_stored(
    app: &App,
    hash: &str,
    now: i64,
) -> Result<(Principal, Option<Uuid>, i64), AppError> {
    let session = users::find_session(&app.db, hash)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if session.revoked_at.is_some() || session.expires_at <= now {
        return Err(AppError::Unauthenticated);
    }
    let user = users::get(&app.db, session.user_id).await?;
    if !user.active {
        return Err(AppError::Unauthenticated);
    }
    let scope = match (session.kind.as_str(), session.register_id) {
        ("till", Some(register_id)) => SessionScope::Till { register_id },
        // Anything else that is not a password session is refused rather than widened.
        ("till", None) => return Err(AppError::Unauthenticated),
        _ => SessionScope::Password,
    };
    let principal = Principal {
        user_id: user.id,
        store_id: user.store_id,
        role: stored_role(&user.role)?,
        session_id: session.id,
        scope,
        client: None,
    };
    Ok((principal, session.device_id, session.expires_at))
}

/// One checked session: who, on which device, when it was read, when it expires.
struct Entry {
    principal: Principal,
    device: Option<Uuid>,
    checked: i64,
    expires: i64,
}

/// Sessions recently checked against the database. A till sends several requests a second;
/// reading the session and the user for each one costs more than the request itself. An entry
/// is trusted for [`SessionCache::FRESH_US`] after it was read, and never past the session's
/// expiry. Everything this server does that ends or narrows a session (sign-out, a
/// deactivated account, a role change, a password reset, revoked sessions, a revoked device)
/// drops the entries at once. (Through another server sharing the PostgreSQL database, such
/// a change takes effect within that time.)
#[derive(Default)]
pub struct SessionCache {
    /// Token hash → the checked session.
    entries: Mutex<HashMap<String, Entry>>,
}

impl SessionCache {
    /// How long a checked session is trusted without reading it again, µs.
    pub const FRESH_US: i64 = 10_000_000;

    fn get(&self, hash: &str, now: i64) -> Option<Principal> {
        let map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.get(hash)
            .filter(|e| now - e.checked < Self::FRESH_US && e.expires > now)
            .map(|e| e.principal.clone())
    }

    fn put(
        &self,
        hash: String,
        principal: Principal,
        device: Option<Uuid>,
        now: i64,
        expires: i64,
    ) {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, e| now - e.checked < Self::FRESH_US);
        }
        let entry = Entry {
            principal,
            device,
            checked: now,
            expires,
        };
        map.insert(hash, entry);
    }

    fn forget(&self, drop: impl Fn(&Entry) -> bool) {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, e| !drop(e));
    }

    /// Drops one session.
    pub fn forget_session(&self, session_id: Uuid) {
        self.forget(|e| e.principal.session_id == session_id);
    }

    /// Drops every session of a user (deactivated, role changed, sessions revoked).
    pub fn forget_user(&self, user_id: Uuid) {
        self.forget(|e| e.principal.user_id == user_id);
    }

    /// Drops every session opened on a device (revoked).
    pub fn forget_device(&self, device_id: Uuid) {
        self.forget(|e| e.device == Some(device_id));
    }

    /// Drops every session of a store (its staff or devices changed on another server).
    pub fn forget_store(&self, store_id: Uuid) {
        self.forget(|e| e.principal.store_id == store_id);
    }
}

/// Ends the session (sign-out); the token stops working at once.
pub async fn logout(app: &App, who: &Principal) -> Result<(), AppError> {
    users::revoke_session(&app.db, who.session_id, now_us()).await?;
    app.sessions.forget_session(who.session_id);
    Ok(())
}

/// The signed-in user's account.
pub async fn me(app: &App, who: &Principal) -> Result<UserView, AppError> {
    Ok(UserView::from(&users::get(&app.db, who.user_id).await?))
}

/// What the session may do, as `/auth/me` sends it: its role's permissions (see
/// [`Principal::permissions`]), then the two that also depend on the store's settings:
/// `receive` (receive deliveries: purchasing, or a cashier when the store lets cashiers
/// receive) and `count` (count stock: managing stock, or a cashier when the store lets
/// cashiers count). Each is exactly what the use cases check.
pub async fn session_permissions(
    app: &App,
    who: &Principal,
) -> Result<Vec<&'static str>, AppError> {
    let mut names: Vec<&'static str> = who.permissions().into_iter().map(|p| p.as_str()).collect();
    if crate::purchasing::may_receive(app, who).await? {
        names.push(RECEIVE);
    }
    if crate::stock::count::may_count(app, who).await? {
        names.push(COUNT);
    }
    Ok(names)
}

/// The name `/auth/me` sends when the session may receive deliveries.
pub const RECEIVE: &str = "receive";
/// The name `/auth/me` sends when the session may count stock.
pub const COUNT: &str = "count";
