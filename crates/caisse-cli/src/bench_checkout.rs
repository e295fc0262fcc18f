//! `caisse bench checkout`: a real `caisse serve` process driven over HTTP by N tills.
//!
//! The database is prepared first (a store, a cashier, a synthetic catalog imported through
//! the normal import, one register per till with its drawer open). Then the binary itself is
//! started as a server in a child process, and each till loops: open a sale, scan three
//! random products by barcode, pay cash, complete — each request waiting for the previous
//! one, like a cashier. Latencies are measured on the client; the server's CPU time is read
//! from `/proc/<pid>/stat` before and after. Afterwards the database is checked: every sale
//! the server acknowledged is there, with its stock movements, and the journal verifies.

use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use caisse_app::App;
use caisse_app::auth::{NewUser, Principal};
use caisse_app::checkout::registers::{OpenDrawer, RegisterDraft};
use caisse_core::catalog::Store;
use caisse_core::search::synthetic::{SplitMix64, synthetic_entries};
use caisse_core::staff::Role;
use caisse_store::Db;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

pub(crate) type Http = Client<HttpConnector, Full<Bytes>>;

/// What to run.
pub struct Options {
    /// Concurrent tills.
    pub tills: usize,
    /// Catalog size.
    pub products: usize,
    /// How long to sell.
    pub seconds: u64,
    /// Database URL (a fresh SQLite file when `None`).
    pub db: Option<String>,
}

/// What one till measured.
#[derive(Default)]
struct TillStats {
    sales: u64,
    scans_us: Vec<u64>,
    complete_us: Vec<u64>,
    sale_us: Vec<u64>,
    errors: u64,
}

pub(crate) async fn prepare(
    db: &Db,
    o: &Options,
) -> anyhow::Result<(Vec<(String, String)>, Vec<String>)> {
    let app = App::start(db.clone())
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
    let err = |e: caisse_app::AppError| anyhow::anyhow!(e.to_string());
    caisse_app::catalog::create_store(&app, store.clone())
        .await
        .map_err(err)?;
    let system = Principal::system(store.id, uuid::Uuid::nil());
    // A real owner account: devices are paired by a person, recorded by id.
    let owner_row = caisse_app::auth::create_user(
        &app,
        store.id,
        None,
        NewUser {
            login: "bench-owner".into(),
            display_name: None,
            role: "owner".into(),
            password: BENCH_PASSWORD.into(),
            pin: None,
        },
    )
    .await
    .map_err(err)?;
    let owner = Principal {
        user_id: owner_row.id,
        role: Role::Owner,
        ..system
    };
    let cashier = caisse_app::auth::create_user(
        &app,
        store.id,
        None,
        NewUser {
            login: "bench".into(),
            display_name: None,
            role: "cashier".into(),
            password: BENCH_PASSWORD.into(),
            pin: Some(BENCH_PIN.into()),
        },
    )
    .await
    .map_err(err)?;
    let csv = crate::bench_import::synthetic_csv(o.products, 7);
    caisse_app::import::import_products(&app, &owner, csv.as_bytes(), false, &|_, _| {})
        .await
        .map_err(err)?;
    let codes: Vec<String> = synthetic_entries(o.products, 7)
        .into_iter()
        .filter(|e| e.active)
        .filter_map(|e| e.barcodes.first().map(|b| format!("{b:013}")))
        .collect();
    let as_cashier = Principal {
        user_id: cashier.id,
        role: Role::Cashier,
        ..owner.clone()
    };
    let mut registers = Vec::new();
    for i in 1..=o.tills {
        let r = caisse_app::checkout::registers::create_register(
            &app,
            &owner,
            RegisterDraft {
                code: format!("B{i}"),
                name: format!("Bench till {i}"),
                printer: None,
                receipt_width: None,
            },
        )
        .await
        .map_err(err)?;
        caisse_app::checkout::registers::open_drawer(
            &app,
            &as_cashier,
            r.id,
            OpenDrawer {
                float: Some(20_000.into()),
                count: None,
            },
        )
        .await
        .map_err(err)?;
        // Each till is a device paired with its register, as a manager would pair it.
        let pairing = caisse_app::auth::PairDevice {
            register_id: r.id,
            name: None,
        };
        let device = caisse_app::auth::pair_device(&app, &owner, pairing)
            .await
            .map_err(err)?;
        registers.push((r.id.to_string(), device.token));
    }
    Ok((registers, codes))
}

/// The bench cashier's password and PIN (not the demo: they follow the rules).
pub(crate) const BENCH_PASSWORD: &str = "bench-cashier-2026";
pub(crate) const BENCH_PIN: &str = "5827";

