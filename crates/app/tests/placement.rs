//! The placement chain through the app layer: a person put forward on a
//! need (her consent first), moved along, hired; the hire's follow-ups as
//! the officer's tasks; a departure; convention actuals counted from hires.

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

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// An employer, an open need of two positions on it, and a person.
fn setup(app: &App) -> (String, String, String) {
    let employer = id(&call(
        app,
        "organisation.create",
        json!({"kind": "entreprise", "name": "Transports Dubois", "commune_code": "59350", "naf_code": "49.41A"}),
    ));
    let need = id(&call(
        app,
        "need.create",
        json!({"employer_id": employer, "rome_code": "N4101", "job_title": "Conducteur poids lourd",
               "positions": 2, "contract": "cdd", "duration_months": 6, "weekly_hours_centi": 3500,
               "source": "visite"}),
    ));
    let person = id(&call(
        app,
        "person.save",
        json!({"id": null, "input": {"first_name": "Karim", "last_name": "Haddad", "commune_code": "59350"}}),
    ));
    (employer, need, person)
}

#[test]
fn a_person_is_put_forward_with_her_consent_moved_along_and_hired() {
    let app = app();
    let (employer, need, person) = setup(&app);

    // A need still to qualify takes no one.
    let e = dispatch(&app, "candidacy.propose", json!({"need_id": need, "person_id": person})).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("need_closed", Some("need_id")));
    call(&app, "need.move", json!({"id": need, "to": "ouvert"}));

    // Her consent first: refused without it, recorded with the proposal.
    let e = dispatch(&app, "candidacy.propose", json!({"need_id": need, "person_id": person})).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("consent_required", Some("consent_how")));
    let c = call(
        &app,
        "candidacy.propose",
        json!({"need_id": need, "person_id": person, "consent_how": "ecrit"}),
    );
    assert_eq!((c["stage"].as_str(), c["person_name"].as_str()), (Some("propose"), Some("Karim HADDAD")));
    let p = call(&app, "person.get", json!({"id": person, "purpose": ""}));
    let consent = &p["data"]["consents"][0];
    assert_eq!(
        (consent["kind"].as_str(), consent["given_on"].as_str()),
        (Some("partage_profil_employeur"), Some("2026-11-30"))
    );
    let n = call(&app, "need.get", json!({"id": need}));
    assert_eq!(
        (n["data"]["status"].as_str(), n["summary"]["candidates"].as_u64()),
        (Some("candidats_proposes"), Some(1))
    );
    let e = dispatch(&app, "candidacy.propose", json!({"need_id": need, "person_id": person})).unwrap_err();
    assert_eq!(e.code, "duplicate");

    // Moves: forward only; « non retenu » says why; « embauché » is the hire's.
    let cid = id(&c);
    let c = call(&app, "candidacy.move", json!({"id": cid, "to": "entretien"}));
    assert_eq!(c["moves"], json!(["retenu", "non_retenu"]));
    // Awaiting the employer's answer: on the dashboard of the officer following her.
    let dash = call(&app, "dashboard", json!(null));
    assert_eq!(dash["waiting_candidates"][0]["person_name"].as_str(), Some("Karim HADDAD"));
    let e = dispatch(&app, "candidacy.move", json!({"id": cid, "to": "cv_transmis"})).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("bad_move", Some("stage")));
    let e = dispatch(&app, "candidacy.move", json!({"id": cid, "to": "embauche"})).unwrap_err();
    assert_eq!(e.code, "hire_form");
    let e = dispatch(&app, "candidacy.move", json!({"id": cid, "to": "non_retenu"})).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("reason"));

    // Hired from the candidacy: the contract's faults first, then the hire.
    let e = dispatch(
        &app,
        "hire.create",
        json!({"candidacy_id": cid, "input": {"contract": "cdd", "job_title": "Conducteur poids lourd", "starts_on": "2026-10-05"}}),
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("required", Some("planned_end_on")));
    let h = call(
        &app,
        "hire.create",
        json!({"candidacy_id": cid, "input": {"contract": "cdd", "job_title": "Conducteur poids lourd",
               "rome_code": "N4101", "starts_on": "2026-10-05", "planned_end_on": "2027-04-04",
               "weekly_hours_centi": 3500}}),
    );
    let hid = id(&h);
    assert_eq!(h["data"]["employer_id"].as_str(), Some(employer.as_str()));
    assert_eq!(h["summary"]["person_name"].as_str(), Some("Karim HADDAD"));
    assert!(h["durable"].as_bool().unwrap(), "a CDD of six months is durable employment");
    let c = &call(&app, "candidacy.of_need", json!({"id": need}))[0];
    assert_eq!(c["stage"].as_str(), Some("embauche"));
    assert_eq!(c["hire_id"].as_str(), Some(hid.as_str()));
    // One of two positions: partly filled.
    assert_eq!(
        call(&app, "need.get", json!({"id": need}))["data"]["status"].as_str(),
        Some("pourvu_partiellement")
    );

    // The follow-ups at 1, 3 and 6 months are the officer's tasks.
    let due = call(&app, "task.due", json!({"days": 200}));
    let tasks: Vec<(String, String)> = ["overdue", "due_today", "upcoming"]
        .iter()
        .flat_map(|k| due[*k].as_array().unwrap().clone())
        .filter(|t| t["title"].as_str().unwrap().starts_with("Suivi dans l'emploi"))
        .map(|t| (t["due_date"].as_str().unwrap().to_string(), t["title"].as_str().unwrap().to_string()))
        .collect();
    let dates: Vec<&str> = tasks.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(dates, ["2026-11-05", "2027-01-05", "2027-04-05"], "{tasks:?}");
    assert!(tasks[0].1.contains("à 1 mois") && tasks[0].1.contains("Transports Dubois"));
    assert!(!tasks[0].1.contains("Haddad"), "a task names the job, not the person");
    let dash = call(&app, "dashboard", json!(null));
    assert_eq!(dash["follow_ups_due"][0]["id"].as_str(), Some(hid.as_str()));
    let mine = call(&app, "hire.list", json!({"mine": true, "due_within_days": 7}));
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["next_follow_up_on"].as_str(), Some("2026-11-05"));

    // The 1-month follow-up: in post; its task is done.
    let e = dispatch(
        &app,
        "hire.follow_up",
        json!({"id": hid, "after_months": 2, "done_on": "2026-11-06", "in_post": true}),
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("after_months"));
    let h = call(
        &app,
        "hire.follow_up",
        json!({"id": hid, "after_months": 1, "done_on": "2026-11-06", "in_post": true}),
    );
    assert_eq!(h["data"]["follow_ups"][0]["in_post"], json!(true));
    assert_eq!(h["summary"]["next_follow_up_on"].as_str(), Some("2027-01-05"));
    let due = call(&app, "task.due", json!({"days": 200}));
    assert!(
        due["overdue"].as_array().unwrap().iter().all(|t| !t["title"].as_str().unwrap().contains("à 1 mois"))
    );

    // She left in December: the later follow-ups fall, their tasks cancelled.
    let h = call(
        &app,
        "hire.follow_up",
        json!({"id": hid, "after_months": 3, "done_on": "2026-11-30", "in_post": false,
               "ended_on": "2026-11-20", "end_reason": "rupture_periode_essai"}),
    );
    assert_eq!(h["data"]["ended_on"].as_str(), Some("2026-11-20"));
    assert_eq!(h["summary"]["next_follow_up_on"], Value::Null);
    let due = call(&app, "task.due", json!({"days": 200}));
    let left: usize = ["overdue", "due_today", "upcoming"]
        .iter()
        .map(|k| {
            due[*k]
                .as_array()
                .unwrap()
                .iter()
                .filter(|t| t["title"].as_str().unwrap().starts_with("Suivi"))
                .count()
        })
        .sum();
    assert_eq!(left, 0);

    // The employer's brief: the need still to fill with its count, the
    // year's hires — no one named.
    let b = call(&app, "brief.get", json!({"id": employer}));
    let figure = |label: &str| {
        b["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["label"] == label)
            .map(|f| f["value"].as_str().unwrap().to_string())
    };
    assert_eq!(
        figure("Besoins de recrutement à pourvoir").as_deref(),
        Some("1 besoin(s), 2 poste(s), 1 candidat(s) proposé(s)")
    );
    assert_eq!(figure("Recrutements 2026").as_deref(), Some("1 (dont 1 en emploi durable)"));
    assert_eq!(b["open_needs"][0]["job_title"].as_str(), Some("Conducteur poids lourd"));
    assert!(!b.to_string().contains("Karim"), "a brief names no one");

    // The person's page lists her candidacy and her hire.
    let of_person = call(&app, "candidacy.of_person", json!({"id": person}));
    assert_eq!(of_person[0]["job_title"].as_str(), Some("Conducteur poids lourd"));
    let p = call(&app, "person.get", json!({"id": person, "purpose": ""}));
    assert_eq!(p["candidacies"][0]["stage"].as_str(), Some("embauche"));
    assert_eq!(p["hires"][0]["id"].as_str(), Some(hid.as_str()));

    // Erased at her request: her candidacy and who was hired go with her;
    // the hire stays, named for no one, still counted.
    let r = call(&app, "person.erase", json!({"id": person, "reason": "droit_effacement"}));
    assert_eq!(r["erased_now"], json!(true));
    assert_eq!(call(&app, "candidacy.of_need", json!({"id": need})), json!([]));
    let rows = |table: &str| app.with_store(|s| s.dump_rows(table).unwrap()).len();
    assert_eq!((rows("candidacy"), rows("hired_person"), rows("hire")), (0, 0, 1));
    let h = call(&app, "hire.get", json!({"id": hid}));
    assert_eq!(h["summary"]["person_name"], Value::Null);
}

