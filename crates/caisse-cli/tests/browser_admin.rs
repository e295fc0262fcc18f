//! The back office in a real browser: Debian's headless Chromium driven through WebDriver
//! against the real `caisse` binary serving the demo shop. Mandatory when
//! `CAISSE_TEST_BROWSER=1` (CI); elsewhere it runs when chromedriver is installed and skips
//! with a printed reason when it is not.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// Kills the child process when the test ends, pass or fail.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn browser_required() -> bool {
    std::env::var("CAISSE_TEST_BROWSER").is_ok_and(|v| v == "1")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn shots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Starts `caisse serve --demo` on a free port and returns its base URL.
fn start_shop(dir: &Path) -> (Guard, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caisse"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--db"])
        .arg(dir.join("shop.db"))
        .env("CAISSE_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start caisse");
    let stdout = child.stdout.take().expect("stdout");
    let guard = Guard(child);
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("read stdout");
        if let Some(rest) = line.split("listening on ").nth(1) {
            let url = rest.trim().trim_end_matches("/admin").to_owned();
            return (guard, url);
        }
    }
    panic!("caisse exited before listening");
}

async fn start_browser() -> (Guard, Client) {
    let port = free_port();
    let driver = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let guard = Guard(driver);
    let profile =
        std::env::temp_dir().join(format!("caisse-chromium-{}-{port}", std::process::id()));
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-extensions", "--window-size=1280,800", format!("--user-data-dir={}", profile.display())]
        }
    });
    let caps = caps.as_object().cloned().expect("capabilities object");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return (guard, c),
            Err(e) if Instant::now() > deadline => panic!("chromedriver did not start: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    let path = shots_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    println!("screenshot: {}", path.display());
}

/// Polls until `f` is true or the deadline passes (no fixed sleeps).
async fn until<F, Fut>(what: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    while !f().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn table_text(c: &Client) -> String {
    match c.find(Locator::Css("#products-table")).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[tokio::test]
async fn owner_signs_in_and_searches_the_demo_catalog() {
    if !Path::new(CHROMEDRIVER).exists() {
        assert!(
            !browser_required(),
            "CAISSE_TEST_BROWSER=1 but {CHROMEDRIVER} is missing"
        );
        eprintln!(
            "skipping the browser test: {CHROMEDRIVER} is not installed (apt-get install chromium chromium-driver)"
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("caisse-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (_shop, base) = start_shop(&dir);
    let (_driver, c) = start_browser().await;
    let result = run_admin_story(&c, &base).await;
    if result.is_err() {
        shot(&c, "admin-failure").await;
    }
    c.close().await.ok();
    let _ = std::fs::remove_dir_all(&dir);
    result.expect("admin story");
}

async fn run_admin_story(c: &Client, base: &str) -> Result<(), fantoccini::error::CmdError> {
    c.goto(&format!("{base}/admin")).await?;
    c.wait().for_element(Locator::Css("#login")).await?;
    shot(c, "admin-sign-in").await;

    // A wrong password shows the error and stays on the sign-in form.
    c.find(Locator::Css("#login"))
        .await?
        .send_keys("owner")
        .await?;
    c.find(Locator::Css("#password"))
        .await?
        .send_keys("wrong")
        .await?;
    c.find(Locator::Css("#login-submit")).await?.click().await?;
    until("the sign-in error", || async {
        match c.find(Locator::Css("#login-error")).await {
            Ok(e) => !e.text().await.unwrap_or_default().trim().is_empty(),
            Err(_) => false,
        }
    })
    .await;

    let password = c.find(Locator::Css("#password")).await?;
    password.clear().await?;
    password.send_keys("owner").await?;
    c.find(Locator::Css("#login-submit")).await?.click().await?;
    c.wait()
        .for_element(Locator::Css("#products-table tr[data-product-id]"))
        .await?;
    let who = c.find(Locator::Css("#user-name")).await?.text().await?;
    assert!(who.contains("Camille"), "signed-in user shown: {who:?}");
    shot(c, "admin-products").await;

    c.find(Locator::Css("#product-search"))
        .await?
        .send_keys("creme fraiche")
        .await?;
    until("search results for 'creme fraiche'", || async {
        let text = table_text(c).await;
        text.contains("Crème fraîche") && !text.contains("Spaghetti")
    })
    .await;
    let rows = c
        .find_all(Locator::Css("#products-table tr[data-product-id]"))
        .await?;
    assert!(!rows.is_empty());
    shot(c, "admin-search-creme").await;

    // Open the first result: the edit form shows its SKU.
    rows[0].click().await?;
    c.wait().for_element(Locator::Css("#product-form")).await?;
    let sku = c
        .find(Locator::Css("#sku"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert!(sku.starts_with("CRE-"), "opened product has SKU {sku:?}");
    shot(c, "admin-product-edit").await;
    quick_keys_story(c).await
}

async fn key_labels(c: &Client, group: usize) -> Vec<String> {
    let css = format!("#qk-groups [data-group='{group}'] .qk-key .qk-tile");
    let mut out = Vec::new();
    for tile in c.find_all(Locator::Css(&css)).await.unwrap_or_default() {
        out.push(tile.text().await.unwrap_or_default());
    }
    out
}

/// The demo's quick keys: add a pastry to the bakery group by search, give it a short label
/// and a colour, move it up one place, save, and find it there after a reload.
async fn quick_keys_story(c: &Client) -> Result<(), fantoccini::error::CmdError> {
    c.find(Locator::Css("#nav-quick-keys"))
        .await?
        .click()
        .await?;
    c.wait()
        .for_element(Locator::Css("#qk-groups [data-group='2']"))
        .await?;
    let before = key_labels(c, 0).await;
    assert!(
        before.first().is_some_and(|l| l == "Baguette"),
        "{before:?}"
    );
    shot(c, "admin-quick-keys").await;

    c.find(Locator::Css("#qk-search"))
        .await?
        .send_keys("kouign")
        .await?;
    c.wait()
        .for_element(Locator::Css("#qk-results .qk-hit button"))
        .await?
        .click()
        .await?;
    until("the new key in the bakery group", || async {
        key_labels(c, 0).await.len() == before.len() + 1
    })
    .await;
    let last = before.len();
    let label = c.find(Locator::Css(&format!("#qk-0-{last}-label"))).await?;
    label.send_keys("Kouign").await?;
    c.find(Locator::Css(&format!(
        "#qk-0-{last}-colour option[value='red']"
    )))
    .await?
    .click()
    .await?;
    let up = "#qk-groups [data-group='0'] .qk-key:last-child button[aria-label^='Move']";
    c.find(Locator::Css(up)).await?.click().await?;
    c.find(Locator::Css("#qk-save")).await?.click().await?;
    until("the saved set", || async {
        match c.find(Locator::Css(".toast-success")).await {
            Ok(e) => !e.text().await.unwrap_or_default().is_empty(),
            Err(_) => false,
        }
    })
    .await;
    shot(c, "admin-quick-keys-saved").await;

    c.refresh().await?;
    c.wait()
        .for_element(Locator::Css("#qk-groups [data-group='0'] .qk-key"))
        .await?;
    let after = key_labels(c, 0).await;
    assert_eq!(after.len(), before.len() + 1, "{after:?}");
    assert_eq!(after[last - 1], "Kouign", "moved up one place: {after:?}");
    let tile = c
        .find(Locator::Css(&format!(
            "#qk-groups [data-group='0'] .qk-key:nth-child({last}) .qk-tile"
        )))
        .await?;
    let class = tile.attr("class").await?.unwrap_or_default();
    assert!(class.contains("qk-red"), "{class}");
    Ok(())
}
