//! A receipt as ESC/POS bytes for a thermal printer.

use super::codepage::CodePage;
use super::escpos::{Align, BarcodeStyle, CutMode, DrawerPin, EscPos, Hri, QrLevel};
use super::layout::rows;
use super::model::Receipt;
use super::text::{Fitted, fit};

/// What goes at the bottom of a printed receipt to scan it back (for a return).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptBarcode {
    /// A Code 128 barcode, read by every till scanner.
    Code128,
    /// A QR code, for phones and 2D scanners.
    Qr,
    /// No code; the receipt number is still printed.
    None,
}

/// How a register's receipt printer is set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EscPosOptions {
    /// Characters per line in the normal font: 48 or 42 on 80 mm paper, 32 on 58 mm.
    pub width_chars: usize,
    /// The character table to print in; PC858 has the euro sign.
    pub code_page: CodePage,
    /// Whether the printer has a cutter to cut the receipt off.
    pub cut: bool,
    /// Open the cash drawer wired to this pin (cash sales); `None` leaves it shut.
    pub drawer_pulse: Option<DrawerPin>,
    /// The code printed at the bottom.
    pub barcode: ReceiptBarcode,
}

impl Default for EscPosOptions {
    /// 48 characters, PC858, cut, no drawer, Code 128: an 80 mm Epson-compatible printer.
    fn default() -> EscPosOptions {
        EscPosOptions {
            width_chars: 48,
            code_page: CodePage::Pc858,
            cut: true,
            drawer_pulse: None,
            barcode: ReceiptBarcode::Code128,
        }
    }
}

/// Lines fed before cutting, so the end of the receipt clears the cutter.
const FEED_BEFORE_CUT: u8 = 6;

/// The receipt as printer bytes: reset, code page, drawer pulse if asked, the lines (total in
/// bold double size), the barcode or QR code of the receipt number, then feed and cut.
///
/// A barcode the printer cannot encode (non-ASCII data for Code 128) is printed as text.
pub fn render_escpos(receipt: &Receipt, options: &EscPosOptions) -> Vec<u8> {
    let page = options.code_page;
    let rows: Vec<_> = rows(receipt)
        .iter()
        .map(|row| row.map_text(&|text| page.fold(text)))
        .collect();
    let mut p = EscPos::new();
    p.init().code_page(page);
    if let Some(pin) = options.drawer_pulse {
        p.drawer_kick(pin, 0x32, 0x32);
    }
    let mut state = (Align::Left, false, false);
    for item in fit(&rows, options.width_chars, true) {
        match item {
            Fitted::Line(line) => {
                set_style(&mut p, &mut state, (line.align, line.bold, line.big));
                p.line(&line.text);
            }
            Fitted::Barcode(data) => {
                set_style(&mut p, &mut state, (Align::Center, false, false));
                print_code(&mut p, &data, options.barcode);
            }
        }
    }
    set_style(&mut p, &mut state, (Align::Left, false, false));
    p.feed(FEED_BEFORE_CUT);
    if options.cut {
        p.cut(CutMode::Full);
    }
    p.into_bytes()
}

/// Sends only the style commands that change something.
fn set_style(p: &mut EscPos, state: &mut (Align, bool, bool), wanted: (Align, bool, bool)) {
    let (align, bold, big) = wanted;
    if state.0 != align {
        p.align(align);
    }
    if state.1 != bold {
        p.bold(bold);
    }
    if state.2 != big {
        if big {
            p.size(2, 2);
        } else {
            p.size(1, 1);
        }
    }
    *state = wanted;
}

fn print_code(p: &mut EscPos, data: &str, kind: ReceiptBarcode) {
    let style = BarcodeStyle {
        height: 64,
        module_width: 2,
        hri: Hri::Below,
    };
    // Code 128 prints the number under the bars itself (HRI); a QR code does not, and data
    // that cannot be encoded is at least printed as text.
    let text_below = match kind {
        ReceiptBarcode::Code128 => p.barcode_code128(data, style).is_err(),
        ReceiptBarcode::Qr => {
            let _ = p.qr(data, 4, QrLevel::M);
            true
        }
        ReceiptBarcode::None => true,
    };
    if text_below {
        p.line(data);
    }
}
