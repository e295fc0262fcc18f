//! The cashier terminal in a real browser: headless Chromium driven through WebDriver against
//! the real `caisse` binary serving the demo shop. Scans are sent as a scanner sends them — a
//! burst of key presses ending with Enter, to whatever has the focus, never into a field the
//! test clicked first.

mod browser;

use browser::{
    Res, TempDir, browser_available, click, count, js, one_at_a_time, press, run_story, scan, shot,
    start_browser, start_shop, start_shop_on, text, type_keys, until, until_text, wait_for,
};
use fantoccini::{Client, Locator};

/// Demo products with barcodes: mineral water 0.70, tonic 0.65, hamster food 2.99.
const WATER: &str = "3194006037898";
const TONIC: &str = "3194006038604";
const HAMSTER: &str = "3194006051481";
/// 1.250 kg of the demo's first cheese (Comté, 24.90/kg): 31.13.
const CHEESE_LABEL: &str = "2800101012500";
/// A well-formed EAN-13 that no demo product carries.
const UNKNOWN: &str = "5901234123457";
/// Thirteen digits with a wrong check digit.
const MALFORMED: &str = "3194006037890";

const ENTER: char = '\u{E007}';
const ESCAPE: char = '\u{E00C}';
const F3: char = '\u{E033}';
const F6: char = '\u{E036}';
const F9: char = '\u{E039}';
const F10: char = '\u{E03A}';
const F12: char = '\u{E03C}';

async fn lines(c: &Client) -> usize {
    count(c, "#cart .cart-line").await
}

/// Signs in on the PIN pad as the demo's `login` (pairing the device with T1 first, as the
/// demo's manager, when it is not paired yet).
async fn sign_in(c: &Client, login: &str, pin: &str) -> Res {
    wait_for(c, "#signin, #pairing").await?;
    if count(c, "#pairing").await > 0 {
        browser::pair_till(c, "manager", "manager", "T1").await?;
    }
    browser::tap_and_pin(
        c,
        "#staff-list",
        browser::demo_name(login),
        "signin-pin",
        pin,
    )
    .await?;
    wait_for(c, "#float, #cart").await?;
    Ok(())
}

/// Opens the drawer with a float of 5 × 20.00 counted note by note.
async fn open_drawer(c: &Client) -> Res {
    wait_for(c, "#float").await?;
    for _ in 0..5 {
        click(c, "#float-count [data-plus='2000']").await?;
    }
    until_text(c, "#float-total", "100.00").await;
    shot(c, "pos-float").await;
    click(c, "#float-open").await?;
    wait_for(c, "#cart").await?;
    Ok(())
}

/// Blurs whatever has the focus: the scanner types into the page, not into a field.
async fn focus_nothing(c: &Client) -> Res {
    js(
        c,
        "document.activeElement && document.activeElement.blur(); return true;",
    )
    .await?;
    Ok(())
}

async fn scan_line(c: &Client, code: &str, want_lines: usize) -> Res {
    scan(c, code).await?;
    let what = format!("{want_lines} lines after scanning {code}");
    until(&what, || async { lines(c).await == want_lines }).await;
    Ok(())
}

/// Pays what is due in cash with the keypad's typed amount (or exact when empty) and waits
/// for the receipt panel.
async fn pay_cash(c: &Client, typed: &str) -> Res {
    press(c, ENTER).await?;
    wait_for(c, "#payment").await?;
    if !typed.is_empty() {
        type_keys(c, typed, 0).await?;
    }
    press(c, ENTER).await?;
    wait_for(c, "#done").await?;
    Ok(())
}

async fn manager_approves(c: &Client) -> Res {
    wait_for(c, "#approval-dialog").await?;
    browser::tap_and_pin(
        c,
        "#approval-dialog",
        "Karim Benali",
        "approval-pin",
        "2222",
    )
    .await
}

#[tokio::test]
async fn a_cashier_sells_returns_and_closes_the_drawer_at_the_till() {
    if !browser_available("the till browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-pos");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(1280, 800).await;
    run_story(&c, "pos-failure", |c| till_story(c, base)).await;
}

