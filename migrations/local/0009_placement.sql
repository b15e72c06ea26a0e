-- Candidates put forward, hires and who was hired (docs/placement.md).

-- How many candidates a need has, counted by the server over every
-- candidacy (those of other DTs included, whom this device never sees).
ALTER TABLE recruitment_need ADD COLUMN candidate_count INTEGER NOT NULL DEFAULT 0;

-- A person put forward on a need: about a person, seen on a need-to-know basis.
CREATE TABLE candidacy (
    id             TEXT PRIMARY KEY,
    need_id        TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    consent_on     TEXT NOT NULL,
    stage          TEXT NOT NULL CHECK (stage IN
                       ('propose', 'cv_transmis', 'entretien', 'retenu', 'non_retenu', 'embauche')),
    reason         TEXT,
    history        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(history)),
    dt_code        TEXT,
    officer_ids    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(officer_ids)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    version        INTEGER NOT NULL DEFAULT 0,
    field_versions TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX candidacy_need ON candidacy(need_id) WHERE deleted_at IS NULL;
CREATE INDEX candidacy_person ON candidacy(person_id) WHERE deleted_at IS NULL;

-- The employment fact: shared, names no one.
CREATE TABLE hire (
    id                 TEXT PRIMARY KEY,
    employer_id        TEXT NOT NULL,
    need_id            TEXT,
    convention_id      TEXT,
    contract           TEXT NOT NULL CHECK (contract IN
                           ('cdi', 'cdd', 'interim', 'alternance', 'cui_cie', 'pec_cae', 'iae', 'autre')),
    rome_code          TEXT,
    job_title          TEXT NOT NULL,
    starts_on          TEXT NOT NULL,
    planned_end_on     TEXT,
    weekly_hours_centi INTEGER,
    officer_id         TEXT NOT NULL,
    follow_ups         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(follow_ups)),
    ended_on           TEXT,
    end_reason         TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT,
    version            INTEGER NOT NULL DEFAULT 0,
    field_versions     TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX hire_employer ON hire(employer_id) WHERE deleted_at IS NULL;
CREATE INDEX hire_need ON hire(need_id) WHERE deleted_at IS NULL;
-- Covering what a convention counts (its actuals read no row).
CREATE INDEX hire_convention ON hire(convention_id, starts_on, contract, planned_end_on) WHERE deleted_at IS NULL;
CREATE INDEX hire_start ON hire(starts_on) WHERE deleted_at IS NULL;

-- Who was hired: about a person.
CREATE TABLE hired_person (
    id                TEXT PRIMARY KEY,
    hire_id           TEXT NOT NULL,
    person_id         TEXT NOT NULL,
    candidacy_id      TEXT,
    aided_contract_id TEXT,
    dt_code           TEXT,
    officer_ids       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(officer_ids)),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT,
    version           INTEGER NOT NULL DEFAULT 0,
    field_versions    TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX hired_person_hire ON hired_person(hire_id) WHERE deleted_at IS NULL;
CREATE INDEX hired_person_person ON hired_person(person_id) WHERE deleted_at IS NULL;

-- A follow-up in employment is a task of the officer's, tied to its hire.
ALTER TABLE task ADD COLUMN hire_id TEXT;
CREATE INDEX task_hire ON task(hire_id) WHERE hire_id IS NOT NULL;
