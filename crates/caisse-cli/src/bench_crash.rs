//! `caisse bench crash`: tills sell through a real `caisse serve` process while it is killed
//! with SIGKILL at random moments and started again, then everything acknowledged is checked.
//!
//! Each till is a cashier who never gives up: every request is sent again until the server
//! answers (payments and completions with the same `Idempotency-Key`, as the till does). A
//! till remembers the last sale it was shown; the server must never show it less than that
//! (an acknowledged line lost), and what is completed must be exactly that sale. Afterwards:
//! every acknowledged sale is stored once and as acknowledged, every open sale holds every
//! line its till saw, stock equals the sum of its movements and the sales, and the journal
//! verifies.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, bail};
use caisse_core::search::synthetic::SplitMix64;
use caisse_store::Db;
use http_body_util::{BodyExt, Full};
use hyper::StatusCode;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

type Http = Client<HttpConnector, Full<Bytes>>;

/// What to run.
pub struct Options {
    /// How many times the server is killed.
    pub kills: u32,
    /// Concurrent tills.
    pub tills: usize,
    /// Catalog size.
    pub products: usize,
    /// Random seed (kill moments, baskets, tenders).
    pub seed: u64,
    /// Database URL (a fresh SQLite file when `None`).
    pub db: Option<String>,
}

/// A line as a till saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SeenLine {
    line_no: u64,
    item_id: String,
    quantity: String,
    voided: bool,
}

/// A sale as a till last saw it.
#[derive(Debug, Clone)]
struct Seen {
    id: String,
    version: i64,
    total: i64,
    lines: Vec<SeenLine>,
}

impl Seen {
    fn parse(v: &Value) -> anyhow::Result<Seen> {
        let lines = v["lines"]
            .as_array()
            .context("lines")?
            .iter()
            .map(|l| SeenLine {
                line_no: l["line_no"].as_u64().unwrap_or(0),
                item_id: l["item_id"].as_str().unwrap_or("").to_owned(),
                quantity: l["quantity"].as_str().unwrap_or("").to_owned(),
                voided: l["voided"].as_bool().unwrap_or(false),
            })
            .collect();
        Ok(Seen {
            id: v["id"].as_str().context("id")?.to_owned(),
            version: v["version"].as_i64().unwrap_or(0),
            total: v["total"]["amount"].as_i64().context("total")?,
            lines,
        })
    }

    /// What of `self` (seen before) is missing from `now`: lines gone, or smaller.
    fn lost_in(&self, now: &Seen) -> Vec<String> {
        self.lines
            .iter()
            .filter(|old| {
                !now.lines.iter().any(|l| {
                    l.line_no == old.line_no
                        && l.item_id == old.item_id
                        && quantity_milli(&l.quantity) >= quantity_milli(&old.quantity)
                })
            })
            .map(|l| format!("line {} ({} x {})", l.line_no, l.item_id, l.quantity))
            .collect()
    }
}

fn quantity_milli(q: &str) -> i64 {
    use caisse_core::money::{Locale, Quantity};
    Quantity::parse(q, Locale::EnUs).map_or(-1, |q| q.milli())
}

/// A completion the server acknowledged.
struct Completed {
    seen: Seen,
    receipt: String,
}

/// What one till did and found.
#[derive(Default)]
struct TillLog {
    completed: Vec<Completed>,
    open: Option<Seen>,
    lines_acked: u64,
    resent: u64,
    violations: Vec<String>,
}

/// The server's answer.
struct Answer {
    status: StatusCode,
    body: Value,
}

