//! The OpenAPI document, generated from the handlers and types.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use caisse_app::ErrorCode;

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Caisse API", description = "Point of sale: catalog, scans, accounts, registers and drawers, sales with tenders, quick keys, the customer display feed (server-sent events), stock levels, movements, adjustments, counts, transfers and low-stock alerts (with a live feed), inventory reports, suppliers, purchase orders, receiving by scanning and restock suggestions. Requests a terminal may retry (payments, completion, stock adjustments, count scans and applying a count, sending, scanning and receiving a transfer, receiving confirmations, orders from suggestions) need an Idempotency-Key header. Money is integer minor units plus an ISO 4217 currency. Errors use one envelope: {\"error\": {\"code\", \"message\", \"details\"}}."),
    paths(
        routes::auth::login, routes::auth::logout, routes::auth::me, routes::auth::list_staff, routes::auth::unlock_at_till, routes::auth::change_password,
        routes::auth::get_store, routes::auth::update_store,
        routes::settings::get_checkout_settings, routes::settings::update_checkout_settings, routes::settings::get_tax_rates, routes::settings::replace_tax_rates,
        routes::quick_keys::get_quick_keys, routes::quick_keys::replace_quick_keys,
        routes::users::list_users, routes::users::create_user, routes::users::get_user, routes::users::update_user,
        routes::users::deactivate_user, routes::users::activate_user, routes::users::set_password, routes::users::set_pin,
        routes::users::unlock_user, routes::users::revoke_sessions, routes::users::list_user_events,
        routes::devices::pair_device, routes::devices::list_devices, routes::devices::revoke_device,
        routes::products::list_products, routes::products::create_product, routes::products::get_product,
        routes::products::update_product, routes::products::deactivate_product, routes::products::activate_product,
        routes::products::add_variant, routes::products::update_variant,
        routes::products::list_categories, routes::products::create_category,
        routes::scan::lookup_code, routes::scan::search_catalog, routes::scan::import_catalog, routes::scan::export_catalog,
        routes::registers::list_registers, routes::registers::create_register, routes::registers::update_register, routes::registers::open_drawer, routes::registers::close_drawer,
        routes::display::display_events,
        routes::sales::open_sale, routes::sales::list_open_sales, routes::sales::get_sale, routes::sales::add_line,
        routes::sales::update_line, routes::sales::void_line, routes::sales::set_discount, routes::sales::set_tax_exempt,
        routes::sales::add_payment, routes::sales::complete_sale, routes::sales::cancel_sale, routes::sales::park_sale,
        routes::sales::resume_sale, routes::sales::void_payment, routes::credit_notes::get_credit_note,
        routes::reports::paid_in, routes::reports::paid_out, routes::reports::drop_cash, routes::reports::no_sale,
        routes::reports::x_report, routes::reports::close_period, routes::reports::list_closures, routes::reports::get_closure,
        routes::returns::start_return, routes::returns::get_return, routes::returns::add_return_line,
        routes::returns::set_restock,
        routes::history::list_sales, routes::history::get_sale_journal, routes::history::list_sale_returns,
        routes::receipts::get_receipt, routes::receipts::reprint_receipt, routes::receipts::print_receipt, routes::receipts::get_sale_by_receipt,
        routes::stock::list_stock, routes::stock::get_item_stock, routes::stock::list_item_movements, routes::stock::set_reorder,
        routes::stock::create_adjustment, routes::stock::list_alerts, routes::stock::acknowledge_alert,
        routes::stock::list_locations, routes::stock::create_location, routes::stock::rename_location, routes::stores::list_stores, routes::stock::get_stock_settings,
        routes::stock::update_stock_settings, routes::stock::stock_events,
        routes::stock_reports::count_alerts, routes::stock_reports::valuation, routes::stock_reports::valuation_csv,
        routes::stock_reports::dead_stock, routes::stock_reports::dead_stock_csv, routes::stock_reports::cover,
        routes::stock_reports::cover_csv, routes::stock_reports::sell_through, routes::stock_reports::sell_through_csv,
        routes::stock_reports::shrinkage, routes::stock_reports::shrinkage_csv, routes::stock_reports::movements_csv,
        routes::stock_counts::list_counts, routes::stock_counts::create_count, routes::stock_counts::get_count,
        routes::stock_counts::scan_count, routes::stock_counts::get_count_variance, routes::stock_counts::apply_count,
        routes::stock_counts::cancel_count,
        routes::stock_transfers::list_transfers, routes::stock_transfers::create_transfer, routes::stock_transfers::get_transfer,
        routes::stock_transfers::send_transfer, routes::stock_transfers::cancel_transfer, routes::stock_transfers::scan_transfer,
        routes::stock_transfers::receive_transfer,
        routes::purchasing::list_suppliers, routes::purchasing::create_supplier, routes::purchasing::get_supplier,
        routes::purchasing::update_supplier, routes::purchasing::list_supplier_items, routes::purchasing::put_supplier_item,
        routes::purchasing::remove_supplier_item, routes::purchasing::list_purchase_orders, routes::purchasing::create_purchase_order,
        routes::purchasing::get_purchase_order, routes::purchasing::update_purchase_order, routes::purchasing::send_purchase_order,
        routes::purchasing::cancel_purchase_order, routes::purchasing::close_purchase_order, routes::purchasing::export_purchase_order_csv,
        routes::purchasing::print_purchase_order, routes::purchasing::list_deliveries, routes::purchasing::start_receiving, routes::purchasing::get_receiving,
        routes::purchasing::scan_receiving, routes::purchasing::set_receiving_count, routes::purchasing::confirm_receiving,
        routes::purchasing::list_suggestions, routes::purchasing::order_suggestions,
        routes::purchasing::get_purchasing_settings, routes::purchasing::update_purchasing_settings,
        routes::time_clock::get_clock_status, routes::time_clock::punch_clock, routes::time_clock::list_punches,
        routes::time_clock::add_missed_punch, routes::time_clock::correct_punch, routes::time_clock::get_timesheets,
        routes::time_clock::export_payroll, routes::time_clock::get_pay_settings, routes::time_clock::update_pay_settings,
        routes::time_clock::list_pay_rates, routes::time_clock::set_pay_rate,
    ),
    components(schemas(caisse_app::checkout::receipts::ReceiptFormat)),
    modifiers(&Security),
    security(("bearer" = []), ("cookie" = []))
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("caisse_session"))),
        );
    }
}

