-- Tremplin local store, version 6: aided contracts a legal department can
-- check (docs/domain/aided-contracts.md « Order of events », « Employer
-- exclusions », « Bilan before a new aid »), and derogations recorded as the
-- provision applied, never as the person's situation
-- (docs/domain/personal-data.md « Excluded data »).

ALTER TABLE aided_contract ADD COLUMN aid_decided_on TEXT;
ALTER TABLE aided_contract ADD COLUMN signed_on TEXT;
ALTER TABLE aided_contract ADD COLUMN employer_attestations TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(employer_attestations));
ALTER TABLE aided_contract ADD COLUMN bilan_on TEXT;
ALTER TABLE aided_contract ADD COLUMN bilan TEXT;

-- The old derogations named the situation (RQTH, aménagement de peine, an
-- age): each becomes the provision it opened, once.
CREATE TEMP TABLE derogation_name (old TEXT PRIMARY KEY, new TEXT NOT NULL);
INSERT INTO derogation_name VALUES
    ('senior60', 'horaire_reduit'),
    ('difficultes_particulieres', 'horaire_reduit'),
    ('age50_difficultes', 'duree_cinq_ans'),
    ('rqth', 'duree_cinq_ans'),
    ('age58', 'jusqu_a_la_retraite'),
    ('amenagement_peine', 'duree_minimale_reduite');

UPDATE aided_contract
   SET exceptions = (
       SELECT coalesce(json_group_array(DISTINCT coalesce(n.new, e.value)), '[]')
         FROM json_each(aided_contract.exceptions) e
         LEFT JOIN derogation_name n ON n.old = e.value)
 WHERE EXISTS (SELECT 1 FROM json_each(aided_contract.exceptions) e
                 JOIN derogation_name n ON n.old = e.value);

-- Changes not yet sent carry the old names too.
UPDATE outbox
   SET patch = json_set(patch, '$.exceptions', (
       SELECT coalesce(json_group_array(DISTINCT coalesce(n.new, e.value)), '[]')
         FROM json_each(json_extract(outbox.patch, '$.exceptions')) e
         LEFT JOIN derogation_name n ON n.old = e.value))
 WHERE entity = 'aided_contract' AND json_type(patch, '$.exceptions') = 'array';

DROP TABLE derogation_name;

-- Retention periods an administrator changes from a date on
-- (docs/domain/personal-data.md « Retention »); the shipped ones live in
-- assets/reference/retention.json.
CREATE TABLE retention_period (
    id              TEXT PRIMARY KEY,
    rule            TEXT NOT NULL,
    months          INTEGER NOT NULL,
    effective_from  TEXT NOT NULL,
    source          TEXT NOT NULL,
    replaces_id     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;

-- What this device's own purges erased: how many, by which rule, when —
-- never whom. Not synced (a device linked to a server leaves purges to it).
CREATE TABLE retention_log (
    id      INTEGER PRIMARY KEY,
    ran_at  TEXT NOT NULL,
    rule    TEXT NOT NULL,
    action  TEXT NOT NULL,
    entity  TEXT NOT NULL,
    count   INTEGER NOT NULL,
    -- an erasure asked for: why (never who)
    reason  TEXT
) STRICT;

-- Erasures asked for by a person, through an officer: processed by the
-- server's purge (or at once on a laptop linked to no server).
CREATE TABLE erasure_request (
    id              TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL,
    reason          TEXT NOT NULL,
    requested_on    TEXT NOT NULL,
    officer_id      TEXT NOT NULL,
    dt_code         TEXT,
    officer_ids     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(officer_ids)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    field_versions  TEXT NOT NULL DEFAULT '{}'
) STRICT;

-- Avenants a legal department can sign (docs/domain/conventions.md
-- « Avenants »): what the avenant changes and from when; the version it
-- amends points at it once signed.
ALTER TABLE convention ADD COLUMN amendment_purpose TEXT;
ALTER TABLE convention ADD COLUMN amends_from TEXT;
ALTER TABLE convention ADD COLUMN amended_by_id TEXT;

-- A retroactive revaluation recomputes the months already begun
-- (docs/domain/aided-contracts.md « RSA personne seule »), and each
-- contract keeps the old and new amounts of the months it revised.
ALTER TABLE aid_parameter ADD COLUMN recompute_begun INTEGER NOT NULL DEFAULT 0;
ALTER TABLE aided_contract ADD COLUMN revisions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(revisions));
