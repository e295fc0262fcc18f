//! Checkout: registers and drawers, carts, tenders, completion, the journal.

pub mod cart;
pub mod closures;
pub mod complete;
pub mod config;
pub mod credit;
pub mod display;
pub mod document;
pub mod documents;
pub mod drawer;
pub mod history;
pub mod journal;
pub mod keys;
pub mod payments;
pub mod receipts;
pub mod refunds;
pub mod registers;
pub mod registry;
pub mod reports;
pub mod returns;
pub mod sales;
pub mod settings;
pub mod tender;
pub mod terminal;
pub mod view;
pub mod voids;
pub mod writer;

use std::collections::{HashMap, HashSet};
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
    /// Where completed documents and cart changes are written.
    pub writer: Arc<writer::DocWriter>,
    /// This server among those sharing the database (its claims on idempotency keys).
    pub instance: Uuid,
    in_flight: Mutex<HashSet<(Uuid, String)>>,
    /// Registers by id (their code and settings change rarely).
    registers: Mutex<HashMap<Uuid, caisse_store::registers::RegisterRow>>,
    /// Whether each register's drawer is open (the open session), as last read or changed
    /// here. Completion re-reads the session inside its transaction, so a stale entry can
    /// only delay an error, never record a sale in a closed drawer.
    drawers: Mutex<HashMap<Uuid, Option<caisse_store::registers::SessionRow>>>,
}

/// Holds an idempotency key as "in flight" until released (or dropped).
pub struct KeyClaim<'a> {
    owner: &'a Checkout,
    key: (Uuid, String),
    /// The claim's row (servers sharing the database).
    row: Option<Db>,
}

impl KeyClaim<'_> {
    /// Ends the claim now (the request is answered).
    pub async fn release(mut self) {
        if let Some(db) = self.row.take() {
            let (store, key) = &self.key;
            let owner = self.owner.instance;
            if let Err(e) = caisse_store::idempotency::release(&db, *store, key, owner).await {
                tracing::warn!(error = %e, "releasing an idempotency claim failed; it expires");
            }
        }
    }
}

impl Drop for KeyClaim<'_> {
    fn drop(&mut self) {
        self.owner
            .in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.key);
        // Not released (a request given up half-way): release it in the background; if that
        // fails too, the claim is free once this server is dead, or when it releases it.
        if let Some(db) = self.row.take() {
            let (store, key) = self.key.clone();
            let owner = self.owner.instance;
            tokio::spawn(async move {
                let _ = caisse_store::idempotency::release(&db, store, &key, owner).await;
            });
        }
    }
}

impl Checkout {
    /// Starts the writer and loads the live carts.
    pub async fn start(db: &Db, terminal: terminal::Terminal) -> Result<Checkout, AppError> {
        let writer = Arc::new(writer::DocWriter::start(db));
        let carts = Arc::new(registry::CartRegistry::load(db, Arc::clone(&writer)).await?);
        Ok(Checkout {
            config: config::ConfigCache::default(),
            carts,
            terminal,
            writer,
            instance: Uuid::now_v7(),
            in_flight: Mutex::new(HashSet::new()),
            registers: Mutex::new(HashMap::new()),
            drawers: Mutex::new(HashMap::new()),
        })
    }

    /// Marks a key as being processed; a second request with the key meanwhile gets 409, on
    /// this server and (PostgreSQL) on any other sharing the database: there the claim is a
    /// row, inserted and committed before the work starts.
    pub async fn claim_key(
        &self,
        db: &Db,
        store_id: Uuid,
        key: &str,
    ) -> Result<KeyClaim<'_>, AppError> {
        let key = key.trim();
        if key.is_empty() || key.len() > 255 {
            return Err(AppError::IdempotencyKeyMissing);
        }
        let k = (store_id, key.to_owned());
        {
            let mut set = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
            if !set.insert(k.clone()) {
                return Err(AppError::IdempotencyInFlight);
            }
        }
        let mut claim = KeyClaim {
            owner: self,
            key: k,
            row: None,
        };
        if db.backend() == caisse_store::Backend::Postgres {
            let now = crate::now_us();
            let alive = crate::shared::alive_since(now);
            if !caisse_store::idempotency::claim(db, store_id, key, self.instance, now, alive)
                .await?
            {
                return Err(AppError::IdempotencyInFlight);
            }
            claim.row = Some(db.clone());
        }
        Ok(claim)
    }

    /// The register's open drawer session, if any. Servers sharing the database (PostgreSQL)
    /// read it every time: a drawer closed on another server refuses the next sale here.
    pub async fn open_drawer(
        &self,
        db: &Db,
        register_id: Uuid,
    ) -> Result<Option<caisse_store::registers::SessionRow>, AppError> {
        if db.backend() == caisse_store::Backend::Postgres {
            return Ok(caisse_store::registers::open_session(db, register_id).await?);
        }
        if let Some(s) = self
            .drawers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&register_id)
        {
            return Ok(s.clone());
        }
        let s = caisse_store::registers::open_session(db, register_id).await?;
        self.drawers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(register_id, s.clone());
        Ok(s)
    }

    /// Drops what is cached about a register's drawer (after it opens or closes).
    pub fn forget_drawer(&self, register_id: Uuid) {
        self.drawers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&register_id);
    }

    /// A register of the store.
    pub async fn register(
        &self,
        db: &Db,
        store_id: Uuid,
        register_id: Uuid,
    ) -> Result<caisse_store::registers::RegisterRow, AppError> {
        let cached = self
            .registers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&register_id)
            .cloned();
        let r = match cached {
            Some(r) => r,
            None => {
                let r = caisse_store::registers::get_register(db, store_id, register_id)
                    .await?
                    .ok_or(AppError::NotFound("register"))?;
                self.registers
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(register_id, r.clone());
                r
            }
        };
        if r.store_id != store_id {
            return Err(AppError::NotFound("register"));
        }
        Ok(r)
    }

    /// Drops every cached register and drawer (another server changed the store's registers).
    pub fn forget_registers(&self) {
        self.registers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        self.drawers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// Drops a register's cached settings (after they change).
    pub fn forget_register(&self, register_id: Uuid) {
        self.registers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&register_id);
    }
}
