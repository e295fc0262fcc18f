//! Text folding and tokenisation: the one canonical form shared by the index and by queries.

use std::hash::{BuildHasher, Hasher};

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::docs::DocView;
use super::hashing::FastState;

/// First byte of a barcode token; it can never start a folded word, so barcodes live in their
/// own corner of the dictionary. The next byte is the number of significant digits (the value
/// without leading zeros), then come those digits.
pub(crate) const BARCODE_TAG: u8 = 0x01;

/// Lengths of the written forms of a GTIN: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13), GTIN-14.
const GTIN_FORMS: [usize; 4] = [8, 12, 13, 14];

/// Folds text for matching: lowercase, accents stripped, ligatures expanded, and every run of
/// characters that are not letters or digits turned into one space (no space at either end).
///
/// Accents are stripped through compatibility decomposition (NFKD) and by dropping combining
/// marks, so `Crème`, `CREME` and `cre\u{300}me` all fold to `creme`, and `ﬁ` to `fi`. Letters
/// that carry no decomposition are mapped by hand: `ß`→`ss`, `œ`→`oe`, `æ`→`ae`, `ø`→`o`,
/// `ł`→`l`, `đ`→`d`.
pub fn normalize(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    normalize_into(text, &mut folded);
    folded
}

/// [`normalize`] into a reusable buffer (cleared first).
pub(crate) fn normalize_into(text: &str, folded: &mut String) {
    folded.clear();
    if text.is_ascii() {
        // Fast path for SKUs and most English names: bytes in, bytes out.
        let mut gap = false;
        for &byte in text.as_bytes() {
            if byte.is_ascii_alphanumeric() {
                if gap && !folded.is_empty() {
                    folded.push(' ');
                }
                gap = false;
                folded.push(char::from(byte.to_ascii_lowercase()));
            } else {
                gap = true;
            }
        }
        return;
    }
    let mut out = Folded {
        text: std::mem::take(folded),
        gap: false,
    };
    for c in text.chars() {
        out.fold(c);
    }
    *folded = out.text;
}

/// Writer that collapses separators into single spaces.
struct Folded {
    text: String,
    gap: bool,
}

impl Folded {
    fn fold(&mut self, c: char) {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                self.letter(c.to_ascii_lowercase());
            } else {
                self.gap = true;
            }
            return;
        }
        match c {
            'ß' | 'ẞ' => self.letters("ss"),
            'œ' | 'Œ' => self.letters("oe"),
            'æ' | 'Æ' => self.letters("ae"),
            'ø' | 'Ø' => self.letter('o'),
            'ł' | 'Ł' => self.letter('l'),
            'đ' | 'Đ' => self.letter('d'),
            _ => decompose_compatible(c, |part| {
                if is_combining_mark(part) {
                    return;
                }
                for lower in part.to_lowercase() {
                    if is_combining_mark(lower) {
                        continue;
                    }
                    if lower.is_alphanumeric() {
                        self.letter(lower);
                    } else {
                        self.gap = true;
                    }
                }
            }),
        }
    }

    fn letters(&mut self, s: &str) {
        s.chars().for_each(|c| self.letter(c));
    }

    fn letter(&mut self, c: char) {
        if self.gap && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.gap = false;
        self.text.push(c);
    }
}

/// The words of an already folded text.
pub(crate) fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(' ').filter(|w| !w.is_empty())
}

/// Whether `word` is made of ASCII digits only (and may therefore be a piece of a barcode).
pub(crate) fn is_digits(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// The dictionary key prefixes of the barcodes that a word of digits starts, when written in
/// any GTIN form that fits them (8, 12, 13 or 14 digits, zero-padded on the left).
///
/// A barcode whose value has `d` significant digits is written in form `f` as `f - d` zeros and
/// its digits. So a word of `z` zeros then the digits `r` starts that form when `r` is empty and
/// `z <= f - d`, or when `z == f - d` and the barcode's digits start with `r`.
pub(crate) fn barcode_prefix_keys(word: &str) -> Vec<Vec<u8>> {
    let significant = word.trim_start_matches('0');
    let zeros = word.len() - significant.len();
    let key = |digits: usize| {
        let mut key = Vec::with_capacity(significant.len() + 2);
        key.extend_from_slice(&[BARCODE_TAG, digits as u8]);
        key.extend_from_slice(significant.as_bytes());
        key
    };
    if significant.is_empty() {
        let longest = GTIN_FORMS[GTIN_FORMS.len() - 1];
        return match longest.checked_sub(zeros) {
            Some(most) => (0..=most).map(key).collect(),
            None => Vec::new(),
        };
    }
    GTIN_FORMS
        .iter()
        .filter_map(|form| form.checked_sub(zeros))
        .filter(|&digits| digits >= significant.len())
        .map(key)
        .collect()
}

/// Writes the dictionary key of a barcode: tag, number of significant digits, digits
/// (none for zero).
fn barcode_key(value: u64, key: &mut Vec<u8>) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = value;
    while rest > 0 {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    key.clear();
    key.extend_from_slice(&[BARCODE_TAG, (digits.len() - at) as u8]);
    key.extend_from_slice(&digits[at..]);
}

/// A SKU as compared for exact matches: trimmed and lowercased, one char at a time.
fn sku_chars(sku: &str) -> impl Iterator<Item = char> + '_ {
    sku.trim().chars().flat_map(char::to_lowercase)
}

