//! The demo's recruitment needs: employers with a known activity recruit
//! jobs usual for it (ROME 4.0 by NAF division), at every step of the
//! pipeline, entered through the app layer like an officer's.

use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use tremplin_domain::need::{AbandonReason, NeedContract, NeedInput, NeedSource, NeedStatus};
use tremplin_domain::organisation::Organisation;
use tremplin_store::Officer;

use crate::App;
use crate::commands::needs::{self, MoveNeedRequest};
use crate::demo::Org;
use crate::error::{AppError, AppResult};

/// How far each demo need got, in pipeline order (the board shows every column).
const PATHS: &[&[NeedStatus]] = &[
    &[],
    &[NeedStatus::Ouvert],
    &[NeedStatus::Ouvert],
    &[NeedStatus::Ouvert, NeedStatus::CandidatsProposes],
    &[NeedStatus::Ouvert, NeedStatus::CandidatsProposes],
    &[NeedStatus::Ouvert, NeedStatus::CandidatsProposes, NeedStatus::PourvuPartiellement],
    &[NeedStatus::Ouvert, NeedStatus::Pourvu],
    &[NeedStatus::Ouvert, NeedStatus::Abandonne],
];

pub(crate) fn build(app: &App, orgs: &[Org], officers: &[Officer], today: NaiveDate) -> AppResult<usize> {
    let mut rng = StdRng::seed_from_u64(16);
    let act_as = |i: usize| app.with_store(|s| s.set_current_officer(&officers[i])).map_err(AppError::from);
    let contracts = [NeedContract::Cdi, NeedContract::Cdd, NeedContract::Interim, NeedContract::CuiCie];
    let sources =
        [NeedSource::Visite, NeedSource::JobDating, NeedSource::FranceTravail, NeedSource::Convention];
    let mut made = 0;
    for org in orgs {
        let naf = app.with_store(|s| s.get::<Organisation>(org.id))?.and_then(|r| r.data.naf_code);
        let Some(naf) = naf else { continue };
        let jobs = app.with_store(|s| s.rome_for_naf(naf.as_str(), "", 40))?;
        let Some(job) = jobs.choose(&mut rng) else { continue };
        let path = PATHS[made % PATHS.len()];
        act_as(made % officers.len())?;
        let contract = *contracts.choose(&mut rng).expect("contracts");
        let need = needs::create(
            app,
            NeedInput {
                employer_id: Some(org.id),
                rome_code: job.code.clone(),
                // « Boulanger / Boulangère » → « Boulanger »: the title as an employer says it.
                job_title: job.label.split(" / ").next().unwrap_or(&job.label).to_string(),
                positions: Some(rng.random_range(1..=3)),
                contract: Some(contract),
                weekly_hours_centi: Some(if rng.random_bool(0.8) { 3_500 } else { 2_400 }),
                duration_months: contract.is_fixed_term().then_some(6),
                staggered_hours: rng.random_bool(0.3),
                public_transport: rng.random_bool(0.6),
                source: Some(*sources.choose(&mut rng).expect("sources")),
                ..NeedInput::default()
            },
        )?;
        // Candidates put forward move the need on; a hire fills it.
        let hired = path.iter().any(|s| matches!(s, NeedStatus::Pourvu | NeedStatus::PourvuPartiellement));
        let mut proposed = false;
        for to in path {
            match to {
                NeedStatus::CandidatsProposes | NeedStatus::PourvuPartiellement | NeedStatus::Pourvu => {
                    if !proposed {
                        crate::demo_placement::put_forward(app, need.id, hired, today)?;
                        proposed = true;
                    }
                }
                _ => {
                    let reason = (*to == NeedStatus::Abandonne).then_some(AbandonReason::ProfilIntrouvable);
                    needs::move_to(app, MoveNeedRequest { id: need.id, to: *to, reason })?;
                }
            }
        }
        made += 1;
        if made == 24 {
            break;
        }
    }
    Ok(made)
}