/// Starts `caisse serve` on a free port and returns the child and its address.
pub(crate) async fn start_server(db_url: &str) -> anyhow::Result<(tokio::process::Child, String)> {
    let exe = std::env::current_exe().context("finding the caisse binary")?;
    let mut child = tokio::process::Command::new(exe)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("CAISSE_DB", db_url)
        .env("CAISSE_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .context("starting the server")?;
    let stdout = child.stdout.take().context("server stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let addr = tokio::time::timeout(Duration::from_secs(120), async {
        while let Some(line) = lines.next_line().await? {
            if let Some(rest) = line.strip_prefix("Caisse is listening on http://") {
                return Ok::<_, anyhow::Error>(rest.trim_end_matches("/admin").to_owned());
            }
        }
        bail!("the server exited before listening")
    })
    .await
    .context("waiting for the server")??;
    // Keep draining stdout so the child never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok((child, addr))
}

/// CPU time (user + system) of a process in milliseconds, from `/proc/<pid>/stat`.
fn cpu_ms(pid: u32) -> anyhow::Result<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat
        .rsplit_once(')')
        .map(|(_, r)| r)
        .context("bad /proc stat")?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| -> anyhow::Result<u64> {
        Ok(fields.get(i).context("short /proc stat")?.parse::<u64>()?)
    };
    // utime and stime are fields 14 and 15 of the whole line, 11 and 12 after the name.
    // USER_HZ is 100 on Linux: one tick is 10 ms.
    Ok((ticks(11)? + ticks(12)?) * 10)
}

/// Sends a request; parses the answer only when `parse` (a till reads what it needs).
pub(crate) async fn call(
    http: &Http,
    method: &str,
    url: String,
    token: &str,
    key: Option<&str>,
    body: Value,
    parse: bool,
) -> anyhow::Result<Value> {
    let mut req = hyper::Request::builder()
        .method(method)
        .uri(url)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"));
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    let res = http
        .request(req.body(Full::new(Bytes::from(body.to_string())))?)
        .await?;
    let status = res.status();
    let bytes = res.into_body().collect().await?.to_bytes();
    if !status.is_success() {
        bail!("{status}: {}", String::from_utf8_lossy(&bytes));
    }
    if !parse {
        return Ok(Value::Null);
    }
    Ok(serde_json::from_slice(&bytes)?)
}

async fn till(
    http: Http,
    base: String,
    token: String,
    register: String,
    codes: Arc<Vec<String>>,
    seed: u64,
    stop: Arc<AtomicBool>,
) -> TillStats {
    let mut rng = SplitMix64::new(seed);
    let mut st = TillStats::default();
    let mut n = 0u64;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let t0 = Instant::now();
        let result: anyhow::Result<()> = async {
            let sale = call(
                &http,
                "POST",
                format!("{base}/api/v1/sales"),
                &token,
                None,
                json!({"register_id": register}),
                true,
            )
            .await?;
            let id = sale["id"].as_str().context("sale id")?.to_owned();
            for _ in 0..3 {
                let i = rng.below(codes.len());
                let t = Instant::now();
                call(
                    &http,
                    "POST",
                    format!("{base}/api/v1/sales/{id}/lines"),
                    &token,
                    None,
                    json!({"code": codes[i]}),
                    false,
                )
                .await?;
                st.scans_us
                    .push(u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX));
            }
            let key = format!("{register}-{n}");
            call(
                &http,
                "POST",
                format!("{base}/api/v1/sales/{id}/payments"),
                &token,
                Some(&format!("{key}-p")),
                json!({"kind": "cash", "amount": 20_000}),
                false,
            )
            .await?;
            let t = Instant::now();
            call(
                &http,
                "POST",
                format!("{base}/api/v1/sales/{id}/complete"),
                &token,
                Some(&format!("{key}-c")),
                json!({}),
                false,
            )
            .await?;
            st.complete_us
                .push(u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX));
            Ok(())
        }
        .await;
        match result {
            Ok(()) => {
                st.sales += 1;
                st.sale_us
                    .push(u64::try_from(t0.elapsed().as_micros()).unwrap_or(u64::MAX));
            }
            Err(e) => {
                st.errors += 1;
                if st.errors <= 3 {
                    eprintln!("till {register}: {e:#}");
                }
            }
        }
    }
    st
}

/// The `p`th percentile of microsecond samples, in milliseconds with two decimals.
pub(crate) fn percentile_ms(v: &mut [u64], p: usize) -> String {
    if v.is_empty() {
        return "0".into();
    }
    v.sort_unstable();
    let i = (v.len() * p / 100).min(v.len() - 1);
    format!("{}.{:02}", v[i] / 1000, (v[i] % 1000) / 10)
}

/// A fresh PostgreSQL schema for the run, and the URL that selects it.
pub(crate) async fn postgres_schema(url: &str) -> anyhow::Result<(String, String)> {
    let schema = format!("caisse_bench_{}", uuid::Uuid::now_v7().simple());
    let admin = Db::connect(url).await?;
    caisse_store::testing::execute_raw(&admin, &format!("CREATE SCHEMA {schema}")).await?;
    admin.close().await;
    let sep = if url.contains('?') { '&' } else { '?' };
    Ok((
        format!("{url}{sep}options=-c%20search_path%3D{schema}"),
        schema,
    ))
}

