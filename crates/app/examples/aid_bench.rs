//! Figures for issue 6: the monthly aid lines of 10,000 contracts over 24
//! months — the engine alone, then the totals command over an encrypted
//! in-memory store holding them (load, decode, compute, sum).
//!
//!   cargo run --release -p tremplin-app --example aid_bench

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Months, NaiveDate, TimeZone, Utc};
use tremplin_app::aid_parameters::AidTables;
use tremplin_app::clock::FixedClock;
use tremplin_app::commands::cie::{self, TotalsRequest};
use tremplin_app::{App, StoreKey};
use tremplin_domain::cie::{AidedContract, ContractStatus, Employment, Suspension};
use tremplin_domain::new_row_id;
use tremplin_domain::parameters::ContractType;
use tremplin_store::Store;

const CONTRACTS: usize = 10_000;

fn contracts(officer: uuid::Uuid, rule: uuid::Uuid) -> Vec<AidedContract> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    (0..CONTRACTS)
        .map(|i| {
            // Starts spread over 2025, 20–35 h, a suspension in one contract out of ten.
            let starts_on = start + chrono::Days::new((i % 365) as u64);
            let aid_end = starts_on + Months::new(24) - chrono::Days::new(1);
            AidedContract {
                contract_type: ContractType::Cie,
                employer_id: new_row_id(),
                person_id: new_row_id(),
                rome_code: "K2204".into(),
                job_title: "Agent de propreté".into(),
                employment: Employment::Cdi,
                starts_on: Some(starts_on),
                aid_starts_on: Some(starts_on),
                aid_ends_on: Some(aid_end),
                contract_hours_centi: 2_000 + (i % 16) as u32 * 100,
                rate_bp: 4_700,
                rule_id: Some(rule),
                tutor_name: Some("Tuteur".into()),
                tutor_experienced: true,
                status: ContractStatus::EnCours,
                suspensions: if i % 10 == 0 {
                    vec![Suspension {
                        from: Some(starts_on + Months::new(3)),
                        to: Some(starts_on + Months::new(3) + chrono::Days::new(20)),
                        paid_share_bp: 5_000,
                    }]
                } else {
                    Vec::new()
                },
                officer_ids: vec![officer],
                ..AidedContract::default()
            }
        })
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let store = Store::open_in_memory(&StoreKey::generate()).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap();
    let app = App::new(store, Arc::new(FixedClock(now)));
    let officer = app.ensure_profile("Nadia Benali").unwrap().id;
    let rule: uuid::Uuid = "0190a000-0000-7000-8000-000000000301".parse().unwrap();
    let all = contracts(officer, rule);
    let tables = app.with_store(|s| AidTables::load(s)).unwrap();
    let legal = tables.rule(rule).unwrap().clone();

    let mut engine = Vec::new();
    let mut lines = 0;
    for _ in 0..7 {
        let t = Instant::now();
        lines = 0;
        for c in &all {
            lines += c.aid_lines(&legal, &tables.smic, &tables.rsa).unwrap().len();
        }
        engine.push(t.elapsed());
    }
    println!(
        "Moteur : {lines} lignes mensuelles ({CONTRACTS} contrats × 24 mois) en {:.0} ms (médiane de 7)",
        median(engine).as_secs_f64() * 1e3
    );

    // The same contracts stored, their begun months kept.
    let t = Instant::now();
    app.with_store(|s| {
        s.write(|w| {
            for c in &all {
                let kept = c.aid_lines(&legal, &tables.smic, &tables.rsa).unwrap();
                let c =
                    AidedContract { lines: AidedContract::begun_lines(kept, now.date_naive()), ..c.clone() };
                w.create(new_row_id(), &c)?;
            }
            Ok::<_, tremplin_store::StoreError>(())
        })
    })
    .unwrap();
    println!(
        "Écriture des {CONTRACTS} contrats et de leurs lignes arrêtées : {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let mut runs = Vec::new();
    let mut total = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let r = cie::totals(&app, TotalsRequest::default()).unwrap();
        runs.push(t.elapsed());
        total = r.all.aid_cents;
    }
    println!(
        "Totaux (lecture, calcul et sommes par employeur, DT et année) : {:.0} ms (médiane de 5), aide totale {}",
        median(runs).as_secs_f64() * 1e3,
        tremplin_domain::money::euros(total)
    );
    let mut reads = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let n = app.with_store(|s| s.aided_contracts()).unwrap().len();
        assert_eq!(n, CONTRACTS);
        reads.push(t.elapsed());
    }
    println!(
        "  dont lecture et décodage des {CONTRACTS} contrats : {:.0} ms (médiane de 5)",
        median(reads).as_secs_f64() * 1e3
    );
}
