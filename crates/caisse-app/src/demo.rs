//! The demo shop: fills an empty database with a believable store, its catalog and three
//! accounts whose credentials the README states. Only `serve --demo` and `caisse demo` call it.

use std::collections::HashMap;

use caisse_core::catalog::{Category, Product, Sku, Store, Supplier, TaxCategory, Unit, Variant};
use caisse_store::{catalog as db_catalog, stores};
use uuid::Uuid;

use crate::auth::{NewUser, create_user};
use crate::catalog::input::parse_barcode;
use crate::demo_data::{DemoCatalog, demo_catalog};
use crate::{App, AppError, now_us};

/// The demo accounts: login, password, PIN, role.
pub const DEMO_USERS: [(&str, &str, &str, &str); 3] = [
    ("owner", "owner", "1111", "owner"),
    ("manager", "manager", "2222", "manager"),
    ("cashier", "cashier", "3333", "cashier"),
];

/// What seeding did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seeded {
    /// The demo shop was created with this many products.
    Created {
        /// Products written.
        products: usize,
    },
    /// The database already had a store: nothing was changed.
    AlreadyFilled,
}

/// Creates the demo shop if the database has no store yet.
pub async fn seed(app: &App) -> Result<Seeded, AppError> {
    if !stores::list(&app.db).await?.is_empty() {
        return Ok(Seeded::AlreadyFilled);
    }
    let demo = demo_catalog(2026);
    let store = Store {
        id: Uuid::now_v7(),
        name: demo.store_name.clone(),
        currency: "EUR".into(),
        locale: "fr-FR".into(),
        time_zone: "Europe/Paris".into(),
        tax_mode: "inclusive".into(),
        scale_layout: crate::demo_data::DEMO_SCALE_LAYOUT.into(),
    };
    let now = now_us();
    let (cats, sups, products) = convert(&demo, now)?;
    let mut tx = app.db.begin().await?;
    stores::insert(&mut tx, &store, now).await?;
    for c in &cats {
        db_catalog::insert_category(&mut tx, store.id, c, now).await?;
    }
    for s in &sups {
        db_catalog::insert_supplier(&mut tx, store.id, s, now).await?;
    }
    db_catalog::insert_products(&mut tx, store.id, &products, now).await?;
    tx.commit().await?;
    // The demo accounts keep their documented easy credentials, whatever mode seeds them.
    let demo_app = app.in_demo_mode();
    for (login, password, pin, role) in DEMO_USERS {
        let user = NewUser {
            login: login.into(),
            display_name: Some(display_name(login)),
            role: role.into(),
            password: password.into(),
            pin: Some(pin.into()),
        };
        create_user(&demo_app, store.id, None, user).await?;
    }
    app.catalog.reload_store(&app.db, store.id).await?;
    let owner = crate::auth::Principal::system(store.id, Uuid::nil());
    crate::quick_keys::replace_quick_keys(app, &owner, &demo_quick_keys(&products)).await?;
    // Two tills with their drawers closed: the cashier counts the float when opening.
    for (code, name) in [("T1", "Caisse 1"), ("T2", "Caisse 2")] {
        let draft = crate::checkout::registers::RegisterDraft {
            code: code.into(),
            name: name.into(),
            printer: None,
            receipt_width: None,
        };
        crate::checkout::registers::create_register(app, &owner, draft).await?;
    }
    Ok(Seeded::Created {
        products: products.len(),
    })
}

/// A demo quick-key group: its name, its keys' colour, and (demo product name, short label).
pub type DemoKeyGroup = (
    &'static str,
    &'static str,
    &'static [(&'static str, Option<&'static str>)],
);

/// The demo till's quick keys: per group its name, its keys' colour, and the products (by
/// their exact demo name) with the short label shown on the key, if any. Counter goods
/// without a barcode on them: bread and pastries, fruit and vegetables weighed at the till,
/// bags.
pub const DEMO_QUICK_KEYS: [DemoKeyGroup; 3] = [
    (
        "Boulangerie",
        "amber",
        &[
            ("Baguette", None),
            ("Baguette tradition", Some("Tradition")),
            ("Demi-baguette", None),
            ("Pain de campagne", None),
            ("Croissant pur beurre", Some("Croissant")),
            ("Pain au chocolat", None),
            ("Pain aux raisins", None),
            ("Chausson aux pommes", None),
            ("Chouquettes (sachet de 10)", Some("Chouquettes x10")),
        ],
    ),
    (
        "Fruits et légumes",
        "green",
        &[
            ("Bananes", None),
            ("Pommes Golden", None),
            ("Pommes Gala", None),
            ("Poires Conférence", None),
            ("Clémentines de Corse IGP", Some("Clémentines")),
            ("Citrons jaunes", Some("Citrons")),
            ("Tomates rondes", Some("Tomates")),
            ("Pommes de terre Charlotte", Some("PdT Charlotte")),
            ("Carottes", None),
            ("Courgettes", None),
            ("Oignons jaunes", Some("Oignons")),
            ("Poireaux", None),
        ],
    ),
    (
        "Sacs et divers",
        "slate",
        &[
            ("Sac papier kraft", Some("Sac kraft")),
            ("Sac cabas réutilisable", Some("Cabas")),
            ("Sac isotherme", None),
            ("Sac en coton bio", Some("Sac coton")),
            ("Sac de glaçons 2 kg", Some("Glaçons 2 kg")),
        ],
    ),
];

