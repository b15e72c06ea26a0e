//! Events as their list, their page, a person's page, the dashboard and
//! the conventions read them (docs/placement.md « Events »). A person's
//! name appears only where this device holds her.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::event::{EventKind, EventStatus, InvitationStatus};

use super::{clamp_limit, id_list};
use crate::connection::Store;
use crate::error::StoreResult;
use crate::sql_types::{id, named, opt_id};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EventFilter {
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    pub kind: Option<EventKind>,
    pub status: Option<EventStatus>,
    /// Events this officer organises.
    pub organiser_id: Option<Uuid>,
    /// Events this organisation (or an establishment of it) takes part in,
    /// as an employer or a partner.
    pub organisation_id: Option<Uuid>,
    /// Latest first (past events); otherwise soonest first.
    pub latest_first: bool,
    /// 0: 200.
    pub limit: u32,
}

/// An event as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EventSummary {
    pub id: Uuid,
    pub kind: EventKind,
    pub title: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub place: String,
    pub commune_name: Option<String>,
    pub status: EventStatus,
    pub employer_count: u32,
    pub need_count: u32,
    pub capacity: Option<u32>,
    pub organiser_ids: Vec<Uuid>,
}

/// An invitation as an event's page lists it (or a person's page: the
/// event beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InvitationSummary {
    pub id: Uuid,
    pub event_id: Uuid,
    pub event_title: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub person_id: Uuid,
    pub person_name: String,
    pub commune_name: Option<String>,
    pub need_id: Option<Uuid>,
    pub need_title: Option<String>,
    pub status: InvitationStatus,
    #[ts(type = "string")]
    pub status_on: NaiveDate,
}

const EVENT_COLUMNS: &str =
    "e.id, e.kind, e.title, e.held_on, e.starts_at, e.ends_at, e.place, c.nom, e.status,
        json_array_length(e.employer_ids), json_array_length(e.need_ids), e.capacity, e.organiser_ids";

fn event_summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventSummary> {
    let organisers: String = r.get(12)?;
    Ok(EventSummary {
        id: id(r, 0)?,
        kind: named(r, 1)?,
        title: r.get(2)?,
        held_on: named(r, 3)?,
        starts_at: r.get(4)?,
        ends_at: r.get(5)?,
        place: r.get(6)?,
        commune_name: r.get(7)?,
        status: named(r, 8)?,
        employer_count: r.get(9)?,
        need_count: r.get(10)?,
        capacity: r.get(11)?,
        organiser_ids: serde_json::from_str(&organisers).unwrap_or_default(),
    })
}

fn invitation_summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<InvitationSummary> {
    Ok(InvitationSummary {
        id: id(r, 0)?,
        event_id: id(r, 1)?,
        event_title: r.get(2)?,
        held_on: named(r, 3)?,
        person_id: id(r, 4)?,
        person_name: r.get(5)?,
        commune_name: r.get(6)?,
        need_id: opt_id(r, 7)?,
        need_title: r.get(8)?,
        status: named(r, 9)?,
        status_on: named(r, 10)?,
    })
}

const INVITATION_SELECT: &str = "SELECT i.id, i.event_id, e.title, e.held_on, i.person_id,
        p.first_name || ' ' || upper(p.last_name), c.nom, i.need_id, n.job_title, i.status, i.status_on
   FROM event_invitation i
   JOIN event e ON e.id = i.event_id
   JOIN person p ON p.id = i.person_id AND p.deleted_at IS NULL
   LEFT JOIN ref_commune c ON c.code = p.commune_code
   LEFT JOIN recruitment_need n ON n.id = i.need_id
  WHERE i.deleted_at IS NULL";

