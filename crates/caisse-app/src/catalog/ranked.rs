//! The back office's product search when it looks for words among active products: the same
//! index and ranking as the till's typeahead (typos forgiven, best first), products in the
//! order of their best sellable item.

use std::collections::HashSet;

use caisse_core::catalog::Store;
use caisse_store::catalog as db_catalog;
use uuid::Uuid;

use super::ProductPage;
use super::view::product_view;
use crate::{App, AppError};

/// Most sellable items a ranked product search looks at.
pub const RANKED_MAX: usize = 1_000;

/// One page of the active products matching `text`, best first.
pub(crate) async fn ranked_page(
    app: &App,
    store: &Store,
    text: &str,
    page: i64,
    per_page: i64,
) -> Result<ProductPage, AppError> {
    let ids: Vec<Uuid> = app
        .catalog
        .read(store.id, |sc| {
            let mut seen = HashSet::new();
            sc.index
                .search(text, RANKED_MAX)
                .into_iter()
                .filter_map(|hit| sc.index.product_id(hit.item_id))
                .filter(|id| seen.insert(*id))
                .collect()
        })
        .ok_or(AppError::NotFound("store"))?;
    let cats = db_catalog::list_categories(&app.db, store.id).await?;
    let name_of = |id: Option<Uuid>| {
        id.and_then(|id| cats.iter().find(|c| c.id == id))
            .map(|c| c.name.clone())
    };
    let skip = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
    let take = usize::try_from(per_page).unwrap_or(0);
    let mut items = Vec::with_capacity(take);
    for id in ids.iter().skip(skip).take(take) {
        if let Some(p) = db_catalog::get_product(&app.db, store.id, *id).await? {
            items.push(product_view(&p, &store.currency, name_of(p.category_id)));
        }
    }
    Ok(ProductPage {
        items,
        page,
        per_page,
        total: i64::try_from(ids.len()).unwrap_or(i64::MAX),
    })
}
