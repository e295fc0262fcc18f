//! Caisse's pure domain: it computes, it never reads a clock, a database or the network.

pub mod barcode;
pub mod money;
