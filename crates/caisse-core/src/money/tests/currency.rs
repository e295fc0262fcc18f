use super::*;

/// REFERENCE.md section 9, plus common two-decimal currencies.
#[test]
fn minor_digits_follow_iso_4217_and_the_reference() {
    let table: &[(u32, &[&str])] = &[
        (
            0,
            &[
                "JPY", "KRW", "CLP", "ISK", "VND", "XAF", "XOF", "XPF", "BIF", "DJF", "GNF", "KMF",
                "PYG", "RWF", "UGX", "UYI", "VUV",
            ],
        ),
        (
            2,
            &[
                "EUR", "USD", "GBP", "CHF", "HUF", "CAD", "SEK", "CNY", "INR", "MXN", "BRL", "MGA",
            ],
        ),
        (3, &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]),
        (4, &["CLF", "UYW"]),
    ];
    for &(digits, codes) in table {
        for &code in codes {
            assert_eq!(cur(code).minor_digits(), digits, "{code}");
        }
    }
}

#[test]
fn constants_match_the_table() {
    for c in [
        Currency::EUR,
        Currency::USD,
        Currency::GBP,
        Currency::CHF,
        Currency::JPY,
        Currency::BHD,
    ] {
        assert_eq!(Currency::parse(c.code()), Ok(c));
    }
}

#[test]
fn codes_numbers_and_symbols() {
    let table = [
        ("EUR", 978, "€"),
        ("USD", 840, "$"),
        ("GBP", 826, "£"),
        ("JPY", 392, "¥"),
        ("CHF", 756, "CHF"),
        ("SEK", 752, "kr"),
        ("DKK", 208, "kr"),
        ("BHD", 48, "BHD"),
        ("KWD", 414, "KWD"),
        ("CLF", 990, "CLF"),
    ];
    for (code, numeric, symbol) in table {
        let c = cur(code);
        assert_eq!(c.code(), code);
        assert_eq!(c.numeric(), numeric, "{code}");
        assert_eq!(c.symbol(), symbol, "{code}");
        assert_eq!(Currency::from_numeric(numeric), Ok(c));
        assert_eq!(c.to_string(), code);
        assert_eq!(format!("{c:?}"), code);
    }
    assert_eq!(Currency::EUR.name(), "Euro");
}

#[test]
fn parse_ignores_letter_case() {
    assert_eq!(Currency::parse("eur"), Ok(Currency::EUR));
    assert_eq!(Currency::parse("Jpy"), Ok(Currency::JPY));
    assert_eq!("usd".parse::<Currency>(), Ok(Currency::USD));
}

#[test]
fn unknown_and_unusable_codes_are_refused() {
    for code in ["", "EU", "EURO", "ZZZ", "€", "E1R", " EUR", "EUR ", "eür"] {
        let err = Currency::parse(code).err();
        assert_eq!(err.map(|e| e.code()), Some("unknown_currency"), "{code:?}");
    }
    // No minor unit: precious metals, SDR, bond units, the test and "no currency" codes.
    for code in ["XAU", "XAG", "XDR", "XTS", "XXX", "XBA"] {
        let err = Currency::parse(code).err();
        assert_eq!(
            err.map(|e| e.code()),
            Some("unsupported_currency"),
            "{code}"
        );
    }
    assert_eq!(
        Currency::from_numeric(1).map_err(|e| e.code()),
        Err("unknown_currency")
    );
    assert_eq!(
        Currency::from_numeric(959).map_err(|e| e.code()),
        Err("unsupported_currency")
    );
}

#[test]
fn currencies_sort_by_code() {
    let mut list = [
        Currency::USD,
        cur("XCG"),
        cur("AMD"),
        Currency::EUR,
        Currency::BHD,
    ];
    list.sort();
    let codes: Vec<&str> = list.iter().map(Currency::code).collect();
    assert_eq!(codes, ["AMD", "BHD", "EUR", "USD", "XCG"]);
}
