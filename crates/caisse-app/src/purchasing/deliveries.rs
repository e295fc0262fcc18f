//! Deliveries to expect: the store's orders that are sent or partially received, for whoever
//! may receive them (managers and owners; cashiers when the store lets them receive). The
//! receiving screen opens from here, so a cashier reaches it without the order list.

use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::orders::{PoPage, PoQuery, list_page};
use super::require_receiving;
use crate::auth::Principal;
use crate::{App, AppError};

/// Delivery list parameters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// Only this supplier.
    pub supplier_id: Option<Uuid>,
    /// `number`, `created`, `status`, `supplier`, `total` (a `-` before for descending;
    /// default `-created`).
    pub sort: Option<String>,
    /// Page from 1.
    pub page: Option<i64>,
    /// 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// The orders awaiting delivery.
pub async fn list(app: &App, who: &Principal, q: DeliveryQuery) -> Result<PoPage, AppError> {
    require_receiving(app, who).await?;
    list_page(
        app,
        who.store_id,
        PoQuery {
            status: None,
            supplier_id: q.supplier_id,
            sort: q.sort,
            page: q.page,
            per_page: q.per_page,
        },
        true,
    )
    .await
}
