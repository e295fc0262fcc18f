//! Receiving a delivery on a phone-sized screen (360×740) with a scanner: the manager opens
//! the receiving screen of a sent purchase order; the scanner types each code and Enter into
//! the focused field (keystrokes, as a Bluetooth scanner does); every scan flashes and updates
//! the running list; an unknown code and an item not on the order are listed; the review
//! shows the over- and under-delivered lines; confirming books the receipt once. In English,
//! then in French, with screenshots of each step. Then a cashier of a store that lets
//! cashiers receive does the same from the list of expected deliveries.

mod browser;

use browser::{
    Res, TempDir, browser_available, click, count, js, one_at_a_time, run_story, scan, shot,
    start_browser, start_shop, text, until, until_text, wait_for,
};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

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

/// Calls the API from the page (its session cookie), as the back office does.
async fn api(c: &Client, method: &str, path: &str, body: Value) -> Res<Value> {
    let script = r#"
        const [method, path, body, done] = arguments;
        fetch(path, { method, headers: { "Content-Type": "application/json", "Accept": "application/json" },
                      body: method === "GET" ? undefined : JSON.stringify(body), credentials: "same-origin" })
          .then(async (r) => done({ status: r.status, body: await r.json().catch(() => null) }))
          .catch((e) => done({ status: 0, body: String(e) }));
    "#;
    let res = c
        .execute_async(script, vec![json!(method), json!(path), body])
        .await?;
    assert!(
        res["status"].as_u64().is_some_and(|s| s < 300),
        "{method} {path}: {res}"
    );
    Ok(res["body"].clone())
}

/// A sent order of the demo's first three barcoded products (2, 1 and 1 units), and a fourth
/// product not on it; returns (receiving session id, codes ordered, code not ordered).
async fn sent_order(c: &Client, name: &str) -> Res<(String, Vec<String>, String)> {
    let page = api(c, "GET", "/api/v1/products?per_page=50", Value::Null).await?;
    let mut items = Vec::new();
    for p in page["items"].as_array().cloned().unwrap_or_default() {
        if let Some(code) = p["barcodes"][0].as_str()
            && p["variants"].as_array().is_none_or(Vec::is_empty)
        {
            items.push((
                p["id"].as_str().unwrap_or_default().to_owned(),
                code.to_owned(),
            ));
        }
        if items.len() == 4 {
            break;
        }
    }
    assert_eq!(items.len(), 4, "four barcoded products in the demo");
    let supplier = api(
        c,
        "POST",
        "/api/v1/suppliers",
        json!({"name": name, "lead_time_days": 2}),
    )
    .await?;
    let lines: Vec<Value> = items[..3]
        .iter()
        .zip(["2", "1", "1"])
        .map(|((id, _), q)| json!({"item_id": id, "quantity": q, "unit_cost": 120}))
        .collect();
    let po = api(
        c,
        "POST",
        "/api/v1/purchase-orders",
        json!({"supplier_id": supplier["id"], "lines": lines}),
    )
    .await?;
    let id = po["id"].as_str().unwrap_or_default().to_owned();
    api(
        c,
        "POST",
        &format!("/api/v1/purchase-orders/{id}/send"),
        json!({}),
    )
    .await?;
    let session = api(
        c,
        "POST",
        &format!("/api/v1/purchase-orders/{id}/receiving"),
        json!({}),
    )
    .await?;
    Ok((
        session["id"].as_str().unwrap_or_default().to_owned(),
        items[..3].iter().map(|(_, code)| code.clone()).collect(),
        items[3].1.clone(),
    ))
}

/// The count shown on the line of an item, by its place in the order's list.
async fn line_state(c: &Client, state: &str) -> usize {
    count(c, &format!("#receive-lines li[data-state='{state}']")).await
}