/// The demo's quick keys for its products (a product missing or discontinued in the demo
/// catalog gets no key).
fn demo_quick_keys(products: &[Product]) -> crate::quick_keys::QuickKeysInput {
    use crate::quick_keys::{QuickKeyGroupInput, QuickKeyInput, QuickKeysInput};
    let key = |name: &str, label: Option<&str>, colour: &str| {
        products
            .iter()
            .find(|p| p.name == name && p.active && p.variants.is_empty())
            .map(|p| QuickKeyInput {
                product_id: p.id.to_string(),
                label: label.map(str::to_owned),
                colour: Some(colour.to_owned()),
            })
    };
    QuickKeysInput {
        groups: DEMO_QUICK_KEYS
            .iter()
            .map(|(name, colour, items)| QuickKeyGroupInput {
                name: (*name).to_owned(),
                keys: items
                    .iter()
                    .filter_map(|(item, label)| key(item, *label, colour))
                    .collect(),
            })
            .collect(),
        version: 0,
    }
}

fn display_name(login: &str) -> String {
    match login {
        "owner" => "Camille Martin".into(),
        "manager" => "Karim Benali".into(),
        _ => "Léa Dubois".into(),
    }
}

fn bad(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("demo data has a bad {what}: {e}"))
}

/// The demo's categories, suppliers and products as domain values.
type DemoRows = (Vec<Category>, Vec<Supplier>, Vec<Product>);

/// Turns the generated demo catalog into domain values, checking every code on the way.
fn convert(demo: &DemoCatalog, now: i64) -> Result<DemoRows, AppError> {
    let mut cat_ids: HashMap<&str, Uuid> = HashMap::new();
    let mut cats = Vec::new();
    for c in &demo.categories {
        let id = Uuid::now_v7();
        cat_ids.insert(c.key.as_str(), id);
        cats.push(Category {
            id,
            parent_id: c
                .parent_key
                .as_deref()
                .and_then(|k| cat_ids.get(k).copied()),
            name: c.name.clone(),
        });
    }
    let mut sup_ids: HashMap<&str, Uuid> = HashMap::new();
    let mut sups = Vec::new();
    for s in &demo.suppliers {
        let id = Uuid::now_v7();
        sup_ids.insert(s.key.as_str(), id);
        sups.push(Supplier {
            id,
            name: s.name.clone(),
            email: s.email.clone(),
            phone: s.phone.clone(),
        });
    }
    let codes = |list: &[String]| -> Result<Vec<String>, AppError> {
        list.iter()
            .map(|c| parse_barcode(c).map_err(|e| bad("barcode", e)))
            .collect()
    };
    let mut products = Vec::with_capacity(demo.products.len());
    for d in &demo.products {
        let mut variants = Vec::new();
        for v in &d.variants {
            variants.push(Variant {
                id: Uuid::now_v7(),
                sku: Sku::parse(&v.sku).map_err(|e| bad("sku", e))?,
                name: v.name.clone(),
                attributes: v.attributes.clone(),
                price: v.price_minor,
                barcodes: codes(&v.barcodes)?,
                active: true,
            });
        }
        products.push(Product {
            id: Uuid::now_v7(),
            sku: Sku::parse(&d.sku).map_err(|e| bad("sku", e))?,
            name: d.name.clone(),
            brand: d.brand.clone(),
            description: d.description.clone(),
            category_id: cat_ids.get(d.category_key.as_str()).copied(),
            unit: Unit::parse(d.unit).map_err(|e| bad("unit", e))?,
            sold_by_weight: d.sold_by_weight,
            price: d.price_minor,
            cost: d.cost_minor,
            tax_category: TaxCategory::parse(d.tax_category).map_err(|e| bad("tax category", e))?,
            supplier_id: d
                .supplier_key
                .as_deref()
                .and_then(|k| sup_ids.get(k).copied()),
            supplier_ref: d.supplier_ref.clone(),
            active: d.active,
            barcodes: codes(&d.barcodes)?,
            variants,
            version: 1,
            updated_at_us: now,
        });
    }
    Ok((cats, sups, products))
}
