//! The store's own settings: name, locale, time zone and scale-label layout. (The tax mode is
//! a checkout setting: it prices open carts again, so it has one write path,
//! [`crate::checkout::settings::update_checkout_settings`].)

use caisse_core::barcode::ScaleLayout;
use caisse_core::catalog::{Store, parse_name};
use caisse_core::money::Locale;
use caisse_core::staff::Permission;
use caisse_store::stores;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::Principal;
use crate::catalog::input::Checker;
use crate::catalog::store_of;
use crate::{App, AppError};

/// A change to the store's settings (absent fields unchanged). The currency is fixed once
/// the store exists: prices are stored in its minor units.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StorePatch {
    /// Trading name.
    pub name: Option<String>,
    /// BCP 47 locale: `fr-FR`, `en-US`, `en-GB`, `de-DE`.
    pub locale: Option<String>,
    /// IANA time zone, e.g. `Europe/Paris`.
    pub time_zone: Option<String>,
    /// Scale-label layout: `none`, `se`, `no`, `fi`, `ee`, `lv`, `lt`, `de`, `gb`, `dk`,
    /// `generic-mixed`, `generic-price-<d>`, `generic-weight-<d>`.
    pub scale_layout: Option<String>,
}

/// The caller's store.
pub fn get_store(app: &App, who: &Principal) -> Result<Store, AppError> {
    store_of(app, who.store_id)
}

/// Changes the store's settings (owners only).
pub async fn update_store(
    app: &App,
    who: &Principal,
    patch: &StorePatch,
) -> Result<Store, AppError> {
    who.require(Permission::StoreSettings)?;
    let mut s = store_of(app, who.store_id)?;
    let mut c = Checker::default();
    if let Some(n) = &patch.name
        && let Some(n) = c.check("name", parse_name(n))
    {
        s.name = n;
    }
    if let Some(l) = &patch.locale
        && let Some(l) = c.check("locale", Locale::parse(l))
    {
        s.locale = l.as_tag().to_owned();
    }
    if let Some(tz) = &patch.time_zone {
        match jiff::tz::TimeZone::get(tz) {
            Ok(_) => s.time_zone = tz.clone(),
            Err(_) => c.fail("time_zone", format!("unknown time zone {tz:?}")),
        }
    }
    if let Some(l) = &patch.scale_layout
        && let Some(l) = c.check("scale_layout", l.parse::<ScaleLayout>())
    {
        s.scale_layout = l.to_string();
    }
    c.finish()?;
    let mut tx = app.db.begin().await?;
    stores::update(&mut tx, &s).await?;
    caisse_store::stores::bump_version(&mut tx, s.id).await?;
    tx.commit().await?;
    app.catalog.set_store(s.clone());
    // Checkout reads tax mode, locale and time zone from its own cache.
    app.checkout.config.invalidate(s.id);
    Ok(s)
}
