-- The largest cash amount handled at once (change beyond what is due, a float, a paid-in or
-- paid-out), in minor units; NULL: 10,000 units of the store's currency.
ALTER TABLE stores ADD COLUMN cash_limit BIGINT;

-- What a receipt's head and foot said when the sale completed (store name, address, tax id,
-- register name, footer), so a reprint of an old sale prints what the customer got. One row
-- per distinct content (its id is derived from it); append-only like the sales.
CREATE TABLE receipt_heads (
    id            BLOB PRIMARY KEY,
    store_id      BLOB NOT NULL REFERENCES stores (id),
    store_name    TEXT NOT NULL,
    address       TEXT NOT NULL,
    tax_id        TEXT NOT NULL,
    register_name TEXT NOT NULL,
    footer        TEXT NOT NULL
);
CREATE TRIGGER receipt_heads_no_update BEFORE UPDATE ON receipt_heads BEGIN SELECT RAISE(ABORT, 'append-only: receipt_heads'); END;
CREATE TRIGGER receipt_heads_no_delete BEFORE DELETE ON receipt_heads BEGIN SELECT RAISE(ABORT, 'append-only: receipt_heads'); END;
ALTER TABLE sales ADD COLUMN receipt_head_id BLOB REFERENCES receipt_heads (id);
