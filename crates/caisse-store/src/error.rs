//! The storage error type: constraint violations are told apart from everything else.

/// What went wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule was broken; `constraint` names it (e.g. `products_sku_key`).
    #[error("conflict on {constraint}")]
    Conflict {
        /// The constraint (PostgreSQL) or the columns (SQLite) that clashed.
        constraint: String,
    },
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A record changed since it was read (its version moved on, or it ended): the write was
    /// refused. Names the record.
    #[error("the {0} changed since it was read")]
    Stale(&'static str),
    /// The database URL could not be understood.
    #[error("bad database URL: {0}")]
    BadUrl(String),
    /// Applying migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The disk did not confirm a commit (fsync failed): the write may not be durable.
    #[error("the database could not make the commit durable: {0}")]
    Durability(std::io::Error),
    /// The database refused to change a record that is append-only (a fiscal document).
    #[error("append-only record: {0}")]
    Immutable(String),
    /// The transaction lost a deadlock or a serialization conflict (PostgreSQL SQLSTATE 40P01,
    /// 40001): nothing of it was kept, and running it again is safe.
    #[error("transaction conflict, run it again: {0}")]
    Transient(sqlx::Error),
    /// A sum or a cast did not fit a 64-bit integer (PostgreSQL SQLSTATE 22003, SQLite's
    /// "integer overflow"): stored amounts too large to add up.
    #[error("number out of range: {0}")]
    OutOfRange(String),
    /// A journal event could not be chained (not an object, a float in it, …).
    #[error("journal event refused: {0}")]
    Journal(#[from] caisse_core::journal::JournalError),
    /// Any other database error.
    #[error("database error: {0}")]
    Db(sqlx::Error),
}

impl StoreError {
    /// Whether the whole transaction may simply be run again (a deadlock or serialization
    /// failure: the database rolled it back).
    pub fn is_transient(&self) -> bool {
        matches!(self, StoreError::Transient(_))
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::RowNotFound = e {
            return StoreError::NotFound;
        }
        if let Some(db) = e.as_database_error()
            && db.is_unique_violation()
        {
            let constraint = db
                .constraint()
                .map(str::to_owned)
                .unwrap_or_else(|| sqlite_constraint_name(db.message()));
            return StoreError::Conflict { constraint };
        }
        if let Some(db) = e.as_database_error()
            && db.code().is_some_and(|c| c == "40P01" || c == "40001")
        {
            return StoreError::Transient(e);
        }
        if let Some(db) = e.as_database_error()
            && (db.code().is_some_and(|c| c == "22003")
                || db.message().contains("integer overflow"))
        {
            return StoreError::OutOfRange(db.message().to_owned());
        }
        if let Some(db) = e.as_database_error()
            && db.message().contains("append-only")
        {
            return StoreError::Immutable(db.message().to_owned());
        }
        StoreError::Db(e)
    }
}

/// SQLite reports "UNIQUE constraint failed: products.store_id, products.sku": map the columns
/// back to the constraint names the PostgreSQL schema uses, so callers see one vocabulary.
fn sqlite_constraint_name(message: &str) -> String {
    let cols = message.rsplit(": ").next().unwrap_or(message);
    let table = cols.split('.').next().unwrap_or("");
    let known = [
        ("products", "sku", "products_sku_key"),
        ("variants", "sku", "variants_sku_key"),
        ("barcodes", "code", "barcodes_pkey"),
        ("users", "login", "users_login_key"),
        ("suppliers", "name", "suppliers_name_key"),
        ("sessions", "token_hash", "sessions_token_key"),
        ("idempotency_keys", "key", "idempotency_keys_pkey"),
    ];
    known
        .iter()
        .find(|(t, c, _)| *t == table && cols.contains(&format!("{t}.{c}")))
        .map(|(_, _, name)| (*name).to_owned())
        .unwrap_or_else(|| cols.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_messages_map_to_constraint_names() {
        assert_eq!(
            sqlite_constraint_name("UNIQUE constraint failed: products.store_id, products.sku"),
            "products_sku_key"
        );
        assert_eq!(
            sqlite_constraint_name("UNIQUE constraint failed: barcodes.store_id, barcodes.code"),
            "barcodes_pkey"
        );
        assert_eq!(
            sqlite_constraint_name(
                "UNIQUE constraint failed: idempotency_keys.store_id, idempotency_keys.key"
            ),
            "idempotency_keys_pkey"
        );
        assert_eq!(
            sqlite_constraint_name("UNIQUE constraint failed: other.x"),
            "other.x"
        );
    }
}