#[test]
fn convention_actuals_count_each_hire_once_in_its_year_for_its_convention() {
    let app = app();
    let engie = id(&call(
        &app,
        "organisation.create",
        json!({"kind": "grand_compte", "name": "ENGIE", "siren": "542107651"}),
    ));
    let convention = |number: &str, start: &str| -> String {
        let c = call(
            &app,
            "convention.create",
            json!({"number": number, "title": format!("Convention {number}"), "partner_ids": [engie],
                   "duration_months": 36, "cp_number": format!("CP/{number}"), "cp_date": "2024-12-01",
                   "signatories": [{"party_id": null, "name": "C. Poiret", "function": "Président"},
                                   {"party_id": engie, "name": "A. Dufresnoy", "function": "Directrice"}]}),
        );
        let cid = id(&c);
        for (indicator, target) in [
            ("recrutements", 10),
            ("recrutements_durables", 5),
            ("cdi", 3),
            ("contrats_aides", 2),
            ("alternance", 2),
        ] {
            call(
                &app,
                "commitment.save",
                json!({"id": null, "input": {"convention_id": cid, "indicator": indicator,
                       "targets": [{"year": 2025, "target": target}, {"year": 2026, "target": target}]}}),
            );
        }
        for to in ["en_signature", "signee", "active"] {
            call(
                &app,
                "convention.transition",
                json!({"id": cid, "to": to, "signed_on": start, "starts_on": start}),
            );
        }
        cid
    };
    let a = convention("2025-CP-0001", "2025-01-15");
    let b = convention("2025-CP-0002", "2025-03-01");
    let hire = |contract: &str, start: &str, end: Option<&str>, convention: &str| {
        call(
            &app,
            "hire.create",
            json!({"input": {"employer_id": engie, "convention_id": convention, "contract": contract,
                   "job_title": "Technicien", "starts_on": start, "planned_end_on": end}}),
        );
    };
    hire("cdi", "2025-06-02", None, &a);
    hire("cdd", "2026-02-02", Some("2026-08-01"), &a); // six months: durable
    hire("cdd", "2026-03-02", Some("2026-05-31"), &a); // three months
    hire("cui_cie", "2026-04-01", Some("2027-03-31"), &a); // aided, durable
    hire("pec_cae", "2026-05-04", None, &a); // aided, open-ended: durable, CDI
    hire("alternance", "2026-09-01", Some("2028-08-31"), &a);
    hire("cdi", "2026-10-01", None, &b); // the other convention's

    let detail = call(&app, "convention.get", json!({"id": a}));
    let actual = |indicator: &str, year: i64| -> u64 {
        let k = detail["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["data"]["indicator"] == indicator)
            .unwrap();
        assert_eq!(k["computed"], json!(true), "{indicator} is computed");
        k["years"].as_array().unwrap().iter().find(|y| y["year"] == year).unwrap()["progress"]["actual"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(actual("recrutements", 2025), 1);
    assert_eq!(actual("recrutements", 2026), 5);
    assert_eq!(actual("recrutements_durables", 2026), 3);
    assert_eq!(actual("cdi", 2026), 1);
    assert_eq!(actual("contrats_aides", 2026), 2);
    assert_eq!(actual("alternance", 2026), 1);
    let other = call(&app, "convention.get", json!({"id": b}));
    let k = other["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["data"]["indicator"] == "recrutements")
        .unwrap();
    let y2026 = k["years"].as_array().unwrap().iter().find(|y| y["year"] == 2026).unwrap();
    assert_eq!(y2026["progress"]["actual"].as_u64(), Some(1));
    // Entered by hand no longer: the hires are the figure.
    let kid = k["id"].as_str().unwrap();
    let e =
        dispatch(&app, "commitment.set_actual", json!({"id": kid, "year": 2026, "actual": 9})).unwrap_err();
    assert_eq!(e.code, "computed");

    // Without a convention named, the only one covering the employer on the
    // start day is taken; with two, none (the officer chooses).
    let h = call(
        &app,
        "hire.create",
        json!({"input": {"employer_id": engie, "contract": "cdi", "job_title": "Agent", "starts_on": "2025-02-03"}}),
    );
    assert_eq!(h["data"]["convention_id"].as_str(), Some(a.as_str()));
    let h = call(
        &app,
        "hire.create",
        json!({"input": {"employer_id": engie, "contract": "cdi", "job_title": "Agent", "starts_on": "2026-02-03"}}),
    );
    assert_eq!(h["data"]["convention_id"], Value::Null);
}

#[test]
fn a_withdrawn_consent_stops_the_profile_going_to_an_employer() {
    let app = app();
    let (_, need, person) = setup(&app);
    call(&app, "need.move", json!({"id": need, "to": "ouvert"}));
    let c =
        call(&app, "candidacy.propose", json!({"need_id": need, "person_id": person, "consent_how": "oral"}));
    // She withdraws it the same day: no CV goes, and no new proposal.
    let mut p = call(&app, "person.get", json!({"id": person, "purpose": ""}))["data"].clone();
    p["consents"][0]["withdrawn_on"] = json!("2026-11-30");
    call(&app, "person.save", json!({"id": person, "input": p, "confirm_sensitive": false}));
    let e = dispatch(&app, "candidacy.move", json!({"id": c["id"], "to": "cv_transmis"})).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("no_consent", Some("to")));
    // Recording the employer's answer still works.
    call(&app, "candidacy.move", json!({"id": c["id"], "to": "non_retenu", "reason": "candidat_renonce"}));
    let other = id(&call(
        &app,
        "need.create",
        json!({"employer_id": call(&app, "need.get", json!({"id": need}))["data"]["employer_id"], "rome_code": "N4101",
               "job_title": "Livreur", "contract": "cdi", "source": "visite"}),
    ));
    call(&app, "need.move", json!({"id": other, "to": "ouvert"}));
    let e = dispatch(
        &app,
        "candidacy.propose",
        json!({"need_id": other, "person_id": person, "consent_how": "ecrit"}),
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("consent_withdrawn", Some("consent_how")));
    // Her record keeps both: given, then withdrawn.
    let p = call(&app, "person.get", json!({"id": person, "purpose": ""}));
    assert_eq!(p["data"]["consents"][0]["withdrawn_on"], json!("2026-11-30"));
    // A candidacy past « proposé » is not withdrawn; it ended « non retenu ».
    let e = dispatch(&app, "candidacy.delete", json!({"id": c["id"]})).unwrap_err();
    assert_eq!(e.code, "not_deletable");
}

/// A grand projet's insertion clause: the needs of the companies working
/// on it, and the hours their hires gave, against those promised.
#[test]
fn a_grand_projet_counts_the_hours_of_insertion_its_hires_gave() {
    let app = app();
    let builder = id(&call(
        &app,
        "organisation.create",
        json!({"kind": "partenaire_institutionnel", "name": "Ville de Wattrelos", "partner_type": "commune"}),
    ));
    let mason = id(&call(
        &app,
        "organisation.create",
        json!({"kind": "entreprise", "name": "Bâtiment Lefebvre", "naf_code": "41.20A"}),
    ));
    let other =
        id(&call(&app, "organisation.create", json!({"kind": "entreprise", "name": "Garage Martin"})));
    let e =
        dispatch(&app, "project.create", json!({"name": "Collège de Wattrelos", "commune_codes": ["5965"]}))
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("commune_codes"));
    let p = call(
        &app,
        "project.create",
        json!({"name": "Collège de Wattrelos — reconstruction", "builder_id": builder, "site": "Rue de l'Égalité",
               "commune_codes": ["59650"], "starts_on": "2026-03-02", "ends_on": "2027-06-30", "clause_hours": 7000,
               "employer_ids": [mason], "status": "en_cours"}),
    );
    let pid = id(&p);
    assert_eq!(p["commune_names"], json!(["Wattrelos"]));
    // A need serves it only from a company working on it.
    let need = |employer: &str| {
        dispatch(
            &app,
            "need.create",
            json!({"employer_id": employer, "rome_code": "F1703", "job_title": "Maçon", "positions": 2,
                   "contract": "cdd", "duration_months": 6, "weekly_hours_centi": 3500, "source": "grand_projet",
                   "project_id": pid}),
        )
    };
    let e = need(&other).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("not_on_project", Some("project_id")));
    let nid = id(&need(&mason).unwrap());
    call(&app, "need.move", json!({"id": nid, "to": "ouvert"}));
    // Two hires on it: four weeks at 35 h, and one still running since 2 November.
    for (start, end) in [("2026-10-05", Some("2026-11-01")), ("2026-11-02", None)] {
        let person = id(&call(
            &app,
            "person.save",
            json!({"id": null, "input": {"first_name": "Ali", "last_name": format!("Benamar {start}"), "commune_code": "59650"}}),
        ));
        let c = call(
            &app,
            "candidacy.propose",
            json!({"need_id": nid, "person_id": person, "consent_how": "ecrit"}),
        );
        call(
            &app,
            "hire.create",
            json!({"candidacy_id": id(&c), "input": {"contract": if end.is_some() { "cdd" } else { "cdi" },
                   "job_title": "Maçon", "starts_on": start, "planned_end_on": end, "weekly_hours_centi": 3500}}),
        );
    }
    let p = call(&app, "project.get", json!({"id": pid}));
    // 140 h, then 2 to 30 November (29 days: 145 h); 7,000 h promised.
    assert_eq!(
        p["hours"],
        json!({"promised_centi": 700000, "achieved_centi": 28500, "hires": 2, "hires_without_hours": 0})
    );
    assert_eq!(p["needs"][0]["job_title"], "Maçon");
    assert_eq!(p["hires"].as_array().unwrap().len(), 2);
    let list = call(&app, "project.list", json!(null));
    assert_eq!(
        (list[0]["need_count"].as_u64(), list[0]["builder_name"].as_str()),
        (Some(1), Some("Ville de Wattrelos"))
    );
    // The company stays on the project while its need serves it; the project while needs serve it.
    let mut input = p["data"].clone();
    input["employer_ids"] = json!([]);
    let e = dispatch(&app, "project.update", json!({"id": pid, "input": input})).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("not_on_project", Some("employer_ids")));
    assert_eq!(dispatch(&app, "project.delete", json!({"id": pid})).unwrap_err().code, "referenced");
}
