-- Checkout: registers, drawer sessions, open carts, completed sales, payments, stock ledger,
-- the fiscal journal, closures, idempotency and the event outbox. Amounts are BIGINT minor
-- units; quantities BIGINT thousandths (1.250 kg = 1250); rates BIGINT ten-thousandths of a
-- percent (5.5 % = 55000); instants BIGINT microseconds since the epoch, UTC.

ALTER TABLE stores ADD COLUMN tax_scope TEXT NOT NULL DEFAULT 'per_line';
ALTER TABLE stores ADD COLUMN cash_rounding BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stores ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE stores ADD COLUMN tax_id TEXT NOT NULL DEFAULT '';
ALTER TABLE stores ADD COLUMN receipt_footer TEXT NOT NULL DEFAULT '';
ALTER TABLE stores ADD COLUMN cashier_discount_limit BIGINT NOT NULL DEFAULT 100000;

-- One or more rates per tax category (a US city sale carries state and city tax).
CREATE TABLE tax_rates (
    store_id BLOB NOT NULL REFERENCES stores (id),
    category TEXT NOT NULL,
    code     TEXT NOT NULL,
    label    TEXT NOT NULL,
    rate_e4  BIGINT NOT NULL CHECK (rate_e4 >= 0),
    position INTEGER NOT NULL,
    CONSTRAINT tax_rates_pkey PRIMARY KEY (store_id, category, code)
);

CREATE TABLE registers (
    id            BLOB PRIMARY KEY,
    store_id      BLOB NOT NULL REFERENCES stores (id),
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    printer       TEXT,
    receipt_width INTEGER NOT NULL DEFAULT 42,
    active        BOOLEAN NOT NULL,
    created_at    BIGINT NOT NULL,
    CONSTRAINT registers_code_key UNIQUE (store_id, code)
);

-- The running counters of a register: journal chain head, gap-free document numbers and the
-- perpetual grand total. Updated in the same transaction as the record they number.
CREATE TABLE register_counters (
    register_id     BLOB PRIMARY KEY REFERENCES registers (id),
    journal_seq     BIGINT NOT NULL,
    journal_hash    TEXT NOT NULL,
    sale_seq        BIGINT NOT NULL,
    z_seq           BIGINT NOT NULL,
    perpetual_total BIGINT NOT NULL
);

CREATE TABLE drawer_sessions (
    id            BLOB PRIMARY KEY,
    store_id      BLOB NOT NULL REFERENCES stores (id),
    register_id   BLOB NOT NULL REFERENCES registers (id),
    status        TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened_by     BLOB NOT NULL REFERENCES users (id),
    opened_at     BIGINT NOT NULL,
    opening_float BIGINT NOT NULL CHECK (opening_float >= 0),
    closed_by     BLOB REFERENCES users (id),
    closed_at     BIGINT,
    counted       BIGINT,
    expected      BIGINT,
    z_number      BIGINT
);
-- At most one open drawer per register.
CREATE UNIQUE INDEX drawer_sessions_one_open ON drawer_sessions (register_id) WHERE status = 'open';

-- Append-only: opening, paid-in, paid-out, drop, no-sale, closing.
CREATE TABLE drawer_events (
    id          BLOB PRIMARY KEY,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    register_id BLOB NOT NULL REFERENCES registers (id),
    session_id  BLOB NOT NULL REFERENCES drawer_sessions (id),
    kind        TEXT NOT NULL CHECK (kind IN ('open', 'paid_in', 'paid_out', 'drop', 'no_sale', 'close')),
    amount      BIGINT NOT NULL,
    reason      TEXT,
    detail      TEXT,
    user_id     BLOB NOT NULL REFERENCES users (id),
    approved_by BLOB REFERENCES users (id),
    occurred_at BIGINT NOT NULL,
    journal_seq BIGINT NOT NULL
);
CREATE INDEX drawer_events_session ON drawer_events (session_id);

