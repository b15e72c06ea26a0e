-- Version 2: full-text search over organisations, contacts and the contact
-- log. FTS5 with accent folding and prefix indexes. The index is
-- contentless (no second copy of the text); `search_doc` maps its rowids to
-- records and holds the folded title for exact-name ranking.
--
-- `search_source` is the one definition of what is indexed; the triggers
-- and bulk rebuilds both read it. Triggers run only while
-- `search_control.live = 1`: bulk loads switch them off and rebuild once.

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

CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE VIEW search_source AS
    SELECT 'organisation' AS entity, o.id AS row_id, o.name AS title,
           concat_ws(' ', o.legal_name, o.siren, o.siret,
               CASE WHEN o.siren IS NOT NULL THEN
                   substr(o.siren, 1, 3) || ' ' || substr(o.siren, 4, 3) || ' ' || substr(o.siren, 7, 3) END,
               substr(o.siret, 10, 5), c.nom, o.postcode,
               (SELECT group_concat(value, ' ') FROM json_each(o.tags))) AS body
      FROM organisation o LEFT JOIN ref_commune c ON c.code = o.commune_code
     WHERE o.deleted_at IS NULL
    UNION ALL
    SELECT 'contact', id, concat_ws(' ', first_name, last_name), concat_ws(' ', job_title, email)
      FROM contact WHERE deleted_at IS NULL
    UNION ALL
    SELECT 'interaction', id, subject, concat_ws(' ', notes, outcome)
      FROM interaction WHERE deleted_at IS NULL;

CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
    DELETE FROM search_fts WHERE rowid = OLD.rowid;
END;

-- organisation
CREATE TRIGGER organisation_search_ai AFTER INSERT ON organisation
WHEN (SELECT live FROM search_control) = 1 BEGIN
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT entity, row_id, name_key(title) FROM search_source WHERE row_id = NEW.id AND entity = 'organisation';
    INSERT INTO search_fts (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id AND s.entity = 'organisation';
END;
CREATE TRIGGER organisation_search_au
AFTER UPDATE OF name, legal_name, siren, siret, commune_code, postcode, tags, deleted_at ON organisation
WHEN (SELECT live FROM search_control) = 1 BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT entity, row_id, name_key(title) FROM search_source WHERE row_id = NEW.id AND entity = 'organisation';
    INSERT INTO search_fts (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id AND s.entity = 'organisation';
END;
CREATE TRIGGER organisation_search_ad AFTER DELETE ON organisation BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
END;

-- contact
CREATE TRIGGER contact_search_ai AFTER INSERT ON contact
WHEN (SELECT live FROM search_control) = 1 BEGIN
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT entity, row_id, name_key(title) FROM search_source WHERE row_id = NEW.id AND entity = 'contact';
    INSERT INTO search_fts (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id AND s.entity = 'contact';
END;
CREATE TRIGGER contact_search_au
AFTER UPDATE OF first_name, last_name, job_title, email, deleted_at ON contact
WHEN (SELECT live FROM search_control) = 1 BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT entity, row_id, name_key(title) FROM search_source WHERE row_id = NEW.id AND entity = 'contact';
    INSERT INTO search_fts (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id AND s.entity = 'contact';
END;
CREATE TRIGGER contact_search_ad AFTER DELETE ON contact BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
END;

-- interaction
CREATE TRIGGER interaction_search_ai AFTER INSERT ON interaction
WHEN (SELECT live FROM search_control) = 1 BEGIN
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT entity, row_id, name_key(title) FROM search_source WHERE row_id = NEW.id AND entity = 'interaction';
    INSERT INTO search_fts (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id AND s.entity = 'interaction';
END;
CREATE TRIGGER interaction_search_au
AFTER UPDATE OF subject, notes, outcome, deleted_at ON interaction
WHEN (SELECT live FROM search_control) = 1 BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
    INSERT INTO search_doc (entity, row_id, title_key)
        SELECT entity, row_id, name_key(title) FROM search_source WHERE row_id = NEW.id AND entity = 'interaction';
    INSERT INTO search_fts (rowid, title, body)
        SELECT d.rowid, s.title, s.body FROM search_source s JOIN search_doc d ON d.row_id = s.row_id
         WHERE s.row_id = NEW.id AND s.entity = 'interaction';
END;
CREATE TRIGGER interaction_search_ad AFTER DELETE ON interaction BEGIN
    DELETE FROM search_doc WHERE row_id = OLD.id;
END;

-- Index what version 1 already holds.
INSERT INTO search_doc (entity, row_id, title_key)
    SELECT entity, row_id, name_key(title) FROM search_source;
INSERT INTO search_fts (rowid, title, body)
    SELECT d.rowid, s.title, s.body FROM search_source s JOIN search_doc d ON d.row_id = s.row_id;

-- Titles weigh ten times the body in ranking; `ORDER BY rank` uses this.
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
