//! Caisse's HTTP server: the `/api/v1` JSON API, the OpenAPI document and its page, the
//! embedded web UI, health checks, request logging, body limits and graceful shutdown.

pub mod access;
mod assets;
pub mod error;
pub mod extract;
mod guard;
pub mod openapi;
pub mod routes;

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, patch, post};
use caisse_app::App;
use caisse_app::ErrorCode;
use tower_http::trace::TraceLayer;

use crate::error::ApiError;

/// Largest JSON body accepted (a product with many variants fits easily).
pub const JSON_BODY_LIMIT: usize = 1024 * 1024;
/// Largest CSV import accepted (about two million product rows).
pub const IMPORT_BODY_LIMIT: usize = 512 * 1024 * 1024;

async fn healthz() -> &'static str {
    "ok"
}

async fn api_not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such API endpoint")
}

/// The whole application as a router (tests send requests straight to it).
pub fn router(app: App) -> Router {
    use routes::{auth, products, receipts, registers, sales, scan, users};
    let api = Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/auth/staff", get(auth::list_staff))
        .route("/auth/unlock", post(auth::unlock_at_till))
        .route("/auth/password", post(auth::change_password))
        .route("/store", get(auth::get_store).patch(auth::update_store))
        .route(
            "/store/checkout",
            get(routes::settings::get_checkout_settings)
                .patch(routes::settings::update_checkout_settings),
        )
        .route(
            "/store/quick-keys",
            get(routes::quick_keys::get_quick_keys).put(routes::quick_keys::replace_quick_keys),
        )
        .route(
            "/store/tax-rates",
            get(routes::settings::get_tax_rates).put(routes::settings::replace_tax_rates),
        )
        .route("/users", get(users::list_users).post(users::create_user))
        .route(
            "/users/{id}",
            get(users::get_user).patch(users::update_user),
        )
        .route("/users/{id}/deactivate", post(users::deactivate_user))
        .route("/users/{id}/activate", post(users::activate_user))
        .route("/users/{id}/password", post(users::set_password))
        .route("/users/{id}/pin", post(users::set_pin))
        .route("/users/{id}/unlock", post(users::unlock_user))
        .route("/users/{id}/sessions/revoke", post(users::revoke_sessions))
        .route("/users/{id}/events", get(users::list_user_events))
        .route(
            "/devices",
            get(routes::devices::list_devices).post(routes::devices::pair_device),
        )
        .route("/devices/{id}/revoke", post(routes::devices::revoke_device))
        .route(
            "/products",
            get(products::list_products).post(products::create_product),
        )
        .route(
            "/products/{id}",
            get(products::get_product).patch(products::update_product),
        )
        .route(
            "/products/{id}/deactivate",
            post(products::deactivate_product),
        )
        .route("/products/{id}/activate", post(products::activate_product))
        .route("/products/{id}/variants", post(products::add_variant))
        .route("/variants/{id}", patch(products::update_variant))
        .route(
            "/categories",
            get(products::list_categories).post(products::create_category),
        )
        .route("/catalog/lookup", get(scan::lookup_code))
        .route("/catalog/search", get(scan::search_catalog))
        .route("/catalog/export", get(scan::export_catalog))
        .route(
            "/catalog/import",
            post(scan::import_catalog).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route(
            "/registers",
            get(registers::list_registers).post(registers::create_register),
        )
        .route("/registers/{id}", patch(registers::update_register))
        .route("/registers/{id}/drawer/open", post(registers::open_drawer))
        .route(
            "/registers/{id}/drawer/close",
            post(registers::close_drawer),
        )
        .route(
            "/registers/{id}/drawer/paid-in",
            post(routes::reports::paid_in),
        )
        .route(
            "/registers/{id}/drawer/paid-out",
            post(routes::reports::paid_out),
        )
        .route(
            "/registers/{id}/drawer/drop",
            post(routes::reports::drop_cash),
        )
        .route(
            "/registers/{id}/drawer/no-sale",
            post(routes::reports::no_sale),
        )
        .route(
            "/registers/{id}/display/events",
            get(routes::display::display_events),
        )
        .route("/registers/{id}/x-report", get(routes::reports::x_report))
        .route(
            "/registers/{id}/closures",
            post(routes::reports::close_period),
        )
        .route("/closures", get(routes::reports::list_closures))
        .route("/closures/{id}", get(routes::reports::get_closure))
        .route("/returns", post(routes::returns::start_return))
        .route("/returns/{id}", get(routes::returns::get_return))
        .route(
            "/returns/{id}/lines",
            post(routes::returns::add_return_line),
        )
        .route(
            "/returns/{id}/restock",
            axum::routing::put(routes::returns::set_restock),
        )
        .route(
            "/sales",
            post(sales::open_sale).get(routes::history::list_sales),
        )
        .route("/sales/open", get(sales::list_open_sales))
        .route("/sales/{id}", get(sales::get_sale))
        .route("/sales/{id}/lines", post(sales::add_line))
        .route("/sales/{id}/lines/{line_no}", patch(sales::update_line))
        .route("/sales/{id}/lines/{line_no}/void", post(sales::void_line))
        .route(
            "/sales/{id}/discount",
            axum::routing::put(sales::set_discount),
        )
        .route(
            "/sales/{id}/tax-exempt",
            axum::routing::put(sales::set_tax_exempt),
        )
        .route("/sales/{id}/payments", post(sales::add_payment))
        .route(
            "/sales/{id}/payments/{payment_id}/void",
            post(sales::void_payment),
        )
        .route(
            "/credit-notes/{code}",
            get(routes::credit_notes::get_credit_note),
        )
        .route("/sales/{id}/complete", post(sales::complete_sale))
        .route("/sales/{id}/cancel", post(sales::cancel_sale))
        .route("/sales/{id}/park", post(sales::park_sale))
        .route("/sales/{id}/resume", post(sales::resume_sale))
        .route("/sales/{id}/receipt", get(receipts::get_receipt))
        .route(
            "/sales/{id}/journal",
            get(routes::history::get_sale_journal),
        )
        .route(
            "/sales/{id}/returns",
            get(routes::history::list_sale_returns),
        )
        .route("/sales/{id}/reprint", post(receipts::reprint_receipt))
        .route("/sales/{id}/print", post(receipts::print_receipt))
        .route(
            "/sales/by-receipt/{number}",
            get(receipts::get_sale_by_receipt),
        )
        .route("/stock", get(routes::stock::list_stock))
        .route("/stock/events", get(routes::stock::stock_events))
        .route("/stock/alerts", get(routes::stock::list_alerts))
        .route(
            "/stock/alerts/count",
            get(routes::stock_reports::count_alerts),
        )
        .route(
            "/stock/reports/valuation",
            get(routes::stock_reports::valuation),
        )
        .route(
            "/stock/reports/valuation.csv",
            get(routes::stock_reports::valuation_csv),
        )
        .route(
            "/stock/reports/dead-stock",
            get(routes::stock_reports::dead_stock),
        )
        .route(
            "/stock/reports/dead-stock.csv",
            get(routes::stock_reports::dead_stock_csv),
        )
        .route("/stock/reports/cover", get(routes::stock_reports::cover))
        .route(
            "/stock/reports/cover.csv",
            get(routes::stock_reports::cover_csv),
        )
        .route(
            "/stock/reports/sell-through",
            get(routes::stock_reports::sell_through),
        )
        .route(
            "/stock/reports/sell-through.csv",
            get(routes::stock_reports::sell_through_csv),
        )
        .route(
            "/stock/reports/shrinkage",
            get(routes::stock_reports::shrinkage),
        )
        .route(
            "/stock/reports/shrinkage.csv",
            get(routes::stock_reports::shrinkage_csv),
        )
        .route(
            "/stock/{item}/movements.csv",
            get(routes::stock_reports::movements_csv),
        )
        .route(
            "/stock/alerts/{id}/acknowledge",
            post(routes::stock::acknowledge_alert),
        )
        .route("/stock/adjustments", post(routes::stock::create_adjustment))
        .route(
            "/stock/counts",
            get(routes::stock_counts::list_counts).post(routes::stock_counts::create_count),
        )
        .route("/stock/counts/{id}", get(routes::stock_counts::get_count))
        .route(
            "/stock/counts/{id}/scans",
            post(routes::stock_counts::scan_count),
        )
        .route(
            "/stock/counts/{id}/variance",
            get(routes::stock_counts::get_count_variance),
        )
        .route(
            "/stock/counts/{id}/apply",
            post(routes::stock_counts::apply_count),
        )
        .route(
            "/stock/counts/{id}/cancel",
            post(routes::stock_counts::cancel_count),
        )
        .route(
            "/stock/transfers",
            get(routes::stock_transfers::list_transfers)
                .post(routes::stock_transfers::create_transfer),
        )
        .route(
            "/stock/transfers/{id}",
            get(routes::stock_transfers::get_transfer),
        )
        .route(
            "/stock/transfers/{id}/send",
            post(routes::stock_transfers::send_transfer),
        )
        .route(
            "/stock/transfers/{id}/cancel",
            post(routes::stock_transfers::cancel_transfer),
        )
        .route(
            "/stock/transfers/{id}/scans",
            post(routes::stock_transfers::scan_transfer),
        )
        .route(
            "/stock/transfers/{id}/receive",
            post(routes::stock_transfers::receive_transfer),
        )
        .route(
            "/stock/locations",
            get(routes::stock::list_locations).post(routes::stock::create_location),
        )
        .route(
            "/stock/locations/{id}",
            axum::routing::patch(routes::stock::rename_location),
        )
        .route("/stores", get(routes::stores::list_stores))
        .route(
            "/stock/settings",
            get(routes::stock::get_stock_settings).patch(routes::stock::update_stock_settings),
        )
        .route("/stock/{item}", get(routes::stock::get_item_stock))
        .route(
            "/stock/{item}/movements",
            get(routes::stock::list_item_movements),
        )
        .route(
            "/stock/{item}/reorder",
            axum::routing::put(routes::stock::set_reorder),
        )
        .merge(routes::purchasing::router())
        .merge(routes::time_clock::router())
        // Every route's access rule, before its handler (the fallback stays a plain 404).
        .route_layer(axum::middleware::from_fn_with_state(
            app.clone(),
            access::gate,
        ))
        .fallback(api_not_found)
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(axum::middleware::from_fn(guard::same_origin))
        .layer(axum::middleware::from_fn(guard::json_errors));
    let docs = utoipa_swagger_ui::SwaggerUi::new("/api/docs")
        .url("/api/openapi.json", openapi::document());
    Router::new()
        .nest("/api/v1", api)
        .route("/healthz", get(healthz))
        .merge(docs)
        .fallback(assets::static_file)
        .layer(axum::middleware::from_fn(guard::security_headers))
        .layer(TraceLayer::new_for_http())
        .with_state(app)
}

/// Serves until `shutdown` resolves, then finishes in-flight requests and closes the database.
/// (Open carts need no saving: every change was stored before it was answered.)
pub async fn serve(
    app: App,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let db = app.db.clone();
    let checkout = std::sync::Arc::clone(&app.checkout);
    let stock = std::sync::Arc::clone(&app.stock);
    let writer = std::sync::Arc::clone(&app.checkout.writer);
    let addr: Option<SocketAddr> = listener.local_addr().ok();
    tracing::info!(?addr, "serving");
    // Display feeds never end by themselves: end them, or the shutdown would wait for them.
    let shutdown = async move {
        shutdown.await;
        checkout.carts.displays().close();
        stock.close();
    };
    // The client's address comes from the connection: wrong passwords are counted per
    // account and address.
    let service = router(app).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await?;
    // The cart log's last changes go to the database before it closes (a server killed
    // instead leaves them in the log, for the next start).
    if let Err(e) = writer.flush_carts(&db).await {
        tracing::warn!(error = %e, "writing the open sales before closing failed; they stay in the cart log");
    }
    db.close().await;
    Ok(())
}
