//! The transfer screens in French on a desk screen (1024×768): a manager renames the sales
//! floor (seeded in English) and adds a reserve from the locations page, drafts a transfer
//! from the floor to the reserve (the destination store and location picked in the form),
//! sends it, scans what arrives (one short), confirms the receipt, and finds the transfer in
//! the list with its way; then opens a count of two items picked by scanning and searching.
//! Screenshots of each step.

mod browser;

use browser::{
    Res, TempDir, browser_available, click, count, js, one_at_a_time, run_story, scan, shot,
    start_browser, start_shop, text, type_keys, until, until_text, wait_for,
};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

const WATER: &str = "3194006037898";
const TONIC: &str = "3194006038604";

async fn in_page(c: &Client, body: &str) -> Res<Value> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         (async () => {{ {body} }})().then(done, (e) => done('failed: ' + e));"
    );
    c.execute_async(&script, vec![]).await
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
    assert_eq!(status, json!(201), "stock seeded");
    Ok(())
}

/// An item's on-hand at the location named `name`.
async fn at(c: &Client, code: &str, name: &str) -> Res<String> {
    let v = in_page(
        c,
        &format!(
            "const h = {{'Accept': 'application/json'}};
             const found = await (await fetch('/api/v1/catalog/lookup?code={code}', {{headers: h}})).json();
             const s = await (await fetch('/api/v1/stock/' + found.item.item_id, {{headers: h}})).json();
             return (s.locations.find((l) => l.name === '{name}') ?? {{}}).on_hand ?? JSON.stringify(s.locations);"
        ),
    )
    .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

/// Sets a text field's value by keystrokes (after clearing it).
async fn fill(c: &Client, css: &str, value: &str) -> Res {
    let input = wait_for(c, css).await?;
    input.clear().await?;
    input.send_keys(value).await
}

/// The sideways scroll of the page (0 when it fits).
async fn sideways(c: &Client) -> i64 {
    js(
        c,
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
    )
    .await
    .ok()
    .and_then(|v| v.as_i64())
    .unwrap_or(0)
}

#[tokio::test]
async fn the_transfer_screens_work_in_french_from_the_draft_to_the_receipt() {
    if !browser_available("the French transfer screens browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-transfers-fr");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(1024, 768).await;
    run_story(&c, "transfers-fr-failure", |c| async move {
        story(&c, &base).await
    })
    .await;
}

async fn story(c: &Client, base: &str) -> Res {
    sign_in(c, base, "manager", "fr").await?;
    stock_up(c, WATER, "6").await?;

    // The locations page: the floor, seeded as "Sales floor", renamed in French; a reserve.
    c.goto(&format!("{base}/admin#/stock/settings")).await?;
    click(c, "#locations-table button[data-rename='floor']").await?;
    wait_for(c, "#location-rename-dialog").await?;
    fill(c, "#location-rename-name", "Surface de vente").await?;
    click(c, "#location-rename-save").await?;
    until_text(
        c,
        "#locations-table tr[data-code='floor']",
        "Surface de vente",
    )
    .await;
    fill(c, "#location-code", "reserve").await?;
    fill(c, "#location-name", "Réserve").await?;
    click(c, "#location-add").await?;
    until_text(c, "#locations-table tr[data-code='reserve']", "Réserve").await;
    // A name another location has is refused, in French, and nothing changes.
    click(c, "#locations-table button[data-rename='reserve']").await?;
    wait_for(c, "#location-rename-dialog").await?;
    fill(c, "#location-rename-name", "surface de vente").await?;
    click(c, "#location-rename-save").await?;
    until_text(c, "#location-rename-error", "porte déjà ce nom").await;
    shot(c, "locations-rename-taken-fr").await;
    js(
        c,
        "document.querySelector('#location-rename-dialog').close()",
    )
    .await?;
    until_text(c, "#locations-table tr[data-code='reserve']", "Réserve").await;
    shot(c, "locations-fr").await;

    // The draft: from the floor, to this store's reserve, three waters scanned.
    c.goto(&format!("{base}/admin#/transfers")).await?;
    click(c, "#transfer-new").await?;
    wait_for(c, "#transfer-new-dialog #transfer-code").await?;
    until("the destinations to load", || async {
        count(c, "#transfer-to-store option").await == 1
            && count(c, "#transfer-to option").await == 1
    })
    .await;
    assert!(
        text(c, "#transfer-to-store").await.contains("Ce magasin"),
        "{}",
        text(c, "#transfer-to-store").await
    );
    assert_eq!(text(c, "#transfer-to").await.trim(), "Réserve");
    assert_eq!(
        js(
            c,
            "const s = document.getElementById('transfer-from'); return s.options[s.selectedIndex].text"
        )
        .await?,
        json!("Surface de vente")
    );
    fill(c, "#transfer-qty", "3").await?;
    click(c, "#transfer-code").await?;
    scan(c, WATER).await?;
    wait_for(c, "#transfer-new-lines li[data-item-id]").await?;
    shot(c, "transfer-new-fr").await;
    click(c, "#transfer-create").await?;
    wait_for(c, "#transfer-send").await?;
    until_text(c, "#transfer-route", "Surface de vente → Réserve").await;
    assert!(text(c, ".count-badges").await.contains("Brouillon"));
    shot(c, "transfer-draft-fr").await;

    // Sent: in transit, on no shelf.
    click(c, "#transfer-send").await?;
    wait_for(c, "#transfer-scan-form:not([hidden])").await?;
    until_text(c, ".count-badges", "En transit").await;
    assert_eq!(at(c, WATER, "Surface de vente").await?, "3.000");
    shot(c, "transfer-sent-fr").await;

    // Two of the three arrive, scanned; one short.
    for _ in 0..2 {
        click(c, "#transfer-scan").await?;
        scan(c, WATER).await?;
    }
    until_text(c, "#transfer-feedback", "2").await;
    until_text(c, "#transfer-lines", "-1").await;
    assert!(
        text(c, "#transfer-summary").await.contains('1'),
        "{}",
        text(c, "#transfer-summary").await
    );
    shot(c, "transfer-receiving-fr").await;
    click(c, "#transfer-receive").await?;
    until_text(c, ".count-badges", "Reçu").await;
    assert_eq!(at(c, WATER, "Réserve").await?, "2.000", "2 arrived of 3");
    shot(c, "transfer-received-fr").await;

    // The list shows where it went.
    c.goto(&format!("{base}/admin#/transfers")).await?;
    wait_for(c, "#transfers-table tr[data-transfer-id]").await?;
    until_text(c, "#transfers-table", "Surface de vente → Réserve").await;
    assert_eq!(sideways(c).await, 0, "the list fits");
    shot(c, "transfers-list-fr").await;

    // A count of chosen items: water by its barcode, tonic found by searching its name.
    c.goto(&format!("{base}/admin#/counts")).await?;
    click(c, "#count-new").await?;
    wait_for(c, "#count-new-dialog #count-scope").await?;
    js(
        c,
        "const s = document.getElementById('count-scope'); s.value = 'items'; s.dispatchEvent(new Event('change'));",
    )
    .await?;
    click(c, "#count-items-scan").await?;
    scan(c, WATER).await?;
    until("the water to be picked", || async {
        count(c, "#count-items li[data-item-id]").await == 1
    })
    .await;
    click(c, "#count-items-scan").await?;
    let tonic_name = in_page(
        c,
        &format!(
            "const f = await (await fetch('/api/v1/catalog/lookup?code={TONIC}', {{headers: {{Accept: 'application/json'}}}})).json();
             return f.item.name;"
        ),
    )
    .await?;
    let tonic_name = tonic_name.as_str().unwrap_or_default().to_owned();
    type_keys(c, &tonic_name, 0).await?;
    wait_for(c, "#count-items-results .adjust-hit").await?;
    shot(c, "count-items-search-fr").await;
    let tonic_id = in_page(
        c,
        &format!(
            "const f = await (await fetch('/api/v1/catalog/lookup?code={TONIC}', {{headers: {{Accept: 'application/json'}}}})).json();
             return f.item.item_id;"
        ),
    )
    .await?;
    let tonic_id = tonic_id.as_str().unwrap_or_default().to_owned();
    click(
        c,
        &format!("#count-items-results .adjust-hit[data-item-id='{tonic_id}']"),
    )
    .await?;
    until("the tonic to be picked", || async {
        count(c, "#count-items li[data-item-id]").await == 2
    })
    .await;
    shot(c, "count-items-fr").await;
    click(c, "#count-start").await?;
    wait_for(c, "#count-scan").await?;
    let id = js(c, "return location.hash.split('/').pop()").await?;
    let id = id.as_str().unwrap_or_default().to_owned();
    let view = in_page(
        c,
        &format!(
            "return await (await fetch('/api/v1/stock/counts/{id}', {{headers: {{Accept: 'application/json'}}}})).json();"
        ),
    )
    .await?;
    assert_eq!(view["scope"], "items", "{view}");
    assert_eq!(view["item_ids"].as_array().map(Vec::len), Some(2), "{view}");
    // An item outside the count is refused as such.
    let other = in_page(
        c,
        &format!(
            "const page = await (await fetch('/api/v1/products?per_page=50', {{headers: {{Accept: 'application/json'}}}})).json();
             return page.items.map((p) => p.barcodes[0]).find((b) => b && b !== '{WATER}' && b !== '{TONIC}');"
        ),
    )
    .await?;
    let other = other.as_str().unwrap_or_default().to_owned();
    assert!(!other.is_empty(), "a third barcoded product in the demo");
    click(c, "#count-scan").await?;
    scan(c, &other).await?;
    until_text(c, "#count-unmatched", &other).await;
    until_text(c, "#count-unmatched", "Hors de cet inventaire").await;
    shot(c, "count-items-counting-fr").await;
    Ok(())
}
