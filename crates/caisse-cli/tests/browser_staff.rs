//! The back office's Staff page in a real browser at 1024×768, in English and French: the
//! owner creates a cashier, resets their PIN, deactivates and reactivates them; the page
//! never scrolls sideways; the paired tills have their page.

mod browser;

use browser::{
    Res, TempDir, browser_available, click, count, js, one_at_a_time, run_story, shot,
    start_browser, start_shop, until, until_text, wait_for,
};
use fantoccini::{Client, Locator};

#[tokio::test]
async fn the_owner_manages_staff_from_the_back_office_in_english_and_french() {
    if !browser_available("the staff browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-staff");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(1024, 768).await;
    run_story(&c, "staff-failure", |c| staff_story(c, base)).await;
}

async fn no_sideways_scroll(c: &Client, what: &str) -> Res {
    let wide = js(c, "return document.documentElement.scrollWidth").await?;
    assert!(
        wide.as_i64().unwrap_or(0) <= 1024,
        "{what} scrolls sideways: {wide}"
    );
    Ok(())
}

async fn staff_story(c: Client, base: String) -> Res {
    let c = &c;
    c.goto(&format!("{base}/admin")).await?;
    wait_for(c, "#login").await?;
    js(c, "localStorage.setItem('caisse.locale', 'en')").await?;
    c.find(Locator::Css("#login"))
        .await?
        .send_keys("owner")
        .await?;
    c.find(Locator::Css("#password"))
        .await?
        .send_keys("owner")
        .await?;
    click(c, "#login-submit").await?;
    wait_for(c, "#user-name").await?;
    click(c, "#nav-staff").await?;
    wait_for(c, "#staff-table tr[data-login='cashier']").await?;
    assert_eq!(count(c, "#staff-table tbody tr").await, 3);

    // A new cashier: a weak password and a trivial PIN are refused with the reasons.
    click(c, "#staff-add").await?;
    wait_for(c, "#staff-create").await?;
    c.find(Locator::Css("#staff-login"))
        .await?
        .send_keys("zoe")
        .await?;
    c.find(Locator::Css("#staff-name"))
        .await?
        .send_keys("Zoé Lambert")
        .await?;
    c.find(Locator::Css("#staff-password"))
        .await?
        .send_keys("zoe")
        .await?;
    c.find(Locator::Css("#staff-pin"))
        .await?
        .send_keys("1234")
        .await?;
    click(c, "#staff-create-save").await?;
    until("the field errors", || async {
        count(
            c,
            "#staff-create [aria-invalid='true'], #staff-create .field-error:not(:empty)",
        )
        .await
            >= 2
    })
    .await;
    shot(c, "staff-create-refused-en").await;
    let password = c.find(Locator::Css("#staff-password")).await?;
    password.clear().await?;
    password.send_keys("zoe-sells-fresh-bread").await?;
    let pin = c.find(Locator::Css("#staff-pin")).await?;
    pin.clear().await?;
    pin.send_keys("5827").await?;
    click(c, "#staff-create-save").await?;
    wait_for(c, "#staff-table tr[data-login='zoe']").await?;
    no_sideways_scroll(c, "the Staff page").await?;
    shot(c, "staff-list-en").await;

    // Deactivate, then reactivate.
    click(
        c,
        "#staff-table tr[data-login='zoe'] [data-action='deactivate']",
    )
    .await?;
    until_text(c, "#staff-table tr[data-login='zoe']", "Deactivated").await;
    click(
        c,
        "#staff-table tr[data-login='zoe'] [data-action='activate']",
    )
    .await?;
    until_text(c, "#staff-table tr[data-login='zoe']", "Active").await;
    // The last owner cannot be deactivated: the page says why.
    click(
        c,
        "#staff-table tr[data-login='owner'] [data-action='deactivate']",
    )
    .await?;
    until("the last-owner message", || async {
        browser::text(c, "#toasts")
            .await
            .contains("last active owner")
    })
    .await;

    // In French.
    js(c, "localStorage.setItem('caisse.locale', 'fr')").await?;
    c.refresh().await?;
    wait_for(c, "#staff-table tr[data-login='zoe']").await?;
    until_text(c, "h1", "Équipe").await;
    no_sideways_scroll(c, "la page Équipe").await?;
    shot(c, "staff-list-fr").await;
    click(c, "#staff-table tr[data-login='zoe'] [data-action='pin']").await?;
    wait_for(c, "#staff-pin").await?;
    c.find(Locator::Css("#staff-new-pin"))
        .await?
        .send_keys("6149")
        .await?;
    shot(c, "staff-pin-dialog-fr").await;
    click(c, "#staff-pin-save").await?;
    until("the PIN dialog to close", || async {
        count(c, "#staff-pin").await == 0
    })
    .await;
    // The paired tills' page lists them (none yet).
    c.goto(&format!("{base}/admin#/devices")).await?;
    wait_for(c, "#devices-table").await?;
    until_text(c, "#devices-table", "Aucune caisse").await;
    no_sideways_scroll(c, "la page des caisses").await?;
    shot(c, "registers-devices-fr").await;
    Ok(())
}
