//! Recruitment needs as the list, the board and an employer's page show
//! them: employer, ROME fiche, place and DT (the need's commune, else the
//! employer's), owner.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::need::{NeedContract, NeedStatus};

use super::clamp_limit;
use crate::connection::Store;
use crate::error::StoreResult;
use crate::sql_types::{id, named};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NeedSummary {
    pub id: Uuid,
    pub employer_id: Uuid,
    pub employer_name: String,
    pub rome_code: String,
    /// The ROME 4.0 fiche's label (None for a code the nomenclature lost).
    pub rome_label: Option<String>,
    pub job_title: String,
    pub positions: u32,
    pub contract: NeedContract,
    pub status: NeedStatus,
    #[ts(type = "string")]
    pub status_on: NaiveDate,
    pub commune_name: Option<String>,
    pub dt_code: Option<String>,
    pub dt_name: Option<String>,
    pub owner_id: Uuid,
    pub owner_name: Option<String>,
    #[ts(type = "string | null")]
    pub wished_start_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub reserved_until: Option<NaiveDate>,
    /// The statuses it may move to from where it stands (the board's drop
    /// targets and its « Déplacer vers » list).
    pub moves: Vec<NeedStatus>,
    /// People put forward, any stage: the server's count over every DT, or
    /// this device's own when it has more (proposed since the last sync).
    pub candidates: u32,
    /// Its job is on the métiers en tension list in force on its last move.
    pub tension: bool,
}

/// One column of the board: how many needs stand there, and the most
/// recently moved of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NeedColumn {
    pub status: NeedStatus,
    pub total: u32,
    pub items: Vec<NeedSummary>,
}

/// Which needs a list or the board shows. Empty fields filter nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NeedFilter {
    pub status: Option<NeedStatus>,
    /// Still to work on (every status but « pourvu » and « abandonné »).
    pub open_only: bool,
    pub dt_code: Option<String>,
    /// A ROME family: the grand domaine's letter (« H » for industry).
    pub grand_domaine: Option<String>,
    pub owner_id: Option<Uuid>,
    pub employer_id: Option<Uuid>,
    /// Only needs for a métier en tension.
    pub tension_only: bool,
    pub limit: u32,
}

/// A need `n` in commune `c` whose job is on the métiers en tension list
/// in force on its last move (`TensionJob::holds`): a column of the
/// summaries and a filter of the list and board.
macro_rules! in_tension {
    () => {
        "EXISTS (SELECT 1 FROM tension_job t WHERE t.deleted_at IS NULL AND t.rome_code = n.rome_code
           AND t.effective_from <= n.status_on AND (t.effective_to IS NULL OR t.effective_to >= n.status_on)
           AND (t.dt_code IS NULL OR t.dt_code = c.dt_code))"
    };
}
const IN_TENSION: &str = in_tension!();

/// A need's summary columns, read by [`row_at`].
const COLUMNS: &str = concat!(
    "n.id, n.employer_id, o.name, n.rome_code, r.libelle, n.job_title, n.positions,
        n.contract, n.status, n.status_on, c.nom, d.code, d.nom, n.owner_id, f.display_name,
        n.wished_start_on, n.reserved_until,
        max(n.candidate_count,
            (SELECT count(*) FROM candidacy k WHERE k.need_id = n.id AND k.deleted_at IS NULL)), ",
    in_tension!()
);

/// What the summary joins to the need `n`.
const JOINS: &str = "JOIN organisation o ON o.id = n.employer_id
   LEFT JOIN ref_rome r ON r.code = n.rome_code
   LEFT JOIN ref_commune c ON c.code = coalesce(n.commune_code, o.commune_code)
   LEFT JOIN ref_dt d ON d.code = c.dt_code
   LEFT JOIN officer f ON f.id = n.owner_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<NeedSummary> {
    row_at(r, 0)
}

/// A summary from the [`COLUMNS`] starting at column `at`.
fn row_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<NeedSummary> {
    let status: NeedStatus = named(r, at + 8)?;
    Ok(NeedSummary {
        id: id(r, at)?,
        employer_id: id(r, at + 1)?,
        employer_name: r.get(at + 2)?,
        rome_code: r.get(at + 3)?,
        rome_label: r.get(at + 4)?,
        job_title: r.get(at + 5)?,
        positions: r.get(at + 6)?,
        contract: named(r, at + 7)?,
        status,
        status_on: r.get(at + 9)?,
        commune_name: r.get(at + 10)?,
        dt_code: r.get(at + 11)?,
        dt_name: r.get(at + 12)?,
        owner_id: id(r, at + 13)?,
        owner_name: r.get(at + 14)?,
        wished_start_on: r.get(at + 15)?,
        reserved_until: r.get(at + 16)?,
        moves: NeedStatus::ALL.into_iter().filter(|to| status.may_move_to(*to)).collect(),
        candidates: r.get(at + 17)?,
        tension: r.get(at + 18)?,
    })
}

