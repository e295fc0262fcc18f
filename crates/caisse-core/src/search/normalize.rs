//! Text folding and tokenisation: the one canonical form shared by the index and by queries.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::IndexEntry;
use super::collect::TokenKind;

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
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        gap: false,
    };
    for c in text.chars() {
        out.fold(c);
    }
    out.text
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
        return (0..=longest.saturating_sub(zeros)).map(key).collect();
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

/// The exact-match key of a SKU: trimmed and lowercased.
pub(crate) fn sku_key(sku: &str) -> Box<str> {
    sku.trim().to_lowercase().into_boxed_str()
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

/// Calls `f` with every dictionary token of an item (a token may come more than once).
///
/// Tokens are the words of the folded name (`name_key`), brand, category and SKU, the SKU
/// folded with its separators removed (`SKU-0001234` also gives `sku0001234`), and each barcode
/// as a tagged digit string.
pub(crate) fn for_each_token(entry: &IndexEntry, name_key: &str, mut f: impl FnMut(&[u8], TokenKind)) {
    for word in words(name_key) {
        f(word.as_bytes(), TokenKind::Word);
    }
    for text in [entry.brand.as_deref(), entry.category.as_deref()]
        .into_iter()
        .flatten()
    {
        for word in words(&normalize(text)) {
            f(word.as_bytes(), TokenKind::Word);
        }
    }
    let sku = normalize(&entry.sku);
    for word in words(&sku) {
        f(word.as_bytes(), TokenKind::Code);
    }
    if sku.contains(' ') {
        let compact: String = words(&sku).collect();
        f(compact.as_bytes(), TokenKind::Code);
    }
    let mut key = Vec::with_capacity(22);
    for &barcode in &entry.barcodes {
        barcode_key(barcode, &mut key);
        f(&key, TokenKind::Code);
    }
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
            ("  Jus d'orange,  100% pur jus!  ", "jus d orange 100 pur jus"),
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
        let cases: [(&str, &[&[u8]]); 5] = [
            ("3017", &[b"\x01\x083017", b"\x01\x0c3017", b"\x01\x0d3017", b"\x01\x0e3017"]),
            ("012345", &[b"\x01\x0712345", b"\x01\x0b12345", b"\x01\x0c12345", b"\x01\x0d12345"]),
            ("0000000001234", &[b"\x01\x041234", b"\x01\x051234"]),
            ("123456789012345", &[]),
            ("000000000000", &[b"\x01\x00", b"\x01\x01", b"\x01\x02"]),
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
