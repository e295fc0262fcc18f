//! Accounts and sign-in: Argon2id-hashed passwords and PINs, sessions that expire and can be
//! revoked, and a lock after repeated failures.

use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use caisse_core::staff::{Login, Password, Permission, Pin, Role};
use caisse_store::users::{self, SessionRow, UserRow};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{App, AppError, FieldError, now_us};

/// Sign-in rules.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// How long a session lasts.
    pub session_ttl: Duration,
    /// Failed sign-ins in a row that lock the account.
    pub lock_after: i64,
    /// How long a lock lasts.
    pub lock_for: Duration,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            session_ttl: Duration::from_secs(12 * 3600),
            lock_after: 5,
            lock_for: Duration::from_secs(15 * 60),
        }
    }
}

/// Who is making a request: the signed-in user and their session.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The user.
    pub user_id: Uuid,
    /// The store they work in.
    pub store_id: Uuid,
    /// Their role.
    pub role: Role,
    /// The session the request came with.
    pub session_id: Uuid,
}

impl Principal {
    /// Refuses with `forbidden` unless the role grants the permission.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.role.allows(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// A user as shown to clients (no hashes).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UserView {
    /// User id.
    pub id: Uuid,
    /// Sign-in name.
    pub login: String,
    /// Name shown on screens.
    pub display_name: String,
    /// Role: `owner`, `manager` or `cashier`.
    #[schema(value_type = String)]
    pub role: Role,
    /// Store the user works in.
    pub store_id: Uuid,
    /// Whether a PIN is set for quick sign-in.
    pub has_pin: bool,
}

impl From<&UserRow> for UserView {
    fn from(u: &UserRow) -> Self {
        UserView {
            id: u.id,
            login: u.login.clone(),
            display_name: u.display_name.clone(),
            role: Role::parse(&u.role).unwrap_or(Role::Cashier),
            store_id: u.store_id,
            has_pin: u.pin_hash.is_some(),
        }
    }
}

/// A freshly opened session: the token is shown once, only its hash is stored.
#[derive(Debug, Clone, Serialize)]
pub struct NewSession {
    /// Bearer token (also set as the browser's cookie).
    pub token: String,
    /// Session id.
    pub session_id: Uuid,
    /// Expiry, microseconds since the epoch.
    pub expires_at_us: i64,
    /// The signed-in user.
    pub user: UserView,
}

/// What the employee typed to sign in.
pub enum Secret {
    /// The account password.
    Password(String),
    /// The 4-8 digit PIN.
    Pin(String),
}

/// Hashes a password or PIN with Argon2id and a random salt (PHC string).
pub fn hash_secret(secret: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(secret.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("hashing failed: {e}")))
}

