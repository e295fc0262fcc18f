//! GTIN and UPC-E: REFERENCE.md §1-3.

use caisse_core::barcode::{BarcodeError, Gtin, GtinPrefix, gtin_check_digit, upce_to_upca};

/// REFERENCE §1, valid codes, with their 14-digit form.
const VALID: [(&str, &str); 15] = [
    ("96385074", "00000096385074"),
    ("73513537", "00000073513537"),
    ("95012346", "00000095012346"),
    ("036000291452", "00036000291452"),
    ("012345678905", "00012345678905"),
    ("4006381333931", "04006381333931"),
    ("5901234123457", "05901234123457"),
    ("9780306406157", "09780306406157"),
    ("10012345678902", "10012345678902"),
    ("09501101530003", "09501101530003"),
    ("2112345678900", "02112345678900"),
    ("02345673", "00000002345673"),
    ("416000336108", "00416000336108"),
    ("24012345678905", "24012345678905"),
    ("15012345678907", "15012345678907"),
];

/// REFERENCE §1, invalid codes: (input, error code, message).
const INVALID: [(&str, &str, &str); 9] = [
    (
        "96385073",
        "bad_check_digit",
        "EAN-8 check digit should be 4, got 3",
    ),
    (
        "036000291453",
        "bad_check_digit",
        "UPC-A check digit should be 2, got 3",
    ),
    (
        "4006381333932",
        "bad_check_digit",
        "EAN-13 check digit should be 1, got 2",
    ),
    (
        "5901234123458",
        "bad_check_digit",
        "EAN-13 check digit should be 7, got 8",
    ),
    (
        "10012345678900",
        "bad_check_digit",
        "GTIN-14 check digit should be 2, got 0",
    ),
    (
        "9780306406158",
        "bad_check_digit",
        "EAN-13 check digit should be 7, got 8",
    ),
    (
        "2112345678901",
        "bad_check_digit",
        "EAN-13 check digit should be 0, got 1",
    ),
    (
        "02345674",
        "bad_check_digit",
        "EAN-8 check digit should be 3, got 4",
    ),
    (
        "9501234",
        "bad_length",
        "GTIN must have 8, 12, 13 or 14 digits, got 7",
    ),
];

#[test]
fn valid_gtins_parse_to_their_14_digit_form() {
    for (input, gtin14) in VALID {
        let gtin = Gtin::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(gtin.as_gtin14(), gtin14, "{input}");
        assert_eq!(gtin.to_string(), gtin14, "{input}");
        assert_eq!(input.parse::<Gtin>(), Ok(gtin), "{input}");
    }
}

#[test]
fn invalid_gtins_are_refused_with_code_and_message() {
    for (input, code, message) in INVALID {
        let err = Gtin::parse(input).expect_err(input);
        assert_eq!(err.code(), code, "{input}");
        assert_eq!(err.to_string(), message, "{input}");
    }
}

#[test]
fn malformed_input_is_refused() {
    let cases: [(&str, &str, &str); 5] = [
        ("", "empty", "nothing was scanned"),
        (
            "40063813339a1",
            "not_numeric",
            "GTIN may only contain digits, found 'a' at position 12",
        ),
        (
            " 4006381333931",
            "not_numeric",
            "GTIN may only contain digits, found ' ' at position 1",
        ),
        (
            "400638133393",
            "bad_check_digit",
            "UPC-A check digit should be 0, got 3",
        ),
        (
            "123456789012345",
            "bad_length",
            "GTIN must have 8, 12, 13 or 14 digits, got 15",
        ),
    ];
    for (input, code, message) in cases {
        let err = Gtin::parse(input).expect_err(input);
        assert_eq!(
            (err.code(), err.to_string().as_str()),
            (code, message),
            "{input:?}"
        );
    }
}

#[test]
fn check_digit_worked_example() {
    // 400638133393 -> weighted sum 89 -> check 1.
    assert_eq!(gtin_check_digit("400638133393"), Ok(1));
    assert_eq!(gtin_check_digit("9638507"), Ok(4));
    assert_eq!(gtin_check_digit("03600029145"), Ok(2));
    assert_eq!(gtin_check_digit("1001234567890"), Ok(2));
    // SSCC (17-digit body) uses the same rule.
    assert_eq!(gtin_check_digit("10614141192837465"), Ok(7));
}

#[test]
fn check_digit_of_every_valid_vector_matches() {
    for (input, _) in VALID {
        let (body, check) = input.split_at(input.len() - 1);
        assert_eq!(
            gtin_check_digit(body).map(|d| d.to_string()),
            Ok(check.to_owned()),
            "{input}"
        );
    }
}

#[test]
fn check_digit_refuses_bad_bodies() {
    assert_eq!(gtin_check_digit("").map_err(|e| e.code()), Err("empty"));
    assert_eq!(
        gtin_check_digit("12x").map_err(|e| e.code()),
        Err("not_numeric")
    );
    assert_eq!(
        gtin_check_digit("123456789012345678").map_err(|e| e.code()),
        Err("bad_length")
    );
}

#[test]
fn every_form_of_one_product_is_the_same_gtin() {
    let forms = ["036000291452", "0036000291452", "00036000291452"];
    let gtins: Vec<Gtin> = forms.iter().map(|f| Gtin::parse(f).unwrap()).collect();
    assert!(gtins.iter().all(|g| *g == gtins[0]));
    assert_eq!(gtins[0].as_gtin14(), "00036000291452");
}

