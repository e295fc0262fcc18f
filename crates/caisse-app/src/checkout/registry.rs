//! Live carts: stored before every answer, cached in memory, shown on the customer displays.
//!
//! The database owns carts. A cart change is stored before the request that made it is
//! answered, so an accepted scan survives a crash of the server: on PostgreSQL as a
//! transaction with a version check (a cart that another request or server changed meanwhile
//! is never overwritten: the write is refused and the cart read again), on SQLite in the
//! database's cart log (one server per file), which the writer folds into `open_sales`. This process keeps each live
//! cart in memory, behind an async lock that serialises the changes made here; when other
//! servers share the database (PostgreSQL), the stored version is checked when the lock is
//! taken and the cart read again if it moved.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use caisse_store::{Backend, Db, sales};
use uuid::Uuid;

use super::cart::{Cart, CartStatus, row_of};
use super::display::{DisplayHub, Shown};
use super::view::SaleView;
use super::writer::{CartWrite, DocWriter};
use crate::AppError;

/// A cart shared between requests; the async mutex serialises changes to one cart.
pub type CartHandle = Arc<tokio::sync::Mutex<Cart>>;

/// A live cart held for reading or changing.
pub type CartGuard = tokio::sync::OwnedMutexGuard<Cart>;

/// Every live cart this process knows, and the customer displays. Every change to a live cart
/// ends here ([`create`](Self::create), [`save`](Self::save), [`ended`](Self::ended)), with
/// the cart's lock held: that is where it is stored and shown on the register's display.
pub struct CartRegistry {
    carts: Mutex<HashMap<Uuid, CartHandle>>,
    displays: DisplayHub,
    db: Db,
    writer: Arc<DocWriter>,
    /// Other servers may change carts (PostgreSQL): check the stored version at each lock.
    shared: bool,
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

fn decode(row: &sales::CartRow) -> Result<Cart, AppError> {
    serde_json::from_str(&row.state)
        .map_err(|e| AppError::Internal(format!("stored cart {}: {e}", row.id)))
}

impl CartRegistry {
    /// Loads the open and parked carts from the database, after writing there what a stopped
    /// or killed server left in the cart log (SQLite).
    pub async fn load(db: &Db, writer: Arc<DocWriter>) -> Result<CartRegistry, AppError> {
        if let Some(log) = db.cart_log()
            && log.recover()?
        {
            writer.flush_carts(db).await?;
            log.release_if_idle();
        }
        let mut carts = HashMap::new();
        for row in sales::live_carts(db).await? {
            carts.insert(row.id, Arc::new(tokio::sync::Mutex::new(decode(&row)?)));
        }
        Ok(CartRegistry {
            carts: Mutex::new(carts),
            displays: DisplayHub::default(),
            db: db.clone(),
            writer,
            shared: db.backend() == Backend::Postgres,
        })
    }

    fn get(&self, id: Uuid) -> Option<CartHandle> {
        self.carts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
            .cloned()
    }

    /// Locks a live cart of the store. When other servers share the database the cart is
    /// checked against its stored version first (and read again if it moved, or forgotten if
    /// it ended); a cart this process has never seen is read from the database.
    pub async fn lock(&self, store_id: Uuid, id: Uuid) -> Result<CartGuard, AppError> {
        let handle = match self.get(id) {
            Some(h) => h,
            None if self.shared => {
                let row = sales::live_cart(&self.db, id)
                    .await?
                    .ok_or(AppError::NotFound("open sale"))?;
                let cart = decode(&row)?;
                let mut map = self.carts.lock().unwrap_or_else(|p| p.into_inner());
                Arc::clone(
                    map.entry(id)
                        .or_insert_with(|| Arc::new(tokio::sync::Mutex::new(cart))),
                )
            }
            None => return Err(AppError::NotFound("open sale")),
        };
        let mut guard = handle.lock_owned().await;
        if self.shared {
            self.refresh(&mut guard).await?;
        }
        if guard.store_id != store_id {
            return Err(AppError::NotFound("open sale"));
        }
        Ok(guard)
    }

