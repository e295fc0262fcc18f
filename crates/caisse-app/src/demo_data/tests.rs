use super::*;
use std::collections::{HashMap, HashSet};

const SEED: u64 = 0x00C4_1553;

fn catalog() -> DemoCatalog {
    demo_catalog(SEED)
}

/// Independent GTIN validation: from the right, the check digit weighs 1, the next digit 3,
/// then 1, 3, ... over the whole code; the weighted sum is a multiple of ten.
fn valid_gtin(code: &str) -> bool {
    if !matches!(code.len(), 8 | 12 | 13 | 14) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = code
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    sum.is_multiple_of(10)
}

/// Every barcode of the catalogue, variants included, with the SKU that carries it.
fn all_barcodes(catalog: &DemoCatalog) -> Vec<(&str, &str)> {
    let mut codes = Vec::new();
    for p in &catalog.products {
        codes.extend(p.barcodes.iter().map(|c| (p.sku.as_str(), c.as_str())));
        for v in &p.variants {
            codes.extend(v.barcodes.iter().map(|c| (v.sku.as_str(), c.as_str())));
        }
    }
    codes
}

#[test]
fn independent_check_agrees_with_reference_vectors() {
    for code in [
        "96385074",
        "73513537",
        "95012346",
        "036000291452",
        "012345678905",
        "4006381333931",
        "5901234123457",
        "9780306406157",
        "10012345678902",
        "09501101530003",
        "2112345678900",
        "02345673",
        "416000336108",
    ] {
        assert!(valid_gtin(code), "{code} should be valid");
        let (body, check) = code.split_at(code.len() - 1);
        assert_eq!(gtin_check_digit(body).to_string(), check, "{code}");
    }
    for code in [
        "96385073",
        "036000291453",
        "4006381333932",
        "5901234123458",
        "10012345678900",
        "9780306406158",
        "2112345678901",
        "02345674",
        "9501234",
    ] {
        assert!(!valid_gtin(code), "{code} should be invalid");
    }
    assert_eq!(gtin_check_digit("400638133393"), 1);
}

#[test]
fn has_at_least_2000_products() {
    let c = catalog();
    assert!(c.products.len() >= 2_000, "{} products", c.products.len());
    assert_eq!(c.store_name, DEMO_STORE_NAME);
}

#[test]
fn category_tree_is_well_formed() {
    let c = catalog();
    assert!(c.categories.len() >= 15);
    let mut seen = HashSet::new();
    let mut relations = 0;
    for cat in &c.categories {
        if let Some(parent) = &cat.parent_key {
            assert!(
                seen.contains(parent.as_str()),
                "{} before its parent",
                cat.key
            );
            relations += 1;
        }
        assert!(
            seen.insert(cat.key.as_str()),
            "duplicate category {}",
            cat.key
        );
        assert!(!cat.name.is_empty());
    }
    assert!(relations >= 3);
    let top_level = c
        .categories
        .iter()
        .filter(|k| k.parent_key.is_none())
        .count();
    assert!(top_level >= 15, "{top_level} top-level categories");
}

#[test]
fn every_category_and_supplier_reference_exists() {
    let c = catalog();
    let categories: HashSet<&str> = c.categories.iter().map(|k| k.key.as_str()).collect();
    let parents: HashSet<&str> = c
        .categories
        .iter()
        .filter_map(|k| k.parent_key.as_deref())
        .collect();
    let suppliers: HashSet<&str> = c.suppliers.iter().map(|s| s.key.as_str()).collect();
    assert!((8..=15).contains(&c.suppliers.len()));
    assert_eq!(suppliers.len(), c.suppliers.len(), "duplicate supplier key");
    let mut used_categories = HashSet::new();
    for p in &c.products {
        assert!(categories.contains(p.category_key.as_str()), "{}", p.sku);
        assert!(
            !parents.contains(p.category_key.as_str()),
            "{} in a parent category",
            p.sku
        );
        used_categories.insert(p.category_key.as_str());
        if let Some(s) = &p.supplier_key {
            assert!(suppliers.contains(s.as_str()), "{}: supplier {s}", p.sku);
            assert!(p.supplier_ref.is_some(), "{}", p.sku);
        }
    }
    // Every leaf category is stocked.
    for key in categories.difference(&parents) {
        assert!(used_categories.contains(key), "empty category {key}");
    }
}

