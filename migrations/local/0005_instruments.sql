-- Version 5: insertion instruments (issue 6). People followed (minimal
-- record, need-to-know), the audit trail of their display and export, the
-- dated aid parameters and rules an administrator adds to the shipped ones,
-- aided contracts (CIE / CAE) with their monthly lines, and parrainage.
-- Every table here is synced (same bookkeeping columns as 0001's records).

CREATE TABLE person (
    id                    TEXT PRIMARY KEY,
    first_name            TEXT NOT NULL,
    last_name             TEXT NOT NULL,
    commune_code          TEXT,
    dt_code               TEXT,
    ft_id                 TEXT,
    referent_name         TEXT,
    referent_organisation TEXT,
    orientation           TEXT CHECK (orientation IN ('professionnelle', 'socio_professionnelle', 'sociale')),
    rome_codes            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rome_codes)),
    consents              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(consents)),
    last_contact_on       TEXT,
    officer_ids           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(officer_ids)),
    notes                 TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    deleted_at            TEXT,
    version               INTEGER NOT NULL DEFAULT 0,
    field_versions        TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX person_name ON person(last_name COLLATE NOCASE, first_name) WHERE deleted_at IS NULL;
CREATE INDEX person_dt ON person(dt_code) WHERE deleted_at IS NULL;

-- Append-only: what an entry says never changes (sync may only rewrite it
-- as it was, with its server version; logging in rewrites the local
-- profile's id into the account's, as for every record).
CREATE TABLE audit_entry (
    id              TEXT PRIMARY KEY,
    officer_id      TEXT NOT NULL,
    at              TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('consultation', 'export')),
    entity          TEXT NOT NULL,
    row_id          TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_entry_row ON audit_entry(entity, row_id, at);
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
WHEN NEW.at IS NOT OLD.at OR NEW.action IS NOT OLD.action
  OR NEW.entity IS NOT OLD.entity OR NEW.row_id IS NOT OLD.row_id OR NEW.purpose IS NOT OLD.purpose
  OR NEW.deleted_at IS NOT OLD.deleted_at
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;

CREATE TABLE aid_parameter (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('smic_horaire', 'rsa_personne_seule')),
    effective_from  TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL,
    source          TEXT,
    replaces_id     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE aid_rule (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    source          TEXT NOT NULL,
    contract_type   TEXT NOT NULL CHECK (contract_type IN ('cie', 'cae')),
    valid_from      TEXT NOT NULL,
    valid_to        TEXT,
    rate_bp         INTEGER NOT NULL,
    hours_cap_centi INTEGER,
    max_months_cdd  INTEGER,
    max_months_cdi  INTEGER,
    financing_mode  TEXT NOT NULL CHECK (financing_mode IN ('a', 'b', 'c')),
    rsa_share_bp    INTEGER,
    rsa_share_7h_bp INTEGER,
    base_rate_bp    INTEGER,
    dept_share_bp   INTEGER,
    replaces_id     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE aided_contract (
    id                     TEXT PRIMARY KEY,
    contract_type          TEXT NOT NULL CHECK (contract_type IN ('cie', 'cae')),
    employer_id            TEXT NOT NULL,
    user_establishment_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(user_establishment_ids)),
    person_id              TEXT NOT NULL,
    rome_code              TEXT NOT NULL,
    job_title              TEXT NOT NULL,
    employment             TEXT NOT NULL CHECK (employment IN ('cdd', 'cdi')),
    starts_on              TEXT NOT NULL,
    ends_on                TEXT,
    aid_starts_on          TEXT NOT NULL,
    aid_ends_on            TEXT NOT NULL,
    contract_hours_centi   INTEGER NOT NULL,
    rate_bp                INTEGER NOT NULL,
    rule_id                TEXT,
    exceptions             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exceptions)),
    tutor_name             TEXT,
    tutor_function         TEXT,
    tutor_experienced      INTEGER NOT NULL DEFAULT 0,
    referent_name          TEXT,
    referent_organisation  TEXT,
    decision_reference     TEXT,
    renewals               TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(renewals)),
    suspensions            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(suspensions)),
    incidents              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(incidents)),
    status                 TEXT NOT NULL CHECK (status IN ('projet', 'en_cours', 'suspendu', 'rompu', 'termine')),
    dt_code                TEXT,
    officer_ids            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(officer_ids)),
    lines                  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(lines)),
    notes                  TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    deleted_at             TEXT,
    version                INTEGER NOT NULL DEFAULT 0,
    field_versions         TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX aided_contract_employer ON aided_contract(employer_id) WHERE deleted_at IS NULL;
CREATE INDEX aided_contract_person ON aided_contract(person_id) WHERE deleted_at IS NULL;

CREATE TABLE mentoring_programme (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    operator_id     TEXT,
    convention_id   TEXT,
    target_pairs    INTEGER NOT NULL DEFAULT 0,
    starts_on       TEXT,
    ends_on         TEXT,
    notes           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE mentor (
    id                TEXT PRIMARY KEY,
    contact_id        TEXT NOT NULL,
    programme_id      TEXT,
    job_title         TEXT,
    sector            TEXT,
    availability      TEXT,
    charter_signed_on TEXT,
    max_mentees       INTEGER NOT NULL,
    training          TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT,
    version           INTEGER NOT NULL DEFAULT 0,
    field_versions    TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE pairing (
    id              TEXT PRIMARY KEY,
    programme_id    TEXT,
    mentor_id       TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    prescriber      TEXT,
    starts_on       TEXT NOT NULL,
    planned_end_on  TEXT NOT NULL,
    extended_to     TEXT,
    ended_on        TEXT,
    end_reason      TEXT,
    outcomes        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(outcomes)),
    dt_code         TEXT,
    officer_ids     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(officer_ids)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX pairing_mentor ON pairing(mentor_id) WHERE deleted_at IS NULL;
CREATE INDEX pairing_person ON pairing(person_id) WHERE deleted_at IS NULL;

CREATE TABLE mentoring_meeting (
    id              TEXT PRIMARY KEY,
    pairing_id      TEXT NOT NULL,
    held_on         TEXT NOT NULL,
    format          TEXT NOT NULL,
    note            TEXT NOT NULL,
    next_step       TEXT,
    officer_ids     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(officer_ids)),
    dt_code         TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX mentoring_meeting_pairing ON mentoring_meeting(pairing_id, held_on) WHERE deleted_at IS NULL;
