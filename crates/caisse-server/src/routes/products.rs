//! Products, variants, categories and suppliers.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caisse_app::App;
use caisse_app::catalog::input::{ProductDraft, ProductPatch, VariantDraft, VariantPatch};
use caisse_app::catalog::view::{CategoryView, ProductView};
use caisse_app::catalog::{self, CategoryDraft, ListQuery, ProductPage};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Caller};

type Created<T> = Result<(StatusCode, Json<T>), ApiError>;

/// Lists products with filters and paging.
#[utoipa::path(get, path = "/api/v1/products", tag = "catalog", params(ListQuery),
    responses((status = 200, body = ProductPage), (status = 422, body = ErrorEnvelope)))]
pub async fn list_products(
    State(app): State<App>,
    Caller(who): Caller,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<ProductPage>, ApiError> {
    Ok(Json(catalog::list_products(&app, &who, &q).await?))
}

/// Creates a product (owners and managers).
#[utoipa::path(post, path = "/api/v1/products", tag = "catalog", request_body = ProductDraft,
    responses((status = 201, body = ProductView), (status = 403, body = ErrorEnvelope), (status = 409, description = "`duplicate_sku`, `duplicate_barcode`", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn create_product(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(d): ApiJson<ProductDraft>,
) -> Created<ProductView> {
    Ok((
        StatusCode::CREATED,
        Json(catalog::create_product(&app, &who, &d).await?),
    ))
}

/// One product.
#[utoipa::path(get, path = "/api/v1/products/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 200, body = ProductView), (status = 404, body = ErrorEnvelope)))]
pub async fn get_product(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<ProductView>, ApiError> {
    Ok(Json(catalog::get_product(&app, &who, id).await?))
}

/// Changes a product; send `version` to refuse lost updates.
#[utoipa::path(patch, path = "/api/v1/products/{id}", tag = "catalog", params(("id" = Uuid, Path)), request_body = ProductPatch,
    responses((status = 200, body = ProductView), (status = 409, description = "`version_conflict`, `duplicate_sku`, `duplicate_barcode`", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn update_product(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(p): ApiJson<ProductPatch>,
) -> Result<Json<ProductView>, ApiError> {
    Ok(Json(catalog::update_product(&app, &who, id, &p).await?))
}

/// Deactivates a product (it stays in the catalog and in history, but cannot be sold).
#[utoipa::path(post, path = "/api/v1/products/{id}/deactivate", tag = "catalog", params(("id" = Uuid, Path)), responses((status = 200, body = ProductView)))]
pub async fn deactivate_product(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<ProductView>, ApiError> {
    Ok(Json(catalog::set_active(&app, &who, id, false).await?))
}

/// Activates a product again.
#[utoipa::path(post, path = "/api/v1/products/{id}/activate", tag = "catalog", params(("id" = Uuid, Path)), responses((status = 200, body = ProductView)))]
pub async fn activate_product(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<ProductView>, ApiError> {
    Ok(Json(catalog::set_active(&app, &who, id, true).await?))
}

/// Adds a variant to a product.
#[utoipa::path(post, path = "/api/v1/products/{id}/variants", tag = "catalog", params(("id" = Uuid, Path)), request_body = VariantDraft,
    responses((status = 201, body = ProductView), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn add_variant(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(d): ApiJson<VariantDraft>,
) -> Created<ProductView> {
    Ok((
        StatusCode::CREATED,
        Json(catalog::add_variant(&app, &who, id, &d).await?),
    ))
}

/// Changes a variant.
#[utoipa::path(patch, path = "/api/v1/variants/{id}", tag = "catalog", params(("id" = Uuid, Path)), request_body = VariantPatch,
    responses((status = 200, body = ProductView), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn update_variant(
    State(app): State<App>,
    Caller(who): Caller,
    Path(id): Path<Uuid>,
    ApiJson(p): ApiJson<VariantPatch>,
) -> Result<Json<ProductView>, ApiError> {
    Ok(Json(catalog::update_variant(&app, &who, id, &p).await?))
}

/// A list of categories.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryList {
    /// Categories sorted by path.
    pub items: Vec<CategoryView>,
}

/// Every category with its path.
#[utoipa::path(get, path = "/api/v1/categories", tag = "catalog", responses((status = 200, body = CategoryList)))]
pub async fn list_categories(
    State(app): State<App>,
    Caller(who): Caller,
) -> Result<Json<CategoryList>, ApiError> {
    Ok(Json(CategoryList {
        items: catalog::list_categories(&app, &who).await?,
    }))
}

/// Creates a category.
#[utoipa::path(post, path = "/api/v1/categories", tag = "catalog", request_body = CategoryDraft, responses((status = 201, body = CategoryView), (status = 422, body = ErrorEnvelope)))]
pub async fn create_category(
    State(app): State<App>,
    Caller(who): Caller,
    ApiJson(d): ApiJson<CategoryDraft>,
) -> Created<CategoryView> {
    Ok((
        StatusCode::CREATED,
        Json(catalog::create_category(&app, &who, &d).await?),
    ))
}
