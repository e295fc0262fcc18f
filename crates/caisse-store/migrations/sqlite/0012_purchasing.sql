-- Purchasing (issue 15, steps 3-4): suppliers grow a code, a contact, a lead time, a minimum
-- order, a currency and an active flag, and list what they supply (their reference, cost, pack
-- size, whether they are the item's preferred supplier); purchase orders with their lines;
-- receiving sessions kept in the database (a phone that reloads loses nothing); the store's
-- purchasing settings (who may receive, safety stock, review period, the PO counter); and an
-- index on the movements for reading a time window of a store (restock suggestions).

ALTER TABLE suppliers ADD COLUMN code TEXT;
ALTER TABLE suppliers ADD COLUMN contact TEXT;
ALTER TABLE suppliers ADD COLUMN lead_time_days INTEGER NOT NULL DEFAULT 7;
ALTER TABLE suppliers ADD COLUMN min_order BIGINT NOT NULL DEFAULT 0;
ALTER TABLE suppliers ADD COLUMN currency TEXT;
ALTER TABLE suppliers ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE suppliers ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
UPDATE suppliers SET updated_at = created_at;
CREATE UNIQUE INDEX suppliers_code_key ON suppliers (store_id, code);

-- What a supplier supplies: quantities (pack size) in thousandths, cost in minor units per
-- unit. At most one preferred supplier per item (the partial unique index).
CREATE TABLE supplier_items (
    store_id     BLOB NOT NULL REFERENCES stores (id),
    supplier_id  BLOB NOT NULL REFERENCES suppliers (id),
    item_id      BLOB NOT NULL,
    product_id   BLOB NOT NULL REFERENCES products (id),
    supplier_ref TEXT,
    unit_cost    BIGINT NOT NULL CHECK (unit_cost >= 0),
    pack_size    BIGINT CHECK (pack_size > 0),
    preferred    BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at   BIGINT NOT NULL,
    CONSTRAINT supplier_items_pkey PRIMARY KEY (supplier_id, item_id)
);
CREATE INDEX supplier_items_item ON supplier_items (store_id, item_id);
CREATE UNIQUE INDEX supplier_items_one_preferred ON supplier_items (store_id, item_id) WHERE preferred;

CREATE TABLE purchasing_settings (
    store_id             BLOB PRIMARY KEY REFERENCES stores (id),
    cashiers_may_receive BOOLEAN NOT NULL DEFAULT FALSE,
    safety_days          INTEGER NOT NULL DEFAULT 7,
    review_days          INTEGER NOT NULL DEFAULT 7,
    service_level        TEXT,
    last_po_number       BIGINT NOT NULL DEFAULT 0
);

-- draft -> sent -> partially_received -> received -> closed; draft or sent -> cancelled.
CREATE TABLE purchase_orders (
    id          BLOB PRIMARY KEY,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    number      TEXT NOT NULL,
    supplier_id BLOB NOT NULL REFERENCES suppliers (id),
    status      TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'partially_received', 'received', 'closed', 'cancelled')),
    currency    TEXT NOT NULL,
    location_id BLOB NOT NULL REFERENCES stock_locations (id),
    note        TEXT,
    created_by  BLOB REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    sent_at     BIGINT,
    version     BIGINT NOT NULL,
    CONSTRAINT purchase_orders_number_key UNIQUE (store_id, number)
);
CREATE INDEX purchase_orders_store ON purchase_orders (store_id, created_at);

-- Quantities in thousandths; `received` grows with each confirmed receipt.
CREATE TABLE purchase_order_lines (
    po_id      BLOB NOT NULL REFERENCES purchase_orders (id),
    line_no    INTEGER NOT NULL,
    store_id   BLOB NOT NULL REFERENCES stores (id),
    item_id    BLOB NOT NULL,
    product_id BLOB NOT NULL REFERENCES products (id),
    quantity   BIGINT NOT NULL CHECK (quantity > 0),
    unit_cost  BIGINT NOT NULL CHECK (unit_cost >= 0),
    received   BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT purchase_order_lines_pkey PRIMARY KEY (po_id, line_no)
);
CREATE UNIQUE INDEX purchase_order_lines_item ON purchase_order_lines (po_id, item_id);
CREATE INDEX purchase_order_lines_store_item ON purchase_order_lines (store_id, item_id);

-- A receiving session: what has been scanned so far against a PO. One open session per PO.
CREATE TABLE receiving_sessions (
    id          BLOB PRIMARY KEY,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    po_id       BLOB NOT NULL REFERENCES purchase_orders (id),
    location_id BLOB NOT NULL REFERENCES stock_locations (id),
    status      TEXT NOT NULL CHECK (status IN ('open', 'confirmed')),
    user_id     BLOB REFERENCES users (id),
    document_id BLOB,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX receiving_sessions_one_open ON receiving_sessions (po_id) WHERE status = 'open';

-- Counted per item (ordered or not); `line_no` is the PO line the item is on, if any.
CREATE TABLE receiving_counts (
    session_id BLOB NOT NULL REFERENCES receiving_sessions (id),
    item_id    BLOB NOT NULL,
    product_id BLOB NOT NULL REFERENCES products (id),
    line_no    INTEGER,
    counted    BIGINT NOT NULL,
    last_at    BIGINT NOT NULL,
    CONSTRAINT receiving_counts_pkey PRIMARY KEY (session_id, item_id)
);

-- Codes scanned that found no item.
CREATE TABLE receiving_unknown (
    session_id BLOB NOT NULL REFERENCES receiving_sessions (id),
    code       TEXT NOT NULL,
    scans      INTEGER NOT NULL,
    last_at    BIGINT NOT NULL,
    CONSTRAINT receiving_unknown_pkey PRIMARY KEY (session_id, code)
);

-- Restock suggestions read one time window of a store's movements: this index serves that
-- range scan and holds what it reads.
CREATE INDEX stock_movements_window ON stock_movements (store_id, occurred_at, item_id, kind, quantity);

-- The moving weighted average cost of each item in the store (receipts update it).
ALTER TABLE stock_items ADD COLUMN avg_cost BIGINT;
