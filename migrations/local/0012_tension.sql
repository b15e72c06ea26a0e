-- The métiers en tension: a dated list of ROME fiches kept by the
-- administrators (docs/placement.md « Métiers en tension »).

CREATE TABLE tension_job (
    id             TEXT PRIMARY KEY,
    rome_code      TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    effective_to   TEXT,
    dt_code        TEXT,
    source         TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    version        INTEGER NOT NULL DEFAULT 0,
    field_versions TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX tension_job_rome ON tension_job(rome_code) WHERE deleted_at IS NULL;
