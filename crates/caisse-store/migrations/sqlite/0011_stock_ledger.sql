-- The stock ledger grows up (issue 15, steps 1-2): stock per item per location, movements with
-- a kind (sale, return, receipt, adjustment, count, transfer_out, transfer_in), a reason for
-- adjustments and a unit cost; store totals with reorder points; adjustment documents; low-stock
-- alerts; a per-store negative-stock policy. Quantities stay BIGINT thousandths.

-- Where stock is kept. Every store gets one (the sales floor), which is where its tills sell.
CREATE TABLE stock_locations (
    id         BLOB PRIMARY KEY,
    store_id   BLOB NOT NULL REFERENCES stores (id),
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    CONSTRAINT stock_locations_code UNIQUE (store_id, code)
);
INSERT INTO stock_locations (id, store_id, code, name, active, created_at)
    SELECT randomblob(16), id, 'floor', 'Sales floor', TRUE, created_at FROM stores;

-- The location sales and returns move (NULL only between a store's insert and its location's).
ALTER TABLE stores ADD COLUMN selling_location_id BLOB REFERENCES stock_locations (id);
UPDATE stores SET selling_location_id = (SELECT l.id FROM stock_locations l WHERE l.store_id = stores.id);
-- `allow` (a level may go below zero; the API flags it) or `refuse` (a sale that would take
-- the selling location below zero is refused at completion).
ALTER TABLE stores ADD COLUMN negative_stock TEXT NOT NULL DEFAULT 'allow';

-- Per item and store: the total on hand over every location (a projection like the levels,
-- updated in the same statement order), and the reorder point and order-up-to level.
CREATE TABLE stock_items (
    store_id      BLOB NOT NULL REFERENCES stores (id),
    item_id       BLOB NOT NULL,
    product_id    BLOB NOT NULL REFERENCES products (id),
    on_hand       BIGINT NOT NULL,
    reorder_point BIGINT,
    order_up_to   BIGINT,
    updated_at    BIGINT NOT NULL,
    CONSTRAINT stock_items_pkey PRIMARY KEY (store_id, item_id)
);
INSERT INTO stock_items (store_id, item_id, product_id, on_hand, updated_at)
    SELECT store_id, item_id, product_id, on_hand, updated_at FROM stock_levels;

-- Levels per location: the old levels move to their store's selling location.
CREATE TABLE stock_levels_new (
    store_id    BLOB NOT NULL REFERENCES stores (id),
    location_id BLOB NOT NULL REFERENCES stock_locations (id),
    item_id     BLOB NOT NULL,
    product_id  BLOB NOT NULL REFERENCES products (id),
    on_hand     BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    CONSTRAINT stock_levels_pkey PRIMARY KEY (store_id, location_id, item_id)
);
INSERT INTO stock_levels_new (store_id, location_id, item_id, product_id, on_hand, updated_at)
    SELECT l.store_id, s.selling_location_id, l.item_id, l.product_id, l.on_hand, l.updated_at
    FROM stock_levels l JOIN stores s ON s.id = l.store_id;
DROP TABLE stock_levels;
ALTER TABLE stock_levels_new RENAME TO stock_levels;
CREATE INDEX stock_levels_changed ON stock_levels (store_id, updated_at);

-- Movements: `reason` becomes `kind`; the adjustment reason, the location and the unit cost
-- are new. Rebuilt (SQLite cannot add a NOT NULL column without a default); dropping a table
-- fires none of its triggers, and the append-only triggers are created again below.
CREATE TABLE stock_movements_new (
    id          BLOB PRIMARY KEY,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    location_id BLOB NOT NULL REFERENCES stock_locations (id),
    item_id     BLOB NOT NULL,
    product_id  BLOB NOT NULL REFERENCES products (id),
    kind        TEXT NOT NULL,
    reason      TEXT,
    quantity    BIGINT NOT NULL,
    unit_cost   BIGINT,
    document_id BLOB,
    line_no     INTEGER,
    user_id     BLOB REFERENCES users (id),
    occurred_at BIGINT NOT NULL
);
INSERT INTO stock_movements_new (id, store_id, location_id, item_id, product_id, kind, reason, quantity, unit_cost, document_id, line_no, user_id, occurred_at)
    SELECT m.id, m.store_id, s.selling_location_id, m.item_id, m.product_id, m.reason, NULL, m.quantity, NULL, m.document_id, m.line_no, m.user_id, m.occurred_at
    FROM stock_movements m JOIN stores s ON s.id = m.store_id;
DROP TABLE stock_movements;
ALTER TABLE stock_movements_new RENAME TO stock_movements;
CREATE INDEX stock_movements_item ON stock_movements (store_id, item_id, occurred_at, id);
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements BEGIN SELECT RAISE(ABORT, 'append-only: stock_movements'); END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements BEGIN SELECT RAISE(ABORT, 'append-only: stock_movements'); END;

-- Stock documents other than sales and returns (adjustments today; receipts, counts and
-- transfers later): the header; the lines are its movements (document_id, line_no).
CREATE TABLE stock_documents (
    id          BLOB PRIMARY KEY,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    kind        TEXT NOT NULL,
    location_id BLOB NOT NULL REFERENCES stock_locations (id),
    reason      TEXT,
    note        TEXT,
    user_id     BLOB REFERENCES users (id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX stock_documents_store ON stock_documents (store_id, created_at);
CREATE TRIGGER stock_documents_no_update BEFORE UPDATE ON stock_documents BEGIN SELECT RAISE(ABORT, 'append-only: stock_documents'); END;
CREATE TRIGGER stock_documents_no_delete BEFORE DELETE ON stock_documents BEGIN SELECT RAISE(ABORT, 'append-only: stock_documents'); END;

-- Low-stock alerts: raised when a movement takes an item's store total from above its reorder
-- point to at or below it (in the movement's transaction); a manager acknowledges them.
CREATE TABLE stock_alerts (
    id              BLOB PRIMARY KEY,
    store_id        BLOB NOT NULL REFERENCES stores (id),
    item_id         BLOB NOT NULL,
    product_id      BLOB NOT NULL REFERENCES products (id),
    on_hand         BIGINT NOT NULL,
    reorder_point   BIGINT NOT NULL,
    document_id     BLOB,
    raised_at       BIGINT NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by BLOB REFERENCES users (id)
);
CREATE INDEX stock_alerts_store ON stock_alerts (store_id, raised_at);
