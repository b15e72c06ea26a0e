-- Tremplin server, version 5: events and who is invited to them
-- (docs/placement.md « Events »). An invitation is found from its person
-- (its scope follows hers, the purge erases it with her) and from its
-- event (one per person, checked by the push).

DROP INDEX sync_row_person_ref;
CREATE INDEX sync_row_person_ref ON sync_row ((data->>'person_id'))
 WHERE entity IN ('aided_contract', 'pairing', 'erasure_request', 'candidacy', 'hired_person',
                  'event_invitation');
CREATE INDEX sync_row_event_ref ON sync_row ((data->>'event_id'))
 WHERE entity = 'event_invitation';

-- One live invitation per person and event: the push checks it first;
-- this index is the backstop.
CREATE UNIQUE INDEX sync_row_event_invitation ON sync_row ((data->>'event_id'), (data->>'person_id'))
 WHERE entity = 'event_invitation' AND deleted_at IS NULL;