    /// Brings a held cart up to its stored version (another server may have changed it); a
    /// cart that ended meanwhile is forgotten and `not_found`.
    pub async fn refresh(&self, guard: &mut CartGuard) -> Result<(), AppError> {
        let id = guard.id;
        match sales::cart_version(&self.db, id).await? {
            Some((v, true)) if v == guard.version => Ok(()),
            Some((_, true)) => match sales::live_cart(&self.db, id).await? {
                Some(row) => {
                    **guard = decode(&row)?;
                    Ok(())
                }
                None => self.gone(id),
            },
            _ => self.gone(id),
        }
    }

    fn gone(&self, id: Uuid) -> Result<(), AppError> {
        self.remove(id);
        Err(AppError::NotFound("open sale"))
    }

    /// Stores a new cart, then keeps it and shows it on its register's display.
    pub async fn create(&self, cart: Cart, view: &SaleView) -> Result<(), AppError> {
        let write = CartWrite {
            row: row_of(&cart)?,
            new: true,
            payments: Vec::new(),
        };
        self.writer.write_cart(&self.db, write).await?;
        let (id, register_id) = (cart.id, cart.register_id);
        let handle = Arc::new(tokio::sync::Mutex::new(cart));
        // Shown while its lock is held, like any change: a display reading the carts
        // meanwhile waits for it, and no later change is shown before this one.
        let held = Arc::clone(&handle).try_lock_owned().ok();
        self.carts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, Arc::clone(&handle));
        self.displays.publish(register_id, Shown::Sale(view));
        drop(held);
        Ok(())
    }

    /// Stores the next version of a held cart (with the tenders it recorded, durably), then
    /// keeps it and shows it (`view` is its view). When the stored cart is no longer the held
    /// version the change is refused with [`AppError::SaleChanged`] and the guard holds the
    /// cart as it is now (the caller shows it).
    pub async fn save(
        &self,
        guard: &mut CartGuard,
        next: Cart,
        view: &SaleView,
        payments: Vec<caisse_store::sales::PaymentRow>,
    ) -> Result<(), AppError> {
        if next.version != guard.version + 1 || next.id != guard.id {
            return Err(AppError::Internal("a cart change skipped a version".into()));
        }
        let write = CartWrite {
            row: row_of(&next)?,
            new: false,
            payments,
        };
        match self.writer.write_cart(&self.db, write).await {
            Ok(()) => {
                **guard = next;
                self.changed(guard, view);
                Ok(())
            }
            Err(AppError::SaleChanged(_)) => {
                self.refresh(guard).await?;
                Err(AppError::SaleChanged(None))
            }
            Err(e) => Err(e),
        }
    }

    /// Keeps the next version of a held cart that the caller stored in its own transaction
    /// (with a credit note's movement, say), and shows it.
    pub fn kept(&self, guard: &mut CartGuard, next: Cart, view: &SaleView) {
        **guard = next;
        self.changed(guard, view);
    }

    /// Shows a stored change on the register's display (a parked cart as idle).
    fn changed(&self, cart: &Cart, view: &SaleView) {
        let shown = match cart.status {
            CartStatus::Open => Shown::Sale(view),
            CartStatus::Parked => Shown::Idle,
        };
        self.displays.publish(cart.register_id, shown);
    }

    /// Shows a cart again as it is, after a change that did not touch it (settings that
    /// price it again). Call it while holding its lock.
    pub fn show(&self, cart: &Cart, view: &SaleView) {
        self.changed(cart, view);
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
    }

    /// The carts this process holds (open and parked), for what only this process shows
    /// (its customer displays) or guards (a settings change pricing them again).
    pub fn handles(&self) -> Vec<CartHandle> {
        self.carts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .cloned()
            .collect()
    }

    /// The store's live carts as stored (open and parked, oldest first): what every server
    /// sees, for lists and for checks across carts (a drawer closing, a return's limits).
    pub async fn stored(&self, store_id: Uuid) -> Result<Vec<Cart>, AppError> {
        self.writer.flush_carts(&self.db).await?;
        sales::live_carts_of_store(&self.db, store_id)
            .await?
            .iter()
            .map(decode)
            .collect()
    }
}
