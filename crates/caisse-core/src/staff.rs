//! Employees as the domain sees them: roles, what each may do, sign-in names and PINs.

use serde::{Deserialize, Serialize};

use crate::text::TextError;

pub mod lockout;

/// What an employee is allowed to do, coarsely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the business: everything.
    Owner,
    /// Runs the floor: catalog, staff below manager, approvals.
    Manager,
    /// Sells at the till.
    Cashier,
}

/// One thing an employee may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Create, change, deactivate, import products and categories.
    CatalogWrite,
    /// Read the catalog (search, lookup, list).
    CatalogRead,
    /// Manage staff accounts: create, edit, deactivate, reset passwords and PINs, unlock.
    /// Managers manage cashiers; owners manage everyone (see [`Role::manages`]).
    UsersManage,
    /// Change store settings.
    StoreSettings,
    /// Ring up sales, take payments, cancel an unpaid sale of one's own, void lines.
    Sell,
    /// Refund a sale shown by its receipt.
    Refund,
    /// Refund without a receipt.
    RefundWithoutReceipt,
    /// Change a line's unit price.
    PriceOverride,
    /// Give a discount above the cashier limit.
    LargeDiscount,
    /// Open the drawer without a sale.
    NoSale,
    /// Put cash in or take cash out of the drawer (paid-in, paid-out, drop).
    CashMovement,
    /// Open and close one's own drawer sessions, print the X report of the register one works at.
    Drawer,
    /// Close a drawer session that another person opened.
    CloseOthersDrawer,
    /// Cancel a sale that another person rang up.
    CancelOthersSale,
    /// Read the reports (X, closures) of registers other than the one a till session is for.
    ReportsAllRegisters,
    /// Close a day, month or year (irreversible, store-wide).
    PeriodClose,
    /// Create and configure registers, pair and revoke till devices.
    RegistersManage,
    /// See stock levels, movements and low-stock alerts.
    StockRead,
    /// Adjust stock, set reorder points, the stock policy and locations, acknowledge alerts.
    StockManage,
    /// Manage suppliers and purchase orders, receive deliveries, see restock suggestions.
    Purchasing,
}

/// The one table of who may do what: per permission, whether an owner, a manager and a
/// cashier hold it, and whether a till session (PIN sign-in on one register) may use it.
/// Everything not marked as till work needs a password session.
pub const ROLE_TABLE: [(Permission, [bool; 3], bool); 20] = {
    use Permission as P;
    //                                  owner  manager cashier  till work
    [
        (P::CatalogRead, [true, true, true], true),
        (P::CatalogWrite, [true, true, false], false),
        (P::UsersManage, [true, true, false], false),
        (P::StoreSettings, [true, false, false], false),
        (P::Sell, [true, true, true], true),
        (P::Refund, [true, true, true], true),
        (P::RefundWithoutReceipt, [true, true, false], true),
        (P::PriceOverride, [true, true, false], true),
        (P::LargeDiscount, [true, true, false], true),
        (P::NoSale, [true, true, false], true),
        (P::CashMovement, [true, true, false], true),
        (P::Drawer, [true, true, true], true),
        (P::CloseOthersDrawer, [true, true, false], true),
        (P::CancelOthersSale, [true, true, false], true),
        (P::ReportsAllRegisters, [true, true, false], false),
        (P::PeriodClose, [true, true, false], false),
        (P::RegistersManage, [true, true, false], false),
        (P::StockRead, [true, true, true], true),
        (P::StockManage, [true, true, false], false),
        (P::Purchasing, [true, true, false], false),
    ]
};

impl Permission {
    /// The stable text form the API sends (`catalog_write`): the back office shows a page or
    /// an action only when the signed-in user's list holds its permission.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::CatalogWrite => "catalog_write",
            Permission::CatalogRead => "catalog_read",
            Permission::UsersManage => "users_manage",
            Permission::StoreSettings => "store_settings",
            Permission::Sell => "sell",
            Permission::Refund => "refund",
            Permission::RefundWithoutReceipt => "refund_without_receipt",
            Permission::PriceOverride => "price_override",
            Permission::LargeDiscount => "large_discount",
            Permission::NoSale => "no_sale",
            Permission::CashMovement => "cash_movement",
            Permission::Drawer => "drawer",
            Permission::CloseOthersDrawer => "close_others_drawer",
            Permission::CancelOthersSale => "cancel_others_sale",
            Permission::ReportsAllRegisters => "reports_all_registers",
            Permission::PeriodClose => "period_close",
            Permission::RegistersManage => "registers_manage",
            Permission::StockRead => "stock_read",
            Permission::StockManage => "stock_manage",
            Permission::Purchasing => "purchasing",
        }
    }

    /// Every permission, in [`ROLE_TABLE`] order.
    pub fn all() -> impl Iterator<Item = Permission> {
        ROLE_TABLE.iter().map(|(p, _, _)| *p)
    }

    fn row(self) -> ([bool; 3], bool) {
        ROLE_TABLE
            .iter()
            .find(|(p, _, _)| *p == self)
            .map(|(_, roles, till)| (*roles, *till))
            // Every permission has a row (a test checks it); a missing one grants nothing.
            .unwrap_or(([false; 3], false))
    }

    /// Whether a till session (PIN sign-in on a register) may use this permission.
    pub fn is_till_work(self) -> bool {
        self.row().1
    }
}

