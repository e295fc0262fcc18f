//! Completed documents: a completed or cancelled sale or return as one typed
//! [`SaleDocument`], made from the cart when it completes ([`Numbering`]) and read back by
//! the one loader ([`load`]). Everything else is derived from it: its stored rows
//! ([`SaleDocument::into_rows`]), its journal event, its outbox event, the stock it moves and
//! the credit notes it issues, its receipt, and its API view (the same `SaleView` a live
//! sale is shown with). `write.rs` is the pipeline that writes it.

mod build;
mod effects;
mod events;
mod load;
mod model;
mod receipt;
mod receipt_tenders;
mod rows;
mod view;
pub mod write;

pub use build::Numbering;
pub use load::load;
pub use model::{
    DocumentDiscount, DocumentHeader, DocumentLine, DocumentPayment, DocumentStatus, DocumentTax,
    SaleDocument,
};
pub use receipt::{ReceiptContext, receipt_head};
pub use rows::DocumentRows;

#[cfg(test)]
mod tests;
