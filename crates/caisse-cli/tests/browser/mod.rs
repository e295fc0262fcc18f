//! Driving the real `caisse` binary in Debian's headless Chromium through WebDriver, for the
//! browser tests. Mandatory when `CAISSE_TEST_BROWSER=1` (CI); elsewhere the tests run when
//! chromedriver is installed and skip with a printed reason when it is not.

#![allow(dead_code, reason = "each browser test binary uses a part of this module")]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::Value;

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";

pub type Res<T = ()> = Result<T, fantoccini::error::CmdError>;

/// Kills the child process when the test ends, pass or fail.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn browser_required() -> bool {
    std::env::var("CAISSE_TEST_BROWSER").is_ok_and(|v| v == "1")
}

/// False (with the reason printed) when this machine cannot run browser tests; panics when
/// CI asked for them and they cannot run.
pub fn browser_available(test: &str) -> bool {
    if Path::new(CHROMEDRIVER).exists() {
        return true;
    }
    assert!(
        !browser_required(),
        "CAISSE_TEST_BROWSER=1 but {CHROMEDRIVER} is missing"
    );
    eprintln!(
        "skipping {test}: {CHROMEDRIVER} is not installed (apt-get install chromium chromium-driver)"
    );
    false
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub fn shots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// A fresh folder for one test's database, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "caisse-{name}-{}-{}",
            std::process::id(),
            free_port()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Starts `caisse serve --demo` on `listen` (e.g. `127.0.0.1:0`) with its database in `dir`
/// and returns its base URL once it listens.
pub fn start_shop_on(dir: &Path, listen: &str) -> (Guard, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caisse"))
        .args(["serve", "--demo", "--listen", listen, "--db"])
        .arg(dir.join("shop.db"))
        .env("CAISSE_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start caisse");
    let stdout = child.stdout.take().expect("stdout");
    let guard = Guard(child);
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.expect("read stdout");
        if let Some(rest) = line.split("listening on ").nth(1) {
            let url = rest.trim().trim_end_matches("/admin").to_owned();
            // Keep reading stdout so the server never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines {});
            return (guard, url);
        }
    }
    panic!("caisse exited before listening");
}

pub fn start_shop(dir: &Path) -> (Guard, String) {
    start_shop_on(dir, "127.0.0.1:0")
}

/// Starts chromedriver and a headless Chromium window of `width`×`height`.
pub async fn start_browser(width: u32, height: u32) -> (Guard, Client) {
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
                     "--disable-extensions", "--autoplay-policy=no-user-gesture-required",
                     format!("--window-size={width},{height}"), format!("--user-data-dir={}", profile.display())]
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
            Ok(c) => {
                fit_viewport(&c, width, height).await;
                return (guard, c);
            }
            Err(e) if Instant::now() > deadline => panic!("chromedriver did not start: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Runs a browser story; on failure or panic saves a screenshot named `failure_shot` first,
/// then fails the test with the story's error.
pub async fn run_story<F, Fut>(c: &Client, failure_shot: &str, story: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = Res> + Send + 'static,
{
    let outcome = tokio::spawn(story(c.clone())).await;
    let failed = !matches!(outcome, Ok(Ok(())));
    if failed {
        shot(c, failure_shot).await;
    }
    c.clone().close().await.ok();
    match outcome {
        Ok(result) => result.expect("browser story"),
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

/// Resizes the window so that the page itself gets `width`×`height` (headless Chromium keeps
/// room for a window frame).
pub async fn fit_viewport(c: &Client, width: u32, height: u32) {
    let inner = c
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await
        .expect("viewport size");
    let get = |i: usize| inner[i].as_u64().unwrap_or(0) as u32;
    let (w, h) = (get(0), get(1));
    if (w, h) != (width, height) {
        c.set_window_size(width + width.saturating_sub(w), height + height.saturating_sub(h))
            .await
            .expect("resize the window");
    }
}

pub async fn shot(c: &Client, name: &str) {
    match c.screenshot().await {
        Ok(png) => {
            let path = shots_dir().join(format!("{name}.png"));
            std::fs::write(&path, png).expect("write screenshot");
            println!("screenshot: {}", path.display());
        }
        Err(e) => eprintln!("screenshot {name} failed: {e}"),
    }
}

/// Polls until `f` is true or 15 s pass (no fixed sleeps).
pub async fn until<F, Fut>(what: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    while !f().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
}

/// The text of the first element matching `css`, or "" when there is none.
pub async fn text(c: &Client, css: &str) -> String {
    match c.find(Locator::Css(css)).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Waits until the element matching `css` shows text containing `want`.
pub async fn until_text(c: &Client, css: &str, want: &str) {
    let what = format!("{css} to show {want:?}");
    until(&what, || async { text(c, css).await.contains(want) }).await;
}

/// Waits for an element and returns it.
pub async fn wait_for(c: &Client, css: &str) -> Res<Element> {
    c.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
}

/// Clicks the element matching `css` once it is there.
pub async fn click(c: &Client, css: &str) -> Res {
    wait_for(c, css).await?.click().await
}

/// How many elements match `css`.
pub async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css))
        .await
        .map(|v| v.len())
        .unwrap_or(0)
}

/// Key presses sent to whatever has the focus, `gap_ms` apart (0: a scanner's burst).
pub async fn type_keys(c: &Client, keys: &str, gap_ms: u64) -> Res {
    let mut seq = KeyActions::new("keyboard".into());
    for ch in keys.chars() {
        seq = seq
            .then(KeyAction::Down { value: ch })
            .then(KeyAction::Up { value: ch });
        if gap_ms > 0 {
            seq = seq.pause(Duration::from_millis(gap_ms));
        }
    }
    c.perform_actions(seq).await
}

/// What a scanner sends: the code's characters and Enter, as fast as the keyboard goes.
pub async fn scan(c: &Client, code: &str) -> Res {
    type_keys(c, &format!("{code}\u{E007}"), 0).await
}

/// A special key (WebDriver code point, e.g. `\u{E007}` Enter, `\u{E036}` F6).
pub async fn press(c: &Client, key: char) -> Res {
    type_keys(c, &key.to_string(), 0).await
}

/// Runs a script in the page and returns its value.
pub async fn js(c: &Client, script: &str) -> Res<Value> {
    c.execute(script, vec![]).await
}
