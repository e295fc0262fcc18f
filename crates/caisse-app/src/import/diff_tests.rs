//! TEMPORARY differential test against the previous implementation. Not to be committed.
#![allow(clippy::all)]

use std::collections::HashMap;

use caisse_core::catalog::{Category, Product, Sku, Supplier, TaxCategory, Unit, Variant};
use caisse_core::money::Currency;
use caisse_core::search::synthetic::SplitMix64;
use uuid::Uuid;

use super::old_impl::old;
use super::plan::{Catalog, Present};
use super::read::Col;
use super::{parse, plan, read};

fn ean(body: u64) -> String {
    let digits: Vec<u32> = format!("{body:012}").chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
        .sum();
    format!("{body:012}{}", (10 - sum % 10) % 10)
}

fn stored(rng: &mut SplitMix64) -> (Vec<Product>, Vec<Category>, Vec<Supplier>) {
    let cats = vec![
        Category { id: Uuid::now_v7(), parent_id: None, name: "C".into() },
    ];
    let sups = vec![Supplier { id: Uuid::now_v7(), name: "S1".into(), email: None, phone: None }];
    let mut products = Vec::new();
    for i in 0..8 {
        let mut p = Product {
            id: Uuid::now_v7(),
            sku: Sku::parse(&format!("A{i}")).unwrap(),
            name: format!("Name {}", i % 3),
            brand: if rng.percent(50) { Some("B".into()) } else { None },
            description: None,
            category_id: if rng.percent(50) { Some(cats[0].id) } else { None },
            unit: Unit::Each,
            sold_by_weight: false,
            price: 150,
            cost: None,
            tax_category: TaxCategory::standard(),
            supplier_id: if rng.percent(50) { Some(sups[0].id) } else { None },
            supplier_ref: None,
            active: true,
            barcodes: if rng.percent(50) { vec![format!("0{}", ean(1000 + i as u64))] } else { vec![] },
            variants: vec![],
            version: 1,
            updated_at_us: 0,
        };
        if i % 3 == 0 {
            p.variants.push(Variant {
                id: Uuid::now_v7(),
                sku: Sku::parse(&format!("V{i}")).unwrap(),
                name: "M".into(),
                attributes: vec![("size".into(), "M".into())],
                price: None,
                barcodes: if rng.percent(50) { vec![format!("0{}", ean(2000 + i as u64))] } else { vec![] },
                active: true,
            });
        }
        products.push(p);
    }
    (products, cats, sups)
}

fn pick<'a>(rng: &mut SplitMix64, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len())]
}

