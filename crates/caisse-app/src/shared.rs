//! Several `caisse serve` processes on one PostgreSQL database behave as one shop.
//!
//! Each server heartbeats, so the idempotency keys it claimed are free again a few seconds
//! after it dies. And each follows the per-store version row that every change to a store's
//! settings, catalog, registers, drawers or staff bumps (in the change's own transaction):
//! when a store's version moves, what this server caches of it — settings, registers and
//! drawers, sessions, the store and the products changed since — is read again. A price
//! changed on one server is in the other's lookups within a poll.
//!
//! SQLite is served by one process (the file is on its disk), so none of this runs there.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use caisse_store::{Backend, catalog as db_catalog, idempotency, stores};
use uuid::Uuid;

use crate::{App, AppError, now_us};

/// How often a server says it is alive.
pub const HEARTBEAT: Duration = Duration::from_secs(1);
/// A server silent for this long is dead (what it claimed is taken over), µs.
pub const DEAD_AFTER_US: i64 = 5_000_000;
/// How often the store versions are read.
pub const POLL: Duration = Duration::from_millis(200);
/// Products committed this long after the instant they were stamped with are still seen: a
/// change is read again from this far back (applying a product twice is harmless), µs.
const SLACK_US: i64 = 60_000_000;
/// Above this many changed products, the store's whole catalog is read again.
const FULL_RELOAD: usize = 1_000;

/// The instant before which a silent server counts as dead.
pub fn alive_since(now_us: i64) -> i64 {
    now_us - DEAD_AFTER_US
}

/// On PostgreSQL: says this server is alive, then keeps saying so and follows the store
/// versions in the background.
pub async fn start(app: &App) -> Result<(), AppError> {
    if app.db.backend() != Backend::Postgres {
        return Ok(());
    }
    idempotency::heartbeat(&app.db, app.checkout.instance, now_us()).await?;
    let versions: HashMap<Uuid, i64> = stores::versions(&app.db).await?.into_iter().collect();
    let app = app.clone();
    tokio::spawn(run(app, versions, now_us()));
    Ok(())
}

async fn run(app: App, mut known: HashMap<Uuid, i64>, started: i64) {
    let mut synced: HashMap<Uuid, i64> = known.keys().map(|s| (*s, started)).collect();
    let mut beat = Instant::now();
    loop {
        tokio::time::sleep(POLL).await;
        if beat.elapsed() >= HEARTBEAT {
            beat = Instant::now();
            let now = now_us();
            if let Err(e) = idempotency::heartbeat(&app.db, app.checkout.instance, now).await {
                tracing::warn!(error = %e, "heartbeat failed");
            }
            // Servers silent for a day are long gone.
            let _ = idempotency::forget_servers(&app.db, now - 86_400_000_000).await;
        }
        let read_at = now_us();
        let versions = match stores::versions(&app.db).await {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(error = %e, "reading the store versions failed");
                continue;
            }
        };
        for (store, version) in versions {
            if known.get(&store) == Some(&version) {
                continue;
            }
            let since = synced.get(&store).map_or(i64::MIN, |t| t - SLACK_US);
            match refresh(&app, store, since).await {
                Ok(()) => {
                    known.insert(store, version);
                    synced.insert(store, read_at);
                }
                Err(e) => tracing::warn!(error = %e, %store, "refreshing a store's caches failed"),
            }
        }
    }
}

/// Reads again what this server caches of a store another server changed.
async fn refresh(app: &App, store_id: Uuid, since: i64) -> Result<(), AppError> {
    app.checkout.config.invalidate(store_id);
    app.checkout.forget_registers();
    app.sessions.forget_store(store_id);
    let store = stores::get(&app.db, store_id).await?;
    if app.catalog.read(store_id, |_| ()).is_none() {
        app.catalog.add_store(store);
        return app.catalog.reload_store(&app.db, store_id).await;
    }
    app.catalog.set_store(store);
    let changed = db_catalog::changed_since(&app.db, store_id, since).await?;
    if changed.len() > FULL_RELOAD {
        return app.catalog.reload_store(&app.db, store_id).await;
    }
    if changed.is_empty() {
        return Ok(());
    }
    let categories = db_catalog::list_categories(&app.db, store_id).await?;
    let paths = caisse_core::catalog::category_paths(&categories);
    for id in changed {
        let Some(p) = db_catalog::get_product(&app.db, store_id, id).await? else {
            continue;
        };
        let category = p.category_id.and_then(|c| paths.get(&c));
        app.catalog
            .apply(store_id, &p, category.map(String::as_str));
    }
    tracing::debug!(%store_id, "caches refreshed after a change on another server");
    Ok(())
}
