use caisse_core::catalog::{Product, Sku, TaxCategory, Unit, Variant};
use caisse_store::testing::all_backends;
use uuid::Uuid;

use super::plan::{Catalog, Plan, Present};
use super::read::{Col, read_table};
use super::{COLUMNS, ImportSummary, import_products, parse, plan};
use crate::auth::Principal;
use crate::{App, AppError, RowError};

/// Reads, parses and plans a file against a stored catalog, as an import does.
fn plan_file(csv: &str, stored: Vec<Product>) -> Result<Plan, Vec<RowError>> {
    let table = read_table(csv.as_bytes())?;
    let present = Present {
        barcodes: table.has(Col::Barcodes),
        category: table.has(Col::Category),
        supplier: table.has(Col::Supplier),
    };
    let rows = parse::parse_rows(&table, 2);
    let stored = Catalog {
        products: stored,
        categories: Vec::new(),
        suppliers: Vec::new(),
    };
    plan::plan(rows, &present, stored, 1_000, &|_, _| {})
}

fn lines_and_columns(errors: &[RowError]) -> Vec<(u64, &str)> {
    errors.iter().map(|e| (e.line, e.column.as_str())).collect()
}

fn stored_product(sku: &str, barcode: &str, variant: Option<(&str, &str)>) -> Product {
    Product {
        id: Uuid::now_v7(),
        sku: Sku::parse(sku).expect("sku"),
        name: format!("Stored {sku}"),
        brand: None,
        description: None,
        category_id: None,
        unit: Unit::Each,
        sold_by_weight: false,
        price: 100,
        cost: None,
        tax_category: TaxCategory::standard(),
        supplier_id: None,
        supplier_ref: None,
        active: true,
        barcodes: vec![barcode.to_owned()],
        variants: variant
            .map(|(sku, code)| Variant {
                id: Uuid::now_v7(),
                sku: Sku::parse(sku).expect("sku"),
                name: "M".into(),
                attributes: Vec::new(),
                price: None,
                barcodes: vec![code.to_owned()],
                active: true,
            })
            .into_iter()
            .collect(),
        version: 3,
        updated_at_us: 0,
    }
}

#[test]
fn columns_are_named_as_in_the_header() {
    let all = [
        Col::Sku,
        Col::ParentSku,
        Col::Name,
        Col::Brand,
        Col::Description,
        Col::Category,
        Col::Unit,
        Col::SoldByWeight,
        Col::Price,
        Col::Cost,
        Col::TaxCategory,
        Col::Barcodes,
        Col::Supplier,
        Col::SupplierRef,
        Col::Attributes,
        Col::Active,
    ];
    let names: Vec<&str> = all.iter().map(|c| c.name()).collect();
    assert_eq!(names, COLUMNS);
}

#[test]
fn every_bad_cell_is_reported_in_file_order() {
    // A stored product P-1 (barcode 4006381333931) with a variant V-1 (barcode 5901234123457).
    let stored = vec![stored_product(
        "P-1",
        "04006381333931",
        Some(("V-1", "05901234123457")),
    )];
    let csv = "sku,parent_sku,name,price,barcodes,unit,attributes,active\n\
N-1,,New,1.00,036000291452,each,,\n\
N-1,,Again,1.00,,each,,\n\
N-2,,,abc,036000291452 123,ton,,\n\
V-1,,Not a product,1.00,,each,,\n\
N-3,N-9,Orphan,,,,,\n\
N-4,P-1,Bad variant,,,,colour,maybe\n\
N-5,,Steals,1.00,4006381333931,each,,\n\
P-1,P-1,Self,,,,,\n";
    let errors = plan_file(csv, stored).err().expect("the file is refused");
    assert_eq!(
        lines_and_columns(&errors),
        [
            (3, "sku"),
            (4, "name"),
            (4, "price"),
            (4, "barcodes"),
            (4, "barcodes"),
            (5, "sku"),
            (6, "parent_sku"),
            (7, "attributes"),
            (7, "active"),
            (8, "barcodes"),
            (9, "sku"),
        ]
    );
    let reasons: Vec<&str> = errors.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(reasons[0], "duplicate SKU N-1 (also on line 2)");
    assert_eq!(reasons[3], "barcode 036000291452 is also on line 2");
    assert_eq!(reasons[5], "V-1 is a variant of P-1; give parent_sku");
    assert_eq!(reasons[9], "barcode 4006381333931 already belongs to P-1");
    assert_eq!(reasons[10], "P-1 is a product, not a variant");
}

