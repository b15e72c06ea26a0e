//! Partnerships: conventions (with their commitments and committees), the
//! members of employer groupings, key-account plans, and the organisations
//! a group or a convention reaches (what briefs roll up).

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::Value as SqlValue;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::account::AccountObjective;
use tremplin_domain::commitment::Commitment;
use tremplin_domain::committee::CommitteeMeeting;
use tremplin_domain::convention::{Convention, ConventionStatus};
use tremplin_domain::grouping::Membership;

use super::organisations::OrganisationSummary;
use crate::connection::Store;
use crate::entity::{self, Entity, Record};
use crate::error::StoreResult;
use crate::sql_types::named;

/// A row of the conventions list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConventionSummary {
    pub id: Uuid,
    pub number: String,
    pub title: String,
    pub version_no: u32,
    pub status: ConventionStatus,
    /// Partner names, in the convention's order.
    pub partners: Vec<String>,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
    /// A later version (avenant) of the same convention has been signed.
    pub superseded: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ConventionFilter {
    pub status: Option<ConventionStatus>,
    /// Conventions this organisation (or one of its establishments or
    /// members) is party to or covered by.
    pub organisation_id: Option<Uuid>,
    /// Hide versions replaced by an avenant.
    pub latest_only: bool,
}

/// A grouping's member with its territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MemberView {
    pub membership_id: Uuid,
    pub membership: Membership,
    pub member: OrganisationSummary,
    /// Commune population under 2,000 (the rural proxy of docs/domain/territories.md « Rural proxy »
    /// until the density grid is loaded).
    pub rural: bool,
}

impl Store {
    /// Live records of `E` matching `where_sql` (on the table's columns),
    /// in `order_sql` order.
    pub fn records_where<E: Entity>(
        &self,
        where_sql: &str,
        order_sql: &str,
        args: &[SqlValue],
    ) -> StoreResult<Vec<Record<E>>> {
        select_records(&self.conn, where_sql, order_sql, args)
    }

    /// How many live rows of `table` match `where_sql` (one text argument `?1`).
    pub fn count_where(&self, table: &str, where_sql: &str, arg: &str) -> StoreResult<u64> {
        count_where(&self.conn, table, where_sql, arg)
    }

