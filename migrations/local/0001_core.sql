-- Tremplin local store, version 1: reference data, the officer's records,
-- and the sync outbox.
--
-- Every synced table has: id (UUIDv7 text), created_at / updated_at
-- (ISO-8601 UTC), deleted_at (tombstone), version (server version of the
-- last pulled state, 0 = never synced) and field_versions (JSON: field →
-- server version of its last change). `fold()` and `name_key()` are
-- deterministic SQL functions registered by the store on every connection.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Reference data (loaded from assets/reference, editable) -----------------

CREATE TABLE ref_dt (
    code TEXT PRIMARY KEY,
    nom  TEXT NOT NULL
) STRICT;

CREATE TABLE ref_arrondissement (
    code TEXT PRIMARY KEY,
    nom  TEXT NOT NULL
) STRICT;

CREATE TABLE ref_epci (
    siren TEXT PRIMARY KEY,
    nom   TEXT NOT NULL,
    type  TEXT NOT NULL
) STRICT;

CREATE TABLE ref_commune (
    code           TEXT PRIMARY KEY,
    nom            TEXT NOT NULL,
    arrondissement TEXT REFERENCES ref_arrondissement(code),
    epci_siren     TEXT REFERENCES ref_epci(siren),
    dt_code        TEXT REFERENCES ref_dt(code),
    codes_postaux  TEXT NOT NULL,
    population     INTEGER,
    -- Position in alphabetical order of names: lets organisation lists sort
    -- by commune on an index.
    sort_rank      INTEGER
) STRICT;
CREATE INDEX ref_commune_dt ON ref_commune(dt_code);
CREATE INDEX ref_commune_epci ON ref_commune(epci_siren);

CREATE TABLE ref_naf (
    version TEXT NOT NULL,
    code    TEXT NOT NULL,
    niveau  TEXT NOT NULL,
    libelle TEXT NOT NULL,
    PRIMARY KEY (version, code)
) STRICT;

-- Officers known to this device (the local profile, later the server's
-- directory). Not an outbox entity: the server owns user accounts.
CREATE TABLE officer (
    id           TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    email        TEXT,
    dt_code      TEXT
) STRICT;

-- Records -----------------------------------------------------------------

CREATE TABLE organisation (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('entreprise', 'etablissement', 'grand_compte',
                       'groupement_employeurs', 'geiq', 'siae', 'partenaire_institutionnel')),
    name           TEXT NOT NULL,
    name_key       TEXT GENERATED ALWAYS AS (name_key(name)) STORED,
    legal_name     TEXT,
    siren          TEXT,
    siret          TEXT,
    naf_code       TEXT,
    naf_version    TEXT,
    commune_code   TEXT,
    postcode       TEXT,
    address        TEXT,
    phone          TEXT,
    email          TEXT,
    website        TEXT,
    headcount_band TEXT,
    parent_id      TEXT,
    owner_id       TEXT,
    status         TEXT NOT NULL CHECK (status IN ('prospect', 'partenaire_actif', 'en_veille', 'ferme')),
    partner_type   TEXT,
    tags           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    notes          TEXT,
    -- Derived from commune_code through ref_commune by the triggers below;
    -- local only (not synced), so lists filter and sort by DT or EPCI on
    -- an index instead of joining 100k rows to the reference table.
    dt_code        TEXT,
    epci_siren     TEXT,
    commune_rank   INTEGER,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    version        INTEGER NOT NULL DEFAULT 0,
    field_versions TEXT NOT NULL DEFAULT '{}'
) STRICT;
-- List indexes carry the usual filter columns so that paging and counting
-- read the index alone.
CREATE INDEX organisation_list_name ON organisation(name_key, id, status, kind, dt_code, owner_id)
    WHERE deleted_at IS NULL;
CREATE INDEX organisation_list_dt ON organisation(dt_code, name_key, id, status, kind) WHERE deleted_at IS NULL;
CREATE INDEX organisation_list_commune ON organisation(commune_rank, name_key, id, status, kind, dt_code, owner_id)
    WHERE deleted_at IS NULL;
CREATE INDEX organisation_list_dt_commune ON organisation(dt_code, commune_rank, name_key, id, status, kind)
    WHERE deleted_at IS NULL;
