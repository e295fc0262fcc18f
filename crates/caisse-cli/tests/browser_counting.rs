//! The counting screen in a real browser on a phone-sized screen (360×740): a manager opens a
//! blind count, scans by keystrokes (what a Bluetooth scanner types: the code and Enter), the
//! running list grows without expected quantities, a quantity typed first is added at once,
//! an unknown code is collected, a reload loses nothing; the variance report shows the
//! variances in value, and applying books them. Then the same screen in French, not blind.

mod browser;

use browser::{
    Res, TempDir, browser_available, click, count, js, one_at_a_time, run_story, scan, shot,
    start_browser, start_shop, text, type_keys, until, until_text, wait_for,
};
use fantoccini::{Client, Locator};
use serde_json::Value;

const WATER: &str = "3194006037898";
const TONIC: &str = "3194006038604";
const UNKNOWN: &str = "5901234123457";

async fn in_page(c: &Client, body: &str) -> Res<Value> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         (async () => {{ {body} }})().then(done, (e) => done('failed: ' + e));"
    );
    c.execute_async(&script, vec![]).await
}

/// Books `qty` of the item with `code` at the selling location, through the API.
async fn stock_up(c: &Client, code: &str, qty: &str) -> Res {
    let status = in_page(
        c,
        &format!(
            "const h = {{'Content-Type': 'application/json', 'Accept': 'application/json'}};
             const found = await (await fetch('/api/v1/catalog/lookup?code={code}', {{headers: h}})).json();
             const r = await fetch('/api/v1/stock/adjustments', {{method: 'POST',
               headers: {{...h, 'Idempotency-Key': 'seed-{code}'}},
               body: JSON.stringify({{reason: 'correction', lines: [{{item_id: found.item.item_id, quantity: '{qty}'}}]}})}});
             return r.status;"
        ),
    )
    .await?;
    assert_eq!(status, serde_json::json!(201), "stock seeded");
    Ok(())
}