async fn till_story(c: Client, base: String) -> Res {
    let c = &c;
    c.goto(&format!("{base}/pos")).await?;
    // First use of this browser as a till: the manager pairs it with T1.
    wait_for(c, "#pairing").await?;
    shot(c, "pos-pairing").await;
    browser::pair_till(c, "manager", "manager", "T1").await?;
    shot(c, "pos-sign-in").await;

    // A wrong PIN is refused on the spot, with the tries left.
    browser::tap_and_pin(c, "#staff-list", "Léa Dubois", "signin-pin", "9999").await?;
    until_text(c, "#signin-pin-error", "Wrong PIN. 4 tries left.").await;
    sign_in(c, "cashier", "3333").await?;
    open_drawer(c).await?;
    until_text(c, "#pos-user", "Léa").await;

    // Three products scanned as bursts, with nothing focused.
    focus_nothing(c).await?;
    scan_line(c, WATER, 1).await?;
    scan_line(c, TONIC, 2).await?;
    scan_line(c, HAMSTER, 3).await?;
    let search = c.find(Locator::Css("#pos-search")).await?;
    assert_eq!(search.prop("value").await?.unwrap_or_default(), "");
    until_text(c, "#total-amount", "4.34").await;
    // The same product again right away counts one more on its line.
    scan(c, HAMSTER).await?;
    until_text(c, "#cart [data-line-no='3'] .line-detail", "2 ×").await;
    assert_eq!(lines(c).await, 3);

    // A person typing in the search box is not a scanner: the typeahead answers, Enter picks.
    click(c, "#pos-search").await?;
    type_keys(c, "tonic le panier", 90).await?;
    until_text(c, "#search-results", "Tonic Le Panier").await;
    shot(c, "pos-search").await;
    press(c, ENTER).await?;
    until("the searched item on a line", || async {
        lines(c).await == 4
    })
    .await;
    until_text(c, "#cart [data-line-no='4']", "Tonic").await;
    // Typed fast and wrong (two letters swapped), the name is still found; Escape picks nothing.
    click(c, "#pos-search").await?;
    type_keys(c, "chocolta", 90).await?;
    until("a chocolate in the results", || async {
        let shown = text(c, "#search-results").await;
        shown.to_lowercase().contains("chocolat")
    })
    .await;
    press(c, '\u{E00C}').await?;
    assert_eq!(lines(c).await, 4);
    focus_nothing(c).await?;
    click(c, "#cart [data-line-no='4']").await?;
    press(c, '\u{E038}').await?; // F8: void the line
    click(c, "#void-dialog [data-test='confirm-ok']").await?;
    until_text(c, "#cart [data-line-no='4']", "voided").await;
    until_text(c, "#total-amount", "7.33").await;

    // An unknown code and a malformed one: the reason, and nothing added.
    scan(c, UNKNOWN).await?;
    until_text(c, "#scan-banner", "Unknown code").await;
    shot(c, "pos-unknown-code").await;
    scan(c, MALFORMED).await?;
    until_text(c, "#scan-banner", "cannot be read").await;
    assert_eq!(lines(c).await, 4);

    // A weighed label: its weight on the line.
    scan_line(c, CHEESE_LABEL, 5).await?;
    until_text(c, "#cart [data-line-no='5']", "1.250 kg").await;
    until_text(c, "#total-amount", "38.46").await;
    shot(c, "pos-cart").await;

    // Cash with change: 50.00 for 38.46.
    press(c, ENTER).await?;
    wait_for(c, "#payment").await?;
    until_text(c, "#pay-due", "38.46").await;
    type_keys(c, "50", 0).await?;
    until_text(c, "#cash-entry", "50.00").await;
    shot(c, "pos-payment").await;
    press(c, ENTER).await?;
    wait_for(c, "#done").await?;
    until_text(c, "#done-change", "11.54").await;
    until_text(c, "#done-receipt-number", "T1-000001").await;
    shot(c, "pos-receipt").await;

    // The next scan starts the next sale: split 2.00 on the card and the rest in cash.
    scan_line(c, WATER, 1).await?;
    scan_line(c, HAMSTER, 2).await?;
    press(c, ENTER).await?;
    wait_for(c, "#payment").await?;
    type_keys(c, "2", 0).await?;
    press(c, F3).await?;
    until_text(c, "#tenders", "Card").await;
    until_text(c, "#pay-due", "1.69").await;
    shot(c, "pos-split-payment").await;
    press(c, ENTER).await?;
    wait_for(c, "#done").await?;
    until_text(c, "#done-receipt-number", "T1-000002").await;

    // A 50 % discount is over the cashier's limit: a manager's PIN on the spot.
    scan_line(c, HAMSTER, 1).await?;
    press(c, F6).await?;
    wait_for(c, "#discount-dialog").await?;
    type_keys(c, "50", 0).await?;
    click(c, "#discount-dialog [data-reason='damaged']").await?;
    press(c, ENTER).await?;
    manager_approves(c).await?;
    until_text(c, "#cart [data-line-no='1']", "50").await;
    until_text(c, "#total-amount", "1.49").await;
    shot(c, "pos-discount-approved").await;

    // Park it, the till is free; resume it from the parked list.
    press(c, F9).await?;
    until("the cart to empty", || async { lines(c).await == 0 }).await;
    press(c, F10).await?;
    wait_for(c, "#parked-list").await?;
    shot(c, "pos-parked").await;
    click(c, "#parked-list button").await?;
    until("the parked sale back", || async { lines(c).await == 1 }).await;
    until_text(c, "#total-amount", "1.49").await;
    pay_cash(c, "").await?;
    until_text(c, "#done-receipt-number", "T1-000003").await;

    // A return started by scanning the first receipt's barcode: one water back, in cash.
    focus_nothing(c).await?;
    scan(c, "T1-000001").await?;
    wait_for(c, "#return-panel [data-return-line='1']").await?;
    until_text(c, "#mode-banner", "T1-000001").await;
    click(c, "#return-panel [data-return-line='1']").await?;
    until("the return line", || async { lines(c).await == 1 }).await;
    until_text(c, "#refund-total", "0.70").await;
    shot(c, "pos-return").await;
    click(c, "#refund-cash").await?;
    wait_for(c, "#done").await?;
    until_text(c, "#done", "Refund complete").await;

    // Close the drawer with a count: expected 100 + 38.46 + 1.69 + 1.49 - 0.70 = 140.94.
    focus_nothing(c).await?;
    press(c, F12).await?;
    click(c, "#menu-close").await?;
    wait_for(c, "#close-dialog").await?;
    until_text(c, "#close-expected", "140.94").await;
    for _ in 0..7 {
        click(c, "#close-count [data-plus='2000']").await?;
    }
    click(c, "#close-count [data-plus='50']").await?;
    until_text(c, "#close-over-short", "0.44").await;
    assert_eq!(
        count(c, "#close-dialog .fig.is-short").await,
        1,
        "a shortfall shows as short"
    );
    shot(c, "pos-close-drawer").await;
    click(c, "#close-confirm").await?;
    wait_for(c, "#z-report").await?;
    until_text(c, "#report-over-short", "0.44").await;
    until_text(c, "#report-sales", "43.64").await;
    shot(c, "pos-z-report").await;
    click(c, "#z-report-close").await?;
    wait_for(c, "#float").await?;
    let _ = ESCAPE;
    Ok(())
}

