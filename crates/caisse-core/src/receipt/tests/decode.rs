//! The ESC/POS decoder on known byte sequences and on arbitrary bytes.

use proptest::prelude::*;

use super::escpos_decode::{DecodeError, Decoded, Event, PrintedLine, Symbology, decode};
use super::*;

fn decoded(bytes: &[u8]) -> Decoded {
    match decode(bytes) {
        Ok(d) => d,
        Err(e) => panic!("decoder refused bytes it should read: {e}"),
    }
}

fn plain(text: &str) -> PrintedLine {
    PrintedLine {
        text: text.to_owned(),
        align: Align::Left,
        bold: false,
        underline: 0,
        reverse: false,
        width: 1,
        height: 1,
    }
}

#[test]
fn decodes_what_the_encoder_writes() {
    let mut p = EscPos::new();
    p.init()
        .code_page(CodePage::Pc858)
        .drawer_kick(DrawerPin::Pin5, 0x19, 0x19)
        .align(Align::Center)
        .bold(true)
        .size(2, 2)
        .line("TOTAL 12,50 €")
        .size(1, 1)
        .bold(false)
        .align(Align::Right)
        .underline(1)
        .reverse(true)
        .line("Crème")
        .reverse(false)
        .underline(0)
        .align(Align::Left)
        .text("sans fin");
    let _ = p.barcode_code128("T1-{7}", BarcodeStyle::default());
    let _ = p.barcode_ean13(
        "4006381333931",
        BarcodeForm::NulTerminated,
        BarcodeStyle::default(),
    );
    let _ = p.qr("HELLO", 3, QrLevel::L);
    p.feed(2)
        .feed_and_cut(CutMode::Partial, 3)
        .cut(CutMode::Full);
    let events = decoded(p.bytes()).events;
    let expected = vec![
        Event::Init,
        Event::CodePage(19),
        Event::DrawerPulse {
            pin: 5,
            on: 0x19,
            off: 0x19,
        },
        Event::Line(PrintedLine {
            align: Align::Center,
            bold: true,
            width: 2,
            height: 2,
            ..plain("TOTAL 12,50 €")
        }),
        Event::Line(PrintedLine {
            align: Align::Right,
            underline: 1,
            reverse: true,
            ..plain("Crème")
        }),
        Event::Barcode {
            symbology: Symbology::Code128,
            data: "T1-{7}".to_owned(),
            align: Align::Left,
            height: 64,
        },
        Event::Barcode {
            symbology: Symbology::Ean13,
            data: "4006381333931".to_owned(),
            align: Align::Left,
            height: 64,
        },
        Event::Qr {
            data: "HELLO".to_owned(),
            model: 0x32,
            module: 3,
            level: 0x30,
            align: Align::Left,
        },
        Event::Feed(2),
        Event::Cut {
            partial: true,
            feed: Some(3),
        },
        Event::Cut {
            partial: false,
            feed: None,
        },
        // Text never ended by a line feed is still reported, at the end.
        Event::Line(plain("sans fin")),
    ];
    assert_eq!(events, expected);
}

#[test]
fn text_reads_in_the_code_page_in_force() {
    let cases: [(&[u8], &str); 4] = [
        (&[0x1B, 0x74, 19, 0xD5, 0x0A], "€"),
        (&[0x1B, 0x74, 2, 0xD5, 0x0A], "ı"),
        (&[0x1B, 0x74, 16, 0x80, 0x0A], "€"),
        (&[0xD5, 0x0A], "╒"),
    ];
    for (bytes, text) in cases {
        assert_eq!(decoded(bytes).text(), text, "{bytes:02X?}");
    }
}

#[test]
fn broken_streams_are_reported() {
    let cases: [(&[u8], DecodeError); 6] = [
        (&[0x1B], DecodeError::Truncated { offset: 0 }),
        (b"ab\x1B\x45", DecodeError::Truncated { offset: 2 }),
        (
            &[0x1D, 0x6B, 0x02, 0x31, 0x32],
            DecodeError::Truncated { offset: 0 },
        ),
        (
            &[0x1D, 0x6B, 0x49, 0x05, 0x7B],
            DecodeError::Truncated { offset: 0 },
        ),
        (
            &[0x1D, 0x28, 0x6B, 0x08, 0x00, 0x31],
            DecodeError::Truncated { offset: 0 },
        ),
        (
            &[0x0A, 0x1B, 0x99, 0x00],
            DecodeError::Unknown {
                offset: 1,
                bytes: vec![0x1B, 0x99, 0x00],
            },
        ),
    ];
    for (bytes, error) in cases {
        assert_eq!(decode(bytes), Err(error), "{bytes:02X?}");
    }
    assert_eq!(
        DecodeError::Truncated { offset: 0 }.code(),
        "escpos_truncated"
    );
    let unknown = DecodeError::Unknown {
        offset: 0,
        bytes: vec![],
    };
    assert_eq!(unknown.code(), "escpos_unknown_command");
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn encoded_lines_read_back(lines in prop::collection::vec("\\PC{0,30}", 0..6)) {
        let mut p = EscPos::new();
        p.code_page(CodePage::Pc858);
        for line in &lines {
            p.line(line);
        }
        let d = decode(p.bytes());
        let texts: Vec<String> = d.map(|d| d.lines().iter().map(|l| l.text.clone()).collect())
            .unwrap_or_default();
        let expected: Vec<String> = lines.iter().map(|l| CodePage::Pc858.fold(l)).collect();
        prop_assert_eq!(texts, expected);
    }
}