#[test]
fn rows_checked_on_several_threads_stay_in_file_order() {
    // Enough rows for the row checks to be split between threads (when there are cores).
    let rows = 3 * 20_000 + 7;
    let mut csv = String::from("sku,name,price\n");
    for i in 0..rows {
        match i {
            0 | 30_000 | 59_999 => csv.push_str(&format!("S-{i:06},Bad {i},x\n")),
            40_000 => csv.push_str("S-000010,Duplicate,1.00\n"),
            _ => csv.push_str(&format!("S-{i:06},Item {i},1.00\n")),
        }
    }
    let errors = plan_file(&csv, Vec::new())
        .err()
        .expect("the file is refused");
    let lines: Vec<(u64, &str)> = lines_and_columns(&errors);
    assert_eq!(
        lines,
        [
            (2, "price"),
            (30_002, "price"),
            (40_002, "sku"),
            (60_001, "price")
        ]
    );
    assert_eq!(errors[2].reason, "duplicate SKU S-000010 (also on line 12)");

    let good = csv
        .replace(",x\n", ",2.00\n")
        .replace("S-000010,Duplicate", "T-1,Last");
    let plan = plan_file(&good, Vec::new()).expect("a good file");
    let skus: Vec<&str> = plan.created().iter().map(|p| p.sku.as_str()).collect();
    assert_eq!(skus.len(), rows);
    assert_eq!(skus[..3], ["S-000000", "S-000001", "S-000002"]);
    assert_eq!(skus[40_000], "T-1");
    assert_eq!(plan.created()[30_000].price, 200);
    // Ids are made in file order, so new rows append to the primary key.
    assert!(plan.created().windows(2).all(|w| w[0].id < w[1].id));
}

#[test]
fn a_reimport_changes_what_differs_and_adds_variants() {
    let stored = vec![
        stored_product("P-1", "04006381333931", Some(("V-1", "05901234123457"))),
        stored_product("P-2", "00036000291452", None),
        stored_product("P-3", "04003994155486", None),
    ];
    let csv = "sku,parent_sku,name,price\n\
P-1,,Stored P-1,1.00\n\
V-2,P-1,L,\n\
P-2,,Renamed,1.00\n\
N-1,,New,2.50\n\
V-3,N-1,S,2.75\n";
    let plan = plan_file(csv, stored).expect("a good file");
    assert_eq!(
        plan.summary,
        ImportSummary {
            created: 3,
            updated: 2,
            unchanged: 1,
            dry_run: false
        }
    );
    let changed: Vec<(&str, i64)> = plan
        .changed()
        .iter()
        .map(|p| (p.sku.as_str(), p.version))
        .collect();
    assert_eq!(changed, [("P-1", 4), ("P-2", 4)]);
    let p1 = &plan.changed()[0];
    assert_eq!(p1.variants.len(), 2, "the stored variant is kept");
    assert_eq!(p1.barcodes, ["04006381333931"], "no barcodes column: kept");
    let created = &plan.created()[0];
    assert_eq!((created.sku.as_str(), created.price), ("N-1", 250));
    assert_eq!(created.variants[0].price, Some(275));
    assert_eq!(plan.products.len(), 4, "the whole catalog after the import");
}

async fn app_with_store() -> Vec<(App, Principal, caisse_store::testing::TestDb)> {
    let mut out = Vec::new();
    for (_, test_db) in all_backends().await {
        let (app, store) = crate::test_support::app_with_store(&test_db.db).await;
        let who = Principal::system(store.id, Uuid::nil());
        out.push((app, who, test_db));
    }
    out
}

