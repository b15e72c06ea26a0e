//! Figures for issue 16: the needs board with 5,000 needs and 20,000
//! candidates, a move on it, a need's candidates, the dashboard; and a
//! convention's actuals counted over 100,000 hires — through the command
//! layer with JSON in and out, on an encrypted database file.
//!
//!   cargo run --release -p tremplin-app --example placement_bench [-- DB_PATH]
//!
//! With a path, the database is kept (its key printed as TREMPLIN_DB_KEY)
//! for the browser measure (`ui/e2e/board-perf.mjs`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use serde_json::{Value, json};
use tremplin_app::clock::SystemClock;
use tremplin_app::dispatch::dispatch;
use tremplin_app::{App, StoreKey};
use tremplin_domain::candidacy::{Candidacy, CandidacyStage};
use tremplin_domain::hire::{Hire, HireInput};
use tremplin_domain::need::{NeedContract, NeedInput, NeedSource, NeedStatus, RecruitmentNeed};
use tremplin_domain::new_row_id;
use tremplin_domain::organisation::{OrgKind, Organisation, OrganisationInput};
use tremplin_domain::person::Person;
use tremplin_store::{Store, StoreError};
use uuid::Uuid;

const EMPLOYERS: usize = 1_000;
const NEEDS: usize = 5_000;
const PEOPLE: usize = 10_000;
const CANDIDACIES: usize = 20_000;
const HIRES: usize = 100_000;
const RUNS: usize = 50;

/// Communes of the Nord, one per DT and more (INSEE codes).
const COMMUNES: [&str; 8] = ["59350", "59606", "59183", "59599", "59009", "59392", "59512", "59178"];
const ROME: [&str; 6] = ["N4101", "K2204", "H2206", "D1106", "F1607", "J1501"];

fn call(app: &App, name: &str, args: Value) -> Value {
    dispatch(app, name, args).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn timed(mut f: impl FnMut(usize)) -> (Duration, Duration, Duration) {
    let mut v: Vec<Duration> = (0..RUNS)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed()
        })
        .collect();
    v.sort();
    (v[RUNS / 2], v[RUNS * 95 / 100], v[RUNS - 1])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report(label: &str, (p50, p95, max): (Duration, Duration, Duration)) {
    println!("{label} : p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms", ms(p50), ms(p95), ms(max));
}

