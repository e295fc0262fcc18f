//! The golden byte sequences of the reference (section 10), and every encoder command.

use super::*;

/// Reads "1B 61 01 ..." into bytes.
fn hex(text: &str) -> Vec<u8> {
    text.split_whitespace()
        .map(|h| match u8::from_str_radix(h, 16) {
            Ok(b) => b,
            Err(e) => panic!("bad hex {h:?} in a test: {e}"),
        })
        .collect()
}

fn built(f: impl FnOnce(&mut EscPos) -> Result<&mut EscPos, EscPosError>) -> Vec<u8> {
    let mut p = EscPos::new();
    match f(&mut p) {
        Ok(_) => p.into_bytes(),
        Err(e) => panic!("encoder refused a golden case: {e}"),
    }
}

#[test]
fn golden_centred_ean13_nul_form() {
    let bytes = built(|p| {
        p.align(Align::Center).barcode_ean13(
            "4006381333931",
            BarcodeForm::NulTerminated,
            BarcodeStyle::default(),
        )
    });
    let golden = "1B 61 01 1D 68 40 1D 77 03 1D 66 00 1D 48 02 1D 6B 02 \
                  34 30 30 36 33 38 31 33 33 33 39 33 31 00";
    assert_eq!(bytes, hex(golden));
}

#[test]
fn golden_centred_ean13_length_form() {
    let bytes = built(|p| {
        p.align(Align::Center).barcode_ean13(
            "4006381333931",
            BarcodeForm::LengthPrefixed,
            BarcodeStyle::default(),
        )
    });
    let golden = "1B 61 01 1D 68 40 1D 77 03 1D 66 00 1D 48 02 1D 6B 43 0D \
                  34 30 30 36 33 38 31 33 33 33 39 33 31";
    assert_eq!(bytes, hex(golden));
}

#[test]
fn golden_qr_hello_model2_module3_level_l() {
    let bytes = built(|p| p.qr("HELLO", 3, QrLevel::L));
    let golden = "1D 28 6B 04 00 31 41 32 00  1D 28 6B 03 00 31 43 03  1D 28 6B 03 00 31 45 30  \
                  1D 28 6B 08 00 31 50 30 48 45 4C 4C 4F  1D 28 6B 03 00 31 51 30";
    assert_eq!(bytes, hex(golden));
}

#[test]
fn golden_feed_and_full_cut() {
    let bytes = built(|p| Ok(p.feed(6).cut(CutMode::Full)));
    assert_eq!(bytes, hex("1B 64 06 1D 56 00"));
}

#[test]
fn every_command_table() {
    type Case = (&'static str, fn(&mut EscPos) -> &mut EscPos, &'static str);
    let cases: [Case; 26] = [
        ("init", |p| p.init(), "1B 40"),
        ("bold on", |p| p.bold(true), "1B 45 01"),
        ("bold off", |p| p.bold(false), "1B 45 00"),
        ("underline off", |p| p.underline(0), "1B 2D 00"),
        ("underline 1", |p| p.underline(1), "1B 2D 01"),
        ("underline 2", |p| p.underline(2), "1B 2D 02"),
        ("underline capped", |p| p.underline(9), "1B 2D 02"),
        ("align left", |p| p.align(Align::Left), "1B 61 00"),
        ("align centre", |p| p.align(Align::Center), "1B 61 01"),
        ("align right", |p| p.align(Align::Right), "1B 61 02"),
        ("normal size", |p| p.size(1, 1), "1D 21 00"),
        ("double size", |p| p.size(2, 2), "1D 21 11"),
        ("double width", |p| p.size(2, 1), "1D 21 10"),
        ("largest size, clamped", |p| p.size(9, 8), "1D 21 77"),
        ("size 0 reads as 1", |p| p.size(0, 0), "1D 21 00"),
        ("reverse on", |p| p.reverse(true), "1D 42 01"),
        ("reverse off", |p| p.reverse(false), "1D 42 00"),
        ("feed 3", |p| p.feed(3), "1B 64 03"),
        ("full cut", |p| p.cut(CutMode::Full), "1D 56 00"),
        ("partial cut", |p| p.cut(CutMode::Partial), "1D 56 01"),
        (
            "feed and full cut",
            |p| p.feed_and_cut(CutMode::Full, 3),
            "1D 56 41 03",
        ),
        (
            "feed and partial cut",
            |p| p.feed_and_cut(CutMode::Partial, 3),
            "1D 56 42 03",
        ),
        (
            "drawer pin 2",
            |p| p.drawer_kick(DrawerPin::Pin2, 0x32, 0x32),
            "1B 70 00 32 32",
        ),
        (
            "drawer pin 5",
            |p| p.drawer_kick(DrawerPin::Pin5, 0x19, 0xFA),
            "1B 70 01 19 FA",
        ),
        (
            "code page PC858",
            |p| p.code_page(CodePage::Pc858),
            "1B 74 13",
        ),
        ("line", |p| p.line("Hi"), "48 69 0A"),
    ];
    for (name, f, expected) in cases {
        let mut p = EscPos::new();
        f(&mut p);
        assert_eq!(p.bytes(), hex(expected), "{name}");
    }
    let pages = [
        (CodePage::Pc437, "1B 74 00"),
        (CodePage::Pc850, "1B 74 02"),
        (CodePage::Wpc1252, "1B 74 10"),
        (CodePage::Pc858, "1B 74 13"),
    ];
    for (page, expected) in pages {
        assert_eq!(
            EscPos::new().code_page(page).bytes(),
            hex(expected),
            "{page:?}"
        );
        assert_eq!(
            CodePage::from_escpos_number(page.escpos_number()),
            Some(page)
        );
    }
}

