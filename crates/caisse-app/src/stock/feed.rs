//! Live stock: every server bumps a per-store counter after it commits movements, and each
//! open `GET /stock/events` stream wakes on it, or once a second, and reads the levels changed
//! since its last read. The tick is what carries changes made by another server sharing the
//! PostgreSQL database (they bump only their own counter); re-reading by time, with an overlap,
//! is what makes a missed wake-up harmless.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use caisse_core::staff::Permission;
use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, watch};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{instant, qty};
use crate::auth::Principal;
use crate::{App, AppError, now_us};

/// The per-store counters of committed stock changes on this server.
pub struct StockFeed {
    stores: Mutex<HashMap<Uuid, watch::Sender<u64>>>,
    closing: watch::Sender<bool>,
}

impl Default for StockFeed {
    fn default() -> Self {
        StockFeed {
            stores: Mutex::new(HashMap::new()),
            closing: watch::channel(false).0,
        }
    }
}

impl StockFeed {
    /// Ends every open stream (the server is shutting down: they never end by themselves).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Says that the store's stock moved (call after the commit). With nobody watching the
    /// store it is one map lookup.
    pub fn moved(&self, store_id: Uuid) {
        let stores = self.stores.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tx) = stores.get(&store_id) {
            tx.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// A receiver that changes whenever the store's stock moved on this server.
    pub fn subscribe(&self, store_id: Uuid) -> watch::Receiver<u64> {
        let mut stores = self.stores.lock().unwrap_or_else(|p| p.into_inner());
        stores
            .entry(store_id)
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }
}

/// How far back each read looks before the previous one began, µs: a movement's time is taken
/// before its transaction commits, so a level can show up a little "in the past".
pub const OVERLAP_US: i64 = 5_000_000;

/// The most level changes read at once (a bigger burst is sent over the next reads).
const BATCH: i64 = 2_000;

/// A level that changed, as the stock events stream sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LevelEvent {
    /// The location.
    pub location_id: Uuid,
    /// The product or variant.
    pub item_id: Uuid,
    /// On hand there now.
    pub on_hand: String,
    /// Below zero.
    pub negative: bool,
    /// Its last movement.
    pub updated_at: String,
}

/// The store's level changes from now on, read each time this server commits a movement of
/// the store and at least every `tick` (movements committed by other servers). The stream ends
/// when the receiver is dropped or the server shuts down.
pub async fn level_changes(
    app: &App,
    who: &Principal,
    tick: Duration,
) -> Result<mpsc::Receiver<LevelEvent>, AppError> {
    who.require(Permission::StockRead)?;
    let (tx, rx) = mpsc::channel(256);
    let mut wake = app.stock.subscribe(who.store_id);
    let mut closing = app.stock.closing.subscribe();
    let (db, store_id) = (app.db.clone(), who.store_id);
    tokio::spawn(async move {
        let mut since = now_us();
        let mut catching_up = false;
        // What was last sent per (location, item), so the overlap re-reads send nothing twice.
        let mut sent: HashMap<(Uuid, Uuid), (i64, i64)> = HashMap::new();
        loop {
            if *closing.borrow() || tx.is_closed() {
                break;
            }
            tokio::select! {
                () = std::future::ready(()), if catching_up => {}
                _ = wake.changed() => {}
                _ = tokio::time::sleep(tick) => {}
                _ = closing.changed() => break,
                () = tx.closed() => break,
            }
            let started = now_us();
            let from = if catching_up {
                since
            } else {
                since.saturating_sub(OVERLAP_US)
            };
            let rows =
                match caisse_store::stock_read::changed_since(&db, store_id, from, BATCH).await {
                    Ok(rows) => rows,
                    Err(e) => {
                        tracing::warn!(error = %e, "reading stock changes failed; trying again");
                        continue;
                    }
                };
            let full = rows.len() >= usize::try_from(BATCH).unwrap_or(usize::MAX);
            let mut last = since;
            for (location_id, item_id, on_hand, updated_at) in rows {
                last = last.max(updated_at);
                if sent.get(&(location_id, item_id)) == Some(&(on_hand, updated_at)) {
                    continue;
                }
                sent.insert((location_id, item_id), (on_hand, updated_at));
                let event = LevelEvent {
                    location_id,
                    item_id,
                    on_hand: qty(on_hand),
                    negative: on_hand < 0,
                    updated_at: instant(updated_at),
                };
                if tx.send(event).await.is_err() {
                    return;
                }
            }
            // A full batch continues at once from its last change; otherwise the next read
            // starts from this one's start (less the overlap).
            catching_up = full;
            since = if full { last } else { started };
            let horizon = since.saturating_sub(2 * OVERLAP_US);
            sent.retain(|_, (_, at)| *at >= horizon);
        }
    });
    Ok(rx)
}
