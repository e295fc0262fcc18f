//! Classifying what the scanner or cashier sent, and books and periodicals: REFERENCE.md §1-6.

use caisse_core::barcode::{
    Gs1Data, Gtin, MeasureValue, ScaleLayout, ScannedCode, classify_scan, isbn10_to_isbn13,
    issn_to_ean13,
};

/// What a scan should turn into, in a form a table can hold.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// A plain product: its shortest form.
    Product(&'static str),
    /// A scale label: its lookup key (shortest form).
    Label(&'static str),
    /// A GS1 string: the GTIN it carries (shortest form).
    Gs1(&'static str),
    /// Text handed to the SKU lookup.
    Text(&'static str),
    /// An error code.
    Error(&'static str),
}

fn check(input: &str, layout: ScaleLayout, want: Want) {
    let got = classify_scan(input, &layout);
    let shortest = |g: &Gtin| g.shortest();
    match (want, &got) {
        (Want::Product(code), Ok(ScannedCode::Gtin(g))) if shortest(g) == code => {}
        (Want::Label(key), Ok(ScannedCode::VariableMeasure(v)))
            if shortest(&v.lookup_key) == key => {}
        (Want::Gs1(code), Ok(ScannedCode::Gs1(Gs1Data { gtin: Some(g), .. })))
            if shortest(g) == code => {}
        (Want::Text(text), Ok(ScannedCode::Text(t))) if t == text => {}
        (Want::Error(code), Err(e)) if e.code() == code => {}
        _ => panic!("{input:?} under {layout}: wanted {want:?}, got {got:?}"),
    }
}

#[test]
fn scans_are_classified() {
    use ScaleLayout::{De, None, Se};
    use Want::{Error, Gs1, Label, Product, Text};
    let cases: Vec<(&str, ScaleLayout, Want)> = vec![
        // Empty input.
        ("", None, Error("empty")),
        ("  \r\n", None, Error("empty")),
        ("]C1", None, Error("empty")),
        ("]e0", None, Error("empty")),
        ("]E0", None, Error("empty")),
        // GTINs in every length, with scanner noise around them.
        ("4006381333931", None, Product("4006381333931")),
        (" 4006381333931\r\n", None, Product("4006381333931")),
        ("]E04006381333931", None, Product("4006381333931")),
        ("036000291452", None, Product("036000291452")),
        ("0036000291452", None, Product("036000291452")),
        ("00036000291452", None, Product("036000291452")),
        ("10012345678902", None, Product("10012345678902")),
        ("96385074", None, Product("96385074")),
        ("4 006381 333931", None, Product("4006381333931")),
        // Wrong check digits are errors, not text.
        ("4006381333932", None, Error("bad_check_digit")),
        ("036000291453", None, Error("bad_check_digit")),
        ("10012345678900", None, Error("bad_check_digit")),
        ("96385073", None, Error("bad_check_digit")),
        ("4 006381 333932", None, Error("bad_check_digit")),
        // UPC-E: 6, 7 and 8 digits.
        ("123450", None, Product("012000003455")),
        ("0123450", None, Product("012000003455")),
        ("01234505", None, Product("012000003455")),
        ("01234531", None, Product("012300000451")),
        ("01234506", None, Error("bad_check_digit")),
        // Valid both as EAN-8 and as UPC-E: taken as EAN-8 (see `Gtin::upce_alternative`).
        ("00079198", None, Product("00079198")),
        ("12345656", None, Product("12345656")),
        ("01234558", None, Product("01234558")),
        // Digits of no barcode length.
        ("9501234", None, Error("bad_length")),
        ("12345", None, Error("bad_length")),
        ("123456789", None, Error("bad_length")),
        ("12345678901", None, Error("bad_length")),
        ("123456789012345", None, Error("bad_length")),
        ("1234567890123456", None, Error("bad_length")),
        // Books and periodicals.
        ("0306406152", None, Product("9780306406157")),
        ("0-306-40615-2", None, Product("9780306406157")),
        ("080442957X", None, Product("9780804429573")),
        ("978-0-306-40615-7", None, Product("9780306406157")),
        ("0306406153", None, Error("bad_check_digit")),
        ("0-306-40615-3", None, Error("bad_check_digit")),
        ("978-0-306-40615-8", None, Error("bad_check_digit")),
        ("0317-8471", None, Product("9770317847001")),
        ("2434-561X", None, Product("9772434561006")),
        ("0317-8472", None, Error("bad_check_digit")),
        // Scale labels depend on the store's layout.
        ("2012345649903", Se, Label("2012345600003")),
        ("2012345649903", None, Product("2012345649903")),
        ("2212345012992", De, Label("2212340000000")),
        ("2212340012997", De, Error("bad_value_check_digit")),
        ("2212340012997", Se, Label("2212340000000")),
        // GS1 element strings, whichever way they arrive.
        ("]C1010950110153000317260630", None, Gs1("9501101530003")),
        ("]d20109501101530003", None, Gs1("9501101530003")),
        ("(01)09501101530003(17)260630", None, Gs1("9501101530003")),
        ("0109501101530003\u{1D}10ABC", None, Gs1("9501101530003")),
        ("0109501101530003", None, Gs1("9501101530003")),
        ("01095011015300031726063010ABC", None, Gs1("9501101530003")),
        ("0109501101530004", None, Error("bad_check_digit")),
        ("]C10102012345649903", Se, Gs1("2012345649903")),
        ("]C1(01)", None, Error("truncated")),
        // Everything else is text for the SKU lookup.
        ("ABC-123", None, Text("ABC-123")),
        ("  coca cola ", None, Text("coca cola")),
        ("SKU42", None, Text("SKU42")),
        ("12-34", None, Text("12-34")),
        ("12 34", None, Text("12 34")),
        ("]C0ABC123", None, Text("ABC123")),
        ("4006381333931X", None, Text("4006381333931X")),
    ];
    for (input, layout, want) in cases {
        check(input, layout, want);
    }
}

#[test]
fn eight_digits_valid_as_ean8_and_upce_offer_the_upce_reading() {
    let cases = [
        ("12345656", Some("123456000056")),
        ("01234558", Some("012345000058")),
        ("01234596", Some("012345000096")),
        ("00123457", Some("001234000057")),
        ("00079198", Some("000791000098")),
        // Valid EAN-8, but not a valid UPC-E (number system 9).
        ("96385074", None),
    ];
    for (input, upca) in cases {
        let Ok(ScannedCode::Gtin(ean8)) = classify_scan(input, &ScaleLayout::None) else {
            panic!("{input}: not an EAN-8");
        };
        assert_eq!(
            ean8.upce_alternative().map(|g| g.shortest()).as_deref(),
            upca,
            "{input}"
        );
    }
    assert_eq!(
        Gtin::parse("4006381333931").unwrap().upce_alternative(),
        None
    );
}

#[test]
fn scale_label_scan_carries_the_measure() {
    let got = classify_scan("2856787012501", &ScaleLayout::De).unwrap();
    let ScannedCode::VariableMeasure(label) = got else {
        panic!("{got:?}")
    };
    assert_eq!(
        label.value,
        MeasureValue::WeightKg("1.250".parse().unwrap())
    );
    assert_eq!(label.item_reference, "5678");
}

#[test]
fn gs1_scan_keeps_lot_and_serial() {
    let got = classify_scan(
        "]C101095011015300031726063010ABC123\u{1D}21SN0001",
        &ScaleLayout::None,
    );
    let Ok(ScannedCode::Gs1(data)) = got else {
        panic!("{got:?}")
    };
    assert_eq!(data.lot.as_deref(), Some("ABC123"));
    assert_eq!(data.serial.as_deref(), Some("SN0001"));
}

#[test]
fn isbn10_converts_to_the_ean13_on_the_book() {
    let gtin = isbn10_to_isbn13("0-306-40615-2").unwrap();
    assert_eq!(gtin, Gtin::parse("9780306406157").unwrap());
    assert_eq!(isbn10_to_isbn13("0306406152"), Ok(gtin));
    assert_eq!(
        isbn10_to_isbn13("080442957x").map(|g| g.shortest()),
        Ok("9780804429573".to_owned())
    );
    assert_eq!(isbn10_to_isbn13("0 306 40615 2"), Ok(gtin));
}

#[test]
fn isbn10_rejects() {
    let cases = [
        (
            "0-306-40615-3",
            "bad_check_digit",
            "ISBN-10 check digit should be 2, got 3",
        ),
        (
            "0804429579",
            "bad_check_digit",
            "ISBN-10 check digit should be X, got 9",
        ),
        (
            "0-306-4061",
            "bad_length",
            "ISBN-10 must have 10 digits, got 8",
        ),
        (
            "X306406152",
            "not_numeric",
            "ISBN-10 may only contain digits, found 'X' at position 1",
        ),
        (
            "0-306-40615-A",
            "not_numeric",
            "ISBN-10 may only contain digits, found 'A' at position 13",
        ),
        ("--", "empty", "nothing was scanned"),
    ];
    for (input, code, message) in cases {
        let err = isbn10_to_isbn13(input).expect_err(input);
        assert_eq!(
            (err.code(), err.to_string().as_str()),
            (code, message),
            "{input}"
        );
    }
}

#[test]
fn ean13_gives_back_the_isbn10_except_for_979() {
    let gtin = Gtin::parse("9780306406157").unwrap();
    assert_eq!(gtin.isbn10().as_deref(), Some("0306406152"));
    assert_eq!(
        Gtin::parse("9780804429573").unwrap().isbn10().as_deref(),
        Some("080442957X")
    );
    assert_eq!(Gtin::parse("9791234567896").unwrap().isbn10(), None);
    assert_eq!(Gtin::parse("4006381333931").unwrap().isbn10(), None);
}

#[test]
fn issn_converts_to_the_ean13_on_the_periodical() {
    let cases = [
        ("0317-8471", "9770317847001"),
        ("0378-5955", "9770378595002"),
        ("2049-3630", "9772049363002"),
        ("03178471", "9770317847001"),
        ("2434-561X", "9772434561006"),
    ];
    for (issn, ean) in cases {
        let gtin = issn_to_ean13(issn, 0).unwrap_or_else(|e| panic!("{issn}: {e}"));
        assert_eq!(gtin.shortest(), ean, "{issn}");
        let canonical = if issn.contains('-') {
            issn.to_owned()
        } else {
            format!("{}-{}", &issn[..4], &issn[4..])
        };
        assert_eq!(gtin.issn(), Some(canonical), "{issn}");
    }
    assert_eq!(
        issn_to_ean13("0317-8471", 5).map(|g| g.shortest()),
        Ok("9770317847056".to_owned())
    );
    assert_eq!(Gtin::parse("9780306406157").unwrap().issn(), None);
}

#[test]
fn issn_rejects() {
    let cases = [
        (
            "0317-8472",
            0,
            "bad_check_digit",
            "ISSN check digit should be 1, got 2",
        ),
        (
            "0317-847",
            0,
            "bad_length",
            "ISSN must have 8 digits, got 7",
        ),
        (
            "0317-8471",
            100,
            "bad_issn_variant",
            "ISSN variant must be between 0 and 99, got 100",
        ),
        ("", 0, "empty", "nothing was scanned"),
    ];
    for (input, variant, code, message) in cases {
        let err = issn_to_ean13(input, variant).expect_err(input);
        assert_eq!(
            (err.code(), err.to_string().as_str()),
            (code, message),
            "{input}"
        );
    }
}
