//! Caisse's pure domain: it computes, it never reads a clock, a database or the network.

pub mod barcode;
pub mod catalog;
pub mod money;
pub mod search;
pub mod staff;
pub mod text;