/// Runs the benchmark and returns its JSON report.
pub async fn run(o: Options) -> anyhow::Result<Value> {
    let dir = std::env::temp_dir().join(format!("caisse-bench-checkout-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (url, backend, schema) = match &o.db {
        Some(u) if u.starts_with("postgres") => {
            let (url, schema) = postgres_schema(u).await?;
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
    let t_prep = Instant::now();
    let (registers, codes) = prepare(&db, &o).await?;
    db.close().await;
    let prepare_ms = t_prep.elapsed().as_millis();
    let (child, addr) = start_server(&url).await?;
    let pid = child.id().context("server pid")?;
    let base = format!("http://{addr}");
    let http: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(o.tills * 2)
        .build_http();
    // Every till signs in as a till does: the cashier's PIN on its paired device.
    let mut logins = Vec::new();
    for (reg, device) in &registers {
        let body = json!({"login": "bench", "pin": BENCH_PIN, "register_id": reg});
        let req = hyper::Request::builder()
            .method("POST")
            .uri(format!("{base}/api/v1/auth/login"))
            .header("content-type", "application/json")
            .header("x-caisse-device", device.as_str())
            .body(Full::new(Bytes::from(body.to_string())))?;
        let res = http.request(req).await?;
        let bytes = res.into_body().collect().await?.to_bytes();
        let v: Value = serde_json::from_slice(&bytes)?;
        logins.push(
            v["token"]
                .as_str()
                .context("till sign-in token")?
                .to_owned(),
        );
    }
    let codes = Arc::new(codes);
    let stop = Arc::new(AtomicBool::new(false));
    let cpu0 = cpu_ms(pid)?;
    let client0 = cpu_ms(std::process::id())?;
    let t0 = Instant::now();
    let mut handles = Vec::new();
    for (i, ((reg, _), login)) in registers.iter().zip(&logins).enumerate() {
        handles.push(tokio::spawn(till(
            http.clone(),
            base.clone(),
            login.clone(),
            reg.clone(),
            codes.clone(),
            1000 + i as u64,
            stop.clone(),
        )));
    }
    tokio::time::sleep(Duration::from_secs(o.seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = TillStats::default();
    for h in handles {
        let s = h.await?;
        all.sales += s.sales;
        all.errors += s.errors;
        all.scans_us.extend(s.scans_us);
        all.complete_us.extend(s.complete_us);
        all.sale_us.extend(s.sale_us);
    }
    let elapsed = t0.elapsed();
    let cpu1 = cpu_ms(pid)?;
    let client1 = cpu_ms(std::process::id())?;
    drop(child);
    // Check what the server acknowledged is all there.
    let db = Db::connect(&url).await?;
    let stored = caisse_store::testing::query_i64(
        &db,
        "SELECT COUNT(*) FROM sales WHERE status = 'completed'",
    )
    .await?;
    let moves =
        caisse_store::testing::query_i64(&db, "SELECT COUNT(*) FROM stock_movements").await?;
    let chains = caisse_app::checkout::journal::verify_all(&db)
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let journal_ok = chains.iter().all(|c| c.problem.is_none());
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    if let (Some(schema), Some(admin_url)) = (&schema, &o.db) {
        // The run's data is not kept: drop the schema it used.
        let admin = Db::connect(admin_url).await?;
        caisse_store::testing::execute_raw(&admin, &format!("DROP SCHEMA {schema} CASCADE"))
            .await?;
        admin.close().await;
    }
    let secs_ms = elapsed.as_millis().max(1);
    let sales = u128::from(all.sales);
    Ok(json!({
        "backend": backend,
        "tills": o.tills,
        "products": o.products,
        "seconds": format!("{}.{:03}", secs_ms / 1000, secs_ms % 1000),
        "sales": all.sales,
        "errors": all.errors,
        "sales_per_s": format!("{}.{}", sales * 1000 / secs_ms, (sales * 10_000 / secs_ms) % 10),
        "scan_p50_ms": percentile_ms(&mut all.scans_us, 50),
        "scan_p99_ms": percentile_ms(&mut all.scans_us, 99),
        "complete_p50_ms": percentile_ms(&mut all.complete_us, 50),
        "complete_p99_ms": percentile_ms(&mut all.complete_us, 99),
        "sale_p50_ms": percentile_ms(&mut all.sale_us, 50),
        "server_cpu_ms": cpu1 - cpu0,
        "server_cpu_ms_per_sale": Ratio(cpu1 - cpu0, all.sales).to_string(),
        "client_cpu_ms_per_sale": Ratio(client1 - client0, all.sales).to_string(),
        "prepare_ms": prepare_ms,
        "stored_sales": stored,
        "stock_movements": moves,
        "all_acknowledged_sales_stored": u64::try_from(stored).unwrap_or(0) == all.sales,
        "journal_verified": journal_ok,
    }))
}

/// A ratio printed with three decimals, in integers.
struct Ratio(u64, u64);

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Ratio(n, d) = *self;
        if d == 0 {
            return write!(f, "0");
        }
        let milli = u128::from(n) * 1000 / u128::from(d);
        write!(f, "{}.{:03}", milli / 1000, milli % 1000)
    }
}
