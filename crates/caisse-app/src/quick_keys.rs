//! Quick keys: the till's grid of keys for goods without a barcode, by group. The back
//! office replaces the whole set at once, under the version it read; the till reads it with
//! each key's current name, price and unit from the in-memory catalog.

use caisse_core::quick_keys::{GROUPS_MAX, KEYS_PER_GROUP_MAX, KeyColour, group_name, key_label};
use caisse_core::staff::Permission;
use caisse_store::quick_keys::{self, GroupRow, KeyRow, KeySet, ReplaceError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Principal;
use crate::catalog::input::Checker;
use crate::catalog::view::MoneyJson;
use crate::catalog::{SellableItem, StoreCatalog};
use crate::{App, AppError, now_us};

/// A store's quick keys as the till shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct QuickKeysView {
    /// Groups in till order.
    pub groups: Vec<QuickKeyGroupView>,
    /// Send it back with a replacement: a set changed meanwhile is not overwritten.
    pub version: i64,
    /// Stored keys left out because their product is inactive or gone; saving the set
    /// drops them.
    pub hidden: usize,
}

/// One group of keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct QuickKeyGroupView {
    /// Name on the group's tab.
    pub name: String,
    /// Keys in order; only keys whose product can be sold now.
    pub keys: Vec<QuickKeyView>,
}

/// One key and the item it sells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct QuickKeyView {
    /// What `POST /sales/{id}/lines {"product_id"}` takes: a product without variants, or a
    /// variant.
    pub product_id: Uuid,
    /// Text on the key: its own label, or the item's name.
    pub label: String,
    /// Palette colour: `slate`, `blue`, `green`, `amber`, `red`, `purple`, `teal`, `pink`.
    pub colour: String,
    /// The item's SKU.
    pub sku: String,
    /// The item's catalog name.
    pub name: String,
    /// Price per unit.
    pub price: MoneyJson,
    /// Weighed at the till: the till asks for the weight.
    pub sold_by_weight: bool,
    /// `each`, `kg`, `l` or `m`.
    pub unit: String,
}

/// A whole new set of quick keys.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuickKeysInput {
    /// At most 12 groups, in till order.
    pub groups: Vec<QuickKeyGroupInput>,
    /// The version read (0 when the store has none yet).
    pub version: i64,
}

/// One group of a new set.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuickKeyGroupInput {
    /// 1 to 40 characters, unique in the set (ignoring case and accents).
    pub name: String,
    /// At most 48 keys, in order.
    #[serde(default)]
    pub keys: Vec<QuickKeyInput>,
}

/// One key of a new set.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuickKeyInput {
    /// An active product without variants, or an active variant (once per group).
    #[schema(value_type = String, format = Uuid)]
    pub product_id: String,
    /// Up to 40 characters; absent or empty shows the item's name.
    pub label: Option<String>,
    /// A palette colour; default `slate`.
    pub colour: Option<String>,
}

fn key_view(row: &KeyRow, item: &SellableItem, currency: &str) -> QuickKeyView {
    QuickKeyView {
        product_id: item.item_id,
        label: row.label.clone().unwrap_or_else(|| item.name.clone()),
        colour: row.colour.clone(),
        sku: item.sku.clone(),
        name: item.name.clone(),
        price: MoneyJson::new(item.price, currency),
        sold_by_weight: item.sold_by_weight,
        unit: item.unit.to_owned(),
    }
}

/// The stored set as shown, with the catalog as it is now.
fn view_of(set: &KeySet, sc: &StoreCatalog) -> QuickKeysView {
    let mut hidden = 0;
    let groups = set
        .groups
        .iter()
        .map(|g| QuickKeyGroupView {
            name: g.name.clone(),
            keys: set
                .keys
                .iter()
                .filter(|k| k.group_position == g.position)
                .filter_map(|k| {
                    let item = sc.active_item(k.item_id);
                    hidden += usize::from(item.is_none());
                    item.map(|i| key_view(k, i, &sc.store.currency))
                })
                .collect(),
        })
        .collect();
    QuickKeysView {
        groups,
        version: set.version,
        hidden,
    }
}

fn render(app: &App, store_id: Uuid, set: &KeySet) -> Result<QuickKeysView, AppError> {
    app.catalog
        .read(store_id, |sc| view_of(set, sc))
        .ok_or(AppError::NotFound("store"))
}

/// The store's quick keys (anyone signed in). Keys whose product is inactive or gone are
/// left out, and counted in `hidden`.
pub async fn get_quick_keys(app: &App, who: &Principal) -> Result<QuickKeysView, AppError> {
    who.require(Permission::CatalogRead)?;
    let set = quick_keys::load(&app.db, who.store_id).await?;
    render(app, who.store_id, &set)
}

