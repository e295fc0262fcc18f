//! The stores of the business and where each keeps stock, as the transfer form needs them to
//! pick a destination: every store's id and name and its active locations. Only what a
//! transfer may name (no settings, no inactive locations), for those who may draft one.

use caisse_core::staff::Permission;
use caisse_store::{stock_setup, stores};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Principal;
use crate::{App, AppError};

/// A store a transfer may go to.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StoreSummary {
    /// Store id (a transfer's `to_store_id`).
    pub id: Uuid,
    /// Trading name.
    pub name: String,
    /// Whether it is the caller's own store.
    pub current: bool,
    /// Its active locations, by code (a transfer's `to_location_id`).
    pub locations: Vec<StoreLocation>,
}

/// An active location of a store.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StoreLocation {
    /// Location id.
    pub id: Uuid,
    /// Short code, unique in its store.
    pub code: String,
    /// Name.
    pub name: String,
    /// Whether the store sells from there (where a transfer to it goes by default).
    pub selling: bool,
}

/// The stores, the caller's own first, then the others oldest first. Managers and owners
/// (those who may draft a transfer).
pub async fn list(app: &App, who: &Principal) -> Result<Vec<StoreSummary>, AppError> {
    who.require(Permission::StockManage)?;
    let mut all = stores::list(&app.db).await?;
    // A stable sort keeps the others oldest first.
    all.sort_by_key(|s| s.id != who.store_id);
    let mut out = Vec::with_capacity(all.len());
    for s in all {
        let selling = stock_setup::policy(&app.db, s.id)
            .await?
            .selling_location_id;
        let locations = stock_setup::locations(&app.db, s.id)
            .await?
            .into_iter()
            .filter(|l| l.active)
            .map(|l| StoreLocation {
                selling: Some(l.id) == selling,
                id: l.id,
                code: l.code,
                name: l.name,
            })
            .collect();
        out.push(StoreSummary {
            current: s.id == who.store_id,
            id: s.id,
            name: s.name,
            locations,
        });
    }
    Ok(out)
}
