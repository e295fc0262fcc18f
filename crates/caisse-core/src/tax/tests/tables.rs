//! Tax components, tables and presets.

use super::*;

#[test]
fn components_are_checked() {
    let ok = TaxComponent::new(" vat20 ", " TVA 20 % ", rate("20"));
    assert_eq!(
        ok,
        Ok(TaxComponent {
            code: "VAT20".into(),
            label: "TVA 20 %".into(),
            rate: rate("20")
        })
    );
    let bad_codes = ["", "  ", "VAT 20", "VAT-20", "TVA€", "ABCDEFGHIJKLMNOPQ"];
    for code in bad_codes {
        let err = TaxComponent::new(code, "x", rate("1")).map_err(|e| e.code());
        assert_eq!(err, Err("invalid_tax_code"), "{code:?}");
    }
    for label in ["", "   ", "a\u{7}b"] {
        let err = TaxComponent::new("X", label, rate("1")).map_err(|e| e.code());
        assert_eq!(err, Err("invalid_tax_label"), "{label:?}");
    }
    let long = "x".repeat(65);
    assert!(TaxComponent::new("X", &long, rate("1")).is_err());
    assert!(TaxComponent::new("X", &long[..64], rate("1")).is_ok());
}

#[test]
fn tables_are_checked() {
    let std_ = category("standard");
    let red = category("reduced");
    let table = TaxTable::new(vec![
        (
            std_.clone(),
            vec![component("STATE", "4"), component("CITY", "4.5")],
        ),
        (red.clone(), vec![component("STATE", "4")]),
    ]);
    let table = match table {
        Ok(t) => t,
        Err(e) => panic!("valid table refused: {e}"),
    };
    let codes = |c: &TaxCategory| {
        table
            .components(c)
            .map(|cs| cs.iter().map(|c| c.code.as_str()).collect::<Vec<_>>())
    };
    assert_eq!(codes(&std_), Some(vec!["STATE", "CITY"]));
    assert_eq!(codes(&red), Some(vec!["STATE"]));
    assert_eq!(codes(&category("zero")), None);
    let names: Vec<&str> = table.categories().map(TaxCategory::as_str).collect();
    assert_eq!(names, ["reduced", "standard"]);

    type Entries = Vec<(TaxCategory, Vec<TaxComponent>)>;
    let cases: [(Entries, &str); 4] = [
        (vec![], "empty_tax_table"),
        (vec![(std_.clone(), vec![])], "empty_tax_category"),
        (
            vec![(
                std_.clone(),
                vec![
                    component("A", "1"),
                    component("B", "2"),
                    component("A", "3"),
                ],
            )],
            "duplicate_tax_code",
        ),
        (
            vec![
                (std_.clone(), vec![component("A", "1")]),
                (std_, vec![component("B", "1")]),
            ],
            "duplicate_tax_category",
        ),
    ];
    for (entries, code) in cases {
        assert_eq!(TaxTable::new(entries).map_err(|e| e.code()), Err(code));
    }
}

#[test]
fn presets() {
    // (preset, category, expected codes and rates; none when the category is unknown)
    type Row = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );
    let rows: [Row; 14] = [
        ("fr", "standard", &[("VAT20", "20")]),
        ("fr", "intermediate", &[("VAT10", "10")]),
        ("fr", "reduced", &[("VAT5_5", "5.5")]),
        ("fr", "super_reduced", &[("VAT2_1", "2.1")]),
        ("fr", "zero", &[("VAT0", "0")]),
        ("de", "standard", &[("VAT19", "19")]),
        ("de", "reduced", &[("VAT7", "7")]),
        ("gb", "standard", &[("VAT20", "20")]),
        ("gb", "reduced", &[("VAT5", "5")]),
        ("gb", "zero", &[("VAT0", "0")]),
        (
            "us-ny-nyc",
            "standard",
            &[("STATE", "4"), ("CITY", "4.5"), ("MCTD", "0.375")],
        ),
        ("us-ny-nyc", "zero", &[("EXEMPT", "0")]),
        ("de", "zero", &[]),
        ("gb", "intermediate", &[]),
    ];
    for (preset, name, expected) in rows {
        let table = TaxTable::preset(preset);
        assert!(table.is_ok(), "{preset}");
        let found = table.ok().and_then(|t| {
            t.components(&category(name)).map(|cs| {
                cs.iter()
                    .map(|c| (c.code.clone(), c.rate.to_string()))
                    .collect::<Vec<_>>()
            })
        });
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(c, r)| ((*c).to_owned(), (*r).to_owned()))
            .collect();
        let expected = if expected.is_empty() {
            None
        } else {
            Some(expected)
        };
        assert_eq!(found, expected, "{preset} {name}");
    }
    for name in TAX_PRESETS {
        assert!(TaxTable::preset(name).is_ok(), "{name}");
    }
    // The NYC layers add up to 8.875 %.
    let nyc = TaxTable::preset("us-ny-nyc").ok();
    let total: u32 = nyc
        .as_ref()
        .and_then(|t| t.components(&TaxCategory::standard()))
        .map(|cs| cs.iter().map(|c| c.rate.units()).sum())
        .unwrap_or_default();
    assert_eq!(total, rate("8.875").units());
    assert_eq!(
        TaxTable::preset("xx").map_err(|e| e.code()),
        Err("unknown_tax_preset")
    );
}

#[test]
fn table_serde_round_trip() -> Result<(), serde_json::Error> {
    let table = TaxTable::preset("us-ny-nyc").ok();
    let json = serde_json::to_string(&table)?;
    assert!(
        json.starts_with(r#"{"standard":[{"code":"STATE","label":"New York State","rate":"4"}"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Option<TaxTable>>(&json)?, table);
    let bad = [
        r#"{}"#,
        r#"{"standard":[]}"#,
        r#"{"Bad Name":[{"code":"A","label":"a","rate":"1"}]}"#,
        r#"{"standard":[{"code":"A","label":"a","rate":"1"},{"code":"a","label":"b","rate":"2"}]}"#,
        r#"{"standard":[{"code":"A B","label":"a","rate":"1"}]}"#,
        r#"{"standard":[{"code":"A","label":"a","rate":1}]}"#,
        r#"{"standard":[{"code":"A","label":"a","rate":"1","extra":0}]}"#,
    ];
    for json in bad {
        assert!(serde_json::from_str::<TaxTable>(json).is_err(), "{json}");
    }
    Ok(())
}