#[tokio::test]
async fn the_customer_display_follows_the_sale_live() {
    if !browser_available("the customer display browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-display");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(1280, 800).await;
    run_story(&c, "display-failure", |c| display_story(c, base)).await;
}

async fn display_story(c: Client, base: String) -> Res {
    let c = &c;
    c.goto(&format!("{base}/pos")).await?;
    sign_in(c, "cashier", "3333").await?;
    open_drawer(c).await?;
    // The device knows its register (it was paired with it).
    let register = js(
        c,
        "const x = new XMLHttpRequest(); x.open('GET', '/api/v1/auth/staff', false); x.send(); \
         return JSON.parse(x.responseText).register.id;",
    )
    .await?;
    let register = register.as_str().unwrap_or_default().to_owned();
    assert!(!register.is_empty(), "the paired device's register");
    let till = c.window().await?;
    let display = c.new_window(false).await?.handle;
    c.switch_to_window(display.clone()).await?;
    c.goto(&format!("{base}/display/?register={register}"))
        .await?;
    wait_for(c, "#d-welcome").await?;
    shot(c, "display-idle").await;

    c.switch_to_window(till.clone()).await?;
    focus_nothing(c).await?;
    scan_line(c, WATER, 1).await?;
    scan_line(c, HAMSTER, 2).await?;
    // Quick keys for what has no barcode: a baguette, and bananas weighed on the spot.
    click(c, "#quick-keys .quick-tab:nth-child(1)").await?;
    click(c, "#quick-keys .qkey:nth-child(1)").await?;
    until("the baguette's line", || async { lines(c).await == 3 }).await;
    click(c, "#quick-keys .quick-tab:nth-child(2)").await?;
    click(c, "#quick-keys .qkey:nth-child(1)").await?;
    wait_for(c, "#weight-dialog").await?;
    type_keys(c, "1\u{E007}", 0).await?;
    until("the bananas' line", || async { lines(c).await == 4 }).await;
    until_text(c, "#cart [data-line-no='4']", "1.000 kg").await;
    until_text(c, "#total-amount", "6.78").await;
    shot(c, "pos-quick-keys").await;
    c.switch_to_window(display.clone()).await?;
    until_text(c, "#d-lines", "Mélange pour hamsters").await;
    until_text(c, "#d-lines", "Bananes").await;
    until_text(c, "#d-total", "6.78").await;
    shot(c, "display-sale").await;

    c.switch_to_window(till.clone()).await?;
    pay_cash(c, "10").await?;
    c.switch_to_window(display.clone()).await?;
    wait_for(c, "#d-thanks").await?;
    until_text(c, "#d-change", "3.22").await;
    shot(c, "display-paid").await;
    let state = text(c, "#d-thanks").await;
    assert!(
        state.contains("Thank you"),
        "display says thank you: {state:?}"
    );

    // The till locks (here by its button; by itself after the idle minutes) and only the
    // cashier's PIN opens it again; a scan meanwhile sells nothing.
    c.switch_to_window(till.clone()).await?;
    click(c, "#pos-lock-button").await?;
    wait_for(c, "#pos-lock").await?;
    shot(c, "pos-locked").await;
    scan(c, WATER).await?;
    until_text(c, "#lock-pin-error", "Too many digits").await;
    type_keys(c, "1234\u{E007}", 0).await?;
    until_text(c, "#lock-pin-error", "Wrong PIN").await;
    type_keys(c, "3333\u{E007}", 0).await?;
    until("the till unlocked", || async {
        count(c, "#pos-lock").await == 0
    })
    .await;
    assert_eq!(
        count(c, "#done").await,
        1,
        "the scan while locked sold nothing"
    );
    Ok(())
}

