//! Follow-up lists: overdue, due soon, by organisation.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::task::TaskStatus;

use super::clamp_limit;
use crate::connection::Store;
use crate::error::StoreResult;
use crate::sql_types::{id, named, opt_id};

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

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TaskView> {
    Ok(TaskView {
        id: id(r, 0)?,
        title: r.get(1)?,
        notes: r.get(2)?,
        due_date: r.get(3)?,
        status: named(r, 4)?,
        assignee_id: id(r, 5)?,
        assignee_name: r.get(6)?,
        organisation_id: opt_id(r, 7)?,
        organisation_name: r.get(8)?,
        interaction_id: opt_id(r, 9)?,
        completed_at: r.get(10)?,
    })
}

impl Store {
    fn tasks_where(&self, clause: &str, params: impl rusqlite::Params) -> StoreResult<Vec<TaskView>> {
        let mut st =
            self.conn.prepare_cached(&format!("{SELECT} WHERE t.deleted_at IS NULL AND {clause}"))?;
        Ok(st.query_map(params, row)?.collect::<Result<_, _>>()?)
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

    /// Open follow-ups about any of these organisations, by due date.
    pub fn open_tasks_in(&self, organisations: &[Uuid]) -> StoreResult<Vec<TaskView>> {
        self.tasks_where(
            "t.status = 'a_faire' AND t.organisation_id IN (SELECT value FROM json_each(?1))
             ORDER BY t.due_date, t.id",
            params![super::id_list(organisations)],
        )
    }

    /// Live follow-ups made from an exchange.
    pub fn tasks_of_interaction(&self, interaction_id: Uuid) -> StoreResult<Vec<Uuid>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM task WHERE interaction_id = ?1 AND deleted_at IS NULL")?;
        let ids = st.query_map([interaction_id.to_string()], |r| r.get::<_, String>(0))?;
        ids.map(|r| crate::meta::parse_uuid("task", &r?)).collect()
    }

    pub fn task_view(&self, id: Uuid) -> StoreResult<Option<TaskView>> {
        Ok(self.tasks_where("t.id = ?1", params![id.to_string()])?.into_iter().next())
    }
}
