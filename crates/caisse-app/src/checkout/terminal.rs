//! Card and wallet payments through a payment terminal.
//!
//! Caisse never sees a card: a semi-integrated terminal takes the amount and a reference,
//! handles the card, and answers with an approval code, the brand, the last four digits and
//! its own reference. Two terminals ship: the external terminal (a standalone device whose
//! answer the cashier confirms on screen) and a simulated one for demos and tests.

use std::time::Duration;

use caisse_core::money::Money;
use serde::Deserialize;
use utoipa::ToSchema;

/// What the terminal answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TerminalOutcome {
    /// Approved.
    Approved {
        /// Authorisation code.
        auth_code: String,
        /// Card brand (`VISA`, `MASTERCARD`, …).
        card_brand: Option<String>,
        /// Last four digits.
        card_last4: Option<String>,
        /// The terminal's reference for the transaction.
        terminal_ref: Option<String>,
    },
    /// Declined by the card issuer.
    Declined {
        /// Why, as the terminal says it.
        reason: String,
    },
    /// No answer in time; nothing was charged as far as Caisse knows.
    TimedOut,
}

/// What the cashier confirms for an external terminal (read off its screen or slip).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ExternalConfirmation {
    /// Authorisation code printed by the terminal.
    pub auth_code: Option<String>,
    /// Card brand.
    pub card_brand: Option<String>,
    /// Last four digits of the card (exactly 4 digits; never more).
    pub card_last4: Option<String>,
    /// The terminal's transaction reference.
    pub terminal_ref: Option<String>,
}

/// A payment terminal: charge an amount (positive) or refund one (negative).
pub trait PaymentTerminal: Send + Sync {
    /// Asks the terminal to charge or refund `amount` for `reference` (the sale id).
    fn charge(
        &self,
        amount: Money,
        reference: &str,
        confirmation: &ExternalConfirmation,
    ) -> impl std::future::Future<Output = TerminalOutcome> + Send;
}

/// Which terminal a store uses.
#[derive(Debug, Clone)]
pub enum Terminal {
    /// A standalone terminal; the cashier confirms the approval code from its screen.
    External,
    /// A simulator: approves, except for configured amounts it declines or lets time out.
    Simulated(SimulatedTerminal),
}

/// The simulated terminal's rules.
#[derive(Debug, Clone, Default)]
pub struct SimulatedTerminal {
    /// Amounts (minor units) that are declined.
    pub decline: Vec<i64>,
    /// Amounts (minor units) that time out.
    pub time_out: Vec<i64>,
    /// How long a timeout takes.
    pub timeout: Duration,
}

impl Terminal {
    /// `external` or `simulated`, as shown to the till.
    pub fn kind(&self) -> &'static str {
        match self {
            Terminal::External => "external",
            Terminal::Simulated(_) => "simulated",
        }
    }
}

impl SimulatedTerminal {
    /// The demo simulator: declines 6.66 and times out on 9.99 (in any currency's minor units).
    pub fn demo() -> SimulatedTerminal {
        SimulatedTerminal {
            decline: vec![666],
            time_out: vec![999],
            timeout: Duration::from_millis(200),
        }
    }
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl PaymentTerminal for Terminal {
    async fn charge(
        &self,
        amount: Money,
        reference: &str,
        confirmation: &ExternalConfirmation,
    ) -> TerminalOutcome {
        match self {
            Terminal::External => match clean(&confirmation.auth_code) {
                Some(auth_code) => TerminalOutcome::Approved {
                    auth_code,
                    card_brand: clean(&confirmation.card_brand),
                    card_last4: clean(&confirmation.card_last4),
                    terminal_ref: clean(&confirmation.terminal_ref),
                },
                None => TerminalOutcome::Declined {
                    reason: "no approval code was confirmed from the terminal".into(),
                },
            },
            Terminal::Simulated(sim) => {
                let minor = amount.minor().abs();
                if sim.time_out.contains(&minor) {
                    tokio::time::sleep(sim.timeout).await;
                    return TerminalOutcome::TimedOut;
                }
                if sim.decline.contains(&minor) {
                    return TerminalOutcome::Declined {
                        reason: "declined by the card issuer (simulated)".into(),
                    };
                }
                let digest =
                    caisse_core::journal::chain_hash(reference, &amount.minor().to_string());
                TerminalOutcome::Approved {
                    auth_code: digest[..6].to_ascii_uppercase(),
                    card_brand: Some("VISA".into()),
                    card_last4: Some("4242".into()),
                    terminal_ref: Some(format!("SIM-{}", &digest[6..18])),
                }
            }
        }
    }
}

/// Checks card details for storage: last four digits exactly, brand and codes short and
/// printable. A full card number can never get through.
pub fn check_card_details(
    last4: Option<&str>,
    brand: Option<&str>,
    auth: Option<&str>,
) -> Result<(), crate::AppError> {
    if let Some(l) = last4
        && !(l.len() == 4 && l.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(crate::AppError::field(
            "card_last4",
            "give exactly the last 4 digits of the card",
        ));
    }
    for (field, v) in [("card_brand", brand), ("auth_code", auth)] {
        if let Some(v) = v
            && (v.chars().count() > 32 || v.chars().any(char::is_control))
        {
            return Err(crate::AppError::field(
                field,
                "at most 32 printable characters",
            ));
        }
        // Whatever the field, a run of 13 or more digits could be a card number: refuse it.
        if let Some(v) = v
            && v.chars().filter(char::is_ascii_digit).count() >= 13
        {
            return Err(crate::AppError::field(
                field,
                "this looks like a card number, which is never stored",
            ));
        }
    }
    Ok(())
}
