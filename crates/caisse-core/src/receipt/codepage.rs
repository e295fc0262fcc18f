//! Printer code pages: turning receipt text into the single bytes a thermal printer prints,
//! and back (for the test decoder).
//!
//! The tables are built in (`codepage_tables.rs`) rather than taken from a crate: four
//! 128-entry tables are smaller than a dependency, and they also drive the folding below.

use unicode_normalization::UnicodeNormalization;

use super::codepage_tables::{PC437, PC850, PC858, WPC1252};

/// A character table a receipt printer can be switched to (`ESC t n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodePage {
    /// PC437, the printer's power-on default: no euro sign, few accented capitals.
    Pc437,
    /// PC850, Multilingual Latin 1.
    Pc850,
    /// PC858: PC850 plus the euro sign. The right choice for European receipts.
    Pc858,
    /// Windows-1252 (WPC1252), on printers that have it.
    Wpc1252,
}

impl CodePage {
    /// The number sent after `ESC t` to select this page (0, 2, 19, 16).
    pub fn escpos_number(self) -> u8 {
        match self {
            CodePage::Pc437 => 0,
            CodePage::Pc850 => 2,
            CodePage::Pc858 => 19,
            CodePage::Wpc1252 => 16,
        }
    }

    /// The page selected by `ESC t n`, for the ones Caisse knows.
    pub fn from_escpos_number(n: u8) -> Option<CodePage> {
        match n {
            0 => Some(CodePage::Pc437),
            2 => Some(CodePage::Pc850),
            19 => Some(CodePage::Pc858),
            16 => Some(CodePage::Wpc1252),
            _ => None,
        }
    }

    fn table(self) -> &'static [char; 128] {
        match self {
            CodePage::Pc437 => &PC437,
            CodePage::Pc850 => &PC850,
            CodePage::Pc858 => &PC858,
            CodePage::Wpc1252 => &WPC1252,
        }
    }

    /// The byte for a character, if the page has it (printable ASCII and the page's upper half;
    /// control characters never map, so text cannot carry printer commands).
    pub fn byte_for(self, c: char) -> Option<u8> {
        if (' '..='~').contains(&c) {
            return u8::try_from(c).ok();
        }
        if c == '\u{FFFD}' {
            return None;
        }
        let index = self.table().iter().position(|&t| t == c)?;
        u8::try_from(index + 0x80).ok()
    }

    /// The character a byte prints as (control bytes and undefined ones give U+FFFD).
    pub fn char_for(self, byte: u8) -> char {
        match byte {
            0x20..=0x7E => char::from(byte),
            0x80..=0xFF => self.table()[usize::from(byte - 0x80)],
            _ => '\u{FFFD}',
        }
    }

    /// Rewrites text with only characters this page has, each printing one column: `œ` becomes
    /// `oe`, typographic quotes and dashes become ASCII ones, thin spaces become no-break spaces
    /// (or spaces), accents the page lacks are dropped (`ś` becomes `s`), and
    /// anything else becomes `?`. Lay out the folded text, so widths match what is printed.
    pub fn fold(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if self.byte_for(c).is_some() {
                out.push(c);
                continue;
            }
            if let Some(replacement) = self.replacement(c) {
                out.push_str(replacement);
                continue;
            }
            let base: String = c
                .to_string()
                .nfd()
                .filter(|&d| self.byte_for(d).is_some())
                .collect();
            if base.is_empty() {
                out.push('?');
            } else {
                out.push_str(&base);
            }
        }
        out
    }

    fn replacement(self, c: char) -> Option<&'static str> {
        let no_break = if self.byte_for('\u{A0}').is_some() {
            "\u{A0}"
        } else {
            " "
        };
        Some(match c {
            '\u{A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' => no_break,
            '\t' | '\n' | '\r' => " ",
            'œ' => "oe",
            'Œ' => "OE",
            'æ' => "ae",
            'Æ' => "AE",
            'ß' => "ss",
            '€' => "EUR",
            '‘' | '’' | '‚' | '′' => "'",
            '“' | '”' | '„' | '″' | '«' | '»' => "\"",
            '‐' | '‑' | '‒' | '–' | '—' | '−' => "-",
            '…' => "...",
            '•' | '·' => "*",
            '×' => "x",
            _ => return None,
        })
    }

    /// The bytes that print `text` on this page; fold first for the closest rendering, since
    /// any character still missing prints as `?`.
    pub fn encode(self, text: &str) -> Vec<u8> {
        self.fold(text)
            .chars()
            .map(|c| self.byte_for(c).unwrap_or(b'?'))
            .collect()
    }

    /// What printed bytes read as (the reverse of [`CodePage::encode`]).
    pub fn decode(self, bytes: &[u8]) -> String {
        bytes.iter().map(|&b| self.char_for(b)).collect()
    }
}
