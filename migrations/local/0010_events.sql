-- Events: job datings, forums, company visits, information sessions,
-- employers' breakfasts (docs/placement.md « Events »).

-- The event: shared with the whole Département (conventions count them).
CREATE TABLE event (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN
                       ('job_dating', 'forum', 'visite_entreprise', 'information_collective', 'petit_dejeuner')),
    title          TEXT NOT NULL,
    held_on        TEXT NOT NULL,
    starts_at      TEXT,
    ends_at        TEXT,
    place          TEXT NOT NULL,
    commune_code   TEXT,
    organiser_ids  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(organiser_ids)),
    partner_ids    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(partner_ids)),
    employer_ids   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(employer_ids)),
    need_ids       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(need_ids)),
    capacity       INTEGER,
    description    TEXT,
    status         TEXT NOT NULL CHECK (status IN ('prevu', 'realise', 'annule')),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    version        INTEGER NOT NULL DEFAULT 0,
    field_versions TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX event_day ON event(held_on) WHERE deleted_at IS NULL;

-- Who is invited, registered, present or absent: about a person.
CREATE TABLE event_invitation (
    id             TEXT PRIMARY KEY,
    event_id       TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    need_id        TEXT,
    status         TEXT NOT NULL CHECK (status IN ('invite', 'inscrit', 'excuse', 'present', 'absent')),
    status_on      TEXT NOT NULL,
    invited_by     TEXT NOT NULL,
    dt_code        TEXT,
    officer_ids    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(officer_ids)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    version        INTEGER NOT NULL DEFAULT 0,
    field_versions TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX event_invitation_event ON event_invitation(event_id) WHERE deleted_at IS NULL;
CREATE INDEX event_invitation_person ON event_invitation(person_id) WHERE deleted_at IS NULL;
