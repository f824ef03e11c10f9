namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// The schema, as numbered steps applied in order and recorded in schema_version. A released step is
/// never edited: a change is a new step. SQL is portable (no AUTOINCREMENT, no SQLite-only types) so
/// a server provider can run the same steps; "{id}" is the dialect's identity column.
/// Amounts are integer hundredths (BIGINT), times ISO-8601 UTC text, flags 0/1 integers.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Name, string Sql)> Steps =
    [
        (1, "back office", """
            CREATE TABLE site (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                station_number TEXT NOT NULL,
                station_name TEXT NOT NULL,
                management_unit TEXT NOT NULL,
                registration_code TEXT NOT NULL,
                licence_groups INTEGER NOT NULL,
                default_reader TEXT NOT NULL,
                next_receipt BIGINT NOT NULL,
                next_card_serial BIGINT NOT NULL,
                next_customer BIGINT NOT NULL
            );
            CREATE TABLE roles (
                name TEXT PRIMARY KEY,
                permissions TEXT NOT NULL
            );
            CREATE TABLE operators (
                id {id},
                login TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL REFERENCES roles(name),
                password_hash TEXT NOT NULL,
                password_salt TEXT NOT NULL,
                password_iterations INTEGER NOT NULL,
                failed_logins INTEGER NOT NULL,
                locked INTEGER NOT NULL,
                disabled INTEGER NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE TABLE supply_groups (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                secret TEXT NOT NULL,
                meter_model TEXT NOT NULL,
                layout TEXT NOT NULL,
                credit_unit TEXT NOT NULL,
                purchase_limit BIGINT NOT NULL,
                preset BIGINT NOT NULL,
                alarm1 BIGINT NOT NULL,
                alarm2 BIGINT NOT NULL,
                overdraft BIGINT NOT NULL,
                power_limit_watts BIGINT NOT NULL
            );
            CREATE TABLE price_types (
                id {id},
                group_code TEXT NOT NULL REFERENCES supply_groups(code),
                name TEXT NOT NULL,
                preferential INTEGER NOT NULL,
                deleted INTEGER NOT NULL,
                UNIQUE (group_code, name)
            );
            CREATE TABLE price_versions (
                id {id},
                price_type_id BIGINT NOT NULL REFERENCES price_types(id),
                effective_from TEXT NOT NULL,
                definition TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                corrected_from TEXT
            );
            CREATE INDEX price_versions_by_type ON price_versions(price_type_id, effective_from);
            CREATE TABLE customers (
                id {id},
                number BIGINT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                contact TEXT NOT NULL,
                address TEXT NOT NULL,
                region TEXT NOT NULL,
                line TEXT NOT NULL,
                transformer_area TEXT NOT NULL,
                category TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE INDEX customers_by_name ON customers(name);
            CREATE TABLE meters (
                id {id},
                number TEXT NOT NULL UNIQUE,
                group_code TEXT NOT NULL REFERENCES supply_groups(code),
                model TEXT NOT NULL,
                status TEXT NOT NULL,
                stocked_at TEXT NOT NULL
            );
            CREATE TABLE meter_history (
                id {id},
                meter_id BIGINT NOT NULL REFERENCES meters(id),
                at TEXT NOT NULL,
                event TEXT NOT NULL,
                detail TEXT NOT NULL,
                operator TEXT NOT NULL
            );
            CREATE INDEX meter_history_by_meter ON meter_history(meter_id, id);
            CREATE TABLE accounts (
                id {id},
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                meter_id BIGINT NOT NULL REFERENCES meters(id),
                price_type_id BIGINT NOT NULL REFERENCES price_types(id),
                group_code TEXT NOT NULL REFERENCES supply_groups(code),
                card_serial BIGINT NOT NULL,
                purchase_count BIGINT NOT NULL,
                arrears BIGINT NOT NULL,
                status TEXT NOT NULL,
                opened_at TEXT NOT NULL,
                version BIGINT NOT NULL
            );
            CREATE INDEX accounts_by_customer ON accounts(customer_id);
            CREATE INDEX accounts_by_meter ON accounts(meter_id);
            CREATE TABLE sales (
                id {id},
                receipt_no BIGINT UNIQUE,
                account_id BIGINT NOT NULL REFERENCES accounts(id),
                meter_id BIGINT NOT NULL REFERENCES meters(id),
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                purchase_count BIGINT NOT NULL,
                card_serial BIGINT NOT NULL,
                credit_unit TEXT NOT NULL,
                credit BIGINT NOT NULL,
                energy BIGINT NOT NULL,
                money BIGINT NOT NULL,
                arrears_collected BIGINT NOT NULL,
                price_version_id BIGINT REFERENCES price_versions(id),
                replaces_sale_id BIGINT REFERENCES sales(id),
                operator TEXT NOT NULL,
                created_at TEXT NOT NULL,
                settled_at TEXT
            );
            CREATE INDEX sales_by_account ON sales(account_id, purchase_count);
            CREATE INDEX sales_by_time ON sales(created_at);
            CREATE TABLE card_writes (
                id {id},
                operation TEXT NOT NULL,
                account_id BIGINT REFERENCES accounts(id),
                sale_id BIGINT REFERENCES sales(id),
                card_serial BIGINT NOT NULL,
                previous_image TEXT NOT NULL,
                intended_image TEXT NOT NULL,
                settle TEXT NOT NULL,
                operator TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE TABLE readings (
                id {id},
                meter_id BIGINT NOT NULL REFERENCES meters(id),
                source TEXT NOT NULL,
                loaded_count BIGINT NOT NULL,
                remaining BIGINT NOT NULL,
                credit_unit TEXT NOT NULL,
                cumulative_energy BIGINT NOT NULL,
                status BIGINT NOT NULL,
                meter_time TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                operator TEXT NOT NULL,
                UNIQUE (meter_id, meter_time, source)
            );
            CREATE TABLE reissues (
                id {id},
                account_id BIGINT NOT NULL REFERENCES accounts(id),
                old_serial BIGINT NOT NULL,
                new_serial BIGINT NOT NULL,
                purchase_count BIGINT NOT NULL,
                reason TEXT NOT NULL,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE TABLE meter_changes (
                id {id},
                account_id BIGINT NOT NULL REFERENCES accounts(id),
                old_meter_id BIGINT NOT NULL REFERENCES meters(id),
                new_meter_id BIGINT NOT NULL REFERENCES meters(id),
                transferred BIGINT NOT NULL,
                preset BIGINT NOT NULL,
                credited BIGINT NOT NULL,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE TABLE tool_cards (
                id {id},
                kind TEXT NOT NULL,
                group_code TEXT NOT NULL REFERENCES supply_groups(code),
                meter_number TEXT NOT NULL,
                card_serial BIGINT NOT NULL,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE TABLE operation_log (
                seq BIGINT PRIMARY KEY,
                at TEXT NOT NULL,
                operator TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                detail TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE TABLE log_checkpoint (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                seq BIGINT NOT NULL,
                hash TEXT NOT NULL
            );
            """),
        (2, "sale look-ups by index", """
            CREATE INDEX sales_by_account_time ON sales(account_id, created_at);
            CREATE INDEX accounts_by_card ON accounts(card_serial);
            CREATE INDEX readings_by_meter_time ON readings(meter_id, meter_time);
            CREATE INDEX card_writes_by_account ON card_writes(account_id);
            CREATE INDEX card_writes_by_serial ON card_writes(card_serial);
            """),
        (3, "meter changes open until completed or their card recycled", """
            ALTER TABLE tool_cards ADD COLUMN closed_at TEXT;
            CREATE INDEX tool_cards_by_meter ON tool_cards(meter_number, kind);
            """),
        (4, "reports: arrears charges as ledger lines, branch summary meters, report indexes", """
            CREATE TABLE account_charges (
                id {id},
                account_id BIGINT NOT NULL REFERENCES accounts(id),
                amount BIGINT NOT NULL,
                reason TEXT NOT NULL,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX account_charges_by_account ON account_charges(account_id, at);
            CREATE TABLE branch_meters (
                id {id},
                branch_kind TEXT NOT NULL,
                branch TEXT NOT NULL,
                number TEXT NOT NULL UNIQUE,
                UNIQUE (branch_kind, branch)
            );
            CREATE TABLE branch_readings (
                id {id},
                branch_meter_id BIGINT NOT NULL REFERENCES branch_meters(id),
                at TEXT NOT NULL,
                cumulative_energy BIGINT NOT NULL,
                UNIQUE (branch_meter_id, at)
            );
            CREATE INDEX customers_by_line ON customers(line);
            CREATE INDEX customers_by_transformer_area ON customers(transformer_area);
            CREATE INDEX reissues_by_time ON reissues(at);
            CREATE INDEX meter_history_by_time ON meter_history(at);
            CREATE INDEX readings_by_time ON readings(meter_time, meter_id, cumulative_energy);
            DROP INDEX sales_by_time;
            CREATE INDEX sales_by_time ON sales(created_at, account_id, status, kind);
            """),
        (5, "payment partners and their payments; one card write in progress per account", """
            CREATE TABLE partners (
                id {id},
                name TEXT NOT NULL UNIQUE,
                key_hash TEXT NOT NULL UNIQUE,
                disabled INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL
            );
            CREATE TABLE payments (
                id {id},
                partner_id BIGINT NOT NULL REFERENCES partners(id),
                idempotency_key TEXT NOT NULL,
                account_id BIGINT NOT NULL REFERENCES accounts(id),
                amount BIGINT NOT NULL,
                reference TEXT NOT NULL,
                status TEXT NOT NULL,
                received_at TEXT NOT NULL,
                applied_sale_id BIGINT REFERENCES sales(id),
                applied_at TEXT,
                UNIQUE (partner_id, idempotency_key)
            );
            CREATE INDEX payments_by_account ON payments(account_id, status);
            CREATE INDEX payments_by_sale ON payments(applied_sale_id);
            DROP INDEX card_writes_by_account;
            CREATE UNIQUE INDEX card_writes_by_account ON card_writes(account_id);
            """),
        (6, "the operation log's head kept in the site row", """
            ALTER TABLE site ADD COLUMN log_seq BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE site ADD COLUMN log_hash TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';
            UPDATE site SET
                log_seq = COALESCE((SELECT MAX(seq) FROM operation_log), (SELECT seq FROM log_checkpoint WHERE id = 1), 0),
                log_hash = COALESCE((SELECT hash FROM operation_log ORDER BY seq DESC LIMIT 1), (SELECT hash FROM log_checkpoint WHERE id = 1),
                                    '0000000000000000000000000000000000000000000000000000000000000000');
            """),
        (7, "a partner's ceiling on one payment (NULL: none)", """
            ALTER TABLE partners ADD COLUMN max_amount BIGINT;
            """),
        (8, "the books audited as a whole: keyed chain, covered rows, signed checkpoint, recovery code", """
            ALTER TABLE operation_log ADD COLUMN covers TEXT;
            ALTER TABLE operation_log ADD COLUMN mac TEXT;
            ALTER TABLE log_checkpoint ADD COLUMN at TEXT;
            ALTER TABLE log_checkpoint ADD COLUMN signature TEXT;
            ALTER TABLE site ADD COLUMN audit_key_id TEXT;
            ALTER TABLE site ADD COLUMN audit_public_key TEXT;
            ALTER TABLE site ADD COLUMN keyed_from BIGINT;
            ALTER TABLE site ADD COLUMN recovery_code TEXT;
            """),
        (9, "a vendor's card layout kept whole with its group (NULL: a shipped layout, named by its id)", """
            ALTER TABLE supply_groups ADD COLUMN layout_text TEXT;
            """),
        // NULL in both for a group made before: electricity, or water where its credit is volume (GroupRow.MeterType),
        // so the rows' digests stay as they were (RowDigest leaves nulls out).
        (10, "a supply group's meter type (仪表类型) and sub-meter number (子表号, distinct within the site)", """
            ALTER TABLE supply_groups ADD COLUMN utility TEXT;
            ALTER TABLE supply_groups ADD COLUMN sub_meter INTEGER;
            CREATE UNIQUE INDEX supply_groups_by_sub_meter ON supply_groups(sub_meter);
            """),
        // NULL for a summary meter added before: electricity, as every one then was. Not audited (line loss, no money).
        // A line has an electricity summary meter and a water main both: the branch's key gains the utility. SQLite cannot
        // drop a table's UNIQUE, so each engine says how ({branch-key-by-utility}, VendingDatabase.BranchKeyByUtility).
        (11, "a branch summary meter's utility (NULL: electricity): a water or gas main sums the water or gas meters of its branch", """
            {branch-key-by-utility}
            CREATE UNIQUE INDEX branch_meters_by_branch ON branch_meters(branch_kind, branch, (COALESCE(utility, 'electricity')));
            """),
        // A centralised reading round (集中抄表): who polled which meters over which line, and which were silent or refused.
        // Audited (AuditedTable.ReadingRounds): the books' word on which meters did not answer. The readings it took go into
        // readings, source 'link', as a card's do.
        (12, "reading rounds over the meter link: the round, its scope, its counts, its silent and refused meters", """
            CREATE TABLE reading_rounds (
                id {id},
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                operator TEXT NOT NULL,
                scope_kind TEXT NOT NULL,
                scope TEXT NOT NULL,
                port TEXT NOT NULL,
                polled BIGINT NOT NULL,
                answered BIGINT NOT NULL,
                stored BIGINT NOT NULL,
                silent TEXT NOT NULL,
                refused TEXT NOT NULL
            );
            CREATE INDEX reading_rounds_by_time ON reading_rounds(started_at);
            """),
        // NULL in both account columns for every account before: its card carries its own customer's number, it was never
        // transferred, so the rows' digests stay as they were (RowDigest leaves nulls out).
        (13, "account transfer (过户): the premises change hands, the meter and its card go on under the new customer's account", """
            ALTER TABLE accounts ADD COLUMN card_customer BIGINT;
            ALTER TABLE accounts ADD COLUMN transferred_to BIGINT;
            CREATE TABLE account_transfers (
                id {id},
                from_account_id BIGINT NOT NULL REFERENCES accounts(id),
                to_account_id BIGINT NOT NULL REFERENCES accounts(id),
                meter_id BIGINT NOT NULL REFERENCES meters(id),
                card_serial BIGINT NOT NULL,
                purchase_count BIGINT NOT NULL,
                arrears_kept BIGINT NOT NULL,
                credit_unit TEXT NOT NULL,
                remaining BIGINT,
                reason TEXT NOT NULL,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX account_transfers_by_from ON account_transfers(from_account_id);
            CREATE INDEX account_transfers_by_to ON account_transfers(to_account_id);
            CREATE INDEX account_transfers_by_time ON account_transfers(at);
            """),
        // Amendments (docs/vending.md, "Amendments", "Closing an account"): all three tables audited. A power type change names the type the account leaves and
        // the one it takes from a day on; a capacity change the watts its set card wrote into the account's meter.
        (14, "amendments: an account's power type changes (dated), contracted capacity changes (each with its set card), closings and the site's rule for a closed meter's credit (NULL: refund)", """
            CREATE TABLE power_type_changes (
                id {id},
                account_id BIGINT NOT NULL REFERENCES accounts(id),
                from_price_type_id BIGINT NOT NULL REFERENCES price_types(id),
                price_type_id BIGINT NOT NULL REFERENCES price_types(id),
                effective_from TEXT NOT NULL,
                reason TEXT NOT NULL,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX power_type_changes_by_account ON power_type_changes(account_id, effective_from);
            CREATE INDEX power_type_changes_by_type ON power_type_changes(price_type_id);
            CREATE TABLE capacity_changes (
                id {id},
                account_id BIGINT NOT NULL REFERENCES accounts(id),
                meter_id BIGINT NOT NULL REFERENCES meters(id),
                previous_watts BIGINT NOT NULL,
                watts BIGINT NOT NULL,
                card_serial BIGINT NOT NULL,
                reason TEXT NOT NULL,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX capacity_changes_by_account ON capacity_changes(account_id, id);
            ALTER TABLE site ADD COLUMN closing_credit TEXT;
            CREATE TABLE closings (
                id {id},
                account_id BIGINT NOT NULL UNIQUE REFERENCES accounts(id),
                meter_id BIGINT NOT NULL REFERENCES meters(id),
                reading_id BIGINT NOT NULL REFERENCES readings(id),
                credit_unit TEXT NOT NULL,
                remaining BIGINT NOT NULL,
                credit_value BIGINT NOT NULL,
                rule TEXT NOT NULL,
                arrears_set BIGINT NOT NULL,
                refunded BIGINT NOT NULL,
                sale_id BIGINT REFERENCES sales(id),
                card_serial BIGINT NOT NULL,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX closings_by_time ON closings(at);
            """),
        // Audited (AuditedTable.ToleranceUses): the evidence an error-tolerance sale stood on is copied here from the
        // reading (readings are not audited), so an edit of the reading afterwards does not change what was relied on.
        (15, "error-tolerance sales and card resets for selling (容错售电, 重置售电), with their evidence and reason", """
            CREATE TABLE tolerance_uses (
                id {id},
                kind TEXT NOT NULL,
                account_id BIGINT NOT NULL REFERENCES accounts(id),
                sale_id BIGINT REFERENCES sales(id),
                card_serial BIGINT NOT NULL,
                purchase_count BIGINT NOT NULL,
                evidence TEXT NOT NULL,
                reading_source TEXT,
                reading_loaded BIGINT,
                reading_time TEXT,
                finding TEXT NOT NULL,
                reason TEXT NOT NULL,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX tolerance_uses_by_time ON tolerance_uses(at);
            CREATE INDEX tolerance_uses_by_account ON tolerance_uses(account_id);
            """),
        // All three audited (AuditedTable): a template's tax lines set what an invoice says was tax, a list decides what a
        // customer may be filed under, a port names the reader a counter writes cards with.
        (16, "the site's set-up: its lists (系统字典), receipt and invoice templates (发票格式), named readers and ports (端口设置)", """
            CREATE TABLE dictionary_entries (
                id {id},
                list_kind TEXT NOT NULL,
                name TEXT NOT NULL,
                retired INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (list_kind, name)
            );
            CREATE TABLE invoice_templates (
                id {id},
                kind TEXT NOT NULL,
                version INTEGER NOT NULL,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                UNIQUE (kind, version)
            );
            CREATE TABLE ports (
                id {id},
                name TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                device TEXT NOT NULL,
                baud INTEGER,
                frame TEXT,
                changed_at TEXT NOT NULL,
                changed_by TEXT NOT NULL
            );
            """),
        // All three audited (AuditedTable): a split decides what each sharer of a meter is charged at which price, and a
        // sale's shares are what its receipt and the takings by price type say each paid for. A split is the set of shares
        // one change made; a change with no shares ends the split. A sale's shares are written pending with it and covered
        // by its settlement, as the sale row is.
        (17, "proportion of energy consuming (用电比例): a meter's energy split among customers and price types, and each sale's shares", """
            CREATE TABLE account_splits (
                id {id},
                account_id BIGINT NOT NULL REFERENCES accounts(id),
                reason TEXT NOT NULL,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX account_splits_by_account ON account_splits(account_id, id);
            CREATE TABLE split_shares (
                id {id},
                split_id BIGINT NOT NULL REFERENCES account_splits(id),
                position INTEGER NOT NULL,
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                price_type_id BIGINT NOT NULL REFERENCES price_types(id),
                basis_points INTEGER NOT NULL,
                UNIQUE (split_id, position)
            );
            CREATE TABLE sale_shares (
                id {id},
                sale_id BIGINT NOT NULL REFERENCES sales(id),
                split_id BIGINT NOT NULL REFERENCES account_splits(id),
                position INTEGER NOT NULL,
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                price_type_id BIGINT NOT NULL REFERENCES price_types(id),
                price_version_id BIGINT NOT NULL REFERENCES price_versions(id),
                basis_points INTEGER NOT NULL,
                energy BIGINT NOT NULL,
                money BIGINT NOT NULL,
                UNIQUE (sale_id, position)
            );
            CREATE INDEX sale_shares_by_customer ON sale_shares(customer_id, price_type_id);
            """),
        // Keypad tokens (STS, IEC 62055-41; issue 28). A group's medium (NULL: card, as every group made before). Its token
        // keys, one row per key revision and base date, the vending key kept as the maintenance code is (never shown, never
        // logged). A token account's meter (DRN, the key it holds, its last token identifier) and every token issued, each
        // with the sale or management act it belongs to. All three audited (AuditedTable). The books' own guards, not only the
        // account row's lock: an open meter's (IIN, DRN) is one account's (closed_at NULL while its account is open), and a
        // token identifier is issued once per account and key (a key change section carries none).
        (18, "keypad tokens: a group's medium, its token keys, a token account's meter and the tokens issued to it", """
            ALTER TABLE supply_groups ADD COLUMN medium TEXT;
            CREATE TABLE token_keys (
                id {id},
                group_code TEXT NOT NULL REFERENCES supply_groups(code),
                key_revision INTEGER NOT NULL,
                key_type INTEGER NOT NULL,
                tariff_index INTEGER NOT NULL,
                key_expiry INTEGER NOT NULL,
                base_date INTEGER NOT NULL,
                algorithm INTEGER NOT NULL,
                dkga INTEGER NOT NULL,
                vending_key TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                UNIQUE (group_code, key_revision, base_date)
            );
            CREATE TABLE token_meters (
                id {id},
                account_id BIGINT NOT NULL UNIQUE REFERENCES accounts(id),
                iin TEXT NOT NULL,
                drn TEXT NOT NULL,
                key_id BIGINT NOT NULL REFERENCES token_keys(id),
                last_tid BIGINT,
                closed_at TEXT
            );
            CREATE INDEX token_meters_by_drn ON token_meters(iin, drn);
            CREATE UNIQUE INDEX token_meters_open_drn ON token_meters(iin, drn) WHERE closed_at IS NULL;
            CREATE TABLE tokens (
                id {id},
                account_id BIGINT NOT NULL REFERENCES accounts(id),
                sale_id BIGINT REFERENCES sales(id),
                kind TEXT NOT NULL,
                token TEXT NOT NULL,
                tid BIGINT,
                key_id BIGINT NOT NULL REFERENCES token_keys(id),
                units BIGINT,
                reason TEXT,
                operator TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX tokens_by_account ON tokens(account_id, id);
            CREATE INDEX tokens_by_sale ON tokens(sale_id);
            CREATE UNIQUE INDEX tokens_tid_once ON tokens(account_id, key_id, tid) WHERE tid IS NOT NULL;
            """),
    ];
}
