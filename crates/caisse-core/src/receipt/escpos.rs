//! A small ESC/POS command encoder (Epson-compatible thermal receipt printers).
//!
//! Written here rather than taken from the `escpos` crate: that crate sends bytes through a
//! printer driver object, emits barcode settings in another order than the reference golden
//! bytes (width before height), has no length-prefixed barcode form (needed for Code 128), and
//! brings several dependencies for what is a few dozen byte sequences.

use super::codepage::CodePage;

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const LF: u8 = 0x0A;

/// Where printed text, barcodes and QR codes sit across the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Against the left margin.
    Left,
    /// Centred.
    Center,
    /// Against the right margin.
    Right,
}

/// How the paper is cut at the end of a receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CutMode {
    /// Cut right through.
    Full,
    /// Leave a small tab so the receipt does not fall.
    Partial,
}

/// Which cash drawer connector to pulse (most drawers are on pin 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrawerPin {
    /// Connector pin 2 (the first drawer).
    Pin2,
    /// Connector pin 5 (the second drawer).
    Pin5,
}

/// Where the human-readable digits of a barcode are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hri {
    /// Not printed.
    None,
    /// Above the bars.
    Above,
    /// Below the bars.
    Below,
    /// Above and below.
    Both,
}

/// The look of a printed barcode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BarcodeStyle {
    /// Bar height in dots (1 to 255; 64 is about 8 mm).
    pub height: u8,
    /// Narrowest bar in dots (2 to 6).
    pub module_width: u8,
    /// Where the digits go.
    pub hri: Hri,
}

impl Default for BarcodeStyle {
    /// 64 dots high, 3-dot modules, digits below: the reference settings.
    fn default() -> BarcodeStyle {
        BarcodeStyle {
            height: 64,
            module_width: 3,
            hri: Hri::Below,
        }
    }
}

/// The two ways of sending barcode data (`GS k`): older printers only know the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BarcodeForm {
    /// `GS k m data NUL` (m from 0).
    NulTerminated,
    /// `GS k m n data` (m from 65).
    LengthPrefixed,
}

/// How much of a QR code may be damaged and still read (more means a bigger code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QrLevel {
    /// About 7 %.
    L,
    /// About 15 %.
    M,
    /// About 25 %.
    Q,
    /// About 30 %.
    H,
}

/// Why a barcode or QR code could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EscPosError {
    /// EAN-13 data must be 12 or 13 digits with a correct check digit.
    #[error("{data:?} is not an EAN-13 code")]
    InvalidEan13 {
        /// The data given.
        data: String,
    },
    /// Code 128 data must be 1 to 250 printable ASCII characters.
    #[error("{data:?} cannot be printed as Code 128")]
    InvalidCode128 {
        /// The data given.
        data: String,
    },
    /// A QR code holds at most 7089 bytes here; empty data makes no code.
    #[error("QR data of {len} bytes cannot be printed")]
    InvalidQr {
        /// The number of bytes given.
        len: usize,
    },
}

impl EscPosError {
    /// Stable snake_case code used in the API error envelope.
    pub fn code(&self) -> &'static str {
        match self {
            EscPosError::InvalidEan13 { .. } => "escpos_invalid_ean13",
            EscPosError::InvalidCode128 { .. } => "escpos_invalid_code128",
            EscPosError::InvalidQr { .. } => "escpos_invalid_qr",
        }
    }
}

/// Bytes for a receipt printer, built command by command (`EscPos::new().init().bold(true)`).
///
/// Text is encoded in the code page last selected (PC437 after `init`, as on the printer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscPos {
    bytes: Vec<u8>,
    code_page: CodePage,
}

impl Default for EscPos {
    fn default() -> EscPos {
        EscPos::new()
    }
}

impl EscPos {
    /// An empty command buffer.
    pub fn new() -> EscPos {
        EscPos {
            bytes: Vec::new(),
            code_page: CodePage::Pc437,
        }
    }