#[test]
fn shortest_form_drops_needless_zeros() {
    let cases = [
        ("00036000291452", "036000291452"),
        ("0036000291452", "036000291452"),
        ("4006381333931", "4006381333931"),
        ("02345673", "02345673"),
        ("96385074", "96385074"),
        ("10012345678902", "10012345678902"),
        ("416000336108", "416000336108"),
    ];
    for (input, shortest) in cases {
        assert_eq!(Gtin::parse(input).unwrap().shortest(), shortest, "{input}");
    }
}

#[test]
fn u64_form_round_trips() {
    for (input, gtin14) in VALID {
        let gtin = Gtin::parse(input).unwrap();
        assert_eq!(gtin.to_u64(), gtin14.parse::<u64>().unwrap(), "{input}");
        assert_eq!(Gtin::from_u64(gtin.to_u64()), Ok(gtin), "{input}");
    }
    assert_eq!(
        Gtin::from_u64(4_006_381_333_932).map_err(|e| e.code()),
        Err("bad_check_digit")
    );
    assert_eq!(
        Gtin::from_u64(100_000_000_000_000).map_err(|e| e.code()),
        Err("bad_length")
    );
}

#[test]
fn ordering_is_numeric() {
    let mut gtins: Vec<Gtin> = ["4006381333931", "96385074", "036000291452"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    gtins.sort();
    let sorted: Vec<String> = gtins.iter().map(Gtin::shortest).collect();
    assert_eq!(sorted, ["96385074", "036000291452", "4006381333931"]);
}

#[test]
fn serde_uses_the_14_digit_string() {
    let gtin = Gtin::parse("036000291452").unwrap();
    assert_eq!(serde_json::to_string(&gtin).unwrap(), r#""00036000291452""#);
    assert_eq!(
        serde_json::from_str::<Gtin>(r#""036000291452""#).unwrap(),
        gtin
    );
    assert!(serde_json::from_str::<Gtin>(r#""036000291453""#).is_err());
    assert!(serde_json::from_str::<Gtin>("36000291452").is_err());
}

#[test]
fn debug_shows_the_digits() {
    assert_eq!(
        format!("{:?}", Gtin::parse("96385074").unwrap()),
        r#"Gtin("00000096385074")"#
    );
}

#[test]
fn prefixes_that_matter_at_the_till() {
    let cases = [
        ("2012345649903", GtinPrefix::RestrictedCirculation),
        ("2112345678900", GtinPrefix::RestrictedCirculation),
        // UPC-A number system 2 = EAN-13 prefix 02x.
        ("212345678992", GtinPrefix::RestrictedCirculation),
        ("0412345678903", GtinPrefix::CompanyInternal),
        ("9770317847001", GtinPrefix::Issn),
        ("9780306406157", GtinPrefix::Isbn),
        ("9791234567896", GtinPrefix::Isbn),
        ("9801234567892", GtinPrefix::RefundReceipt),
        ("9811234567891", GtinPrefix::Coupon),
        ("9912345678909", GtinPrefix::Coupon),
        // 400-440 is GS1 Germany: ordinary.
        ("4006381333931", GtinPrefix::Ordinary),
        ("036000291452", GtinPrefix::Ordinary),
        ("24012345678905", GtinPrefix::Ordinary),
        ("96385074", GtinPrefix::Ordinary),
    ];
    for (input, kind) in cases {
        let gtin = Gtin::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(gtin.prefix_kind(), kind, "{input}");
    }
}

/// REFERENCE §2.
const UPCE: [(&str, &str); 10] = [
    ("01234505", "012000003455"),
    ("01234514", "012100003454"),
    ("01234523", "012200003453"),
    ("01234531", "012300000451"),
    ("01234543", "012340000053"),
    ("01234558", "012345000058"),
    ("01234596", "012345000096"),
    ("04252614", "042100005264"),
    ("12345656", "123456000056"),
    ("00123457", "001234000057"),
];

#[test]
fn upce_expands_to_upca() {
    for (upce, upca) in UPCE {
        assert_eq!(upce_to_upca(upce).as_deref(), Ok(upca), "{upce}");
        assert!(Gtin::parse(upca).is_ok(), "{upca}");
    }
}

#[test]
fn upce_accepts_the_forms_scanners_send() {
    for (upce, upca) in UPCE {
        // 7 digits: number system + 6, no check digit.
        assert_eq!(upce_to_upca(&upce[..7]).as_deref(), Ok(upca), "{upce}");
        // 6 digits: number system 0 implied.
        if upce.starts_with('0') {
            assert_eq!(upce_to_upca(&upce[1..7]).as_deref(), Ok(upca), "{upce}");
        }
    }
}

#[test]
fn upce_rejects() {
    let cases: [(&str, &str, &str); 5] = [
        (
            "01234506",
            "bad_check_digit",
            "UPC-E check digit should be 5, got 6",
        ),
        (
            "21234505",
            "bad_number_system",
            "UPC-E number system must be 0 or 1, got 2",
        ),
        (
            "12345",
            "bad_length",
            "UPC-E must have 6, 7 or 8 digits, got 5",
        ),
        (
            "0123450A",
            "not_numeric",
            "UPC-E may only contain digits, found 'A' at position 8",
        ),
        ("", "empty", "nothing was scanned"),
    ];
    for (input, code, message) in cases {
        let err: BarcodeError = upce_to_upca(input).expect_err(input);
        assert_eq!(
            (err.code(), err.to_string().as_str()),
            (code, message),
            "{input:?}"
        );
    }
}
