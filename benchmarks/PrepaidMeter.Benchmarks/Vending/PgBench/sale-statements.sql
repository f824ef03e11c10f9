-- A sale's own statements, in its own two transactions, as the back office sends them on PostgreSQL
-- (read off the server's log_statement=all), run by pgbench's C client with prepared statements: what
-- these statements cost the server with the least client work there is. One account per client
-- (:client_id + 1), as in the load run; pgbench cannot hash, so the server computes the log hash.
\set acc :client_id + 1
SELECT * FROM supply_groups ORDER BY code;
BEGIN;
SELECT pg_advisory_xact_lock_shared(5787210481332998657);
SELECT a.id, a.customer_id, c.number AS customer_number, c.name AS customer_name, a.meter_id, m.number AS meter_number,
       a.price_type_id, a.group_code, a.card_serial, a.purchase_count, a.arrears, a.status, a.version,
       w.operation AS pending_operation, w.operator AS pending_operator, w.created_at AS pending_since,
       (SELECT card_serial FROM tool_cards WHERE kind = 'meter-change' AND meter_number = m.number AND closed_at IS NULL ORDER BY id DESC LIMIT 1) AS open_change_card
  FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id LEFT JOIN card_writes w ON w.account_id = a.id
 WHERE a.card_serial = (SELECT card_serial FROM accounts WHERE id = :acc) AND a.status = 'open' FOR UPDATE OF a \gset
INSERT INTO readings (meter_id, source, loaded_count, remaining, credit_unit, cumulative_energy, status, meter_time, recorded_at, operator)
SELECT m.id, 'returnwrite', :purchase_count, 100, 'energy', 0, 32, 'pgbench ' || :purchase_count, 'now', 'admin' FROM meters m
 WHERE m.number = :meter_number AND NOT EXISTS (SELECT 1 FROM readings r WHERE r.meter_id = m.id AND r.meter_time = 'pgbench ' || :purchase_count AND r.source = 'returnwrite');
SELECT * FROM price_versions WHERE price_type_id = :price_type_id AND effective_from <= '9999' ORDER BY effective_from DESC LIMIT 1 \gset price_
INSERT INTO sales (account_id, meter_id, kind, status, purchase_count, card_serial, credit_unit, credit, energy, money, arrears_collected,
                   price_version_id, replaces_sale_id, operator, created_at)
VALUES (:acc, :meter_id, 'sale', 'pending', :purchase_count + 1, :card_serial, 'energy', 100, 100, 50, 0, :price_id, NULL, 'admin', 'now') RETURNING id AS sale_id \gset
INSERT INTO card_writes (operation, account_id, sale_id, card_serial, previous_image, intended_image, settle, operator, created_at)
SELECT 'sale', :acc, :sale_id, :card_serial, 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF504D0101000186A10000300000000000000000010000000100000002000000000064000013880FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF', 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF504D0101000186A10000300000000000000000010000000100000002000000000064000013880FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF', '{"GroupCode":"100001"}', 'admin', 'now'
 WHERE NOT EXISTS (SELECT 1 FROM card_writes WHERE account_id = :acc)
   AND NOT EXISTS (SELECT 1 FROM card_writes WHERE card_serial = :card_serial AND :card_serial <> 0)
RETURNING id AS write_id \gset
COMMIT;
BEGIN;
SELECT pg_advisory_xact_lock_shared(5787210481332998657);
DELETE FROM card_writes WHERE id = :write_id;
SELECT s.id, s.receipt_no, s.account_id, s.meter_id, c.number AS customer_number, c.name AS customer_name, m.number AS meter_number,
       s.kind, s.status, s.purchase_count, s.card_serial, s.credit_unit, s.credit, s.energy, s.money, s.arrears_collected,
       s.price_version_id, s.replaces_sale_id, s.operator, s.created_at
  FROM sales s JOIN accounts a ON a.id = s.account_id JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = s.meter_id WHERE s.id = :sale_id;
UPDATE accounts SET purchase_count = :purchase_count + 1, arrears = arrears - 0, status = 'open', meter_id = :meter_id, version = version + 1 WHERE id = :acc;
UPDATE site SET next_receipt = next_receipt + 1, log_seq = log_seq + 1 WHERE id = 1 RETURNING next_receipt - 1 AS receipt, log_seq AS seq, log_hash AS prev \gset
INSERT INTO operation_log (seq, at, operator, action, subject, detail, prev_hash, hash)
VALUES (:seq, 'now', 'admin', 'sale', 'account ' || :acc, 'receipt ' || :receipt, :prev, encode(sha256(convert_to(:prev::text || :seq::text, 'UTF8')), 'hex'));
UPDATE site SET log_hash = encode(sha256(convert_to(:prev::text || :seq::text, 'UTF8')), 'hex') WHERE id = 1;
UPDATE sales SET status = 'committed', receipt_no = :receipt, settled_at = 'now' WHERE id = :sale_id;
COMMIT;