/// Hash of a SKU compared trimmed and case-insensitively, or `None` for a blank SKU.
pub(crate) fn sku_hash(sku: &str) -> Option<u64> {
    if sku.trim().is_empty() {
        return None;
    }
    let mut hasher = FastState::default().build_hasher();
    sku_chars(sku).for_each(|c| hasher.write_u32(u32::from(c)));
    Some(hasher.finish())
}

/// Whether two SKUs are equal once trimmed and lowercased.
pub(crate) fn same_sku(a: &str, b: &str) -> bool {
    sku_chars(a).eq(sku_chars(b))
}

/// Reads a query that is typed or scanned as a whole barcode: 8 to 14 ASCII digits, compared by
/// value so that EAN-8, UPC-A, EAN-13 and GTIN-14 forms with any leading zeros all agree.
pub(crate) fn barcode_query(query: &str) -> Option<u64> {
    let q = query.trim();
    if (8..=14).contains(&q.len()) && is_digits(q) {
        q.parse().ok()
    } else {
        None
    }
}

/// Splits items into dictionary tokens, reusing its buffers across items.
///
/// An item's tokens are the words of its folded name, brand, category and SKU, its folded SKU
/// without separators (`SKU-0001234` also gives `sku0001234`), and each barcode as a tagged
/// digit string. [`Tokenizer::words`] gives those that tend to repeat across items (words
/// without digits), [`Tokenizer::codes`] those nearly unique to one item. A token may come twice.
#[derive(Default)]
pub(crate) struct Tokenizer {
    scratch: String,
    key: Vec<u8>,
}

impl Tokenizer {
    /// Calls `f` with the words of the folded name, brand and category, and the SKU words
    /// without digits.
    pub(crate) fn words(&mut self, doc: &DocView<'_>, mut f: impl FnMut(&[u8])) {
        for text in [Some(doc.key), doc.brand, doc.category]
            .into_iter()
            .flatten()
        {
            words(text).for_each(|word| f(word.as_bytes()));
        }
        normalize_into(doc.sku, &mut self.scratch);
        words(&self.scratch)
            .filter(|word| !has_digit(word))
            .for_each(|word| f(word.as_bytes()));
    }

    /// Calls `f` with the SKU words with digits, the compact SKU and the barcodes of an item.
    pub(crate) fn codes(&mut self, doc: &DocView<'_>, mut f: impl FnMut(&[u8])) {
        normalize_into(doc.sku, &mut self.scratch);
        words(&self.scratch)
            .filter(|word| has_digit(word))
            .for_each(|word| f(word.as_bytes()));
        if self.scratch.contains(' ') {
            self.key.clear();
            words(&self.scratch).for_each(|word| self.key.extend_from_slice(word.as_bytes()));
            f(&self.key);
        }
        for &barcode in doc.barcodes {
            barcode_key(barcode, &mut self.key);
            f(&self.key);
        }
    }
}

fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_accents_ligatures_and_punctuation() {
        let cases = [
            ("Crème", "creme"),
            ("CRÈME", "creme"),
            ("cre\u{300}me", "creme"),
            ("Œuf", "oeuf"),
            ("œufs frais", "oeufs frais"),
            ("Straße", "strasse"),
            ("Ærø", "aero"),
            ("T-shirt Bio — M / Rouge", "t shirt bio m rouge"),
            (
                "  Jus d'orange,  100% pur jus!  ",
                "jus d orange 100 pur jus",
            ),
            ("Pâtes ﬁnes", "pates fines"),
            ("Ἀθῆναι", "αθηναι"),
            ("İstanbul", "istanbul"),
            ("Łódź", "lodz"),
            ("", ""),
            (" -- ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "normalize({input:?})");
        }
    }

    #[test]
    fn barcode_keys_hold_significant_digits() {
        let cases: [(u64, &[u8]); 3] = [
            (3_017_620_422_003, b"\x01\x0d3017620422003"),
            (12_345_678_905, b"\x01\x0b12345678905"),
            (0, b"\x01\x00"),
        ];
        let mut key = Vec::new();
        for (value, expected) in cases {
            barcode_key(value, &mut key);
            assert_eq!(key, expected, "barcode {value}");
        }
    }

    #[test]
    fn digit_words_reach_every_gtin_form() {
        let cases: [(&str, &[&[u8]]); 7] = [
            (
                "3017",
                &[
                    b"\x01\x083017",
                    b"\x01\x0c3017",
                    b"\x01\x0d3017",
                    b"\x01\x0e3017",
                ],
            ),
            (
                "012345",
                &[
                    b"\x01\x0712345",
                    b"\x01\x0b12345",
                    b"\x01\x0c12345",
                    b"\x01\x0d12345",
                ],
            ),
            ("0000000001234", &[b"\x01\x041234", b"\x01\x051234"]),
            ("123456789012345", &[]),
            ("000000000000", &[b"\x01\x00", b"\x01\x01", b"\x01\x02"]),
            ("00000000000000", &[b"\x01\x00"]),
            ("000000000000000", &[]),
        ];
        for (word, expected) in cases {
            assert_eq!(barcode_prefix_keys(word), expected, "word {word:?}");
        }
    }

    #[test]
    fn whole_barcode_queries_need_8_to_14_digits() {
        let cases = [
            ("3017620422003", Some(3_017_620_422_003)),
            ("03017620422003", Some(3_017_620_422_003)),
            ("012345678905", Some(12_345_678_905)),
            (" 96385074 ", Some(96_385_074)),
            ("1234567", None),
            ("123456789012345", None),
            ("30176204220x3", None),
        ];
        for (query, expected) in cases {
            assert_eq!(barcode_query(query), expected, "barcode_query({query:?})");
        }
    }
}
