-- The stock ledger grows up (issue 15, steps 1-2): stock per item per location, movements with
-- a kind (sale, return, receipt, adjustment, count, transfer_out, transfer_in), a reason for
-- adjustments and a unit cost; store totals with reorder points; adjustment documents; low-stock
-- alerts; a per-store negative-stock policy. Quantities stay BIGINT thousandths.

-- Where stock is kept. Every store gets one (the sales floor), which is where its tills sell.
CREATE TABLE stock_locations (
    id         UUID PRIMARY KEY,
    store_id   UUID NOT NULL REFERENCES stores (id),
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    CONSTRAINT stock_locations_code UNIQUE (store_id, code)
);
INSERT INTO stock_locations (id, store_id, code, name, active, created_at)
    SELECT gen_random_uuid(), id, 'floor', 'Sales floor', TRUE, created_at FROM stores;

-- The location sales and returns move (NULL only between a store's insert and its location's).
ALTER TABLE stores ADD COLUMN selling_location_id UUID REFERENCES stock_locations (id);
UPDATE stores s SET selling_location_id = l.id FROM stock_locations l WHERE l.store_id = s.id;
-- `allow` (a level may go below zero; the API flags it) or `refuse` (a sale that would take
-- the selling location below zero is refused at completion).
ALTER TABLE stores ADD COLUMN negative_stock TEXT NOT NULL DEFAULT 'allow';

-- Per item and store: the total on hand over every location (a projection like the levels,
-- updated in the same statement order), and the reorder point and order-up-to level.
CREATE TABLE stock_items (
    store_id      UUID NOT NULL REFERENCES stores (id),
    item_id       UUID NOT NULL,
    product_id    UUID NOT NULL REFERENCES products (id),
    on_hand       BIGINT NOT NULL,
    reorder_point BIGINT,
    order_up_to   BIGINT,
    updated_at    BIGINT NOT NULL,
    CONSTRAINT stock_items_pkey PRIMARY KEY (store_id, item_id)
);
INSERT INTO stock_items (store_id, item_id, product_id, on_hand, updated_at)
    SELECT store_id, item_id, product_id, on_hand, updated_at FROM stock_levels;

-- Levels per location: the old levels move to their store's selling location.
ALTER TABLE stock_levels ADD COLUMN location_id UUID REFERENCES stock_locations (id);
UPDATE stock_levels l SET location_id = s.selling_location_id FROM stores s WHERE s.id = l.store_id;
ALTER TABLE stock_levels ALTER COLUMN location_id SET NOT NULL;
ALTER TABLE stock_levels DROP CONSTRAINT stock_levels_pkey;
ALTER TABLE stock_levels ADD CONSTRAINT stock_levels_pkey PRIMARY KEY (store_id, location_id, item_id);
CREATE INDEX stock_levels_changed ON stock_levels (store_id, updated_at);

-- Movements: `reason` becomes `kind`; the adjustment reason, the location and the unit cost
-- are new. The append-only trigger is off only while this migration fills the location.
ALTER TABLE stock_movements DISABLE TRIGGER stock_movements_append_only;
ALTER TABLE stock_movements RENAME COLUMN reason TO kind;
ALTER TABLE stock_movements ADD COLUMN reason TEXT;
ALTER TABLE stock_movements ADD COLUMN unit_cost BIGINT;
ALTER TABLE stock_movements ADD COLUMN location_id UUID REFERENCES stock_locations (id);
UPDATE stock_movements m SET location_id = s.selling_location_id FROM stores s WHERE s.id = m.store_id;
ALTER TABLE stock_movements ALTER COLUMN location_id SET NOT NULL;
ALTER TABLE stock_movements ENABLE TRIGGER stock_movements_append_only;
DROP INDEX stock_movements_item;
CREATE INDEX stock_movements_item ON stock_movements (store_id, item_id, occurred_at, id);

-- Stock documents other than sales and returns (adjustments today; receipts, counts and
-- transfers later): the header; the lines are its movements (document_id, line_no).
CREATE TABLE stock_documents (
    id          UUID PRIMARY KEY,
    store_id    UUID NOT NULL REFERENCES stores (id),
    kind        TEXT NOT NULL,
    location_id UUID NOT NULL REFERENCES stock_locations (id),
    reason      TEXT,
    note        TEXT,
    user_id     UUID REFERENCES users (id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX stock_documents_store ON stock_documents (store_id, created_at);
CREATE TRIGGER stock_documents_append_only BEFORE UPDATE OR DELETE ON stock_documents FOR EACH ROW EXECUTE FUNCTION caisse_append_only();
CREATE TRIGGER stock_documents_no_truncate BEFORE TRUNCATE ON stock_documents FOR EACH STATEMENT EXECUTE FUNCTION caisse_append_only();

-- Low-stock alerts: raised when a movement takes an item's store total from above its reorder
-- point to at or below it (in the movement's transaction); a manager acknowledges them.
CREATE TABLE stock_alerts (
    id              UUID PRIMARY KEY,
    store_id        UUID NOT NULL REFERENCES stores (id),
    item_id         UUID NOT NULL,
    product_id      UUID NOT NULL REFERENCES products (id),
    on_hand         BIGINT NOT NULL,
    reorder_point   BIGINT NOT NULL,
    document_id     UUID,
    raised_at       BIGINT NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by UUID REFERENCES users (id)
);
CREATE INDEX stock_alerts_store ON stock_alerts (store_id, raised_at);
