//! The time clock and pay: punching in and out, managers' corrections, the pay settings and
//! rates, timesheets and the payroll export.

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use caisse_app::App;
use caisse_app::time_clock::pay::{
    self, PayRate, PaySettingsPatch, PaySettingsView, TimesheetQuery, TimesheetView,
};
use caisse_app::time_clock::{
    self, ClockStatus, MissedPunches, PunchCorrection, PunchInput, PunchQuery, PunchView,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Caller};

/// The time clock routes (merged into `/api/v1` before the access gate).
pub fn router() -> Router<App> {
    Router::new()
        .route("/time-clock", get(get_clock_status).post(punch_clock))
        .route(
            "/time-clock/punches",
            get(list_punches).post(add_missed_punch),
        )
        .route("/time-clock/punches/{id}/corrections", post(correct_punch))
        .route("/timesheets", get(get_timesheets))
        .route("/payroll/export", get(export_payroll))
        .route(
            "/payroll/settings",
            get(get_pay_settings).patch(update_pay_settings),
        )
        .route("/payroll/rates", get(list_pay_rates).put(set_pay_rate))
}

/// Whose clock to read.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct WhoQuery {
    /// An employee the caller manages (default: oneself).
    pub user_id: Option<Uuid>,
}

/// Where an employee stands on the clock: off, working or on a break, with the last punch.
#[utoipa::path(get, path = "/api/v1/time-clock", tag = "time clock", params(WhoQuery),
    responses((status = 200, body = ClockStatus), (status = 404, body = ErrorEnvelope)))]
pub async fn get_clock_status(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<WhoQuery>,
) -> Result<Json<ClockStatus>, ApiError> {
    Ok(Json(time_clock::status(&app, &who, q.user_id).await?))
}

/// Clocks the caller in or out, or starts or ends a break, now (at a till, the register is
/// recorded with it).
#[utoipa::path(post, path = "/api/v1/time-clock", tag = "time clock", request_body = PunchInput,
    responses((status = 201, body = ClockStatus),
              (status = 409, description = "`punch_out_of_order`: not the next punch (clocking out when not in, a break when on one)", body = ErrorEnvelope)))]
pub async fn punch_clock(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<PunchInput>,
) -> Result<(StatusCode, Json<ClockStatus>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(time_clock::punch(&app, &who, input).await?),
    ))
}

/// Punches between two instants, with every correction and what it replaced.
#[utoipa::path(get, path = "/api/v1/time-clock/punches", tag = "time clock", params(PunchQuery),
    responses((status = 200, body = [PunchView]), (status = 404, body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`: `from` or `to` is not an instant", body = ErrorEnvelope)))]
pub async fn list_punches(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<PunchQuery>,
) -> Result<Json<Vec<PunchView>>, ApiError> {
    Ok(Json(time_clock::list(&app, &who, q).await?))
}

/// A manager records punches an employee missed (a forgotten shift: its clock-in and
/// clock-out together), with the reason.
#[utoipa::path(post, path = "/api/v1/time-clock/punches", tag = "time clock", request_body = MissedPunches,
    responses((status = 201, body = [PunchView]), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`punch_out_of_order`: the punches would be out of order, share an instant, or make a shift over 36 hours", body = ErrorEnvelope)))]
pub async fn add_missed_punch(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(input): ApiJson<MissedPunches>,
) -> Result<(StatusCode, Json<Vec<PunchView>>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(time_clock::add_missed(&app, &who, input).await?),
    ))
}

/// A manager corrects a punch (another time, or removed) with the reason; the punch is kept,
/// replaced by the correction.
#[utoipa::path(post, path = "/api/v1/time-clock/punches/{id}/corrections", tag = "time clock", params(("id" = Uuid, Path)), request_body = PunchCorrection,
    responses((status = 201, body = PunchView), (status = 404, body = ErrorEnvelope),
              (status = 409, description = "`punch_out_of_order`: already corrected, or the punches would be out of order", body = ErrorEnvelope)))]
pub async fn correct_punch(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<PunchCorrection>,
) -> Result<(StatusCode, Json<PunchView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(time_clock::correct(&app, &who, id, input).await?),
    ))
}

/// The timesheets of the pay period containing a day: hours per day, regular and overtime,
/// pay, commission, and what stops a period from being paid.
#[utoipa::path(get, path = "/api/v1/timesheets", tag = "time clock", params(TimesheetQuery),
    responses((status = 200, body = TimesheetView), (status = 404, body = ErrorEnvelope),
              (status = 422, description = "`validation_failed`: `date` is not a date the calendar can hold", body = ErrorEnvelope)))]
pub async fn get_timesheets(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<TimesheetQuery>,
) -> Result<Json<TimesheetView>, ApiError> {
    Ok(Json(pay::timesheets(&app, &who, q).await?))
}

/// The payroll export of a pay period as CSV, one row per employee: regular and overtime
/// hours, rate, pay, commission, gross pay.
#[utoipa::path(get, path = "/api/v1/payroll/export", tag = "time clock", params(TimesheetQuery),
    responses((status = 200, content_type = "text/csv", body = String),
              (status = 422, description = "`validation_failed`: `date` is not a date the calendar can hold", body = ErrorEnvelope),
              (status = 409, description = "`timesheet_incomplete`: a shift still open or a day without a rate (`details.problems`)", body = ErrorEnvelope)))]
pub async fn export_payroll(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<TimesheetQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let (name, csv) = pay::payroll_csv(&app, &who, q).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        csv,
    ))
}

/// The store's pay schedule and overtime rules.
#[utoipa::path(get, path = "/api/v1/payroll/settings", tag = "time clock",
    responses((status = 200, body = PaySettingsView)))]
pub async fn get_pay_settings(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<PaySettingsView>, ApiError> {
    Ok(Json(pay::settings(&app, &who).await?))
}

/// Changes the pay schedule and overtime rules.
#[utoipa::path(patch, path = "/api/v1/payroll/settings", tag = "time clock", request_body = PaySettingsPatch,
    responses((status = 200, body = PaySettingsView)))]
pub async fn update_pay_settings(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(patch): ApiJson<PaySettingsPatch>,
) -> Result<Json<PaySettingsView>, ApiError> {
    Ok(Json(pay::update_settings(&app, &who, patch).await?))
}

/// Hourly rates and commissions of the employees the caller manages.
#[utoipa::path(get, path = "/api/v1/payroll/rates", tag = "time clock", params(WhoQuery),
    responses((status = 200, body = [PayRate])))]
pub async fn list_pay_rates(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<WhoQuery>,
) -> Result<Json<Vec<PayRate>>, ApiError> {
    Ok(Json(pay::rates(&app, &who, q.user_id).await?))
}

/// Sets an employee's hourly rate and commission from a date on.
#[utoipa::path(put, path = "/api/v1/payroll/rates", tag = "time clock", request_body = PayRate,
    responses((status = 200, body = PayRate), (status = 404, body = ErrorEnvelope)))]
pub async fn set_pay_rate(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(rate): ApiJson<PayRate>,
) -> Result<Json<PayRate>, ApiError> {
    Ok(Json(pay::set_rate(&app, &who, rate).await?))
}
