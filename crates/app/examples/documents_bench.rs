//! Figures for issue 5: the partner meeting brief of an account with 500
//! logged contacts and 20 conventions, and a convention PDF, on an
//! encrypted in-memory store.
//!
//!   cargo run --release -p tremplin-app --example documents_bench

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use tremplin_app::clock::FixedClock;
use tremplin_app::commands::conventions::{
    self, SaveCommitmentRequest, SaveCommitteeRequest, TransitionRequest,
};
use tremplin_app::commands::interactions::{self, LogInteractionRequest};
use tremplin_app::commands::{IdRequest, briefs, organisations, tasks};
use tremplin_app::{App, StoreKey};
use tremplin_domain::commitment::{CommitmentInput, Indicator, YearTarget};
use tremplin_domain::committee::{CommitteeInput, CommitteeKind};
use tremplin_domain::convention::{ConventionInput, ConventionStatus, Signatory};
use tremplin_domain::interaction::{Channel, InteractionInput};
use tremplin_domain::organisation::{OrgKind, OrganisationInput};
use tremplin_domain::task::TaskInput;
use tremplin_store::Store;

fn main() {
    let store = Store::open_in_memory(&StoreKey::generate()).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap();
    let app = App::new(store, Arc::new(FixedClock(now)));
    app.ensure_profile("Nadia Benali").unwrap();
    let org = |input: OrganisationInput| organisations::create(&app, input).unwrap().id;
    let group = org(OrganisationInput {
        kind: Some(OrgKind::GrandCompte),
        name: "ENGIE".into(),
        siren: Some("542107651".into()),
        ..Default::default()
    });
    let siren = tremplin_domain::identifiers::Siren::parse("542107651").unwrap();
    let mut sites = Vec::new();
    let mut nic = 100;
    for n in 0..10 {
        let siret = tremplin_domain::identifiers::next_valid_siret(&siren, nic).unwrap();
        nic = siret.nic().parse::<u32>().unwrap() + 1;
        sites.push(org(OrganisationInput {
            kind: Some(OrgKind::Etablissement),
            name: format!("ENGIE — site n° {n}"),
            siret: Some(siret.as_str().into()),
            parent_id: Some(group),
            commune_code: Some(["59350", "59606", "59183", "59178", "59122"][n % 5].into()),
            ..Default::default()
        }));
    }
    for i in 0..500 {
        interactions::log(
            &app,
            LogInteractionRequest {
                interaction: InteractionInput {
                    organisation_id: Some(if i % 3 == 0 { group } else { sites[i % sites.len()] }),
                    occurred_at: Some(now - chrono::Duration::hours(7 * i as i64 + 1)),
                    channel: Some([Channel::Visite, Channel::Telephone, Channel::Evenement][i % 3]),
                    subject: format!("Échange n° {i} sur les recrutements"),
                    notes: Some("Besoin de techniciens de maintenance ; offre réservée.".into()),
                    ..Default::default()
                },
                follow_up: None,
                confirm_sensitive: false,
            },
        )
        .unwrap();
    }
    for i in 0..30 {
        tasks::create(
            &app,
            TaskInput {
                title: format!("Relance n° {i}"),
                due_date: Some(now.date_naive() + chrono::Duration::days(i - 15)),
                organisation_id: Some(sites[i as usize % sites.len()]),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let mut convention_ids = Vec::new();
    for n in 0..20 {
        let c = conventions::create(
            &app,
            ConventionInput {
                number: format!("2025-CP-{n:04}"),
                title: format!("Convention ENGIE n° {n} — métiers de la transition énergétique"),
                partner_ids: vec![group],
                establishment_ids: sites.clone(),
                duration_months: Some(36),
                signatories: vec![
                    Signatory {
                        party_id: None,
                        name: "Christian Poiret".into(),
                        function: "Président".into(),
                    },
                    Signatory {
                        party_id: Some(group),
                        name: "Agnès Dufresnoy".into(),
                        function: "Directrice".into(),
                    },
                ],
                ..Default::default()
            },
        )
        .unwrap();
        for (k, indicator) in Indicator::ALL.iter().enumerate().take(6) {
            conventions::save_commitment(
                &app,
                SaveCommitmentRequest {
                    id: None,
                    input: CommitmentInput {
                        convention_id: Some(c.id),
                        indicator: Some(*indicator),
                        targets: (2025..=2027)
                            .map(|year| YearTarget { year, target: 10 + k as u32 })
                            .collect(),
                        ..Default::default()
                    },
                },
            )
            .unwrap();
        }
        conventions::save_committee(
            &app,
            SaveCommitteeRequest {
                id: None,
                input: CommitteeInput {
                    convention_id: Some(c.id),
                    kind: Some(CommitteeKind::Copil),
                    held_on: chrono::NaiveDate::from_ymd_opt(2025, 12, 1),
                    attendees: vec!["ENGIE".into(), "Département du Nord".into()],
                    decisions: vec!["Objectifs 2026 confirmés".into()],
                    ..Default::default()
                },
            },
        )
        .unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 15);
        for to in [ConventionStatus::EnSignature, ConventionStatus::Signee, ConventionStatus::Active] {
            conventions::transition(
                &app,
                TransitionRequest {
                    id: c.id,
                    to: Some(to),
                    signed_on: date,
                    starts_on: date,
                    ..Default::default()
                },
            )
            .unwrap();
        }
        convention_ids.push(c.id);
    }

    let brief = briefs::get(&app, IdRequest { id: group }).unwrap();
    println!(
        "Compte : {} échanges consignés (10 derniers affichés), {} conventions, {} relances en retard, {} points à l'ordre du jour",
        500,
        brief.conventions.len(),
        brief.overdue_tasks.len(),
        brief.agenda.len()
    );
    let (brief_time, brief_bytes) = measure(30, || briefs::pdf_bytes(&app, group).unwrap());
    println!(
        "Fiche de préparation (données + PDF) : médiane {:.1} ms, {} Ko",
        ms(brief_time),
        brief_bytes / 1024
    );
    let (conv_time, conv_bytes) = measure(30, || {
        let dir = std::env::temp_dir().join(format!("tremplin-bench-{}.pdf", std::process::id()));
        let out = conventions::export_pdf(
            &app,
            conventions::ExportRequest { id: convention_ids[0], path: dir.display().to_string() },
        )
        .unwrap();
        let _ = std::fs::remove_file(&dir);
        vec![0u8; out.bytes as usize]
    });
    println!(
        "Convention (10 établissements, 6 engagements, données + PDF + écriture) : médiane {:.1} ms, {} Ko",
        ms(conv_time),
        conv_bytes / 1024
    );
}

/// Median of `n` runs (after one warm-up) and the output's size.
fn measure(n: usize, mut f: impl FnMut() -> Vec<u8>) -> (Duration, usize) {
    let size = f().len();
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[n / 2], size)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
