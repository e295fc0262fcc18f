//! `caisse bench receiving`: a 500-line delivery received by scanning, over HTTP, against a
//! real `caisse serve` process. The database is prepared first (a store, an owner, a synthetic
//! catalog); then, through the API: a supplier, a purchase order of N lines of `units` each,
//! sent, a receiving session, every unit scanned by its barcode one request after the other
//! (as a scanner would), and the confirmation. Each scan's latency is measured on the client.

use std::time::Instant;

use anyhow::Context;
use caisse_app::App;
use caisse_core::catalog::Store;
use caisse_core::search::synthetic::synthetic_entries;
use caisse_store::Db;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

use crate::bench_checkout::{BENCH_PASSWORD, Http, call, percentile_ms, start_server};

/// What to run.
pub struct Options {
    /// Lines on the order.
    pub lines: usize,
    /// Units per line (each scanned once).
    pub units: usize,
    /// Database URL (a fresh SQLite file when `None`).
    pub db: Option<String>,
}

/// Runs the benchmark and returns its JSON report.
pub async fn run(o: Options) -> anyhow::Result<Value> {
    let dir = std::env::temp_dir().join(format!("caisse-bench-receiving-{}", std::process::id()));
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
    let products = o.lines.max(1) * 4;
    {
        let db = Db::connect(&url).await?;
        db.migrate().await?;
        let err = |e: caisse_app::AppError| anyhow::anyhow!(e.to_string());
        let app = App::start(db.clone()).await.map_err(err)?;
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
            .map_err(err)?;
        caisse_app::auth::create_user(
            &app,
            store.id,
            None,
            caisse_app::auth::NewUser {
                login: "bench-owner".into(),
                display_name: None,
                role: "owner".into(),
                password: BENCH_PASSWORD.into(),
                pin: None,
            },
        )
        .await
        .map_err(err)?;
        let owner = caisse_app::auth::Principal::system(store.id, uuid::Uuid::nil());
        let csv = crate::bench_import::synthetic_csv(products, 5);
        caisse_app::import::import_products(&app, &owner, csv.as_bytes(), false, &|_, _| {})
            .await
            .map_err(err)?;
        db.close().await;
    }
    let codes: Vec<String> = synthetic_entries(products, 5)
        .into_iter()
        .filter(|e| e.active)
        .filter_map(|e| e.barcodes.first().map(|b| format!("{b:013}")))
        .take(o.lines)
        .collect();
    let (child, addr) = start_server(&url).await?;
    let base = format!("http://{addr}");
    let http: Http = Client::builder(TokioExecutor::new()).build_http();
    let login = {
        let req = hyper::Request::builder()
            .method("POST")
            .uri(format!("{base}/api/v1/auth/login"))
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(
                json!({"login": "bench-owner", "password": BENCH_PASSWORD}).to_string(),
            )))?;
        let res = http.request(req).await?;
        let bytes = http_body_util::BodyExt::collect(res.into_body())
            .await?
            .to_bytes();
        let v: Value = serde_json::from_slice(&bytes)?;
        v["token"].as_str().context("sign-in token")?.to_owned()
    };
    let supplier = call(
        &http,
        "POST",
        format!("{base}/api/v1/suppliers"),
        &login,
        None,
        json!({"name": "Bench supplier"}),
        true,
    )
    .await?;
    let supplier = supplier["id"].as_str().context("supplier id")?.to_owned();
    let mut lines = Vec::new();
    for code in &codes {
        let found = call(
            &http,
            "GET",
            format!("{base}/api/v1/catalog/lookup?code={code}"),
            &login,
            None,
            Value::Null,
            true,
        )
        .await?;
        lines.push(json!({"item_id": found["item"]["item_id"], "quantity": o.units.to_string(), "unit_cost": 100}));
    }
    let po = call(
        &http,
        "POST",
        format!("{base}/api/v1/purchase-orders"),
        &login,
        None,
        json!({"supplier_id": supplier, "lines": lines}),
        true,
    )
    .await?;
    let po = po["id"].as_str().context("order id")?.to_owned();
    call(
        &http,
        "POST",
        format!("{base}/api/v1/purchase-orders/{po}/send"),
        &login,
        None,
        json!({}),
        false,
    )
    .await?;
    let session = call(
        &http,
        "POST",
        format!("{base}/api/v1/purchase-orders/{po}/receiving"),
        &login,
        None,
        json!({}),
        true,
    )
    .await?;
    let session = session["id"].as_str().context("session id")?.to_owned();
    let mut scans_us = Vec::with_capacity(codes.len() * o.units);
    let t0 = Instant::now();
    for _ in 0..o.units {
        for code in &codes {
            let t = Instant::now();
            call(
                &http,
                "POST",
                format!("{base}/api/v1/receiving/{session}/scans"),
                &login,
                None,
                json!({"code": code}),
                false,
            )
            .await?;
            scans_us.push(u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX));
        }
    }
    let scanning_ms = t0.elapsed().as_millis();
    let t = Instant::now();
    let receipt = call(
        &http,
        "POST",
        format!("{base}/api/v1/receiving/{session}/confirm"),
        &login,
        Some("bench-confirm"),
        json!({}),
        true,
    )
    .await?;
    let confirm_ms = t.elapsed().as_millis();
    drop(child);
    let _ = std::fs::remove_dir_all(&dir);
    if let (Some(schema), Some(admin_url)) = (&schema, &o.db) {
        let admin = Db::connect(admin_url).await?;
        caisse_store::testing::execute_raw(&admin, &format!("DROP SCHEMA {schema} CASCADE"))
            .await?;
        admin.close().await;
    }
    let scans = scans_us.len();
    Ok(json!({
        "backend": backend,
        "lines": codes.len(),
        "units_per_line": o.units,
        "scans": scans,
        "scan_p50_ms": percentile_ms(&mut scans_us, 50),
        "scan_p99_ms": percentile_ms(&mut scans_us, 99),
        "scan_max_ms": percentile_ms(&mut scans_us, 100),
        "scanning_ms": scanning_ms,
        "confirm_ms": confirm_ms,
        "po_status": receipt["po_status"],
        "receipt_lines": receipt["lines"].as_array().map_or(0, Vec::len),
    }))
}
