//! What caisse-app's own tests share: an application over a fresh database with one store.

use caisse_core::catalog::Store;
use caisse_store::Db;
use uuid::Uuid;

use crate::App;

/// Starts the application over `db` and creates a Paris store selling in euros, prices
/// including VAT; returns both.
pub(crate) async fn app_with_store(db: &Db) -> (App, Store) {
    let app = App::start(db.clone()).await.expect("app");
    let store = Store {
        id: Uuid::now_v7(),
        name: "Test".into(),
        currency: "EUR".into(),
        locale: "fr-FR".into(),
        time_zone: "Europe/Paris".into(),
        tax_mode: "inclusive".into(),
        scale_layout: "none".into(),
    };
    crate::catalog::create_store(&app, store.clone())
        .await
        .expect("store");
    (app, store)
}
