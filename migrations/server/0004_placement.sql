-- Tremplin server, version 4: candidates put forward and hires
-- (docs/placement.md). Rows about a person are found from the person
-- (their scope follows hers, the purge erases them with her); a need's
-- candidacies from the need (the server counts them for every device).

DROP INDEX sync_row_person_ref;
CREATE INDEX sync_row_person_ref ON sync_row ((data->>'person_id'))
 WHERE entity IN ('aided_contract', 'pairing', 'erasure_request', 'candidacy', 'hired_person');
CREATE INDEX sync_row_need_ref ON sync_row ((data->>'need_id'))
 WHERE entity = 'candidacy';

-- One live candidacy per person and need: the push checks it first; this
-- index is the backstop.
CREATE UNIQUE INDEX sync_row_candidacy ON sync_row ((data->>'need_id'), (data->>'person_id'))
 WHERE entity = 'candidacy' AND deleted_at IS NULL;
