//! The demo's placements: the hires behind each convention's actuals
//! (« recrutements », « emploi durable », « alternance »), and people put
//! forward on the demo's needs — some hired, their follow-ups scheduled.

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use tremplin_domain::candidacy::{CandidacyStage, NotRetainedReason};
use tremplin_domain::hire::{Hire, HireInput};
use tremplin_domain::need::{NeedContract, NeedStatus, RecruitmentNeed};
use tremplin_domain::new_row_id;
use tremplin_domain::person::{ConsentHow, Person};

use crate::App;
use crate::commands::candidacies::{self, MoveCandidacyRequest, ProposeRequest};
use crate::commands::hires::{self, HireRequest};
use crate::error::{AppError, AppResult};

/// A year of a convention's hires: how many, of which durable and in
/// alternance.
pub(crate) struct YearHires {
    pub year: i32,
    pub total: u32,
    pub durable: u32,
    pub alternance: u32,
}

/// The hires behind a convention's actuals, spread over each year within
/// its dates and before today. Older ones were followed up in post; their
/// people are long erased (retention), so no one is linked.
pub(crate) fn convention_hires(
    app: &App,
    convention: Uuid,
    employer: Uuid,
    years: &[YearHires],
    period: (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> AppResult<usize> {
    let officer = app.with_store(|s| App::officer(s))?.id;
    let mut made = 0;
    for y in years {
        let first = period.0.max(NaiveDate::from_ymd_opt(y.year, 1, 1).unwrap_or(period.0));
        let last = period.1.min(NaiveDate::from_ymd_opt(y.year, 12, 31).unwrap_or(period.1)).min(today);
        let span = (last - first).num_days().max(0) as u64;
        let total = y.total.max(y.durable + y.alternance);
        for n in 0..total {
            let starts_on = first + Days::new(span * u64::from(n) / u64::from(total.max(1)));
            let (contract, months) = if n < y.durable {
                if n % 2 == 0 { (NeedContract::Cdi, None) } else { (NeedContract::Cdd, Some(12)) }
            } else if n < y.durable + y.alternance {
                (NeedContract::Alternance, Some(24))
            } else {
                (NeedContract::Cdd, Some(3))
            };
            let planned_end_on = months
                .and_then(|m| starts_on.checked_add_months(chrono::Months::new(m)))
                .and_then(|d| d.pred_opt());
            let mut hire = Hire::create(
                &HireInput {
                    employer_id: Some(employer),
                    convention_id: Some(convention),
                    contract: Some(contract),
                    job_title: JOBS[n as usize % JOBS.len()].into(),
                    starts_on: Some(starts_on),
                    planned_end_on,
                    weekly_hours_centi: Some(3_500),
                    ..HireInput::default()
                },
                officer,
            )?;
            for f in hire.follow_ups.iter_mut().filter(|f| f.due_on + Days::new(14) <= today) {
                f.done_on = Some(f.due_on);
                f.in_post = Some(true);
            }
            app.with_store(|s| s.write(|w| w.create(new_row_id(), &hire).map_err(AppError::from)))?;
            made += 1;
        }
    }
    Ok(made)
}

const JOBS: [&str; 4] =
    ["Technicien de maintenance", "Agent d'exploitation", "Employé administratif", "Agent d'accueil"];

/// People followed by the acting officer.
pub(crate) fn my_people(app: &App) -> AppResult<Vec<(Uuid, Person)>> {
    let me = app.with_store(|s| App::officer(s))?.id.to_string();
    Ok(app
        .with_store(|s| {
            s.records_where::<Person>(
                "EXISTS (SELECT 1 FROM json_each(officer_ids) WHERE value = ?1)",
                "created_at",
                &[me.into()],
            )
        })?
        .into_iter()
        .map(|r| (r.id, r.data))
        .collect())
}

/// Puts up to three people forward on an open need: the first hired when
/// `hired`, the others at various steps.
pub(crate) fn put_forward(app: &App, need: Uuid, hired: bool, today: NaiveDate) -> AppResult<u32> {
    let people = my_people(app)?;
    let data: RecruitmentNeed = app
        .with_store(|s| s.get::<RecruitmentNeed>(need))?
        .ok_or_else(|| AppError::not_found("Besoin de recrutement"))?
        .data;
    if !data.status.is_open() || data.status == NeedStatus::AQualifier {
        return Ok(0);
    }
    let seed = need.as_u128() as usize;
    let mut made = 0;
    let mut kept = None;
    for (n, (person, _)) in people.iter().skip(seed % people.len().max(1)).take(3).enumerate() {
        let c = candidacies::propose(
            app,
            ProposeRequest { need_id: need, person_id: *person, consent_how: Some(ConsentHow::Ecrit) },
        )?;
        made += 1;
        let steps: &[CandidacyStage] = match (hired, n) {
            (true, 0) => &[CandidacyStage::CvTransmis, CandidacyStage::Entretien, CandidacyStage::Retenu],
            (_, 0) | (_, 1) => &[CandidacyStage::CvTransmis, CandidacyStage::Entretien],
            _ => &[CandidacyStage::NonRetenu],
        };
        for to in steps {
            let reason = (*to == CandidacyStage::NonRetenu).then_some(NotRetainedReason::MobiliteHoraires);
            candidacies::move_to(app, MoveCandidacyRequest { id: c.id, to: *to, reason })?;
        }
        if hired && n == 0 {
            kept = Some(c.id);
        }
    }
    // Hired last: a filled need takes no more candidates.
    if let Some(candidacy) = kept {
        {
            let starts_on = today - Days::new(40 + (seed % 60) as u64);
            let fixed = data.contract.is_fixed_term() || data.contract == NeedContract::Cdd;
            hires::create(
                app,
                HireRequest {
                    input: HireInput {
                        contract: Some(data.contract),
                        rome_code: Some(data.rome_code.clone()),
                        job_title: data.job_title.clone(),
                        starts_on: Some(starts_on),
                        planned_end_on: fixed
                            .then(|| starts_on.checked_add_months(chrono::Months::new(6)))
                            .flatten()
                            .and_then(|d| d.pred_opt()),
                        weekly_hours_centi: data.weekly_hours_centi,
                        ..HireInput::default()
                    },
                    candidacy_id: Some(candidacy),
                    person_id: None,
                    aided_contract_id: None,
                },
            )?;
        }
    }
    Ok(made)
}
