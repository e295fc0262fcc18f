-- What several servers on one database must share: who is alive, the requests still being
-- worked on, and a version per store that every change to its settings, catalog, registers,
-- drawers or staff bumps, so a server's caches can tell they are stale. Depends only on 0001
-- and 0002.

-- The servers working on this database: each heartbeats while it runs. A server that stops
-- heartbeating (killed) is dead, and what it claimed is free again within seconds.
CREATE TABLE server_instances (
    id           BLOB PRIMARY KEY,
    started_at   BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);

-- An Idempotency-Key claimed by a server working on it. A second request with the key, on any
-- server, is answered "still in progress" until the claim ends (answer stored, or given up);
-- a claim whose server is dead may be taken over.
CREATE TABLE idempotency_claims (
    store_id   BLOB NOT NULL REFERENCES stores (id),
    key        TEXT NOT NULL,
    owner      BLOB NOT NULL,
    claimed_at BIGINT NOT NULL,
    CONSTRAINT idempotency_claims_pkey PRIMARY KEY (store_id, key)
);

CREATE TABLE store_versions (
    store_id BLOB PRIMARY KEY REFERENCES stores (id),
    version  BIGINT NOT NULL
);
INSERT INTO store_versions (store_id, version) SELECT id, 1 FROM stores;

-- Live carts are read by register and by the sale a return refunds.
CREATE INDEX open_sales_register ON open_sales (register_id, status);