#[test]
fn code128_uses_code_set_b_and_doubles_braces() {
    let style = BarcodeStyle {
        height: 80,
        module_width: 2,
        hri: Hri::None,
    };
    let bytes = built(|p| p.barcode_code128("T1-{42}", style));
    let golden = "1D 68 50 1D 77 02 1D 66 00 1D 48 00 1D 6B 49 0A 7B 42 54 31 2D 7B 7B 34 32 7D";
    assert_eq!(bytes, hex(golden));
}

#[test]
fn ean13_with_12_digits_is_accepted_and_bad_codes_are_not() {
    let ok = built(|p| {
        p.barcode_ean13(
            "400638133393",
            BarcodeForm::LengthPrefixed,
            BarcodeStyle::default(),
        )
    });
    assert_eq!(
        &ok[ok.len() - 15..],
        &hex("6B 43 0C 34 30 30 36 33 38 31 33 33 33 39 33")[..]
    );
    let bad = [
        "4006381333932",
        "400638133393X",
        "40063813339",
        "40063813339311",
        "",
        "４００６３８１３３３９３１",
    ];
    for data in bad {
        let mut p = EscPos::new();
        let err = p
            .barcode_ean13(data, BarcodeForm::NulTerminated, BarcodeStyle::default())
            .map(|_| ())
            .map_err(|e| e.code());
        assert_eq!(err, Err("escpos_invalid_ean13"), "{data:?}");
        assert!(p.bytes().is_empty(), "{data:?} left bytes behind");
    }
}

#[test]
fn bad_code128_and_qr_data_are_refused() {
    type Encode = fn(&mut EscPos, &str) -> Result<(), EscPosError>;
    let long = "A".repeat(254);
    let cases: [(&str, Encode, &str); 5] = [
        (
            "",
            |p, d| p.barcode_code128(d, BarcodeStyle::default()).map(|_| ()),
            "escpos_invalid_code128",
        ),
        (
            "Café",
            |p, d| p.barcode_code128(d, BarcodeStyle::default()).map(|_| ()),
            "escpos_invalid_code128",
        ),
        (
            "a\nb",
            |p, d| p.barcode_code128(d, BarcodeStyle::default()).map(|_| ()),
            "escpos_invalid_code128",
        ),
        (
            &long,
            |p, d| p.barcode_code128(d, BarcodeStyle::default()).map(|_| ()),
            "escpos_invalid_code128",
        ),
        (
            "",
            |p, d| p.qr(d, 3, QrLevel::M).map(|_| ()),
            "escpos_invalid_qr",
        ),
    ];
    for (data, f, code) in cases {
        let mut p = EscPos::new();
        assert_eq!(f(&mut p, data).map_err(|e| e.code()), Err(code), "{data:?}");
        assert!(p.bytes().is_empty(), "{data:?} left bytes behind");
    }
    let mut p = EscPos::new();
    let big = "x".repeat(7089);
    assert!(p.qr(&big, 3, QrLevel::H).is_ok());
    assert_eq!(&p.bytes()[25..34], &hex("1D 28 6B B4 1B 31 50 30 78")[..]);
    let too_big = "x".repeat(7090);
    assert!(EscPos::new().qr(&too_big, 3, QrLevel::H).is_err());
}

#[test]
fn text_is_encoded_in_the_selected_page_and_cannot_carry_commands() {
    let mut p = EscPos::new();
    p.code_page(CodePage::Pc858).text("é€ß").init().text("é");
    // After ESC @ the printer is back on PC437, where é is 0x82 too but € is not.
    assert_eq!(p.bytes(), hex("1B 74 13 82 D5 E1 1B 40 82"));
    let mut p = EscPos::new();
    p.text("x\u{1B}p\u{0}\u{1D}V\u{0}y\n");
    assert_eq!(p.bytes(), b"x?p??V?y ");
}
