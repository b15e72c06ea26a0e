//! The demo database: what an officer opening `tremplin-desktop --demo`
//! finds among the insertion instruments, and the convention actuals
//! counted from them.

use std::sync::Arc;

use tremplin_app::clock::SystemClock;
use tremplin_app::commands::cie::{self, ContractFilter};
use tremplin_app::commands::conventions::{self};
use tremplin_app::commands::events;
use tremplin_app::commands::mentoring;
use tremplin_app::commands::people::{self, PersonFilter};
use tremplin_app::commands::{IdRequest, briefs};
use tremplin_app::{App, StoreKey};
use tremplin_domain::cie::ContractStatus;
use tremplin_domain::commitment::Indicator;
use tremplin_domain::event::EventKind;
use tremplin_store::Store;
use tremplin_store::queries::partnerships::ConventionFilter;

#[test]
fn the_demo_holds_people_contracts_and_pairings_the_active_officer_may_see() {
    let app = App::new(Store::open_in_memory(&StoreKey::generate()).unwrap(), Arc::new(SystemClock));
    let summary = tremplin_app::demo::build(&app).unwrap();
    assert!(summary.contains("personnes accompagnées"), "{summary}");
    assert!(summary.contains("binômes de parrainage"), "{summary}");

    // Every DT has its people; the active profile (Lille) sees only Lille's
    // and those she is involved with.
    let all_people = app.with_store(|s| s.people()).unwrap();
    assert_eq!(all_people.len(), 42);
    let mine = people::list(&app, PersonFilter::default()).unwrap();
    assert_eq!(mine.len(), 7);
    assert!(mine.iter().all(|p| p.dt_code.as_deref() == Some("ML")), "{mine:?}");

    // Her contracts: running with lines, a renewal, a groupement
    // d'employeurs with a member as user establishment, a CAE, and two
    // suspensions to declare (one overdue).
    let contracts = cie::list(&app, ContractFilter::default()).unwrap();
    assert_eq!(contracts.len(), 6, "{contracts:?}");
    assert!(contracts.iter().all(|c| c.totals.aid_cents > 0));
    let details: Vec<_> = contracts.iter().map(|c| cie::get(&app, IdRequest { id: c.id }).unwrap()).collect();
    assert!(details.iter().any(|d| d.data.renewals.len() == 1));
    assert!(details.iter().any(|d| d.user_establishment_names.len() == 1));
    assert!(details.iter().any(|d| d.data.contract_type == tremplin_domain::parameters::ContractType::Cae));
    assert!(details.iter().all(|d| d.lines_error.is_none()));
    let alerts = cie::alerts(&app).unwrap();
    assert_eq!(alerts.iter().filter(|a| a.overdue).count(), 1, "{alerts:?}");
    assert_eq!(alerts.iter().filter(|a| !a.overdue && a.declared_on.is_none()).count(), 1, "{alerts:?}");
    let all_contracts = app.with_store(|s| s.aided_contracts()).unwrap();
    assert_eq!(all_contracts.len(), 23);
    for status in [ContractStatus::Termine, ContractStatus::Rompu, ContractStatus::Projet] {
        assert!(all_contracts.iter().any(|c| c.data.status == status), "{status:?}");
    }

    // FACE MEL's programme: five marraines, eight pairs (three under way).
    let o = mentoring::overview(&app).unwrap();
    assert_eq!(o.programmes.len(), 1);
    assert_eq!(o.mentors.len(), 5);
    let pairings = app.with_store(|s| s.pairings()).unwrap();
    assert_eq!(pairings.len(), 8);
    assert_eq!(pairings.iter().filter(|p| p.data.ended_on.is_none()).count(), 3);
    assert!(o.pairings.iter().all(|p| p.data.dt_code.as_deref() == Some("ML")));

    // ENGIE's current convention shows, beside the entered actuals, the
    // marraines of the programme serving it: five charters signed within
    // its dates.
    let engie = conventions::list(&app, ConventionFilter { latest_only: true, ..Default::default() })
        .unwrap()
        .into_iter()
        .find(|c| c.title.starts_with("Partenariat ENGIE 2025"))
        .expect("ENGIE's current convention");
    let c = conventions::get(&app, IdRequest { id: engie.id }).unwrap();
    let parrains = c.commitments.iter().find(|k| k.data.indicator == Indicator::Parrains).unwrap();
    assert!(!parrains.computed);
    let counted: u32 = parrains.years.iter().filter_map(|y| y.recorded).sum();
    assert_eq!(counted, 5);
    // Its job datings are the events ENGIE took part in: last year's and
    // this autumn's, both held.
    let jd = c.commitments.iter().find(|k| k.data.indicator == Indicator::JobDatings).unwrap();
    assert!(jd.computed);
    assert_eq!(jd.years.iter().map(|y| y.progress.actual).sum::<u32>(), 2, "{:?}", jd.years);

    // Three job datings: the autumn's with who came and a hire among
    // them, the next one with people registered (on the dashboard).
    let all = events::list(&app, events::EventListRequest::default()).unwrap();
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(all.iter().all(|e| e.kind == EventKind::JobDating));
    let autumn = all.iter().find(|e| e.title.starts_with("Job dating logistique")).unwrap();
    let autumn = events::get(&app, IdRequest { id: autumn.id }).unwrap();
    assert_eq!((autumn.attendance.present, autumn.attendance.absent), (4, 1));
    assert_eq!(autumn.results.len(), 1, "a hire among those present");
    let dash = tremplin_app::commands::dashboard::dashboard(&app).unwrap();
    assert_eq!(dash.next_events.len(), 1);

    // A grand projet whose clause counts the hours of the hires on its needs.
    let projects = tremplin_app::commands::projects::list(&app).unwrap();
    assert_eq!(projects.len(), 1);
    let p = tremplin_app::commands::projects::get(&app, IdRequest { id: projects[0].id }).unwrap();
    assert!(!p.needs.is_empty() && !p.hires.is_empty());
    assert!(p.hours.achieved_centi > 0, "{:?}", p.hours);
    // Some open needs are for a métier en tension.
    let flagged = tremplin_app::commands::needs::list(
        &app,
        tremplin_app::commands::needs::NeedListRequest {
            filter: tremplin_store::queries::needs::NeedFilter { tension_only: true, ..Default::default() },
            mine: false,
        },
    )
    .unwrap();
    assert!(!flagged.is_empty() && flagged.iter().all(|n| n.tension));

    // Briefs count the instruments, naming no one: ENGIE has a marraine, the
    // groupement d'employeurs a contract for one of its members.
    let figure = |name: &str, label: &str| {
        let org: String = app
            .with_store(|s| {
                s.raw_connection()
                    .query_row("SELECT id FROM organisation WHERE name = ?1", [name], |r| r.get(0))
            })
            .unwrap_or_else(|e| panic!("{name} in the demo: {e}"));
        let org = org.parse().unwrap();
        let b = briefs::get(&app, IdRequest { id: org }).unwrap();
        b.figures.into_iter().find(|f| f.label.starts_with(label)).map(|f| f.value)
    };
    assert_eq!(figure("ENGIE", "Parrains et marraines").as_deref(), Some("1"));
    let ge = figure("Val de Lys Entreprendre", "Contrats aidés").unwrap();
    assert!(ge.starts_with("1 en cours"), "{ge}");
}
