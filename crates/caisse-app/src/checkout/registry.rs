//! Carts in memory, written behind to `open_sales`.
//!
//! Scans must not wait for the disk, and a cart is not a fiscal record: each change updates
//! the cart in memory and marks it dirty; a background task writes dirty carts in batches
//! (one transaction for all of them, without waiting for fsync — they become durable with the
//! next completion's fsync, milliseconds later). On start the live carts are loaded back, so
//! open and parked sales survive a restart; on shutdown the writer flushes what is left.
//! Completion and cancellation end the cart inside their own transaction.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use caisse_store::{Db, sales};
use tokio::sync::Notify;
use uuid::Uuid;

use super::cart::{Cart, CartStatus};
use super::display::{DisplayHub, Shown};
use super::view::SaleView;
use crate::AppError;

/// A cart shared between requests; the async mutex serialises changes to one cart.
pub type CartHandle = Arc<tokio::sync::Mutex<Cart>>;

/// Every live cart, the write-behind queue, and the customer displays. Every change to a
/// live cart ends here ([`insert`](Self::insert), [`changed`](Self::changed),
/// [`ended`](Self::ended)), with the cart's lock still held: that is where it is queued for
/// writing and shown on the register's display.
pub struct CartRegistry {
    carts: Mutex<HashMap<Uuid, CartHandle>>,
    dirty: Mutex<HashSet<Uuid>>,
    wake: Notify,
    displays: DisplayHub,
}

/// How a cart ended.
pub enum Ended<'a> {
    /// Completed: the stored answer, and the settlement's total and change.
    Completed {
        /// The completed sale as answered.
        answer: &'a serde_json::Value,
        /// Its total.
        total: caisse_core::money::Money,
        /// Change given in cash.
        change: caisse_core::money::Money,
    },
    /// Cancelled before payment.
    Cancelled,
}

impl CartRegistry {
    /// Loads the open and parked carts from the database.
    pub async fn load(db: &Db) -> Result<CartRegistry, AppError> {
        let mut carts = HashMap::new();
        for row in sales::live_carts(db).await? {
            let cart: Cart = serde_json::from_str(&row.state)
                .map_err(|e| AppError::Internal(format!("stored cart {}: {e}", row.id)))?;
            carts.insert(row.id, Arc::new(tokio::sync::Mutex::new(cart)));
        }
        Ok(CartRegistry {
            carts: Mutex::new(carts),
            dirty: Mutex::new(HashSet::new()),
            wake: Notify::new(),
            displays: DisplayHub::default(),
        })
    }

    /// The cart with this id, if it is live.
    pub fn get(&self, id: Uuid) -> Option<CartHandle> {
        self.carts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
            .cloned()
    }

    /// Adds a new cart (its view as just computed), shown on its register's display.
    pub fn insert(&self, cart: Cart, view: &SaleView) -> CartHandle {
        let (id, register_id) = (cart.id, cart.register_id);
        let handle = Arc::new(tokio::sync::Mutex::new(cart));
        // Like any change, the new cart is shown while its lock is held (a new lock is free),
        // so a display reading the carts meanwhile waits for it and no later change can be
        // shown before this one.
        let held = Arc::clone(&handle).try_lock_owned().ok();
        self.carts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, Arc::clone(&handle));
        self.touch(id);
        self.displays.publish(register_id, Shown::Sale(view));
        drop(held);
        handle
    }

    /// A live cart changed (`view` is its new view): queued for writing and shown on its
    /// register's display, a parked cart as idle. Call it while holding the cart's lock.
    pub fn changed(&self, cart: &Cart, view: &SaleView) {
        self.touch(cart.id);
        let shown = match cart.status {
            CartStatus::Open => Shown::Sale(view),
            CartStatus::Parked => Shown::Idle,
        };
        self.displays.publish(cart.register_id, shown);
    }

    /// A cart ended, its final state written by the ending transaction: forgotten, and its
    /// register's display shows the payment or goes idle. (A parked cart's display went idle
    /// when it was parked, and may show another sale since.) Call it while holding its lock.
    pub fn ended(&self, cart: &Cart, how: Ended<'_>) {
        self.remove(cart.id);
        if cart.status == CartStatus::Parked {
            return;
        }
        let shown = match how {
            Ended::Completed {
                answer,
                total,
                change,
            } => Shown::Paid {
                answer,
                total,
                change,
            },
            Ended::Cancelled => Shown::Idle,
        };
        self.displays.publish(cart.register_id, shown);
    }

    /// The customer displays.
    pub fn displays(&self) -> &DisplayHub {
        &self.displays
    }

    /// Forgets a cart that ended.
    fn remove(&self, id: Uuid) {
        self.carts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
        self.dirty
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
    }

    /// Marks a cart as changed: the writer will store it soon.
    fn touch(&self, id: Uuid) {
        self.dirty
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id);
        self.wake.notify_one();
    }

    /// The store's live carts (open and parked), for listing.
    pub fn handles(&self) -> Vec<CartHandle> {
        self.carts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .cloned()
            .collect()
    }

    /// Writes every dirty cart now.
    pub async fn flush(&self, db: &Db) -> Result<(), AppError> {
        let mut ids: Vec<Uuid> = {
            let mut d = self.dirty.lock().unwrap_or_else(|p| p.into_inner());
            d.drain().collect()
        };
        // Rows are written (and locked) in id order, as everywhere.
        ids.sort_unstable();
        if ids.is_empty() {
            return Ok(());
        }
        let result = self.write(db, &ids).await;
        if result.is_err() {
            // Keep them queued: nothing is dropped because a write failed.
            let mut d = self.dirty.lock().unwrap_or_else(|p| p.into_inner());
            d.extend(ids);
        }
        result
    }

    async fn write(&self, db: &Db, ids: &[Uuid]) -> Result<(), AppError> {
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(handle) = self.get(*id) else {
                continue;
            };
            let cart = handle.lock().await;
            rows.push(row_of(&cart)?);
        }
        let mut tx = db.begin().await?;
        sales::upsert_carts(&mut tx, &rows).await?;
        tx.commit_unsynced().await?;
        Ok(())
    }

    /// Runs the write-behind loop until the process ends.
    pub fn spawn_writer(self: &Arc<Self>, db: Db) {
        let me = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                me.wake.notified().await;
                // Let changes gather so one transaction writes them all, and stay out of the
                // way of completions (which share SQLite's single writer).
                tokio::time::sleep(Duration::from_millis(250)).await;
                if let Err(e) = me.flush(&db).await {
                    tracing::error!(error = %e, "writing open carts failed; will retry");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    me.wake.notify_one();
                }
            }
        });
    }
}

/// The stored form of a cart.
pub fn row_of(cart: &Cart) -> Result<sales::CartRow, AppError> {
    Ok(sales::CartRow {
        id: cart.id,
        store_id: cart.store_id,
        register_id: cart.register_id,
        status: match cart.status {
            CartStatus::Open => "open".into(),
            CartStatus::Parked => "parked".into(),
        },
        state: serde_json::to_string(cart).map_err(|e| AppError::Internal(e.to_string()))?,
        version: cart.version,
        created_at: cart.opened_at,
        updated_at: crate::now_us(),
    })
}