#[tokio::test]
async fn an_import_is_stored_and_indexed_on_both_backends() {
    let csv = "sku,parent_sku,name,brand,category,price,barcodes,supplier,attributes\n\
TEE,,T-shirt,Acme,Clothes / Tops,12.00,,Textiles Sud,\n\
TEE-M,TEE,M,,,,4006381333931,,size=M\n\
TEE-L,TEE,L,,,13.00,5901234123457,,size=L\n\
MUG,,Mug,,Kitchen,4.50,036000291452,,\n";
    for (app, who, _db) in app_with_store().await {
        let dry = import_products(&app, &who, csv.as_bytes(), true, &|_, _| {})
            .await
            .expect("dry run");
        assert_eq!((dry.created, dry.dry_run), (4, true));
        let stored = caisse_store::catalog::all_products(&app.db, who.store_id)
            .await
            .expect("read back");
        assert!(stored.is_empty(), "a dry run writes nothing");

        let done = import_products(&app, &who, csv.as_bytes(), false, &|_, _| {})
            .await
            .expect("import");
        assert_eq!((done.created, done.updated), (4, 0));
        let stored = caisse_store::catalog::all_products(&app.db, who.store_id)
            .await
            .expect("read back");
        let tee = stored
            .iter()
            .find(|p| p.sku.as_str() == "TEE")
            .expect("TEE");
        assert_eq!(tee.brand.as_deref(), Some("Acme"));
        assert!(tee.category_id.is_some() && tee.supplier_id.is_some());
        let variants: Vec<(&str, Option<i64>, &[String])> = tee
            .variants
            .iter()
            .map(|v| (v.sku.as_str(), v.price, v.barcodes.as_slice()))
            .collect();
        assert_eq!(
            variants,
            [
                ("TEE-M", None, &["04006381333931".to_owned()][..]),
                ("TEE-L", Some(1300), &["05901234123457".to_owned()][..]),
            ]
        );
        let found = |gtin: u64| {
            app.catalog
                .read(who.store_id, |sc| {
                    sc.index.lookup_barcode(gtin).map(|e| e.sku)
                })
                .flatten()
        };
        assert_eq!(found(4_006_381_333_931).as_deref(), Some("TEE-M"));
        assert_eq!(found(36_000_291_452).as_deref(), Some("MUG"));

        let same = import_products(&app, &who, csv.as_bytes(), false, &|_, _| {})
            .await
            .expect("same file again");
        assert_eq!((same.created, same.updated, same.unchanged), (0, 0, 4));
        assert_eq!(found(5_901_234_123_457).as_deref(), Some("TEE-L"));

        // Moving a barcode to a new product in a second import frees it first.
        let again = "sku,name,price,barcodes\nMUG,Mug,4.50,\nCUP,Cup,3.00,036000291452\n";
        let done = import_products(&app, &who, again.as_bytes(), false, &|_, _| {})
            .await
            .expect("second import");
        assert_eq!((done.created, done.updated), (1, 1));
        assert_eq!(found(36_000_291_452).as_deref(), Some("CUP"));

        let bad = "sku,name,price\nX-1,Fine,1.00\nX-2,Bad,-1\n";
        let refused = import_products(&app, &who, bad.as_bytes(), false, &|_, _| {}).await;
        assert!(matches!(refused, Err(AppError::InvalidCsv(e)) if e.len() == 1));
        let count = caisse_store::catalog::all_products(&app.db, who.store_id)
            .await
            .expect("read back")
            .len();
        assert_eq!(count, 3, "a bad file imports nothing");
    }
}

#[tokio::test]
async fn installing_an_import_keeps_a_change_committed_after_it() {
    for (app, who, _db) in app_with_store().await {
        let store = crate::catalog::store_of(&app, who.store_id).expect("store");
        let a = stored_product("A-1", "04006381333931", None);
        let b = stored_product("B-1", "05901234123457", None);
        // The import's catalog, built from what it wrote (version 3 of both products).
        let prepared = crate::catalog::prepare_store(store, &[a.clone(), b.clone()], &[]);
        // Meanwhile another writer, whose turn came after the import's commit, changed A-1 and
        // created C-1, and applied both to the catalog in service.
        let mut newer = a.clone();
        newer.name = "Renamed after the import".into();
        newer.version += 1;
        app.catalog.apply(who.store_id, &newer, None);
        let c = stored_product("C-1", "00036000291452", None);
        app.catalog.apply(who.store_id, &c, None);
        app.catalog.install(prepared);
        let name_of = |gtin: u64| {
            app.catalog
                .read(who.store_id, |sc| {
                    sc.index.lookup_barcode(gtin).map(|e| e.name)
                })
                .flatten()
        };
        assert_eq!(
            name_of(4_006_381_333_931).as_deref(),
            Some("Renamed after the import")
        );
        assert_eq!(name_of(5_901_234_123_457).as_deref(), Some("Stored B-1"));
        assert_eq!(name_of(36_000_291_452).as_deref(), Some("Stored C-1"));
        let item = app
            .catalog
            .read(who.store_id, |sc| sc.item(newer.id).map(|i| i.name.clone()))
            .flatten();
        assert_eq!(item.as_deref(), Some("Renamed after the import"));
    }
}

#[test]
fn line_numbers_are_the_same_whatever_the_line_endings() {
    // Spreadsheets write CRLF; a file pieced together may mix endings. Quoted cells may hold
    // line breaks of either kind, which count as lines of the file (a name may not hold one,
    // so the record on line 2 is refused too).
    let files = [
        "sku,name,price\nA1,Apple,1.00\nA2,,1.00\n",
        "sku,name,price\r\nA1,Apple,1.00\r\nA2,,1.00\r\n",
        "sku,name,price\r\nA1,Apple,1.00\nA2,,1.00",
    ];
    for csv in files {
        let errors = plan_file(csv, Vec::new()).err().expect("refused");
        assert_eq!(lines_and_columns(&errors), vec![(3, "name")], "{csv:?}");
    }
    let multi = [
        "sku,name,price\n\"A1\",\"Apple\nred\",1.00\nA2,,1.00\n",
        "sku,name,price\r\n\"A1\",\"Apple\r\nred\",1.00\r\nA2,,1.00\r\n",
    ];
    for csv in multi {
        let errors = plan_file(csv, Vec::new()).err().expect("refused");
        assert_eq!(
            lines_and_columns(&errors),
            vec![(2, "name"), (4, "name")],
            "{csv:?}"
        );
    }
}
