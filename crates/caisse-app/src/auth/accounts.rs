//! Account management: create, list, edit, deactivate and reactivate, reset a password or a
//! PIN, unlock, end sessions, change one's own password. Owners manage everyone, managers
//! manage cashiers; nobody can remove the last active owner. Every change is recorded in
//! `account_events` (who did what to whom, when; never a secret) in its own transaction.

use caisse_core::staff::{Login, Permission, Role, SessionScope};
use caisse_store::account_events::{self, AccountEventRow};
use caisse_store::users::{self, UserRow};
use caisse_store::{Tx, sign_in};
use rand::RngCore;
use serde_json::{Value, json};
use uuid::Uuid;

pub use super::account_types::{
    AccountEvent, NewUser, OwnPasswordChange, PasswordReset, PinReset, UserPatch, UserView,
};
use super::lockout::Subject;
use super::policy::{PinRefusal, check_password, check_pin};
use super::{Principal, hash_blocking, rfc3339, stored_role};
use crate::ErrorCode;
use crate::{App, AppError, FieldError, now_us};

/// An event row for `account_events`.
pub(crate) fn event(
    store_id: Uuid,
    actor: Option<Uuid>,
    target: Uuid,
    action: &str,
    details: Value,
) -> AccountEventRow {
    AccountEventRow {
        id: Uuid::now_v7(),
        store_id,
        at: now_us(),
        actor_id: actor,
        target_id: target,
        action: action.to_owned(),
        details: details.to_string(),
    }
}

