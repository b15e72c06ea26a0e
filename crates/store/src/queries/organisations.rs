//! Organisation lists (filters, sort, paging), details and hierarchy.

use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::organisation::{OrgKind, OrgStatus, Organisation};

use super::{Page, clamp_limit};
use crate::connection::Store;
use crate::entity::Record;
use crate::error::{StoreError, StoreResult};
use crate::meta::parse_uuid;
use crate::search::fts_query;
use crate::sql_types::{id, named, opt_id};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrgSort {
    #[default]
    Name,
    Commune,
    UpdatedAt,
    CreatedAt,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OrganisationFilter {
    /// Any of these kinds (empty: all).
    pub kinds: Vec<OrgKind>,
    pub dt_code: Option<String>,
    pub epci_siren: Option<String>,
    pub status: Option<OrgStatus>,
    pub owner_id: Option<Uuid>,
    pub tag: Option<String>,
    pub parent_id: Option<Uuid>,
    /// Words to find (name, SIRET, commune…), prefix-matched, accents ignored.
    pub text: Option<String>,
    pub sort: OrgSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

/// A row of the organisations list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrganisationSummary {
    pub id: Uuid,
    pub kind: OrgKind,
    pub name: String,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub commune_code: Option<String>,
    pub commune_name: Option<String>,
    pub epci_siren: Option<String>,
    pub epci_name: Option<String>,
    pub dt_code: Option<String>,
    pub dt_name: Option<String>,
    pub status: OrgStatus,
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub parent_id: Option<Uuid>,
    pub tags: Vec<String>,
    pub updated_at: String,
    pub last_contact_at: Option<String>,
}

const SUMMARY_COLUMNS: &str = "o.id, o.kind, o.name, o.siren, o.siret, o.commune_code, c.nom,
        o.epci_siren, e.nom, o.dt_code, d.nom, o.status, o.owner_id, f.display_name, o.parent_id,
        o.tags, o.updated_at,
        (SELECT max(i.occurred_at) FROM interaction i
          WHERE i.organisation_id = o.id AND i.deleted_at IS NULL)";

const SUMMARY_JOINS: &str = "LEFT JOIN ref_commune c ON c.code = o.commune_code
   LEFT JOIN ref_epci e ON e.siren = o.epci_siren
   LEFT JOIN ref_dt d ON d.code = o.dt_code
   LEFT JOIN officer f ON f.id = o.owner_id";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OrganisationSummary> {
    let tags: String = r.get(15)?;
    Ok(OrganisationSummary {
        id: id(r, 0)?,
        kind: named(r, 1)?,
        name: r.get(2)?,
        siren: r.get(3)?,
        siret: r.get(4)?,
        commune_code: r.get(5)?,
        commune_name: r.get(6)?,
        epci_siren: r.get(7)?,
        epci_name: r.get(8)?,
        dt_code: r.get(9)?,
        dt_name: r.get(10)?,
        status: named(r, 11)?,
        owner_id: opt_id(r, 12)?,
        owner_name: r.get(13)?,
        parent_id: opt_id(r, 14)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        updated_at: r.get(16)?,
        last_contact_at: r.get(17)?,
    })
}