#[test]
fn supplier_references_are_unique() {
    let c = catalog();
    let mut seen = HashSet::new();
    let mut with_supplier = 0;
    for p in &c.products {
        if let (Some(key), Some(reference)) = (&p.supplier_key, &p.supplier_ref) {
            with_supplier += 1;
            assert!(seen.insert((key, reference)), "{}: {reference}", p.sku);
        }
    }
    assert!(with_supplier * 10 >= c.products.len() * 9);
    let used: HashSet<_> = c
        .products
        .iter()
        .filter_map(|p| p.supplier_key.as_ref())
        .collect();
    assert_eq!(
        used.len(),
        c.suppliers.len(),
        "every supplier delivers something"
    );
}

#[test]
fn skus_are_unique_across_products_and_variants() {
    let c = catalog();
    let mut seen = HashSet::new();
    for p in &c.products {
        assert!(seen.insert(p.sku.as_str()), "duplicate SKU {}", p.sku);
        for v in &p.variants {
            assert!(seen.insert(v.sku.as_str()), "duplicate SKU {}", v.sku);
            assert!(v.sku.starts_with(&p.sku));
        }
        let (prefix, number) = p.sku.split_once('-').expect("SKU has a prefix");
        assert_eq!(prefix.len(), 3);
        assert!(number.len() == 5 && number.bytes().all(|b| b.is_ascii_digit()));
    }
}

#[test]
fn barcodes_are_valid_and_unique() {
    let c = catalog();
    let codes = all_barcodes(&c);
    let mut seen = HashSet::new();
    let mut as_gtin14 = HashSet::new();
    let mut lengths: HashMap<usize, usize> = HashMap::new();
    for (sku, code) in &codes {
        assert!(valid_gtin(code), "{sku}: bad barcode {code}");
        assert!(seen.insert(*code), "{sku}: duplicate barcode {code}");
        assert!(
            as_gtin14.insert(format!("{code:0>14}")),
            "{sku}: {code} clashes as GTIN-14"
        );
        *lengths.entry(code.len()).or_default() += 1;
    }
    assert!(
        lengths[&13] > codes.len() * 9 / 10,
        "mostly GTIN-13: {lengths:?}"
    );
    assert!(
        lengths.get(&8).copied().unwrap_or(0) >= 3,
        "a few GTIN-8: {lengths:?}"
    );
    assert!(
        lengths.get(&12).copied().unwrap_or(0) >= 10,
        "some UPC-A: {lengths:?}"
    );
    let several = c.products.iter().filter(|p| p.barcodes.len() > 1).count();
    assert!(
        several >= 20,
        "{several} products with more than one barcode"
    );
    for p in &c.products {
        if p.variants.is_empty() {
            assert!(!p.barcodes.is_empty(), "{} has no barcode", p.sku);
        } else {
            assert!(
                p.variants.iter().all(|v| !v.barcodes.is_empty()),
                "{}",
                p.sku
            );
        }
    }
}