fn verify_secret(hash: &str, secret: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Argon2 is deliberately slow: keep it off the async workers.
async fn verify_blocking(hash: String, secret: String) -> bool {
    tokio::task::spawn_blocking(move || verify_secret(&hash, &secret))
        .await
        .unwrap_or(false)
}

async fn hash_blocking(secret: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_secret(&secret))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

/// SHA-256 of a session token, as stored.
fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn rfc3339(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// Checks a login and password or PIN, counting failures towards a temporary lock, and
/// returns the user. Used by sign-in and by manager approvals at the till.
async fn check_secret(app: &App, login: &str, secret: &Secret) -> Result<UserRow, AppError> {
    let now = now_us();
    let Ok(login) = Login::parse(login) else {
        return Err(AppError::InvalidCredentials);
    };
    let Some(mut user) = users::find_by_login(&app.db, login.as_str()).await? else {
        // Spend the same time as a real check so logins cannot be probed by timing.
        let _ = hash_blocking("not-a-user".to_owned()).await;
        return Err(AppError::InvalidCredentials);
    };
    if let Some(until) = user.locked_until {
        if until > now {
            return Err(AppError::AccountLocked {
                until: rfc3339(until),
            });
        }
        users::reset_failures(&app.db, user.id).await?;
        user.failed_attempts = 0;
    }
    let ok = match (secret, &user.pin_hash) {
        (Secret::Password(p), _) => verify_blocking(user.password_hash.clone(), p.clone()).await,
        (Secret::Pin(p), Some(hash)) => verify_blocking(hash.clone(), p.clone()).await,
        (Secret::Pin(_), None) => false,
    };
    if !ok || !user.active {
        let lock_until = now + i64::try_from(app.auth.lock_for.as_micros()).unwrap_or(i64::MAX);
        let (_, locked) =
            users::record_failure(&app.db, user.id, app.auth.lock_after, lock_until).await?;
        tracing::warn!(user_id = %user.id, "failed sign-in");
        return Err(match locked {
            Some(until) if until > now => AppError::AccountLocked {
                until: rfc3339(until),
            },
            _ => AppError::InvalidCredentials,
        });
    }
    if user.failed_attempts > 0 {
        users::reset_failures(&app.db, user.id).await?;
    }
    Ok(user)
}

/// Checks a manager's PIN (or password) given on the spot for one action and returns who
/// approved. The approver must work in the same store and hold the permission.
pub async fn approve(
    app: &App,
    store_id: Uuid,
    login: &str,
    secret: Secret,
    permission: Permission,
) -> Result<Uuid, AppError> {
    let user = check_secret(app, login, &secret).await?;
    let role = Role::parse(&user.role).map_err(|e| AppError::Internal(e.to_string()))?;
    if user.store_id != store_id || !role.allows(permission) {
        return Err(AppError::ApprovalDenied);
    }
    tracing::info!(approver = %user.id, "manager approval");
    Ok(user.id)
}

/// Checks a login and password or PIN and opens a session. Failed attempts count towards a
/// temporary lock; a locked account is refused even with the right secret.
pub async fn login(
    app: &App,
    login: &str,
    secret: Secret,
    kind: &str,
) -> Result<NewSession, AppError> {
    let user = check_secret(app, login, &secret).await?;
    let now = now_us();
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!("cs_{}", hex::encode(bytes));
    let session = SessionRow {
        id: Uuid::now_v7(),
        user_id: user.id,
        kind: kind.to_owned(),
        expires_at: now + i64::try_from(app.auth.session_ttl.as_micros()).unwrap_or(i64::MAX),
        revoked_at: None,
    };
    users::insert_session(&app.db, &session, &token_hash(&token), now).await?;
    tracing::info!(user_id = %user.id, session_id = %session.id, "signed in");
    Ok(NewSession {
        token,
        session_id: session.id,
        expires_at_us: session.expires_at,
        user: UserView::from(&user),
    })
}

/// Finds who a session token belongs to; expired, revoked or unknown tokens are refused.
pub async fn authenticate(app: &App, token: &str) -> Result<Principal, AppError> {
    let hash = token_hash(token);
    let now = now_us();
    if let Some(p) = app.sessions.get(&hash, now) {
        return Ok(p);
    }
    let (principal, expires_at) = authenticate_stored(app, &hash, now).await?;
    app.sessions.put(hash, principal.clone(), now, expires_at);
    Ok(principal)
}

async fn authenticate_stored(
    app: &App,
    hash: &str,
    now: i64,
) -> Result<(Principal, i64), AppError> {
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
    Ok(Principal {
        user_id: user.id,
        store_id: user.store_id,
        role: Role::parse(&user.role).map_err(|_| AppError::Internal("stored role".into()))?,
        session_id: session.id,
    })
    .map(|p| (p, session.expires_at))
}

/// Sessions recently checked against the database. A till sends several requests a second;
/// reading the session and the user for each one costs more than the request itself. An entry
/// is trusted for [`SessionCache::FRESH_US`] after it was read, and never past the session's
/// expiry; signing out through this server drops it at once. (Through another server sharing
/// the PostgreSQL database, a sign-out or a deactivated account takes effect within that
/// time.)
#[derive(Default)]
pub struct SessionCache {
    /// Token hash → (who, when checked, session expiry).
    entries: std::sync::Mutex<std::collections::HashMap<String, (Principal, i64, i64)>>,
}

impl SessionCache {
    /// How long a checked session is trusted without reading it again, µs.
    pub const FRESH_US: i64 = 10_000_000;

    fn get(&self, hash: &str, now: i64) -> Option<Principal> {
        let map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.get(hash)
            .filter(|(_, checked, expires)| now - checked < Self::FRESH_US && *expires > now)
            .map(|(p, _, _)| p.clone())
    }

    fn put(&self, hash: String, p: Principal, now: i64, expires: i64) {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, (_, checked, _)| now - *checked < Self::FRESH_US);
        }
        map.insert(hash, (p, now, expires));
    }

    /// Forgets the store's sessions (its staff changed on another server): each is read again.
    pub fn forget_store(&self, store_id: Uuid) {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, (p, _, _)| p.store_id != store_id);
    }

    fn forget_session(&self, session_id: Uuid) {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, (p, _, _)| p.session_id != session_id);
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

/// A new account as requested.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
pub struct NewUser {
    /// Sign-in name.
    pub login: String,
    /// Name shown on screens; defaults to the login.
    pub display_name: Option<String>,
    /// `owner`, `manager` or `cashier`.
    pub role: String,
    /// Password (at least 4 characters).
    pub password: String,
    /// Optional 4-8 digit PIN.
    pub pin: Option<String>,
}