impl Store {
    pub fn events(&self, f: &EventFilter) -> StoreResult<Vec<EventSummary>> {
        let order = if f.latest_first { "DESC" } else { "ASC" };
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS}
               FROM event e
               LEFT JOIN ref_commune c ON c.code = e.commune_code
              WHERE e.deleted_at IS NULL
                AND (?1 IS NULL OR e.held_on >= ?1)
                AND (?2 IS NULL OR e.held_on <= ?2)
                AND (?3 IS NULL OR e.kind = ?3)
                AND (?4 IS NULL OR e.status = ?4)
                AND (?5 IS NULL OR EXISTS (SELECT 1 FROM json_each(e.organiser_ids) WHERE value = ?5))
                AND (?6 IS NULL OR EXISTS (
                      SELECT 1 FROM json_each(e.employer_ids) j
                       WHERE j.value = ?6 OR j.value IN (SELECT id FROM organisation WHERE parent_id = ?6)
                      UNION ALL
                      SELECT 1 FROM json_each(e.partner_ids) j WHERE j.value = ?6))
              ORDER BY e.held_on {order}, e.starts_at {order}, e.id
              LIMIT ?7"
        ))?;
        let limit = clamp_limit(if f.limit == 0 { 200 } else { f.limit });
        let s = |u: Option<Uuid>| u.map(|u| u.to_string());
        let rows = st.query_map(
            rusqlite::params![
                f.from.map(|d| d.to_string()),
                f.to.map(|d| d.to_string()),
                f.kind.map(EventKind::as_str),
                f.status.map(EventStatus::as_str),
                s(f.organiser_id),
                s(f.organisation_id),
                limit
            ],
            event_summary,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn event_summary(&self, event: Uuid) -> StoreResult<Option<EventSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM event e LEFT JOIN ref_commune c ON c.code = e.commune_code
              WHERE e.id = ?1 AND e.deleted_at IS NULL"
        ))?;
        let mut rows = st.query_map([event.to_string()], event_summary)?;
        Ok(rows.next().transpose()?)
    }

    /// The invitations of an event this device holds, by name.
    pub fn invitations_of_event(&self, event: Uuid) -> StoreResult<Vec<InvitationSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{INVITATION_SELECT} AND i.event_id = ?1 ORDER BY upper(p.last_name), p.first_name, i.id"
        ))?;
        let rows = st.query_map([event.to_string()], invitation_summary)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A person's invitations, latest event first.
    pub fn invitations_of_person(&self, person: Uuid) -> StoreResult<Vec<InvitationSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{INVITATION_SELECT} AND i.person_id = ?1 AND e.deleted_at IS NULL ORDER BY e.held_on DESC, i.id"
        ))?;
        let rows = st.query_map([person.to_string()], invitation_summary)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn invitation_of(&self, event: Uuid, person: Uuid) -> StoreResult<Option<Uuid>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id FROM event_invitation WHERE event_id = ?1 AND person_id = ?2 AND deleted_at IS NULL",
        )?;
        let mut rows = st.query_map([event.to_string(), person.to_string()], |r| id(r, 0))?;
        Ok(rows.next().transpose()?)
    }

    /// Events held between two days (inclusive) in which one of these
    /// organisations took part, as an employer or a partner: what a
    /// convention's « job datings » commitment counts.
    pub fn event_count(&self, organisations: &[Uuid], from: NaiveDate, to: NaiveDate) -> StoreResult<u32> {
        if organisations.is_empty() {
            return Ok(0);
        }
        let n: u32 = self.conn.query_row(
            "SELECT count(*) FROM event e
              WHERE e.deleted_at IS NULL AND e.status = 'realise' AND e.held_on >= ?2 AND e.held_on <= ?3
                AND EXISTS (
                      SELECT 1 FROM json_each(e.employer_ids) j WHERE j.value IN (SELECT value FROM json_each(?1))
                      UNION ALL
                      SELECT 1 FROM json_each(e.partner_ids) j WHERE j.value IN (SELECT value FROM json_each(?1)))",
            rusqlite::params![id_list(organisations), from.to_string(), to.to_string()],
            |r| r.get(0),
        )?;
        Ok(n)
    }

    /// The people present at an event hired by one of `employers` with a
    /// start between the event's day and `until`: the event's results.
    /// Counted over the people this device holds.
    pub fn event_results(
        &self,
        event: Uuid,
        employers: &[Uuid],
        from: NaiveDate,
        until: NaiveDate,
    ) -> StoreResult<Vec<Uuid>> {
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT h.id FROM event_invitation i
               JOIN hired_person hp ON hp.person_id = i.person_id AND hp.deleted_at IS NULL
               JOIN hire h ON h.id = hp.hire_id AND h.deleted_at IS NULL
              WHERE i.event_id = ?1 AND i.deleted_at IS NULL AND i.status = 'present'
                AND h.starts_on >= ?2 AND h.starts_on <= ?3
                AND h.employer_id IN (SELECT value FROM json_each(?4))
              ORDER BY h.starts_on, h.id",
        )?;
        let rows = st.query_map(
            rusqlite::params![event.to_string(), from.to_string(), until.to_string(), id_list(employers)],
            |r| id(r, 0),
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
