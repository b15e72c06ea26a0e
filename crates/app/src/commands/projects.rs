//! Grands projets and their insertion clauses (docs/placement.md « Grands
//! projets »): the project, the companies working on it, the needs serving
//! it, and the hours of insertion its hires gave against those promised.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::hire::Hire;
use tremplin_domain::new_row_id;
use tremplin_domain::project::{GrandProject, ProjectInput};
use tremplin_domain::territory::CommuneCode;
use tremplin_store::Store;
use tremplin_store::queries::needs::NeedSummary;
use tremplin_store::queries::organisations::OrganisationSummary;
use tremplin_store::queries::placement::HireSummary;
use tremplin_store::queries::projects::ProjectSummary;

use super::{IdRequest, UpdateRequest};
use crate::app::App;
use crate::error::{AppError, AppResult};

/// Hours of insertion, in hundredths: promised by the clause, achieved by
/// the hires on the project's needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ClauseHours {
    pub promised_centi: u64,
    pub achieved_centi: u64,
    /// Hires counted, and those without weekly hours (which give none).
    pub hires: u32,
    pub hires_without_hours: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProjectDetail {
    pub id: Uuid,
    pub data: GrandProject,
    pub builder: Option<OrganisationSummary>,
    pub employers: Vec<OrganisationSummary>,
    pub commune_names: Vec<String>,
    pub needs: Vec<NeedSummary>,
    pub hires: Vec<HireSummary>,
    pub hours: ClauseHours,
}

pub fn list(app: &App) -> AppResult<Vec<ProjectSummary>> {
    Ok(app.reader().projects()?)
}

pub fn create(app: &App, input: ProjectInput) -> AppResult<ProjectDetail> {
    let mut store = app.store();
    let project = GrandProject::create(&input)?;
    check_links(&store, &project)?;
    let id = new_row_id();
    store.write(|w| w.create(id, &project).map_err(AppError::from))?;
    detail(&store, id, app.clock().today())
}

pub fn update(app: &App, req: UpdateRequest<ProjectInput>) -> AppResult<ProjectDetail> {
    let mut store = app.store();
    live(&store, req.id)?;
    let project = GrandProject::create(&req.input)?;
    check_links(&store, &project)?;
    // A company taken off the project while one of its needs serves it.
    for n in store.needs_of_project(req.id)? {
        if !project.employer_ids.contains(&n.employer_id) {
            return Err(AppError::field(
                "not_on_project",
                "employer_ids",
                format!(
                    "Entreprises : « {} » a un besoin sur le projet (« {} ») ; retirez-le d'abord du projet.",
                    n.employer_name, n.job_title
                ),
            ));
        }
    }
    store.write(|w| w.update(req.id, &project).map(drop).map_err(AppError::from))?;
    detail(&store, req.id, app.clock().today())
}

pub fn get(app: &App, req: IdRequest) -> AppResult<ProjectDetail> {
    detail(&app.reader(), req.id, app.clock().today())
}

/// Deletes a project entered by mistake, once no need serves it.
pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    let mut store = app.store();
    live(&store, req.id)?;
    if !store.needs_of_project(req.id)?.is_empty() {
        return Err(AppError::new(
            "referenced",
            "Grand projet : des besoins le servent ; retirez-les du projet, ou passez-le « terminé ».",
        ));
    }
    store.write(|w| w.delete::<GrandProject>(req.id).map_err(AppError::from))
}

pub(crate) fn live(store: &Store, id: Uuid) -> AppResult<GrandProject> {
    Ok(store
        .get::<GrandProject>(id)?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| AppError::not_found("Grand projet"))?
        .data)
}

fn check_links(store: &Store, p: &GrandProject) -> AppResult<()> {
    if let Some(b) = p.builder_id {
        super::cie::live_org(store, b, "builder_id", "Maître d'ouvrage")?;
    }
    for e in &p.employer_ids {
        super::cie::live_org(store, *e, "employer_ids", "Entreprises")?;
    }
    for c in &p.commune_codes {
        super::organisations::check_commune(store, &CommuneCode::parse(c)?, None)
            .map_err(|e| AppError { field: Some("commune_codes".into()), ..e })?;
    }
    Ok(())
}

fn detail(store: &Store, id: Uuid, today: chrono::NaiveDate) -> AppResult<ProjectDetail> {
    let data = live(store, id)?;
    let needs = store.needs_of_project(id)?;
    let mut hours =
        ClauseHours { promised_centi: u64::from(data.clause_hours) * 100, ..ClauseHours::default() };
    let mut hires = Vec::new();
    for n in &needs {
        for h in store.records_where::<Hire>("need_id = ?1", "starts_on", &[n.id.to_string().into()])? {
            hours.hires += 1;
            if h.data.weekly_hours_centi.is_none() {
                hours.hires_without_hours += 1;
            }
            hours.achieved_centi += data.hours_of(&h.data, today);
            hires.extend(store.hire_summary(h.id)?);
        }
    }
    hires.sort_by_key(|h| std::cmp::Reverse(h.starts_on));
    let mut commune_names = Vec::new();
    for c in &data.commune_codes {
        commune_names.push(store.commune(c)?.map_or_else(|| c.clone(), |c| c.nom));
    }
    Ok(ProjectDetail {
        id,
        builder: match data.builder_id {
            Some(b) => store.organisation_summaries(&[b])?.pop(),
            None => None,
        },
        employers: store.organisation_summaries(&data.employer_ids)?,
        commune_names,
        needs,
        hires,
        hours,
        data,
    })
}
