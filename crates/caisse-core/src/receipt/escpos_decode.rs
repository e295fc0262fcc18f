//! Reads ESC/POS bytes back into what the printer would do: printed lines with their style,
//! barcodes, QR codes, cuts, drawer pulses. Made for tests ("the total is printed bold and
//! centred", "the drawer opens only for cash"), in this crate and in others.

use super::codepage::CodePage;
use super::escpos::Align;

/// A printed line and the style it was printed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedLine {
    /// The text, decoded from the code page in force.
    pub text: String,
    /// Alignment in force when the line ended.
    pub align: Align,
    /// Bold in force when the line ended.
    pub bold: bool,
    /// Underline dots (0 = none).
    pub underline: u8,
    /// White on black.
    pub reverse: bool,
    /// Character width multiplier (1 = normal).
    pub width: u8,
    /// Character height multiplier (1 = normal).
    pub height: u8,
}

/// Barcode symbologies of `GS k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbology {
    /// UPC-A.
    UpcA,
    /// UPC-E.
    UpcE,
    /// EAN-13 (JAN-13).
    Ean13,
    /// EAN-8 (JAN-8).
    Ean8,
    /// Code 39.
    Code39,
    /// Interleaved 2 of 5.
    Itf,
    /// Codabar (NW-7).
    Codabar,
    /// Code 93.
    Code93,
    /// Code 128.
    Code128,
    /// GS1-128.
    Gs1_128,
    /// Another symbology number.
    Other(u8),
}

/// One thing the printer does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// `ESC @`: reset.
    Init,
    /// `ESC t n`: the code page number selected.
    CodePage(u8),
    /// A line of text ended by a line feed (or by the end of the bytes).
    Line(PrintedLine),
    /// `ESC d n`: blank lines fed.
    Feed(u8),
    /// `GS V`: a cut, with the lines fed first for the feed-and-cut form.
    Cut {
        /// Partial (a tab left) rather than full.
        partial: bool,
        /// Lines fed before cutting (`GS V 65 n` / `GS V 66 n`).
        feed: Option<u8>,
    },
    /// `ESC p m t1 t2`: a cash drawer pulse.
    DrawerPulse {
        /// Connector pin: 2 or 5.
        pin: u8,
        /// On time in units of 2 ms.
        on: u8,
        /// Off time in units of 2 ms.
        off: u8,
    },
    /// A barcode printed.
    Barcode {
        /// The symbology.
        symbology: Symbology,
        /// The data, with Code 128's `{B` code-set prefix removed and `{{` read as `{`.
        data: String,
        /// Alignment in force.
        align: Align,
        /// Bar height in dots, as set by `GS h`.
        height: u8,
    },
    /// A QR code printed (`GS ( k` function 181).
    Qr {
        /// The data stored with function 180.
        data: String,
        /// Model number byte (0x31 model 1, 0x32 model 2).
        model: u8,
        /// Module size in dots.
        module: u8,
        /// Error level byte (0x30 L to 0x33 H).
        level: u8,
        /// Alignment in force.
        align: Align,
    },
    /// `DLE EOT n`: a status request.
    Status(u8),
}

/// Why bytes could not be read as ESC/POS.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes stop in the middle of a command.
    #[error("command cut short at byte {offset}")]
    Truncated {
        /// Where the unfinished command starts.
        offset: usize,
    },
    /// A command this decoder does not know.
    #[error("unknown command at byte {offset}: {bytes:02X?}")]
    Unknown {
        /// Where the command starts.
        offset: usize,
        /// Its first bytes.
        bytes: Vec<u8>,
    },
}

impl DecodeError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Truncated { .. } => "escpos_truncated",
            DecodeError::Unknown { .. } => "escpos_unknown_command",
        }
    }
}

/// Everything a byte stream makes the printer do, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decoded {
    /// The events, in the order of the bytes.
    pub events: Vec<Event>,
}

