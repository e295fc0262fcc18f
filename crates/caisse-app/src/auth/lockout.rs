//! Counting wrong passwords and PINs per (account, place): the lock it leads to, and the
//! answer, which is the same whether the account exists or not.

use caisse_store::sign_in;
use uuid::Uuid;

use super::{Place, rfc3339};
use crate::{App, AppError, now_us};

/// Whose failures are counted: an account, or a login that names no account (counted the
/// same way, so the answers never tell the two apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Subject {
    /// An account (by id).
    User(Uuid),
    /// A login that matches no account.
    UnknownLogin(String),
}

impl Subject {
    pub(crate) fn key(&self) -> String {
        match self {
            Subject::User(id) => format!("user:{id}"),
            Subject::UnknownLogin(login) => {
                format!("login:{}", login.chars().take(64).collect::<String>())
            }
        }
    }
}

/// Refuses with `account_locked` while the subject is locked at this place.
pub(crate) async fn check(app: &App, subject: &Subject, place: Place) -> Result<(), AppError> {
    let now = now_us();
    if let Some(row) = sign_in::get(&app.db, &subject.key(), &place.key()).await?
        && let Some(until) = row.locked_until
        && until > now
    {
        return Err(AppError::AccountLocked {
            until: rfc3339(until),
        });
    }
    Ok(())
}

/// Counts a failure and returns the answer to give: `invalid_credentials` with the tries
/// left, or `account_locked` once they are spent.
pub(crate) async fn failed(app: &App, subject: &Subject, place: Place) -> AppError {
    let now = now_us();
    let policy = app.auth.lockout;
    let recorded = sign_in::record(
        &app.db,
        &subject.key(),
        &place.key(),
        now,
        now - policy.forget_after_us,
        |n| policy.lock_for(n),
    )
    .await;
    match recorded {
        Err(e) => e.into(),
        Ok(row) => {
            tracing::warn!(place = %place.key(), failures = row.failures, "failed sign-in");
            match row.locked_until {
                Some(until) => AppError::AccountLocked {
                    until: rfc3339(until),
                },
                None => AppError::InvalidCredentials {
                    tries_left: policy.tries_left(row.failures),
                },
            }
        }
    }
}

/// Forgets the subject's failures at this place after a success.
pub(crate) async fn succeeded(app: &App, subject: &Subject, place: Place) -> Result<(), AppError> {
    // Most sign-ins follow no failure: read before writing, so they cost no write.
    if sign_in::get(&app.db, &subject.key(), &place.key())
        .await?
        .is_some()
    {
        sign_in::clear(&app.db, &subject.key(), &place.key()).await?;
    }
    Ok(())
}
