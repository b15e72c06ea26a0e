-- Employers' recruitment needs (docs/placement.md): shared employer data,
-- worked on by every officer, moved through the placement pipeline.
CREATE TABLE recruitment_need (
    id                 TEXT PRIMARY KEY,
    employer_id        TEXT NOT NULL,
    rome_code          TEXT NOT NULL,
    job_title          TEXT NOT NULL,
    positions          INTEGER NOT NULL,
    contract           TEXT NOT NULL CHECK (contract IN
                           ('cdi', 'cdd', 'interim', 'alternance', 'cui_cie', 'pec_cae', 'iae', 'autre')),
    weekly_hours_centi INTEGER,
    duration_months    INTEGER,
    commune_code       TEXT,
    wished_start_on    TEXT,
    licences           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(licences)),
    staggered_hours    INTEGER NOT NULL DEFAULT 0,
    public_transport   INTEGER NOT NULL DEFAULT 0,
    training           TEXT CHECK (training IN ('poei', 'afpr', 'poec')),
    opco               TEXT,
    reserved_until     TEXT,
    source             TEXT NOT NULL CHECK (source IN
                           ('visite', 'job_dating', 'convention', 'grand_projet', 'france_travail', 'autre')),
    convention_id      TEXT,
    owner_id           TEXT NOT NULL,
    notes              TEXT,
    status             TEXT NOT NULL CHECK (status IN ('a_qualifier', 'ouvert', 'candidats_proposes',
                           'pourvu_partiellement', 'pourvu', 'abandonne')),
    abandon_reason     TEXT,
    status_on          TEXT NOT NULL,
    status_by          TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT,
    version            INTEGER NOT NULL DEFAULT 0,
    field_versions     TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX recruitment_need_employer ON recruitment_need(employer_id) WHERE deleted_at IS NULL;
CREATE INDEX recruitment_need_board ON recruitment_need(status, status_on) WHERE deleted_at IS NULL;