async fn story(c: &Client, base: &str, lang: &str) -> Res {
    if lang == "en" {
        sign_in(c, base, "manager", lang).await?;
    } else {
        js(
            c,
            &format!("localStorage.setItem('caisse.locale', '{lang}')"),
        )
        .await?;
    }
    let (session, codes, unordered) = sent_order(c, &format!("Grossiste {lang}")).await?;
    c.goto(&format!("{base}/admin/#/receiving/{session}"))
        .await?;
    // A fresh page (the language is read when the page loads).
    c.refresh().await?;
    wait_for(c, "#receive-scan").await?;
    until("the scan field to have the focus", || async {
        js(c, "return document.activeElement?.id").await.ok() == Some(json!("receive-scan"))
    })
    .await;
    assert_eq!(line_state(c, "missing").await, 3);
    shot(c, &format!("receiving-start-{lang}")).await;
    // The first item twice (complete), the second twice (one too many): keystrokes and Enter.
    scan(c, &codes[0]).await?;
    until_text(c, "#receive-flash", "1 / 2").await;
    scan(c, &codes[0]).await?;
    until_text(c, "#receive-flash", "2 / 2").await;
    scan(c, &codes[1]).await?;
    scan(c, &codes[1]).await?;
    until("the second line to be over", || async {
        line_state(c, "over").await == 1
    })
    .await;
    assert!(
        js(
            c,
            "return document.getElementById('receive-flash').className"
        )
        .await?
        .as_str()
        .unwrap_or("")
        .contains("warn"),
        "an over-delivery flashes as a warning"
    );
    assert_eq!(line_state(c, "complete").await, 1);
    assert_eq!(
        line_state(c, "missing").await,
        1,
        "the third is still missing"
    );
    // The line scanned last comes first.
    assert_eq!(
        js(
            c,
            "return document.querySelector('#receive-lines li').classList.contains('last')"
        )
        .await?,
        json!(true)
    );
    // A code the shop does not know, and an item that is not on the order.
    scan(c, "2000000000008").await?;
    until("the unknown code to be listed", || async {
        count(c, "#receive-unknown li").await == 1
    })
    .await;
    assert!(
        js(
            c,
            "return document.getElementById('receive-flash').className"
        )
        .await?
        .as_str()
        .unwrap_or("")
        .contains("bad")
    );
    scan(c, &unordered).await?;
    until("the unordered item to be listed", || async {
        count(c, "#receive-unordered li").await == 1
    })
    .await;
    shot(c, &format!("receiving-scanned-{lang}")).await;
    // A reload loses nothing: the counts are on the server.
    c.refresh().await?;
    wait_for(c, "#receive-lines li").await?;
    until("the counts after a reload", || async {
        line_state(c, "over").await == 1
            && line_state(c, "complete").await == 1
            && count(c, "#receive-unknown li").await == 1
    })
    .await;
    // The review shows what is over and what is missing before anything is booked.
    click(c, "#receive-review").await?;
    wait_for(c, "#receive-review-body").await?;
    assert_eq!(
        count(c, "#receive-review-body li[data-state='over']").await,
        1
    );
    assert_eq!(
        count(c, "#receive-review-body li[data-state='missing']").await,
        1
    );
    shot(c, &format!("receiving-review-{lang}")).await;
    click(c, "#receive-confirm").await?;
    wait_for(c, "#receive-done").await?;
    shot(c, &format!("receiving-done-{lang}")).await;
    let po = api(
        c,
        "GET",
        &format!("/api/v1/receiving/{session}"),
        Value::Null,
    )
    .await?;
    assert_eq!(po["status"], "confirmed");
    assert_eq!(po["po_status"], "partially_received");
    let sheet = text(c, "#receive-title").await;
    assert!(sheet.contains("PO-"), "{sheet}");
    // No sideways scrolling on the phone.
    let wide = js(c, "return document.documentElement.scrollWidth").await?;
    assert!(
        wide.as_i64().unwrap_or(0) <= 360,
        "the page scrolls sideways: {wide}"
    );
    // The order's page shows what was received; the lists and the suggestions open.
    let po_id = po["po_id"].as_str().unwrap_or_default().to_owned();
    c.goto(&format!("{base}/admin/#/purchase-orders/{po_id}"))
        .await?;
    wait_for(c, "#po-table tbody tr[data-item-id]").await?;
    until_text(c, "#po-title", "PO-").await;
    assert_eq!(
        count(c, "#po-close").await,
        1,
        "a partially received order can be closed"
    );
    shot(c, &format!("receiving-order-{lang}")).await;
    c.goto(&format!(
        "{base}/admin/#/purchase-orders?status=partially_received"
    ))
    .await?;
    wait_for(c, "#purchase-orders-table tr[data-row]").await?;
    c.goto(&format!("{base}/admin/#/suggestions")).await?;
    wait_for(c, "#suggestions-body .card, #suggestions-empty").await?;
    shot(c, &format!("receiving-suggestions-{lang}")).await;
    Ok(())
}

