//! Reading a document back: the one loader of completed and cancelled sales and returns.

use caisse_store::{Db, sales};
use uuid::Uuid;

use super::model::SaleDocument;
use crate::AppError;

/// The stored document of a completed or cancelled sale or return of the store; `not_found`
/// when the store has none with this id (a live cart is not a document yet).
pub async fn load(db: &Db, store_id: Uuid, id: Uuid) -> Result<SaleDocument, AppError> {
    let sale = sales::get_sale(db, store_id, id)
        .await?
        .ok_or(AppError::NotFound("sale"))?;
    // A stored document never changes: its parts are read at once, on three connections.
    let (lines, taxes, payments) = tokio::try_join!(
        sales::sale_lines(db, id),
        sales::sale_taxes(db, id),
        sales::sale_payments(db, id),
    )?;
    SaleDocument::from_rows(sale, lines, taxes, payments)
}
