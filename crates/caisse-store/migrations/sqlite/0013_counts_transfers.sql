-- Counts and transfers (issue 15, steps 5-6). A count is a session kept on the server (a phone
-- that reloads loses nothing): its scans, its lines (counted, and the on-hand at the location
-- when the item was first counted, which the variance is measured against so that sales made
-- during the count are not erased), then a `count` stock document when a manager applies it.
-- A transfer moves stock between locations of a store or between stores: draft lines, sent
-- (`transfer_out` at the source), received by scanning at the destination (`transfer_in` for
-- what arrived, the differences kept per line).

-- Whether cashiers may count (applying stays a manager's action).
ALTER TABLE stores ADD COLUMN cashiers_may_count BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE stock_counts (
    id          BLOB PRIMARY KEY,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    location_id BLOB NOT NULL REFERENCES stock_locations (id),
    scope       TEXT NOT NULL,
    category_id BLOB REFERENCES categories (id),
    blind       BOOLEAN NOT NULL,
    status      TEXT NOT NULL,
    note        TEXT,
    created_by  BLOB NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    closed_by   BLOB REFERENCES users (id),
    closed_at   BIGINT,
    uncounted   TEXT,
    CONSTRAINT stock_counts_scope CHECK (scope IN ('location', 'category', 'items')),
    CONSTRAINT stock_counts_status CHECK (status IN ('open', 'counting', 'applied', 'cancelled')),
    CONSTRAINT stock_counts_uncounted CHECK (uncounted IS NULL OR uncounted IN ('leave', 'zero'))
);
CREATE INDEX stock_counts_store ON stock_counts (store_id, created_at);
-- A stock document's movements (a count's, a transfer's), read back by document.
CREATE INDEX stock_movements_document ON stock_movements (document_id);

-- The items a count of scope `items` is about.
CREATE TABLE stock_count_scope (
    count_id   BLOB NOT NULL REFERENCES stock_counts (id),
    item_id    BLOB NOT NULL,
    product_id BLOB NOT NULL REFERENCES products (id),
    CONSTRAINT stock_count_scope_pkey PRIMARY KEY (count_id, item_id)
);

-- What was counted of each item; `expected` is the location's on-hand when the item was first
-- counted (taken again when a quantity is set: a recount of the whole pile).
CREATE TABLE stock_count_lines (
    count_id   BLOB NOT NULL REFERENCES stock_counts (id),
    item_id    BLOB NOT NULL,
    product_id BLOB NOT NULL REFERENCES products (id),
    counted    BIGINT NOT NULL,
    expected   BIGINT NOT NULL,
    scans      INTEGER NOT NULL,
    first_at   BIGINT NOT NULL,
    last_at    BIGINT NOT NULL,
    CONSTRAINT stock_count_lines_pkey PRIMARY KEY (count_id, item_id)
);

-- Every scan, under the device's key (a scan sent again is not counted twice); the codes that
-- found nothing (or something outside the count) are read from here.
CREATE TABLE stock_count_scans (
    count_id   BLOB NOT NULL REFERENCES stock_counts (id),
    scan_key   TEXT NOT NULL,
    code       TEXT NOT NULL,
    item_id    BLOB,
    mode       TEXT NOT NULL,
    quantity   BIGINT NOT NULL,
    outcome    TEXT NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users (id),
    scanned_at BIGINT NOT NULL,
    CONSTRAINT stock_count_scans_pkey PRIMARY KEY (count_id, scan_key),
    CONSTRAINT stock_count_scans_mode CHECK (mode IN ('add', 'set')),
    CONSTRAINT stock_count_scans_outcome CHECK (outcome IN ('counted', 'unknown', 'invalid', 'out_of_scope'))
);

CREATE TABLE stock_transfers (
    id               BLOB PRIMARY KEY,
    store_id         BLOB NOT NULL REFERENCES stores (id),
    from_location_id BLOB NOT NULL REFERENCES stock_locations (id),
    to_store_id      BLOB NOT NULL REFERENCES stores (id),
    to_location_id   BLOB NOT NULL REFERENCES stock_locations (id),
    status           TEXT NOT NULL,
    note             TEXT,
    created_by       BLOB NOT NULL REFERENCES users (id),
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    sent_by          BLOB REFERENCES users (id),
    sent_at          BIGINT,
    received_by      BLOB REFERENCES users (id),
    received_at      BIGINT,
    receipt_id       BLOB,
    CONSTRAINT stock_transfers_status CHECK (status IN ('draft', 'in_transit', 'received', 'cancelled')),
    CONSTRAINT stock_transfers_places CHECK (from_location_id <> to_location_id)
);
CREATE INDEX stock_transfers_store ON stock_transfers (store_id, created_at);
CREATE INDEX stock_transfers_to_store ON stock_transfers (to_store_id, created_at);

-- A line: the item at the source and the same SKU's item at the destination (the same item
-- within a store), what was sent and, once received, what arrived.
CREATE TABLE stock_transfer_lines (
    transfer_id     BLOB NOT NULL REFERENCES stock_transfers (id),
    line_no         INTEGER NOT NULL,
    item_id         BLOB NOT NULL,
    product_id      BLOB NOT NULL REFERENCES products (id),
    to_item_id      BLOB NOT NULL,
    to_product_id   BLOB NOT NULL REFERENCES products (id),
    quantity        BIGINT NOT NULL,
    unit_cost       BIGINT,
    scanned         BIGINT NOT NULL DEFAULT 0,
    received        BIGINT,
    CONSTRAINT stock_transfer_lines_pkey PRIMARY KEY (transfer_id, line_no),
    CONSTRAINT stock_transfer_lines_item UNIQUE (transfer_id, item_id),
    CONSTRAINT stock_transfer_lines_quantity CHECK (quantity > 0)
);

-- Receiving scans under the device's key; unsent or unknown codes are read from here.
CREATE TABLE stock_transfer_scans (
    transfer_id BLOB NOT NULL REFERENCES stock_transfers (id),
    scan_key    TEXT NOT NULL,
    code        TEXT NOT NULL,
    item_id     BLOB,
    mode        TEXT NOT NULL,
    quantity    BIGINT NOT NULL,
    outcome     TEXT NOT NULL,
    user_id     BLOB NOT NULL REFERENCES users (id),
    scanned_at  BIGINT NOT NULL,
    CONSTRAINT stock_transfer_scans_pkey PRIMARY KEY (transfer_id, scan_key),
    CONSTRAINT stock_transfer_scans_mode CHECK (mode IN ('add', 'set')),
    CONSTRAINT stock_transfer_scans_outcome CHECK (outcome IN ('counted', 'unknown', 'invalid', 'not_sent'))
);