#[tokio::test]
async fn a_delivery_is_received_by_scanning_on_a_phone() {
    if !browser_available("the receiving browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-receiving");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(360, 740).await;
    run_story(&c, "receiving-failure", |c| async move {
        story(&c, &base, "en").await?;
        story(&c, &base, "fr").await
    })
    .await;
}

/// A sent order of the demo's first two barcoded products (1 unit each) from a new supplier;
/// returns (order number, codes).
async fn order_to_receive(c: &Client, name: &str) -> Res<(String, Vec<String>)> {
    let page = api(c, "GET", "/api/v1/products?per_page=50", Value::Null).await?;
    let mut items = Vec::new();
    for p in page["items"].as_array().cloned().unwrap_or_default() {
        if let Some(code) = p["barcodes"][0].as_str()
            && p["variants"].as_array().is_none_or(Vec::is_empty)
        {
            items.push((
                p["id"].as_str().unwrap_or_default().to_owned(),
                code.to_owned(),
            ));
        }
        if items.len() == 2 {
            break;
        }
    }
    let supplier = api(c, "POST", "/api/v1/suppliers", json!({"name": name})).await?;
    let lines: Vec<Value> = items
        .iter()
        .map(|(id, _)| json!({"item_id": id, "quantity": "1", "unit_cost": 90}))
        .collect();
    let po = api(
        c,
        "POST",
        "/api/v1/purchase-orders",
        json!({"supplier_id": supplier["id"], "lines": lines}),
    )
    .await?;
    let id = po["id"].as_str().unwrap_or_default().to_owned();
    api(
        c,
        "POST",
        &format!("/api/v1/purchase-orders/{id}/send"),
        json!({}),
    )
    .await?;
    Ok((
        po["number"].as_str().unwrap_or_default().to_owned(),
        items.into_iter().map(|(_, code)| code).collect(),
    ))
}