fn random_csv(rng: &mut SplitMix64, clean: bool) -> String {
    let optional = [
        "parent_sku", "brand", "description", "category", "unit", "sold_by_weight", "cost",
        "tax_category", "barcodes", "supplier", "supplier_ref", "attributes", "active",
    ];
    let mut cols: Vec<&str> = vec!["sku", "name", "price"];
    for c in optional {
        if rng.percent(60) {
            cols.push(c);
        }
    }
    // shuffle
    for i in (1..cols.len()).rev() {
        let j = rng.below(i + 1);
        cols.swap(i, j);
    }
    let codes: Vec<String> = (0..8)
        .map(|i| ean(1000 + i))
        .chain((0..8).map(|i| ean(2000 + i)))
        .chain(["123".to_string(), "4006381333932".to_string()])
        .collect();
    let mut out = cols.join(",");
    out.push('\n');
    let rows = if clean { 1 + rng.below(8) } else { 1 + rng.below(25) };
    for _ in 0..rows {
        let cells: Vec<String> = cols
            .iter()
            .map(|c| {
                let v: String = match *c {
                    "sku" => if clean { pick(rng, &["A0", "A1", "A2", "A3", "A4", "A5", "A6", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "W1", "W2", "W3", "W4", "W5", "W6", "V0", "V3"]).into() } else { pick(rng, &["A0", "A1", "A2", "A3", "A4", "A5", "A6", "N1", "N2", "N3", "N4", "V0", "V3", "V6", "W1", "W2", "", "bad sku"]).into() },
                    "parent_sku" => if rng.percent(if clean { 75 } else { 60 }) { String::new() } else { pick(rng, &["A0", "A3", "N1", "N2", "V0", "ZZ"]).into() },
                    "name" => if clean { pick(rng, &["Name 0", "Name 1", "Name 2", "M", "L"]).into() } else { pick(rng, &["Name 0", "Name 1", "Name 2", "", "M", "L"]).into() },
                    "price" => if clean { pick(rng, &["1.50", "2", "1,50", "0", ""]).into() } else { pick(rng, &["1.50", "2", "-1", "abc", "", "1.234", "1,50", "0"]).into() },
                    "cost" => if clean { pick(rng, &["", "0.90", "1"]).into() } else { pick(rng, &["", "0.90", "x", "1"]).into() },
                    "brand" => pick(rng, &["", "B", "C"]).into(),
                    "description" => pick(rng, &["", "d"]).into(),
                    "category" => pick(rng, &["", "C", "C / D", "E / F / G", "/", "E/F"]).into(),
                    "unit" => if clean { pick(rng, &["", "each", "kg"]).into() } else { pick(rng, &["", "each", "kg", "ton"]).into() },
                    "sold_by_weight" => if clean { pick(rng, &["", "true", "no"]).into() } else { pick(rng, &["", "true", "no", "maybe"]).into() },
                    "tax_category" => if clean { pick(rng, &["", "standard", "reduced"]).into() } else { pick(rng, &["", "standard", "reduced", "BAD CAT"]).into() },
                    "barcodes" => {
                        let n = if clean { rng.below(2) } else { rng.below(3) };
                        let mut s = Vec::new();
                        for _ in 0..n {
                            let k = if clean { rng.below(codes.len() - 2) } else { rng.below(codes.len()) };
                            s.push(codes[k].clone());
                        }
                        s.join(pick(rng, &[" ", ";", "|"]))
                    }
                    "supplier" => pick(rng, &["", "S1", "S2"]).into(),
                    "supplier_ref" => pick(rng, &["", "R1"]).into(),
                    "attributes" => if clean { pick(rng, &["", "size=M", "size=L;colour=red"]).into() } else { pick(rng, &["", "size=M", "size=L;colour=red", "bad"]).into() },
                    "active" => if clean { pick(rng, &["", "true", "false"]).into() } else { pick(rng, &["", "true", "false", "maybe"]).into() },
                    _ => unreachable!(),
                };
                if v.contains([',', '"', ';']) { format!("\"{v}\"") } else { v }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

#[derive(Debug, PartialEq)]
struct Norm {
    sku: String,
    name: String,
    brand: Option<String>,
    description: Option<String>,
    category: Option<String>,
    unit: Unit,
    sold_by_weight: bool,
    price: i64,
    cost: Option<i64>,
    tax: TaxCategory,
    supplier: Option<String>,
    supplier_ref: Option<String>,
    active: bool,
    barcodes: Vec<String>,
    variants: Vec<(String, String, Vec<(String, String)>, Option<i64>, Vec<String>, bool, bool)>,
    version: i64,
    updated: i64,
}

fn norm(p: &Product, cats: &HashMap<Uuid, String>, sups: &HashMap<Uuid, String>, old_ids: &HashMap<Uuid, bool>) -> Norm {
    Norm {
        sku: p.sku.to_string(),
        name: p.name.clone(),
        brand: p.brand.clone(),
        description: p.description.clone(),
        category: p.category_id.map(|c| cats.get(&c).cloned().unwrap_or("?".into())),
        unit: p.unit,
        sold_by_weight: p.sold_by_weight,
        price: p.price,
        cost: p.cost,
        tax: p.tax_category.clone(),
        supplier: p.supplier_id.map(|c| sups.get(&c).cloned().unwrap_or("?".into())),
        supplier_ref: p.supplier_ref.clone(),
        active: p.active,
        barcodes: p.barcodes.clone(),
        variants: p
            .variants
            .iter()
            .map(|v| (v.sku.to_string(), v.name.clone(), v.attributes.clone(), v.price, v.barcodes.clone(), v.active, old_ids.contains_key(&v.id)))
            .collect(),
        version: p.version,
        updated: p.updated_at_us,
    }
}

fn cat_names(cats: &[Category]) -> HashMap<Uuid, String> {
    let by_id: HashMap<Uuid, &Category> = cats.iter().map(|c| (c.id, c)).collect();
    cats.iter()
        .map(|c| {
            let mut path = vec![c.name.clone()];
            let mut cur = c.parent_id;
            while let Some(p) = cur {
                path.push(by_id.get(&p).map(|c| c.name.clone()).unwrap_or("?".into()));
                cur = by_id.get(&p).and_then(|c| c.parent_id);
            }
            path.reverse();
            (c.id, path.join("/"))
        })
        .collect()
}

#[test]
fn new_plan_matches_the_previous_implementation() {
    let mut rng = SplitMix64::new(4242);
    let currency = Currency::parse("EUR").unwrap();
    let mut successes = 0;
    let mut failures = 0;
    for case in 0..120_000 {
        let (products, cats, sups) = stored(&mut rng);
        let csv = random_csv(&mut rng, case % 2 == 0);
        let old_ids: HashMap<Uuid, bool> = products
            .iter()
            .flat_map(|p| std::iter::once(p.id).chain(p.variants.iter().map(|v| v.id)))
            .map(|id| (id, true))
            .collect();
        let before = old(csv.as_bytes(), products.clone(), cats.clone(), sups.clone(), currency, 7);
        let after = match read::read_table(csv.as_bytes()) {
            Err(e) => Err(e),
            Ok(table) => {
                let present = Present {
                    barcodes: table.has(Col::Barcodes),
                    category: table.has(Col::Category),
                    supplier: table.has(Col::Supplier),
                };
                let rows = parse::parse_rows(&table, currency.minor_digits());
                plan::plan(rows, &present, Catalog { products: products.clone(), categories: cats.clone(), suppliers: sups.clone() }, 7, &|_, _| {})
                    .map_err(|mut e| {
                        e.sort_by_key(|e| e.line);
                        e
                    })
            }
        };
        match (before, after) {
            (Err(a), Err(b)) => {
                assert_eq!(a, b, "case {case}\n{csv}");
                failures += 1;
            }
            (Ok(a), Ok(b)) => {
                successes += 1;
                assert_eq!(a.summary, b.summary, "case {case}\n{csv}");
                let mut all_cats_a = cats.clone();
                all_cats_a.extend(a.new_categories.clone());
                let names_a = cat_names(&all_cats_a);
                let names_b = cat_names(&b.categories);
                let mut sups_a = sups.clone();
                sups_a.extend(a.new_suppliers.clone());
                let mut sups_b = sups.clone();
                sups_b.extend(b.new_suppliers.clone());
                let sn_a: HashMap<Uuid, String> = sups_a.iter().map(|s| (s.id, s.name.clone())).collect();
                let sn_b: HashMap<Uuid, String> = sups_b.iter().map(|s| (s.id, s.name.clone())).collect();
                let n = |ps: &[Product], c: &HashMap<Uuid, String>, s: &HashMap<Uuid, String>| -> Vec<Norm> {
                    ps.iter().map(|p| norm(p, c, s, &old_ids)).collect()
                };
                assert_eq!(n(&a.new_products, &names_a, &sn_a), n(b.created(), &names_b, &sn_b), "new, case {case}\n{csv}");
                assert_eq!(n(&a.changed, &names_a, &sn_a), n(b.changed(), &names_b, &sn_b), "changed, case {case}\n{csv}");
                let mut ua = n(&a.untouched, &names_a, &sn_a);
                ua.sort_by(|x, y| x.sku.cmp(&y.sku));
                let mut ub = n(&b.products[..b.products.len() - b.created().len() - b.changed().len()], &names_b, &sn_b);
                ub.sort_by(|x, y| x.sku.cmp(&y.sku));
                assert_eq!(ua, ub, "untouched, case {case}\n{csv}");
                let ca: Vec<String> = a.new_categories.iter().map(|c| names_a[&c.id].clone()).collect();
                let cb: Vec<String> = b.created_categories().iter().map(|c| names_b[&c.id].clone()).collect();
                assert_eq!(ca, cb, "categories, case {case}\n{csv}");
                let sa: Vec<String> = a.new_suppliers.iter().map(|c| c.name.clone()).collect();
                let sb: Vec<String> = b.new_suppliers.iter().map(|c| c.name.clone()).collect();
                assert_eq!(sa, sb);
                // product ids of stored products kept
                for p in b.changed() {
                    assert!(old_ids.contains_key(&p.id));
                }
                for p in b.created() {
                    assert!(!old_ids.contains_key(&p.id));
                }
            }
            (a, b) => panic!("case {case}: old {:?} new {:?}\n{csv}", a.err(), b.err()),
        }
    }
    eprintln!("successes {successes} failures {failures}");
    assert!(successes > 500, "{successes}");
}
