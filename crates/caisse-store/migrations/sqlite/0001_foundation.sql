-- Foundation: stores, catalog, accounts. Ids are application-generated UUIDs (16-byte BLOBs
-- here, UUID on PostgreSQL); instants are integer microseconds since the Unix epoch, UTC.

CREATE TABLE stores (
    id              BLOB PRIMARY KEY,
    name            TEXT NOT NULL,
    currency        TEXT NOT NULL,
    locale          TEXT NOT NULL,
    time_zone       TEXT NOT NULL,
    tax_mode        TEXT NOT NULL DEFAULT 'inclusive' CHECK (tax_mode IN ('inclusive', 'exclusive')),
    scale_layout    TEXT NOT NULL DEFAULT 'none',
    day_cutoff_hour INTEGER NOT NULL DEFAULT 4,
    created_at      BIGINT NOT NULL
);

CREATE TABLE categories (
    id         BLOB PRIMARY KEY,
    store_id   BLOB NOT NULL REFERENCES stores (id),
    parent_id  BLOB REFERENCES categories (id),
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX categories_store ON categories (store_id);

CREATE TABLE suppliers (
    id         BLOB PRIMARY KEY,
    store_id   BLOB NOT NULL REFERENCES stores (id),
    name       TEXT NOT NULL,
    email      TEXT,
    phone      TEXT,
    created_at BIGINT NOT NULL,
    CONSTRAINT suppliers_name_key UNIQUE (store_id, name)
);

CREATE TABLE products (
    id             BLOB PRIMARY KEY,
    store_id       BLOB NOT NULL REFERENCES stores (id),
    sku            TEXT NOT NULL,
    name           TEXT NOT NULL,
    brand          TEXT,
    description    TEXT,
    category_id    BLOB REFERENCES categories (id),
    unit           TEXT NOT NULL CHECK (unit IN ('each', 'kg', 'l', 'm')),
    sold_by_weight BOOLEAN NOT NULL,
    price          BIGINT NOT NULL CHECK (price >= 0),
    cost           BIGINT CHECK (cost >= 0),
    tax_category   TEXT NOT NULL,
    supplier_id    BLOB REFERENCES suppliers (id),
    supplier_ref   TEXT,
    active         BOOLEAN NOT NULL,
    search_text    TEXT NOT NULL,
    version        BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    CONSTRAINT products_sku_key UNIQUE (store_id, sku)
);
CREATE INDEX products_store_name ON products (store_id, name);
CREATE INDEX products_category ON products (category_id);

CREATE TABLE variants (
    id         BLOB PRIMARY KEY,
    product_id BLOB NOT NULL REFERENCES products (id),
    store_id   BLOB NOT NULL REFERENCES stores (id),
    position   INTEGER NOT NULL,
    sku        TEXT NOT NULL,
    name       TEXT NOT NULL,
    attributes TEXT NOT NULL,
    price      BIGINT CHECK (price >= 0),
    active     BOOLEAN NOT NULL,
    CONSTRAINT variants_sku_key UNIQUE (store_id, sku)
);
CREATE INDEX variants_product ON variants (product_id);

-- One row per barcode; `code` is the GTIN normalised to 14 digits.
CREATE TABLE barcodes (
    store_id   BLOB NOT NULL REFERENCES stores (id),
    code       TEXT NOT NULL,
    product_id BLOB NOT NULL REFERENCES products (id),
    variant_id BLOB REFERENCES variants (id),
    CONSTRAINT barcodes_pkey PRIMARY KEY (store_id, code)
) WITHOUT ROWID;
CREATE INDEX barcodes_product ON barcodes (product_id);

CREATE TABLE users (
    id              BLOB PRIMARY KEY,
    store_id        BLOB NOT NULL REFERENCES stores (id),
    login           TEXT NOT NULL,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'cashier')),
    password_hash   TEXT NOT NULL,
    pin_hash        TEXT,
    active          BOOLEAN NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    BIGINT,
    created_at      BIGINT NOT NULL,
    CONSTRAINT users_login_key UNIQUE (login)
);

-- Sessions are looked up by the SHA-256 of their token; the token itself is never stored.
CREATE TABLE sessions (
    id         BLOB PRIMARY KEY,
    token_hash TEXT NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    CONSTRAINT sessions_token_key UNIQUE (token_hash)
);
CREATE INDEX sessions_user ON sessions (user_id);