/// Builds the WHERE clause shared by the page and its count.
fn filter_clause(f: &OrganisationFilter) -> (String, Vec<SqlValue>) {
    let mut sql = String::from(" WHERE o.deleted_at IS NULL");
    let mut args: Vec<SqlValue> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, v: SqlValue| {
        args.push(v);
        sql.push_str(&clause.replace("?", &format!("?{}", args.len())));
    };
    if !f.kinds.is_empty() {
        let list = f.kinds.iter().map(|k| format!("'{}'", k.as_str())).collect::<Vec<_>>().join(", ");
        sql.push_str(&format!(" AND o.kind IN ({list})"));
    }
    if let Some(dt) = &f.dt_code {
        arg(&mut sql, " AND o.dt_code = ?", dt.clone().into());
    }
    if let Some(epci) = &f.epci_siren {
        arg(&mut sql, " AND o.epci_siren = ?", epci.clone().into());
    }
    if let Some(s) = f.status {
        arg(&mut sql, " AND o.status = ?", s.as_str().to_string().into());
    }
    if let Some(owner) = f.owner_id {
        arg(&mut sql, " AND o.owner_id = ?", owner.to_string().into());
    }
    if let Some(tag) = f.tag.as_deref().filter(|t| !t.trim().is_empty()) {
        arg(
            &mut sql,
            " AND o.id IN (SELECT organisation_id FROM organisation_tag WHERE tag_key = ?)",
            tremplin_domain::text::name_key(tag).into(),
        );
    }
    if let Some(p) = f.parent_id {
        arg(&mut sql, " AND o.parent_id = ?", p.to_string().into());
    }
    if let Some(q) = f.text.as_deref().and_then(fts_query) {
        arg(
            &mut sql,
            " AND o.id IN (SELECT d.row_id FROM search_fts_organisation f JOIN search_doc d ON d.rowid = f.rowid
                           WHERE search_fts_organisation MATCH ?)",
            q.into(),
        );
    }
    (sql, args)
}

/// How many organisations a territorial direction holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DtCount {
    pub dt_code: Option<String>,
    pub dt_name: Option<String>,
    pub organisations: u64,
}

/// An organisation with everything its page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrganisationDetail {
    pub id: Uuid,
    pub data: Organisation,
    pub created_at: String,
    pub updated_at: String,
    /// Server version (0: not yet synced).
    pub version: i64,
    pub siren_display: Option<String>,
    pub siret_display: Option<String>,
    pub phone_display: Option<String>,
    pub naf_label: Option<String>,
    pub headcount_label: Option<String>,
    pub commune_name: Option<String>,
    pub epci_siren: Option<String>,
    pub epci_name: Option<String>,
    pub dt_code: Option<String>,
    pub dt_name: Option<String>,
    pub owner_name: Option<String>,
    pub parent: Option<OrganisationSummary>,
    /// Establishments (or members) attached to this organisation.
    pub children: Vec<OrganisationSummary>,
    /// Whether establishments may be attached to it (by its kind).
    pub can_have_establishments: bool,
    pub contact_count: u64,
    pub interaction_count: u64,
    pub open_task_count: u64,
}

