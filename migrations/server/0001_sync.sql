-- Tremplin server, version 1: accounts and devices, the synced rows, the
-- global version counter, and the audit trail of every applied change.
--
-- Rows are stored as JSON field maps per entity: the server validates them
-- with tremplin-domain and decides who sees them (scope columns), so a new
-- synced entity needs its validation and scope rule, not a new table.

CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    login         text NOT NULL UNIQUE,
    display_name  text NOT NULL,
    email         text,
    role          text NOT NULL CHECK (role IN ('charge_relations_entreprises', 'responsable_territorial', 'administrateur')),
    dt_code       text,
    password_hash text NOT NULL,
    -- Bumped when what the user may see changes: their client drops
    -- restricted rows and pulls again from zero.
    scope_epoch   bigint NOT NULL DEFAULT 1,
    disabled_at   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per logged-in device; the token is kept only as its SHA-256.
CREATE TABLE device (
    id               uuid PRIMARY KEY,
    user_id          uuid NOT NULL REFERENCES app_user(id),
    client_device_id uuid NOT NULL,
    name             text NOT NULL,
    token_hash       bytea NOT NULL UNIQUE,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_seen_at     timestamptz,
    revoked_at       timestamptz
);
CREATE INDEX device_user ON device(user_id);

CREATE TABLE login_attempt (
    id      bigserial PRIMARY KEY,
    login   text NOT NULL,
    address text NOT NULL,
    success boolean NOT NULL,
    at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_login ON login_attempt(login, at) WHERE NOT success;
CREATE INDEX login_attempt_address ON login_attempt(address, at) WHERE NOT success;

-- The global version. Pushes lock this one row until they commit, so
-- versions are allocated in commit order (the cursor invariant).
CREATE TABLE sync_head (
    id           integer PRIMARY KEY CHECK (id = 1),
    version      bigint NOT NULL,
    -- Tombstones up to this version were purged: a client whose cursor is
    -- below it must pull everything again.
    purged_below bigint NOT NULL DEFAULT 0
);
INSERT INTO sync_head (id, version) VALUES (1, 0);

CREATE TABLE sync_row (
    entity         text NOT NULL,
    row_id         uuid NOT NULL,
    data           jsonb NOT NULL,
    field_versions jsonb NOT NULL,
    -- field → device (client_device_id) of its last write: a device's own
    -- earlier writes never conflict with its later ones. Never sent out.
    field_writers  jsonb NOT NULL DEFAULT '{}',
    version        bigint NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    deleted_at     timestamptz,
    -- Scope: a restricted row is seen by administrators, by the users it
    -- names, by the users of its DT, and by the territorial managers of the
    -- DT of a user it names.
    restricted     boolean NOT NULL,
    scope_users    uuid[] NOT NULL DEFAULT '{}',
    scope_dt       text,
    PRIMARY KEY (entity, row_id)
);
CREATE UNIQUE INDEX sync_row_version ON sync_row(version);

-- Idempotency: the first outcome of every mutation, returned again when it
-- is re-sent.
CREATE TABLE sync_mutation (
    mutation_id uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES app_user(id),
    device_id   uuid NOT NULL REFERENCES device(id),
    outcome     jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- Audit trail: every applied change, who made it, from which device, when.
CREATE TABLE sync_change (
    version     bigint PRIMARY KEY,
    entity      text NOT NULL,
    row_id      uuid NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('create', 'update', 'delete')),
    patch       jsonb NOT NULL,
    user_id     uuid NOT NULL REFERENCES app_user(id),
    device_id   uuid NOT NULL REFERENCES device(id),
    mutation_id uuid NOT NULL,
    made_at     timestamptz NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_change_row ON sync_change(entity, row_id);

-- Field conflicts, with both values, kept for the record.
CREATE TABLE sync_conflict (
    id             bigserial PRIMARY KEY,
    mutation_id    uuid NOT NULL,
    entity         text NOT NULL,
    row_id         uuid NOT NULL,
    field          text NOT NULL,
    client_value   jsonb,
    server_value   jsonb,
    server_version bigint NOT NULL,
    user_id        uuid NOT NULL REFERENCES app_user(id),
    device_id      uuid NOT NULL REFERENCES device(id),
    at             timestamptz NOT NULL DEFAULT now()
);