#[tokio::test]
async fn a_sale_paid_while_the_server_is_down_is_sent_again_and_recorded_once() {
    if !browser_available("the offline till browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-offline");
    let listen = format!("127.0.0.1:{}", browser::free_port());
    let (shop, base) = start_shop_on(&dir.0, &listen);
    let (_driver, c) = start_browser(1280, 800).await;
    let db = dir.0.clone();
    run_story(&c, "pos-offline-failure", move |c| {
        offline_story(c, base, shop, db, listen)
    })
    .await;
}

async fn offline_story(
    c: Client,
    base: String,
    shop: browser::Guard,
    dir: std::path::PathBuf,
    listen: String,
) -> Res {
    let c = &c;
    c.goto(&format!("{base}/pos")).await?;
    sign_in(c, "cashier", "3333").await?;
    open_drawer(c).await?;
    focus_nothing(c).await?;
    scan_line(c, HAMSTER, 1).await?;
    press(c, ENTER).await?;
    wait_for(c, "#payment").await?;

    // The server goes away (a clean stop: open carts are saved) just before the cash is taken.
    stop_gracefully(shop);
    press(c, ENTER).await?;
    wait_for(c, "#offline-banner:not([hidden])").await?;
    until_text(c, "#pos-connection", "Offline").await;
    shot(c, "pos-offline").await;

    // Back on the same address and database: the till sends the same requests again.
    let (_shop, _) = start_shop_on(&dir, &listen);
    wait_for(c, "#done").await?;
    until_text(c, "#done-receipt-number", "T1-000001").await;
    assert_eq!(count(c, "#offline-banner:not([hidden])").await, 0);
    until_text(c, "#pos-connection", "Online").await;

    // Recorded once: the next sale is number 2.
    scan_line(c, WATER, 1).await?;
    pay_cash(c, "").await?;
    until_text(c, "#done-receipt-number", "T1-000002").await;
    Ok(())
}

/// Stops the server with SIGTERM (it finishes in-flight requests and saves open carts).
fn stop_gracefully(mut shop: browser::Guard) {
    let pid = shop.0.id().to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill -TERM");
    assert!(status.success());
    let _ = shop.0.wait();
}

