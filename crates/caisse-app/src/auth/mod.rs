//! Accounts and sign-in: Argon2id-hashed passwords and PINs, sessions that expire and can be
//! revoked (a password session for the back office, a till session for PIN sign-in on a
//! paired device), failures counted per account and place, and account management.

mod account_types;
mod accounts;
mod devices;
mod lockout;
mod policy;
mod sessions;

use std::net::IpAddr;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use caisse_core::staff::lockout::LockoutPolicy;
use caisse_core::staff::{Permission, Role, SessionScope};
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::AppError;

pub use accounts::{
    AccountEvent, NewUser, OwnPasswordChange, PasswordReset, PinReset, UserPatch, UserView,
    activate_user, change_own_password, create_user, deactivate_user, find_user_by_login, get_user,
    list_users, no_users_yet, random_password, revoke_user_sessions, set_user_password,
    set_user_pin, unlock_user, update_user, user_events,
};
pub use devices::{
    DeviceView, PairDevice, PairedDevice, RegisterRef, StaffList, StaffView, TillUnlock,
    device_for_token, display_viewer, list_devices, pair_device, pin_pad_staff, revoke_device,
    unlock_at_till,
};
pub use sessions::{
    Approver, COUNT, NewSession, PinSignIn, RECEIVE, SessionCache, approve, authenticate,
    login_password, login_pin, logout, me, session_permissions,
};

/// Sign-in rules.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// How long a session lasts.
    pub session_ttl: Duration,
    /// Free tries, then locks that double, per account and place.
    pub lockout: LockoutPolicy,
    /// The demo shop (`serve --demo`, `caisse demo`): its documented short passwords and
    /// easy PINs are accepted; outside it, passwords and PINs follow the rules.
    pub demo: bool,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            session_ttl: Duration::from_secs(12 * 3600),
            lockout: LockoutPolicy::default(),
            demo: false,
        }
    }
}

/// Who is making a request: the signed-in user, their session and what it may be used for.
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
    /// A password session, or a till session on one register.
    pub scope: SessionScope,
    /// The address the request came from (for counting wrong approval PINs), when known.
    pub client: Option<IpAddr>,
}

impl Principal {
    /// The store's owner acting from the shop's own machine (the `caisse` command, the demo
    /// seeding): a password session that is never stored.
    pub fn system(store_id: Uuid, user_id: Uuid) -> Principal {
        Principal {
            user_id,
            store_id,
            role: Role::Owner,
            session_id: Uuid::nil(),
            scope: SessionScope::Password,
            client: None,
        }
    }

    /// Refuses with `forbidden` unless the role grants the permission and the session may
    /// be used for it (a till session does till work only).
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.may(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Whether the role and the session allow the permission.
    pub fn may(&self, permission: Permission) -> bool {
        self.role.allows(permission) && self.scope.permits(permission)
    }

    /// Every permission this session may use: what its role grants, narrowed to till work
    /// for a till session. The same test as [`Principal::require`], so the list a client is
    /// sent is exactly what the server's gates let through.
    pub fn permissions(&self) -> Vec<Permission> {
        Permission::all().filter(|p| self.may(*p)).collect()
    }

    /// Refuses with `forbidden` when a till session works on another register.
    pub fn require_register(&self, register_id: Uuid) -> Result<(), AppError> {
        match self.scope.register() {
            Some(own) if own != register_id => Err(AppError::Forbidden),
            _ => Ok(()),
        }
    }

    /// A live sale (or return) of this store, on the register a till session is for:
    /// another store's is not found, another register's is forbidden.
    pub fn check_cart(&self, store_id: Uuid, register_id: Uuid) -> Result<(), AppError> {
        if store_id != self.store_id {
            return Err(AppError::NotFound("open sale"));
        }
        self.require_register(register_id)
    }

    /// Reading a register's reports: a till session reads its own register's; anything else
    /// needs [`Permission::ReportsAllRegisters`].
    pub fn require_reports_of(&self, register_id: Uuid) -> Result<(), AppError> {
        self.require(Permission::Drawer)?;
        if self.scope.register() == Some(register_id) {
            return Ok(());
        }
        self.require(Permission::ReportsAllRegisters)
    }

    /// Where this caller's wrong approval PINs are counted: at the register of a till
    /// session, else at the client's address.
    pub(crate) fn place(&self) -> Place {
        match self.scope {
            SessionScope::Till { register_id } => Place::Register(register_id),
            SessionScope::Password => Place::Client(self.client),
        }
    }
}

/// Where a sign-in attempt comes from: failures are counted per account and place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A client address (password sign-in, approvals in a password session).
    Client(Option<IpAddr>),
    /// A register (PIN sign-in and approvals at a till).
    Register(Uuid),
}

impl Place {
    fn key(self) -> String {
        match self {
            Place::Client(Some(ip)) => format!("ip:{ip}"),
            Place::Client(None) => "ip:unknown".to_owned(),
            Place::Register(id) => format!("register:{id}"),
        }
    }
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

/// SHA-256 of a session or device token, as stored.
fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random token with a readable prefix (`cs_` sessions, `cd_` devices).
fn new_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

fn rfc3339(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn stored_role(text: &str) -> Result<Role, AppError> {
    Role::parse(text).map_err(|_| AppError::Internal(format!("stored role {text:?}")))
}
