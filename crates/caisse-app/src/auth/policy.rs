//! What a new password or PIN must be. The demo shop keeps its documented easy ones; outside
//! it, a password is at least 10 characters and not easily guessed (zxcvbn's estimate, which
//! knows the common passwords, words and keyboard patterns), and a PIN is not trivial.
//! PINs are unique per store everywhere.

use caisse_core::staff::{Password, Pin};
use caisse_store::users;
use uuid::Uuid;

use super::verify_blocking;
use crate::{App, AppError};

/// The shortest password accepted outside the demo.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// zxcvbn's score (0-4) a password needs: 3 is "safely unguessable" (about 10^8 guesses
/// and more), which no common password or dictionary word reaches.
const MIN_SCORE: u8 = 3;

/// Checks a new password; `about` are the account's login and name (a password made of
/// them is easy to guess). Returns why it is refused.
pub(crate) fn check_password(app: &App, text: &str, about: &[&str]) -> Result<Password, String> {
    let password = Password::parse(text).map_err(|e| e.to_string())?;
    if app.auth.demo {
        return Ok(password);
    }
    if text.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!("must be at least {MIN_PASSWORD_CHARS} characters"));
    }
    let estimate = zxcvbn::zxcvbn(text, about);
    if u8::from(estimate.score()) < MIN_SCORE {
        return Err("is too easy to guess (a common password, a word or a pattern): use a longer passphrase".to_owned());
    }
    Ok(password)
}

/// Checks a new PIN for an account of the store (`except` is that account, whose own PIN
/// may be set again). Returns why it is refused.
pub(crate) async fn check_pin(
    app: &App,
    store_id: Uuid,
    text: &str,
    except: Option<Uuid>,
) -> Result<Pin, PinRefusal> {
    let pin = Pin::parse(text).map_err(|e| PinRefusal::Invalid(e.to_string()))?;
    if !app.auth.demo && pin.is_trivial() {
        return Err(PinRefusal::Invalid(
            "is too easy to guess (one digit repeated, a straight run like 1234, or a repeated group)"
                .to_owned(),
        ));
    }
    // Hashes are salted, so the only way to find a PIN already in use is to try it against
    // each of the store's PINs: a few Argon2 checks, only when a PIN is set.
    // Inactive accounts count too: one may be reactivated.
    for other in users::list(&app.db, store_id).await? {
        if Some(other.id) == except {
            continue;
        }
        if let Some(hash) = other.pin_hash
            && verify_blocking(hash, pin.expose().to_owned()).await
        {
            return Err(PinRefusal::Invalid(
                "is already used by someone in this store: choose another".to_owned(),
            ));
        }
    }
    Ok(pin)
}

/// Why a PIN was refused: the rule it breaks, or a failure reading the store's PINs.
pub(crate) enum PinRefusal {
    /// The rule it breaks.
    Invalid(String),
    /// The database failed.
    Failed(AppError),
}

impl From<caisse_store::StoreError> for PinRefusal {
    fn from(e: caisse_store::StoreError) -> Self {
        PinRefusal::Failed(e.into())
    }
}
