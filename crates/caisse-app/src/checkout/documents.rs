//! A sale as clients read it back by id: the live cart while it is being rung up, else its
//! document. Both are shown as the one [`SaleView`].

use uuid::Uuid;

use super::config::store_config;
use super::document;
use super::view::{SaleView, view_of};
use crate::auth::Principal;
use crate::{App, AppError};

/// A sale by id: the live cart when it is being rung up, else the stored document.
pub async fn get_sale(app: &App, who: &Principal, id: Uuid) -> Result<SaleView, AppError> {
    who.require(caisse_core::staff::Permission::Sell)?;
    if let Ok(cart) = app.checkout.carts.lock(who.store_id, id).await {
        let cfg = store_config(app, who.store_id).await?;
        return view_of(&cart, &cfg);
    }
    document::load(&app.db, who.store_id, id).await?.view()
}
