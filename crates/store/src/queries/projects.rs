//! Grands projets as their list and page read them (docs/placement.md
//! « Grands projets »).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::project::ProjectStatus;

use crate::connection::Store;
use crate::error::StoreResult;
use crate::sql_types::{id, named};

/// A project as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProjectSummary {
    pub id: Uuid,
    pub name: String,
    pub builder_name: Option<String>,
    pub status: ProjectStatus,
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
    pub clause_hours: u32,
    pub employer_count: u32,
    pub need_count: u32,
}

impl Store {
    /// Every live project, those under way first, then by start.
    pub fn projects(&self) -> StoreResult<Vec<ProjectSummary>> {
        let mut st = self.conn.prepare_cached(
            "SELECT p.id, p.name, b.name, p.status, p.starts_on, p.ends_on, p.clause_hours,
                    json_array_length(p.employer_ids),
                    (SELECT count(*) FROM recruitment_need n WHERE n.project_id = p.id AND n.deleted_at IS NULL)
               FROM grand_project p
               LEFT JOIN organisation b ON b.id = p.builder_id
              WHERE p.deleted_at IS NULL
              ORDER BY CASE p.status WHEN 'en_cours' THEN 0 WHEN 'en_preparation' THEN 1 ELSE 2 END, p.starts_on DESC, p.id
              LIMIT 500",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ProjectSummary {
                id: id(r, 0)?,
                name: r.get(1)?,
                builder_name: r.get(2)?,
                status: named(r, 3)?,
                starts_on: named(r, 4)?,
                ends_on: r.get::<_, Option<String>>(5)?.and_then(|d| d.parse().ok()),
                clause_hours: r.get(6)?,
                employer_count: r.get(7)?,
                need_count: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
