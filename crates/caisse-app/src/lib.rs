//! Caisse's use cases: catalog, accounts, import/export and the demo shop. This layer owns
//! transactions and the in-memory catalog index; the server and the CLI both call it.

pub mod auth;
pub mod catalog;
pub mod checkout;
pub mod demo;
pub mod demo_data;
mod error;
mod error_code;
pub mod export;
pub mod import;
pub mod money_input;
pub mod paging;
pub mod purchasing;
pub mod quick_keys;
pub mod shared;
pub mod stock;
pub mod store_settings;
#[cfg(test)]
mod test_support;
pub mod time_clock;

use std::sync::Arc;

use caisse_store::Db;

pub use error::{AppError, FieldError, RowError};
pub use error_code::ErrorCode;

/// Microseconds since the Unix epoch, UTC: how Caisse stores instants.
pub fn now_us() -> i64 {
    jiff::Timestamp::now().as_microsecond()
}

/// The application: the database plus the in-memory state kept in step with it.
#[derive(Clone)]
pub struct App {
    /// The database handle.
    pub db: Db,
    /// Catalog index per store, patched on every catalog change.
    pub catalog: Arc<catalog::CatalogCache>,
    /// Sign-in rules.
    pub auth: Arc<auth::AuthSettings>,
    /// Sessions recently checked.
    pub sessions: Arc<auth::SessionCache>,
    /// Checkout state: carts, store configurations, the payment terminal.
    pub checkout: Arc<checkout::Checkout>,
    /// Live stock changes on this server (for the stock events stream).
    pub stock: Arc<stock::StockFeed>,
}

impl App {
    /// Builds the application over a migrated database and loads the catalog index.
    pub async fn start(db: Db) -> Result<App, AppError> {
        Self::start_with(
            db,
            checkout::terminal::Terminal::Simulated(checkout::terminal::SimulatedTerminal::demo()),
        )
        .await
    }

    /// Builds the application with a given payment terminal.
    pub async fn start_with(
        db: Db,
        terminal: checkout::terminal::Terminal,
    ) -> Result<App, AppError> {
        let cache = catalog::CatalogCache::load(&db).await?;
        let checkout = checkout::Checkout::start(&db, terminal).await?;
        let app = App {
            db,
            catalog: Arc::new(cache),
            auth: Arc::new(auth::AuthSettings::default()),
            sessions: Arc::new(auth::SessionCache::default()),
            checkout: Arc::new(checkout),
            stock: Arc::new(stock::StockFeed::default()),
        };
        shared::start(&app).await?;
        Ok(app)
    }

    /// The same application in demo mode (`serve --demo`): the demo shop's documented short
    /// passwords and easy PINs are accepted. Everything else is shared.
    pub fn in_demo_mode(&self) -> App {
        let mut auth = (*self.auth).clone();
        auth.demo = true;
        App {
            auth: Arc::new(auth),
            ..self.clone()
        }
    }
}
