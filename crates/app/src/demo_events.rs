//! The demo's events: three job datings. One last year and one this
//! autumn with the partner of the convention that commits to job datings
//! (its actual counts them), the latter with the employers of open needs,
//! people invited, present or absent, and a hire among those present; and
//! one coming up, with people registered. And a grand projet whose
//! insertion clause counts the hours of the hires on its needs.

use chrono::{Datelike, Days, NaiveDate};
use uuid::Uuid;

use tremplin_domain::commitment::{Commitment, Indicator};
use tremplin_domain::convention::Convention;
use tremplin_domain::event::{EventInput, EventKind, EventStatus, InvitationStatus};
use tremplin_domain::hire::HireInput;
use tremplin_domain::need::NeedContract;
use tremplin_store::queries::needs::NeedFilter;

use crate::App;
use crate::commands::events::{self, InvitationStatusRequest, InviteRequest, MoveEventRequest};
use crate::commands::hires::{self, HireRequest};
use crate::error::AppResult;

pub(crate) fn build(app: &App, today: NaiveDate) -> AppResult<usize> {
    let indicator = serde_json::to_value(Indicator::JobDatings).unwrap_or_default();
    let partner: Option<Uuid> = app.with_store(|s| {
        let commitments = s.records_where::<Commitment>(
            "indicator = ?1",
            "created_at",
            &[indicator.as_str().unwrap_or_default().to_string().into()],
        )?;
        Ok::<_, crate::AppError>(match commitments.first() {
            Some(k) => {
                s.get::<Convention>(k.data.convention_id)?.and_then(|c| c.data.partner_ids.first().copied())
            }
            None => None,
        })
    })?;
    let needs =
        app.with_store(|s| s.needs(&NeedFilter { open_only: true, limit: 200, ..NeedFilter::default() }))?;
    let needs: Vec<_> = needs.into_iter().filter(|n| n.status.takes_candidates()).take(3).collect();
    let people = crate::demo_placement::my_people(app)?;
    let employers: Vec<Uuid> = partner.into_iter().chain(needs.iter().map(|n| n.employer_id)).collect();
    let event = |kind, title: &str, on: NaiveDate, place: &str, employers: Vec<Uuid>, need_ids: Vec<Uuid>| {
        events::create(
            app,
            EventInput {
                kind: Some(kind),
                title: title.into(),
                held_on: Some(on),
                starts_at: Some("09:00".into()),
                ends_at: Some("12:30".into()),
                place: place.into(),
                commune_code: Some("59350".into()),
                employer_ids: employers,
                need_ids,
                capacity: Some(40),
                ..EventInput::default()
            },
        )
    };
    let mut made = 0;

    // Last year's, held: no one listed any more (their records are past retention).
    if let Some(p) = partner {
        let on = NaiveDate::from_ymd_opt(today.year() - 1, 10, 15).unwrap_or(today);
        let e = event(
            EventKind::JobDating,
            "Job dating des métiers de l'énergie",
            on,
            "Maison de l'emploi de Lille",
            vec![p],
            vec![],
        )?;
        events::move_to(app, MoveEventRequest { id: e.id, to: EventStatus::Realise })?;
        made += 1;
    }

    // This autumn's: invitations, attendance, and a hire among those present.
    let on = today - Days::new(45);
    let e = event(
        EventKind::JobDating,
        "Job dating logistique, énergie et services",
        on,
        "Hôtel de la Métropole, 2 boulevard des Cités Unies",
        employers.clone(),
        needs.iter().map(|n| n.id).collect(),
    )?;
    let invited: Vec<Uuid> = people.iter().take(5).map(|(id, _)| *id).collect();
    let d = events::invite(
        app,
        InviteRequest { event_id: e.id, person_ids: invited.clone(), need_id: needs.first().map(|n| n.id) },
    )?;
    for (n, i) in d.invitations.iter().enumerate() {
        let status = if n == 3 { InvitationStatus::Absent } else { InvitationStatus::Present };
        events::set_invitation(app, InvitationStatusRequest { id: i.id, status })?;
    }
    if let (Some(first), Some(employer)) = (d.invitations.first(), employers.last()) {
        hires::create(
            app,
            HireRequest {
                input: HireInput {
                    employer_id: Some(*employer),
                    contract: Some(NeedContract::Cdi),
                    job_title: needs
                        .last()
                        .map_or_else(|| "Agent logistique".into(), |n| n.job_title.clone()),
                    starts_on: Some(on + Days::new(21)),
                    weekly_hours_centi: Some(3_500),
                    ..HireInput::default()
                },
                candidacy_id: None,
                person_id: Some(first.person_id),
                aided_contract_id: None,
            },
        )?;
    }
    made += 1;

    // The next one: people invited, some registered.
    let e = event(
        EventKind::JobDating,
        "Job dating des métiers du service à la personne",
        today + Days::new(9),
        "Maison de l'emploi de Lille",
        needs.iter().map(|n| n.employer_id).collect(),
        needs.iter().map(|n| n.id).collect(),
    )?;
    let next: Vec<Uuid> = people.iter().skip(2).take(4).map(|(id, _)| *id).collect();
    let d = events::invite(app, InviteRequest { event_id: e.id, person_ids: next, need_id: None })?;
    for i in d.invitations.iter().take(2) {
        events::set_invitation(app, InvitationStatusRequest { id: i.id, status: InvitationStatus::Inscrit })?;
    }
    made += 1;
    Ok(made)
}