#[test]
fn weighed_items_carry_a_scale_lookup_key() {
    let c = catalog();
    let mut weighed = 0;
    let mut priced = 0;
    for p in &c.products {
        assert_eq!(p.sold_by_weight, p.unit == "kg", "{}", p.sku);
        let scale_codes: Vec<&String> = p.barcodes.iter().filter(|b| b.starts_with('2')).collect();
        if p.sold_by_weight {
            weighed += 1;
            assert_eq!(scale_codes.len(), 1, "{}", p.sku);
            assert!(p.variants.is_empty());
        }
        for code in scale_codes {
            assert_eq!(code.len(), 13);
            assert_eq!(&code[7..12], "00000", "{}: value digits of {code}", p.sku);
            if p.sold_by_weight {
                assert!(code.starts_with(SCALE_PREFIX_WEIGHT), "{}: {code}", p.sku);
            } else {
                assert!(code.starts_with(SCALE_PREFIX_PRICE), "{}: {code}", p.sku);
                assert_eq!(p.unit, "each");
                priced += 1;
            }
        }
    }
    assert!(weighed >= 100, "{weighed} weighed items");
    assert!(priced >= 5, "{priced} priced-label items");
}

#[test]
fn scale_labels_follow_the_generic_layout() {
    let key = "2800101000002";
    assert!(valid_gtin(key));
    let label = scale_label(key, 1_250);
    assert_eq!(label, "2800101012500");
    assert_eq!(label.len(), 13);
    assert_eq!(&label[..7], "2800101");
    assert_eq!(&label[7..12], "01250");
    assert!(valid_gtin(&label), "{label}");
    assert_eq!(scale_label(key, 0), key);
    assert_eq!(
        scale_label(&label, 0),
        key,
        "a label maps back to its lookup key"
    );
    let price_label = scale_label("2000150000002", 1_490);
    assert_eq!(&price_label[..12], "200015001490");
    assert!(valid_gtin(&price_label));
    assert_eq!(DEMO_SCALE_LAYOUT, "generic-mixed");
    for p in catalog().products.iter().filter(|p| p.sold_by_weight) {
        let label = scale_label(&p.barcodes[0], 99_999);
        assert!(valid_gtin(&label), "{label}");
    }
}

#[test]
#[should_panic(expected = "does not fit")]
fn scale_label_rejects_six_digit_values() {
    scale_label("2800101000002", 100_000);
}

#[test]
fn at_least_20_products_have_variants() {
    let c = catalog();
    let with_variants: Vec<&DemoProduct> = c
        .products
        .iter()
        .filter(|p| !p.variants.is_empty())
        .collect();
    assert!(with_variants.len() >= 20, "{}", with_variants.len());
    let mut own_price = 0;
    for p in with_variants {
        let mut names = HashSet::new();
        for v in &p.variants {
            assert!(
                names.insert(v.name.as_str()),
                "{}: duplicate variant {}",
                p.sku,
                v.name
            );
            assert!(!v.attributes.is_empty());
            for (key, value) in &v.attributes {
                assert!(key == "size" || key == "colour", "{key}");
                assert!(v.name.contains(value.as_str()));
            }
            if let Some(price) = v.price_minor {
                assert!(price > p.price_minor);
                own_price += 1;
            }
        }
    }
    assert!(own_price >= 5, "{own_price} variants with their own price");
}

