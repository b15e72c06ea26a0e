-- Tremplin server, version 2: a server that trusts no client
-- (docs/sync-security.md).

-- Who created a row (shared employer data is deleted by its creator or an
-- administrator only), and everyone who could see it before its scope last
-- changed (only they are told to forget it).
ALTER TABLE sync_row
    ADD COLUMN created_by   uuid REFERENCES app_user(id),
    ADD COLUMN former_users uuid[] NOT NULL DEFAULT '{}',
    ADD COLUMN former_dts   text[] NOT NULL DEFAULT '{}';
UPDATE sync_row r SET created_by = c.user_id
  FROM sync_change c
 WHERE c.entity = r.entity AND c.row_id = r.row_id AND c.kind = 'create';

-- One live organisation per SIRET: the push checks it first and names the
-- existing organisation; this index is the backstop.
CREATE UNIQUE INDEX sync_row_siret ON sync_row ((data->>'siret'))
 WHERE entity = 'organisation' AND deleted_at IS NULL AND data->>'siret' IS NOT NULL;

-- Rows about a person, found from the person (their scope follows it).
CREATE INDEX sync_row_person_ref ON sync_row ((data->>'person_id'))
 WHERE entity IN ('aided_contract', 'pairing');
CREATE INDEX sync_row_pairing_ref ON sync_row ((data->>'pairing_id'))
 WHERE entity = 'mentoring_meeting';

-- Mutation ids are unique per account: another account's id is no oracle.
ALTER TABLE sync_mutation DROP CONSTRAINT sync_mutation_pkey;
ALTER TABLE sync_mutation ADD PRIMARY KEY (user_id, mutation_id);
CREATE INDEX sync_mutation_received ON sync_mutation(received_at);

-- A login attempt is written before its password is checked (success
-- NULL while pending): parallel guesses all count.
ALTER TABLE login_attempt ALTER COLUMN success DROP NOT NULL;
DROP INDEX login_attempt_login;
DROP INDEX login_attempt_address;
CREATE INDEX login_attempt_login ON login_attempt(login, at) WHERE success IS NOT TRUE;
CREATE INDEX login_attempt_address ON login_attempt(address, at) WHERE success IS NOT TRUE;
CREATE INDEX login_attempt_at ON login_attempt(at);

-- An account locked after too many failures; an administrator lifts it.
-- Its devices keep syncing.
ALTER TABLE app_user ADD COLUMN locked_at timestamptz;

-- Device tokens expire: idle (last_seen_at) and absolute (expires_at).
ALTER TABLE device ADD COLUMN expires_at timestamptz;
UPDATE device SET expires_at = created_at + interval '365 days' WHERE expires_at IS NULL;
ALTER TABLE device ALTER COLUMN expires_at SET NOT NULL;