/// A grand projet of Partenord Habitat's, with the needs of two employers
/// that hired on them: its clause's hours are counted from those hires.
pub(crate) fn grand_project(app: &App, orgs: &[crate::demo::Org], today: NaiveDate) -> AppResult<usize> {
    use crate::commands::needs;
    use crate::commands::projects;
    use tremplin_domain::need::NeedStatus;
    use tremplin_domain::project::{ProjectInput, ProjectStatus};

    let builder = crate::demo_partnerships::find(orgs, "Partenord Habitat")?.id;
    let needs = app.with_store(|s| s.needs(&NeedFilter { limit: 500, ..NeedFilter::default() }))?;
    let hired: Vec<_> = needs
        .into_iter()
        .filter(|n| matches!(n.status, NeedStatus::Pourvu | NeedStatus::PourvuPartiellement))
        .take(2)
        .collect();
    if hired.is_empty() {
        return Ok(0);
    }
    let project = projects::create(
        app,
        ProjectInput {
            name: "Réhabilitation de la résidence du Pont-Rouge".into(),
            builder_id: Some(builder),
            site: Some("Rue du Pont-Rouge".into()),
            commune_codes: vec!["59350".into()],
            starts_on: Some(today - Days::new(200)),
            ends_on: Some(today + Days::new(400)),
            clause_hours: Some(3_500),
            employer_ids: hired.iter().map(|n| n.employer_id).collect(),
            facilitator: Some("Facilitatrice des clauses sociales de la Métropole".into()),
            status: Some(ProjectStatus::EnCours),
            notes: None,
        },
    )?;
    for n in &hired {
        let mut input = needs::get(app, crate::commands::IdRequest { id: n.id })?.data.to_input();
        input.project_id = Some(project.id);
        needs::update(app, crate::commands::UpdateRequest { id: n.id, input, confirm_sensitive: false })?;
    }
    Ok(1)
}

/// A few métiers en tension: the jobs of some of the demo's open needs,
/// flagged from the start of the year (a demo list, said so in its source).
pub(crate) fn tension_jobs(app: &App, today: NaiveDate) -> AppResult<usize> {
    use crate::commands::tension::{self, SaveTensionRequest};
    use tremplin_domain::tension::TensionJobInput;

    let needs =
        app.with_store(|s| s.needs(&NeedFilter { open_only: true, limit: 200, ..NeedFilter::default() }))?;
    let mut codes: Vec<String> = needs.into_iter().map(|n| n.rome_code).collect();
    codes.sort();
    codes.dedup();
    let from = NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today);
    for code in codes.iter().step_by(3).take(4) {
        tension::save(
            app,
            SaveTensionRequest {
                id: None,
                input: TensionJobInput {
                    rome_code: code.clone(),
                    effective_from: Some(from),
                    effective_to: None,
                    dt_code: None,
                    source: "Démonstration : liste d'exemple, à remplacer par la liste en vigueur (enquête BMO, arrêté)"
                        .into(),
                },
            },
        )?;
    }
    Ok(codes.iter().step_by(3).take(4).count())
}
