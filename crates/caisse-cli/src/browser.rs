//! Driving Debian's headless Chromium through chromedriver (WebDriver), for `caisse bench ui`
//! and the browser tests (which include this file): start the driver and a browser with a
//! page of an exact size, and type on the keyboard as a person or a barcode scanner does.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder};

/// Where Debian's `chromium-driver` installs the driver.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Where Debian's `chromium` installs the browser.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Kills the child process when dropped, pass or fail.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Starts chromedriver and a headless Chromium whose page is `width`×`height` CSS pixels.
pub async fn start_browser(
    chromedriver: &str,
    width: u32,
    height: u32,
) -> anyhow::Result<(Guard, Client)> {
    let port = free_port()?;
    let driver = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {chromedriver}"))?;
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
    let caps = caps.as_object().cloned().context("capabilities object")?;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                fit_viewport(&c, width, height).await?;
                return Ok((guard, c));
            }
            Err(e) if Instant::now() > deadline => bail!("chromedriver did not start: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Resizes the window so that the page itself gets `width`×`height` (headless Chromium keeps
/// room for a window frame).
pub async fn fit_viewport(c: &Client, width: u32, height: u32) -> anyhow::Result<()> {
    let inner = c
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await?;
    let get = |i: usize| u32::try_from(inner[i].as_u64().unwrap_or(0)).unwrap_or(0);
    let (w, h) = (get(0), get(1));
    if (w, h) != (width, height) {
        c.set_window_size(
            width + width.saturating_sub(w),
            height + height.saturating_sub(h),
        )
        .await?;
    }
    Ok(())
}

/// Key presses sent to whatever has the focus, `gap_ms` apart (0: as fast as a scanner).
pub async fn type_keys(
    c: &Client,
    keys: &str,
    gap_ms: u64,
) -> Result<(), fantoccini::error::CmdError> {
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

/// What a barcode scanner sends: the code's characters, then Enter, in one burst.
pub async fn scan(c: &Client, code: &str) -> Result<(), fantoccini::error::CmdError> {
    type_keys(c, &format!("{code}\u{E007}"), 0).await
}
