//! The back office in a real browser: Debian's headless Chromium driven through WebDriver
//! against the real `caisse` binary serving the demo shop. Mandatory when
//! `CAISSE_TEST_BROWSER=1` (CI); elsewhere it runs when chromedriver is installed and skips
//! with a printed reason when it is not.

mod browser;

use browser::{
    TempDir, browser_available, one_at_a_time, run_story, shot, start_browser, start_shop, until,
};
use fantoccini::{Client, Locator};

async fn table_text(c: &Client) -> String {
    match c.find(Locator::Css("#products-table")).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[tokio::test]
async fn owner_signs_in_and_searches_the_demo_catalog() {
    if !browser_available("the back office browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-admin");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(1280, 800).await;
    run_story(&c, "admin-failure", |c| async move {
        run_admin_story(&c, &base).await
    })
    .await;
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
    quick_keys_story(c).await?;
    till_settings_story(c).await
}

/// Registers and checkout settings: a bad printer address is refused next to its field, a
/// new register appears, the idle lock is saved.
async fn till_settings_story(c: &Client) -> Result<(), fantoccini::error::CmdError> {
    c.find(Locator::Css("#nav-till-settings"))
        .await?
        .click()
        .await?;
    c.wait()
        .for_element(Locator::Css("#registers-table tr[data-register-id]"))
        .await?;
    c.find(Locator::Css("#register-add")).await?.click().await?;
    c.wait()
        .for_element(Locator::Css("#register-dialog"))
        .await?;
    c.find(Locator::Css("#reg-code"))
        .await?
        .send_keys("T3")
        .await?;
    c.find(Locator::Css("#reg-name"))
        .await?
        .send_keys("Caisse 3")
        .await?;
    c.find(Locator::Css("#reg-printer"))
        .await?
        .send_keys("not a printer")
        .await?;
    c.find(Locator::Css("#register-save"))
        .await?
        .click()
        .await?;
    until("the printer's error", || async {
        match c
            .find(Locator::Css(
                "#register-dialog [data-field='printer'] .field-error",
            ))
            .await
        {
            Ok(e) => e.text().await.unwrap_or_default().contains("host:port"),
            Err(_) => false,
        }
    })
    .await;
    let printer = c.find(Locator::Css("#reg-printer")).await?;
    printer.clear().await?;
    printer.send_keys("127.0.0.1:9100").await?;
    c.find(Locator::Css("#register-save"))
        .await?
        .click()
        .await?;
    until("the new register in the list", || async {
        match c.find(Locator::Css("#registers-table")).await {
            Ok(e) => e.text().await.unwrap_or_default().contains("Caisse 3"),
            Err(_) => false,
        }
    })
    .await;
    let lock = c.find(Locator::Css("#set-lock")).await?;
    lock.clear().await?;
    lock.send_keys("12").await?;
    // The cash limit, typed as money: 500.00 over what is due at most.
    let cash_limit = c.find(Locator::Css("#set-cash-limit")).await?;
    assert_eq!(cash_limit.prop("value").await?.as_deref(), Some("10000.00"));
    cash_limit.clear().await?;
    cash_limit.send_keys("500").await?;
    c.find(Locator::Css("#settings-save"))
        .await?
        .click()
        .await?;
    c.wait().for_element(Locator::Css(".toast-success")).await?;
    shot(c, "admin-till-settings").await;
    let saved = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch('/api/v1/store/checkout', {headers: {Accept: 'application/json'}})
               .then((r) => r.json()).then((s) => done(s.cash_limit), (e) => done(String(e)));",
            vec![],
        )
        .await?;
    assert_eq!(
        saved,
        serde_json::json!({"amount": 50_000, "currency": "EUR"})
    );
    Ok(())
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
