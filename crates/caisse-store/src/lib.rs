//! Persistence for Caisse: the [`Db`] handle over SQLite and PostgreSQL, migrations for each,
//! and one module per aggregate. SQL lives here, as `const` strings next to the function that
//! runs it; the same text runs on both backends (`$1` placeholders, `ON CONFLICT`, BIGINT sums).

mod constraint;
mod db;
mod durability;
mod error;

pub mod account_events;
pub mod cart_log;
pub mod catalog;
pub mod closures;
pub mod credit_notes;
pub mod devices;
pub mod idempotency;
pub mod journal;
pub mod outbox;
pub mod popularity;
pub mod purchase_orders;
pub mod purchasing;
pub mod quick_keys;
pub mod receipts;
pub mod receiving;
pub mod registers;
pub mod restock;
pub mod returns;
pub mod sales;
pub mod sales_history;
pub mod sign_in;
pub mod stock;
pub mod stock_counts;
pub mod stock_read;
pub mod stock_report;
pub mod stock_setup;
pub mod stock_transfers;
pub mod stores;
pub mod tax_rates;
pub mod tax_usage;
pub mod testing;
pub mod time_clock;
pub mod users;

pub use constraint::Constraint;
pub use db::{AdvisoryLock, Backend, Db, SqliteDb, SqliteTx, Tx};
pub use error::StoreError;

/// Runs `$body` with `$conn` bound to the backend's pool, the same query text on either.
#[macro_export]
macro_rules! on_pool {
    ($db:expr, $conn:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite(s) => {
                let $conn = &s.pool;
                $body
            }
            $crate::Db::Postgres($conn) => $body,
        }
    };
}

/// Runs `$body` with `$conn` bound to the transaction's connection, on either backend.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => {
                let $conn = &mut *t.tx;
                $body
            }
            $crate::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}
