//! Global search over organisations, contacts and the contact log.
//!
//! Each word of the query is prefix-matched ("soc" finds "Société"), accents
//! and case are ignored on both sides, all words must match, and French
//! function words ("de", "la"…) are ignored when other words remain.
//! Results come by kind of record, each kind with its own index and limit:
//! records whose whole name equals the query first; then organisations by
//! relevance (bm25, names weigh ten times the rest); then contacts and
//! contact-log entries, most recent first — ordering those by relevance
//! would mean scoring every match of a common word among a million notes,
//! while recency stops at the first page.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::text::{fold, name_key};

use crate::connection::Store;
use crate::error::StoreResult;
use crate::meta::parse_uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchEntity {
    Organisation,
    Contact,
    Interaction,
}

impl SearchEntity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Organisation => "organisation",
            Self::Contact => "contact",
            Self::Interaction => "interaction",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Self::Organisation, Self::Contact, Self::Interaction].into_iter().find(|e| e.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub entity: SearchEntity,
    pub id: Uuid,
    pub title: String,
    pub subtitle: Option<String>,
    /// For contacts and contact-log entries: the organisation to open.
    pub organisation_id: Option<Uuid>,
    /// The whole name equals the query.
    pub exact: bool,
}

/// Words too common to narrow a search (folded).
const STOP_WORDS: [&str; 18] = [
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par", "pour", "sur", "un",
    "une",
];

/// Turns what the officer typed into an FTS5 query: every word quoted (no
/// operator injection) and prefix-matched. `None` when nothing is left.
pub fn fts_query(input: &str) -> Option<String> {
    let folded = fold(input);
    let words: Vec<&str> =
        folded.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).take(16).collect();
    let significant: Vec<&str> = words.iter().copied().filter(|w| !STOP_WORDS.contains(w)).collect();
    let terms = if significant.is_empty() { words } else { significant };
    (!terms.is_empty()).then(|| terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" "))
}

/// The FTS5 statement run for each kind of record: its rowids, best first.
pub(crate) fn fts_statement(entity: SearchEntity) -> &'static str {
    match entity {
        SearchEntity::Organisation => {
            "SELECT rowid FROM search_fts_organisation WHERE search_fts_organisation MATCH ?1 ORDER BY rank LIMIT ?2"
        }
        SearchEntity::Contact => {
            "SELECT rowid FROM search_fts_contact WHERE search_fts_contact MATCH ?1 ORDER BY rowid DESC LIMIT ?2"
        }
        SearchEntity::Interaction => {
            "SELECT rowid FROM search_fts_interaction WHERE search_fts_interaction MATCH ?1
              ORDER BY rowid DESC LIMIT ?2"
        }
    }
}

pub const ALL_ENTITIES: [SearchEntity; 3] =
    [SearchEntity::Organisation, SearchEntity::Contact, SearchEntity::Interaction];

impl Store {
    /// Up to `limit` hits per kind of record (`entities`; empty means all).
    pub fn search(&self, input: &str, entities: &[SearchEntity], limit: u32) -> StoreResult<Vec<SearchHit>> {
        let Some(q) = fts_query(input) else { return Ok(Vec::new()) };
        let limit = limit.clamp(1, 200);
        let kinds: Vec<SearchEntity> =
            ALL_ENTITIES.into_iter().filter(|e| entities.is_empty() || entities.contains(e)).collect();

        let mut found: Vec<(String, String, bool)> = Vec::new();
        {
            let mut st = self.conn.prepare_cached(
                "SELECT entity, row_id FROM search_doc WHERE title_key = ?1 ORDER BY rowid DESC LIMIT ?2",
            )?;
            let rows =
                st.query_map(rusqlite::params![name_key(input), limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for r in rows {
                let (e, id): (String, String) = r?;
                if SearchEntity::parse(&e).is_some_and(|e| kinds.contains(&e)) {
                    found.push((e, id, true));
                }
            }
        }
        let mut doc = self.conn.prepare_cached("SELECT entity, row_id FROM search_doc WHERE rowid = ?1")?;
        for kind in kinds {
            let rowids: Vec<i64> = self
                .conn
                .prepare_cached(fts_statement(kind))?
                .query_map(rusqlite::params![q, limit], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for rowid in rowids {
                let (e, id): (String, String) = doc.query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?)))?;
                if !found.iter().any(|(_, fid, _)| *fid == id) {
                    found.push((e, id, false));
                }
            }
        }
        found.into_iter().filter_map(|(e, id, exact)| self.hit(&e, &id, exact).transpose()).collect()
    }

    fn hit(&self, entity: &str, id: &str, exact: bool) -> StoreResult<Option<SearchHit>> {
        let Some(entity) = SearchEntity::parse(entity) else {
            return Ok(None);
        };
        let sql = match entity {
            SearchEntity::Organisation => {
                "SELECT o.name, concat_ws(' · ', o.kind, c.nom,
                        CASE WHEN o.siret IS NOT NULL THEN 'SIRET ' || o.siret END), NULL
                   FROM organisation o LEFT JOIN ref_commune c ON c.code = o.commune_code WHERE o.id = ?1"
            }
            SearchEntity::Contact => {
                "SELECT trim(coalesce(k.first_name, '') || ' ' || k.last_name), concat_ws(' · ', k.job_title, o.name),
                        k.organisation_id
                   FROM contact k LEFT JOIN organisation o ON o.id = k.organisation_id WHERE k.id = ?1"
            }
            SearchEntity::Interaction => {
                "SELECT i.subject, concat_ws(' · ', o.name, substr(i.occurred_at, 1, 10)), i.organisation_id
                   FROM interaction i LEFT JOIN organisation o ON o.id = i.organisation_id WHERE i.id = ?1"
            }
        };
        let mut st = self.conn.prepare_cached(sql)?;
        let mut rows = st.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
        })?;
        let Some(row) = rows.next().transpose()? else {
            return Ok(None);
        };
        let (title, mut subtitle, org) = row;
        if entity == SearchEntity::Organisation {
            // Show the kind's French label rather than its code.
            subtitle = subtitle.map(|s| {
                let (kind, rest) = s.split_once(" · ").map_or((s.as_str(), ""), |(k, r)| (k, r));
                let label = tremplin_domain::organisation::OrgKind::parse(kind).map_or(kind, |k| k.label());
                if rest.is_empty() { label.to_string() } else { format!("{label} · {rest}") }
            });
        }
        Ok(Some(SearchHit {
            entity,
            id: parse_uuid("search", id)?,
            title,
            subtitle,
            organisation_id: org.map(|o| parse_uuid("search", &o)).transpose()?,
            exact,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_safe_prefix_queries() {
        assert_eq!(fts_query("Société Générale").as_deref(), Some("\"societe\"* \"generale\"*"));
        assert_eq!(fts_query("  \"OR\" NEAR( * ").as_deref(), Some("\"or\"* \"near\"*"));
        assert_eq!(fts_query("—"), None);
        assert_eq!(fts_query("732 829").as_deref(), Some("\"732\"* \"829\"*"));
        assert_eq!(fts_query("Boulangerie de Lille").as_deref(), Some("\"boulangerie\"* \"lille\"*"));
        assert_eq!(fts_query("La Poste").as_deref(), Some("\"poste\"*"));
        assert_eq!(fts_query("de la").as_deref(), Some("\"de\"* \"la\"*"), "only stop words: keep them");
    }
}
