//! The back office's frame in a real browser: the navigation each role gets (from the
//! permissions the server sends), a page the role may not open, the shared list component
//! (sorting by a column with the mouse and the keyboard, paging, filters) with its view kept
//! in the URL across a reload and the back and forward buttons, a bad filter refused, and the
//! same pages on a phone-sized screen (360×740) in English and French.

mod browser;

use browser::{
    Res, TempDir, browser_available, click, count, js, one_at_a_time, run_story, shot,
    start_browser, start_shop, text, until, until_text, wait_for,
};
use fantoccini::{Client, Locator};

/// The pages in the navigation, by link id.
const ALL_PAGES: [&str; 14] = [
    "products",
    "import",
    "quick-keys",
    "counts",
    "transfers",
    "suppliers",
    "purchase-orders",
    "suggestions",
    "till-settings",
    "devices",
    "staff",
    "timesheets",
    "sales",
    "closures",
];

/// What each demo role may open (cashiers: the catalog and the registers page).
fn pages_of(login: &str) -> &'static [&'static str] {
    match login {
        "cashier" => &[
            "products",
            "import",
            "quick-keys",
            "counts",
            "suppliers",
            "till-settings",
        ],
        _ => &ALL_PAGES,
    }
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

async fn sign_out(c: &Client) -> Res {
    if count(c, "#nav-toggle[aria-expanded='false']").await == 1
        && js(
            c,
            "return getComputedStyle(document.getElementById('nav-toggle')).display !== 'none'",
        )
        .await?
        .as_bool()
            == Some(true)
    {
        click(c, "#nav-toggle").await?;
    }
    click(c, "#signout").await?;
    wait_for(c, "#login").await?;
    Ok(())
}

async fn fragment(c: &Client) -> Res<String> {
    Ok(c.current_url()
        .await?
        .fragment()
        .unwrap_or_default()
        .to_owned())
}

/// The text of one column (by `data-column`) for every row of a list's table.
async fn column(c: &Client, table: &str, key: &str) -> Vec<String> {
    let css = format!(
        "#{table} tbody tr[data-row] td:nth-child({})",
        column_index(c, table, key).await
    );
    let mut out = Vec::new();
    for cell in c.find_all(Locator::Css(&css)).await.unwrap_or_default() {
        out.push(cell.text().await.unwrap_or_default());
    }
    out
}

async fn column_index(c: &Client, table: &str, key: &str) -> usize {
    let script = format!(
        "return [...document.querySelectorAll('#{table} thead th')].findIndex((th) => th.dataset.column === '{key}') + 1"
    );
    js(c, &script)
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(1) as usize
}

/// Euros shown as "€2.50" or "2,50 €" (then maybe "per kg" below) → cents, to compare the
/// order of a price column.
fn cents(text: &str) -> i64 {
    let first = text.lines().next().unwrap_or_default();
    let digits: String = first.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(-1)
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
async fn each_role_sees_its_pages_and_lists_keep_their_view_in_the_url() {
    if !browser_available("the back-office frame browser test") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-backoffice");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(1024, 768).await;
    run_story(&c, "backoffice-failure", |c| async move {
        roles_story(&c, &base).await?;
        list_story(&c, &base).await
    })
    .await;
}

/// Cashier, manager and owner: the navigation shows exactly their pages; a page beyond the
/// role says so instead of opening; the product list offers "New product" only to those who
/// may create one.
async fn roles_story(c: &Client, base: &str) -> Res {
    for login in ["cashier", "manager", "owner"] {
        sign_in(c, base, login, "en").await?;
        wait_for(c, "#products-table tr[data-row]").await?;
        let mut shown = Vec::new();
        for page in ALL_PAGES {
            if count(c, &format!("#nav-{page}")).await == 1 {
                shown.push(page);
            }
        }
        assert_eq!(shown, pages_of(login), "{login}'s navigation");
        assert_eq!(
            count(c, "#new-product").await,
            usize::from(login != "cashier"),
            "{login}: New product"
        );
        shot(c, &format!("backoffice-nav-{login}")).await;
        if login == "cashier" {
            c.goto(&format!("{base}/admin#/staff")).await?;
            wait_for(c, "#page-denied").await?;
            until_text(c, "#page-denied", "Cashier").await;
            assert_eq!(count(c, "#staff-table").await, 0);
            shot(c, "backoffice-denied-cashier").await;
            // Its way back leads to the first page it may see.
            click(c, "#page-denied a").await?;
            wait_for(c, "#products-table tr[data-row]").await?;
        }
        sign_out(c).await?;
    }
    Ok(())
}

/// The product list: sort by price (a click, then the keyboard), page, search; each step in
/// the URL; a reload and the back and forward buttons come back to the same view.
async fn list_story(c: &Client, base: &str) -> Res {
    sign_in(c, base, "owner", "en").await?;
    wait_for(c, "#products-table tr[data-row]").await?;
    let table = "products-table";
    click(c, "#products-table th[data-column='price'] .sort-button").await?;
    until("the URL to say sort=price", || async {
        fragment(c).await.is_ok_and(|f| f.contains("sort=price"))
    })
    .await;
    until("the cheapest first", || async {
        let prices: Vec<i64> = column(c, table, "price")
            .await
            .iter()
            .map(|p| cents(p))
            .collect();
        prices.len() > 2 && prices.windows(2).all(|w| w[0] <= w[1])
    })
    .await;
    let header = "#products-table th[data-column='price']";
    let sorted = c
        .find(Locator::Css(header))
        .await?
        .attr("aria-sort")
        .await?;
    assert_eq!(sorted.as_deref(), Some("ascending"));

    // The keyboard: Enter on the focused header button reverses the order.
    let button = c
        .find(Locator::Css(&format!("{header} .sort-button")))
        .await?;
    js(c, "document.querySelector(\"#products-table th[data-column='price'] .sort-button\").focus(); return true").await?;
    button.send_keys("\u{E007}").await?;
    until("the URL to say sort=-price", || async {
        fragment(c).await.is_ok_and(|f| f.contains("sort=-price"))
    })
    .await;
    until("the dearest first", || async {
        let prices: Vec<i64> = column(c, table, "price")
            .await
            .iter()
            .map(|p| cents(p))
            .collect();
        prices.len() > 2 && prices.windows(2).all(|w| w[0] >= w[1])
    })
    .await;

    // The next page, then a search: each in the URL.
    click(c, "#products-next").await?;
    until("page=2 in the URL", || async {
        fragment(c).await.is_ok_and(|f| f.contains("page=2"))
    })
    .await;
    until_text(c, "#products-page-info", "51").await;
    let page_two = column(c, table, "sku").await;
    shot(c, "backoffice-products-sorted-en").await;

    // A reload shows the same page in the same order.
    c.refresh().await?;
    wait_for(c, "#products-table tr[data-row]").await?;
    until("the same rows after a reload", || async {
        column(c, table, "sku").await == page_two
    })
    .await;
    let sorted = c
        .find(Locator::Css(header))
        .await?
        .attr("aria-sort")
        .await?;
    assert_eq!(sorted.as_deref(), Some("descending"));

    c.find(Locator::Css("#product-search"))
        .await?
        .send_keys("beurre")
        .await?;
    until("q=beurre in the URL, back to page 1", || async {
        fragment(c)
            .await
            .is_ok_and(|f| f.contains("q=beurre") && !f.contains("page="))
    })
    .await;
    until("the butters", || async {
        let names = column(c, table, "name").await;
        let shown = text(c, "#products-count").await;
        let total: String = shown.chars().filter(char::is_ascii_digit).collect();
        names.iter().any(|n| n.to_lowercase().contains("beurre"))
            && total.parse::<u32>().is_ok_and(|n| n > 0 && n < 100)
    })
    .await;
    let filtered = fragment(c).await?;

    // Away and back: the back button brings the list with its search and order again.
    click(c, "#nav-staff").await?;
    wait_for(c, "#staff-table tr[data-row]").await?;
    c.back().await?;
    wait_for(c, "#products-table tr[data-row]").await?;
    assert_eq!(fragment(c).await?, filtered);
    let search = c
        .find(Locator::Css("#product-search"))
        .await?
        .prop("value")
        .await?;
    assert_eq!(search.as_deref(), Some("beurre"));
    c.forward().await?;
    wait_for(c, "#staff-table tr[data-row]").await?;

    // Staff sorted by role, on the server: owners first.
    click(c, "#staff-table th[data-column='role'] .sort-button").await?;
    until("owners first", || async {
        column(c, "staff-table", "role")
            .await
            .first()
            .is_some_and(|r| r == "Owner")
    })
    .await;
    assert!(fragment(c).await?.contains("sort=role"));

    // A bad amount in the sales filter is said, and nothing is asked of the server.
    click(c, "#nav-sales").await?;
    wait_for(c, "#sales-filters").await?;
    until("the empty sales list", || async {
        count(c, "#sales-empty").await == 1
    })
    .await;
    c.find(Locator::Css("#sales-min"))
        .await?
        .send_keys("12,3,4")
        .await?;
    click(c, "#sales-search").await?;
    until_text(c, "#sales-error", "valid").await;
    assert!(
        !fragment(c).await?.contains("min="),
        "a refused filter is not applied"
    );
    shot(c, "backoffice-sales-bad-filter-en").await;

    // In French, the same list and its sort.
    c.goto(&format!("{base}/admin#/products?sort=-price"))
        .await?;
    js(c, "localStorage.setItem('caisse.locale', 'fr')").await?;
    c.refresh().await?;
    wait_for(c, "#products-table tr[data-row]").await?;
    until_text(c, "h1", "Produits").await;
    let title = c
        .find(Locator::Css(&format!("{header} .sort-button")))
        .await?
        .attr("title")
        .await?;
    assert_eq!(title.as_deref(), Some("Trier par Prix"));
    shot(c, "backoffice-products-fr").await;
    click(c, "#nav-closures").await?;
    wait_for(c, "#closures-empty").await?;
    shot(c, "backoffice-closures-empty-fr").await;
    Ok(())
}

#[tokio::test]
async fn the_back_office_fits_a_phone_in_english_and_french() {
    if !browser_available("the back office on a phone") {
        return;
    }
    let _turn = one_at_a_time().await;
    let dir = TempDir::new("browser-backoffice-phone");
    let (_shop, base) = start_shop(&dir.0);
    let (_driver, c) = start_browser(360, 740).await;
    run_story(&c, "backoffice-phone-failure", |c| async move {
        phone_story(&c, &base).await
    })
    .await;
}

async fn phone_story(c: &Client, base: &str) -> Res {
    for lang in ["en", "fr"] {
        sign_in(c, base, "manager", lang).await?;
        wait_for(c, "#products-table tr[data-row]").await?;
        // The navigation folds behind its button.
        assert!(!c.find(Locator::Css("#nav")).await?.is_displayed().await?);
        no_sideways_scroll(c, 360, "the product list on a phone").await?;
        shot(c, &format!("backoffice-phone-products-{lang}")).await;
        // Sorting without the column headers: the sort select.
        let sort = c.find(Locator::Css("#products-sort")).await?;
        assert!(sort.is_displayed().await?);
        sort.select_by_value("-price").await?;
        until("sort=-price from the select", || async {
            fragment(c).await.is_ok_and(|f| f.contains("sort=-price"))
        })
        .await;
        click(c, "#nav-toggle").await?;
        until("the open navigation", || async {
            matches!(c.find(Locator::Css("#nav-staff")).await, Ok(e) if e.is_displayed().await.unwrap_or(false))
        })
        .await;
        shot(c, &format!("backoffice-phone-nav-{lang}")).await;
        click(c, "#nav-staff").await?;
        wait_for(c, "#staff-table tr[data-row]").await?;
        assert!(
            !c.find(Locator::Css("#nav")).await?.is_displayed().await?,
            "the navigation folds after a choice"
        );
        no_sideways_scroll(c, 360, "the staff list on a phone").await?;
        shot(c, &format!("backoffice-phone-staff-{lang}")).await;
        // A row as a card: each cell says its column.
        let cell = c
            .find(Locator::Css(
                "#staff-table tr[data-login='cashier'] td:nth-child(2)",
            ))
            .await?;
        let before = js(
            c,
            "return getComputedStyle(document.querySelector(\"#staff-table tr[data-login='cashier'] td:nth-child(2)\"), '::before').content",
        )
        .await?;
        let want = if lang == "en" { "Role" } else { "Rôle" };
        assert!(
            before.as_str().is_some_and(|b| b.contains(want)),
            "{before}"
        );
        assert!(
            cell.text()
                .await?
                .contains(if lang == "en" { "Cashier" } else { "Caissier" })
        );
        sign_out(c).await?;
    }
    Ok(())
}
