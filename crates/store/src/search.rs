//! Global search over organisations, contacts and the contact log.
//!
//! Each word of the query is prefix-matched ("soc" finds "Société"), accents
//! and case are ignored on both sides, and all words must match. Records
//! whose whole name equals the query come first, then FTS5's bm25 ranking
//! (titles weigh more than bodies).

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

/// Turns what the officer typed into an FTS5 query: every word quoted (no
/// operator injection) and prefix-matched. `None` when nothing is left.
pub fn fts_query(input: &str) -> Option<String> {
    let folded = fold(input);
    let terms: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(16)
        .map(|t| format!("\"{t}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
    pub fn search(&self, input: &str, entities: &[SearchEntity], limit: u32) -> StoreResult<Vec<SearchHit>> {
        let Some(q) = fts_query(input) else {
            return Ok(Vec::new());
        };
        let limit = limit.clamp(1, 200);
        let key = name_key(input);
        let filter = if entities.is_empty() {
            String::new()
        } else {
            let list = entities.iter().map(|e| format!("'{}'", e.as_str())).collect::<Vec<_>>().join(", ");
            format!(" AND d.entity IN ({list})")
        };

        let mut found: Vec<(String, String, bool)> = Vec::new();
        {
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT d.entity, d.row_id FROM search_doc d WHERE d.title_key = ?1{filter} LIMIT ?2"
            ))?;
            let rows = st.query_map(rusqlite::params![key, limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for r in rows {
                let (e, id) = r?;
                found.push((e, id, true));
            }
        }
        {
            let sql = if entities.is_empty() {
                "SELECT d.entity, d.row_id FROM
                   (SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rank LIMIT ?2) h
                   JOIN search_doc d ON d.rowid = h.rowid ORDER BY h.rank"
                    .to_string()
            } else {
                format!(
                    "SELECT d.entity, d.row_id FROM search_fts JOIN search_doc d ON d.rowid = search_fts.rowid
                      WHERE search_fts MATCH ?1{filter} ORDER BY search_fts.rank LIMIT ?2"
                )
            };
            let mut st = self.conn.prepare_cached(&sql)?;
            let rows = st.query_map(rusqlite::params![q, limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for r in rows {
                let (e, id): (String, String) = r?;
                if !found.iter().any(|(_, fid, _)| *fid == id) {
                    found.push((e, id, false));
                }
            }
        }
        found.truncate(limit as usize);
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
    }
}