/// Checks every group and key against the rules and the catalog, reporting each bad entry
/// with its path (`groups[1].keys[3].product_id`), and turns them into rows.
fn rows_of(
    input: &QuickKeysInput,
    sc: &StoreCatalog,
) -> Result<(Vec<GroupRow>, Vec<KeyRow>), AppError> {
    let mut c = Checker::default();
    if input.version < 0 {
        c.fail("version", "must be the version read (0 or more)");
    }
    if input.groups.len() > GROUPS_MAX {
        c.fail("groups", format!("at most {GROUPS_MAX} groups"));
    }
    let mut names: Vec<String> = Vec::new();
    let mut groups = Vec::new();
    let mut keys = Vec::new();
    for (gi, (g, position)) in input.groups.iter().zip(0_i32..).enumerate() {
        let path = format!("groups[{gi}]");
        if let Some(name) = c.check(&format!("{path}.name"), group_name(&g.name)) {
            let folded = caisse_core::search::normalize(&name);
            if names.contains(&folded) {
                c.fail(format!("{path}.name"), "another group has this name");
            }
            names.push(folded);
            groups.push(GroupRow { position, name });
        }
        if g.keys.len() > KEYS_PER_GROUP_MAX {
            c.fail(
                format!("{path}.keys"),
                format!("at most {KEYS_PER_GROUP_MAX} keys in a group"),
            );
        }
        let mut seen: Vec<Uuid> = Vec::new();
        for (ki, (k, key_position)) in g.keys.iter().zip(0_i32..).enumerate() {
            let kpath = format!("{path}.keys[{ki}]");
            let item = item_of(&mut c, &format!("{kpath}.product_id"), &k.product_id, sc);
            if let Some(id) = item {
                if seen.contains(&id) {
                    c.fail(
                        format!("{kpath}.product_id"),
                        "this product already has a key in this group",
                    );
                }
                seen.push(id);
            }
            let label = match k.label.as_deref().map(str::trim) {
                None | Some("") => Some(None),
                Some(l) => c.check(&format!("{kpath}.label"), key_label(l)).map(Some),
            };
            let colour = match k.colour.as_deref() {
                None => Some(KeyColour::Slate),
                Some(text) => c.check(&format!("{kpath}.colour"), KeyColour::parse(text)),
            };
            if let (Some(item_id), Some(label), Some(colour)) = (item, label, colour) {
                keys.push(KeyRow {
                    group_position: position,
                    position: key_position,
                    item_id,
                    label,
                    colour: colour.as_str().to_owned(),
                });
            }
        }
    }
    c.finish()?;
    Ok((groups, keys))
}

/// The sellable item a key names, or the reason it cannot have a key.
fn item_of(c: &mut Checker, field: &str, text: &str, sc: &StoreCatalog) -> Option<Uuid> {
    let Ok(id) = Uuid::parse_str(text.trim()) else {
        c.fail(field, "must be a product id (a UUID)");
        return None;
    };
    match (sc.item(id), sc.active_item(id)) {
        (_, Some(item)) => Some(item.item_id),
        (Some(_), None) => {
            c.fail(field, "this product is inactive: activate it first");
            None
        }
        (None, _) => {
            c.fail(
                field,
                "no product or variant has this id (a product with variants takes a key per variant)",
            );
            None
        }
    }
}

/// Replaces the store's whole set of quick keys (owners and managers). Every group and key
/// is checked first and every bad one reported; a set changed since `version` was read is
/// refused with `version_conflict`. Either way nothing changes.
pub async fn replace_quick_keys(
    app: &App,
    who: &Principal,
    input: &QuickKeysInput,
) -> Result<QuickKeysView, AppError> {
    who.require(Permission::CatalogWrite)?;
    let (groups, keys) = app
        .catalog
        .read(who.store_id, |sc| rows_of(input, sc))
        .ok_or(AppError::NotFound("store"))??;
    let mut tx = app.db.begin().await?;
    let version = match quick_keys::replace(
        &mut tx,
        who.store_id,
        input.version,
        &groups,
        &keys,
        now_us(),
    )
    .await
    {
        Ok(v) => v,
        Err(ReplaceError::Stale(current)) => return Err(AppError::VersionConflict { current }),
        Err(ReplaceError::Store(e)) => return Err(e.into()),
    };
    caisse_store::stores::bump_version(&mut tx, who.store_id).await?;
    tx.commit().await?;
    tracing::info!(store_id = %who.store_id, version, keys = keys.len(), "quick keys replaced");
    render(
        app,
        who.store_id,
        &KeySet {
            version,
            groups,
            keys,
        },
    )
}
