//! Code pages: the characters French and German receipts need, folding, and round trips.

use proptest::prelude::*;

use super::*;

#[test]
fn pc858_has_the_characters_of_european_receipts() {
    let cases = [
        ('é', 0x82),
        ('è', 0x8A),
        ('à', 0x85),
        ('ç', 0x87),
        ('ù', 0x97),
        ('ô', 0x93),
        ('ê', 0x88),
        ('€', 0xD5),
        ('ß', 0xE1),
        ('ä', 0x84),
        ('ö', 0x94),
        ('ü', 0x81),
        ('£', 0x9C),
        ('É', 0x90),
        (NBSP, 0xFF),
        ('A', 0x41),
        ('~', 0x7E),
    ];
    for (c, byte) in cases {
        assert_eq!(CodePage::Pc858.byte_for(c), Some(byte), "{c:?}");
        assert_eq!(CodePage::Pc858.char_for(byte), c, "{byte:#04X}");
    }
    // The one difference between PC850 and PC858.
    assert_eq!(CodePage::Pc850.char_for(0xD5), 'ı');
    assert_eq!(CodePage::Pc850.byte_for('€'), None);
    assert_eq!(CodePage::Wpc1252.byte_for('€'), Some(0x80));
    assert_eq!(CodePage::Wpc1252.byte_for('œ'), Some(0x9C));
}

#[test]
fn fold_table() {
    let cases = [
        (
            CodePage::Pc858,
            "Crème brûlée 12,50\u{A0}€",
            "Crème brûlée 12,50\u{A0}€",
        ),
        (CodePage::Pc858, "bœuf Œuf", "boeuf OEuf"),
        (
            CodePage::Pc858,
            "l’été “chaud” – 5…",
            "l'été \"chaud\" - 5...",
        ),
        (CodePage::Pc858, "1\u{202F}234,56", "1\u{A0}234,56"),
        (CodePage::Pc858, "Łódź", "?ódz"),
        (CodePage::Pc858, "Čapek Dvořák", "Capek Dvorák"),
        (CodePage::Pc858, "寿司", "??"),
        (CodePage::Pc858, "a\tb\nc", "a b c"),
        (CodePage::Pc437, "12,50 €", "12,50 EUR"),
        (CodePage::Pc437, "Ãà Ça", "Aà Ça"),
        (CodePage::Pc437, "1\u{202F}234", "1\u{A0}234"),
        (CodePage::Wpc1252, "bœuf – 5 €", "bœuf – 5 €"),
    ];
    for (page, input, expected) in cases {
        assert_eq!(page.fold(input), expected, "{page:?} {input:?}");
    }
}

#[test]
fn every_upper_byte_reads_back_to_itself() {
    for page in [
        CodePage::Pc437,
        CodePage::Pc850,
        CodePage::Pc858,
        CodePage::Wpc1252,
    ] {
        let mut defined = 0;
        for byte in 0x80..=0xFF_u8 {
            let c = page.char_for(byte);
            if c != '\u{FFFD}' {
                defined += 1;
                assert_eq!(page.byte_for(c), Some(byte), "{page:?} {byte:#04X}");
            }
        }
        let expected = if page == CodePage::Wpc1252 { 123 } else { 128 };
        assert_eq!(defined, expected, "{page:?}");
    }
}

proptest! {
    #[test]
    fn folded_text_encodes_one_byte_per_char_and_decodes_back(text in "(?s).{0,40}") {
        for page in [CodePage::Pc437, CodePage::Pc850, CodePage::Pc858, CodePage::Wpc1252] {
            let folded = page.fold(&text);
            let bytes = page.encode(&text);
            prop_assert_eq!(bytes.len(), folded.chars().count());
            prop_assert!(bytes.iter().all(|&b| b >= 0x20 && b != 0x7F));
            prop_assert_eq!(page.decode(&bytes), folded);
        }
    }
}
