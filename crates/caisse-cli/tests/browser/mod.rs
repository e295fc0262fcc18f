//! Driving the real `caisse` binary in Debian's headless Chromium through WebDriver, for the
//! browser tests. Mandatory when `CAISSE_TEST_BROWSER=1` (CI); elsewhere the tests run when
//! chromedriver is installed and skip with a printed reason when it is not.

#![allow(
    dead_code,
    unused_imports,
    reason = "each browser test binary uses a part of this module"
)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::Value;

#[path = "../../src/browser.rs"]
mod driver;
pub use driver::{CHROMEDRIVER, Guard, scan, type_keys};

pub type Res<T = ()> = Result<T, fantoccini::error::CmdError>;

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

static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Browser tests of one binary take turns: three Chromiums and servers at once on two cores
/// would make every key press late.
pub async fn one_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().await
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

/// Starts chromedriver and a headless Chromium whose page is `width`×`height`.
pub async fn start_browser(width: u32, height: u32) -> (Guard, Client) {
    driver::start_browser(CHROMEDRIVER, width, height)
        .await
        .expect("start chromedriver and Chromium")
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

/// A special key (WebDriver code point, e.g. `\u{E007}` Enter, `\u{E036}` F6).
pub async fn press(c: &Client, key: char) -> Res {
    type_keys(c, &key.to_string(), 0).await
}

/// Runs a script in the page and returns its value.
pub async fn js(c: &Client, script: &str) -> Res<Value> {
    c.execute(script, vec![]).await
}

/// The demo's people as the PIN pad names them, by login.
pub fn demo_name(login: &str) -> &'static str {
    match login {
        "owner" => "Camille Martin",
        "manager" => "Karim Benali",
        _ => "Léa Dubois",
    }
}

/// First use of the till on this browser: a manager pairs it with the register `code`,
/// signing in with their password; the PIN pad follows.
pub async fn pair_till(c: &Client, login: &str, password: &str, code: &str) -> Res {
    wait_for(c, "#pairing").await?;
    c.find(Locator::Css("#pair-login"))
        .await?
        .send_keys(login)
        .await?;
    c.find(Locator::Css("#pair-password"))
        .await?
        .send_keys(password)
        .await?;
    click(c, "#pair-submit").await?;
    click(c, &format!("#register-list [data-code='{code}']")).await?;
    wait_for(c, "#signin").await?;
    Ok(())
}

/// Taps a person on the PIN pad (`pad` is its id: `signin-pin`, `approval-pin`,
/// `unlock-pin`) within `scope`, then types the PIN and Enter.
pub async fn tap_and_pin(c: &Client, scope: &str, name: &str, pad: &str, pin: &str) -> Res {
    click(c, &format!("{scope} .staff[data-name='{name}']")).await?;
    for d in pin.chars() {
        click(c, &format!("#{pad}-keys [data-key='{d}']")).await?;
    }
    click(c, &format!("#{pad}-keys [data-key='enter']")).await
}