impl Role {
    /// Stable text form used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Manager => "manager",
            Role::Cashier => "cashier",
        }
    }

    /// Parses the stable text form.
    pub fn parse(input: &str) -> Result<Role, TextError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "owner" => Ok(Role::Owner),
            "manager" => Ok(Role::Manager),
            "cashier" => Ok(Role::Cashier),
            _ => Err(TextError::NotOneOf {
                allowed: "owner, manager, cashier",
            }),
        }
    }

    /// Whether this role grants the permission (see [`ROLE_TABLE`]).
    pub fn allows(self, permission: Permission) -> bool {
        let column = match self {
            Role::Owner => 0,
            Role::Manager => 1,
            Role::Cashier => 2,
        };
        permission.row().0[column]
    }

    /// Whether someone of this role may manage an account of role `other` (edit, reset,
    /// deactivate, unlock, end sessions): owners manage everyone, managers manage cashiers.
    pub fn manages(self, other: Role) -> bool {
        match self {
            Role::Owner => true,
            Role::Manager => other == Role::Cashier,
            Role::Cashier => false,
        }
    }
}

/// What a session may be used for: a password sign-in works anywhere the role allows; a PIN
/// sign-in at a till works only for till work on that one register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SessionScope {
    /// Signed in with a password: the back office, the API, any register.
    Password,
    /// Signed in with a PIN on a paired till device: till work on this register only.
    Till {
        /// The register the session is for.
        register_id: uuid::Uuid,
    },
}

impl SessionScope {
    /// Whether this session may use the permission at all (the role is checked apart).
    pub fn permits(self, permission: Permission) -> bool {
        match self {
            SessionScope::Password => true,
            SessionScope::Till { .. } => permission.is_till_work(),
        }
    }

    /// The register a till session is for.
    pub fn register(self) -> Option<uuid::Uuid> {
        match self {
            SessionScope::Password => None,
            SessionScope::Till { register_id } => Some(register_id),
        }
    }
}

/// A sign-in name: 2 to 64 of letters, digits, `.`, `_`, `-`, `@` (stored lowercase).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Login(String);

impl Login {
    /// Parses and lowercases a sign-in name.
    pub fn parse(input: &str) -> Result<Login, TextError> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(TextError::Empty);
        }
        if s.chars().count() > 64 {
            return Err(TextError::TooLong { max: 64 });
        }
        if s.chars().count() < 2 {
            return Err(TextError::NotOneOf {
                allowed: "2 to 64 characters",
            });
        }
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@')))
        {
            return Err(TextError::BadCharacter { found: c });
        }
        Ok(Login(s))
    }

    /// The login as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A personal code of 4 to 8 digits for quick sign-in at a till. Never logged or shown.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    /// Parses a PIN: 4 to 8 ASCII digits.
    pub fn parse(input: &str) -> Result<Pin, TextError> {
        let s = input.trim();
        if s.len() < 4 || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TextError::NotOneOf {
                allowed: "4 to 8 digits",
            });
        }
        Ok(Pin(s.to_owned()))
    }

    /// The digits, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the PIN is one of the first a person would guess: one digit repeated
    /// (`0000`), a straight run up or down (`1234`, `4321`, `7890`: a keypad runs on from 9
    /// to 0), or a shorter group repeated (`1212`, `123123`). Outside the demo such PINs are
    /// refused.
    pub fn is_trivial(&self) -> bool {
        let d: Vec<u8> = self.0.bytes().map(|b| b - b'0').collect();
        let steps: Vec<u8> = d.windows(2).map(|w| (w[1] + 10 - w[0]) % 10).collect();
        let run = steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == 9);
        let repeated = (1..=d.len() / 2)
            .filter(|len| d.len().is_multiple_of(*len))
            .any(|len| d.chunks(len).all(|c| c == &d[..len]));
        run || repeated
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pin(****)")
    }
}