impl Decoded {
    /// The printed lines.
    pub fn lines(&self) -> Vec<&PrintedLine> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Line(line) => Some(line),
                _ => None,
            })
            .collect()
    }

    /// The printed text, one line per line.
    pub fn text(&self) -> String {
        self.lines()
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first printed line containing `needle`.
    pub fn line_containing(&self, needle: &str) -> Option<&PrintedLine> {
        self.lines().into_iter().find(|l| l.text.contains(needle))
    }

    /// How many events match `f` (cuts, drawer pulses...).
    pub fn count(&self, f: impl Fn(&Event) -> bool) -> usize {
        self.events.iter().filter(|e| f(e)).count()
    }
}

/// The printer's state while reading.
struct State {
    page: u8,
    line: PrintedLine,
    pending: bool,
    barcode_height: u8,
    qr_model: u8,
    qr_module: u8,
    qr_level: u8,
    qr_data: Vec<u8>,
}

impl State {
    fn new() -> State {
        State {
            page: 0,
            line: PrintedLine {
                text: String::new(),
                align: Align::Left,
                bold: false,
                underline: 0,
                reverse: false,
                width: 1,
                height: 1,
            },
            pending: false,
            barcode_height: 162,
            qr_model: 0x32,
            qr_module: 3,
            qr_level: 0x30,
            qr_data: Vec::new(),
        }
    }

    fn end_line(&mut self, events: &mut Vec<Event>) {
        events.push(Event::Line(self.line.clone()));
        self.line.text.clear();
        self.pending = false;
    }

    fn push_byte(&mut self, byte: u8) {
        let c = CodePage::from_escpos_number(self.page)
            .unwrap_or(CodePage::Pc437)
            .char_for(byte);
        self.line.text.push(c);
        self.pending = true;
    }
}

/// Reads printer bytes into events; text bytes are decoded with the selected code page
/// (unknown pages are read as PC437).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut events = Vec::new();
    let mut st = State::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let arg = |k: usize| {
            bytes
                .get(start + k)
                .copied()
                .ok_or(DecodeError::Truncated { offset: start })
        };
        let unknown = || DecodeError::Unknown {
            offset: start,
            bytes: bytes[start..bytes.len().min(start + 4)].to_vec(),
        };
        match bytes[i] {
            0x0A => {
                st.end_line(&mut events);
                i += 1;
            }
            0x0D => i += 1,
            0x1B => {
                i += match arg(1)? {
                    b'@' => {
                        let pending = st.pending;
                        if pending {
                            st.end_line(&mut events);
                        }
                        st = State::new();
                        events.push(Event::Init);
                        2
                    }
                    b'E' => {
                        st.line.bold = arg(2)? & 1 == 1;
                        3
                    }
                    b'-' => {
                        st.line.underline = match arg(2)? {
                            0 | b'0' => 0,
                            1 | b'1' => 1,
                            _ => 2,
                        };
                        3
                    }
                    b'a' => {
                        st.line.align = match arg(2)? {
                            0 | b'0' => Align::Left,
                            1 | b'1' => Align::Center,
                            _ => Align::Right,
                        };
                        3
                    }
                    b'd' => {
                        events.push(Event::Feed(arg(2)?));
                        3
                    }
                    b't' => {
                        st.page = arg(2)?;
                        events.push(Event::CodePage(st.page));
                        3
                    }
                    b'p' => {
                        let pin = if arg(2)? & 1 == 0 { 2 } else { 5 };
                        events.push(Event::DrawerPulse {
                            pin,
                            on: arg(3)?,
                            off: arg(4)?,
                        });
                        5
                    }
                    _ => return Err(unknown()),
                };
            }
            0x1D => {
                i += match arg(1)? {
                    b'!' => {
                        let n = arg(2)?;
                        st.line.width = (n >> 4) + 1;
                        st.line.height = (n & 0x0F) + 1;
                        3
                    }
                    b'B' => {
                        st.line.reverse = arg(2)? & 1 == 1;
                        3
                    }
                    b'V' => match arg(2)? {
                        m @ (0 | 1 | b'0' | b'1') => {
                            events.push(Event::Cut {
                                partial: m & 1 == 1,
                                feed: None,
                            });
                            3
                        }
                        m @ (0x41 | 0x42) => {
                            events.push(Event::Cut {
                                partial: m == 0x42,
                                feed: Some(arg(3)?),
                            });
                            4
                        }
                        _ => return Err(unknown()),
                    },
                    b'h' => {
                        st.barcode_height = arg(2)?;
                        3
                    }
                    b'w' | b'f' | b'H' => {
                        arg(2)?;
                        3
                    }
                    b'k' => decode_barcode(bytes, start, &st, &mut events)?,
                    b'(' if arg(2)? == b'k' => decode_2d(bytes, start, &mut st, &mut events)?,
                    _ => return Err(unknown()),
                };
            }
            0x10 if arg(1)? == 0x04 => {
                events.push(Event::Status(arg(2)?));
                i += 3;
            }
            byte if byte >= 0x20 => {
                st.push_byte(byte);
                i += 1;
            }
            _ => return Err(unknown()),
        }
    }
    if st.pending {
        st.end_line(&mut events);
    }
    Ok(Decoded { events })
}

