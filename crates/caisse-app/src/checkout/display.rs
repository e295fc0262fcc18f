//! The customer display's feed: what each register's customer should see now.
//!
//! Every change to a live cart goes through the cart registry (`registry.rs`), which hands it to [`DisplayHub::publish`] while it still holds the cart's lock, so a
//! register's states are published in the order its carts changed. Each register has one
//! `watch` channel, created when a display first subscribes: it holds only the latest state,
//! so a slow display skips to the newest one instead of building a backlog, and the till never
//! waits for it. With nobody watching a register, publishing is one map lookup.
//!
//! Every state carries a `seq` from one counter. A display that subscribes computes the
//! current state from the carts with a `seq` taken *before* it looks at them; a change
//! published meanwhile has a larger one and wins, so the state a display starts from is never
//! older than what the till did.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use caisse_core::money::Money;
use caisse_core::staff::Permission;
use serde::Serialize;
use serde_json::Value;
use tokio::sync::watch;
use utoipa::ToSchema;
use uuid::Uuid;

use super::cart::CartStatus;
use super::config::store_config;
use super::view::{SaleView, view_of};
use crate::ErrorCode;
use crate::auth::Principal;
use crate::catalog::view::MoneyJson;
use crate::{App, AppError};

/// What the customer display shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DisplayKind {
    /// Nothing being rung up: a welcome screen.
    Idle,
    /// A sale or a return being rung up.
    Sale,
    /// The sale just completed: its total and the change to give.
    Paid,
}

/// The sale shown: the live cart's view, or the completed sale as the API answered it.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum DisplaySale {
    /// A live cart (boxed: a view is large, a completed answer is a pointer).
    Live(Box<SaleView>),
    /// A completed sale (the answer of `POST /sales/{id}/complete`).
    Completed(Value),
}

/// One state of a register's display.
#[derive(Debug, Clone, Serialize)]
pub struct DisplayState {
    /// Idle, sale or paid.
    pub state: DisplayKind,
    /// The sale (a return too, with kind `return`), or none when idle.
    pub sale: Option<DisplaySale>,
    /// Change to give back in cash, once paid.
    pub change: Option<MoneyJson>,
    /// What the customer owes (sale) or paid (paid).
    pub total: Option<MoneyJson>,
    /// The receipt number (`T1-000042`), once paid.
    pub receipt_number: Option<String>,
    /// Grows with every state published, across all registers.
    pub seq: u64,
}

/// A change a register's customer should see.
pub enum Shown<'a> {
    /// A live cart of the register changed (or was opened or resumed on it).
    Sale(&'a SaleView),
    /// A sale completed: the stored answer, its total and the change given.
    Paid {
        /// The completed sale as answered to the till.
        answer: &'a Value,
        /// Its total.
        total: Money,
        /// Change given in cash.
        change: Money,
    },
    /// The register has nothing open any more (parked, cancelled).
    Idle,
}

fn money(m: Money) -> MoneyJson {
    MoneyJson::new(m.minor(), m.currency().code())
}

impl DisplayState {
    fn idle(seq: u64) -> DisplayState {
        DisplayState {
            state: DisplayKind::Idle,
            sale: None,
            change: None,
            total: None,
            receipt_number: None,
            seq,
        }
    }

    fn of(shown: &Shown<'_>, seq: u64) -> DisplayState {
        match shown {
            Shown::Sale(view) => DisplayState {
                state: DisplayKind::Sale,
                total: Some(view.total.clone()),
                sale: Some(DisplaySale::Live(Box::new((*view).clone()))),
                change: None,
                receipt_number: None,
                seq,
            },
            Shown::Paid {
                answer,
                total,
                change,
            } => DisplayState {
                state: DisplayKind::Paid,
                sale: Some(DisplaySale::Completed((*answer).clone())),
                change: Some(money(*change)),
                total: Some(money(*total)),
                receipt_number: answer["receipt_number"].as_str().map(str::to_owned),
                seq,
            },
            Shown::Idle => DisplayState::idle(seq),
        }
    }
}

/// Every register's display channel.
#[derive(Default)]
pub struct DisplayHub {
    feeds: Mutex<HashMap<Uuid, Arc<watch::Sender<Arc<DisplayState>>>>>,
    seq: AtomicU64,
    closed: AtomicBool,
}

impl DisplayHub {
    fn next_seq(&self) -> u64 {
        self.seq.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn sender(&self, register_id: Uuid) -> Option<Arc<watch::Sender<Arc<DisplayState>>>> {
        self.feeds
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&register_id)
            .cloned()
    }

