//! Candidates put forward and hires as the need, person, employer and
//! convention pages, the dashboard and the CLI show them
//! (docs/placement.md). A person's name appears only where this device
//! holds the person: the hire itself names no one.

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::candidacy::{Candidacy, CandidacyStage, NotRetainedReason};
use tremplin_domain::hire::{Hire, HireTerms, HiredPerson};
use tremplin_domain::need::NeedContract;

use super::{clamp_limit, id_list};
use crate::connection::Store;
use crate::entity::Record;
use crate::error::StoreResult;
use crate::sql_types::{id, named, opt_id};

/// A candidacy as a need's page lists it (or a person's page: the need's
/// job and employer beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CandidacySummary {
    pub id: Uuid,
    pub need_id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub job_title: String,
    pub employer_id: Uuid,
    pub employer_name: String,
    pub stage: CandidacyStage,
    #[ts(type = "string")]
    pub stage_on: NaiveDate,
    pub reason: Option<NotRetainedReason>,
    /// The stages it may move to (« Embauché » goes through the hire form).
    pub moves: Vec<CandidacyStage>,
    /// The hire it led to, once hired.
    pub hire_id: Option<Uuid>,
}

/// A hire as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HireSummary {
    pub id: Uuid,
    pub employer_id: Uuid,
    pub employer_name: String,
    pub job_title: String,
    pub contract: NeedContract,
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    #[ts(type = "string | null")]
    pub planned_end_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub ended_on: Option<NaiveDate>,
    pub durable: bool,
    pub need_id: Option<Uuid>,
    pub convention_id: Option<Uuid>,
    pub officer_id: Uuid,
    pub officer_name: Option<String>,
    /// Who was hired, when this device holds the person.
    pub person_id: Option<Uuid>,
    pub person_name: Option<String>,
    /// The next follow-up not done (none once the hire ended).
    #[ts(type = "string | null")]
    pub next_follow_up_on: Option<NaiveDate>,
    pub next_follow_up_months: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct HireFilter {
    pub employer_id: Option<Uuid>,
    pub need_id: Option<Uuid>,
    pub officer_id: Option<Uuid>,
    pub person_id: Option<Uuid>,
    /// Started within these days (inclusive).
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// Only hires with a follow-up due on or before this day.
    #[ts(type = "string | null")]
    pub follow_up_due_by: Option<NaiveDate>,
    pub limit: u32,
}

const CANDIDACY_SELECT: &str = "SELECT c.id, c.need_id, c.person_id,
        p.first_name || ' ' || upper(p.last_name), n.job_title, n.employer_id, o.name, c.stage,
        coalesce(json_extract(c.history, '$[#-1].on'), c.consent_on), c.reason,
        (SELECT h.hire_id FROM hired_person h WHERE h.candidacy_id = c.id AND h.deleted_at IS NULL LIMIT 1)
   FROM candidacy c
   JOIN person p ON p.id = c.person_id
   JOIN recruitment_need n ON n.id = c.need_id
   JOIN organisation o ON o.id = n.employer_id";

fn candidacy_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CandidacySummary> {
    let stage: CandidacyStage = named(r, 7)?;
    Ok(CandidacySummary {
        id: id(r, 0)?,
        need_id: id(r, 1)?,
        person_id: id(r, 2)?,
        person_name: r.get(3)?,
        job_title: r.get(4)?,
        employer_id: id(r, 5)?,
        employer_name: r.get(6)?,
        stage,
        stage_on: r.get(8)?,
        reason: r.get::<_, Option<crate::sql_types::Named<NotRetainedReason>>>(9)?.map(|n| n.0),
        moves: CandidacyStage::ALL
            .into_iter()
            .filter(|to| *to != CandidacyStage::Embauche && stage.may_move_to(*to))
            .collect(),
        hire_id: opt_id(r, 10)?,
    })
}

/// Where a hire's next follow-up stands, and whether it is durable: read
/// from the hire itself (the rules are the domain's).
fn hire_facts(h: &Hire) -> (bool, Option<(NaiveDate, u32)>) {
    let next = h.follow_ups_due(NaiveDate::MAX).next().map(|f| (f.due_on, f.after_months));
    (h.is_durable(), next)
}

