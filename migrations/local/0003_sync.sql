-- Tremplin local store, version 3: what sync keeps on the device.
--
-- The cursor, the scope epoch and the connection settings live in `meta`
-- (keys `sync.*`). Conflicts and refusals the server answered are kept here
-- until the officer settles them: never dropped.

CREATE TABLE sync_issue (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('conflict', 'rejection')),
    mutation_id    TEXT NOT NULL,
    mutation_kind  TEXT NOT NULL CHECK (mutation_kind IN ('create', 'update', 'delete')),
    entity         TEXT NOT NULL,
    row_id         TEXT NOT NULL,
    -- conflict: the field; rejection: the field at fault, if the server named one
    field          TEXT,
    -- JSON values: what this device wrote, what the server kept
    local_value    TEXT,
    server_value   TEXT,
    server_version INTEGER,
    row_deleted    INTEGER NOT NULL DEFAULT 0,
    code           TEXT,
    message        TEXT,
    -- rejection: the refused patch (JSON)
    patch          TEXT,
    created_at     TEXT NOT NULL,
    resolved_at    TEXT,
    resolution     TEXT
) STRICT;
CREATE INDEX sync_issue_open ON sync_issue(created_at) WHERE resolved_at IS NULL;
CREATE INDEX sync_issue_row ON sync_issue(entity, row_id);

-- Rows seen during a full re-pull (scope change, tombstone horizon): what
-- was not seen again is removed when the re-pull completes.
CREATE TABLE sync_reset_seen (
    entity TEXT NOT NULL,
    row_id TEXT NOT NULL,
    PRIMARY KEY (entity, row_id)
) STRICT, WITHOUT ROWID;