/// `GS k`: both the NUL-terminated form (m < 65) and the length-prefixed one. Returns the
/// number of bytes read.
fn decode_barcode(
    bytes: &[u8],
    start: usize,
    st: &State,
    events: &mut Vec<Event>,
) -> Result<usize, DecodeError> {
    let truncated = DecodeError::Truncated { offset: start };
    let m = *bytes.get(start + 2).ok_or(truncated.clone())?;
    let (data, used) = if m < 65 {
        let rest = bytes.get(start + 3..).ok_or(truncated.clone())?;
        let end = rest.iter().position(|&b| b == 0).ok_or(truncated)?;
        (&rest[..end], 3 + end + 1)
    } else {
        let n = usize::from(*bytes.get(start + 3).ok_or(truncated.clone())?);
        let data = bytes.get(start + 4..start + 4 + n).ok_or(truncated)?;
        (data, 4 + n)
    };
    let symbology = match m {
        0 | 65 => Symbology::UpcA,
        1 | 66 => Symbology::UpcE,
        2 | 67 => Symbology::Ean13,
        3 | 68 => Symbology::Ean8,
        4 | 69 => Symbology::Code39,
        5 | 70 => Symbology::Itf,
        6 | 71 => Symbology::Codabar,
        72 => Symbology::Code93,
        73 => Symbology::Code128,
        74 => Symbology::Gs1_128,
        other => Symbology::Other(other),
    };
    let mut text = String::from_utf8_lossy(data).into_owned();
    if symbology == Symbology::Code128 {
        text = text
            .strip_prefix("{B")
            .or_else(|| text.strip_prefix("{A"))
            .unwrap_or(&text)
            .replace("{{", "{");
    }
    events.push(Event::Barcode {
        symbology,
        data: text,
        align: st.line.align,
        height: st.barcode_height,
    });
    Ok(used)
}

/// `GS ( k pL pH cn fn ...`: the QR code functions (cn = 49); other 2D codes are skipped.
/// Returns the number of bytes read.
fn decode_2d(
    bytes: &[u8],
    start: usize,
    st: &mut State,
    events: &mut Vec<Event>,
) -> Result<usize, DecodeError> {
    let truncated = DecodeError::Truncated { offset: start };
    let header = bytes.get(start + 3..start + 5).ok_or(truncated.clone())?;
    let len = usize::from(u16::from_le_bytes([header[0], header[1]]));
    let params = bytes.get(start + 5..start + 5 + len).ok_or(truncated)?;
    if let [0x31, function, rest @ ..] = params {
        match (*function, rest) {
            (0x41, [model, ..]) => st.qr_model = *model,
            (0x43, [module, ..]) => st.qr_module = *module,
            (0x45, [level, ..]) => st.qr_level = *level,
            (0x50, [_, data @ ..]) => st.qr_data = data.to_vec(),
            (0x51, _) => events.push(Event::Qr {
                data: String::from_utf8_lossy(&st.qr_data).into_owned(),
                model: st.qr_model,
                module: st.qr_module,
                level: st.qr_level,
                align: st.line.align,
            }),
            _ => {}
        }
    }
    Ok(5 + len)
}
