//! The uniqueness rules of the schema as a type: a refused write says which rule it broke as a
//! [`Constraint`], read from the database's answer here and nowhere else. PostgreSQL names the
//! constraint (or unique index); SQLite lists the columns of the index ("UNIQUE constraint
//! failed: products.store_id, products.sku"). Callers match on the variant, never on text.

/// A uniqueness rule of the schema that a write broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constraint {
    /// A product's SKU is already used in the store (`products_sku_key`).
    ProductSku,
    /// A variant's SKU is already used in the store (`variants_sku_key`).
    VariantSku,
    /// A barcode already finds an item of the store (`barcodes_pkey`).
    Barcode,
    /// A login is already taken (`users_login_key`).
    UserLogin,
    /// A supplier of the store already has this name (`suppliers_name_key`).
    SupplierName,
    /// A register of the store already has this code (`registers_code_key`).
    RegisterCode,
    /// The register's drawer is already open (`drawer_sessions_one_open`).
    OpenDrawer,
    /// A closure of this kind already has this number on the register (`closures_number_key`).
    ClosureNumber,
    /// A closure of this kind already covers this period on the register
    /// (`closures_period_key`).
    ClosurePeriod,
    /// An answer is already stored under this `Idempotency-Key` (`idempotency_keys_pkey`).
    IdempotencyKey,
    /// Any other rule: the constraint's name (PostgreSQL) or the columns (SQLite).
    Other(String),
}

/// Each known rule: its PostgreSQL name and the columns SQLite lists for it.
static KNOWN: [(Constraint, &str, &str); 10] = [
    (
        Constraint::ProductSku,
        "products_sku_key",
        "products.store_id, products.sku",
    ),
    (
        Constraint::VariantSku,
        "variants_sku_key",
        "variants.store_id, variants.sku",
    ),
    (
        Constraint::Barcode,
        "barcodes_pkey",
        "barcodes.store_id, barcodes.code",
    ),
    (Constraint::UserLogin, "users_login_key", "users.login"),
    (
        Constraint::SupplierName,
        "suppliers_name_key",
        "suppliers.store_id, suppliers.name",
    ),
    (
        Constraint::RegisterCode,
        "registers_code_key",
        "registers.store_id, registers.code",
    ),
    (
        Constraint::OpenDrawer,
        "drawer_sessions_one_open",
        "drawer_sessions.register_id",
    ),
    (
        Constraint::ClosureNumber,
        "closures_number_key",
        "closures.register_id, closures.kind, closures.number",
    ),
    (
        Constraint::ClosurePeriod,
        "closures_period_key",
        "closures.register_id, closures.kind, closures.period",
    ),
    (
        Constraint::IdempotencyKey,
        "idempotency_keys_pkey",
        "idempotency_keys.store_id, idempotency_keys.key",
    ),
];

impl Constraint {
    /// The rule PostgreSQL names (a constraint or a unique index).
    pub fn from_postgres(name: &str) -> Constraint {
        KNOWN
            .iter()
            .find(|(_, pg, _)| *pg == name)
            .map_or_else(|| Constraint::Other(name.to_owned()), |(c, _, _)| c.clone())
    }

    /// The rule SQLite's message names by its columns ("UNIQUE constraint failed: t.a, t.b").
    pub fn from_sqlite(message: &str) -> Constraint {
        let columns = message
            .strip_prefix("UNIQUE constraint failed: ")
            .unwrap_or(message);
        KNOWN
            .iter()
            .find(|(_, _, lite)| *lite == columns)
            .map_or_else(
                || Constraint::Other(columns.to_owned()),
                |(c, _, _)| c.clone(),
            )
    }

    /// The rule's name in the PostgreSQL schema (what logs and messages show).
    pub fn name(&self) -> &str {
        match self {
            Constraint::Other(name) => name,
            known => KNOWN
                .iter()
                .find(|(c, _, _)| c == known)
                .map_or("unknown", |(_, pg, _)| pg),
        }
    }

    /// Every named rule with its PostgreSQL name and its SQLite columns (for the tests that
    /// check them against the schema).
    pub fn known() -> impl Iterator<Item = (Constraint, &'static str, &'static str)> {
        KNOWN.iter().cloned()
    }
}

impl std::fmt::Display for Constraint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_name_the_same_rules() {
        for (c, pg, lite) in Constraint::known() {
            assert_eq!(Constraint::from_postgres(pg), c);
            assert_eq!(
                Constraint::from_sqlite(&format!("UNIQUE constraint failed: {lite}")),
                c
            );
            assert_eq!(c.name(), pg);
        }
    }

    #[test]
    fn unknown_rules_keep_their_name() {
        assert_eq!(
            Constraint::from_postgres("sales_receipt_key"),
            Constraint::Other("sales_receipt_key".into())
        );
        assert_eq!(
            Constraint::from_sqlite("UNIQUE constraint failed: other.x"),
            Constraint::Other("other.x".into())
        );
        // A rule whose columns only contain a known rule's is not that rule.
        assert_eq!(
            Constraint::from_sqlite("UNIQUE constraint failed: products.store_id"),
            Constraint::Other("products.store_id".into())
        );
    }
}
