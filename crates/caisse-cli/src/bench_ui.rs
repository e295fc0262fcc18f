//! `caisse bench ui`: the cashier terminal measured in headless Chromium with the demo shop.
//!
//! The binary itself serves the demo shop from a fresh database in a child process; Chromium
//! is driven through chromedriver like a cashier with a scanner: sign in with the PIN, count
//! the float, then sale after sale scan three random demo products (each a burst of key
//! presses ending with Enter, sent to whatever has the focus), press Enter to pay and Enter
//! again for exact cash. The till measures itself (`window.caissePerf`, see
//! `web/pos/perf.js`): each scan from the scanner's Enter to the frame that shows the line,
//! and each sale from its first scan to the till ready for the next customer — both the wall
//! time and the till's own time (the wall time less the pauses between the cashier's
//! actions, which here are WebDriver's round trips).

use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::bench_checkout::percentile_ms;
use crate::browser::{self, scan, type_keys};

/// What to run.
pub struct Options {
    /// Measured sales (after a few warm-up ones).
    pub sales: usize,
    /// Page size in CSS pixels.
    pub width: u32,
    /// Page size in CSS pixels.
    pub height: u32,
    /// The chromedriver to use.
    pub chromedriver: String,
}

const WARM_UP: usize = 3;

async fn start_demo(dir: &std::path::Path) -> anyhow::Result<(tokio::process::Child, String)> {
    let exe = std::env::current_exe().context("finding the caisse binary")?;
    let mut child = tokio::process::Command::new(exe)
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--db"])
        .arg(dir.join("shop.db"))
        .env("CAISSE_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .context("starting the demo shop")?;
    let stdout = child.stdout.take().context("server stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let base = tokio::time::timeout(Duration::from_secs(300), async {
        while let Some(line) = lines.next_line().await? {
            if let Some(rest) = line.split("listening on ").nth(1) {
                return Ok::<_, anyhow::Error>(rest.trim().trim_end_matches("/admin").to_owned());
            }
        }
        bail!("the server exited before listening")
    })
    .await
    .context("waiting for the demo shop")??;
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok((child, base))
}

/// Barcodes of demo products sold by the unit, read through the API.
async fn demo_codes(base: &str) -> anyhow::Result<Vec<String>> {
    let http = reqwest_like::Http::new();
    let login = http
        .post_json(
            &format!("{base}/api/v1/auth/login"),
            None,
            &json!({"login": "owner", "password": "owner"}),
        )
        .await?;
    let token = login["token"].as_str().context("login token")?.to_owned();
    let mut codes = Vec::new();
    let mut page = 1;
    while codes.len() < 300 {
        let body = http
            .get_json(
                &format!("{base}/api/v1/products?limit=200&page={page}"),
                Some(&token),
            )
            .await?;
        let items = body["items"].as_array().cloned().unwrap_or_default();
        if items.is_empty() {
            break;
        }
        for p in items {
            if p["sold_by_weight"] == json!(false)
                && p["variants"].as_array().is_some_and(Vec::is_empty)
                && let Some(code) = p["barcodes"][0].as_str()
                && code.len() == 13
                && !code.starts_with('2')
            {
                codes.push(code.to_owned());
            }
        }
        page += 1;
    }
    if codes.len() < 10 {
        bail!("the demo shop has too few barcodes ({})", codes.len());
    }
    Ok(codes)
}

async fn click(c: &Client, css: &str) -> anyhow::Result<()> {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))?
        .click()
        .await?;
    Ok(())
}

/// Waits in the page (no polling over WebDriver) until `css` matches `n` elements.
async fn until_count(c: &Client, css: &str, n: usize) -> anyhow::Result<()> {
    let script = r#"
        const [css, n, done] = arguments;
        const ok = () => document.querySelectorAll(css).length === n;
        if (ok()) return done(true);
        const obs = new MutationObserver(() => { if (ok()) { obs.disconnect(); done(true); } });
        obs.observe(document.body, { childList: true, subtree: true });
        setTimeout(() => { obs.disconnect(); done(ok()); }, 15000);
    "#;
    let ok = c.execute_async(script, vec![json!(css), json!(n)]).await?;
    if ok != json!(true) {
        bail!("timed out waiting for {n} × {css}");
    }
    Ok(())
}

async fn sign_in(c: &Client, base: &str) -> anyhow::Result<()> {
    c.goto(&format!("{base}/pos")).await?;
    // First use of the browser as a till: the demo's manager pairs it with T1.
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#pair-login"))
        .await?
        .send_keys("manager")
        .await?;
    c.find(Locator::Css("#pair-password"))
        .await?
        .send_keys("manager")
        .await?;
    click(c, "#pair-submit").await?;
    click(c, "#register-list [data-code='T1']").await?;
    click(c, "#staff-list .staff[data-name='Léa Dubois']").await?;
    for d in "3333".chars() {
        click(c, &format!("#signin-pin-keys [data-key='{d}']")).await?;
    }
    click(c, "#signin-pin-keys [data-key='enter']").await?;
    for _ in 0..5 {
        click(c, "#float-count [data-plus='2000']").await?;
    }
    click(c, "#float-open").await?;
    until_count(c, "#cart", 1).await
}

