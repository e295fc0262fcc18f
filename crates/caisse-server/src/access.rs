//! Who may call which route: one rule per route of the API, checked before the handler runs
//! (and before its body is read). The use cases check again, more finely (the register a
//! till session is for, whose sale or drawer it is, whom a manager may manage): this table
//! is the first gate, and a route without a rule is refused.

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use caisse_app::ErrorCode;
use caisse_app::{App, AppError};
use caisse_core::staff::Permission;

use crate::error::ApiError;
use crate::extract::Caller;

/// What a route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Nothing here: signing in, and what a paired device does (the handler checks the
    /// device token), and the display feed (a session or the register's device).
    Open,
    /// Any session.
    Session,
    /// A session whose role and kind allow the permission.
    Needs(Permission),
}

use Access::{Needs, Open, Session};
use Permission as P;

/// Every route of `/api/v1` (paths as routed, without the prefix) and what it needs.
pub const ROUTES: &[(&str, &str, Access)] = &[
    ("POST", "/auth/login", Open),
    ("POST", "/auth/logout", Session),
    ("GET", "/auth/me", Session),
    ("GET", "/auth/staff", Open),
    ("POST", "/auth/unlock", Open),
    ("POST", "/auth/password", Session),
    ("GET", "/store", Session),
    ("PATCH", "/store", Needs(P::StoreSettings)),
    ("GET", "/store/checkout", Session),
    ("PATCH", "/store/checkout", Needs(P::StoreSettings)),
    ("GET", "/store/quick-keys", Needs(P::CatalogRead)),
    ("PUT", "/store/quick-keys", Needs(P::CatalogWrite)),
    ("GET", "/store/tax-rates", Session),
    ("PUT", "/store/tax-rates", Needs(P::StoreSettings)),
    ("GET", "/users", Needs(P::UsersManage)),
    ("POST", "/users", Needs(P::UsersManage)),
    ("GET", "/users/{id}", Needs(P::UsersManage)),
    ("PATCH", "/users/{id}", Needs(P::UsersManage)),
    ("POST", "/users/{id}/deactivate", Needs(P::UsersManage)),
    ("POST", "/users/{id}/activate", Needs(P::UsersManage)),
    ("POST", "/users/{id}/password", Needs(P::UsersManage)),
    ("POST", "/users/{id}/pin", Needs(P::UsersManage)),
    ("POST", "/users/{id}/unlock", Needs(P::UsersManage)),
    ("POST", "/users/{id}/sessions/revoke", Needs(P::UsersManage)),
    ("GET", "/users/{id}/events", Needs(P::UsersManage)),
    ("GET", "/devices", Needs(P::RegistersManage)),
    ("POST", "/devices", Needs(P::RegistersManage)),
    ("POST", "/devices/{id}/revoke", Needs(P::RegistersManage)),
    ("GET", "/products", Needs(P::CatalogRead)),
    ("POST", "/products", Needs(P::CatalogWrite)),
    ("GET", "/products/{id}", Needs(P::CatalogRead)),
    ("PATCH", "/products/{id}", Needs(P::CatalogWrite)),
    ("POST", "/products/{id}/deactivate", Needs(P::CatalogWrite)),
    ("POST", "/products/{id}/activate", Needs(P::CatalogWrite)),
    ("POST", "/products/{id}/variants", Needs(P::CatalogWrite)),
    ("PATCH", "/variants/{id}", Needs(P::CatalogWrite)),
    ("GET", "/categories", Needs(P::CatalogRead)),
    ("POST", "/categories", Needs(P::CatalogWrite)),
    ("GET", "/time-clock", Session),
    ("POST", "/time-clock", Session),
    ("GET", "/time-clock/punches", Session),
    ("POST", "/time-clock/punches", Needs(P::UsersManage)),
    (
        "POST",
        "/time-clock/punches/{id}/corrections",
        Needs(P::UsersManage),
    ),
    ("GET", "/timesheets", Session),
    ("GET", "/payroll/export", Needs(P::UsersManage)),
    ("GET", "/payroll/settings", Needs(P::UsersManage)),
    ("PATCH", "/payroll/settings", Needs(P::StoreSettings)),
    ("GET", "/payroll/rates", Needs(P::UsersManage)),
    ("PUT", "/payroll/rates", Needs(P::UsersManage)),
    ("GET", "/suppliers", Needs(P::CatalogRead)),
    ("POST", "/suppliers", Needs(P::Purchasing)),
    ("GET", "/suppliers/{id}", Needs(P::CatalogRead)),
    ("PATCH", "/suppliers/{id}", Needs(P::Purchasing)),
    ("GET", "/suppliers/{id}/items", Needs(P::CatalogRead)),
    ("PUT", "/suppliers/{id}/items/{item}", Needs(P::Purchasing)),
    (
        "DELETE",
        "/suppliers/{id}/items/{item}",
        Needs(P::Purchasing),
    ),
    ("GET", "/purchase-orders", Needs(P::Purchasing)),
    ("POST", "/purchase-orders", Needs(P::Purchasing)),
    // Reading one order and receiving it: cashiers too when the store lets them receive (the
    // use case checks the store's setting).
    ("GET", "/purchase-orders/{id}", Needs(P::StockRead)),
    ("PATCH", "/purchase-orders/{id}", Needs(P::Purchasing)),
    ("POST", "/purchase-orders/{id}/send", Needs(P::Purchasing)),
    ("POST", "/purchase-orders/{id}/cancel", Needs(P::Purchasing)),
    ("POST", "/purchase-orders/{id}/close", Needs(P::Purchasing)),
    ("GET", "/purchase-orders/{id}/csv", Needs(P::StockRead)),
    ("GET", "/purchase-orders/{id}/print", Needs(P::StockRead)),
    (
        "POST",
        "/purchase-orders/{id}/receiving",
        Needs(P::StockRead),
    ),
    ("GET", "/deliveries", Needs(P::StockRead)),
    ("GET", "/receiving/{id}", Needs(P::StockRead)),
    ("POST", "/receiving/{id}/scans", Needs(P::StockRead)),
    ("PUT", "/receiving/{id}/counts/{item}", Needs(P::StockRead)),
    ("POST", "/receiving/{id}/confirm", Needs(P::StockRead)),
    ("GET", "/stock/suggestions", Needs(P::Purchasing)),
    (
        "POST",
        "/stock/suggestions/purchase-orders",
        Needs(P::Purchasing),
    ),
    ("GET", "/purchasing/settings", Needs(P::StockRead)),
    ("PATCH", "/purchasing/settings", Needs(P::Purchasing)),
    ("GET", "/catalog/lookup", Needs(P::CatalogRead)),
    ("GET", "/catalog/search", Needs(P::CatalogRead)),
    ("GET", "/catalog/export", Needs(P::CatalogRead)),
    ("POST", "/catalog/import", Needs(P::CatalogWrite)),
    ("GET", "/registers", Needs(P::Sell)),
    ("POST", "/registers", Needs(P::RegistersManage)),
    ("PATCH", "/registers/{id}", Needs(P::RegistersManage)),
    ("POST", "/registers/{id}/drawer/open", Needs(P::Drawer)),
    ("POST", "/registers/{id}/drawer/close", Needs(P::Drawer)),
    // Paid-in/out, drops and no-sale take a manager's PIN on the spot: the drawer is enough
    // to reach them.
    ("POST", "/registers/{id}/drawer/paid-in", Needs(P::Drawer)),
    ("POST", "/registers/{id}/drawer/paid-out", Needs(P::Drawer)),
    ("POST", "/registers/{id}/drawer/drop", Needs(P::Drawer)),
    ("POST", "/registers/{id}/drawer/no-sale", Needs(P::Drawer)),
    ("GET", "/registers/{id}/display/events", Open),
    ("GET", "/registers/{id}/x-report", Needs(P::Drawer)),
    ("POST", "/registers/{id}/closures", Needs(P::PeriodClose)),
    ("GET", "/closures", Needs(P::Drawer)),
    ("GET", "/closures/{id}", Needs(P::Drawer)),
    ("POST", "/returns", Needs(P::Refund)),
    ("GET", "/returns/{id}", Needs(P::Refund)),
    ("POST", "/returns/{id}/lines", Needs(P::Refund)),
    ("PUT", "/returns/{id}/restock", Needs(P::Refund)),
    ("POST", "/sales", Needs(P::Sell)),
    // Sales history reads every register's documents: a report, not till work.
    ("GET", "/sales", Needs(P::ReportsAllRegisters)),
    ("GET", "/sales/{id}/journal", Needs(P::ReportsAllRegisters)),
    ("GET", "/sales/{id}/returns", Needs(P::ReportsAllRegisters)),
    ("GET", "/sales/open", Needs(P::Sell)),
    ("GET", "/sales/{id}", Needs(P::Sell)),
    ("POST", "/sales/{id}/lines", Needs(P::Sell)),
    ("PATCH", "/sales/{id}/lines/{line_no}", Needs(P::Sell)),
    ("POST", "/sales/{id}/lines/{line_no}/void", Needs(P::Sell)),
    ("PUT", "/sales/{id}/discount", Needs(P::Sell)),
    ("PUT", "/sales/{id}/tax-exempt", Needs(P::Sell)),
    ("POST", "/sales/{id}/payments", Needs(P::Sell)),
    (
        "POST",
        "/sales/{id}/payments/{payment_id}/void",
        Needs(P::Sell),
    ),
    ("GET", "/credit-notes/{code}", Needs(P::Sell)),
    ("POST", "/sales/{id}/complete", Needs(P::Sell)),
    ("POST", "/sales/{id}/cancel", Needs(P::Sell)),
    ("POST", "/sales/{id}/park", Needs(P::Sell)),
    ("POST", "/sales/{id}/resume", Needs(P::Sell)),
    ("GET", "/sales/{id}/receipt", Needs(P::Sell)),
    ("POST", "/sales/{id}/reprint", Needs(P::Sell)),
    ("POST", "/sales/{id}/print", Needs(P::Sell)),
    ("GET", "/sales/by-receipt/{number}", Needs(P::Sell)),
    ("GET", "/stock", Needs(P::StockRead)),
    ("GET", "/stock/events", Needs(P::StockRead)),
    ("GET", "/stock/alerts", Needs(P::StockRead)),
    (
        "POST",
        "/stock/alerts/{id}/acknowledge",
        Needs(P::StockManage),
    ),
    ("GET", "/stock/alerts/count", Needs(P::StockRead)),
    ("POST", "/stock/adjustments", Needs(P::StockManage)),
    ("GET", "/stock/reports/valuation", Needs(P::StockManage)),
    ("GET", "/stock/reports/valuation.csv", Needs(P::StockManage)),
    ("GET", "/stock/reports/dead-stock", Needs(P::StockManage)),
    (
        "GET",
        "/stock/reports/dead-stock.csv",
        Needs(P::StockManage),
    ),
    ("GET", "/stock/reports/cover", Needs(P::StockManage)),
    ("GET", "/stock/reports/cover.csv", Needs(P::StockManage)),
    ("GET", "/stock/reports/sell-through", Needs(P::StockManage)),
    (
        "GET",
        "/stock/reports/sell-through.csv",
        Needs(P::StockManage),
    ),
    ("GET", "/stock/reports/shrinkage", Needs(P::StockManage)),
    ("GET", "/stock/reports/shrinkage.csv", Needs(P::StockManage)),
    // Counting: cashiers too when the store allows it (the use case checks the setting).
    ("GET", "/stock/counts", Needs(P::StockRead)),
    ("POST", "/stock/counts", Needs(P::StockRead)),
    ("GET", "/stock/counts/{id}", Needs(P::StockRead)),
    ("POST", "/stock/counts/{id}/scans", Needs(P::StockRead)),
    ("GET", "/stock/counts/{id}/variance", Needs(P::StockManage)),
    ("POST", "/stock/counts/{id}/apply", Needs(P::StockManage)),
    ("POST", "/stock/counts/{id}/cancel", Needs(P::StockManage)),
    ("GET", "/stock/transfers", Needs(P::StockManage)),
    ("POST", "/stock/transfers", Needs(P::StockManage)),
    ("GET", "/stock/transfers/{id}", Needs(P::StockManage)),
    ("POST", "/stock/transfers/{id}/send", Needs(P::StockManage)),
    (
        "POST",
        "/stock/transfers/{id}/cancel",
        Needs(P::StockManage),
    ),
    ("POST", "/stock/transfers/{id}/scans", Needs(P::StockManage)),
    (
        "POST",
        "/stock/transfers/{id}/receive",
        Needs(P::StockManage),
    ),
    ("GET", "/stock/locations", Needs(P::StockRead)),
    ("POST", "/stock/locations", Needs(P::StockManage)),
    ("PATCH", "/stock/locations/{id}", Needs(P::StockManage)),
    ("GET", "/stores", Needs(P::StockManage)),
    ("GET", "/stock/settings", Needs(P::StockRead)),
    ("PATCH", "/stock/settings", Needs(P::StockManage)),
    ("GET", "/stock/{item}", Needs(P::StockRead)),
    ("GET", "/stock/{item}/movements", Needs(P::StockRead)),
    ("GET", "/stock/{item}/movements.csv", Needs(P::StockRead)),
    ("PUT", "/stock/{item}/reorder", Needs(P::StockManage)),
];

