//! Drawer cash movements, X reports and closures (Z, day, month, year).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caisse_app::App;
use caisse_app::checkout::closures::{self, ClosePeriod};
use caisse_app::checkout::drawer::{self, Movement, MovementInput, MovementView};
use caisse_app::checkout::reports::{self, ClosureView, ReportView};
use caisse_app::paging::Paging;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Caller};

async fn movement(
    app: App,
    who: caisse_app::auth::Principal,
    id: Uuid,
    m: Movement,
    input: MovementInput,
) -> Result<(StatusCode, Json<MovementView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(drawer::record(&app, &who, id, m, input).await?),
    ))
}

/// Puts cash into the open drawer (a reason is required).
#[utoipa::path(post, path = "/api/v1/registers/{id}/drawer/paid-in", tag = "drawer", params(("id" = Uuid, Path)), request_body = MovementInput,
    responses((status = 201, body = MovementView), (status = 403, description = "`approval_required` with `details.action`", body = ErrorEnvelope),
              (status = 409, description = "`drawer_closed`", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn paid_in(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<MovementInput>,
) -> Result<(StatusCode, Json<MovementView>), ApiError> {
    movement(app, who, id, Movement::PaidIn, input).await
}

/// Pays cash out of the open drawer (a reason is required).
#[utoipa::path(post, path = "/api/v1/registers/{id}/drawer/paid-out", tag = "drawer", params(("id" = Uuid, Path)), request_body = MovementInput,
    responses((status = 201, body = MovementView), (status = 403, description = "`approval_required` with `details.action`", body = ErrorEnvelope),
              (status = 409, description = "`drawer_closed`, `not_enough_cash`", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn paid_out(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<MovementInput>,
) -> Result<(StatusCode, Json<MovementView>), ApiError> {
    movement(app, who, id, Movement::PaidOut, input).await
}

/// Takes cash from the open drawer to the safe.
#[utoipa::path(post, path = "/api/v1/registers/{id}/drawer/drop", tag = "drawer", params(("id" = Uuid, Path)), request_body = MovementInput,
    responses((status = 201, body = MovementView), (status = 403, description = "`approval_required` with `details.action`", body = ErrorEnvelope),
              (status = 409, description = "`drawer_closed`, `not_enough_cash`", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn drop_cash(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<MovementInput>,
) -> Result<(StatusCode, Json<MovementView>), ApiError> {
    movement(app, who, id, Movement::Drop, input).await
}

/// Records that the drawer was opened without a sale.
#[utoipa::path(post, path = "/api/v1/registers/{id}/drawer/no-sale", tag = "drawer", params(("id" = Uuid, Path)), request_body = MovementInput,
    responses((status = 201, body = MovementView), (status = 403, description = "`approval_required` with `details.action`", body = ErrorEnvelope),
              (status = 409, description = "`drawer_closed`", body = ErrorEnvelope)))]
pub async fn no_sale(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<MovementInput>,
) -> Result<(StatusCode, Json<MovementView>), ApiError> {
    movement(app, who, id, Movement::NoSale, input).await
}

/// The X report of the register's open drawer session (changes nothing).
#[utoipa::path(get, path = "/api/v1/registers/{id}/x-report", tag = "closures", params(("id" = Uuid, Path)),
    responses((status = 200, body = ReportView), (status = 409, description = "`drawer_closed`", body = ErrorEnvelope)))]
pub async fn x_report(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<ReportView>, ApiError> {
    Ok(Json(reports::x_report(&app, &who, id).await?))
}

/// Closes a past day, month or year of the register.
#[utoipa::path(post, path = "/api/v1/registers/{id}/closures", tag = "closures", params(("id" = Uuid, Path)), request_body = ClosePeriod,
    responses((status = 201, body = ClosureView),
              (status = 409, description = "`period_not_over`, `period_closed`, `unclosed_periods`", body = ErrorEnvelope),
              (status = 422, body = ErrorEnvelope)))]
pub async fn close_period(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ClosePeriod>,
) -> Result<(StatusCode, Json<ClosureView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(closures::close_period(&app, &who, id, input).await?),
    ))
}

/// Filters, sort and page of the closure list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClosureQuery {
    /// A register's id or code.
    pub register: Option<String>,
    /// `z`, `day`, `month` or `year`.
    pub kind: Option<String>,
    /// `created` (when it was made) or `net` (the period's net total); a `-` before it
    /// reverses the order. Default `-created`: newest first.
    #[param(pattern = "^-?(created|net)$")]
    pub sort: Option<String>,
    /// Page number from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Rows per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

/// A page of closures, out of the newest 500 that match.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClosureList {
    /// The closures of this page.
    pub items: Vec<ClosureView>,
    /// Page number from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// Closures matching in all (at most 500).
    pub total: i64,
}

/// The store's closures, a page at a time (newest first unless `sort` says otherwise). A bad
/// `sort`, `page` or `per_page` is `validation_failed` naming it.
#[utoipa::path(get, path = "/api/v1/closures", tag = "closures", params(ClosureQuery),
    responses((status = 200, body = ClosureList), (status = 422, body = ErrorEnvelope)))]
pub async fn list_closures(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<ClosureQuery>,
) -> Result<Json<ClosureList>, ApiError> {
    let paging = Paging::parse_for::<ClosureView>(q.sort.as_deref(), q.page, q.per_page)?;
    let all = closures::list_closures(&app, &who, q.register.as_deref(), q.kind.as_deref()).await?;
    let page = paging.cut(all);
    Ok(Json(ClosureList {
        items: page.items,
        page: page.page,
        per_page: page.per_page,
        total: page.total,
    }))
}

/// One closure with its report.
#[utoipa::path(get, path = "/api/v1/closures/{id}", tag = "closures", params(("id" = Uuid, Path)),
    responses((status = 200, body = ClosureView), (status = 404, body = ErrorEnvelope)))]
pub async fn get_closure(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<ClosureView>, ApiError> {
    Ok(Json(closures::get_closure(&app, &who, id).await?))
}
