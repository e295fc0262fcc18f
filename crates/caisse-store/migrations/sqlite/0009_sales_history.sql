-- Sales history: the back office lists completed sales and returns newest first, filtered by
-- register, cashier or period, a page at a time (keyset on completed_at, id), and opens one
-- sale with its journal entry. Without these a big shop's list would read every sale of the
-- store and sort it. Depends only on 0002.

CREATE INDEX sales_store_completed ON sales (store_id, completed_at, id);
CREATE INDEX sales_register_completed ON sales (register_id, completed_at, id);
CREATE INDEX sales_cashier_completed ON sales (cashier_id, completed_at, id);
CREATE INDEX journal_document ON journal (document_id);
