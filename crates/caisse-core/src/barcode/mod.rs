//! Barcodes.