/// The error statuses every operation can answer, with the envelope's codes: added to each
/// operation that does not document them itself, so the document lists what the server sends.
const ERROR_STATUSES: [(&str, &str); 7] = [
    (
        "400",
        "`invalid_path`, `invalid_query`, `invalid_json`: a malformed path, query or body",
    ),
    ("401", "`unauthenticated`: no session, or it ended"),
    (
        "403",
        "`forbidden`, `approval_required`, `device_not_paired`: the caller may not do this",
    ),
    (
        "404",
        "`not_found`: nothing with an id the request names, in this store",
    ),
    (
        "415",
        "`unsupported_media_type`: the body is not sent as JSON",
    ),
    (
        "422",
        "`validation_failed` (with `details.errors[]`) or `invalid_json`",
    ),
    ("500", "`internal`: logged on the server"),
];

/// The document served at `/api/openapi.json`: the generated one, with each operation's
/// error statuses (per its path parameters, body and access rule), the error envelope, and
/// the catalogue of error codes with their statuses.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the document serialises");
    let schemas = &mut doc["components"]["schemas"];
    schemas["ErrorCode"] = error_code_schema();
    schemas["ErrorBody"]["properties"]["code"] =
        serde_json::json!({"$ref": "#/components/schemas/ErrorCode"});
    if let Some(paths) = doc["paths"].as_object_mut() {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, op) in item.iter_mut() {
                add_error_statuses(path, method, op);
            }
        }
    }
    serde_json::from_value(doc).expect("the document reads back")
}

fn add_error_statuses(path: &str, method: &str, op: &mut serde_json::Value) {
    // Any input (path or query parameters, a body) can be malformed or name something that
    // is not there.
    let has_input = op["parameters"]
        .as_array()
        .is_some_and(|ps| ps.iter().any(|p| p["in"] == "path" || p["in"] == "query"))
        || !op["requestBody"].is_null();
    let json_body = !op["requestBody"]["content"]["application/json"].is_null();
    let open = axum::http::Method::from_bytes(method.to_ascii_uppercase().as_bytes())
        .ok()
        .and_then(|m| crate::access::rule(&m, path.trim_start_matches("/api/v1")))
        == Some(crate::access::Access::Open);
    let Some(responses) = op["responses"].as_object_mut() else {
        return;
    };
    for (status, what) in ERROR_STATUSES {
        let applies = match status {
            "400" | "404" => has_input,
            "401" | "403" => !open,
            "415" | "422" => json_body,
            _ => true,
        };
        if applies && !responses.contains_key(status) {
            responses.insert(
                status.to_owned(),
                serde_json::json!({
                    "description": what,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}
                }),
            );
        }
    }
}

/// The extension of the `ErrorCode` schema that maps each code to the HTTP statuses it is
/// answered with (the first is the usual one).
pub const STATUSES_EXTENSION: &str = "x-error-statuses";

/// The `ErrorCode` schema: every code as an enum, a table of code, status and meaning in its
/// description, and [`STATUSES_EXTENSION`] for programs.
fn error_code_schema() -> serde_json::Value {
    let mut table = String::from(
        "Every error code the API answers, in the envelope's `error.code`, with its HTTP \
         status. Clients rely on the codes; the `message` is English for people and may change. \
         A refusal the framework makes before any handler (a malformed path, a wrong method) \
         keeps the framework's status.\n\n| code | HTTP status | meaning |\n|---|---|---|\n",
    );
    let mut statuses = serde_json::Map::new();
    for &code in ErrorCode::ALL {
        let list: Vec<String> = code.statuses().iter().map(u16::to_string).collect();
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            list.join(" or "),
            code.meaning()
        ));
        statuses.insert(code.as_str().to_owned(), serde_json::json!(code.statuses()));
    }
    serde_json::json!({
        "type": "string",
        "enum": ErrorCode::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "description": table,
        STATUSES_EXTENSION: statuses,
    })
}
