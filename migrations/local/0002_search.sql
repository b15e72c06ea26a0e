-- Version 2: full-text search over organisations, contacts and the contact
-- log, one FTS5 index per kind of record (so a common word in a million
-- contact-log notes never slows down finding an employer). Accent folding,
-- prefix indexes, contentless tables (no second copy of the text).
-- `search_doc` maps index rowids to records and holds the folded title for
-- exact-name ranking.
--
-- `search_source_*` views are the one definition of what is indexed; the
-- triggers and bulk catch-ups both read them. Triggers run only while
-- `search_control.live = 1`: bulk loads switch them off and index once.

CREATE TABLE search_control (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    live INTEGER NOT NULL
) STRICT;
INSERT INTO search_control (id, live) VALUES (1, 1);

CREATE TABLE search_doc (
    rowid     INTEGER PRIMARY KEY,
    entity    TEXT NOT NULL,
    row_id    TEXT NOT NULL UNIQUE,
    title_key TEXT NOT NULL
) STRICT;
CREATE INDEX search_doc_title_key ON search_doc(title_key);

CREATE VIEW search_source_organisation AS
    SELECT o.id AS row_id, o.name AS title,
           concat_ws(' ', o.legal_name, o.siren, o.siret,
               CASE WHEN o.siren IS NOT NULL THEN
                   substr(o.siren, 1, 3) || ' ' || substr(o.siren, 4, 3) || ' ' || substr(o.siren, 7, 3) END,
               substr(o.siret, 10, 5), c.nom, o.postcode,
               (SELECT group_concat(value, ' ') FROM json_each(o.tags))) AS body
      FROM organisation o LEFT JOIN ref_commune c ON c.code = o.commune_code
     WHERE o.deleted_at IS NULL;

CREATE VIEW search_source_contact AS
    SELECT id AS row_id, concat_ws(' ', first_name, last_name) AS title,
           concat_ws(' ', job_title, email) AS body
      FROM contact WHERE deleted_at IS NULL;

CREATE VIEW search_source_interaction AS
    SELECT id AS row_id, subject AS title, concat_ws(' ', notes, outcome) AS body
      FROM interaction WHERE deleted_at IS NULL;

-- organisation
CREATE VIRTUAL TABLE search_fts_organisation USING fts5(
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO search_fts_organisation (search_fts_organisation, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

CREATE TRIGGER organisation_search_ai AFTER INSERT ON organisation
WHEN (SELECT live FROM search_control) = 1 BEGIN
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT 'organisation', row_id, name_key(title) FROM search_source_organisation WHERE row_id = NEW.id;
    INSERT INTO search_fts_organisation (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source_organisation s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id;
END;
CREATE TRIGGER organisation_search_au AFTER UPDATE OF name, legal_name, siren, siret, commune_code, postcode, tags, deleted_at ON organisation
WHEN (SELECT live FROM search_control) = 1 BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT 'organisation', row_id, name_key(title) FROM search_source_organisation WHERE row_id = NEW.id;
    INSERT INTO search_fts_organisation (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source_organisation s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id;
END;
CREATE TRIGGER organisation_search_ad AFTER DELETE ON organisation BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
END;

-- contact
CREATE VIRTUAL TABLE search_fts_contact USING fts5(
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO search_fts_contact (search_fts_contact, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

CREATE TRIGGER contact_search_ai AFTER INSERT ON contact
WHEN (SELECT live FROM search_control) = 1 BEGIN
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT 'contact', row_id, name_key(title) FROM search_source_contact WHERE row_id = NEW.id;
    INSERT INTO search_fts_contact (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source_contact s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id;
END;
CREATE TRIGGER contact_search_au AFTER UPDATE OF first_name, last_name, job_title, email, deleted_at ON contact
WHEN (SELECT live FROM search_control) = 1 BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT 'contact', row_id, name_key(title) FROM search_source_contact WHERE row_id = NEW.id;
    INSERT INTO search_fts_contact (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source_contact s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id;
END;
CREATE TRIGGER contact_search_ad AFTER DELETE ON contact BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
END;

-- interaction
CREATE VIRTUAL TABLE search_fts_interaction USING fts5(
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO search_fts_interaction (search_fts_interaction, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

CREATE TRIGGER interaction_search_ai AFTER INSERT ON interaction
WHEN (SELECT live FROM search_control) = 1 BEGIN
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT 'interaction', row_id, name_key(title) FROM search_source_interaction WHERE row_id = NEW.id;
    INSERT INTO search_fts_interaction (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source_interaction s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id;
END;
CREATE TRIGGER interaction_search_au AFTER UPDATE OF subject, notes, outcome, deleted_at ON interaction
WHEN (SELECT live FROM search_control) = 1 BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT 'interaction', row_id, name_key(title) FROM search_source_interaction WHERE row_id = NEW.id;
    INSERT INTO search_fts_interaction (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source_interaction s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id;
END;
CREATE TRIGGER interaction_search_ad AFTER DELETE ON interaction BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
END;

-- Removing a document from the map removes it from its index.
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
    DELETE FROM search_fts_organisation WHERE OLD.entity = 'organisation' AND rowid = OLD.rowid;
    DELETE FROM search_fts_contact WHERE OLD.entity = 'contact' AND rowid = OLD.rowid;
    DELETE FROM search_fts_interaction WHERE OLD.entity = 'interaction' AND rowid = OLD.rowid;
END;

-- Index what version 1 already holds (organisations).
INSERT INTO search_doc (entity, row_id, title_key)
    SELECT 'organisation', row_id, name_key(title) FROM search_source_organisation;
INSERT INTO search_fts_organisation (rowid, title, body)
    SELECT d.rowid, s.title, s.body FROM search_doc d JOIN search_source_organisation s ON s.row_id = d.row_id
     WHERE d.entity = 'organisation';

-- Index what version 1 already holds (contacts).
INSERT INTO search_doc (entity, row_id, title_key)
    SELECT 'contact', row_id, name_key(title) FROM search_source_contact;
INSERT INTO search_fts_contact (rowid, title, body)
    SELECT d.rowid, s.title, s.body FROM search_doc d JOIN search_source_contact s ON s.row_id = d.row_id
     WHERE d.entity = 'contact';

-- Index what version 1 already holds (interactions).
INSERT INTO search_doc (entity, row_id, title_key)
    SELECT 'interaction', row_id, name_key(title) FROM search_source_interaction;
INSERT INTO search_fts_interaction (rowid, title, body)
    SELECT d.rowid, s.title, s.body FROM search_doc d JOIN search_source_interaction s ON s.row_id = d.row_id
     WHERE d.entity = 'interaction';
