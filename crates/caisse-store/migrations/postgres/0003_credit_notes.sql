-- Store credit: credit notes issued by completed returns and spent at later sales, and the
-- reversal of a tender taken on an open sale.
--
-- A note's `balance` is a projection of its movements, like stock: every issue, redemption
-- and restoration is an append-only `credit_note_movements` row, and the balance is changed
-- in the same transaction with `balance = balance - $1`, never read and rewritten. The CHECK
-- makes overspending impossible whatever the application does; redemptions lock the note's
-- row (SELECT … FOR UPDATE) so concurrent tills take turns.

CREATE TABLE credit_notes (
    code       TEXT PRIMARY KEY,
    store_id   UUID NOT NULL REFERENCES stores (id),
    currency   TEXT NOT NULL,
    issued     BIGINT NOT NULL CHECK (issued > 0),
    balance    BIGINT NOT NULL,
    sale_id    UUID NOT NULL REFERENCES sales (id),
    payment_id UUID NOT NULL,
    issued_at  BIGINT NOT NULL,
    CONSTRAINT credit_notes_balance_check CHECK (balance >= 0 AND balance <= issued)
);

CREATE TABLE credit_note_movements (
    id            UUID PRIMARY KEY,
    store_id      UUID NOT NULL REFERENCES stores (id),
    code          TEXT NOT NULL REFERENCES credit_notes (code),
    kind          TEXT NOT NULL CHECK (kind IN ('issue', 'redeem', 'restore')),
    amount        BIGINT NOT NULL,
    balance_after BIGINT NOT NULL,
    sale_id       UUID NOT NULL,
    payment_id    UUID NOT NULL,
    occurred_at   BIGINT NOT NULL
);
CREATE INDEX credit_note_movements_code ON credit_note_movements (code);
CREATE INDEX credit_note_movements_sale ON credit_note_movements (sale_id);

-- A reversal is a new payment row (negative of the one it voids, same kind) naming it.
ALTER TABLE payments ADD COLUMN reverses UUID;
CREATE UNIQUE INDEX payments_one_reversal ON payments (reverses) WHERE reverses IS NOT NULL;
-- Finding the return that issued a note's code.
CREATE INDEX payments_credit_note ON payments (terminal_ref) WHERE kind = 'store_credit';

CREATE TRIGGER credit_note_movements_append_only BEFORE UPDATE OR DELETE ON credit_note_movements FOR EACH ROW EXECUTE FUNCTION caisse_append_only();
CREATE TRIGGER credit_note_movements_no_truncate BEFORE TRUNCATE ON credit_note_movements FOR EACH STATEMENT EXECUTE FUNCTION caisse_append_only();

-- A note is never removed, and only its balance changes.
CREATE FUNCTION caisse_credit_note_balance_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (NEW.code, NEW.store_id, NEW.currency, NEW.issued, NEW.sale_id, NEW.payment_id, NEW.issued_at)
        IS DISTINCT FROM (OLD.code, OLD.store_id, OLD.currency, OLD.issued, OLD.sale_id, OLD.payment_id, OLD.issued_at) THEN
        RAISE EXCEPTION 'append-only: %', TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER credit_notes_balance_only BEFORE UPDATE OR DELETE ON credit_notes FOR EACH ROW EXECUTE FUNCTION caisse_credit_note_balance_only();
CREATE TRIGGER credit_notes_no_truncate BEFORE TRUNCATE ON credit_notes FOR EACH STATEMENT EXECUTE FUNCTION caisse_append_only();
