//! Invariants of the barcode module, checked on generated codes.

use caisse_core::barcode::{Gtin, gtin_check_digit, upce_to_upca};
use proptest::prelude::*;

/// A valid GTIN of 8, 12, 13 or 14 digits: a random body plus its computed check digit.
fn valid_gtin() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9]{7}", "[0-9]{11}", "[0-9]{12}", "[0-9]{13}",].prop_map(|body| {
        let check = gtin_check_digit(&body).expect("a body of digits has a check digit");
        format!("{body}{check}")
    })
}

proptest! {
    #[test]
    fn every_valid_gtin_parses(code in valid_gtin()) {
        let gtin = Gtin::parse(&code).map_err(|e| TestCaseError::fail(format!("{code}: {e}")))?;
        prop_assert!(gtin.as_gtin14().ends_with(&code));
        prop_assert_eq!(gtin.as_gtin14().len(), 14);
        prop_assert_eq!(Gtin::parse(gtin.as_gtin14()), Ok(gtin));
        prop_assert_eq!(Gtin::from_u64(gtin.to_u64()), Ok(gtin));
        prop_assert_eq!(Gtin::parse(&gtin.shortest()), Ok(gtin));
    }

    #[test]
    fn changing_any_single_digit_breaks_the_check(
        code in valid_gtin(),
        position in any::<prop::sample::Index>(),
        shift in 1u8..10,
    ) {
        let mut bytes = code.into_bytes();
        let i = position.index(bytes.len());
        bytes[i] = b'0' + (bytes[i] - b'0' + shift) % 10;
        let changed = String::from_utf8(bytes).expect("digits are ASCII");
        let err = Gtin::parse(&changed).expect_err(&changed);
        prop_assert_eq!(err.code(), "bad_check_digit", "{}", changed);
    }

    #[test]
    fn upce_expands_to_a_valid_upca(upce in "[01][0-9]{6}") {
        let upca = upce_to_upca(&upce).map_err(|e| TestCaseError::fail(format!("{upce}: {e}")))?;
        prop_assert_eq!(upca.len(), 12);
        prop_assert!(Gtin::parse(&upca).is_ok(), "{} -> {}", upce, upca);
        // The 8-digit form with that check digit is accepted and gives the same UPC-A.
        let with_check = format!("{upce}{}", &upca[11..]);
        prop_assert_eq!(upce_to_upca(&with_check), Ok(upca.clone()));
        // The 6-digit form implies number system 0.
        if let Some(six) = upce.strip_prefix('0') {
            prop_assert_eq!(upce_to_upca(six), Ok(upca));
        }
    }

    #[test]
    fn parsing_never_panics(input in "\\PC{0,40}") {
        let _ = Gtin::parse(&input);
        let _ = upce_to_upca(&input);
        let _ = caisse_core::barcode::parse_gs1(&input);
        let _ = caisse_core::barcode::isbn10_to_isbn13(&input);
        let _ = caisse_core::barcode::issn_to_ean13(&input, 0);
        let _ = caisse_core::barcode::classify_scan(&input, &caisse_core::barcode::ScaleLayout::Dk);
    }

    #[test]
    fn gs1_like_input_never_panics(input in "(\\]C1)?[0-9()\u{1D}A-Z]{0,40}") {
        let _ = caisse_core::barcode::parse_gs1(&input);
        let _ = caisse_core::barcode::classify_scan(&input, &caisse_core::barcode::ScaleLayout::De);
    }
}