#[test]
fn names_are_unique_and_bilingual() {
    let c = catalog();
    let mut seen = HashSet::new();
    for p in &c.products {
        assert!(seen.insert(p.name.as_str()), "duplicate name {:?}", p.name);
        assert_eq!(p.name.trim(), p.name);
        assert!(
            !p.name.contains("  ") && !p.name.contains('{'),
            "{:?}",
            p.name
        );
    }
    // Accents of the product itself, not of its brand ("Le Panier du Marché").
    let accented = c
        .products
        .iter()
        .filter(|p| {
            let own = match &p.brand {
                Some(brand) => p.name.replace(brand.as_str(), ""),
                None => p.name.clone(),
            };
            own.chars().any(|ch| ch.is_alphabetic() && !ch.is_ascii())
        })
        .count();
    assert!(accented >= 100, "{accented} accented names");
    for letter in ['é', 'è', 'ê', 'à', 'ç', 'œ', 'ô', 'Œ', 'É', 'î', 'û', 'â'] {
        let with_letter = c
            .products
            .iter()
            .filter(|p| p.name.contains(letter))
            .count();
        assert!(with_letter >= 3, "{with_letter} names with {letter}");
    }
    const ENGLISH: &[&str] = &[
        "Tea",
        "Crisps",
        "Soup",
        "Beans",
        "Butter",
        "Mix",
        "Syrup",
        "Cookies",
        "Noodles",
        "Rice",
        "Paste",
        "Oil",
        "Shampoo",
        "Conditioner",
        "Spray",
        "Treats",
        "Jam",
        "Curd",
        "Pudding",
        "Beer",
        "Cream",
        "Toothpaste",
        "Mouthwash",
        "Cheese",
        "Peanut",
        "Chocolate",
        "Oats",
        "Flour",
        "Weekly",
        "Daily",
        "Monthly",
        "Review",
        "with",
        "and",
        "in",
        "Pickle",
        "Chutney",
        "Sugar",
        "Candy",
        "Ginger",
        "Honey",
        "Maple",
        "Biscuits",
        "Powder",
        "Wash",
        "Lotion",
        "Sheets",
        "Flakes",
        "Puffs",
        "Vinegar",
        "Mustard",
        "Dressing",
        "Pie",
        "Pies",
    ];
    // "Biscuits" is also French, so only count it next to another English marker or a brand
    // from an English-speaking country.
    let english = c
        .products
        .iter()
        .filter(|p| {
            let words: Vec<&str> = p.name.split_whitespace().collect();
            let markers = words.iter().filter(|w| ENGLISH.contains(w)).count();
            markers >= 2 || (markers == 1 && !words.contains(&"Biscuits"))
        })
        .count();
    assert!(english >= 100, "{english} English names");
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(demo_catalog(SEED), demo_catalog(SEED));
    assert_eq!(demo_catalog(7), demo_catalog(7));
    let (a, b) = (demo_catalog(1), demo_catalog(2));
    assert_ne!(a, b, "the seed matters");
    let names = |c: &DemoCatalog| {
        c.products
            .iter()
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(a.products.len(), b.products.len());
    let (na, nb) = (names(&a), names(&b));
    let same = na.iter().zip(&nb).filter(|(x, y)| x == y).count();
    assert!(
        same * 10 >= na.len() * 9,
        "the product list is stable across seeds"
    );
}

#[test]
fn prices_and_costs_are_realistic() {
    let c = catalog();
    for p in &c.products {
        assert!(
            (30..=8_900).contains(&p.price_minor),
            "{} {}",
            p.name,
            p.price_minor
        );
        let cost = p.cost_minor.expect("every demo product has a cost");
        assert!(cost > 0 && cost <= p.price_minor, "{}", p.sku);
        assert!(
            cost * 100 <= p.price_minor * 75,
            "{}: cost {cost} too high",
            p.sku
        );
        assert!(
            cost * 100 >= p.price_minor * 50 - 100,
            "{}: cost {cost} too low",
            p.sku
        );
        for v in &p.variants {
            if let Some(price) = v.price_minor {
                assert!((30..=8_900).contains(&price), "{}", v.sku);
            }
        }
    }
    let price = |name: &str| {
        c.products
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .price_minor
    };
    assert_eq!(price("Baguette"), 110);
    assert_eq!(price("Pain de campagne"), 260);
    assert!(price("Crème fraîche épaisse 20 cl") < 300);
    assert!(price("Œufs bio x6") < 400);
}

#[test]
fn units_taxes_and_statuses_are_all_used() {
    let c = catalog();
    let units: HashSet<&str> = c.products.iter().map(|p| p.unit).collect();
    assert_eq!(units, HashSet::from(["each", "kg", "l", "m"]));
    let taxes: HashSet<&str> = c.products.iter().map(|p| p.tax_category).collect();
    assert_eq!(
        taxes,
        HashSet::from(["standard", "intermediate", "reduced", "super_reduced"])
    );
    let inactive = c.products.iter().filter(|p| !p.active).count();
    assert!(
        inactive >= 5 && inactive * 20 < c.products.len(),
        "{inactive} inactive"
    );
    let described = c
        .products
        .iter()
        .filter(|p| p.description.is_some())
        .count();
    assert!(described >= 100, "{described} descriptions");
    let branded = c.products.iter().filter(|p| p.brand.is_some()).count();
    assert!(branded * 2 > c.products.len());
    // Press is super-reduced, and nothing else is.
    for p in &c.products {
        let press = ["quotidiens", "magazines", "jeux"].contains(&p.category_key.as_str());
        assert_eq!(press, p.tax_category == "super_reduced", "{}", p.name);
        if press {
            assert!(p.barcodes[0].starts_with("977"));
        }
    }
}

#[test]
fn catalogue_text_is_consistent() {
    // Every brand used exists in the brand table and the other way round.
    let used: HashSet<&str> = catalog()
        .products
        .iter()
        .filter_map(|p| p.brand.as_deref())
        .map(|b| {
            words::BRANDS
                .iter()
                .find(|w| w.0 == b)
                .expect("known brand")
                .0
        })
        .collect();
    for (brand, _, _) in words::BRANDS {
        assert!(used.contains(brand), "brand {brand} is never used");
    }
    let keys: HashSet<&str> = words::CATEGORIES.iter().map(|c| c.0).collect();
    for (category, supplier) in words::SUPPLIER_FOR {
        assert!(keys.contains(category), "{category}");
        assert!(
            words::SUPPLIERS.iter().any(|s| s.0 == *supplier),
            "{supplier}"
        );
    }
}

#[test]
fn quantities_go_after_the_brand() {
    let r = |template: &str, variety: &str| render(template, variety, "Maison X", "");
    assert_eq!(
        r("{v} {b}", "Comté AOP 12 mois 250 g"),
        "Comté AOP 12 mois Maison X 250 g"
    );
    assert_eq!(
        r("{v} {b}", "Raclette en tranches 400 g"),
        "Raclette en tranches Maison X 400 g"
    );
    assert_eq!(
        r("{v} {b}", "Lardons fumés 2 x 100 g"),
        "Lardons fumés Maison X 2 x 100 g"
    );
    assert_eq!(
        r("{v} {b}", "Crème solaire SPF 30 200 ml"),
        "Crème solaire SPF 30 Maison X 200 ml"
    );
    assert_eq!(
        r("{v} {b}", "Allumettes x10 boîtes"),
        "Allumettes Maison X x10 boîtes"
    );
    assert_eq!(
        r("{v} {b}", "Mouchoirs étuis 15 x 9"),
        "Mouchoirs étuis 15 x 9 Maison X"
    );
    assert_eq!(
        r("Couches {v} {b}", "taille 5"),
        "Couches taille 5 Maison X"
    );
    assert_eq!(r("{b} {v}", "Scone Mix 500 g"), "Maison X Scone Mix 500 g");
    assert_eq!(r("{v} {b}", "Baume à lèvres"), "Baume à lèvres Maison X");
    assert_eq!(
        render("Riz {v} {b} {f}", "basmati", "Maison X", "1 kg"),
        "Riz basmati Maison X 1 kg"
    );
    assert_eq!(
        render("Lasagnes {v} {b} {f}", "", "", "500 g"),
        "Lasagnes 500 g"
    );
}

#[test]
fn shelf_prices_look_like_shelf_prices() {
    assert_eq!(shelf_price(47), 45);
    assert_eq!(shelf_price(12), 30);
    assert_eq!(shelf_price(243), 249);
    assert_eq!(shelf_price(1_999), 1_999);
    assert_eq!(shelf_price(2_512), 2_590);
    assert_eq!(shelf_price(12_000), 8_900);
}
