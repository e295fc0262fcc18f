//! Till devices: paired once with a register by a manager, they alone see the PIN pad's
//! people and let them sign in with a PIN; a manager unlocks someone there with their PIN.

use caisse_core::search::normalize;
use caisse_core::staff::{Permission, SessionScope};
use caisse_store::devices::{self, DeviceRow};
use caisse_store::registers::RegisterRow;
use caisse_store::{account_events, sign_in, users};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::accounts::{event, managed};
use super::lockout::Subject;
use super::{Approver, Place, Principal, new_token, rfc3339, stored_role, token_hash};
use crate::ErrorCode;
use crate::{App, AppError, now_us};

/// A paired device as shown (never its token).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeviceView {
    /// Device id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The register it is.
    pub register: RegisterRef,
    /// Who paired it (user id).
    pub paired_by: Uuid,
    /// When (RFC 3339).
    pub paired_at: String,
    /// When it was revoked (RFC 3339), if it was.
    pub revoked_at: Option<String>,
}

/// A register named for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RegisterRef {
    /// Register id.
    pub id: Uuid,
    /// Short code (`T1`).
    pub code: String,
    /// Name.
    pub name: String,
}

impl From<&RegisterRow> for RegisterRef {
    fn from(r: &RegisterRow) -> Self {
        RegisterRef {
            id: r.id,
            code: r.code.clone(),
            name: r.name.clone(),
        }
    }
}

/// Pairing this device with a register.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PairDevice {
    /// The register this device is.
    pub register_id: Uuid,
    /// A name to tell devices apart; defaults to the register's name.
    pub name: Option<String>,
}

/// A newly paired device: its token is shown once (browsers get it as a cookie).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PairedDevice {
    /// The device.
    pub device: DeviceView,
    /// The device token (`X-Caisse-Device` header, or the browser's cookie).
    pub token: String,
}

fn view(d: &DeviceRow, register: &RegisterRow) -> DeviceView {
    DeviceView {
        id: d.id,
        name: d.name.clone(),
        register: register.into(),
        paired_by: d.paired_by,
        paired_at: rfc3339(d.paired_at),
        revoked_at: d.revoked_at.map(rfc3339),
    }
}

/// The store's active register, or why not.
pub(crate) async fn active_register(
    app: &App,
    store_id: Uuid,
    register_id: Uuid,
) -> Result<RegisterRow, AppError> {
    let reg = caisse_store::registers::get_register(&app.db, store_id, register_id)
        .await?
        .ok_or(AppError::NotFound("register"))?;
    if !reg.active {
        return Err(AppError::state(
            ErrorCode::RegisterInactive,
            "this register is switched off",
        ));
    }
    Ok(reg)
}

/// Pairs a device with an active register of the store. A manager does it once per device,
/// signed in with their password (a till session cannot pair).
pub async fn pair_device(
    app: &App,
    who: &Principal,
    req: PairDevice,
) -> Result<PairedDevice, AppError> {
    who.require(Permission::RegistersManage)?;
    let reg = active_register(app, who.store_id, req.register_id).await?;
    let name = caisse_core::text::optional_text(req.name.as_deref(), 64)
        .map_err(|e| AppError::field("name", e.to_string()))?
        .unwrap_or_else(|| reg.name.clone());
    let token = new_token("cd_");
    let row = DeviceRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        register_id: reg.id,
        name,
        paired_by: who.user_id,
        paired_at: now_us(),
        revoked_at: None,
        revoked_by: None,
    };
    let mut tx = app.db.begin().await?;
    devices::insert(&mut tx, &row, &token_hash(&token)).await?;
    tx.commit().await?;
    tracing::info!(device_id = %row.id, register = %reg.id, "device paired");
    Ok(PairedDevice {
        device: view(&row, &reg),
        token,
    })
}

/// The store's paired devices (revoked ones too), newest first.
pub async fn list_devices(app: &App, who: &Principal) -> Result<Vec<DeviceView>, AppError> {
    who.require(Permission::RegistersManage)?;
    let registers = caisse_store::registers::list_registers(&app.db, who.store_id).await?;
    let mut out = Vec::new();
    for d in devices::list(&app.db, who.store_id).await? {
        if let Some(reg) = registers.iter().find(|r| r.id == d.register_id) {
            out.push(view(&d, reg));
        }
    }
    Ok(out)
}

/// Revokes a device: its token stops working and the till sessions opened on it end at once.
pub async fn revoke_device(app: &App, who: &Principal, id: Uuid) -> Result<DeviceView, AppError> {
    who.require(Permission::RegistersManage)?;
    let d = devices::get(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("device"))?;
    let now = now_us();
    let mut tx = app.db.begin().await?;
    devices::revoke(&mut tx, d.id, who.user_id, now).await?;
    users::revoke_device_sessions(&mut tx, d.id, now).await?;
    caisse_store::stores::bump_version(&mut tx, who.store_id).await?;
    tx.commit().await?;
    app.sessions.forget_device(d.id);
    tracing::info!(device_id = %d.id, "device revoked");
    let reg = caisse_store::registers::get_register(&app.db, who.store_id, d.register_id)
        .await?
        .ok_or(AppError::NotFound("register"))?;
    let d = devices::get(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("device"))?;
    Ok(view(&d, &reg))
}

/// The paired, unrevoked device a token belongs to; anything else is `device_not_paired`.
pub async fn device_for_token(app: &App, token: Option<&str>) -> Result<DeviceRow, AppError> {
    let token = token.map(str::trim).filter(|t| !t.is_empty());
    let Some(token) = token else {
        return Err(AppError::DeviceNotPaired);
    };
    devices::find_by_token(&app.db, &token_hash(token))
        .await?
        .filter(|d| d.revoked_at.is_none())
        .ok_or(AppError::DeviceNotPaired)
}

