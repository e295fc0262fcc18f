//! `caisse user …`: account management from the shop's own machine. It acts as the shop
//! itself (no one signed in), so it may manage every account; the last active owner is
//! still kept, and every change is recorded with no actor.

use caisse_app::ErrorCode;
use caisse_app::auth::{self, NewUser, PasswordReset, PinReset, UserPatch, UserView};
use caisse_app::{App, AppError};
use caisse_store::stores;

use crate::UserAction;

async fn id_of(app: &App, login: &str) -> Result<uuid::Uuid, AppError> {
    Ok(auth::find_user_by_login(app, login).await?.id)
}

fn done(what: &str, u: &UserView) {
    println!(
        "{what} {} ({}, {})",
        u.login,
        u.role.as_str(),
        if u.active { "active" } else { "inactive" }
    );
}

/// Runs one `caisse user` subcommand.
pub async fn run(app: &App, action: UserAction) -> Result<(), AppError> {
    match action {
        UserAction::Add {
            login,
            role,
            password,
            pin,
            display_name,
        } => {
            let store = stores::list(&app.db)
                .await?
                .into_iter()
                .next()
                .ok_or_else(|| {
                    AppError::state(
                        ErrorCode::NoStore,
                        "no store yet: run `caisse serve` or `caisse demo` first",
                    )
                })?;
            let new = NewUser {
                login,
                display_name,
                role,
                password,
                pin,
            };
            done(
                "created",
                &auth::create_user(app, store.id, None, new).await?,
            );
        }
        UserAction::List => {
            for s in stores::list(&app.db).await? {
                for u in caisse_store::users::list(&app.db, s.id).await? {
                    let u = auth::find_user_by_login(app, &u.login).await?;
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        u.login,
                        u.role.as_str(),
                        u.display_name,
                        if u.active { "active" } else { "inactive" },
                        if u.has_pin { "pin" } else { "no-pin" },
                        if u.locked == Some(true) { "locked" } else { "" }
                    );
                }
            }
        }
        UserAction::Edit {
            login,
            display_name,
            role,
        } => {
            let id = id_of(app, &login).await?;
            let patch = UserPatch { display_name, role };
            done("changed", &auth::update_user(app, None, id, patch).await?);
        }
        UserAction::Role { login, role } => {
            let id = id_of(app, &login).await?;
            let patch = UserPatch {
                display_name: None,
                role: Some(role),
            };
            done("changed", &auth::update_user(app, None, id, patch).await?);
        }
        UserAction::Deactivate { login } => {
            let id = id_of(app, &login).await?;
            done("deactivated", &auth::deactivate_user(app, None, id).await?);
        }
        UserAction::Activate { login } => {
            let id = id_of(app, &login).await?;
            done("activated", &auth::activate_user(app, None, id).await?);
        }
        UserAction::Password { login, password } => {
            let id = id_of(app, &login).await?;
            done(
                "new password for",
                &auth::set_user_password(app, None, id, PasswordReset { password }).await?,
            );
        }
        UserAction::Pin { login, pin, remove } => {
            let id = id_of(app, &login).await?;
            let pin = if remove { None } else { pin };
            done(
                "new PIN for",
                &auth::set_user_pin(app, None, id, PinReset { pin }).await?,
            );
        }
        UserAction::Unlock { login } => {
            let id = id_of(app, &login).await?;
            done("unlocked", &auth::unlock_user(app, None, id).await?);
        }
    }
    Ok(())
}