impl Store {
    pub fn list_organisations(&self, f: &OrganisationFilter) -> StoreResult<Page<OrganisationSummary>> {
        let (where_sql, args) = filter_clause(f);
        let total: u64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM organisation o{where_sql}"))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
        let dir = if f.descending { "DESC" } else { "ASC" };
        let order = match f.sort {
            // Tie-breakers follow the direction so an index serves both ways.
            OrgSort::Name => format!("o.name_key {dir}, o.id {dir}"),
            OrgSort::Commune => format!("o.commune_rank {dir}, o.name_key {dir}, o.id {dir}"),
            OrgSort::UpdatedAt => format!("o.updated_at {dir}, o.id {dir}"),
            OrgSort::CreatedAt => format!("o.created_at {dir}, o.id {dir}"),
        };
        let limit = clamp_limit(if f.limit == 0 { 50 } else { f.limit });
        // First the page's ids, which the list indexes answer alone; then
        // the display rows of those ids only.
        let join = if f.sort == OrgSort::Commune {
            " LEFT JOIN ref_commune c ON c.code = o.commune_code"
        } else {
            ""
        };
        let sql = format!(
            "SELECT o.id FROM organisation o{join}{where_sql} ORDER BY {order} LIMIT {limit} OFFSET {}",
            f.offset
        );
        let ids: Vec<String> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(args.iter()), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            items.extend(self.summary_by_text_id(&id)?);
        }
        Ok(Page { total, offset: u64::from(f.offset), items })
    }

    pub fn organisation_summary(&self, id: Uuid) -> StoreResult<Option<OrganisationSummary>> {
        self.summary_by_text_id(&id.to_string())
    }

    fn summary_by_text_id(&self, id: &str) -> StoreResult<Option<OrganisationSummary>> {
        let raw = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM organisation o {SUMMARY_JOINS} WHERE o.id = ?1 AND o.deleted_at IS NULL"
            ))?
            .query_row([id], summary_row)
            .optional()?;
        Ok(raw)
    }

    pub fn organisation_detail(&self, id: Uuid) -> StoreResult<Option<OrganisationDetail>> {
        let Some(Record { data, created_at, updated_at, deleted_at: None, version, .. }) =
            self.get::<Organisation>(id)?
        else {
            return Ok(None);
        };
        let summary =
            self.organisation_summary(id)?.ok_or(StoreError::NotFound { entity: "Organisation", id })?;
        let parent = data.parent_id.map(|p| self.organisation_summary(p)).transpose()?.flatten();
        let children = self
            .list_organisations(&OrganisationFilter {
                parent_id: Some(id),
                limit: super::MAX_PAGE,
                ..Default::default()
            })?
            .items;
        let count =
            |sql: &str| -> StoreResult<u64> { Ok(self.conn.query_row(sql, [id.to_string()], |r| r.get(0))?) };
        let contact_count =
            count("SELECT count(*) FROM contact WHERE organisation_id = ?1 AND deleted_at IS NULL")?;
        let interaction_count =
            count("SELECT count(*) FROM interaction WHERE organisation_id = ?1 AND deleted_at IS NULL")?;
        let open_task_count = count(
            "SELECT count(*) FROM task WHERE organisation_id = ?1 AND deleted_at IS NULL AND status = 'a_faire'",
        )?;
        let naf_label = match (&data.naf_code, data.naf_version) {
            (Some(c), Some(v)) => self.naf_label(v.as_str(), c.as_str())?,
            _ => None,
        };
        Ok(Some(OrganisationDetail {
            id,
            siren_display: data.siren.as_ref().map(|s| s.grouped()),
            siret_display: data.siret.as_ref().map(|s| s.grouped()),
            phone_display: data.phone.as_ref().map(|p| p.display()),
            naf_label,
            headcount_label: data
                .headcount_band
                .as_deref()
                .and_then(tremplin_domain::organisation::headcount_label)
                .map(str::to_string),
            commune_name: summary.commune_name,
            epci_siren: summary.epci_siren,
            epci_name: summary.epci_name,
            dt_code: summary.dt_code,
            dt_name: summary.dt_name,
            owner_name: summary.owner_name,
            parent,
            children,
            can_have_establishments: data.kind.can_have_establishments(),
            contact_count,
            interaction_count,
            open_task_count,
            created_at: tremplin_domain::time::format(&created_at),
            updated_at: tremplin_domain::time::format(&updated_at),
            version,
            data,
        }))
    }

    /// Live organisations with this SIRET (duplicates check).
    pub fn organisations_with_siret(&self, siret: &str) -> StoreResult<Vec<Uuid>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM organisation WHERE siret = ?1 AND deleted_at IS NULL")?;
        let ids = st.query_map([siret], |r| r.get::<_, String>(0))?;
        ids.map(|s| parse_uuid("organisation", &s?)).collect()
    }

    /// Portfolio counts by DT (organisations without a commune under `None`).
    pub fn organisation_counts_by_dt(&self) -> StoreResult<Vec<DtCount>> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.dt_code, d.nom, count(*) FROM organisation o
               LEFT JOIN ref_commune c ON c.code = o.commune_code LEFT JOIN ref_dt d ON d.code = c.dt_code
              WHERE o.deleted_at IS NULL GROUP BY c.dt_code ORDER BY d.nom",
        )?;
        let rows = st.query_map([], |r| {
            Ok(DtCount { dt_code: r.get(0)?, dt_name: r.get(1)?, organisations: r.get(2)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
