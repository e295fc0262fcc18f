-- The live stock feed finds recent changes through the movements' primary key (UUID v7 ids
-- are ordered by time), so the index on the levels' time, which cost every sold item one more
-- B-tree write at completion, goes.
DROP INDEX stock_levels_changed;
