//! HTTP handlers, one module per resource. Handlers parse, call one use case, serialise.

pub mod auth;
pub mod credit_notes;
pub mod devices;
pub mod display;
pub mod history;
pub mod products;
pub mod purchasing;
pub mod quick_keys;
pub mod receipts;
pub mod registers;
pub mod reports;
pub mod returns;
pub mod sales;
pub mod scan;
pub mod settings;
pub mod stock;
pub mod stock_counts;
pub mod stock_reports;
pub mod stock_transfers;
pub mod stores;
pub mod time_clock;
pub mod users;
