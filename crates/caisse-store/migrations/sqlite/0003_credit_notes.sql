-- Store credit: credit notes issued by completed returns and spent at later sales, and the
-- reversal of a tender taken on an open sale.
--
-- A note's `balance` is a projection of its movements, like stock: every issue, redemption
-- and restoration is an append-only `credit_note_movements` row, and the balance is changed
-- in the same transaction with `balance = balance - $1`, never read and rewritten. The CHECK
-- makes overspending impossible whatever the application does.

CREATE TABLE credit_notes (
    code       TEXT PRIMARY KEY,
    store_id   BLOB NOT NULL REFERENCES stores (id),
    currency   TEXT NOT NULL,
    issued     BIGINT NOT NULL CHECK (issued > 0),
    balance    BIGINT NOT NULL,
    sale_id    BLOB NOT NULL REFERENCES sales (id),
    payment_id BLOB NOT NULL,
    issued_at  BIGINT NOT NULL,
    CONSTRAINT credit_notes_balance_check CHECK (balance >= 0 AND balance <= issued)
);

CREATE TABLE credit_note_movements (
    id            BLOB PRIMARY KEY,
    store_id      BLOB NOT NULL REFERENCES stores (id),
    code          TEXT NOT NULL REFERENCES credit_notes (code),
    kind          TEXT NOT NULL CHECK (kind IN ('issue', 'redeem', 'restore')),
    amount        BIGINT NOT NULL,
    balance_after BIGINT NOT NULL,
    sale_id       BLOB NOT NULL,
    payment_id    BLOB NOT NULL,
    occurred_at   BIGINT NOT NULL
);
CREATE INDEX credit_note_movements_code ON credit_note_movements (code);
CREATE INDEX credit_note_movements_sale ON credit_note_movements (sale_id);

-- A reversal is a new payment row (negative of the one it voids, same kind) naming it.
ALTER TABLE payments ADD COLUMN reverses BLOB;
CREATE UNIQUE INDEX payments_one_reversal ON payments (reverses) WHERE reverses IS NOT NULL;
-- Finding the return that issued a note's code.
CREATE INDEX payments_credit_note ON payments (terminal_ref) WHERE kind = 'store_credit';

CREATE TRIGGER credit_note_movements_no_update BEFORE UPDATE ON credit_note_movements BEGIN SELECT RAISE(ABORT, 'append-only: credit_note_movements'); END;
CREATE TRIGGER credit_note_movements_no_delete BEFORE DELETE ON credit_note_movements BEGIN SELECT RAISE(ABORT, 'append-only: credit_note_movements'); END;
-- A note is never removed, and only its balance changes.
CREATE TRIGGER credit_notes_no_delete BEFORE DELETE ON credit_notes BEGIN SELECT RAISE(ABORT, 'append-only: credit_notes'); END;
CREATE TRIGGER credit_notes_only_balance BEFORE UPDATE OF code, store_id, currency, issued, sale_id, payment_id, issued_at ON credit_notes BEGIN SELECT RAISE(ABORT, 'append-only: credit_notes'); END;