/// Refuses unless someone of role `actor` may manage this account.
pub(crate) fn managed(actor: Role, target: &UserRow) -> Result<(), AppError> {
    if actor.manages(stored_role(&target.role)?) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The account `id` as the actor may manage it (`None`: the shop's own machine).
async fn target_for(app: &App, actor: Option<&Principal>, id: Uuid) -> Result<UserRow, AppError> {
    let user = users::find(&app.db, id)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    if let Some(who) = actor {
        who.require(Permission::UsersManage)?;
        if who.store_id != user.store_id {
            return Err(AppError::NotFound("user"));
        }
        managed(who.role, &user)?;
    }
    Ok(user)
}

/// Refuses a change that would leave the store without an active owner. Runs in the
/// change's transaction (PostgreSQL locks the owners' rows until it ends).
async fn keep_an_owner(tx: &mut Tx, user: &UserRow) -> Result<(), AppError> {
    if user.role != "owner" || !user.active {
        return Ok(());
    }
    let owners = users::active_owners_for_update(tx, user.store_id).await?;
    if owners.iter().all(|id| *id == user.id) {
        return Err(AppError::state(
            ErrorCode::LastOwner,
            "this is the store's last active owner: make someone else owner first",
        ));
    }
    Ok(())
}

/// Ends an account change: records it (in the change's transaction), bumps the store's
/// version (other servers drop their cached sessions of the store) and commits.
async fn commit_change(mut tx: Tx, e: AccountEventRow) -> Result<(), AppError> {
    account_events::insert(&mut tx, &e).await?;
    caisse_store::stores::bump_version(&mut tx, e.store_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Creates an account in a store. Managers create cashiers; owners create anyone.
pub async fn create_user(
    app: &App,
    store_id: Uuid,
    actor: Option<&Principal>,
    new: NewUser,
) -> Result<UserView, AppError> {
    if let Some(actor) = actor {
        actor.require(Permission::UsersManage)?;
        if actor.store_id != store_id {
            return Err(AppError::Forbidden);
        }
    }
    let mut errors = Vec::new();
    let mut bad = |field: &str, reason: String| errors.push(FieldError::new(field, reason));
    let login = Login::parse(&new.login)
        .map_err(|e| bad("login", e.to_string()))
        .ok();
    let role = Role::parse(&new.role)
        .map_err(|e| bad("role", e.to_string()))
        .ok();
    let display_name = new
        .display_name
        .as_deref()
        .map(|d| caisse_core::text::bounded_text(d, 100))
        .transpose()
        .map_err(|e| bad("display_name", e.to_string()))
        .ok()
        .flatten();
    let about = [new.login.as_str(), display_name.as_deref().unwrap_or("")];
    let password = check_password(app, &new.password, &about)
        .map_err(|e| bad("password", e))
        .ok();
    let pin = match new.pin.as_deref() {
        None | Some("") => None,
        Some(p) => match check_pin(app, store_id, p, None).await {
            Ok(pin) => Some(pin),
            Err(PinRefusal::Invalid(reason)) => {
                bad("pin", reason);
                None
            }
            Err(PinRefusal::Failed(e)) => return Err(e),
        },
    };
    let (Some(login), Some(role), Some(password)) = (login, role, password) else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if let Some(actor) = actor
        && !actor.role.manages(role)
    {
        return Err(AppError::Forbidden);
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
    };
    let mut tx = app.db.begin().await?;
    users::insert(&mut tx, &row, now_us()).await?;
    let details = json!({ "login": row.login, "display_name": row.display_name, "role": row.role, "has_pin": row.pin_hash.is_some() });
    commit_change(
        tx,
        event(
            store_id,
            actor.map(|a| a.user_id),
            row.id,
            "created",
            details,
        ),
    )
    .await?;
    Ok(UserView::from(&row))
}

async fn with_lock_state(app: &App, rows: &[UserRow]) -> Result<Vec<UserView>, AppError> {
    let locked = sign_in::locked_subjects(&app.db, now_us()).await?;
    Ok(rows
        .iter()
        .map(|u| {
            let mut v = UserView::from(u);
            v.locked = Some(locked.contains(&Subject::User(u.id).key()));
            v
        })
        .collect())
}

/// Every account of the caller's store, with whether each is locked somewhere.
pub async fn list_users(app: &App, who: &Principal) -> Result<Vec<UserView>, AppError> {
    who.require(Permission::UsersManage)?;
    let rows = users::list(&app.db, who.store_id).await?;
    with_lock_state(app, &rows).await
}

/// One account of the caller's store.
pub async fn get_user(app: &App, who: &Principal, id: Uuid) -> Result<UserView, AppError> {
    who.require(Permission::UsersManage)?;
    let user = users::find(&app.db, id)
        .await?
        .filter(|u| u.store_id == who.store_id)
        .ok_or(AppError::NotFound("user"))?;
    Ok(with_lock_state(app, &[user]).await?.remove(0))
}

/// An account by login, for the `caisse user` command.
pub async fn find_user_by_login(app: &App, login: &str) -> Result<UserView, AppError> {
    let login = Login::parse(login).map_err(|e| AppError::field("login", e.to_string()))?;
    let user = users::find_by_login(&app.db, login.as_str())
        .await?
        .ok_or(AppError::NotFound("user"))?;
    Ok(with_lock_state(app, &[user]).await?.remove(0))
}

/// Changes an account's name or role. A new role must also be one the actor manages (a
/// manager cannot make a manager); the last active owner keeps the role.
pub async fn update_user(
    app: &App,
    actor: Option<&Principal>,
    id: Uuid,
    patch: UserPatch,
) -> Result<UserView, AppError> {
    let user = target_for(app, actor, id).await?;
    let mut errors = Vec::new();
    let display_name = match patch.display_name.as_deref() {
        None => user.display_name.clone(),
        Some(d) => caisse_core::text::bounded_text(d, 100).unwrap_or_else(|e| {
            errors.push(FieldError::new("display_name", e.to_string()));
            String::new()
        }),
    };
    let role = match patch.role.as_deref() {
        None => stored_role(&user.role)?,
        Some(r) => Role::parse(r).unwrap_or_else(|e| {
            errors.push(FieldError::new("role", e.to_string()));
            Role::Cashier
        }),
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if let Some(who) = actor
        && !who.role.manages(role)
    {
        return Err(AppError::Forbidden);
    }
    let mut changes = serde_json::Map::new();
    if display_name != user.display_name {
        changes.insert(
            "display_name".into(),
            json!({ "from": user.display_name, "to": display_name }),
        );
    }
    if role.as_str() != user.role {
        changes.insert(
            "role".into(),
            json!({ "from": user.role, "to": role.as_str() }),
        );
    }
    if changes.is_empty() {
        return get_one(app, id).await;
    }
    let mut tx = app.db.begin().await?;
    if role != Role::Owner {
        keep_an_owner(&mut tx, &user).await?;
    }
    users::update_account(&mut tx, id, &display_name, role.as_str(), user.active).await?;
    commit_change(
        tx,
        event(
            user.store_id,
            actor.map(|a| a.user_id),
            id,
            "edited",
            Value::Object(changes),
        ),
    )
    .await?;
    // A cached session carries the role: the next request reads the new one.
    app.sessions.forget_user(id);
    get_one(app, id).await
}

async fn get_one(app: &App, id: Uuid) -> Result<UserView, AppError> {
    let user = users::get(&app.db, id).await?;
    Ok(with_lock_state(app, &[user]).await?.remove(0))
}

/// Deactivates an account: it can no longer sign in, and every session of it ends at once.
/// The last active owner cannot be deactivated.
pub async fn deactivate_user(
    app: &App,
    actor: Option<&Principal>,
    id: Uuid,
) -> Result<UserView, AppError> {
    let user = target_for(app, actor, id).await?;
    let now = now_us();
    let mut tx = app.db.begin().await?;
    keep_an_owner(&mut tx, &user).await?;
    users::update_account(&mut tx, id, &user.display_name, &user.role, false).await?;
    let ended = users::revoke_user_sessions(&mut tx, id, now, None).await?;
    commit_change(
        tx,
        event(
            user.store_id,
            actor.map(|a| a.user_id),
            id,
            "deactivated",
            json!({ "sessions_ended": ended }),
        ),
    )
    .await?;
    app.sessions.forget_user(id);
    tracing::info!(user_id = %id, "account deactivated");
    get_one(app, id).await
}

/// Reactivates an account.
pub async fn activate_user(
    app: &App,
    actor: Option<&Principal>,
    id: Uuid,
) -> Result<UserView, AppError> {
    let user = target_for(app, actor, id).await?;
    if !user.active {
        let mut tx = app.db.begin().await?;
        users::update_account(&mut tx, id, &user.display_name, &user.role, true).await?;
        commit_change(
            tx,
            event(
                user.store_id,
                actor.map(|a| a.user_id),
                id,
                "activated",
                json!({}),
            ),
        )
        .await?;
    }
    get_one(app, id).await
}

/// Sets a new password for an account (it follows the rules); its sessions end.
pub async fn set_user_password(
    app: &App,
    actor: Option<&Principal>,
    id: Uuid,
    req: PasswordReset,
) -> Result<UserView, AppError> {
    let user = target_for(app, actor, id).await?;
    let password = check_password(app, &req.password, &[&user.login, &user.display_name])
        .map_err(|e| AppError::field("password", e))?;
    let hash = hash_blocking(password.expose().to_owned()).await?;
    let mut tx = app.db.begin().await?;
    users::set_password(&mut tx, id, &hash).await?;
    let ended = users::revoke_user_sessions(&mut tx, id, now_us(), None).await?;
    commit_change(
        tx,
        event(
            user.store_id,
            actor.map(|a| a.user_id),
            id,
            "password_reset",
            json!({ "sessions_ended": ended }),
        ),
    )
    .await?;
    app.sessions.forget_user(id);
    get_one(app, id).await
}

/// Sets (or with `null` removes) an account's PIN; it must follow the rules and be unique
/// in the store.
pub async fn set_user_pin(
    app: &App,
    actor: Option<&Principal>,
    id: Uuid,
    req: PinReset,
) -> Result<UserView, AppError> {
    let user = target_for(app, actor, id).await?;
    let hash = match req.pin.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => None,
        Some(p) => match check_pin(app, user.store_id, p, Some(id)).await {
            Ok(pin) => Some(hash_blocking(pin.expose().to_owned()).await?),
            Err(PinRefusal::Invalid(reason)) => return Err(AppError::field("pin", reason)),
            Err(PinRefusal::Failed(e)) => return Err(e),
        },
    };
    let action = if hash.is_some() {
        "pin_set"
    } else {
        "pin_removed"
    };
    let mut tx = app.db.begin().await?;
    users::set_pin(&mut tx, id, hash.as_deref()).await?;
    commit_change(
        tx,
        event(
            user.store_id,
            actor.map(|a| a.user_id),
            id,
            action,
            json!({}),
        ),
    )
    .await?;
    get_one(app, id).await
}

/// Ends every lock of an account, wherever it was locked.
pub async fn unlock_user(
    app: &App,
    actor: Option<&Principal>,
    id: Uuid,
) -> Result<UserView, AppError> {
    let user = target_for(app, actor, id).await?;
    let mut tx = app.db.begin().await?;
    let places = sign_in::clear_subject(&mut tx, &Subject::User(id).key()).await?;
    commit_change(
        tx,
        event(
            user.store_id,
            actor.map(|a| a.user_id),
            id,
            "unlocked",
            json!({ "places": places }),
        ),
    )
    .await?;
    get_one(app, id).await
}

/// Ends every session of an account at once (a lost device, a shift handed over).
pub async fn revoke_user_sessions(
    app: &App,
    actor: Option<&Principal>,
    id: Uuid,
) -> Result<UserView, AppError> {
    let user = target_for(app, actor, id).await?;
    let mut tx = app.db.begin().await?;
    let ended = users::revoke_user_sessions(&mut tx, id, now_us(), None).await?;
    commit_change(
        tx,
        event(
            user.store_id,
            actor.map(|a| a.user_id),
            id,
            "sessions_revoked",
            json!({ "sessions_ended": ended }),
        ),
    )
    .await?;
    app.sessions.forget_user(id);
    get_one(app, id).await
}

/// Changes the caller's own password (from a password session, giving the current one; a
/// wrong one counts towards the lock). The caller's other sessions end.
pub async fn change_own_password(
    app: &App,
    who: &Principal,
    req: OwnPasswordChange,
) -> Result<(), AppError> {
    if who.scope != SessionScope::Password {
        return Err(AppError::Forbidden);
    }
    let user = users::get(&app.db, who.user_id).await?;
    super::sessions::check_own_password(app, who, &user, &req.current_password).await?;
    let password = check_password(app, &req.new_password, &[&user.login, &user.display_name])
        .map_err(|e| AppError::field("new_password", e))?;
    let hash = hash_blocking(password.expose().to_owned()).await?;
    let mut tx = app.db.begin().await?;
    users::set_password(&mut tx, who.user_id, &hash).await?;
    let ended =
        users::revoke_user_sessions(&mut tx, who.user_id, now_us(), Some(who.session_id)).await?;
    commit_change(
        tx,
        event(
            user.store_id,
            Some(who.user_id),
            who.user_id,
            "password_changed",
            json!({ "sessions_ended": ended }),
        ),
    )
    .await?;
    app.sessions.forget_user(who.user_id);
    Ok(())
}

/// The latest recorded changes to an account (newest first, at most 200).
pub async fn user_events(
    app: &App,
    who: &Principal,
    id: Uuid,
) -> Result<Vec<AccountEvent>, AppError> {
    who.require(Permission::UsersManage)?;
    let rows = account_events::for_target(&app.db, who.store_id, id, 200).await?;
    Ok(rows
        .into_iter()
        .map(|e| AccountEvent {
            at: rfc3339(e.at),
            actor_id: e.actor_id,
            target_id: e.target_id,
            action: e.action,
            details: serde_json::from_str(&e.details).unwrap_or(Value::Null),
        })
        .collect())
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
