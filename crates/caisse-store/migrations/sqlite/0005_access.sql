-- Accounts and access: sessions limited to a register, paired till devices, failures counted
-- per account and place, and an append-only record of account changes.

-- The lock moved to sign_in_failures (per account and place); these columns locked the
-- account everywhere, which let anyone lock anyone out.
ALTER TABLE users DROP COLUMN failed_attempts;
ALTER TABLE users DROP COLUMN locked_until;

-- A till device paired with one register by a manager. Its token is shown once; only the
-- SHA-256 is kept. A revoked device stays listed.
CREATE TABLE devices (
    id          BLOB PRIMARY KEY,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    register_id BLOB NOT NULL REFERENCES registers (id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    paired_by   BLOB NOT NULL REFERENCES users (id),
    paired_at   BIGINT NOT NULL,
    revoked_at  BIGINT,
    revoked_by  BLOB REFERENCES users (id),
    CONSTRAINT devices_token_key UNIQUE (token_hash)
);
CREATE INDEX devices_register ON devices (register_id);

-- `kind` is now `password` or `till`; a till session names its register and device.
ALTER TABLE sessions ADD COLUMN register_id BLOB REFERENCES registers (id);
ALTER TABLE sessions ADD COLUMN device_id BLOB REFERENCES devices (id);
CREATE INDEX sessions_device ON sessions (device_id);

-- Failed sign-ins per (who, where): `subject` is `user:<id>` (or `login:<name>` for a login
-- that does not exist, so unknown and known logins answer alike), `place` is `ip:<address>`
-- or `register:<id>`.
CREATE TABLE sign_in_failures (
    subject         TEXT NOT NULL,
    place           TEXT NOT NULL,
    failures        BIGINT NOT NULL,
    locked_until    BIGINT,
    last_failure_at BIGINT NOT NULL,
    PRIMARY KEY (subject, place)
);

-- Who did what to which account, and when. Never a password or a PIN.
CREATE TABLE account_events (
    id        BLOB PRIMARY KEY,
    store_id  BLOB NOT NULL REFERENCES stores (id),
    at        BIGINT NOT NULL,
    actor_id  BLOB REFERENCES users (id),
    target_id BLOB NOT NULL REFERENCES users (id),
    action    TEXT NOT NULL,
    details   TEXT NOT NULL
);
CREATE INDEX account_events_target ON account_events (target_id, at);
CREATE INDEX account_events_store ON account_events (store_id, at);
CREATE TRIGGER account_events_no_update BEFORE UPDATE ON account_events BEGIN SELECT RAISE(ABORT, 'append-only: account_events'); END;
CREATE TRIGGER account_events_no_delete BEFORE DELETE ON account_events BEGIN SELECT RAISE(ABORT, 'append-only: account_events'); END;
