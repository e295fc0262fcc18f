-- The largest cash amount handled at once (change beyond what is due, a float, a paid-in or
-- paid-out), in minor units; NULL: 10,000 units of the store's currency.
ALTER TABLE stores ADD COLUMN cash_limit BIGINT;