/// A password: 4 to 256 characters (demo accounts use short ones; real ones are checked by length).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Parses a password of 4 to 256 characters.
    pub fn parse(input: &str) -> Result<Password, TextError> {
        let n = input.chars().count();
        if n == 0 {
            return Err(TextError::Empty);
        }
        if n > 256 {
            return Err(TextError::TooLong { max: 256 });
        }
        if n < 4 {
            return Err(TextError::NotOneOf {
                allowed: "at least 4 characters",
            });
        }
        Ok(Password(input.to_owned()))
    }

    /// The secret, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(****)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_by_role() {
        let table = [
            (Role::Owner, Permission::CatalogWrite, true),
            (Role::Manager, Permission::CatalogWrite, true),
            (Role::Cashier, Permission::CatalogWrite, false),
            (Role::Cashier, Permission::CatalogRead, true),
            (Role::Cashier, Permission::UsersManage, false),
            (Role::Manager, Permission::StoreSettings, false),
            (Role::Owner, Permission::StoreSettings, true),
            (Role::Cashier, Permission::PeriodClose, false),
            (Role::Manager, Permission::PeriodClose, true),
            (Role::Cashier, Permission::CloseOthersDrawer, false),
            (Role::Cashier, Permission::CancelOthersSale, false),
            (Role::Cashier, Permission::ReportsAllRegisters, false),
            (Role::Manager, Permission::ReportsAllRegisters, true),
        ];
        for (role, perm, expected) in table {
            assert_eq!(role.allows(perm), expected, "{role:?} {perm:?}");
        }
    }

    #[test]
    fn every_permission_has_one_row_in_the_role_table() {
        let all = [
            Permission::CatalogWrite,
            Permission::CatalogRead,
            Permission::UsersManage,
            Permission::StoreSettings,
            Permission::Sell,
            Permission::Refund,
            Permission::RefundWithoutReceipt,
            Permission::PriceOverride,
            Permission::LargeDiscount,
            Permission::NoSale,
            Permission::CashMovement,
            Permission::Drawer,
            Permission::CloseOthersDrawer,
            Permission::CancelOthersSale,
            Permission::ReportsAllRegisters,
            Permission::PeriodClose,
            Permission::RegistersManage,
            Permission::StockRead,
            Permission::StockManage,
            Permission::Purchasing,
        ];
        for p in all {
            let rows = ROLE_TABLE.iter().filter(|(q, _, _)| *q == p).count();
            assert_eq!(rows, 1, "{p:?}");
        }
        assert_eq!(ROLE_TABLE.len(), all.len());
        let names: std::collections::BTreeSet<_> = all.iter().map(|p| p.as_str()).collect();
        assert_eq!(names.len(), all.len(), "every permission has its own name");
        assert_eq!(Permission::all().count(), all.len());
    }

    #[test]
    fn till_sessions_do_till_work_only() {
        let till = SessionScope::Till {
            register_id: uuid::Uuid::nil(),
        };
        for (p, ok) in [
            (Permission::Sell, true),
            (Permission::Drawer, true),
            (Permission::NoSale, true),
            (Permission::CatalogRead, true),
            (Permission::CatalogWrite, false),
            (Permission::UsersManage, false),
            (Permission::PeriodClose, false),
            (Permission::ReportsAllRegisters, false),
            (Permission::RegistersManage, false),
            (Permission::StoreSettings, false),
            (Permission::StockRead, true),
            (Permission::StockManage, false),
        ] {
            assert_eq!(till.permits(p), ok, "{p:?}");
            assert!(SessionScope::Password.permits(p));
        }
    }

    #[test]
    fn owners_manage_everyone_and_managers_manage_cashiers() {
        use Role::*;
        for (who, whom, ok) in [
            (Owner, Owner, true),
            (Owner, Manager, true),
            (Owner, Cashier, true),
            (Manager, Owner, false),
            (Manager, Manager, false),
            (Manager, Cashier, true),
            (Cashier, Cashier, false),
        ] {
            assert_eq!(who.manages(whom), ok, "{who:?} {whom:?}");
        }
    }

    #[test]
    fn pins() {
        for ok in ["1111", "12345678", " 0000 "] {
            assert!(Pin::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "123", "123456789", "12a4", "１２３４"] {
            assert!(Pin::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(format!("{:?}", Pin::parse("1234").unwrap()), "Pin(****)");
    }

    #[test]
    fn trivial_pins_are_told_apart() {
        for trivial in [
            "0000", "1111", "99999999", "1234", "4321", "7890", "0987", "23456789", "1212",
            "123123", "2020",
        ] {
            assert!(Pin::parse(trivial).unwrap().is_trivial(), "{trivial}");
        }
        for fine in [
            "1357", "2468", "4815", "1470", "9402", "13572468", "1123", "2580",
        ] {
            assert!(!Pin::parse(fine).unwrap().is_trivial(), "{fine}");
        }
    }

    #[test]
    fn logins() {
        assert_eq!(Login::parse(" Owner ").unwrap().as_str(), "owner");
        assert_eq!(
            Login::parse("marie.dupont@shop").unwrap().as_str(),
            "marie.dupont@shop"
        );
        for bad in ["", "a", "a b", "x;drop"] {
            assert!(Login::parse(bad).is_err(), "{bad}");
        }
    }
}
