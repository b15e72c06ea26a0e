-- Tremplin server, version 3: derogations of aided contracts recorded as the
-- provision applied, never as the person's situation
-- (docs/domain/personal-data.md « Excluded data »), in the rows and in the
-- change history.

CREATE OR REPLACE FUNCTION pg_temp.derogations(old jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_agg(DISTINCT CASE e
               WHEN 'senior60' THEN 'horaire_reduit'
               WHEN 'difficultes_particulieres' THEN 'horaire_reduit'
               WHEN 'age50_difficultes' THEN 'duree_cinq_ans'
               WHEN 'rqth' THEN 'duree_cinq_ans'
               WHEN 'age58' THEN 'jusqu_a_la_retraite'
               WHEN 'amenagement_peine' THEN 'duree_minimale_reduite'
               ELSE e END), '[]'::jsonb)
      FROM jsonb_array_elements_text(old) e
$$;

UPDATE sync_row
   SET data = jsonb_set(data, '{exceptions}', pg_temp.derogations(data->'exceptions'))
 WHERE entity = 'aided_contract' AND jsonb_typeof(data->'exceptions') = 'array';

UPDATE sync_change
   SET patch = jsonb_set(patch, '{exceptions}', pg_temp.derogations(patch->'exceptions'))
 WHERE entity = 'aided_contract' AND jsonb_typeof(patch->'exceptions') = 'array';

UPDATE sync_conflict
   SET client_value = pg_temp.derogations(client_value),
       server_value = pg_temp.derogations(server_value)
 WHERE entity = 'aided_contract' AND field = 'exceptions'
   AND jsonb_typeof(client_value) = 'array' AND jsonb_typeof(server_value) = 'array';

-- Retention (docs/domain/personal-data.md « Retention »): an erased row
-- keeps no data; its id and scope stay until the tombstone horizon so the
-- devices that held it are told to erase it.
ALTER TABLE sync_row ADD COLUMN IF NOT EXISTS erased_at timestamptz;

-- What each purge did: how many rows, by which rule — never which.
CREATE TABLE IF NOT EXISTS retention_log (
    id      bigserial PRIMARY KEY,
    ran_at  timestamptz NOT NULL DEFAULT now(),
    rule    text NOT NULL,
    action  text NOT NULL,
    entity  text NOT NULL,
    count   integer NOT NULL,
    -- an erasure asked for: why (never who)
    reason  text
);
