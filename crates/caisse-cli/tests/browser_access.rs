//! Signing in at the till in a real browser, in French at 1024×768 (issue 12): a wrong
//! manager PIN in the approval dialog is said there and the manager tries again, without
//! signing the cashier out; the back office never signs the till in; wrong PINs say the
//! tries left and a manager unlocks the account at the till with their own PIN.

mod browser;

use browser::{
    Res, TempDir, browser_available, click, count, js, one_at_a_time, pair_till, press, run_story,
    scan, shot, start_browser, start_shop, tap_and_pin, until, until_text, wait_for,
};
use fantoccini::{Client, Locator};

/// Demo hamster food, 2.99.
const HAMSTER: &str = "3194006051481";
const ENTER: char = '\u{E007}';
const F6: char = '\u{E036}';

/// Opens `/pos` in French.
async fn till_in_french(c: &Client, base: &str) -> Res {
    c.goto(&format!("{base}/pos")).await?;
    js(c, "localStorage.setItem('caisse.locale', 'fr')").await?;
    c.goto(&format!("{base}/pos")).await?;
    Ok(())
}

async fn open_drawer(c: &Client) -> Res {
    wait_for(c, "#float").await?;
    click(c, "#float-count [data-plus='2000']").await?;
    click(c, "#float-open").await?;
    wait_for(c, "#cart").await?;
    Ok(())
}

async fn story(name: &str, f: fn(Client, String) -> futures_story::Story) {
    if !browser_available(name) {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new(name);
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(1024, 768).await;
    run_story(&c, &format!("{name}-failure"), move |c| f(c, base)).await;
}

mod futures_story {
    pub type Story = std::pin::Pin<Box<dyn std::future::Future<Output = super::Res> + Send>>;
}

#[tokio::test]
async fn a_wrong_manager_pin_is_said_in_the_approval_dialog_and_the_manager_tries_again() {
    story("access-approval", |c, base| {
        Box::pin(approval_story(c, base))
    })
    .await;
}

async fn approval_story(c: Client, base: String) -> Res {
    let c = &c;
    till_in_french(c, &base).await?;
    pair_till(c, "manager", "manager", "T1").await?;
    tap_and_pin(c, "#staff-list", "Léa Dubois", "signin-pin", "3333").await?;
    open_drawer(c).await?;
    scan(c, HAMSTER).await?;
    until("the line", || async {
        count(c, "#cart .cart-line").await == 1
    })
    .await;
    press(c, F6).await?;
    wait_for(c, "#discount-dialog").await?;
    browser::type_keys(c, "30", 0).await?;
    click(c, "#discount-dialog [data-reason='damaged']").await?;
    press(c, ENTER).await?;
    wait_for(c, "#approval-dialog").await?;
    tap_and_pin(
        c,
        "#approval-dialog",
        "Karim Benali",
        "approval-pin",
        "9999",
    )
    .await?;
    until_text(c, "#approval-pin-error", "Code erroné. Encore 4 essais.").await;
    shot(c, "access-approval-wrong-pin-fr").await;
    // Still the cashier's till behind the dialog: no sign-in screen.
    assert_eq!(count(c, "#signin").await, 0, "the cashier was signed out");
    assert_eq!(count(c, "#approval-dialog").await, 1, "the dialog closed");
    for d in "2222".chars() {
        click(c, &format!("#approval-pin-keys [data-key='{d}']")).await?;
    }
    click(c, "#approval-pin-keys [data-key='enter']").await?;
    until("the dialog to close", || async {
        count(c, "#approval-dialog").await == 0
    })
    .await;
    until_text(c, "#cart [data-line-no='1']", "30").await;
    shot(c, "access-approval-approved-fr").await;
    Ok(())
}

#[tokio::test]
async fn signing_in_to_the_back_office_never_signs_the_till_in() {
    story("access-backoffice", |c, base| {
        Box::pin(backoffice_story(c, base))
    })
    .await;
}

async fn backoffice_story(c: Client, base: String) -> Res {
    let c = &c;
    till_in_french(c, &base).await?;
    pair_till(c, "manager", "manager", "T1").await?;
    // The owner signs in to the back office in the same browser…
    c.goto(&format!("{base}/admin")).await?;
    wait_for(c, "#login").await?;
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
    // …and the till still asks for its own PIN.
    c.goto(&format!("{base}/pos")).await?;
    wait_for(c, "#signin").await?;
    until_text(c, "#signin h1", "Connexion").await;
    assert_eq!(count(c, "#cart").await, 0, "the till opened without a PIN");
    shot(c, "access-till-asks-its-own-pin-fr").await;
    Ok(())
}

#[tokio::test]
async fn wrong_pins_say_the_tries_left_and_a_manager_unlocks_at_the_till() {
    story("access-unlock", |c, base| Box::pin(unlock_story(c, base))).await;
}

async fn unlock_story(c: Client, base: String) -> Res {
    let c = &c;
    till_in_french(c, &base).await?;
    pair_till(c, "manager", "manager", "T1").await?;
    tap_and_pin(c, "#staff-list", "Léa Dubois", "signin-pin", "9876").await?;
    until_text(c, "#signin-pin-error", "Code erroné. Encore 4 essais.").await;
    shot(c, "access-wrong-pin-tries-left-fr").await;
    for (pin, left) in [("9875", "3"), ("9874", "2")] {
        tap_and_pin(c, "#staff-list", "Léa Dubois", "signin-pin", pin).await?;
        until_text(c, "#signin-pin-error", &format!("Encore {left} essais")).await;
    }
    tap_and_pin(c, "#staff-list", "Léa Dubois", "signin-pin", "9873").await?;
    until_text(c, "#signin-pin-error", "Plus qu’un essai").await;
    tap_and_pin(c, "#staff-list", "Léa Dubois", "signin-pin", "9872").await?;
    until_text(c, "#signin-pin-error", "bloqué sur cette caisse").await;
    wait_for(c, "#signin-unlock-button").await?;
    shot(c, "access-locked-fr").await;
    click(c, "#signin-unlock-button").await?;
    wait_for(c, "#unlock-dialog").await?;
    tap_and_pin(c, "#unlock-dialog", "Karim Benali", "unlock-pin", "2222").await?;
    until("the unlock dialog to close", || async {
        count(c, "#unlock-dialog").await == 0
    })
    .await;
    until_text(c, "#signin-pin-error", "débloqué").await;
    shot(c, "access-unlocked-fr").await;
    tap_and_pin(c, "#staff-list", "Léa Dubois", "signin-pin", "3333").await?;
    wait_for(c, "#float").await?;
    Ok(())
}
