-- Till screens: quick keys (a grid of keys, by group, for goods without a barcode) and the
-- idle lock of the till. Depends only on 0001 and 0002.

-- Minutes without activity before the till locks and asks for a PIN again (0: never).
ALTER TABLE stores ADD COLUMN pos_lock_minutes BIGINT NOT NULL DEFAULT 5;

-- A store's set of quick keys is replaced whole; `version` grows with each replacement so a
-- back office saving a set it read earlier cannot overwrite someone else's changes.
CREATE TABLE quick_key_sets (
    store_id   BLOB PRIMARY KEY REFERENCES stores (id),
    version    BIGINT NOT NULL CHECK (version >= 0),
    updated_at BIGINT NOT NULL
);

CREATE TABLE quick_key_groups (
    store_id BLOB NOT NULL REFERENCES quick_key_sets (store_id),
    position INTEGER NOT NULL CHECK (position >= 0),
    name     TEXT NOT NULL,
    CONSTRAINT quick_key_groups_pkey PRIMARY KEY (store_id, position)
);

-- `item_id` is what the till sells: a product without variants, or a variant (the catalog
-- keeps both kinds of id apart, so it cannot be a foreign key). A NULL label shows the
-- item's current name.
CREATE TABLE quick_keys (
    store_id       BLOB NOT NULL,
    group_position INTEGER NOT NULL,
    position       INTEGER NOT NULL CHECK (position >= 0),
    item_id        BLOB NOT NULL,
    label          TEXT,
    colour         TEXT NOT NULL,
    CONSTRAINT quick_keys_pkey PRIMARY KEY (store_id, group_position, position),
    CONSTRAINT quick_keys_group_fkey FOREIGN KEY (store_id, group_position)
        REFERENCES quick_key_groups (store_id, position)
);
