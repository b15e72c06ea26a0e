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
    pub limit: u32,
}

const SELECT: &str = "SELECT n.id, n.employer_id, o.name, n.rome_code, r.libelle, n.job_title, n.positions,
        n.contract, n.status, n.status_on, c.nom, d.code, d.nom, n.owner_id, f.display_name,
        n.wished_start_on, n.reserved_until,
        max(n.candidate_count,
            (SELECT count(*) FROM candidacy k WHERE k.need_id = n.id AND k.deleted_at IS NULL))
   FROM recruitment_need n
   JOIN organisation o ON o.id = n.employer_id
   LEFT JOIN ref_rome r ON r.code = n.rome_code
   LEFT JOIN ref_commune c ON c.code = coalesce(n.commune_code, o.commune_code)
   LEFT JOIN ref_dt d ON d.code = c.dt_code
   LEFT JOIN officer f ON f.id = n.owner_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<NeedSummary> {
    let status: NeedStatus = named(r, 8)?;
    Ok(NeedSummary {
        id: id(r, 0)?,
        employer_id: id(r, 1)?,
        employer_name: r.get(2)?,
        rome_code: r.get(3)?,
        rome_label: r.get(4)?,
        job_title: r.get(5)?,
        positions: r.get(6)?,
        contract: named(r, 7)?,
        status,
        status_on: r.get(9)?,
        commune_name: r.get(10)?,
        dt_code: r.get(11)?,
        dt_name: r.get(12)?,
        owner_id: id(r, 13)?,
        owner_name: r.get(14)?,
        wished_start_on: r.get(15)?,
        reserved_until: r.get(16)?,
        moves: NeedStatus::ALL.into_iter().filter(|to| status.may_move_to(*to)).collect(),
        candidates: r.get(17)?,
    })
}

impl Store {
    /// Needs matching `f`, by pipeline column then latest move first.
    pub fn needs(&self, f: &NeedFilter) -> StoreResult<Vec<NeedSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{SELECT}
              WHERE n.deleted_at IS NULL
                AND (?1 IS NULL OR n.status = ?1)
                AND (NOT ?2 OR n.status NOT IN ('pourvu', 'abandonne'))
                AND (?3 IS NULL OR d.code = ?3)
                AND (?4 IS NULL OR substr(n.rome_code, 1, 1) = ?4)
                AND (?5 IS NULL OR n.owner_id = ?5)
                AND (?6 IS NULL OR n.employer_id = ?6
                     OR n.employer_id IN (SELECT id FROM organisation WHERE parent_id = ?6))
              ORDER BY CASE n.status WHEN 'a_qualifier' THEN 0 WHEN 'ouvert' THEN 1 WHEN 'candidats_proposes' THEN 2
                                     WHEN 'pourvu_partiellement' THEN 3 WHEN 'pourvu' THEN 4 ELSE 5 END,
                       n.status_on DESC, n.id
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
            ],
            row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The needs still to fill of these organisations (a brief's reach),
    /// the least advanced first.
    pub fn open_needs_at(&self, organisations: &[Uuid]) -> StoreResult<Vec<NeedSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{SELECT}
              WHERE n.deleted_at IS NULL AND n.status NOT IN ('pourvu', 'abandonne')
                AND n.employer_id IN (SELECT value FROM json_each(?1))
              ORDER BY CASE n.status WHEN 'a_qualifier' THEN 0 WHEN 'ouvert' THEN 1 ELSE 2 END, n.status_on, n.id
              LIMIT 200"
        ))?;
        let rows = st.query_map([super::id_list(organisations)], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn need_summary(&self, need: Uuid) -> StoreResult<Option<NeedSummary>> {
        let mut st =
            self.conn.prepare_cached(&format!("{SELECT} WHERE n.id = ?1 AND n.deleted_at IS NULL"))?;
        let mut rows = st.query_map([need.to_string()], row)?;
        Ok(rows.next().transpose()?)
    }
}