async fn on_hand(c: &Client, code: &str) -> Res<String> {
    let v = in_page(
        c,
        &format!(
            "const h = {{'Accept': 'application/json'}};
             const found = await (await fetch('/api/v1/catalog/lookup?code={code}', {{headers: h}})).json();
             const s = await (await fetch('/api/v1/stock/' + found.item.item_id, {{headers: h}})).json();
             return s.on_hand;"
        ),
    )
    .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

async fn sign_in(c: &Client, base: &str, login: &str, lang: &str) -> Res {
    c.goto(&format!("{base}/admin")).await?;
    wait_for(c, "#login").await?;
    js(
        c,
        &format!("localStorage.setItem('caisse.locale', '{lang}')"),
    )
    .await?;
    c.refresh().await?;
    wait_for(c, "#login").await?;
    c.find(Locator::Css("#login"))
        .await?
        .send_keys(login)
        .await?;
    c.find(Locator::Css("#password"))
        .await?
        .send_keys(login)
        .await?;
    click(c, "#login-submit").await?;
    wait_for(c, "#user-name").await?;
    Ok(())
}

/// Opens a count from the list page; returns once its counting screen is shown.
async fn open_count(c: &Client, base: &str, blind: bool) -> Res {
    c.goto(&format!("{base}/admin#/counts")).await?;
    click(c, "#count-new").await?;
    wait_for(c, "#count-new-dialog #count-location").await?;
    if blind {
        click(c, "#count-blind").await?;
    }
    click(c, "#count-start").await?;
    wait_for(c, "#count-scan").await?;
    until("the count to load", || async {
        count(c, "#count-title").await == 1
            && !text(c, "#count-title").await.is_empty()
            && count(c, "#page-loading").await == 0
    })
    .await;
    Ok(())
}

/// Scans like a keyboard-wedge scanner into the focused scan field.
async fn scan_code(c: &Client, code: &str) -> Res {
    click(c, "#count-scan").await?;
    scan(c, code).await
}

async fn counted(c: &Client, code_item: &str) -> String {
    text(
        c,
        &format!("#count-lines li[data-item-id='{code_item}'] .count-line-qty"),
    )
    .await
}

async fn item_id(c: &Client, code: &str) -> Res<String> {
    let v = in_page(
        c,
        &format!(
            "const found = await (await fetch('/api/v1/catalog/lookup?code={code}', {{headers: {{'Accept': 'application/json'}}}})).json();
             return found.item.item_id;"
        ),
    )
    .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_manager_counts_a_shelf_by_scanning_on_a_phone_and_applies_the_count() {
    if !browser_available("the counting screen browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-counting");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(360, 740).await;
    run_story(&c, "counting-failure", |c| async move {
        blind_story(&c, &base).await?;
        french_story(&c, &base).await
    })
    .await;
}

async fn blind_story(c: &Client, base: &str) -> Res {
    sign_in(c, base, "manager", "en").await?;
    stock_up(c, WATER, "5").await?;
    stock_up(c, TONIC, "4").await?;
    // The store's setting: cashiers may count.
    c.goto(&format!("{base}/admin#/counts")).await?;
    wait_for(c, "#count-cashiers:not([disabled])").await?;
    click(c, "label[for='count-cashiers']").await?;
    until("the setting saved", || async {
        in_page(c, "return (await (await fetch('/api/v1/stock/settings', {headers: {Accept: 'application/json'}})).json()).cashiers_may_count;")
            .await
            .ok()
            == Some(serde_json::json!(true))
    })
    .await;
    shot(c, "counts-list-en").await;
    let water = item_id(c, WATER).await?;
    let tonic = item_id(c, TONIC).await?;

    open_count(c, base, true).await?;
    assert!(text(c, "#count-blind").await.contains("Blind"));
    for _ in 0..3 {
        scan_code(c, WATER).await?;
    }
    until("three waters counted", || async {
        counted(c, &water).await == "3"
    })
    .await;
    assert!(text(c, "#count-feedback").await.contains(": 3"));
    // A pile: the quantity first, then the scan.
    click(c, "#count-qty").await?;
    type_keys(c, "2", 0).await?;
    scan_code(c, TONIC).await?;
    until("two tonics counted", || async {
        counted(c, &tonic).await == "2"
    })
    .await;
    scan_code(c, UNKNOWN).await?;
    until_text(c, "#count-unmatched", UNKNOWN).await;
    assert!(text(c, "#count-unmatched").await.contains("Unknown code"));
    // Blind: the counter never sees what the system expects.
    let list = text(c, "#count-lines").await;
    assert!(!list.contains("expected"), "{list}");
    assert_eq!(
        js(
            c,
            "return document.querySelector('#count-lines li').dataset.itemId"
        )
        .await?,
        serde_json::json!(tonic),
        "the last counted on top"
    );
    shot(c, "counting-blind-en").await;

    // A phone that reloads loses nothing.
    c.refresh().await?;
    until("the count back after a reload", || async {
        counted(c, &water).await == "3"
    })
    .await;
    assert_eq!(counted(c, &tonic).await, "2");
    until_text(c, "#count-unmatched", UNKNOWN).await;

    // The manager's variance report: water 3 against 5 (-2), tonic 2 against 4 (-2).
    click(c, "#count-report-open").await?;
    wait_for(c, "#count-report-table").await?;
    let water_row = text(
        c,
        &format!("#count-report-table li[data-item-id='{water}']"),
    )
    .await;
    assert!(water_row.contains("-2"), "{water_row}");
    assert!(text(c, "#count-report-summary").await.contains("2 short"));
    let net = text(c, "#count-value-net").await;
    assert!(
        net.starts_with('-') || net.contains("-€") || net.contains("−"),
        "{net}"
    );
    shot(c, "counting-report-en").await;
    click(c, "#count-apply").await?;
    until_text(c, "#count-closed", "applied").await;
    assert_eq!(
        count(c, "#count-scan-form:not([hidden])").await,
        0,
        "no more scans"
    );
    assert_eq!(on_hand(c, WATER).await?, "3.000");
    assert_eq!(on_hand(c, TONIC).await?, "2.000");
    shot(c, "counting-applied-en").await;
    Ok(())
}

async fn french_story(c: &Client, base: &str) -> Res {
    // Still signed in: the language changes, the session stays.
    js(c, "localStorage.setItem('caisse.locale', 'fr')").await?;
    c.goto(&format!("{base}/admin")).await?;
    c.refresh().await?;
    wait_for(c, "#user-name").await?;
    let water = item_id(c, WATER).await?;
    open_count(c, base, false).await?;
    assert!(text(c, "#count-title").await.starts_with("Inventaire"));
    scan_code(c, WATER).await?;
    until("one water counted", || async {
        counted(c, &water).await == "1"
    })
    .await;
    // Not blind: the expected quantity (3 after the first count) and the variance are shown.
    let line = text(c, &format!("#count-lines li[data-item-id='{water}']")).await;
    assert!(line.contains("attendu 3"), "{line}");
    assert!(line.contains("écart -2"), "{line}");
    shot(c, "counting-fr").await;
    click(c, "#count-report-open").await?;
    wait_for(c, "#count-report-table").await?;
    assert!(
        text(c, "#count-report-card")
            .await
            .contains("Rapport des écarts")
    );
    shot(c, "counting-report-fr").await;
    Ok(())
}

/// The transfer screens on the same phone: a manager drafts a transfer of 3 waters from the
/// sales floor to the backroom by scanning, sends it, scans the 2 that arrive, sees the
/// difference, and confirms the receipt.
#[tokio::test]
async fn a_manager_sends_a_transfer_and_receives_it_short_by_scanning() {
    if !browser_available("the transfer screens browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-transfers");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(360, 740).await;
    run_story(&c, "transfer-failure", |c| async move {
        transfer_story(&c, &base).await
    })
    .await;
}

async fn transfer_story(c: &Client, base: &str) -> Res {
    sign_in(c, base, "manager", "en").await?;
    stock_up(c, WATER, "5").await?;
    let made = in_page(
        c,
        "const r = await fetch('/api/v1/stock/locations', {method: 'POST',
           headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
           body: JSON.stringify({code: 'back', name: 'Backroom'})});
         return r.status;",
    )
    .await?;
    assert_eq!(made, serde_json::json!(201));
    c.goto(&format!("{base}/admin#/transfers")).await?;
    click(c, "#transfer-new").await?;
    wait_for(c, "#transfer-new-dialog #transfer-code").await?;
    let qty = c.find(Locator::Css("#transfer-qty")).await?;
    qty.clear().await?;
    qty.send_keys("3").await?;
    click(c, "#transfer-code").await?;
    scan(c, WATER).await?;
    wait_for(c, "#transfer-new-lines li[data-item-id]").await?;
    click(c, "#transfer-create").await?;
    wait_for(c, "#transfer-send").await?;
    shot(c, "transfer-draft-en").await;
    click(c, "#transfer-send").await?;
    wait_for(c, "#transfer-scan-form:not([hidden])").await?;
    assert_eq!(on_hand(c, WATER).await?, "2.000", "in transit");
    for _ in 0..2 {
        click(c, "#transfer-scan").await?;
        scan(c, WATER).await?;
    }
    until_text(c, "#transfer-feedback", "2 of 3").await;
    until_text(c, "#transfer-lines", "-1").await;
    shot(c, "transfer-receiving-en").await;
    click(c, "#transfer-receive").await?;
    until_text(c, ".count-badges", "Received").await;
    assert_eq!(on_hand(c, WATER).await?, "4.000", "2 arrived of 3");
    shot(c, "transfer-received-en").await;
    Ok(())
}