    /// The bytes so far.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The finished bytes, to send to the printer.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    fn push(&mut self, bytes: &[u8]) -> &mut EscPos {
        self.bytes.extend_from_slice(bytes);
        self
    }

    /// Resets the printer to its power-on settings (`ESC @`).
    pub fn init(&mut self) -> &mut EscPos {
        self.code_page = CodePage::Pc437;
        self.push(&[ESC, b'@'])
    }

    /// Selects the character table for the text that follows (`ESC t n`).
    pub fn code_page(&mut self, page: CodePage) -> &mut EscPos {
        self.code_page = page;
        self.push(&[ESC, b't', page.escpos_number()])
    }

    /// Left, centre or right alignment (`ESC a n`).
    pub fn align(&mut self, align: Align) -> &mut EscPos {
        let n = match align {
            Align::Left => 0,
            Align::Center => 1,
            Align::Right => 2,
        };
        self.push(&[ESC, b'a', n])
    }

    /// Bold on or off (`ESC E n`).
    pub fn bold(&mut self, on: bool) -> &mut EscPos {
        self.push(&[ESC, b'E', u8::from(on)])
    }

    /// Underline off (0), one dot (1) or two dots (2 and more) (`ESC - n`).
    pub fn underline(&mut self, dots: u8) -> &mut EscPos {
        self.push(&[ESC, b'-', dots.min(2)])
    }

    /// White on black on or off (`GS B n`).
    pub fn reverse(&mut self, on: bool) -> &mut EscPos {
        self.push(&[GS, b'B', u8::from(on)])
    }

    /// Character size: width and height multipliers from 1 to 8 (`GS ! n`); `size(2, 2)` is
    /// double size, `size(1, 1)` normal.
    pub fn size(&mut self, width: u8, height: u8) -> &mut EscPos {
        let w = width.clamp(1, 8) - 1;
        let h = height.clamp(1, 8) - 1;
        self.push(&[GS, b'!', (w << 4) | h])
    }

    /// Text in the current code page, without ending the line; characters the page lacks are
    /// folded (see [`CodePage::fold`]) and control characters cannot get through.
    pub fn text(&mut self, text: &str) -> &mut EscPos {
        let encoded = self.code_page.encode(text);
        self.push(&encoded)
    }

    /// Text and a line feed.
    pub fn line(&mut self, text: &str) -> &mut EscPos {
        self.text(text).push(&[LF])
    }

    /// Feeds `lines` blank lines (`ESC d n`).
    pub fn feed(&mut self, lines: u8) -> &mut EscPos {
        self.push(&[ESC, b'd', lines])
    }

    /// Cuts the paper where it is (`GS V 0` / `GS V 1`).
    pub fn cut(&mut self, mode: CutMode) -> &mut EscPos {
        let m = match mode {
            CutMode::Full => 0,
            CutMode::Partial => 1,
        };
        self.push(&[GS, b'V', m])
    }

    /// Feeds `lines` then cuts, in one command (`GS V 65 n` / `GS V 66 n`).
    pub fn feed_and_cut(&mut self, mode: CutMode, lines: u8) -> &mut EscPos {
        let m = match mode {
            CutMode::Full => 0x41,
            CutMode::Partial => 0x42,
        };
        self.push(&[GS, b'V', m, lines])
    }

    /// Opens the cash drawer: a pulse on `pin`, `on` x 2 ms high then `off` x 2 ms low
    /// (`ESC p m t1 t2`); 0x32, 0x32 (100 ms each) suits most drawers.
    pub fn drawer_kick(&mut self, pin: DrawerPin, on: u8, off: u8) -> &mut EscPos {
        let m = match pin {
            DrawerPin::Pin2 => 0,
            DrawerPin::Pin5 => 1,
        };
        self.push(&[ESC, b'p', m, on, off])
    }

    fn barcode_style(&mut self, style: BarcodeStyle) -> &mut EscPos {
        let hri = match style.hri {
            Hri::None => 0,
            Hri::Above => 1,
            Hri::Below => 2,
            Hri::Both => 3,
        };
        self.push(&[GS, b'h', style.height.max(1)])
            .push(&[GS, b'w', style.module_width.clamp(2, 6)])
            .push(&[GS, b'f', 0])
            .push(&[GS, b'H', hri])
    }

    /// An EAN-13 barcode (12 digits, or 13 with a correct check digit), after its style.
    pub fn barcode_ean13(
        &mut self,
        data: &str,
        form: BarcodeForm,
        style: BarcodeStyle,
    ) -> Result<&mut EscPos, EscPosError> {
        let invalid = || EscPosError::InvalidEan13 {
            data: data.to_owned(),
        };
        if !is_ean13(data) {
            return Err(invalid());
        }
        let len = u8::try_from(data.len()).map_err(|_| invalid())?;
        self.barcode_style(style);
        Ok(match form {
            BarcodeForm::NulTerminated => {
                self.push(&[GS, b'k', 2]).push(data.as_bytes()).push(&[0])
            }
            BarcodeForm::LengthPrefixed => self.push(&[GS, b'k', 67, len]).push(data.as_bytes()),
        })
    }

    /// A Code 128 barcode of printable ASCII text (code set B, `{` doubled), after its style.
    pub fn barcode_code128(
        &mut self,
        data: &str,
        style: BarcodeStyle,
    ) -> Result<&mut EscPos, EscPosError> {
        let invalid = || EscPosError::InvalidCode128 {
            data: data.to_owned(),
        };
        if data.is_empty() || !data.bytes().all(|b| (0x20..=0x7E).contains(&b)) {
            return Err(invalid());
        }
        let mut payload = b"{B".to_vec();
        for b in data.bytes() {
            if b == b'{' {
                payload.push(b'{');
            }
            payload.push(b);
        }
        let len = u8::try_from(payload.len()).map_err(|_| invalid())?;
        self.barcode_style(style);
        Ok(self.push(&[GS, b'k', 73, len]).push(&payload))
    }

    /// A QR code (model 2) of `data`, modules of `module` dots (1 to 16), at error level
    /// `level`: model, size, level, store, print (`GS ( k` functions 165, 167, 169, 180, 181).
    pub fn qr(
        &mut self,
        data: &str,
        module: u8,
        level: QrLevel,
    ) -> Result<&mut EscPos, EscPosError> {
        let invalid = || EscPosError::InvalidQr { len: data.len() };
        if data.is_empty() || data.len() > 7089 {
            return Err(invalid());
        }
        let stored = u16::try_from(data.len() + 3).map_err(|_| invalid())?;
        let [pl, ph] = stored.to_le_bytes();
        let level = match level {
            QrLevel::L => 0x30,
            QrLevel::M => 0x31,
            QrLevel::Q => 0x32,
            QrLevel::H => 0x33,
        };
        Ok(self
            .push(&[GS, b'(', b'k', 4, 0, 0x31, 0x41, 0x32, 0])
            .push(&[GS, b'(', b'k', 3, 0, 0x31, 0x43, module.clamp(1, 16)])
            .push(&[GS, b'(', b'k', 3, 0, 0x31, 0x45, level])
            .push(&[GS, b'(', b'k', pl, ph, 0x31, 0x50, 0x30])
            .push(data.as_bytes())
            .push(&[GS, b'(', b'k', 3, 0, 0x31, 0x51, 0x30]))
    }
}

/// 12 digits, or 13 whose last is the GS1 check digit of the first 12.
fn is_ean13(data: &str) -> bool {
    let digits: Vec<u32> = data.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != data.len() || !(digits.len() == 12 || digits.len() == 13) {
        return false;
    }
    let sum: u32 = digits[..12]
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 1 { d * 3 } else { *d })
        .sum();
    let check = (10 - sum % 10) % 10;
    digits.get(12).is_none_or(|&d| d == check)
}
