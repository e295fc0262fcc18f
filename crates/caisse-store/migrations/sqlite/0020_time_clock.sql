-- Time clock and pay (issue 19, steps 3 and 5). Punches are append-only: a manager's
-- correction is a new row that replaces an earlier punch (with another time, or voiding it)
-- and says why; a missed punch added by a manager carries its reason too. The effective punches
-- are those no other row replaces, less the voiding rows themselves.
CREATE TABLE time_punches (
    id          BLOB PRIMARY KEY,
    store_id    BLOB NOT NULL REFERENCES stores (id),
    user_id     BLOB NOT NULL REFERENCES users (id),
    kind        TEXT NOT NULL CHECK (kind IN ('clock_in', 'clock_out', 'break_start', 'break_end')),
    at          BIGINT NOT NULL,
    register_id BLOB REFERENCES registers (id),
    recorded_by BLOB NOT NULL REFERENCES users (id),
    replaces    BLOB REFERENCES time_punches (id),
    voided      BOOLEAN NOT NULL DEFAULT FALSE,
    reason      TEXT,
    created_at  BIGINT NOT NULL,
    CONSTRAINT time_punches_void_replaces CHECK (NOT voided OR replaces IS NOT NULL),
    CONSTRAINT time_punches_correction_reason CHECK (replaces IS NULL OR reason IS NOT NULL)
);
CREATE INDEX time_punches_user_at ON time_punches (store_id, user_id, at);
-- A punch is corrected once; to change it again, correct the correction.
CREATE UNIQUE INDEX time_punches_replaces ON time_punches (replaces);
CREATE TRIGGER time_punches_no_update BEFORE UPDATE ON time_punches BEGIN SELECT RAISE(ABORT, 'append-only: time_punches'); END;
CREATE TRIGGER time_punches_no_delete BEFORE DELETE ON time_punches BEGIN SELECT RAISE(ABORT, 'append-only: time_punches'); END;

-- The store's pay schedule and overtime rules. Weekly and bi-weekly periods run from `anchor`
-- (the first day of one period); week_starts is 0 for Monday to 6 for Sunday; thresholds in
-- seconds (none: no such overtime); the overtime multiplier in percent.
CREATE TABLE pay_settings (
    store_id              BLOB PRIMARY KEY REFERENCES stores (id),
    frequency             TEXT NOT NULL CHECK (frequency IN ('weekly', 'bi_weekly', 'semi_monthly', 'monthly')),
    anchor                TEXT NOT NULL,
    week_starts           INTEGER NOT NULL CHECK (week_starts BETWEEN 0 AND 6),
    daily_threshold_secs  BIGINT CHECK (daily_threshold_secs >= 0),
    weekly_threshold_secs BIGINT CHECK (weekly_threshold_secs >= 0),
    multiplier_percent    INTEGER NOT NULL CHECK (multiplier_percent BETWEEN 100 AND 1000)
);

-- An employee's hourly rate (minor units) and commission (basis points of net sales) from a
-- date on; the rate of a day is the latest one that started on or before it.
CREATE TABLE pay_rates (
    store_id       BLOB NOT NULL REFERENCES stores (id),
    user_id        BLOB NOT NULL REFERENCES users (id),
    effective_from TEXT NOT NULL,
    per_hour       BIGINT NOT NULL CHECK (per_hour >= 0),
    commission_bp  INTEGER NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),
    set_by         BLOB REFERENCES users (id),
    set_at         BIGINT NOT NULL,
    CONSTRAINT pay_rates_pkey PRIMARY KEY (user_id, effective_from)
);
