//! Checkout: registers and drawers, carts, tenders, completion, the journal.

pub mod cart;
pub mod complete;
pub mod config;
pub mod documents;
pub mod journal;
pub mod payments;
pub mod registers;
pub mod registry;
pub mod sales;
pub mod terminal;
pub mod view;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use caisse_store::Db;
use uuid::Uuid;

use crate::AppError;

/// Checkout's in-memory state.
pub struct Checkout {
    /// Store configurations.
    pub config: config::ConfigCache,
    /// Live carts.
    pub carts: Arc<registry::CartRegistry>,
    /// The payment terminal.
    pub terminal: terminal::Terminal,
    in_flight: Mutex<HashSet<(Uuid, String)>>,
}

/// Holds an idempotency key as "in flight" until dropped.
pub struct KeyClaim<'a> {
    owner: &'a Checkout,
    key: (Uuid, String),
}

impl Drop for KeyClaim<'_> {
    fn drop(&mut self) {
        self.owner
            .in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.key);
    }
}

impl Checkout {
    /// Loads the live carts and starts writing them behind.
    pub async fn start(db: &Db, terminal: terminal::Terminal) -> Result<Checkout, AppError> {
        let carts = Arc::new(registry::CartRegistry::load(db).await?);
        carts.spawn_writer(db.clone());
        Ok(Checkout {
            config: config::ConfigCache::default(),
            carts,
            terminal,
            in_flight: Mutex::new(HashSet::new()),
        })
    }

    /// Marks a key as being processed; a second request with the key meanwhile gets 409.
    pub fn claim_key(&self, store_id: Uuid, key: &str) -> Result<KeyClaim<'_>, AppError> {
        let key = key.trim();
        if key.is_empty() || key.len() > 255 {
            return Err(AppError::IdempotencyKeyMissing);
        }
        let k = (store_id, key.to_owned());
        let mut set = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        if !set.insert(k.clone()) {
            return Err(AppError::IdempotencyInFlight);
        }
        Ok(KeyClaim {
            owner: self,
            key: k,
        })
    }

    /// The register's open drawer session, if any.
    pub async fn open_drawer(
        &self,
        db: &Db,
        register_id: Uuid,
    ) -> Result<Option<caisse_store::registers::SessionRow>, AppError> {
        Ok(caisse_store::registers::open_session(db, register_id).await?)
    }

    /// Drops what is cached about a register's drawer (after it opens or closes).
    pub fn forget_drawer(&self, _register_id: Uuid) {}
}