async fn one_sale(c: &Client, codes: &[String], rng: &mut u64) -> anyhow::Result<()> {
    let mut picked: Vec<&String> = Vec::with_capacity(3);
    while picked.len() < 3 {
        *rng = rng
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let code = &codes[usize::try_from(*rng >> 33).unwrap_or(0) % codes.len()];
        if !picked.contains(&code) {
            picked.push(code);
        }
    }
    for (i, code) in picked.into_iter().enumerate() {
        scan(c, code).await?;
        until_count(c, "#cart .cart-line", i + 1).await?;
    }
    type_keys(c, "\u{E007}", 0).await?; // Enter: pay
    until_count(c, "#payment", 1).await?;
    type_keys(c, "\u{E007}", 0).await?; // Enter: exact cash, then completion
    until_count(c, "#done", 1).await
}

fn micros(v: &Value) -> Vec<u64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default()
}

/// Runs the benchmark and returns its JSON report.
pub async fn run(o: Options) -> anyhow::Result<Value> {
    let dir = std::env::temp_dir().join(format!("caisse-bench-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (_server, base) = start_demo(&dir).await?;
    let codes = demo_codes(&base).await?;
    let (_driver, c) = browser::start_browser(&o.chromedriver, o.width, o.height).await?;
    let outcome = async {
        sign_in(&c, &base).await?;
        let mut rng = 42_u64;
        for _ in 0..WARM_UP {
            one_sale(&c, &codes, &mut rng).await?;
        }
        c.execute("const p = window.caissePerf; p.scans = []; p.sales = []; p.scanParts = []; return true;", vec![])
            .await?;
        for _ in 0..o.sales {
            one_sale(&c, &codes, &mut rng).await?;
        }
        let perf = c.execute("return window.caissePerf;", vec![]).await?;
        Ok::<_, anyhow::Error>(perf)
    }
    .await;
    if outcome.is_err()
        && let Ok(png) = c.screenshot().await
    {
        let path = std::env::temp_dir().join("caisse-bench-ui-failure.png");
        if std::fs::write(&path, png).is_ok() {
            eprintln!("screenshot of the failure: {}", path.display());
        }
    }
    c.close().await.ok();
    let _ = std::fs::remove_dir_all(&dir);
    let perf = outcome?;
    let mut scans = micros(&perf["scans"]);
    let sales = perf["sales"].as_array().cloned().unwrap_or_default();
    let mut own: Vec<u64> = sales.iter().filter_map(|s| s["own"].as_u64()).collect();
    let mut wall: Vec<u64> = sales.iter().filter_map(|s| s["wall"].as_u64()).collect();
    let max = scans.iter().copied().max().unwrap_or(0);
    // Medians of where the scans' time went (µs after the Enter).
    let parts = perf["scanParts"].as_array().cloned().unwrap_or_default();
    let part = |i: usize| {
        let mut v: Vec<u64> = parts.iter().filter_map(|p| p[i].as_u64()).collect();
        percentile_ms(&mut v, 50)
    };
    let breakdown = json!({
        "handler_start_p50_ms": part(0),
        "answer_p50_ms": part(1),
        "drawn_p50_ms": part(2),
        "painted_p50_ms": part(3),
    });
    Ok(json!({
        "sales": sales.len(),
        "scans": scans.len(),
        "viewport": format!("{}x{}", o.width, o.height),
        "scan_to_line_p50_ms": percentile_ms(&mut scans, 50),
        "scan_to_line_p95_ms": percentile_ms(&mut scans, 95),
        "scan_to_line_max_ms": format!("{}.{:02}", max / 1000, (max % 1000) / 10),
        "sale_own_p50_ms": percentile_ms(&mut own, 50),
        "sale_own_p95_ms": percentile_ms(&mut own, 95),
        "sale_wall_p50_ms": percentile_ms(&mut wall, 50),
        "sale_wall_p95_ms": percentile_ms(&mut wall, 95),
        "scan_breakdown": breakdown,
    }))
}

/// A tiny JSON-over-HTTP client on hyper for the bench's own API calls.
mod reqwest_like {
    use anyhow::Context;
    use http_body_util::{BodyExt, Full};
    use hyper::body::Bytes;
    use hyper_util::client::legacy::Client;
    use hyper_util::client::legacy::connect::HttpConnector;
    use hyper_util::rt::TokioExecutor;
    use serde_json::Value;

    pub struct Http(Client<HttpConnector, Full<Bytes>>);

    impl Http {
        pub fn new() -> Http {
            Http(Client::builder(TokioExecutor::new()).build_http())
        }

        async fn send(
            &self,
            method: &str,
            url: &str,
            token: Option<&str>,
            body: Option<&Value>,
        ) -> anyhow::Result<Value> {
            let mut req = hyper::Request::builder()
                .method(method)
                .uri(url)
                .header("content-type", "application/json");
            if let Some(t) = token {
                req = req.header("authorization", format!("Bearer {t}"));
            }
            let bytes = body.map(|b| b.to_string()).unwrap_or_default();
            let res = self
                .0
                .request(req.body(Full::new(Bytes::from(bytes)))?)
                .await?;
            let status = res.status();
            let body = res.into_body().collect().await?.to_bytes();
            if !status.is_success() {
                anyhow::bail!(
                    "{method} {url}: {status} {}",
                    String::from_utf8_lossy(&body)
                );
            }
            serde_json::from_slice(&body).context("JSON answer")
        }

        pub async fn get_json(&self, url: &str, token: Option<&str>) -> anyhow::Result<Value> {
            self.send("GET", url, token, None).await
        }

        pub async fn post_json(
            &self,
            url: &str,
            token: Option<&str>,
            body: &Value,
        ) -> anyhow::Result<Value> {
            self.send("POST", url, token, Some(body)).await
        }
    }
}