impl Store {
    /// Needs matching `f`, by pipeline column then latest move first.
    pub fn needs(&self, f: &NeedFilter) -> StoreResult<Vec<NeedSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM recruitment_need n {JOINS}
              WHERE n.deleted_at IS NULL
                AND (?1 IS NULL OR n.status = ?1)
                AND (NOT ?2 OR n.status NOT IN ('pourvu', 'abandonne'))
                AND (?3 IS NULL OR d.code = ?3)
                AND (?4 IS NULL OR substr(n.rome_code, 1, 1) = ?4)
                AND (?5 IS NULL OR n.owner_id = ?5)
                AND (?6 IS NULL OR n.employer_id = ?6
                     OR n.employer_id IN (SELECT id FROM organisation WHERE parent_id = ?6))
                AND (NOT ?8 OR {IN_TENSION})
              ORDER BY CASE n.status WHEN 'a_qualifier' THEN 0 WHEN 'ouvert' THEN 1 WHEN 'candidats_proposes' THEN 2
                                     WHEN 'pourvu_partiellement' THEN 3 WHEN 'pourvu' THEN 4 ELSE 5 END,
                       n.status_on DESC, n.id DESC
              LIMIT ?7"
        ))?;
        let rows = st.query_map(
            params![
                f.status.map(NeedStatus::as_str),
                f.open_only,
                f.dt_code,
                f.grand_domaine,
                f.owner_id.map(|u| u.to_string()),
                f.employer_id.map(|u| u.to_string()),
                clamp_limit(if f.limit == 0 { 200 } else { f.limit }),
                f.tension_only,
            ],
            row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The needs still to fill of these organisations (a brief's reach),
    /// the least advanced first.
    pub fn open_needs_at(&self, organisations: &[Uuid]) -> StoreResult<Vec<NeedSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM recruitment_need n {JOINS}
              WHERE n.deleted_at IS NULL AND n.status NOT IN ('pourvu', 'abandonne')
                AND n.employer_id IN (SELECT value FROM json_each(?1))
              ORDER BY CASE n.status WHEN 'a_qualifier' THEN 0 WHEN 'ouvert' THEN 1 ELSE 2 END, n.status_on, n.id
              LIMIT 200"
        ))?;
        let rows = st.query_map([super::id_list(organisations)], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The board: every column with its count and its `per_column` most
    /// recently moved needs (a column of thousands shows its latest; the
    /// filters narrow it). One query, whatever the number of needs.
    pub fn need_board(&self, f: &NeedFilter, per_column: u32) -> StoreResult<Vec<NeedColumn>> {
        let mut st = self.conn.prepare_cached(&format!(
            "WITH matching AS (
               SELECT n.id, n.status, n.status_on,
                      row_number() OVER (PARTITION BY n.status ORDER BY n.status_on DESC, n.id DESC) AS rank,
                      count(*) OVER (PARTITION BY n.status) AS total
                 FROM recruitment_need n
                 JOIN organisation o ON o.id = n.employer_id
                 LEFT JOIN ref_commune c ON c.code = coalesce(n.commune_code, o.commune_code)
                WHERE n.deleted_at IS NULL
                  AND (?1 IS NULL OR n.status = ?1)
                  AND (?2 IS NULL OR c.dt_code = ?2)
                  AND (?3 IS NULL OR substr(n.rome_code, 1, 1) = ?3)
                  AND (?4 IS NULL OR n.owner_id = ?4)
                  AND (?5 IS NULL OR n.employer_id = ?5
                       OR n.employer_id IN (SELECT id FROM organisation WHERE parent_id = ?5))
                  AND (NOT ?7 OR {IN_TENSION}))
             SELECT m.total, {COLUMNS}
               FROM matching m
               JOIN recruitment_need n ON n.id = m.id
               {JOINS}
              WHERE m.rank <= ?6
              ORDER BY m.status, m.rank"
        ))?;
        let rows = st.query_map(
            params![
                f.status.map(NeedStatus::as_str),
                f.dt_code,
                f.grand_domaine,
                f.owner_id.map(|u| u.to_string()),
                f.employer_id.map(|u| u.to_string()),
                per_column.clamp(1, super::MAX_PAGE),
                f.tension_only,
            ],
            |r| Ok((r.get::<_, u32>(0)?, row_at(r, 1)?)),
        )?;
        let mut columns: Vec<NeedColumn> =
            NeedStatus::ALL.iter().map(|s| NeedColumn { status: *s, total: 0, items: Vec::new() }).collect();
        for row in rows {
            let (total, need) = row?;
            if let Some(c) = columns.iter_mut().find(|c| c.status == need.status) {
                c.total = total;
                c.items.push(need);
            }
        }
        Ok(columns)
    }

    /// The needs serving a grand projet, the least advanced first.
    pub fn needs_of_project(&self, project: Uuid) -> StoreResult<Vec<NeedSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM recruitment_need n {JOINS}
              WHERE n.deleted_at IS NULL AND n.project_id = ?1
              ORDER BY CASE n.status WHEN 'a_qualifier' THEN 0 WHEN 'ouvert' THEN 1 WHEN 'candidats_proposes' THEN 2
                                     WHEN 'pourvu_partiellement' THEN 3 WHEN 'pourvu' THEN 4 ELSE 5 END,
                       n.status_on DESC, n.id
              LIMIT 500"
        ))?;
        let rows = st.query_map([project.to_string()], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn need_summary(&self, need: Uuid) -> StoreResult<Option<NeedSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM recruitment_need n {JOINS} WHERE n.id = ?1 AND n.deleted_at IS NULL"
        ))?;
        let mut rows = st.query_map([need.to_string()], row)?;
        Ok(rows.next().transpose()?)
    }
}
