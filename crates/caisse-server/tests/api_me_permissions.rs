//! `GET /auth/me` sends the signed-in session's permissions, and the back office shows a page
//! when the list holds the page's permission. These tests hold the list to what the server
//! enforces: for every role, every page of the route table (`web/admin/routes.js`) has its
//! permission sent exactly when the guarded call that loads the page is allowed; and the
//! list is the role's row of `ROLE_TABLE` (till work only, for a till session), plus
//! `receive` and `count` where the store's settings let the session receive deliveries and
//! count stock. Each is checked with the store's cashier settings off, then on. Both backends.

mod admin_routes;
mod support;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use caisse_core::staff::{Permission, Role, SessionScope};
use serde_json::json;
use support::{TestApp, apps, open_register};

/// The names in `/auth/me`'s `permissions`, and the role it names.
async fn me(t: &TestApp, token: &str) -> (Role, BTreeSet<String>) {
    let res = t.get("/api/v1/auth/me", token).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let role = Role::parse(res.body["user"]["role"].as_str().unwrap_or_default()).expect("a role");
    let names = res.body["permissions"]
        .as_array()
        .expect("permissions is a list")
        .iter()
        .map(|p| p.as_str().expect("a name").to_owned())
        .collect();
    (role, names)
}

/// The store's settings that widen what cashiers may do.
#[derive(Debug, Clone, Copy)]
struct Lets {
    cashiers_receive: bool,
    cashiers_count: bool,
}

const OFF: Lets = Lets {
    cashiers_receive: false,
    cashiers_count: false,
};
const ON: Lets = Lets {
    cashiers_receive: true,
    cashiers_count: true,
};

/// What the table says this role and kind of session hold, in a store with these settings.
fn expected(role: Role, scope: SessionScope, lets: Lets) -> BTreeSet<String> {
    let may = |p: Permission| role.allows(p) && scope.permits(p);
    let mut names: BTreeSet<String> = Permission::all()
        .filter(|p| may(*p))
        .map(|p| p.as_str().to_owned())
        .collect();
    if may(Permission::Purchasing) || (may(Permission::StockRead) && lets.cashiers_receive) {
        names.insert("receive".into());
    }
    if may(Permission::StockManage) || (may(Permission::StockRead) && lets.cashiers_count) {
        names.insert("count".into());
    }
    names
}

/// Sets the store's cashier settings as the owner.
async fn set(t: &TestApp, lets: Lets) {
    let owner = t.login("olivia").await;
    for (path, body) in [
        (
            "/api/v1/purchasing/settings",
            json!({"cashiers_may_receive": lets.cashiers_receive}),
        ),
        (
            "/api/v1/stock/settings",
            json!({"cashiers_may_count": lets.cashiers_count}),
        ),
    ] {
        let res = t.json("PATCH", path, Some(&owner), body).await;
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
    }
}

/// Whether the session may make the call (`GET /products`, `{id}` a made-up id): anything
/// but 401 and 403 `forbidden` (a 404 or a 422 means the guard let it through).
async fn allowed(t: &TestApp, token: &str, call: &str) -> bool {
    let (method, path) = call.split_once(' ').expect("METHOD /path");
    let uri = format!(
        "/api/v1{}",
        path.replace("{id}", &uuid::Uuid::nil().to_string())
    );
    let res = if method == "GET" {
        t.get(&uri, token).await
    } else {
        t.json(method, &uri, Some(token), json!({})).await
    };
    !(res.status == StatusCode::UNAUTHORIZED
        || (res.status == StatusCode::FORBIDDEN && res.code() == "forbidden"))
}

#[tokio::test]
async fn each_role_is_sent_exactly_the_pages_its_guards_let_it_open() {
    let pages = admin_routes::pages();
    assert!(!pages.is_empty());
    for t in apps().await {
        let mut wrong = Vec::new();
        for lets in [OFF, ON, OFF] {
            set(&t, lets).await;
            for login in ["chloe", "marc", "olivia"] {
                let token = t.login(login).await;
                let (role, sent) = me(&t, &token).await;
                assert_eq!(
                    sent,
                    expected(role, SessionScope::Password, lets),
                    "{login} {lets:?}"
                );
                for page in &pages {
                    let shown = sent.contains(&page.permission);
                    let may = allowed(&t, &token, &page.api).await;
                    if shown != may {
                        wrong.push(format!(
                        "{login} ({role:?}, {lets:?}): page {} needs {} (sent: {shown}) but {} is {}",
                        page.id,
                        page.permission,
                        page.api,
                        if may { "allowed" } else { "refused" }
                    ));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{:?}:\n{}", t.backend, wrong.join("\n"));
    }
}

#[tokio::test]
async fn every_role_sees_some_pages_and_not_the_same_ones() {
    // The check above could pass with a route table whose pages everybody or nobody sees.
    let pages = admin_routes::pages();
    let t = apps().await.remove(0);
    let mut seen = Vec::new();
    for login in ["chloe", "marc", "olivia"] {
        let token = t.login(login).await;
        let (_, sent) = me(&t, &token).await;
        let ids: BTreeSet<_> = pages
            .iter()
            .filter(|p| sent.contains(&p.permission))
            .map(|p| p.id.clone())
            .collect();
        assert!(ids.contains("products"), "{login}: {ids:?}");
        seen.push(ids);
    }
    assert!(
        !seen[0].contains("staff") && !seen[0].contains("sales"),
        "a cashier: {:?}",
        seen[0]
    );
    assert!(
        seen[1].contains("staff") && seen[1].contains("sales"),
        "a manager: {:?}",
        seen[1]
    );
    assert!(seen[0].len() < seen[1].len() && seen[1].len() <= seen[2].len());
}

#[tokio::test]
async fn a_till_session_is_sent_its_roles_till_work_only() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let register = open_register(&t, &owner, "T1").await;
        let device = t.pair(&owner, &register).await;
        for lets in [OFF, ON] {
            set(&t, lets).await;
            for login in ["chloe", "marc", "olivia"] {
                let token = t.till_login(&device, &register, login).await;
                let (role, sent) = me(&t, &token).await;
                let till = SessionScope::Till {
                    register_id: register.parse().expect("a register id"),
                };
                assert_eq!(
                    sent,
                    expected(role, till, lets),
                    "{login} at the till, {lets:?}"
                );
                assert!(
                    !sent.contains("users_manage") && !sent.contains("catalog_write"),
                    "{login}: {sent:?}"
                );
                // The back office's own calls stay refused to a till session, whatever its role.
                assert!(!allowed(&t, &token, "GET /users").await, "{login}");
            }
        }
    }
}
