//! Caisse's use cases: catalog, accounts, import/export and the demo shop. This layer owns
//! transactions and the in-memory catalog index; the server and the CLI both call it.

pub mod auth;
pub mod catalog;
pub mod demo;
pub mod demo_data;
mod error;
pub mod export;
pub mod import;
pub mod store_settings;

use std::sync::Arc;

use caisse_store::Db;

pub use error::{AppError, FieldError, RowError};

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
}

impl App {
    /// Builds the application over a migrated database and loads the catalog index.
    pub async fn start(db: Db) -> Result<App, AppError> {
        let cache = catalog::CatalogCache::load(&db).await?;
        Ok(App {
            db,
            catalog: Arc::new(cache),
            auth: Arc::new(auth::AuthSettings::default()),
        })
    }
}
