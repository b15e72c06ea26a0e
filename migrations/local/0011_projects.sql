-- Grands projets and their insertion clauses (docs/placement.md « Grands
-- projets »): shared employer data; a need names the project it serves.

CREATE TABLE grand_project (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    builder_id     TEXT,
    site           TEXT,
    commune_codes  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(commune_codes)),
    starts_on      TEXT NOT NULL,
    ends_on        TEXT,
    clause_hours   INTEGER NOT NULL DEFAULT 0,
    employer_ids   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(employer_ids)),
    facilitator    TEXT,
    status         TEXT NOT NULL CHECK (status IN ('en_preparation', 'en_cours', 'termine')),
    notes          TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    version        INTEGER NOT NULL DEFAULT 0,
    field_versions TEXT NOT NULL DEFAULT '{}'
) STRICT;

ALTER TABLE recruitment_need ADD COLUMN project_id TEXT;
CREATE INDEX recruitment_need_project ON recruitment_need(project_id) WHERE project_id IS NOT NULL;
