-- Tremplin server, version 6: what the event and grand-projet rules look up
-- on every push that touches them (docs/sync-security.md): an event's live
-- invitations, the events bringing a need, the needs serving a project.

DROP INDEX sync_row_event_ref;
CREATE INDEX sync_row_event_ref ON sync_row ((data->>'event_id'))
 WHERE entity = 'event_invitation' AND deleted_at IS NULL;
CREATE INDEX sync_row_event_needs ON sync_row USING gin ((data->'need_ids'))
 WHERE entity = 'event' AND deleted_at IS NULL;
CREATE INDEX sync_row_project_ref ON sync_row ((data->>'project_id'))
 WHERE entity = 'recruitment_need' AND deleted_at IS NULL;
