//! Recruitment needs through the app layer: entered with every fault at
//! once, linked to what exists, moved through the pipeline, listed by DT,
//! ROME family and owner.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use tremplin_app::clock::FixedClock;
use tremplin_app::dispatch::dispatch;
use tremplin_app::{App, StoreKey};
use tremplin_store::Store;

fn app() -> App {
    let store = Store::open_in_memory(&StoreKey::generate()).unwrap();
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap());
    let app = App::new(store, Arc::new(clock));
    app.ensure_profile("Nadia Benali").unwrap();
    app
}

fn call(app: &App, name: &str, args: Value) -> Value {
    dispatch(app, name, args).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn employer(app: &App, name: &str, commune: &str, naf: &str) -> String {
    let o = call(
        app,
        "organisation.create",
        json!({"kind": "entreprise", "name": name, "commune_code": commune, "naf_code": naf}),
    );
    o["id"].as_str().unwrap().to_string()
}

#[test]
fn a_need_is_entered_checked_moved_and_listed() {
    let app = app();
    let bakery = employer(&app, "Boulangerie Dunkerquoise", "59183", "10.71C");
    let plant = employer(&app, "Menuiserie du Hainaut", "59606", "16.23Z");

    // Every fault at once; then a ROME code the nomenclature does not have.
    let e = dispatch(&app, "need.create", json!({"positions": 0})).unwrap_err();
    let fields: Vec<&str> = e.errors.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["employer_id", "rome_code", "job_title", "positions", "contract", "source"], "{e:?}");
    let e = dispatch(
        &app,
        "need.create",
        json!({"employer_id": bakery, "rome_code": "Z9999", "job_title": "Boulanger", "contract": "cdd", "source": "visite"}),
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("unknown_rome", Some("rome_code")));

    let need = call(
        &app,
        "need.create",
        json!({"employer_id": bakery, "rome_code": "D1102", "job_title": "Boulanger de nuit", "positions": 2,
               "contract": "cdd", "duration_months": 6, "weekly_hours_centi": 3500, "source": "visite",
               "licences": ["Permis B"], "staggered_hours": true}),
    );
    let id = need["id"].as_str().unwrap().to_string();
    assert_eq!(need["summary"]["rome_label"], "Boulanger / Boulangère");
    assert_eq!(need["summary"]["dt_code"], "FM", "{need}");
    assert_eq!(need["data"]["status"], "a_qualifier");
    assert_eq!(need["summary"]["moves"], json!(["ouvert", "abandonne"]));
    call(
        &app,
        "need.create",
        json!({"employer_id": plant, "rome_code": "H2206", "job_title": "Menuisier", "contract": "cdi", "source": "job_dating"}),
    );

    // The pipeline: not filled before it is qualified; dropped with a reason.
    let e = dispatch(&app, "need.move", json!({"id": id, "to": "pourvu"})).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("bad_move", Some("status")));
    let open = call(&app, "need.move", json!({"id": id, "to": "ouvert"}));
    assert_eq!(
        (open["data"]["status"].as_str(), open["data"]["status_on"].as_str()),
        (Some("ouvert"), Some("2026-11-30"))
    );
    let e = dispatch(&app, "need.move", json!({"id": id, "to": "abandonne"})).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("abandon_reason"));
    // An edit keeps where it stands.
    let mut input = open["data"].clone();
    input["positions"] = json!(3);
    let edited = call(&app, "need.update", json!({"id": id, "input": input}));
    assert_eq!(
        (edited["data"]["positions"].as_u64(), edited["data"]["status"].as_str()),
        (Some(3), Some("ouvert"))
    );

    // Lists: by DT, by ROME family (D: commerce, H: industry), open only, mine.
    let list = |filter: Value| -> Vec<String> {
        call(&app, "need.list", filter)
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["job_title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(list(json!({"filter": {"dt_code": "FM"}})), ["Boulanger de nuit"]);
    assert_eq!(list(json!({"filter": {"grand_domaine": "H"}})), ["Menuisier"]);
    assert_eq!(list(json!({"filter": {"status": "ouvert"}})), ["Boulanger de nuit"]);
    assert_eq!(list(json!({"mine": true})).len(), 2);
    assert_eq!(list(json!({"filter": {"employer_id": plant}})), ["Menuisier"]);
    // The dashboard lists the officer's needs still to fill.
    let mine = |app: &App| -> Vec<String> {
        call(app, "dashboard", Value::Null)["my_needs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["job_title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(mine(&app), ["Menuisier", "Boulanger de nuit"], "the least advanced first");
    call(&app, "need.move", json!({"id": id, "to": "abandonne", "reason": "profil_introuvable"}));
    assert_eq!(list(json!({"filter": {"open_only": true}})), ["Menuisier"]);
    assert_eq!(mine(&app), ["Menuisier"]);

    call(&app, "need.delete", json!({"id": id}));
    assert_eq!(dispatch(&app, "need.get", json!({"id": id})).unwrap_err().code, "not_found");
}

#[test]
fn the_board_counts_every_column_and_shows_its_latest_cards() {
    let app = app();
    let bakery = employer(&app, "Boulangerie Dunkerquoise", "59183", "10.71C");
    let mut ids = Vec::new();
    for i in 0..5 {
        let n = call(
            &app,
            "need.create",
            json!({"employer_id": bakery, "rome_code": "D1102", "job_title": format!("Boulanger {i}"),
                   "contract": "cdi", "source": "visite"}),
        );
        ids.push(n["id"].as_str().unwrap().to_string());
    }
    for id in &ids[..2] {
        call(&app, "need.move", json!({"id": id, "to": "ouvert"}));
    }
    let board = call(&app, "need.board", json!({"filter": {}, "mine": false}));
    let columns: Vec<(String, u64, usize)> = board
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["status"].as_str().unwrap().to_string(),
                c["total"].as_u64().unwrap(),
                c["items"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(columns.len(), 6, "every column, empty ones too");
    assert_eq!(columns[0], ("a_qualifier".to_string(), 3, 3));
    assert_eq!(columns[1], ("ouvert".to_string(), 2, 2));
    assert!(columns[2..].iter().all(|c| c.1 == 0));
    // A column of more needs than cards shows its latest and counts them all.
    let capped = app.with_store(|s| s.need_board(&Default::default(), 2).unwrap());
    assert_eq!((capped[0].total, capped[0].items.len()), (3, 2));
    assert_eq!(capped[0].items[0].job_title, "Boulanger 4", "the latest moved first");
    // Another DT's filter leaves every column empty but still there.
    let lille = call(&app, "need.board", json!({"filter": {"dt_code": "ML"}, "mine": false}));
    assert!(lille.as_array().unwrap().iter().all(|c| c["total"] == 0));
}

/// The métiers en tension: a dated list with its sources; a need is flagged
/// when its job is on the list in force on its last move, in its
/// territory, and the list and the board keep only those on demand.
#[test]
fn a_need_for_a_metier_en_tension_is_flagged_from_the_dated_list() {
    let app = app();
    let bakery = employer(&app, "Boulangerie Dunkerquoise", "59183", "10.71C");
    let plant = employer(&app, "Menuiserie du Hainaut", "59606", "16.23Z");
    let need = |employer: &str, rome: &str, title: &str| {
        call(
            &app,
            "need.create",
            json!({"employer_id": employer, "rome_code": rome, "job_title": title, "contract": "cdi", "source": "visite"}),
        )["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let baker = need(&bakery, "D1102", "Boulanger");
    let joiner = need(&plant, "H2206", "Menuisier");

    // A laptop linked to no server keeps its own list; entries are checked.
    let e = dispatch(
        &app,
        "tension.save",
        json!({"input": {"rome_code": "Z9999", "effective_from": "2026-01-01", "source": "BMO"}}),
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("unknown_rome", Some("rome_code")));
    let e = dispatch(
        &app,
        "tension.save",
        json!({"input": {"rome_code": "D1102", "effective_from": "2026-01-01"}}),
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("source"));
    let l = call(
        &app,
        "tension.save",
        json!({"input": {"rome_code": "D1102", "effective_from": "2026-01-01", "effective_to": "2026-12-31",
               "source": "BMO 2026, Hauts-de-France"}}),
    );
    assert!(l["editable"].as_bool().unwrap());
    assert!(l["entries"][0]["rome_label"].as_str().is_some_and(|s| s.contains("Boulang")), "{l}");
    // Joinery only in another DT than the plant's (Valenciennes), and an expired one.
    let dts = call(&app, "reference.lists", json!(null))["directions_territoriales"].clone();
    let other_dt = dts
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .find(|c| *c != "VA")
        .unwrap()
        .to_string();
    call(
        &app,
        "tension.save",
        json!({"input": {"rome_code": "H2206", "effective_from": "2026-01-01", "dt_code": other_dt, "source": "BMO 2026"}}),
    );
    call(
        &app,
        "tension.save",
        json!({"input": {"rome_code": "H2206", "effective_from": "2020-01-01", "effective_to": "2020-12-31", "source": "BMO 2020"}}),
    );

    let flagged =
        |id: &str| call(&app, "need.get", json!({"id": id}))["summary"]["tension"].as_bool().unwrap();
    assert!(flagged(&baker));
    assert!(!flagged(&joiner), "not in its territory, nor in force");
    let filter = json!({"filter": {"tension_only": true}});
    let list = call(&app, "need.list", filter.clone());
    let ids: Vec<&str> = list.as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [baker.as_str()]);
    let board = call(&app, "need.board", filter);
    let total: u64 = board.as_array().unwrap().iter().map(|c| c["total"].as_u64().unwrap()).sum();
    assert_eq!(total, 1);
    // Removed from the list: no longer flagged.
    let entry = l["entries"][0]["id"].as_str().unwrap().to_string();
    call(&app, "tension.delete", json!({"id": entry}));
    assert!(!flagged(&baker));
    // Never sent, it leaves nothing to push.
    let queued = app
        .with_store(|s| {
            s.raw_connection()
                .query_row("SELECT count(*) FROM outbox WHERE row_id = ?1", [&entry], |r| r.get::<_, i64>(0))
        })
        .unwrap();
    assert_eq!(queued, 0);
}