    pub fn list_conventions(&self, f: &ConventionFilter) -> StoreResult<Vec<ConventionSummary>> {
        let mut where_sql = String::from("1 = 1");
        let mut args: Vec<SqlValue> = Vec::new();
        if let Some(s) = f.status {
            args.push(s.as_str().to_string().into());
            where_sql.push_str(&format!(" AND status = ?{}", args.len()));
        }
        if let Some(org) = f.organisation_id {
            // Its own conventions, those of what is below it, and those its
            // group signed (an establishment is covered by its group's).
            args.push(org.to_string().into());
            let n = args.len();
            where_sql.push_str(&format!(
                " AND id IN (SELECT convention_id FROM convention_party WHERE organisation_id IN ({}
                     UNION SELECT parent_id FROM organisation WHERE id = ?{n} AND parent_id IS NOT NULL))",
                reach_sql(n)
            ));
        }
        if f.latest_only {
            where_sql.push_str(&format!(
                " AND NOT EXISTS (SELECT 1 FROM convention n WHERE {SUPERSEDING_WHERE} AND n.previous_id = convention.id)"
            ));
        }
        let rows = self.records_where::<Convention>(&where_sql, "number, version_no", &args)?;
        let superseded: std::collections::HashSet<String> = self
            .conn
            .prepare_cached(&format!("SELECT n.previous_id FROM convention n WHERE {SUPERSEDING_WHERE}"))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let partners = self.organisation_names(&r.data.partner_ids)?;
            out.push(ConventionSummary {
                id: r.id,
                number: r.data.number.clone(),
                title: r.data.title.clone(),
                version_no: r.data.version_no,
                status: r.data.status,
                partners,
                starts_on: r.data.starts_on,
                ends_on: r.data.ends_on(),
                superseded: superseded.contains(&r.id.to_string()),
            });
        }
        Ok(out)
    }

    /// Names of these organisations, in this order (deleted ones included:
    /// a signed convention keeps naming its parties).
    pub fn organisation_names(&self, ids: &[Uuid]) -> StoreResult<Vec<String>> {
        let mut st = self.conn.prepare_cached("SELECT name FROM organisation WHERE id = ?1")?;
        ids.iter()
            .map(|id| {
                Ok(st
                    .query_row([id.to_string()], |r| r.get::<_, String>(0))
                    .unwrap_or_else(|_| "(organisation inconnue)".to_string()))
            })
            .collect()
    }

    pub fn organisation_summaries(&self, ids: &[Uuid]) -> StoreResult<Vec<OrganisationSummary>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(s) = self.organisation_summary(*id)? {
                out.push(s);
            }
        }
        Ok(out)
    }

    pub fn commitments_of(&self, convention_id: Uuid) -> StoreResult<Vec<Record<Commitment>>> {
        self.records_where("convention_id = ?1", "position, created_at", &[convention_id.to_string().into()])
    }

    pub fn committees_of(&self, convention_id: Uuid) -> StoreResult<Vec<Record<CommitteeMeeting>>> {
        self.records_where("convention_id = ?1", "held_on DESC", &[convention_id.to_string().into()])
    }

    pub fn objectives_of(&self, organisation_id: Uuid) -> StoreResult<Vec<Record<AccountObjective>>> {
        self.records_where("organisation_id = ?1", "year DESC, title", &[organisation_id.to_string().into()])
    }

    /// Versions of a convention, first to last, following `previous_id`.
    pub fn convention_versions(&self, id: Uuid) -> StoreResult<Vec<(Uuid, u32, ConventionStatus)>> {
        let sql = "WITH RECURSIVE up(id, previous_id) AS (
                SELECT id, previous_id FROM convention WHERE id = ?1
                UNION SELECT c.id, c.previous_id FROM convention c JOIN up ON c.id = up.previous_id),
              root(id) AS (SELECT id FROM up WHERE previous_id IS NULL),
              down(id) AS (SELECT id FROM root UNION SELECT c.id FROM convention c JOIN down ON c.previous_id = down.id
                            WHERE c.deleted_at IS NULL)
            SELECT c.id, c.version_no, c.status FROM convention c WHERE c.id IN (SELECT id FROM down)
             ORDER BY c.version_no";
        let mut st = self.conn.prepare_cached(sql)?;
        let rows = st
            .query_map([id.to_string()], |r| {
                Ok((crate::sql_types::id(r, 0)?, r.get::<_, u32>(1)?, named::<ConventionStatus>(r, 2)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Members of a grouping (current and former), with their territory.
    pub fn members_of(&self, grouping_id: Uuid) -> StoreResult<Vec<MemberView>> {
        let rows = self.records_where::<Membership>(
            "grouping_id = ?1",
            "joined_on, id",
            &[grouping_id.to_string().into()],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        let mut pop = self.conn.prepare_cached(
            "SELECT c.population FROM organisation o JOIN ref_commune c ON c.code = o.commune_code WHERE o.id = ?1",
        )?;
        for r in rows {
            let Some(member) = self.organisation_summary(r.data.member_id)? else { continue };
            let population: Option<i64> =
                pop.query_row([r.data.member_id.to_string()], |x| x.get(0)).ok().flatten();
            out.push(MemberView {
                membership_id: r.id,
                membership: r.data,
                member,
                rural: population.is_some_and(|p| p < 2_000),
            });
        }
        Ok(out)
    }

    /// The organisation and everything below it: its establishments and,
    /// for a grouping, its current members (and their establishments).
    pub fn reach_of(&self, organisation_id: Uuid) -> StoreResult<Vec<Uuid>> {
        let sql = format!("SELECT id FROM organisation WHERE id IN ({})", reach_sql(1));
        let mut st = self.conn.prepare_cached(&sql)?;
        let ids = st
            .query_map([organisation_id.to_string()], |r| crate::sql_types::id(r, 0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Live conventions naming this organisation (partner, third party or
    /// covered establishment).
    pub fn conventions_naming(&self, organisation_id: Uuid) -> StoreResult<u64> {
        Ok(self.conn.query_row(
            "SELECT count(DISTINCT p.convention_id) FROM convention_party p
               JOIN convention c ON c.id = p.convention_id AND c.deleted_at IS NULL
              WHERE p.organisation_id = ?1",
            [organisation_id.to_string()],
            |r| r.get(0),
        )?)
    }

    /// Memberships in which this organisation is the grouping or the member.
    pub fn memberships_involving(&self, organisation_id: Uuid) -> StoreResult<Vec<Record<Membership>>> {
        self.records_where("grouping_id = ?1 OR member_id = ?1", "id", &[organisation_id.to_string().into()])
    }
}

/// A later version replaces an earlier one once it is signed: until then
/// (a draft or an avenant being signed) the earlier one stays in force.
const SUPERSEDING_WHERE: &str = "n.previous_id IS NOT NULL AND n.deleted_at IS NULL
      AND n.status NOT IN ('brouillon', 'en_signature')";

/// SQL for the ids an organisation reaches, its id being parameter `?n`.
fn reach_sql(n: usize) -> String {
    format!(
        "WITH RECURSIVE reach(id) AS (
            SELECT ?{n}
            UNION SELECT o.id FROM organisation o JOIN reach r ON o.parent_id = r.id WHERE o.deleted_at IS NULL
            UNION SELECT m.member_id FROM membership m JOIN reach r ON m.grouping_id = r.id
                   WHERE m.deleted_at IS NULL AND (m.left_on IS NULL OR m.left_on >= date('now')))
         SELECT id FROM reach"
    )
}

fn to_record<E: Entity + DeserializeOwned>(
    id_s: &str,
    created: &str,
    updated: &str,
    version: i64,
    vals: Vec<SqlValue>,
) -> StoreResult<Record<E>> {
    let data: E = entity::decode(vals, id_s)?;
    Ok(Record {
        id: id_s.parse().map_err(|e| entity::corrupt::<E>(id_s, e))?,
        created_at: entity::parse_time::<E>(id_s, created)?,
        updated_at: entity::parse_time::<E>(id_s, updated)?,
        deleted_at: None,
        version,
        data,
    })
}

/// Live records of `E` matching `where_sql`, on any connection (the
/// store's, or a writer's transaction).
/// The count behind [`Store::count_where`] and the writer's, on any connection.
pub(crate) fn count_where(
    conn: &rusqlite::Connection,
    table: &str,
    where_sql: &str,
    arg: &str,
) -> StoreResult<u64> {
    let sql = format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL AND ({where_sql})");
    Ok(conn.prepare_cached(&sql)?.query_row([arg], |r| r.get(0))?)
}

pub(crate) fn select_records<E: Entity>(
    conn: &rusqlite::Connection,
    where_sql: &str,
    order_sql: &str,
    args: &[SqlValue],
) -> StoreResult<Vec<Record<E>>> {
    let cols: Vec<&str> = E::FIELDS.iter().map(|f| f.name).collect();
    let sql = format!(
        "SELECT id, created_at, updated_at, version, {} FROM {} WHERE deleted_at IS NULL AND ({where_sql}) ORDER BY {order_sql}",
        cols.join(", "),
        E::TABLE
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params_from_iter(args.iter()), |r| {
        let vals: Vec<SqlValue> = (0..cols.len()).map(|i| r.get(i + 4)).collect::<Result<_, _>>()?;
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            vals,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id_s, created, updated, version, vals) = row?;
        out.push(to_record::<E>(&id_s, &created, &updated, version, vals)?);
    }
    Ok(out)
}