impl Store {
    /// The candidacies this device holds for a need, latest move first.
    pub fn candidacies_of_need(&self, need: Uuid) -> StoreResult<Vec<CandidacySummary>> {
        self.candidacies("c.need_id = ?1", &need.to_string())
    }

    /// A person's candidacies, latest move first.
    pub fn candidacies_of_person(&self, person: Uuid) -> StoreResult<Vec<CandidacySummary>> {
        self.candidacies("c.person_id = ?1", &person.to_string())
    }

    /// Candidacies of the people an officer follows awaiting the
    /// employer's answer (CV sent, interview), the longest waiting first.
    pub fn candidacies_awaiting(&self, officer: Uuid, limit: u32) -> StoreResult<Vec<CandidacySummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{CANDIDACY_SELECT}
              WHERE c.deleted_at IS NULL AND c.stage IN (SELECT value FROM json_each(?3))
                AND EXISTS (SELECT 1 FROM json_each(p.officer_ids) WHERE value = ?1)
              ORDER BY 9, c.id LIMIT ?2"
        ))?;
        // The stages are the domain's (`CandidacyStage::awaits_employer`).
        let waiting: Vec<&str> = CandidacyStage::ALL
            .into_iter()
            .filter(|s| s.awaits_employer())
            .map(CandidacyStage::as_str)
            .collect();
        let rows = st.query_map(
            rusqlite::params![
                officer.to_string(),
                clamp_limit(limit),
                serde_json::to_string(&waiting).unwrap_or_default()
            ],
            candidacy_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn candidacies(&self, condition: &str, arg: &str) -> StoreResult<Vec<CandidacySummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{CANDIDACY_SELECT} WHERE c.deleted_at IS NULL AND {condition} ORDER BY 9 DESC, c.id LIMIT 500"
        ))?;
        let rows = st.query_map([arg], candidacy_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The live candidacy of a person on a need, if any.
    pub fn candidacy_of(&self, need: Uuid, person: Uuid) -> StoreResult<Option<Record<Candidacy>>> {
        let mut found = self.records_where::<Candidacy>(
            "need_id = ?1 AND person_id = ?2",
            "created_at",
            &[need.to_string().into(), person.to_string().into()],
        )?;
        Ok(found.pop())
    }

    /// Who was hired, when this device holds the link.
    pub fn hired_person_of(&self, hire: Uuid) -> StoreResult<Option<Record<HiredPerson>>> {
        Ok(self.records_where::<HiredPerson>("hire_id = ?1", "created_at", &[hire.to_string().into()])?.pop())
    }

    /// Hires matching `f`, latest start first.
    pub fn hires(&self, f: &HireFilter) -> StoreResult<Vec<HireSummary>> {
        self.hires_matching(f, None)
    }

    pub fn hire_summary(&self, id: Uuid) -> StoreResult<Option<HireSummary>> {
        Ok(self.hires_matching(&HireFilter::default(), Some(id))?.pop())
    }

    fn hires_matching(&self, f: &HireFilter, only: Option<Uuid>) -> StoreResult<Vec<HireSummary>> {
        // Due follow-ups: the oldest hires, whose are the most overdue, first
        // (in index order: the scan stops at the page's end).
        let order = if f.follow_up_due_by.is_some() { "ASC" } else { "DESC" };
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT h.id, h.employer_id, o.name, h.officer_id, f.display_name, hp.person_id,
                    p.first_name || ' ' || upper(p.last_name)
               FROM hire h
               JOIN organisation o ON o.id = h.employer_id
               LEFT JOIN officer f ON f.id = h.officer_id
               LEFT JOIN hired_person hp ON hp.hire_id = h.id AND hp.deleted_at IS NULL
               LEFT JOIN person p ON p.id = hp.person_id AND p.deleted_at IS NULL
              WHERE h.deleted_at IS NULL
                AND (?1 IS NULL OR h.employer_id = ?1
                     OR h.employer_id IN (SELECT id FROM organisation WHERE parent_id = ?1))
                AND (?2 IS NULL OR h.need_id = ?2)
                AND (?3 IS NULL OR h.officer_id = ?3)
                AND (?4 IS NULL OR hp.person_id = ?4)
                AND (?5 IS NULL OR h.starts_on >= ?5)
                AND (?6 IS NULL OR h.starts_on <= ?6)
                AND (?8 IS NULL OR h.id = ?8)
                -- A follow-up not done, due by then, before any departure
                -- (`Hire::follow_ups_due`, which reads the kept rows again).
                AND (?9 IS NULL OR EXISTS (
                      SELECT 1 FROM json_each(h.follow_ups) u
                       WHERE json_extract(u.value, '$.done_on') IS NULL
                         AND json_extract(u.value, '$.due_on') <= ?9
                         AND (h.ended_on IS NULL OR h.ended_on >= json_extract(u.value, '$.due_on'))))
              ORDER BY h.starts_on {order}, h.id
              LIMIT ?7"
        ))?;
        let limit = clamp_limit(if f.limit == 0 { 200 } else { f.limit });
        let s = |u: Option<Uuid>| u.map(|u| u.to_string());
        let rows = st.query_map(
            rusqlite::params![
                s(f.employer_id),
                s(f.need_id),
                s(f.officer_id),
                s(f.person_id),
                f.from.map(|d| d.to_string()),
                f.to.map(|d| d.to_string()),
                limit,
                s(only),
                f.follow_up_due_by.map(|d| d.to_string())
            ],
            |r| {
                Ok((
                    id(r, 0)?,
                    id(r, 1)?,
                    r.get::<_, String>(2)?,
                    id(r, 3)?,
                    r.get::<_, Option<String>>(4)?,
                    opt_id(r, 5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )?;
        let found: Vec<_> = rows.collect::<Result<_, _>>()?;
        let ids: Vec<Uuid> = found.iter().map(|r| r.0).collect();
        let hires: std::collections::HashMap<Uuid, Hire> = self
            .records_where::<Hire>(
                "id IN (SELECT value FROM json_each(?1))",
                "id",
                &[SqlValue::Text(id_list(&ids))],
            )?
            .into_iter()
            .map(|r| (r.id, r.data))
            .collect();
        let mut out = Vec::new();
        for (hid, employer_id, employer_name, officer_id, officer_name, person_id, person_name) in found {
            let Some(h) = hires.get(&hid) else { continue };
            let (durable, next) = hire_facts(h);
            if let Some(by) = f.follow_up_due_by
                && h.follow_ups_due(by).next().is_none()
            {
                continue;
            }
            out.push(HireSummary {
                id: hid,
                employer_id,
                employer_name,
                job_title: h.job_title.clone(),
                contract: h.contract,
                starts_on: h.starts_on,
                planned_end_on: h.planned_end_on,
                ended_on: h.ended_on,
                durable,
                need_id: h.need_id,
                convention_id: h.convention_id,
                officer_id,
                officer_name,
                person_id,
                person_name,
                next_follow_up_on: next.map(|n| n.0),
                next_follow_up_months: next.map(|n| n.1),
            });
            if out.len() >= limit as usize {
                break;
            }
        }
        Ok(out)
    }

    /// The hires at these organisations (a brief's reach) started within
    /// the days given.
    pub fn hires_at(&self, organisations: &[Uuid], from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<Hire>> {
        Ok(self
            .records_where::<Hire>(
                "employer_id IN (SELECT value FROM json_each(?1)) AND starts_on BETWEEN ?2 AND ?3",
                "starts_on",
                &[SqlValue::Text(id_list(organisations)), from.to_string().into(), to.to_string().into()],
            )?
            .into_iter()
            .map(|r| r.data)
            .collect())
    }

    /// What the conventions count of the hires counting for a convention
    /// (any of its versions), started within the days given: three
    /// columns, nothing decoded.
    pub fn hire_terms_for_conventions(
        &self,
        conventions: &[Uuid],
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<HireTerms>> {
        let mut st = self.conn.prepare_cached(
            "SELECT contract, starts_on, planned_end_on FROM hire
              WHERE deleted_at IS NULL AND convention_id IN (SELECT value FROM json_each(?1))
                AND starts_on BETWEEN ?2 AND ?3",
        )?;
        let rows = st
            .query_map(rusqlite::params![id_list(conventions), from.to_string(), to.to_string()], |r| {
                Ok(HireTerms { contract: named(r, 0)?, starts_on: r.get(1)?, planned_end_on: r.get(2)? })
            })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
