//! Receipts: the [`Receipt`] model (plain data, every amount already computed) and its three
//! renderings — monospaced text ([`render_text`]), a printable HTML page ([`render_html`]) and
//! ESC/POS printer bytes ([`render_escpos`], built with the [`EscPos`] encoder).
//!
//! All renderers share one layout (`layout.rs`) so the three show the same rows in the same
//! order. Amounts are formatted per the receipt's locale; labels are English, French or German.
//! [`escpos_decode`] reads printer bytes back, for tests here and in other crates.

mod codepage;
mod codepage_tables;
mod escpos;
pub mod escpos_decode;
mod escpos_render;
mod html;
mod labels;
mod layout;
mod model;
mod svg;
mod text;

#[cfg(test)]
mod tests;

pub use codepage::CodePage;
pub use escpos::{
    Align, BarcodeForm, BarcodeStyle, CutMode, DrawerPin, EscPos, EscPosError, Hri, QrLevel,
};
pub use escpos_render::{EscPosOptions, ReceiptBarcode, render_escpos};
pub use html::{PaperSize, render_html};
pub use model::{
    Adjustment, CardDetails, CardLastFour, CreditNoteRef, InvalidLastFour, Receipt, ReceiptKind,
    ReceiptLine, StoreHeader, TaxSummary, TenderLine, WeightInfo,
};
pub use text::{MIN_WIDTH, render_text};
