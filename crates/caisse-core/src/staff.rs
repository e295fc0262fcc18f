//! Employees as the domain sees them: roles, what each may do, sign-in names and PINs.

use serde::{Deserialize, Serialize};

use crate::text::TextError;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Create, change, deactivate, import products and categories.
    CatalogWrite,
    /// Read the catalog (search, lookup, list).
    CatalogRead,
    /// Create users and change roles.
    UsersManage,
    /// Change store settings.
    StoreSettings,
    /// Ring up sales, take payments, cancel an unpaid sale, void lines.
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
    /// Open and close drawer sessions, print X and Z reports.
    Drawer,
    /// Create and configure registers.
    RegistersManage,
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

    /// Whether this role grants the permission.
    pub fn allows(self, permission: Permission) -> bool {
        match permission {
            Permission::CatalogRead => true,
            Permission::CatalogWrite | Permission::UsersManage => {
                matches!(self, Role::Owner | Role::Manager)
            }
            Permission::StoreSettings => self == Role::Owner,
            Permission::Sell | Permission::Refund | Permission::Drawer => true,
            Permission::RefundWithoutReceipt
            | Permission::PriceOverride
            | Permission::LargeDiscount
            | Permission::NoSale
            | Permission::CashMovement
            | Permission::RegistersManage => matches!(self, Role::Owner | Role::Manager),
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
        ];
        for (role, perm, expected) in table {
            assert_eq!(role.allows(perm), expected, "{role:?} {perm:?}");
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