/// [`ROUTES`] by method and path, built once.
static RULES: std::sync::LazyLock<std::collections::HashMap<(&str, &str), Access>> =
    std::sync::LazyLock::new(|| ROUTES.iter().map(|(m, p, a)| ((*m, *p), *a)).collect());

/// The rule of a route, if it has one.
pub fn rule(method: &Method, path: &str) -> Option<Access> {
    RULES.get(&(method.as_str(), path)).copied()
}

/// The gate: refuses a request its route's rule does not allow, before the handler.
pub async fn gate(State(app): State<App>, req: Request, next: Next) -> Response {
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().trim_start_matches("/api/v1").to_owned());
    let access = path.as_deref().and_then(|p| rule(req.method(), p));
    let Some(access) = access else {
        // A method the path does not take: 405 with the methods it does (never the handler:
        // a routed method without a rule stays refused below).
        let allowed: Vec<&str> = ROUTES
            .iter()
            .filter(|(_, rp, _)| Some(*rp) == path.as_deref())
            .map(|(m, _, _)| *m)
            .collect();
        if !allowed.is_empty() && !allowed.contains(&req.method().as_str()) {
            let mut res = ApiError::new(
                ErrorCode::MethodNotAllowed,
                format!("this endpoint takes {}", allowed.join(", ")),
            )
            .into_response();
            if let Ok(v) = axum::http::HeaderValue::from_str(&allowed.join(", ")) {
                res.headers_mut().insert(axum::http::header::ALLOW, v);
            }
            return res;
        }
        // A route that is not in the table: refused until someone says who may call it.
        tracing::error!(path = ?path, method = %req.method(), "route without an access rule");
        return ApiError::from(AppError::Forbidden).into_response();
    };
    if access == Open {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let who = match <Caller as axum::extract::FromRequestParts<App>>::from_request_parts(
        &mut parts, &app,
    )
    .await
    {
        Ok(Caller(who)) => who,
        Err(e) => return e.into_response(),
    };
    if let Needs(permission) = access
        && let Err(e) = who.require(permission)
    {
        return ApiError::from(e).into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}