/// Who watches a customer display on a paired device when nobody is signed in there: a
/// till-scoped viewer of the device's register, never stored, good for nothing but that.
pub async fn display_viewer(app: &App, device_token: Option<&str>) -> Result<Principal, AppError> {
    let device = device_for_token(app, device_token).await?;
    Ok(Principal {
        user_id: Uuid::nil(),
        store_id: device.store_id,
        role: caisse_core::staff::Role::Cashier,
        session_id: Uuid::nil(),
        scope: SessionScope::Till {
            register_id: device.register_id,
        },
        client: None,
    })
}

/// Someone the till's PIN pad offers: a name and initials, and whether they may approve
/// (the approval dialog lists those); no login, role or lock state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct StaffView {
    /// Opaque staff id, what the PIN sign-in and approvals take.
    pub id: Uuid,
    /// Name shown on the key.
    pub display_name: String,
    /// Initials for the avatar.
    pub initials: String,
    /// Whether this person may approve at the till (a manager's PIN on the spot).
    pub can_approve: bool,
}

/// What a paired till's PIN pad shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StaffList {
    /// The register the device is paired with.
    pub register: RegisterRef,
    /// Active accounts of the store that have a PIN, by display name.
    pub items: Vec<StaffView>,
}

fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let letters: String = match words.as_slice() {
        [] => "?".to_owned(),
        [one] => one.chars().take(2).collect(),
        [first, second, ..] => first
            .chars()
            .take(1)
            .chain(second.chars().take(1))
            .collect(),
    };
    letters.to_uppercase()
}

/// The people who can sign in with a PIN on this device's register: the active accounts of
/// its store that have a PIN, by display name (accents and case ignored). Only a paired
/// device may ask.
pub async fn pin_pad_staff(app: &App, device_token: Option<&str>) -> Result<StaffList, AppError> {
    let device = device_for_token(app, device_token).await?;
    let reg = active_register(app, device.store_id, device.register_id).await?;
    let mut staff: Vec<(String, StaffView)> = users::pin_users(&app.db, device.store_id)
        .await?
        .into_iter()
        .map(|u| {
            let can_approve = stored_role(&u.role)
                .map(|r| r.allows(Permission::PriceOverride))
                .unwrap_or(false);
            let view = StaffView {
                id: u.id,
                initials: initials(&u.display_name),
                display_name: u.display_name,
                can_approve,
            };
            (normalize(&view.display_name), view)
        })
        .collect();
    staff.sort_by(|a, b| (&a.0, a.1.id).cmp(&(&b.0, b.1.id)));
    Ok(StaffList {
        register: (&reg).into(),
        items: staff.into_iter().map(|(_, v)| v).collect(),
    })
}

/// Unlocking someone at the till: who is locked, and the manager's PIN.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TillUnlock {
    /// The device's register.
    pub register_id: Uuid,
    /// The locked person's staff id.
    pub staff_id: Uuid,
    /// The manager's staff id.
    pub approver_id: Uuid,
    /// The manager's PIN.
    pub pin: String,
}

/// A manager unlocks someone at the till with their own PIN: the person's lock at this
/// register ends. The manager must manage that person (owners manage everyone, managers
/// cashiers); their wrong PINs count towards their own lock here. Recorded.
pub async fn unlock_at_till(
    app: &App,
    device_token: Option<&str>,
    req: TillUnlock,
) -> Result<(), AppError> {
    let device = device_for_token(app, device_token).await?;
    if device.register_id != req.register_id {
        return Err(AppError::field(
            "register_id",
            "this device is paired with another register",
        ));
    }
    let reg = active_register(app, device.store_id, device.register_id).await?;
    // The manager acts as at the till: a till session's place and store, not stored.
    let at_till = Principal {
        user_id: Uuid::nil(),
        store_id: device.store_id,
        role: caisse_core::staff::Role::Cashier,
        session_id: Uuid::nil(),
        scope: SessionScope::Till {
            register_id: reg.id,
        },
        client: None,
    };
    let approver_id = super::approve(
        app,
        &at_till,
        Approver::Staff(req.approver_id),
        &req.pin,
        Permission::UsersManage,
    )
    .await?;
    let approver = users::get(&app.db, approver_id).await?;
    let target = users::find(&app.db, req.staff_id)
        .await?
        .filter(|u| u.store_id == device.store_id)
        .ok_or(AppError::NotFound("user"))?;
    managed(stored_role(&approver.role)?, &target)?;
    let mut tx = app.db.begin().await?;
    let place = Place::Register(reg.id).key();
    sign_in::clear_in(&mut tx, &Subject::User(target.id).key(), &place).await?;
    let details = serde_json::json!({ "register_id": reg.id, "at_till": true });
    account_events::insert(
        &mut tx,
        &event(
            device.store_id,
            Some(approver.id),
            target.id,
            "unlocked",
            details,
        ),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user_id = %target.id, approver = %approver.id, "unlocked at the till");
    Ok(())
}

/// Paired devices sort by when they were paired, their name or their register's code.
impl crate::paging::Sortable for DeviceView {
    const KEYS: &'static [&'static str] = &["paired", "name", "register"];
    const DEFAULT: &'static str = "-paired";
    fn compare(key: &str, a: &Self, b: &Self) -> std::cmp::Ordering {
        let when = || {
            crate::paging::instant(&a.paired_at)
                .cmp(&crate::paging::instant(&b.paired_at))
                .then_with(|| a.id.cmp(&b.id))
        };
        match key {
            "name" => normalize(&a.name).cmp(&normalize(&b.name)).then_with(when),
            "register" => a.register.code.cmp(&b.register.code).then_with(when),
            _ => when(),
        }
    }
}
