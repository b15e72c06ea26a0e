-- Version 4: partnerships (issue 5). Large accounts get an account team and
-- a key-account plan, employer groupings their collective agreement, GEIQ
-- label and members; partnership conventions with their commitments and
-- steering committees. Every table here is synced (same bookkeeping columns
-- as 0001's records).

ALTER TABLE organisation ADD COLUMN idcc TEXT;
ALTER TABLE organisation ADD COLUMN geiq_label_year INTEGER;
ALTER TABLE organisation ADD COLUMN account_team TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(account_team));

ALTER TABLE contact ADD COLUMN level TEXT CHECK (level IN ('national', 'regional', 'local'));

CREATE TABLE account_objective (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    year            INTEGER NOT NULL,
    title           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('prevu', 'en_cours', 'atteint', 'abandonne')),
    notes           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX account_objective_organisation ON account_objective(organisation_id, year) WHERE deleted_at IS NULL;

CREATE TABLE membership (
    id              TEXT PRIMARY KEY,
    grouping_id     TEXT NOT NULL,
    member_id       TEXT NOT NULL,
    joined_on       TEXT NOT NULL,
    left_on         TEXT,
    notes           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX membership_grouping ON membership(grouping_id) WHERE deleted_at IS NULL;
CREATE INDEX membership_member ON membership(member_id) WHERE deleted_at IS NULL;

CREATE TABLE convention (
    id                 TEXT PRIMARY KEY,
    number             TEXT NOT NULL,
    title              TEXT NOT NULL,
    version_no         INTEGER NOT NULL,
    previous_id        TEXT,
    status             TEXT NOT NULL CHECK (status IN ('brouillon', 'en_signature', 'signee', 'active', 'echue', 'resiliee')),
    partner_ids        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(partner_ids)),
    third_party_ids    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(third_party_ids)),
    signatories        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(signatories)),
    territories        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(territories)),
    establishment_ids  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(establishment_ids)),
    cp_number          TEXT,
    cp_date            TEXT,
    signed_on          TEXT,
    starts_on          TEXT,
    duration_months    INTEGER,
    terminated_on      TEXT,
    termination_reason TEXT,
    preamble           TEXT,
    financial_clause   TEXT,
    place              TEXT,
    notice_months      INTEGER NOT NULL,
    cure_days          INTEGER NOT NULL,
    copil_frequency    TEXT,
    cotech_frequency   TEXT,
    referent_id        TEXT,
    notes              TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT,
    version            INTEGER NOT NULL DEFAULT 0,
    field_versions     TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX convention_number ON convention(number, version_no) WHERE deleted_at IS NULL;
CREATE INDEX convention_previous ON convention(previous_id);

-- Which conventions an organisation is party to (as partner, third party
-- or covered establishment), kept by triggers from the JSON lists: the
-- brief of a group finds its conventions on an index.
CREATE TABLE convention_party (
    organisation_id TEXT NOT NULL,
    convention_id   TEXT NOT NULL,
    role            TEXT NOT NULL,
    PRIMARY KEY (organisation_id, convention_id, role)
) STRICT, WITHOUT ROWID;
CREATE INDEX convention_party_convention ON convention_party(convention_id);

CREATE TRIGGER convention_party_ai AFTER INSERT ON convention BEGIN
    INSERT OR IGNORE INTO convention_party (organisation_id, convention_id, role)
        SELECT value, NEW.id, 'partner' FROM json_each(NEW.partner_ids)
        UNION ALL SELECT value, NEW.id, 'third_party' FROM json_each(NEW.third_party_ids)
        UNION ALL SELECT value, NEW.id, 'establishment' FROM json_each(NEW.establishment_ids);
END;
CREATE TRIGGER convention_party_au AFTER UPDATE OF partner_ids, third_party_ids, establishment_ids ON convention BEGIN
    DELETE FROM convention_party WHERE convention_id = OLD.id;
    INSERT OR IGNORE INTO convention_party (organisation_id, convention_id, role)
        SELECT value, NEW.id, 'partner' FROM json_each(NEW.partner_ids)
        UNION ALL SELECT value, NEW.id, 'third_party' FROM json_each(NEW.third_party_ids)
        UNION ALL SELECT value, NEW.id, 'establishment' FROM json_each(NEW.establishment_ids);
END;
CREATE TRIGGER convention_party_ad AFTER DELETE ON convention BEGIN
    DELETE FROM convention_party WHERE convention_id = OLD.id;
END;

CREATE TABLE commitment (
    id              TEXT PRIMARY KEY,
    convention_id   TEXT NOT NULL,
    position        INTEGER NOT NULL,
    indicator       TEXT NOT NULL,
    label           TEXT NOT NULL,
    unit            TEXT NOT NULL,
    targets         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(targets)),
    actuals         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(actuals)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX commitment_convention ON commitment(convention_id, position) WHERE deleted_at IS NULL;

CREATE TABLE committee_meeting (
    id              TEXT PRIMARY KEY,
    convention_id   TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('copil', 'comite_technique')),
    held_on         TEXT NOT NULL,
    attendees       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attendees)),
    minutes         TEXT,
    decisions       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(decisions)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX committee_meeting_convention ON committee_meeting(convention_id, held_on) WHERE deleted_at IS NULL;

-- Contact-log entries of type "événement" by organisation and date: the
-- job-dating actuals of commitments are counted on it.
CREATE INDEX interaction_event ON interaction(organisation_id, occurred_at)
    WHERE deleted_at IS NULL AND channel = 'evenement';
