-- The least a sale can do under the back office's rules, on its schema, run by pgbench's C client with prepared
-- statements: a durable pending record before the card is written (the account read and locked, the sale
-- inserted, commit), then the settlement (the purchase count moved on; the site's gap-free receipt number and
-- its hash-chained log entry taken in one statement, with the hash computed by the server so that nothing but
-- that statement and the commit runs under the site row's lock; the sale marked committed; commit). It leaves
-- out what the back office does beyond that (the card-write guard, the reading, the price, the re-reads): a
-- ceiling for any client of this design, not a copy of ours. One account per client (:client_id + 1). The entry's
-- prev_hash is left empty (PostgreSQL 15's RETURNING has no old values); the hash it is chained by is computed.
\set acc :client_id + 1
BEGIN;
SELECT meter_id, card_serial, purchase_count FROM accounts WHERE id = :acc FOR UPDATE \gset
INSERT INTO sales (account_id, meter_id, kind, status, purchase_count, card_serial, credit_unit, credit, energy, money, arrears_collected,
                   price_version_id, replaces_sale_id, operator, created_at)
VALUES (:acc, :meter_id, 'sale', 'pending', :purchase_count + 1, :card_serial, 'energy', 100, 100, 50, 0, NULL, NULL, 'admin', 'now') RETURNING id AS sale_id \gset
COMMIT;
BEGIN;
UPDATE accounts SET purchase_count = :purchase_count + 1, version = version + 1 WHERE id = :acc;
WITH taken AS (
    UPDATE site SET next_receipt = next_receipt + 1, log_seq = log_seq + 1,
                    log_hash = encode(sha256(convert_to(log_hash || (log_seq + 1)::text, 'UTF8')), 'hex')
     WHERE id = 1 RETURNING next_receipt - 1 AS receipt, log_seq AS seq, log_hash AS hash),
logged AS (
    INSERT INTO operation_log (seq, at, operator, action, subject, detail, prev_hash, hash)
    SELECT seq, 'now', 'admin', 'sale', 'account ' || :acc, 'receipt ' || receipt, '', hash FROM taken)
UPDATE sales SET status = 'committed', receipt_no = (SELECT receipt FROM taken), settled_at = 'now' WHERE id = :sale_id;
COMMIT;