/// A cashier, in a store that lets cashiers receive, finds the expected deliveries in the
/// navigation (not the purchase orders), opens one, scans it on the phone and confirms it,
/// and comes back to the deliveries; the count pages follow the store's counting setting.
/// In English, then in French, with screenshots.
async fn cashier_story(c: &Client, base: &str, lang: &str) -> Res {
    sign_in(c, base, "manager", lang).await?;
    api(
        c,
        "PATCH",
        "/api/v1/purchasing/settings",
        json!({"cashiers_may_receive": true}),
    )
    .await?;
    let (number, codes) = order_to_receive(c, &format!("Primeur {lang}")).await?;
    // Counting: not for cashiers in English, allowed in French (applying stays the managers').
    let may_count = lang == "fr";
    api(
        c,
        "PATCH",
        "/api/v1/stock/settings",
        json!({"cashiers_may_count": may_count}),
    )
    .await?;
    let opened = api(c, "POST", "/api/v1/stock/counts", json!({})).await?;
    let count_id = opened["id"].as_str().unwrap_or_default().to_owned();
    c.delete_all_cookies().await?;
    sign_in(c, base, "cashier", lang).await?;
    cashier_counts(c, base, &count_id, may_count, lang).await?;
    c.goto(&format!("{base}/admin/#/deliveries")).await?;
    c.refresh().await?;
    wait_for(c, "#deliveries-table tr[data-row]").await?;
    assert_eq!(count(c, "#nav-deliveries").await, 1, "in the navigation");
    assert_eq!(
        count(c, "#nav-purchase-orders").await,
        0,
        "not the buyer's pages"
    );
    until_text(c, "#deliveries-table", &number).await;
    shot(c, &format!("cashier-deliveries-{lang}")).await;
    assert!(
        js(c, "return document.documentElement.scrollWidth")
            .await?
            .as_i64()
            .unwrap_or(0)
            <= 360,
        "the list scrolls sideways"
    );
    click(c, &format!("#delivery-receive-{number}")).await?;
    wait_for(c, "#receive-scan").await?;
    until("the scan field to have the focus", || async {
        js(c, "return document.activeElement?.id").await.ok() == Some(json!("receive-scan"))
    })
    .await;
    for code in &codes {
        scan(c, code).await?;
    }
    until("both lines complete", || async {
        line_state(c, "complete").await == 2
    })
    .await;
    shot(c, &format!("cashier-receiving-{lang}")).await;
    click(c, "#receive-review").await?;
    wait_for(c, "#receive-review-body").await?;
    click(c, "#receive-confirm").await?;
    wait_for(c, "#receive-done").await?;
    assert_eq!(
        js(
            c,
            "return document.getElementById('receive-back').getAttribute('href')"
        )
        .await?,
        json!("#/deliveries"),
        "back to the deliveries, not to the order"
    );
    shot(c, &format!("cashier-received-{lang}")).await;
    click(c, "#receive-back").await?;
    until("the received order to leave the list", || async {
        count(c, "#deliveries-table tr[data-row]").await == 0
            && count(c, "#deliveries-empty").await == 1
    })
    .await;
    shot(c, &format!("cashier-deliveries-done-{lang}")).await;
    c.delete_all_cookies().await?;
    Ok(())
}

/// The count pages as a cashier sees them: the list, and a count a manager opened, with a
/// scan field and "New count" only when the store lets cashiers count; never the report.
async fn cashier_counts(c: &Client, base: &str, id: &str, may_count: bool, lang: &str) -> Res {
    c.goto(&format!("{base}/admin/#/counts")).await?;
    wait_for(c, "#counts-table tr[data-row]").await?;
    assert_eq!(
        count(c, "#count-new").await,
        usize::from(may_count),
        "New count"
    );
    c.goto(&format!("{base}/admin/#/counts/{id}")).await?;
    until("the count to load", || async {
        !text(c, "#count-title").await.is_empty()
            && count(c, "#count-badges .badge, .count-badges .badge").await > 0
    })
    .await;
    if may_count {
        wait_for(c, "#count-scan-form:not([hidden])").await?;
        assert_eq!(count(c, "#count-closed:not([hidden])").await, 0);
    } else {
        wait_for(c, "#count-closed:not([hidden])").await?;
        assert_eq!(
            count(c, "#count-scan-form:not([hidden])").await,
            0,
            "no scan field"
        );
        assert!(text(c, "#count-closed").await.contains("managers count"));
    }
    assert_eq!(
        count(c, "#count-report-open").await,
        0,
        "the report is the managers'"
    );
    shot(c, &format!("cashier-count-{lang}")).await;
    Ok(())
}

#[tokio::test]
async fn a_cashier_receives_a_delivery_on_a_phone_when_the_store_allows_it() {
    if !browser_available("the cashier receiving browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-cashier-receiving");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(360, 740).await;
    run_story(&c, "cashier-receiving-failure", |c| async move {
        cashier_story(&c, &base, "en").await?;
        cashier_story(&c, &base, "fr").await
    })
    .await;
}
