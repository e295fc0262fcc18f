//! `caisse bench import`: writes a synthetic catalog CSV, imports it into a fresh SQLite
//! database (durable settings, one all-or-nothing transaction) and reports the time taken.

use std::fmt::Write as _;
use std::time::Instant;

use caisse_app::App;
use caisse_app::auth::Principal;
use caisse_core::catalog::Store;
use caisse_core::search::synthetic::{SplitMix64, synthetic_entries};
use caisse_store::Db;

/// Builds a CSV of `rows` products (name, brand, category path, price, cost, barcode).
pub fn synthetic_csv(rows: usize, seed: u64) -> String {
    let mut rng = SplitMix64::new(seed);
    let mut csv = String::with_capacity(rows * 110);
    csv.push_str("sku,name,brand,category,unit,price,cost,tax_category,barcodes\n");
    for e in synthetic_entries(rows, seed) {
        let cents = 50 + rng.below(4950);
        let cost = cents * 6 / 10;
        let barcode = e
            .barcodes
            .first()
            .map(|b| format!("{b:013}"))
            .unwrap_or_default();
        let quote = |s: &str| {
            if s.contains([',', '"']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_owned()
            }
        };
        let _ = writeln!(
            csv,
            "{},{},{},{},each,{}.{:02},{}.{:02},reduced,{}",
            e.sku,
            quote(&e.name),
            quote(e.brand.as_deref().unwrap_or("")),
            quote(e.category.as_deref().unwrap_or("")),
            cents / 100,
            cents % 100,
            cost / 100,
            cost % 100,
            barcode
        );
    }
    csv
}

/// Runs the import benchmark and returns its JSON report.
pub async fn run(rows: usize, seed: u64) -> anyhow::Result<serde_json::Value> {
    let dir = std::env::temp_dir().join(format!("caisse-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.db");
    let t0 = Instant::now();
    let csv = synthetic_csv(rows, seed);
    let generate_ms = t0.elapsed().as_millis();
    let db = Db::connect(path.to_str().unwrap_or("bench.db")).await?;
    db.migrate().await?;
    let app = App::start(db)
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let store = Store {
        id: uuid::Uuid::now_v7(),
        name: "Bench".into(),
        currency: "EUR".into(),
        locale: "fr-FR".into(),
        time_zone: "Europe/Paris".into(),
        tax_mode: "inclusive".into(),
        scale_layout: "none".into(),
    };
    caisse_app::catalog::create_store(&app, store.clone())
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let who = Principal::system(store.id, uuid::Uuid::nil());
    let t1 = Instant::now();
    let summary =
        caisse_app::import::import_products(&app, &who, csv.as_bytes(), false, &|_, _| {})
            .await
            .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let import_ms = t1.elapsed().as_millis();
    let t2 = Instant::now();
    let again = caisse_app::import::import_products(&app, &who, csv.as_bytes(), false, &|_, _| {})
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let reimport_ms = t2.elapsed().as_millis();
    app.db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(serde_json::json!({
        "rows": rows,
        "csv_mb": csv.len() / (1024 * 1024),
        "generate_ms": generate_ms,
        "import_ms": import_ms,
        "created": summary.created,
        "rows_per_s": (rows as u128 * 1000) / import_ms.max(1),
        "reimport_unchanged_ms": reimport_ms,
        "unchanged": again.unchanged,
    }))
}