/// The scanner detector's rules as a table, run in the browser on the shipped module.
#[tokio::test]
async fn the_scanner_detector_tells_a_scanner_from_a_person() {
    if !browser_available("the scanner detector browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-scanner");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(1024, 768).await;
    run_story(&c, "scanner-failure", |c| async move {
        c.goto(&format!("{base}/pos")).await?;
        let script = r#"
            const done = arguments[0];
            import("/pos/scanner.js").then(({ BurstDetector }) => {
              // [keys, gap between keys in ms, gap before Enter, expected scan or null]
              const cases = [
                ["3194006037898", 2, 2, "3194006037898"],   // a scanner
                ["3194006037898", 20, 20, "3194006037898"], // a slow scanner
                ["T1-000001", 5, 5, "T1-000001"],           // a receipt number
                ["lait", 90, 90, null],                     // a fast typist
                ["cola", 60, 200, null],                    // typed, then Enter later
                ["123", 2, 2, null],                        // too short to be a code
                ["31940060", 2, 400, null],                 // Enter long after
              ];
              const out = cases.map(([keys, gap, enterGap, want]) => {
                const d = new BurstDetector();
                let t = 1000, got = null;
                for (const k of keys) { d.push(k, t); t += gap; }
                const r = d.push("Enter", t - gap + enterGap);
                got = r ? r.scan : null;
                return { keys, want, got };
              });
              // One late key inside a fast burst (a busy computer) still reads as a scan.
              const d = new BurstDetector();
              let t = 0;
              for (const [i, k] of [..."3194006037898"].entries()) { t += i === 6 ? 120 : 3; d.push(k, t); }
              out.push({ keys: "one late key", want: "3194006037898", got: d.push("Enter", t + 3)?.scan ?? null });
              // A function key between fast keys is a person at the till (an amount, F3 for
              // the card, another amount): never one scan of all the keys.
              const f = new BurstDetector();
              t = 0;
              for (const k of [..."6.66", "F3", ..."102"]) { t += 2; f.push(k, t); }
              out.push({ keys: "6.66 F3 102", want: null, got: f.push("Enter", t + 2)?.scan ?? null });
              // Shift inside a code (a scanner typing capitals) does not end it.
              const s = new BurstDetector();
              t = 0;
              for (const k of ["Shift", "T", ..."1-000001"]) { t += 2; s.push(k, t); }
              out.push({ keys: "Shift T1-000001", want: "T1-000001", got: s.push("Enter", t + 2)?.scan ?? null });
              done(out);
            }, (e) => done(String(e)));
        "#;
        let out = c.execute_async(script, vec![]).await?;
        let rows = out.as_array().unwrap_or_else(|| panic!("detector cases ran: {out}"));
        assert_eq!(rows.len(), 10);
        for row in rows {
            assert_eq!(row["got"], row["want"], "{row}");
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_sale_changed_elsewhere_is_shown_again_and_never_charged() {
    if !browser_available("the changed-sale browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-changed");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(1280, 800).await;
    run_story(&c, "pos-changed-failure", |c| changed_story(c, base)).await;
}

async fn changed_story(c: Client, base: String) -> Res {
    let c = &c;
    c.goto(&format!("{base}/pos")).await?;
    sign_in(c, "cashier", "3333").await?;
    open_drawer(c).await?;
    focus_nothing(c).await?;
    scan_line(c, WATER, 1).await?;
    press(c, ENTER).await?;
    wait_for(c, "#payment").await?;

    // Meanwhile another request (another tab, another till of the same cashier) adds a line
    // to this very sale, with the till's own session.
    let added = in_page(
        c,
        &format!(
            "const h = {{'X-Caisse-Till': '1', 'Content-Type': 'application/json', 'Accept': 'application/json'}};
             const open = await (await fetch('/api/v1/sales/open', {{headers: h}})).json();
             const id = open.items[0].id;
             const r = await fetch(`/api/v1/sales/${{id}}/lines`, {{method: 'POST', headers: h, body: JSON.stringify({{code: '{TONIC}'}})}});
             return r.status;"
        ),
    )
    .await?;
    assert_eq!(
        added,
        serde_json::json!(200),
        "the other request added its line"
    );

    // Card, for what the till shows (0.70): refused, the sale shown as it is now, nothing taken.
    click(c, "#pay-card").await?;
    wait_for(c, "#pay-message").await?;
    let said = text(c, "#pay-message").await;
    assert!(said.contains("changed since it was shown"), "{said}");
    assert!(said.contains("lines: 2"), "{said}");
    assert!(said.contains("€1.35"), "{said}");
    shot(c, "pos-sale-changed").await;
    let payments = in_page(
        c,
        "const h = {'X-Caisse-Till': '1', 'Accept': 'application/json'};
         const open = await (await fetch('/api/v1/sales/open', {headers: h})).json();
         return open.items[0].payments.length;",
    )
    .await?;
    assert_eq!(payments, serde_json::json!(0), "nothing was charged");

    // Paying again charges the new total, and the sale completes with both lines.
    click(c, "#pay-card").await?;
    wait_for(c, "#done").await?;
    until_text(c, "#done-receipt-number", "T1-000001").await;
    Ok(())
}

/// Runs an async script body in the page (as the till's own code would) and returns its value.
async fn in_page(c: &Client, body: &str) -> Res<serde_json::Value> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         (async () => {{ {body} }})().then(done, (e) => done('failed: ' + e));"
    );
    c.execute_async(&script, vec![]).await
}
