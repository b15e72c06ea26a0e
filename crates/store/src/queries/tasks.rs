//! Follow-up lists: overdue, due soon, by organisation.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::task::TaskStatus;

use super::clamp_limit;
use crate::connection::Store;
use crate::error::{StoreError, StoreResult};
use crate::meta::parse_uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TaskView {
    pub id: Uuid,
    pub title: String,
    pub notes: Option<String>,
    #[ts(type = "string")]
    pub due_date: NaiveDate,
    pub status: TaskStatus,
    pub assignee_id: Uuid,
    pub assignee_name: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub organisation_name: Option<String>,
    pub interaction_id: Option<Uuid>,
    pub completed_at: Option<String>,
}

const SELECT: &str = "SELECT t.id, t.title, t.notes, t.due_date, t.status, t.assignee_id, f.display_name,
        t.organisation_id, o.name, t.interaction_id, t.completed_at
   FROM task t LEFT JOIN officer f ON f.id = t.assignee_id LEFT JOIN organisation o ON o.id = t.organisation_id";

type Raw = (
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
    ))
}

fn finish(raw: Raw) -> StoreResult<TaskView> {
    let (id, title, notes, due, status, assignee, assignee_name, org, org_name, interaction, completed_at) =
        raw;
    let corrupt = |m: String| StoreError::Corrupt { entity: "task", id: id.clone(), message: m };
    Ok(TaskView {
        title,
        notes,
        due_date: due.parse().map_err(|_| corrupt(format!("due_date {due}")))?,
        status: serde_json::from_value(serde_json::Value::String(status.clone()))
            .map_err(|_| corrupt(format!("status {status}")))?,
        assignee_id: parse_uuid("task", &assignee)?,
        assignee_name,
        organisation_id: org.map(|o| parse_uuid("task", &o)).transpose()?,
        organisation_name: org_name,
        interaction_id: interaction.map(|i| parse_uuid("task", &i)).transpose()?,
        completed_at,
        id: parse_uuid("task", &id)?,
    })
}

impl Store {
    fn tasks_where(&self, clause: &str, params: impl rusqlite::Params) -> StoreResult<Vec<TaskView>> {
        let mut st =
            self.conn.prepare_cached(&format!("{SELECT} WHERE t.deleted_at IS NULL AND {clause}"))?;
        let raw: Vec<_> = st.query_map(params, row)?.collect::<Result<_, _>>()?;
        raw.into_iter().map(finish).collect()
    }

    /// Open tasks of `assignee` due before `today`, oldest first.
    pub fn overdue_tasks(&self, assignee: Uuid, today: NaiveDate) -> StoreResult<Vec<TaskView>> {
        self.tasks_where(
            "t.assignee_id = ?1 AND t.status = 'a_faire' AND t.due_date < ?2 ORDER BY t.due_date, t.id",
            params![assignee.to_string(), today.to_string()],
        )
    }

    /// Open tasks of `assignee` due from `from` to `to` inclusive.
    pub fn due_tasks(&self, assignee: Uuid, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<TaskView>> {
        self.tasks_where(
            "t.assignee_id = ?1 AND t.status = 'a_faire' AND t.due_date BETWEEN ?2 AND ?3 ORDER BY t.due_date, t.id",
            params![assignee.to_string(), from.to_string(), to.to_string()],
        )
    }

    /// Tasks about an organisation (and its establishments), open first.
    pub fn tasks_of(&self, organisation_id: Uuid, limit: u32) -> StoreResult<Vec<TaskView>> {
        self.tasks_where(
            "t.organisation_id IN (SELECT ?1 UNION ALL SELECT id FROM organisation WHERE parent_id = ?1)
             ORDER BY t.status <> 'a_faire', t.due_date, t.id LIMIT ?2",
            params![organisation_id.to_string(), clamp_limit(limit)],
        )
    }

    pub fn task_view(&self, id: Uuid) -> StoreResult<Option<TaskView>> {
        Ok(self.tasks_where("t.id = ?1", params![id.to_string()])?.into_iter().next())
    }
}
