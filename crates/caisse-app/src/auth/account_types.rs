//! What account management takes and answers: accounts as shown, new accounts, changes,
//! resets and the record of changes.

use caisse_core::staff::Role;
use caisse_store::users::UserRow;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

/// A user as shown to clients (no hashes).
#[derive(Debug, Clone, Serialize, ToSchema)]
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
    /// Whether the account may sign in.
    pub active: bool,
    /// Locked somewhere after wrong passwords or PINs (shown in account lists only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locked: Option<bool>,
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
            active: u.active,
            locked: None,
        }
    }
}

/// A new account as requested.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewUser {
    /// Sign-in name.
    pub login: String,
    /// Name shown on screens; defaults to the login.
    pub display_name: Option<String>,
    /// `owner`, `manager` or `cashier`.
    pub role: String,
    /// Password: at least 10 characters and not easily guessed (the demo accepts its own).
    pub password: String,
    /// Optional 4-8 digit PIN, unique in the store and not trivial (`1234`, `0000`).
    pub pin: Option<String>,
}

/// A change to an account's name or role.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    /// Name shown on screens.
    pub display_name: Option<String>,
    /// `owner`, `manager` or `cashier`.
    pub role: Option<String>,
}

/// A new password set by a manager or owner.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    /// The new password.
    pub password: String,
}

/// A new PIN (or none, to remove it) set by a manager or owner.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PinReset {
    /// The new 4-8 digit PIN, or null to remove it.
    pub pin: Option<String>,
}

/// Changing one's own password.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnPasswordChange {
    /// The password now.
    pub current_password: String,
    /// The new one.
    pub new_password: String,
}

/// One recorded change to an account.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AccountEvent {
    /// When (RFC 3339).
    pub at: String,
    /// Who did it (none: the `caisse` command on the shop's machine).
    pub actor_id: Option<Uuid>,
    /// The account.
    pub target_id: Uuid,
    /// `created`, `edited`, `deactivated`, `activated`, `password_reset`, `password_changed`,
    /// `pin_set`, `pin_removed`, `unlocked`, `sessions_revoked`.
    pub action: String,
    /// What changed.
    #[schema(value_type = Object)]
    pub details: Value,
}

/// Accounts sort by name (accents and case aside), login or role (owners first).
impl crate::paging::Sortable for UserView {
    const KEYS: &'static [&'static str] = &["name", "login", "role"];
    const DEFAULT: &'static str = "name";
    fn compare(key: &str, a: &Self, b: &Self) -> std::cmp::Ordering {
        let rank = |r: Role| match r {
            Role::Owner => 0,
            Role::Manager => 1,
            Role::Cashier => 2,
        };
        let by_name = || {
            caisse_core::search::normalize(&a.display_name)
                .cmp(&caisse_core::search::normalize(&b.display_name))
        };
        match key {
            "login" => a.login.cmp(&b.login),
            "role" => rank(a.role).cmp(&rank(b.role)).then_with(by_name),
            _ => by_name().then_with(|| a.login.cmp(&b.login)),
        }
    }
}
