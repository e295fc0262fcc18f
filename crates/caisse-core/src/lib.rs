//! Caisse's pure domain: it computes, it never reads a clock, a database or the network.

pub mod barcode;
pub mod catalog;
pub mod closure;
pub mod inventory;
pub mod inventory_report;
pub mod journal;
pub mod money;
pub mod promotions;
pub mod purchasing;
pub mod quick_keys;
pub mod receipt;
pub mod restock;
pub mod sale;
pub mod search;
pub mod staff;
pub mod stock_count;
pub mod tax;
pub mod tender;
pub mod text;
pub mod timesheet;
