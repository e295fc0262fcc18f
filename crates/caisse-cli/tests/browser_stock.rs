//! The stock pages in a real browser against the real binary: the levels page follows an
//! adjustment made through the API within a second or two (the live feed, signed in by the
//! session cookie), the navigation's low-stock badge appears when an item crosses its reorder
//! point, and the stock pages at 1024×768 and 360×740 in English and French (screenshots).

mod browser;

use std::time::{Duration, Instant};

use browser::{
    Res, TempDir, browser_available, click, count, js, one_at_a_time, run_story, shot,
    start_browser, start_shop, until, until_text, wait_for,
};
use fantoccini::{Client, Locator};
use serde_json::Value;

/// Evian-like still water in the demo catalogue.
const WATER: &str = "3194006037898";

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

/// Runs an async script body in the page and returns its value.
async fn in_page(c: &Client, body: &str) -> Res<Value> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         (async () => {{ {body} }})().then(done, (e) => done('failed: ' + e));"
    );
    c.execute_async(&script, vec![]).await
}

/// Another program's API calls: a token of its own (no cookie: the page keeps its session),
/// then calls with it.
const API: &str = "
    const login = await fetch('/api/v1/auth/login', {method: 'POST', credentials: 'omit',
      headers: {'Content-Type': 'application/json', Accept: 'application/json'},
      body: JSON.stringify({login: 'manager', password: 'manager'})});
    const token = (await login.json()).token;
    const h = {Authorization: 'Bearer ' + token, 'Content-Type': 'application/json', Accept: 'application/json'};
    const call = async (method, path, body, key) => {
      const headers = key ? {...h, 'Idempotency-Key': key} : h;
      const r = await fetch('/api/v1' + path, {method, headers, credentials: 'omit', body: body ? JSON.stringify(body) : undefined});
      return {status: r.status, body: await r.json()};
    };
    const water = (await call('GET', '/catalog/lookup?code=WATER')).body.item.item_id;
    const adjust = (qty, key, reason = 'correction') =>
      call('POST', '/stock/adjustments', {reason, lines: [{item_id: water, quantity: qty}]}, key);
";

async fn api(c: &Client, then: &str) -> Res<Value> {
    in_page(c, &format!("{}{then}", API.replace("WATER", WATER))).await
}

/// The on-hand figure the levels page shows for an item (its `data-qty`).
async fn shown_qty(c: &Client, item: &str) -> String {
    js(
        c,
        &format!(
            "const el = document.querySelector(\"#stock-table tr[data-item-id='{item}'] [data-qty]\");
             return el ? el.dataset.qty : '';"
        ),
    )
    .await
    .ok()
    .and_then(|v| v.as_str().map(str::to_owned))
    .unwrap_or_default()
}

async fn no_sideways_scroll(c: &Client, width: i64, what: &str) -> Res {
    let wide = js(c, "return document.documentElement.scrollWidth").await?;
    assert!(
        wide.as_i64().unwrap_or(0) <= width,
        "{what} scrolls sideways: {wide}"
    );
    Ok(())
}

#[tokio::test]
async fn the_levels_page_and_the_badge_follow_the_ledger_live() {
    if !browser_available("the stock pages browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-stock");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(1024, 768).await;
    let phone_base = base.clone();
    run_story(&c, "stock-failure", |c| async move {
        live_story(&c, &base).await?;
        pages_story(&c, &base, "en").await?;
        till_story(&c, &base).await?;
        pages_story(&c, &base, "fr").await
    })
    .await;
    let (_driver, c) = start_browser(360, 740).await;
    run_story(&c, "stock-phone-failure", |c| async move {
        phone_story(&c, &phone_base, "en").await?;
        phone_story(&c, &phone_base, "fr").await
    })
    .await;
}

async fn live_story(c: &Client, base: &str) -> Res {
    sign_in(c, base, "owner", "en").await?;
    // Ten bottles booked in, and a reorder point of 8.
    let item = api(
        c,
        "const a = await adjust('10', 'browser-in');
         const r = await call('PUT', `/stock/${water}/reorder`, {reorder_point: '8', order_up_to: '24'});
         return [a.status, r.status, water];",
    )
    .await?;
    assert_eq!(item[0], 201, "{item}");
    assert_eq!(item[1], 200, "{item}");
    let item = item[2].as_str().expect("the item id").to_owned();
    c.goto(&format!("{base}/admin#/stock")).await?;
    wait_for(c, &format!("#stock-table tr[data-item-id='{item}']")).await?;
    assert_eq!(shown_qty(c, &item).await, "10.000");
    assert_eq!(
        count(c, "#stock-alert-badge:not([hidden])").await,
        0,
        "no alert yet"
    );
    // Let the stream open before moving stock.
    until("the stock feed to be open", || async {
        js(
            c,
            "return document.documentElement.dataset.stockFeed === 'open'",
        )
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
    })
    .await;

    // One broken bottle, booked by another program: the page shows 9 without a reload.
    let started = Instant::now();
    let res = api(
        c,
        "return (await adjust('-1', 'browser-broken', 'damage')).status;",
    )
    .await?;
    assert_eq!(res, 201);
    until("the level to show 9", || async {
        shown_qty(c, &item).await == "9.000"
    })
    .await;
    let live = started.elapsed();
    println!(
        "levels page updated {} ms after the adjustment was sent",
        live.as_millis()
    );
    assert!(live < Duration::from_secs(2), "took {live:?}");

    // Two more: 7 is at or below 8, an alert is raised and the badge shows it.
    let started = Instant::now();
    let res = api(
        c,
        "return (await adjust('-2', 'browser-theft', 'theft')).status;",
    )
    .await?;
    assert_eq!(res, 201);
    until_text(c, "#stock-alert-badge", "1").await;
    let badge = started.elapsed();
    println!(
        "badge shown {} ms after the crossing was sent",
        badge.as_millis()
    );
    assert!(badge < Duration::from_secs(2), "took {badge:?}");
    until("the level to show 7", || async {
        shown_qty(c, &item).await == "7.000"
    })
    .await;
    shot(c, "stock-levels-live-en-1024").await;

    // The alert, acknowledged: the badge goes.
    click(c, "#nav-stock-alerts").await?;
    wait_for(c, &format!("#alerts-table tr[data-item-id='{item}']")).await?;
    shot(c, "stock-alerts-en-1024").await;
    click(c, "#alerts-table button[data-acknowledge]").await?;
    until("the badge to go", || async {
        count(c, "#stock-alert-badge[hidden]").await == 1
    })
    .await;
    click(c, "#signout").await?;
    wait_for(c, "#login").await?;
    Ok(())
}