-- Carts being rung up or parked. Not fiscal: the state is a JSON document rewritten as the
-- cashier works; `version` only grows, so a late write never overwrites a newer one.
CREATE TABLE open_sales (
    id          BLOB PRIMARY KEY,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    register_id BLOB NOT NULL REFERENCES registers (id),
    status      TEXT NOT NULL CHECK (status IN ('open', 'parked', 'completed', 'cancelled')),
    state       TEXT NOT NULL,
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX open_sales_store_status ON open_sales (store_id, status);

-- Completed and cancelled sales and returns (append-only). `number` is gap-free per register.
CREATE TABLE sales (
    id               BLOB PRIMARY KEY,
    store_id         BLOB NOT NULL REFERENCES stores (id),
    register_id      BLOB NOT NULL REFERENCES registers (id),
    session_id       BLOB NOT NULL REFERENCES drawer_sessions (id),
    number           BIGINT NOT NULL,
    receipt_number   TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
    status           TEXT NOT NULL CHECK (status IN ('completed', 'cancelled')),
    original_sale_id BLOB REFERENCES sales (id),
    cashier_id       BLOB NOT NULL REFERENCES users (id),
    approved_by      BLOB REFERENCES users (id),
    currency         TEXT NOT NULL,
    tax_mode         TEXT NOT NULL,
    tax_scope        TEXT NOT NULL,
    tax_exempt_ref   TEXT,
    subtotal         BIGINT NOT NULL,
    discount_total   BIGINT NOT NULL,
    net_total        BIGINT NOT NULL,
    tax_total        BIGINT NOT NULL,
    total            BIGINT NOT NULL,
    rounding         BIGINT NOT NULL,
    paid             BIGINT NOT NULL,
    change_given     BIGINT NOT NULL,
    discount_reason  TEXT,
    sale_discount    TEXT,
    business_date    TEXT NOT NULL,
    opened_at        BIGINT NOT NULL,
    completed_at     BIGINT NOT NULL,
    journal_seq      BIGINT NOT NULL,
    CONSTRAINT sales_number_key UNIQUE (register_id, number),
    CONSTRAINT sales_receipt_key UNIQUE (store_id, receipt_number)
);
CREATE INDEX sales_store_date ON sales (store_id, business_date);
CREATE INDEX sales_session ON sales (session_id);
CREATE INDEX sales_original ON sales (original_sale_id);

CREATE TABLE sale_lines (
    sale_id          BLOB NOT NULL REFERENCES sales (id),
    line_no          INTEGER NOT NULL,
    item_id          BLOB,
    product_id       BLOB,
    variant_id       BLOB,
    sku              TEXT NOT NULL,
    description      TEXT NOT NULL,
    unit             TEXT NOT NULL,
    tax_category     TEXT NOT NULL,
    quantity         BIGINT NOT NULL,
    unit_price       BIGINT NOT NULL,
    price_override   BIGINT,
    base             BIGINT NOT NULL,
    line_discount    BIGINT NOT NULL,
    sale_discount    BIGINT NOT NULL,
    amount           BIGINT NOT NULL,
    net              BIGINT NOT NULL,
    tax              BIGINT NOT NULL,
    total            BIGINT NOT NULL,
    discount         TEXT,
    discount_reason  TEXT,
    voided           BOOLEAN NOT NULL,
    approved_by      BLOB REFERENCES users (id),
    original_line_no INTEGER,
    scanned_code     TEXT,
    lot              TEXT,
    expiry           TEXT,
    serial           TEXT,
    CONSTRAINT sale_lines_pkey PRIMARY KEY (sale_id, line_no)
);

CREATE TABLE sale_taxes (
    sale_id  BLOB NOT NULL REFERENCES sales (id),
    code     TEXT NOT NULL,
    label    TEXT NOT NULL,
    rate_e4  BIGINT NOT NULL,
    base     BIGINT NOT NULL,
    tax      BIGINT NOT NULL,
    gross    BIGINT NOT NULL,
    CONSTRAINT sale_taxes_pkey PRIMARY KEY (sale_id, code)
);

-- Tenders (append-only). A card payment is written when the terminal approves it, before the
-- sale completes, so `sale_id` is the cart's id and has no foreign key. Never a card number:
-- brand, last four digits, authorisation code and the terminal's reference only.
CREATE TABLE payments (
    id              BLOB PRIMARY KEY,
    store_id        BLOB NOT NULL REFERENCES stores (id),
    sale_id         BLOB NOT NULL,
    kind            TEXT NOT NULL,
    amount          BIGINT NOT NULL,
    tendered        BIGINT NOT NULL,
    card_brand      TEXT,
    card_last4      TEXT,
    auth_code       TEXT,
    terminal_ref    TEXT,
    idempotency_key TEXT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX payments_sale ON payments (sale_id);

CREATE TABLE stock_levels (
    store_id   BLOB NOT NULL REFERENCES stores (id),
    item_id    BLOB NOT NULL,
    product_id BLOB NOT NULL REFERENCES products (id),
    on_hand    BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT stock_levels_pkey PRIMARY KEY (store_id, item_id)
);

CREATE TABLE stock_movements (
    id          BLOB PRIMARY KEY,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    item_id     BLOB NOT NULL,
    product_id  BLOB NOT NULL REFERENCES products (id),
    quantity    BIGINT NOT NULL,
    reason      TEXT NOT NULL,
    document_id BLOB,
    line_no     INTEGER,
    user_id     BLOB REFERENCES users (id),
    occurred_at BIGINT NOT NULL
);
CREATE INDEX stock_movements_item ON stock_movements (store_id, item_id);

-- The fiscal journal: one hash chain per register (see caisse-core's `journal`).
CREATE TABLE journal (
    register_id BLOB NOT NULL REFERENCES registers (id),
    seq         BIGINT NOT NULL,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    kind        TEXT NOT NULL,
    document_id BLOB,
    occurred_at BIGINT NOT NULL,
    payload     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    CONSTRAINT journal_pkey PRIMARY KEY (register_id, seq)
);

-- Z (per drawer session), daily, monthly and yearly closures with period and perpetual totals.
CREATE TABLE closures (
    id              BLOB PRIMARY KEY,
    store_id        BLOB NOT NULL REFERENCES stores (id),
    register_id     BLOB NOT NULL REFERENCES registers (id),
    kind            TEXT NOT NULL CHECK (kind IN ('z', 'day', 'month', 'year')),
    number          BIGINT NOT NULL,
    period          TEXT NOT NULL,
    period_total    BIGINT NOT NULL,
    perpetual_total BIGINT NOT NULL,
    report          TEXT NOT NULL,
    created_by      BLOB REFERENCES users (id),
    created_at      BIGINT NOT NULL,
    journal_seq     BIGINT NOT NULL,
    CONSTRAINT closures_number_key UNIQUE (register_id, kind, number),
    CONSTRAINT closures_period_key UNIQUE (register_id, kind, period)
);

CREATE TABLE receipt_prints (
    id         BLOB PRIMARY KEY,
    store_id   BLOB NOT NULL REFERENCES stores (id),
    sale_id    BLOB NOT NULL REFERENCES sales (id),
    copy       INTEGER NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users (id),
    printed_at BIGINT NOT NULL,
    journal_seq BIGINT NOT NULL,
    CONSTRAINT receipt_prints_copy_key UNIQUE (sale_id, copy)
);

-- Requests a terminal may retry (complete, payment, refund): the stored answer to a key.
CREATE TABLE idempotency_keys (
    store_id     BLOB NOT NULL REFERENCES stores (id),
    key          TEXT NOT NULL,
    scope        TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    response     TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (store_id, key)
);

-- Events for webhooks and integrations, written in the transaction that caused them.
CREATE TABLE outbox (
    id           BLOB PRIMARY KEY,
    store_id     BLOB NOT NULL REFERENCES stores (id),
    topic        TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    delivered_at BIGINT
);
CREATE INDEX outbox_pending ON outbox (created_at) WHERE delivered_at IS NULL;

-- Fiscal records are append-only: the database itself refuses to change or remove them.
CREATE TRIGGER drawer_events_no_update BEFORE UPDATE ON drawer_events BEGIN SELECT RAISE(ABORT, 'append-only: drawer_events'); END;
CREATE TRIGGER drawer_events_no_delete BEFORE DELETE ON drawer_events BEGIN SELECT RAISE(ABORT, 'append-only: drawer_events'); END;
CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales BEGIN SELECT RAISE(ABORT, 'append-only: sales'); END;
CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales BEGIN SELECT RAISE(ABORT, 'append-only: sales'); END;
CREATE TRIGGER sale_lines_no_update BEFORE UPDATE ON sale_lines BEGIN SELECT RAISE(ABORT, 'append-only: sale_lines'); END;
CREATE TRIGGER sale_lines_no_delete BEFORE DELETE ON sale_lines BEGIN SELECT RAISE(ABORT, 'append-only: sale_lines'); END;
CREATE TRIGGER sale_taxes_no_update BEFORE UPDATE ON sale_taxes BEGIN SELECT RAISE(ABORT, 'append-only: sale_taxes'); END;
CREATE TRIGGER sale_taxes_no_delete BEFORE DELETE ON sale_taxes BEGIN SELECT RAISE(ABORT, 'append-only: sale_taxes'); END;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN SELECT RAISE(ABORT, 'append-only: payments'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN SELECT RAISE(ABORT, 'append-only: payments'); END;
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements BEGIN SELECT RAISE(ABORT, 'append-only: stock_movements'); END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements BEGIN SELECT RAISE(ABORT, 'append-only: stock_movements'); END;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'append-only: journal'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'append-only: journal'); END;
CREATE TRIGGER closures_no_update BEFORE UPDATE ON closures BEGIN SELECT RAISE(ABORT, 'append-only: closures'); END;
CREATE TRIGGER closures_no_delete BEFORE DELETE ON closures BEGIN SELECT RAISE(ABORT, 'append-only: closures'); END;
CREATE TRIGGER receipt_prints_no_update BEFORE UPDATE ON receipt_prints BEGIN SELECT RAISE(ABORT, 'append-only: receipt_prints'); END;
CREATE TRIGGER receipt_prints_no_delete BEFORE DELETE ON receipt_prints BEGIN SELECT RAISE(ABORT, 'append-only: receipt_prints'); END;