    /// Shows a change on the register's display, if one is watching. Call it while holding
    /// the cart's lock, so two changes to one cart are published in the order they happened.
    pub fn publish(&self, register_id: Uuid, shown: Shown<'_>) {
        let Some(tx) = self.sender(register_id) else {
            return;
        };
        if tx.receiver_count() == 0 {
            return;
        }
        let seq = self.next_seq();
        let state = Arc::new(DisplayState::of(&shown, seq));
        offer(&tx, state);
    }

    /// Ends every display's stream (the server is shutting down) and refuses new ones.
    pub fn close(&self) {
        let mut feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
        self.closed.store(true, Ordering::Relaxed);
        feeds.clear();
    }
}

/// Replaces the channel's state unless it already holds a newer one.
fn offer(tx: &watch::Sender<Arc<DisplayState>>, state: Arc<DisplayState>) {
    tx.send_if_modified(|current| {
        if current.seq < state.seq {
            *current = state;
            true
        } else {
            false
        }
    });
}

/// The register a display belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DisplayRegister {
    /// Register id.
    pub id: Uuid,
    /// Short code (`T1`).
    pub code: String,
    /// Name (`Caisse 1`).
    pub name: String,
}

/// A display's subscription: its register, and the latest state, changing as the till works.
pub struct DisplayFeed {
    /// The register.
    pub register: DisplayRegister,
    /// The latest state; `changed()` fails once the server shuts down.
    pub states: watch::Receiver<Arc<DisplayState>>,
}

/// One event of the feed as sent to the display.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisplayEvent<'a> {
    /// `idle`, `sale` or `paid`.
    pub state: DisplayKind,
    /// The register.
    #[schema(value_type = DisplayRegister)]
    pub register: &'a DisplayRegister,
    /// The sale as the sales endpoints return it, or null when idle.
    #[schema(value_type = Option<SaleView>)]
    pub sale: Option<&'a DisplaySale>,
    /// Change to give back in cash (paid only).
    #[schema(value_type = Option<MoneyJson>)]
    pub change: Option<&'a MoneyJson>,
    /// What the customer owes (sale) or paid (paid).
    #[schema(value_type = Option<MoneyJson>)]
    pub total: Option<&'a MoneyJson>,
    /// Receipt number (`T1-000042`), paid only.
    #[schema(value_type = Option<String>)]
    pub receipt_number: Option<&'a str>,
    /// Grows with every event; a display may skip some (it always gets the latest).
    pub seq: u64,
}

impl DisplayState {
    /// This state as the event a display of `register` receives.
    pub fn event<'a>(&'a self, register: &'a DisplayRegister) -> DisplayEvent<'a> {
        DisplayEvent {
            state: self.state,
            register,
            sale: self.sale.as_ref(),
            change: self.change.as_ref(),
            total: self.total.as_ref(),
            receipt_number: self.receipt_number.as_deref(),
            seq: self.seq,
        }
    }
}

/// Subscribes to a register's display feed (anyone signed in in its store). The feed starts
/// with the register's current state: its open cart, or idle.
pub async fn subscribe(
    app: &App,
    who: &Principal,
    register_id: Uuid,
) -> Result<DisplayFeed, AppError> {
    who.require(Permission::Sell)?;
    who.require_register(register_id)?;
    let reg = app
        .checkout
        .register(&app.db, who.store_id, register_id)
        .await?;
    let hub = app.checkout.carts.displays();
    let tx = {
        let mut feeds = hub.feeds.lock().unwrap_or_else(|p| p.into_inner());
        if hub.closed.load(Ordering::Relaxed) {
            return Err(AppError::state(
                ErrorCode::ShuttingDown,
                "the server is shutting down",
            ));
        }
        let tx = feeds
            .entry(register_id)
            .or_insert_with(|| Arc::new(watch::Sender::new(Arc::new(DisplayState::idle(0)))));
        Arc::clone(tx)
    };
    let states = tx.subscribe();
    // Taken before the carts are read: a change published while we read them is newer.
    let seq = hub.next_seq();
    let cfg = store_config(app, who.store_id).await?;
    let mut current: Option<(i64, SaleView)> = None;
    for handle in app.checkout.carts.handles() {
        let cart = handle.lock().await;
        if cart.store_id != who.store_id
            || cart.register_id != register_id
            || cart.status != CartStatus::Open
            || current.as_ref().is_some_and(|(at, _)| *at > cart.opened_at)
        {
            continue;
        }
        current = Some((cart.opened_at, view_of(&cart, &cfg)?));
    }
    let state = match &current {
        Some((_, view)) => DisplayState::of(&Shown::Sale(view), seq),
        None => DisplayState::idle(seq),
    };
    offer(&tx, Arc::new(state));
    Ok(DisplayFeed {
        register: DisplayRegister {
            id: reg.id,
            code: reg.code,
            name: reg.name,
        },
        states,
    })
}