async fn pages_story(c: &Client, base: &str, lang: &str) -> Res {
    sign_in(c, base, "owner", lang).await?;
    c.goto(&format!("{base}/admin#/stock")).await?;
    wait_for(c, "#stock-table tr[data-row]").await?;
    shot(c, &format!("stock-levels-{lang}-1024")).await;
    click(c, "#stock-table tr[data-row] a").await?;
    wait_for(c, "#movements-table tr[data-row]").await?;
    wait_for(c, "#stock-item-levels tr").await?;
    shot(c, &format!("stock-item-{lang}-1024")).await;
    if lang == "en" {
        // A manager sets the reorder point from the item page.
        // Typed in one go: a live refresh between a clear and the keys would refill it.
        js(
            c,
            "const f = document.getElementById('reorder-point'); f.focus(); f.value = '5';",
        )
        .await?;
        click(c, "#reorder-save").await?;
        until_text(c, "#stock-item-reorder", "5").await;
    }
    click(c, "#stock-item-adjust").await?;
    wait_for(c, "#adjust-lines tr[data-row]").await?;
    shot(c, &format!("stock-adjust-{lang}-1024")).await;
    // Booked from the form: one bottle less, the answer says what is left.
    click(c, "#adjust-submit").await?;
    wait_for(c, "#adjust-done:not([hidden])").await?;
    shot(c, &format!("stock-adjust-done-{lang}-1024")).await;
    c.goto(&format!("{base}/admin#/stock/reports?report=valuation"))
        .await?;
    wait_for(c, "#report-table tr[data-row]").await?;
    until_text(c, "#report-total", "€").await;
    shot(c, &format!("stock-report-valuation-{lang}-1024")).await;
    c.goto(&format!("{base}/admin#/stock/reports?report=shrinkage"))
        .await?;
    wait_for(c, "#report-table tr[data-row]").await?;
    shot(c, &format!("stock-report-shrinkage-{lang}-1024")).await;
    c.goto(&format!("{base}/admin#/stock/settings")).await?;
    wait_for(c, "#locations-table tr[data-code='floor']").await?;
    shot(c, &format!("stock-settings-{lang}-1024")).await;
    click(c, "#signout").await?;
    wait_for(c, "#login").await?;
    Ok(())
}

async fn phone_story(c: &Client, base: &str, lang: &str) -> Res {
    sign_in(c, base, "manager", lang).await?;
    c.goto(&format!("{base}/admin#/stock")).await?;
    wait_for(c, "#stock-table tr[data-row]").await?;
    no_sideways_scroll(c, 360, "the levels page").await?;
    shot(c, &format!("stock-levels-{lang}-360")).await;
    c.goto(&format!("{base}/admin#/stock/reports?report=sell-through"))
        .await?;
    // Adjustments are neither sales nor receipts: no line, the empty state says so.
    wait_for(c, "#report-empty").await?;
    no_sideways_scroll(c, 360, "the sell-through report").await?;
    shot(c, &format!("stock-report-{lang}-360")).await;
    c.goto(&format!("{base}/admin#/stock/adjust")).await?;
    wait_for(c, "#adjust-scan").await?;
    no_sideways_scroll(c, 360, "the adjustment form").await?;
    shot(c, &format!("stock-adjust-{lang}-360")).await;
    c.goto(&format!("{base}/admin")).await?;
    click(c, "#nav-toggle").await?;
    click(c, "#signout").await?;
    wait_for(c, "#login").await?;
    Ok(())
}

/// The till's search shows what the sales floor holds of each hit.
async fn till_story(c: &Client, base: &str) -> Res {
    c.goto(&format!("{base}/pos")).await?;
    wait_for(c, "#signin, #pairing").await?;
    if count(c, "#pairing").await > 0 {
        browser::pair_till(c, "manager", "manager", "T1").await?;
    }
    browser::tap_and_pin(
        c,
        "#staff-list",
        browser::demo_name("cashier"),
        "signin-pin",
        "3333",
    )
    .await?;
    wait_for(c, "#float, #cart").await?;
    if count(c, "#float").await > 0 {
        for _ in 0..5 {
            click(c, "#float-count [data-plus='2000']").await?;
        }
        click(c, "#float-open").await?;
        wait_for(c, "#cart").await?;
    }
    c.find(Locator::Css("#pos-search"))
        .await?
        .send_keys("eau minerale gazeuse panier")
        .await?;
    wait_for(c, "#search-results .hit-stock[data-on-hand]").await?;
    // 10 booked in, 1 broken, 2 stolen, 1 damaged from the form: 6 on the floor.
    until_text(c, "#search-results", "6 in stock").await;
    shot(c, "pos-search-on-hand-en").await;
    Ok(())
}