CREATE INDEX organisation_list_epci ON organisation(epci_siren, name_key, id, status, kind) WHERE deleted_at IS NULL;
CREATE INDEX organisation_list_owner ON organisation(owner_id, name_key, id, status, kind) WHERE deleted_at IS NULL;
CREATE INDEX organisation_list_updated ON organisation(updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX organisation_list_created ON organisation(created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX organisation_commune ON organisation(commune_code);
CREATE INDEX organisation_parent ON organisation(parent_id);
CREATE INDEX organisation_siret ON organisation(siret);
CREATE INDEX organisation_siren ON organisation(siren);

CREATE TRIGGER organisation_territory_ai AFTER INSERT ON organisation WHEN NEW.commune_code IS NOT NULL BEGIN
    UPDATE organisation SET (dt_code, epci_siren, commune_rank) =
        (SELECT dt_code, epci_siren, sort_rank FROM ref_commune WHERE code = NEW.commune_code)
     WHERE id = NEW.id;
END;
CREATE TRIGGER organisation_territory_au AFTER UPDATE OF commune_code ON organisation BEGIN
    UPDATE organisation SET (dt_code, epci_siren, commune_rank) =
        (SELECT dt_code, epci_siren, sort_rank FROM ref_commune WHERE code = NEW.commune_code)
     WHERE id = NEW.id;
END;
-- The Département moves a commune to another DT: its organisations follow.
CREATE TRIGGER ref_commune_territory_au AFTER UPDATE OF dt_code, epci_siren, sort_rank ON ref_commune BEGIN
    UPDATE organisation SET dt_code = NEW.dt_code, epci_siren = NEW.epci_siren, commune_rank = NEW.sort_rank
     WHERE commune_code = NEW.code;
END;

-- Tag filter support, kept by triggers from organisation.tags.
CREATE TABLE organisation_tag (
    tag_key         TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    PRIMARY KEY (tag_key, organisation_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER organisation_tags_ai AFTER INSERT ON organisation BEGIN
    INSERT OR IGNORE INTO organisation_tag (tag_key, organisation_id)
        SELECT name_key(value), NEW.id FROM json_each(NEW.tags);
END;
CREATE TRIGGER organisation_tags_au AFTER UPDATE OF tags ON organisation BEGIN
    DELETE FROM organisation_tag WHERE organisation_id = OLD.id;
    INSERT OR IGNORE INTO organisation_tag (tag_key, organisation_id)
        SELECT name_key(value), NEW.id FROM json_each(NEW.tags);
END;
CREATE TRIGGER organisation_tags_ad AFTER DELETE ON organisation BEGIN
    DELETE FROM organisation_tag WHERE organisation_id = OLD.id;
END;

CREATE TABLE contact (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    first_name      TEXT,
    last_name       TEXT NOT NULL,
    name_key        TEXT GENERATED ALWAYS AS (name_key(last_name || ' ' || coalesce(first_name, ''))) STORED,
    job_title       TEXT,
    email           TEXT,
    phone           TEXT,
    mobile          TEXT,
    notes           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX contact_organisation ON contact(organisation_id) WHERE deleted_at IS NULL;
CREATE INDEX contact_live_name ON contact(name_key, id) WHERE deleted_at IS NULL;

CREATE TABLE interaction (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    contact_id      TEXT,
    officer_id      TEXT NOT NULL,
    occurred_at     TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('visite', 'telephone', 'email', 'visio', 'evenement')),
    subject         TEXT NOT NULL,
    notes           TEXT,
    outcome         TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
-- Partial indexes on live rows: "last contact" is then one index seek.
CREATE INDEX interaction_organisation ON interaction(organisation_id, occurred_at) WHERE deleted_at IS NULL;
CREATE INDEX interaction_officer ON interaction(officer_id, occurred_at) WHERE deleted_at IS NULL;
CREATE INDEX interaction_contact ON interaction(contact_id, occurred_at) WHERE deleted_at IS NULL;

CREATE TABLE task (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    notes           TEXT,
    due_date        TEXT NOT NULL,
    assignee_id     TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    organisation_id TEXT,
    interaction_id  TEXT,
    status          TEXT NOT NULL CHECK (status IN ('a_faire', 'faite', 'annulee')),
    completed_at    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX task_assignee ON task(assignee_id, status, due_date) WHERE deleted_at IS NULL;
CREATE INDEX task_organisation ON task(organisation_id) WHERE deleted_at IS NULL;

-- Sync outbox (docs/architecture.md « Sync protocol »): one row per local
-- mutation, written in the same transaction as the row it describes.
-- AUTOINCREMENT: client_seq never goes back, even after pushed rows are
-- removed.
CREATE TABLE outbox (
    client_seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id TEXT NOT NULL UNIQUE,
    entity      TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete')),
    patch       TEXT NOT NULL CHECK (json_valid(patch)),
    base        TEXT NOT NULL CHECK (json_valid(base)),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_row ON outbox(entity, row_id);