fn main() {
    let kept = std::env::args().nth(1).map(PathBuf::from);
    let dir = tempfile::tempdir().unwrap();
    let path = kept.clone().unwrap_or_else(|| dir.path().join("bench.db"));
    let _ = tremplin_store::remove_database_files(&path);
    let key = StoreKey::generate();
    let app = App::new(Store::open(&path, &key).unwrap(), Arc::new(SystemClock));
    let me = app.ensure_profile("Nadia Benali").unwrap().id;
    let today = chrono::Utc::now().date_naive();

    let t = Instant::now();
    let employers: Vec<Uuid> = app.with_store(|s| {
        s.write(|w| {
            let mut ids = Vec::new();
            for i in 0..EMPLOYERS {
                let input = OrganisationInput {
                    kind: Some(OrgKind::Entreprise),
                    name: format!("Entreprise {i:04}"),
                    commune_code: Some(COMMUNES[i % COMMUNES.len()].into()),
                    ..Default::default()
                };
                let org = Organisation::validate(&input).unwrap();
                let id = new_row_id();
                w.create(id, &org)?;
                ids.push(id);
            }
            Ok::<_, StoreError>(ids)
        })
        .unwrap()
    });
    let needs: Vec<Uuid> = app.with_store(|s| {
        s.write(|w| {
            let mut ids = Vec::new();
            for i in 0..NEEDS {
                let input = NeedInput {
                    employer_id: Some(employers[i % EMPLOYERS]),
                    rome_code: ROME[i % ROME.len()].into(),
                    job_title: format!("Poste {i}"),
                    positions: Some(1 + (i % 3) as u32),
                    contract: Some(NeedContract::Cdi),
                    source: Some(NeedSource::Visite),
                    ..Default::default()
                };
                let day = today - Days::new((i % 300) as u64);
                let mut need = RecruitmentNeed::create(&input, me, day).unwrap();
                // Every column of the board, the open ones most.
                need.status = [
                    NeedStatus::AQualifier,
                    NeedStatus::Ouvert,
                    NeedStatus::Ouvert,
                    NeedStatus::CandidatsProposes,
                    NeedStatus::CandidatsProposes,
                    NeedStatus::PourvuPartiellement,
                    NeedStatus::Pourvu,
                    NeedStatus::Abandonne,
                ][i % 8];
                if need.status == NeedStatus::Abandonne {
                    need.abandon_reason = Some(tremplin_domain::need::AbandonReason::Autre);
                }
                let id = new_row_id();
                w.create(id, &need)?;
                ids.push(id);
            }
            Ok::<_, StoreError>(ids)
        })
        .unwrap()
    });
    let people: Vec<Uuid> = app.with_store(|s| {
        s.write(|w| {
            let mut ids = Vec::new();
            for i in 0..PEOPLE {
                let p = Person {
                    first_name: format!("Prénom{i}"),
                    last_name: format!("Nom{i}"),
                    commune_code: Some(COMMUNES[i % COMMUNES.len()].into()),
                    officer_ids: vec![me],
                    ..Person::default()
                };
                let id = new_row_id();
                w.create(id, &p)?;
                ids.push(id);
            }
            Ok::<_, StoreError>(ids)
        })
        .unwrap()
    });
    app.with_store(|s| {
        s.write(|w| {
            for i in 0..CANDIDACIES {
                let need = needs[(i * 7) % NEEDS];
                let mut c = Candidacy::propose(need, people[i % PEOPLE], me, today - Days::new(30));
                if i % 3 == 0 {
                    c = c.moved(CandidacyStage::CvTransmis, None, me, today - Days::new(20)).unwrap();
                }
                c.officer_ids = vec![me];
                w.create(new_row_id(), &c)?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap()
    });
    println!(
        "Base : {EMPLOYERS} employeurs, {NEEDS} besoins, {PEOPLE} personnes, {CANDIDACIES} candidatures ({:.1} s)",
        t.elapsed().as_secs_f64()
    );

    // The board (every column's count and latest cards), as the screen asks.
    let filter = json!({"filter": {"status": null, "open_only": false, "dt_code": null, "grand_domaine": null,
                                   "owner_id": null, "employer_id": null, "limit": 500}, "mine": false});
    let board = call(&app, "need.board", filter.clone());
    let cards: usize = board.as_array().unwrap().iter().map(|c| c["items"].as_array().unwrap().len()).sum();
    let total: u64 = board.as_array().unwrap().iter().map(|c| c["total"].as_u64().unwrap()).sum();
    report(
        &format!("Tableau des besoins ({total} besoins, {cards} cartes affichées)"),
        timed(|_| {
            call(&app, "need.board", filter.clone());
        }),
    );
    let dt = json!({"filter": {"status": null, "open_only": false, "dt_code": "ML", "grand_domaine": null,
                               "owner_id": null, "employer_id": null, "limit": 500}, "mine": false});
    report(
        "Tableau filtré par DT",
        timed(|_| {
            call(&app, "need.board", dt.clone());
        }),
    );
    // A move (ouvert ↔ candidats proposés) on needs that stand there.
    let open: Vec<Uuid> = (0..NEEDS).filter(|i| i % 8 == 1).map(|i| needs[i]).take(RUNS).collect();
    report(
        "Déplacement d'une carte (écriture, résumé relu)",
        timed(|i| {
            call(&app, "need.move", json!({"id": open[i], "to": "candidats_proposes"}));
        }),
    );
    report(
        "Candidats d'un besoin",
        timed(|i| {
            call(&app, "candidacy.of_need", json!({"id": needs[(i * 7) % NEEDS]}));
        }),
    );

    // A convention of ENGIE with every hire indicator over three years,
    // 100,000 hires counting for it.
    let engie = call(
        &app,
        "organisation.create",
        json!({"kind": "grand_compte", "name": "ENGIE", "siren": "542107651"}),
    );
    let engie = engie["id"].as_str().unwrap().to_string();
    let year = today.format("%Y").to_string().parse::<i32>().unwrap();
    let start = NaiveDate::from_ymd_opt(year - 2, 1, 15).unwrap();
    let c = call(
        &app,
        "convention.create",
        json!({"number": "BENCH-1", "title": "Convention de mesure", "partner_ids": [engie], "duration_months": 36,
               "cp_number": "CP/BENCH", "cp_date": start - Days::new(30),
               "signatories": [{"party_id": null, "name": "C. Poiret", "function": "Président"},
                               {"party_id": engie, "name": "A. Dufresnoy", "function": "Directrice"}]}),
    );
    let convention = c["id"].as_str().unwrap().to_string();
    for indicator in ["recrutements", "recrutements_durables", "cdi", "contrats_aides", "alternance"] {
        let targets: Vec<Value> = (year - 2..=year).map(|y| json!({"year": y, "target": 10_000})).collect();
        call(
            &app,
            "commitment.save",
            json!({"id": null, "input": {"convention_id": convention, "indicator": indicator, "targets": targets}}),
        );
    }
    for to in ["en_signature", "signee", "active"] {
        call(
            &app,
            "convention.transition",
            json!({"id": convention, "to": to, "signed_on": start, "starts_on": start}),
        );
    }
    let engie_id: Uuid = engie.parse().unwrap();
    let convention_id: Uuid = convention.parse().unwrap();
    let t = Instant::now();
    app.with_store(|s| {
        s.write(|w| {
            let contracts =
                [NeedContract::Cdi, NeedContract::Cdd, NeedContract::CuiCie, NeedContract::Alternance];
            for i in 0..HIRES {
                let starts_on = start + Days::new((i % 1_000) as u64);
                let contract = contracts[i % contracts.len()];
                let planned_end_on = match contract {
                    NeedContract::Cdi => None,
                    _ => Some(starts_on + Days::new(90 + (i % 400) as u64)),
                };
                let h = Hire::create(
                    &HireInput {
                        employer_id: Some(engie_id),
                        convention_id: Some(convention_id),
                        contract: Some(contract),
                        job_title: "Technicien".into(),
                        starts_on: Some(starts_on),
                        planned_end_on,
                        ..HireInput::default()
                    },
                    me,
                )
                .unwrap();
                w.create(new_row_id(), &h)?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap()
    });
    println!("{HIRES} recrutements écrits ({:.1} s)", t.elapsed().as_secs_f64());
    let detail = call(&app, "convention.get", json!({"id": convention}));
    let counted: u64 = detail["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["data"]["indicator"] == "recrutements")
        .flat_map(|k| {
            k["years"].as_array().unwrap().iter().map(|y| y["progress"]["actual"].as_u64().unwrap())
        })
        .sum();
    report(
        &format!("Réalisés d'une convention (5 indicateurs × 3 ans, {counted} recrutements comptés)"),
        timed(|_| {
            call(&app, "convention.get", json!({"id": convention}));
        }),
    );
    report(
        "Suivis dans l'emploi de la semaine",
        timed(|_| {
            call(&app, "hire.list", json!({"mine": true, "due_within_days": 7}));
        }),
    );
    report(
        "Relances",
        timed(|_| {
            call(&app, "task.due", json!({"days": 7}));
        }),
    );
    report(
        "Mes besoins à pourvoir (liste)",
        timed(|_| {
            call(&app, "need.list", json!({"filter": {"open_only": true}, "mine": true}));
        }),
    );
    report(
        "Tableau de bord",
        timed(|_| {
            call(&app, "dashboard", json!(null));
        }),
    );
    drop(app);
    if let Some(p) = kept {
        println!("Base gardée : TREMPLIN_DB={} TREMPLIN_DB_KEY={}", p.display(), key.to_hex());
    }
}
