//! `caisse bench restock`: restock suggestions over a store with N items and a year of sales.
//!
//! The data is generated straight into the database in bulk (a synthetic catalog through the
//! normal import, then 20 suppliers, each item listed with one of them as preferred, and a
//! year of movements booked through the ledger's own bulk `apply` in large transactions: an
//! opening stock, sales on a per-item rhythm, and a delivery whenever the stock runs low).
//! Then the suggestions are computed in-process, as the API computes them, and timed.

use std::time::Instant;

use anyhow::Context;
use caisse_app::App;
use caisse_core::catalog::Store;
use caisse_core::search::synthetic::SplitMix64;
use caisse_store::Db;
use caisse_store::purchasing::{SupplierItemRow, SupplierRow};
use caisse_store::stock::MovementRow;
use serde_json::{Value, json};
use uuid::Uuid;

const DAY_US: i64 = 86_400_000_000;

/// What to run.
pub struct Options {
    /// Items.
    pub items: usize,
    /// Days of sales averaged.
    pub window_days: i64,
    /// Database URL (a fresh SQLite file when `None`).
    pub db: Option<String>,
}

/// Runs the benchmark and returns its JSON report.
pub async fn run(o: Options) -> anyhow::Result<Value> {
    let dir = std::env::temp_dir().join(format!("caisse-bench-restock-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (url, backend, schema) = match &o.db {
        Some(u) if u.starts_with("postgres") => {
            let (url, schema) = crate::bench_checkout::postgres_schema(u).await?;
            (url, "postgres", Some(schema))
        }
        Some(u) => (u.clone(), "sqlite", None),
        None => (
            dir.join("bench.db").to_string_lossy().into_owned(),
            "sqlite",
            None,
        ),
    };
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    let err = |e: caisse_app::AppError| anyhow::anyhow!(e.to_string());
    let app = App::start(db.clone()).await.map_err(err)?;
    let t_gen = Instant::now();
    let store = Store {
        id: Uuid::now_v7(),
        name: "Bench".into(),
        currency: "EUR".into(),
        locale: "fr-FR".into(),
        time_zone: "Europe/Paris".into(),
        tax_mode: "inclusive".into(),
        scale_layout: "none".into(),
    };
    caisse_app::catalog::create_store(&app, store.clone())
        .await
        .map_err(err)?;
    let owner = caisse_app::auth::Principal::system(store.id, Uuid::nil());
    let csv = crate::bench_import::synthetic_csv(o.items, 11);
    caisse_app::import::import_products(&app, &owner, csv.as_bytes(), false, &|_, _| {})
        .await
        .map_err(err)?;
    let items = caisse_store::restock::sellable_items(&db, store.id).await?;
    let location = caisse_store::stock_setup::policy(&db, store.id)
        .await?
        .selling_location_id
        .context("a selling location")?;
    let now = caisse_app::now_us();
    let mut rng = SplitMix64::new(2026);
    let mut tx = db.begin().await?;
    let mut suppliers = Vec::new();
    for i in 0..20 {
        let s = SupplierRow {
            id: Uuid::now_v7(),
            store_id: store.id,
            name: format!("Supplier {i:02}"),
            code: Some(format!("S{i:02}")),
            contact: None,
            email: None,
            phone: None,
            lead_time_days: i32::try_from(1 + rng.below(14)).unwrap_or(7),
            min_order: i64::try_from(rng.below(4) * 10_000).unwrap_or(0),
            currency: None,
            active: true,
            created_at: now,
            updated_at: now,
        };
        caisse_store::purchasing::insert_supplier(&mut tx, &s).await?;
        suppliers.push(s.id);
    }
    let rows: Vec<SupplierItemRow> = items
        .iter()
        .map(|&(item_id, product_id)| SupplierItemRow {
            store_id: store.id,
            supplier_id: suppliers[rng.below(20)],
            item_id,
            product_id,
            supplier_ref: None,
            unit_cost: i64::try_from(20 + rng.below(2000)).unwrap_or(100),
            pack_size: (rng.below(3) == 0).then_some(6000),
            preferred: true,
            updated_at: now,
        })
        .collect();
    caisse_store::purchasing::insert_items(&mut tx, &rows).await?;
    tx.commit().await?;
    // A year of movements, day by day across all items, booked in large transactions.
    let start = now - 365 * DAY_US;
    // Per item: (every how many days it sells, units per sale, on hand now).
    let mut rhythm: Vec<(usize, i64, i64)> = items
        .iter()
        .map(|_| {
            (
                3 + rng.below(28),
                i64::try_from(1 + rng.below(3)).unwrap_or(1) * 1000,
                0,
            )
        })
        .collect();
    let mut batch: Vec<MovementRow> = Vec::with_capacity(200_000);
    let mut movements = 0u64;
    let mk = |item: (Uuid, Uuid), kind: &str, quantity: i64, at: i64| MovementRow {
        id: Uuid::now_v7(),
        store_id: store.id,
        location_id: location,
        item_id: item.0,
        product_id: item.1,
        kind: kind.into(),
        reason: (kind == "adjustment").then(|| "correction".into()),
        quantity,
        unit_cost: None,
        document_id: None,
        line_no: None,
        user_id: None,
        occurred_at: at,
    };
    for day in 0..365usize {
        let at = start + i64::try_from(day).unwrap_or(0) * DAY_US + DAY_US / 2;
        for (i, &item) in items.iter().enumerate() {
            let (every, units, on_hand) = &mut rhythm[i];
            if day == 0 {
                *on_hand = *units * 10;
                batch.push(mk(item, "adjustment", *on_hand, at - 1000));
            }
            if (day + i) % *every == 0 {
                batch.push(mk(item, "sale", -*units, at));
                *on_hand -= *units;
                // Delivered when low, except now and then (the item stays out a while).
                if *on_hand <= *units && rng.below(4) != 0 {
                    batch.push(mk(item, "receipt", *units * 8, at + 1000));
                    *on_hand += *units * 8;
                }
            }
        }
        if batch.len() >= 150_000 || day == 364 {
            let mut tx = db.begin_bulk(256 * 1024).await?;
            caisse_store::stock::apply(&mut tx, &batch).await?;
            tx.commit().await?;
            movements += batch.len() as u64;
            batch.clear();
        }
    }
    let generate_ms = t_gen.elapsed().as_millis();
    // Warm once (the first read pulls the window's pages in), then time.
    let _ = caisse_app::purchasing::suggestions::compute(&app, store.id, o.window_days, None)
        .await
        .map_err(err)?;
    let t = Instant::now();
    let view = caisse_app::purchasing::suggestions::compute(&app, store.id, o.window_days, None)
        .await
        .map_err(err)?;
    let compute_ms = t.elapsed().as_millis();
    let window_rows = caisse_store::restock::window(
        &db,
        store.id,
        now - o.window_days * DAY_US,
        caisse_app::now_us(),
    )
    .await?
    .len();
    let lines: usize = view.groups.iter().map(|g| g.lines.len()).sum();
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    if let (Some(schema), Some(admin_url)) = (&schema, &o.db) {
        let admin = Db::connect(admin_url).await?;
        caisse_store::testing::execute_raw(&admin, &format!("DROP SCHEMA {schema} CASCADE"))
            .await?;
        admin.close().await;
    }
    Ok(json!({
        "backend": backend,
        "items": items.len(),
        "movements": movements,
        "window_days": o.window_days,
        "window_movements": window_rows,
        "generate_ms": generate_ms,
        "compute_ms": compute_ms,
        "items_evaluated": view.items_evaluated,
        "suppliers_with_suggestions": view.groups.len(),
        "suggested_lines": lines,
    }))
}