/// Creates an account in a store. Only owners create owners and managers.
pub async fn create_user(
    app: &App,
    store_id: Uuid,
    actor: Option<&Principal>,
    new: NewUser,
) -> Result<UserView, AppError> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, reason: String| {
        errors.push(FieldError {
            field: field.into(),
            reason,
        })
    };
    let login = Login::parse(&new.login)
        .map_err(|e| bad("login", e.to_string()))
        .ok();
    let role = Role::parse(&new.role)
        .map_err(|e| bad("role", e.to_string()))
        .ok();
    let password = Password::parse(&new.password)
        .map_err(|e| bad("password", e.to_string()))
        .ok();
    let pin = match new.pin.as_deref() {
        None | Some("") => None,
        Some(p) => Pin::parse(p).map_err(|e| bad("pin", e.to_string())).ok(),
    };
    let display_name = new
        .display_name
        .as_deref()
        .map(|d| caisse_core::text::bounded_text(d, 100))
        .transpose()
        .map_err(|e| bad("display_name", e.to_string()))
        .ok()
        .flatten();
    let (Some(login), Some(role), Some(password)) = (login, role, password) else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if let Some(actor) = actor {
        actor.require(Permission::UsersManage)?;
        if role != Role::Cashier && actor.role != Role::Owner {
            return Err(AppError::Forbidden);
        }
        if actor.store_id != store_id {
            return Err(AppError::Forbidden);
        }
    }
    let password_hash = hash_blocking(password.expose().to_owned()).await?;
    let pin_hash = match pin {
        Some(p) => Some(hash_blocking(p.expose().to_owned()).await?),
        None => None,
    };
    let row = UserRow {
        id: Uuid::now_v7(),
        store_id,
        display_name: display_name.unwrap_or_else(|| login.as_str().to_owned()),
        login: login.as_str().to_owned(),
        role: role.as_str().to_owned(),
        password_hash,
        pin_hash,
        active: true,
        failed_attempts: 0,
        locked_until: None,
    };
    let mut tx = app.db.begin().await?;
    users::insert(&mut tx, &row, now_us()).await?;
    tx.commit().await?;
    Ok(UserView::from(&row))
}

/// Every account of the caller's store.
pub async fn list_users(app: &App, who: &Principal) -> Result<Vec<UserView>, AppError> {
    who.require(Permission::UsersManage)?;
    Ok(users::list(&app.db, who.store_id)
        .await?
        .iter()
        .map(UserView::from)
        .collect())
}

/// Someone the till's PIN pad offers to sign in: no ids, hashes or session details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StaffView {
    /// Sign-in name (what `POST /auth/login` takes with the PIN).
    pub login: String,
    /// Name shown on the key.
    pub display_name: String,
    /// `owner`, `manager` or `cashier`.
    pub role: String,
    /// Locked after too many wrong PINs: signing in is refused until the lock ends.
    pub locked: bool,
}

/// The people who can sign in with a PIN on this register: the active accounts of its
/// store that have a PIN, by display name (accents and case ignored), then login. Nobody is
/// signed in yet when the till asks, so the register's id stands for the device: an unknown
/// id, or a register switched off, finds nobody (`not_found`).
pub async fn pin_pad_staff(app: &App, register: Option<&str>) -> Result<Vec<StaffView>, AppError> {
    let text = register.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Err(AppError::field("register", "give the register's id"));
    }
    let id = Uuid::parse_str(text)
        .map_err(|_| AppError::field("register", "must be a register id (a UUID)"))?;
    let reg = caisse_store::registers::find_register(&app.db, id)
        .await?
        .filter(|r| r.active)
        .ok_or(AppError::NotFound("register"))?;
    let now = now_us();
    let mut staff: Vec<(String, StaffView)> = users::pin_users(&app.db, reg.store_id)
        .await?
        .into_iter()
        .map(|u| {
            let key = caisse_core::search::normalize(&u.display_name);
            let view = StaffView {
                locked: u.locked_until.is_some_and(|until| until > now),
                login: u.login,
                display_name: u.display_name,
                role: u.role,
            };
            (key, view)
        })
        .collect();
    staff.sort_by(|a, b| (&a.0, &a.1.login).cmp(&(&b.0, &b.1.login)));
    Ok(staff.into_iter().map(|(_, v)| v).collect())
}

/// Whether the database has no account yet (first start).
pub async fn no_users_yet(app: &App) -> Result<bool, AppError> {
    Ok(users::count(&app.db).await? == 0)
}

/// A random password for the first owner, printed once by `serve`.
pub fn random_password() -> String {
    let mut bytes = [0u8; 12];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}