/// Sends a request until the server answers it (a connection refused or reset while the
/// server is down is sent again, as a till does; so is a 5xx or a 409 for a key still in
/// flight). Returns the answer and how many times it was sent again.
async fn answered(
    http: &Http,
    url: &str,
    token: &str,
    key: Option<&str>,
    body: &Value,
) -> (Answer, u64) {
    let mut resent = 0;
    loop {
        match send(http, url, token, key, body).await {
            Ok(a)
                if a.status.is_server_error()
                    || (a.status == StatusCode::CONFLICT
                        && a.body["error"]["code"] == "idempotency_in_flight") => {}
            Ok(a) => return (a, resent),
            Err(_) => {}
        }
        resent += 1;
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn send(
    http: &Http,
    url: &str,
    token: &str,
    key: Option<&str>,
    body: &Value,
) -> anyhow::Result<Answer> {
    let mut req = hyper::Request::builder()
        .method("POST")
        .uri(url)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"));
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    let res = tokio::time::timeout(
        Duration::from_secs(10),
        http.request(req.body(Full::new(Bytes::from(body.to_string())))?),
    )
    .await??;
    let status = res.status();
    let bytes = res.into_body().collect().await?.to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Ok(Answer { status, body })
}

async fn get(http: &Http, url: &str, token: &str) -> anyhow::Result<Value> {
    let req = hyper::Request::builder()
        .method("GET")
        .uri(url)
        .header("authorization", format!("Bearer {token}"))
        .body(Full::new(Bytes::new()))?;
    let res = http.request(req).await?;
    let status = res.status();
    let bytes = res.into_body().collect().await?.to_bytes();
    if !status.is_success() {
        bail!("{status}: {}", String::from_utf8_lossy(&bytes));
    }
    Ok(serde_json::from_slice(&bytes)?)
}

/// The shared parts of a till's requests.
struct Ctx {
    http: Http,
    base: String,
    token: String,
    register: String,
    codes: Arc<Vec<String>>,
    stop: Arc<AtomicBool>,
}

impl Ctx {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Checks an answer that shows the sale against what the till saw before, and keeps it.
fn shown(log: &mut TillLog, what: &str, seen: &mut Seen, a: &Answer) -> bool {
    if !a.status.is_success() {
        log.violations.push(format!(
            "sale {}: {what} answered {}: {}",
            seen.id, a.status, a.body
        ));
        return false;
    }
    let now = match Seen::parse(&a.body) {
        Ok(now) => now,
        Err(e) => {
            log.violations
                .push(format!("sale {}: {what}: unreadable answer: {e}", seen.id));
            return false;
        }
    };
    let lost = seen.lost_in(&now);
    if !lost.is_empty() {
        log.violations.push(format!(
            "sale {}: after {what} the server shows less than it acknowledged: {} missing",
            seen.id,
            lost.join(", ")
        ));
    }
    *seen = now;
    lost.is_empty()
}

async fn till(c: Ctx, seed: u64) -> TillLog {
    let mut rng = SplitMix64::new(seed);
    let mut log = TillLog::default();
    let mut n = 0u64;
    'sales: while !c.stop.load(Ordering::Relaxed) {
        n += 1;
        let (a, r) = answered(
            &c.http,
            &c.url("/api/v1/sales"),
            &c.token,
            None,
            &json!({"register_id": c.register}),
        )
        .await;
        log.resent += r;
        let mut seen = match (a.status.is_success(), Seen::parse(&a.body)) {
            (true, Ok(s)) => s,
            _ => {
                log.violations
                    .push(format!("opening a sale answered {}: {}", a.status, a.body));
                break;
            }
        };
        log.open = Some(seen.clone());
        for _ in 0..1 + rng.below(5) {
            if c.stop.load(Ordering::Relaxed) {
                break 'sales;
            }
            let code = &c.codes[rng.below(c.codes.len())];
            let url = c.url(&format!("/api/v1/sales/{}/lines", seen.id));
            let (a, r) = answered(&c.http, &url, &c.token, None, &json!({"code": code})).await;
            log.resent += r;
            if !shown(&mut log, "a scan", &mut seen, &a) {
                continue 'sales;
            }
            log.lines_acked += 1;
            log.open = Some(seen.clone());
        }
        // A third of the sales are paid by card (the simulator declines 6.66 and times out
        // on 9.99: those are paid in cash); the rest in cash, rounded up to a whole euro.
        let card = rng.below(3) == 0 && seen.total != 666 && seen.total != 999;
        let body = if card {
            json!({"kind": "card", "amount": seen.total, "version": seen.version})
        } else {
            let cash = (seen.total + 99) / 100 * 100;
            json!({"kind": "cash", "amount": cash, "version": seen.version})
        };
        let key = format!("{}-{n}", c.register);
        let url = c.url(&format!("/api/v1/sales/{}/payments", seen.id));
        let (a, r) = answered(&c.http, &url, &c.token, Some(&format!("{key}-p")), &body).await;
        log.resent += r;
        if !shown(&mut log, "the payment", &mut seen, &a) {
            continue;
        }
        log.open = Some(seen.clone());
        let url = c.url(&format!("/api/v1/sales/{}/complete", seen.id));
        let body = json!({"version": seen.version});
        let (a, r) = answered(&c.http, &url, &c.token, Some(&format!("{key}-c")), &body).await;
        log.resent += r;
        let before = seen.clone();
        if !shown(&mut log, "the completion", &mut seen, &a) {
            continue;
        }
        if seen.lines != before.lines || seen.total != before.total {
            log.violations.push(format!(
                "sale {}: completed as {} lines for {}, the till last showed {} lines for {}",
                seen.id,
                seen.lines.len(),
                seen.total,
                before.lines.len(),
                before.total
            ));
        }
        log.open = None;
        log.completed.push(Completed {
            receipt: a.body["receipt_number"].as_str().unwrap_or("").to_owned(),
            seen,
        });
    }
    log
}

/// A free local port for the whole run: the server is started again on the same address.
fn free_port() -> anyhow::Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

/// Starts `caisse serve` (simulated card terminal) and waits until it listens.
async fn start(db_url: &str, port: u16) -> anyhow::Result<tokio::process::Child> {
    let exe = std::env::current_exe().context("finding the caisse binary")?;
    let mut child = tokio::process::Command::new(exe)
        .args(["serve", "--terminal", "simulated", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .env("CAISSE_DB", db_url)
        .env("CAISSE_LOG", "error")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .context("starting the server")?;
    let stdout = child.stdout.take().context("server stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    tokio::time::timeout(Duration::from_secs(120), async {
        while let Some(line) = lines.next_line().await? {
            if line.starts_with("Caisse is listening on") {
                return Ok::<_, anyhow::Error>(());
            }
        }
        bail!("the server exited before listening")
    })
    .await
    .context("waiting for the server")??;
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(child)
}

/// Runs the harness and returns its report (`"ok": false` with the violations found).
pub async fn run(o: Options) -> anyhow::Result<Value> {
    let dir = std::env::temp_dir().join(format!("caisse-bench-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (url, backend, schema) = match &o.db {
        Some(u) if u.starts_with("postgres") => {
            let (url, schema) = crate::bench_checkout::postgres_schema(u).await?;
            (url, "postgres", Some(schema))
        }
        Some(u) => (u.clone(), "sqlite", None),
        None => (
            dir.join("crash.db").to_string_lossy().into_owned(),
            "sqlite",
            None,
        ),
    };
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    let prep = crate::bench_checkout::Options {
        tills: o.tills,
        products: o.products,
        seconds: 0,
        db: None,
    };
    let (registers, codes) = crate::bench_checkout::prepare(&db, &prep).await?;
    db.close().await;

    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start(&url, port).await?;
    let http: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(o.tills * 2)
        .build_http();
    // Every till signs in as a till does: the cashier's PIN on its paired device (the session
    // is stored, so it outlives the kills).
    let mut tokens = Vec::new();
    for (reg, device) in &registers {
        let body =
            json!({"login": "bench", "pin": crate::bench_checkout::BENCH_PIN, "register_id": reg});
        let req = hyper::Request::builder()
            .method("POST")
            .uri(format!("{base}/api/v1/auth/login"))
            .header("content-type", "application/json")
            .header("x-caisse-device", device.as_str())
            .body(Full::new(Bytes::from(body.to_string())))?;
        let res = http.request(req).await?;
        let bytes = res.into_body().collect().await?.to_bytes();
        let v: Value = serde_json::from_slice(&bytes)?;
        tokens.push(v["token"].as_str().context("till sign-in")?.to_owned());
    }
    let codes = Arc::new(codes);
    let stop = Arc::new(AtomicBool::new(false));
    let tills: Vec<_> = registers
        .iter()
        .zip(&tokens)
        .enumerate()
        .map(|(i, ((reg, _), token))| {
            let c = Ctx {
                http: http.clone(),
                base: base.clone(),
                token: token.clone(),
                register: reg.clone(),
                codes: Arc::clone(&codes),
                stop: Arc::clone(&stop),
            };
            tokio::spawn(till(c, o.seed * 1000 + i as u64))
        })
        .collect();

    // Kill at random moments: from right after the start (carts still being loaded, requests
    // queued) to well into the selling.
    let mut rng = SplitMix64::new(o.seed);
    for _ in 0..o.kills {
        tokio::time::sleep(Duration::from_millis(
            20 + u64::try_from(rng.below(600)).unwrap_or(0),
        ))
        .await;
        server.start_kill().context("killing the server")?;
        server.wait().await?;
        server = start(&url, port).await?;
    }
    // Sell a little more after the last restart, then stop the tills between requests.
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    let mut logs = Vec::new();
    for t in tills {
        logs.push(t.await?);
    }

    let mut violations: Vec<String> = logs.iter().flat_map(|l| l.violations.clone()).collect();
    for (log, token) in logs.iter().zip(&tokens) {
        for done in &log.completed {
            let stored = get(
                &http,
                &format!("{base}/api/v1/sales/{}", done.seen.id),
                token,
            )
            .await?;
            match Seen::parse(&stored) {
                Ok(s)
                    if stored["status"] == "completed"
                        && s.lines == done.seen.lines
                        && s.total == done.seen.total => {}
                _ => violations.push(format!(
                    "sale {} ({}) is not stored as acknowledged: {stored}",
                    done.seen.id, done.receipt
                )),
            }
        }
        if let Some(open) = &log.open {
            let stored = get(&http, &format!("{base}/api/v1/sales/{}", open.id), token).await?;
            match Seen::parse(&stored) {
                Ok(s) => {
                    let lost = open.lost_in(&s);
                    if !lost.is_empty() {
                        violations.push(format!(
                            "open sale {}: acknowledged lines missing after the last restart: {}",
                            open.id,
                            lost.join(", ")
                        ));
                    }
                }
                Err(e) => violations.push(format!("open sale {}: {e}: {stored}", open.id)),
            }
        }
    }
    server.start_kill().ok();
    server.wait().await?;

    let db = Db::connect(&url).await?;
    let q = |sql: &'static str| caisse_store::testing::query_i64(&db, sql);
    let acknowledged: u64 = logs.iter().map(|l| l.completed.len() as u64).sum();
    let stored = q("SELECT CAST(COUNT(*) AS BIGINT) FROM sales WHERE status = 'completed'").await?;
    if u64::try_from(stored).unwrap_or(0) != acknowledged {
        violations.push(format!(
            "{stored} completed sales stored, {acknowledged} acknowledged"
        ));
    }
    let off_ledger = q(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM stock_levels l WHERE l.on_hand <> \
         (SELECT COALESCE(SUM(m.quantity), 0) FROM stock_movements m \
          WHERE m.store_id = l.store_id AND m.location_id = l.location_id AND m.item_id = l.item_id)",
    )
    .await?;
    if off_ledger != 0 {
        violations.push(format!(
            "{off_ledger} items whose on-hand is not the sum of their movements"
        ));
    }
    let moved = q("SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM stock_movements").await?;
    let sold = q(
        "SELECT CAST(COALESCE(SUM(l.quantity), 0) AS BIGINT) FROM sale_lines l \
         JOIN sales s ON s.id = l.sale_id WHERE s.status = 'completed' AND NOT l.voided",
    )
    .await?;
    if moved != -sold {
        violations.push(format!(
            "stock moved by {moved} thousandths, the completed sales sold {sold}"
        ));
    }
    let chains = caisse_app::checkout::journal::verify_all(&db)
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    for c in chains.iter().filter(|c| c.problem.is_some()) {
        violations.push(format!(
            "journal of register {}: {:?}",
            c.register_id, c.problem
        ));
    }
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    if let (Some(schema), Some(admin_url)) = (&schema, &o.db) {
        let admin = Db::connect(admin_url).await?;
        caisse_store::testing::execute_raw(&admin, &format!("DROP SCHEMA {schema} CASCADE"))
            .await?;
        admin.close().await;
    }
    let shown: Vec<&String> = violations.iter().take(20).collect();
    Ok(json!({
        "backend": backend,
        "kills": o.kills,
        "tills": o.tills,
        "seed": o.seed,
        "sales_acknowledged": acknowledged,
        "sales_stored": stored,
        "lines_acknowledged": logs.iter().map(|l| l.lines_acked).sum::<u64>(),
        "requests_sent_again": logs.iter().map(|l| l.resent).sum::<u64>(),
        "open_sales_checked": logs.iter().filter(|l| l.open.is_some()).count(),
        "violations": violations.len(),
        "first_violations": shown,
        "ok": violations.is_empty(),
    }))
}
