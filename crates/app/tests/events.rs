//! Events through the app layer: a job dating with its employers and
//! needs, people invited, registered and marked present or absent, its
//! results counted from hires, its attendance sheet and invitation list
//! (pdftotext), and the officer's agenda as .ics (parsed back).

use std::process::Command;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use icalendar::{Calendar, CalendarComponent, Component, EventLike};
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

fn person(app: &App, first: &str, last: &str) -> String {
    id(&call(
        app,
        "person.save",
        json!({"id": null, "input": {"first_name": first, "last_name": last, "commune_code": "59350"}}),
    ))
}

fn pdftotext(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

struct Setup {
    employer: String,
    need: String,
    event: String,
    people: [String; 4],
}

/// A job dating held four days ago with a logistics employer and its
/// need, and four people.
fn setup(app: &App) -> Setup {
    let employer = id(&call(
        app,
        "organisation.create",
        json!({"kind": "entreprise", "name": "Logistique Flandres", "commune_code": "59350", "naf_code": "52.10B"}),
    ));
    let other =
        id(&call(app, "organisation.create", json!({"kind": "entreprise", "name": "Boulangerie Lefebvre"})));
    let need = id(&call(
        app,
        "need.create",
        json!({"employer_id": employer, "rome_code": "N1103", "job_title": "Préparateur de commandes",
               "positions": 3, "contract": "cdi", "weekly_hours_centi": 3500, "source": "job_dating"}),
    ));
    call(app, "need.move", json!({"id": need, "to": "ouvert"}));
    // A need must be one of an employer taking part.
    let e = dispatch(
        app,
        "event.create",
        json!({"kind": "job_dating", "title": "Job dating logistique", "held_on": "2026-11-26",
               "place": "Maison de l'emploi", "employer_ids": [other], "need_ids": [need]}),
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("not_the_employer", Some("need_ids")));
    let event = call(
        app,
        "event.create",
        json!({"kind": "job_dating", "title": "Job dating logistique", "held_on": "2026-11-26",
               "starts_at": "09:00", "ends_at": "12:30", "place": "Maison de l'emploi, 2 rue du Molinel",
               "commune_code": "59350", "employer_ids": [employer, other], "need_ids": [need], "capacity": 4}),
    );
    assert_eq!(event["data"]["status"].as_str(), Some("prevu"));
    assert_eq!(event["organisers"], json!(["Nadia Benali"]));
    let people = [
        person(app, "Karim", "Haddad"),
        person(app, "Lina", "Mercier"),
        person(app, "Sophie", "Vasseur"),
        person(app, "Yanis", "Bouzid"),
    ];
    Setup { employer, need, event: id(&event), people }
}

#[test]
fn a_job_dating_takes_people_notes_who_came_and_counts_its_hires() {
    let app = app();
    let s = setup(&app);
    let [karim, lina, sophie, yanis] = &s.people;

    // Invited, for the need; twice is once; places are counted.
    let d = call(
        &app,
        "event.invite",
        json!({"event_id": s.event, "person_ids": [karim, lina, karim], "need_id": s.need}),
    );
    assert_eq!(d["attendance"]["invited"].as_u64(), Some(2));
    let d = call(&app, "event.invite", json!({"event_id": s.event, "person_ids": [karim, sophie]}));
    assert_eq!(d["invitations"].as_array().unwrap().len(), 3);
    let other = call(&app, "organisation.create", json!({"kind": "entreprise", "name": "Garage Martin"}));
    let stranger = id(&call(
        &app,
        "need.create",
        json!({"employer_id": id(&other), "rome_code": "I1604", "job_title": "Mécanicien", "positions": 1,
               "contract": "cdi", "source": "visite"}),
    ));
    let e = dispatch(
        &app,
        "event.invite",
        json!({"event_id": s.event, "person_ids": [yanis], "need_id": stranger}),
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("not_the_event", Some("need_id")));
    call(&app, "event.invite", json!({"event_id": s.event, "person_ids": [yanis]}));
    let extra = person(&app, "Paul", "Lemaire");
    let e = dispatch(&app, "event.invite", json!({"event_id": s.event, "person_ids": [extra]})).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("capacity", Some("person_ids")));

    // Where each stands: Karim and Lina came, Sophie excused herself, Yanis did not come.
    let inv = |d: &Value, pid: &str| -> String {
        id(d["invitations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["person_id"].as_str() == Some(pid))
            .unwrap())
    };
    let set = |d: &Value, pid: &str, status: &str| {
        call(&app, "event.set_invitation", json!({"id": inv(d, pid), "status": status}))
    };
    let d = set(&d, sophie, "excuse");
    let d = set(&d, karim, "present");
    assert_eq!(d["data"]["status"].as_str(), Some("realise"), "the first attendance marks the event held");
    let d = set(&d, lina, "present");
    let d = set(&d, yanis, "absent");
    let e = dispatch(&app, "event.set_invitation", json!({"id": inv(&d, yanis), "status": "inscrit"}))
        .unwrap_err();
    assert_eq!(e.code, "event_held");
    let e = dispatch(&app, "event.uninvite", json!({"id": inv(&d, yanis)})).unwrap_err();
    assert_eq!(e.code, "not_deletable");
    assert_eq!(
        (
            d["attendance"]["present"].as_u64(),
            d["attendance"]["absent"].as_u64(),
            d["attendance"]["excused"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    let e = dispatch(&app, "event.delete", json!({"id": s.event})).unwrap_err();
    assert_eq!(e.code, "referenced");
    let p = call(&app, "event.of_person", json!({"id": karim}));
    assert_eq!(
        (p[0]["status"].as_str(), p[0]["need_title"].as_str()),
        (Some("present"), Some("Préparateur de commandes"))
    );

    // Results: people present hired by an employer taking part within three months.
    let hire = |pid: &str, start: &str| {
        call(
            &app,
            "hire.create",
            json!({"person_id": pid, "input": {"employer_id": s.employer, "contract": "cdi",
                   "job_title": "Préparateur de commandes", "starts_on": start}}),
        )
    };
    let counted = hire(karim, "2026-12-01");
    hire(lina, "2027-03-01"); // past 26 February
    hire(yanis, "2026-12-07"); // not present
    let d = call(&app, "event.get", json!({"id": s.event}));
    assert_eq!(d["results_until"].as_str(), Some("2027-02-26"));
    let results: Vec<&str> =
        d["results"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(results, [id(&counted).as_str()]);

    // A planned event takes no attendance before its day.
    let later = call(
        &app,
        "event.create",
        json!({"kind": "information_collective", "title": "Découverte des métiers de la logistique",
               "held_on": "2026-12-10", "place": "Agence France Travail Lille Sud"}),
    );
    let d = call(&app, "event.invite", json!({"event_id": id(&later), "person_ids": [lina]}));
    let e = dispatch(&app, "event.set_invitation", json!({"id": inv(&d, lina), "status": "present"}))
        .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("not_yet", Some("status")));
    let e = dispatch(&app, "event.move", json!({"id": id(&later), "to": "realise"})).unwrap_err();
    assert_eq!(e.code, "not_yet");
    let list = call(&app, "event.list", json!({"filter": {"from": "2026-11-30"}, "mine": true}));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["title"].as_str(), Some("Découverte des métiers de la logistique"));
}

#[test]
fn the_sheets_list_the_people_and_the_agenda_names_none() {
    let app = app();
    let s = setup(&app);
    let [karim, lina, sophie, _] = &s.people;
    let d = call(
        &app,
        "event.invite",
        json!({"event_id": s.event, "person_ids": [karim, lina, sophie], "need_id": s.need}),
    );
    let sophie_inv = d["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["person_id"].as_str() == Some(sophie.as_str()))
        .unwrap();
    call(&app, "event.set_invitation", json!({"id": id(sophie_inv), "status": "excuse"}));
    let dir = tempfile::tempdir().unwrap();

    // Attendance sheet: those expected, with room to sign; not those excused.
    let path = dir.path().join("emargement.pdf");
    call(&app, "event.sheet", json!({"id": s.event, "kind": "emargement", "path": path.to_str().unwrap()}));
    let text = pdftotext(&path);
    for needle in [
        "Feuille d'émargement",
        "Job dating logistique",
        "26/11/2026, de 09:00 à 12:30",
        "Karim HADDAD",
        "Lina MERCIER",
        "Signature",
        "Logistique Flandres",
    ] {
        assert!(text.contains(needle), "« {needle} » missing from:\n{text}");
    }
    assert!(!text.contains("VASSEUR"), "an excused person is not on the sheet");
    // Each person named is logged as exported.
    let p = call(&app, "person.get", json!({"id": karim, "purpose": ""}));
    assert!(
        p["audit"].as_array().unwrap().iter().any(|a| a.to_string().contains("Feuille d'émargement")),
        "{}",
        p["audit"]
    );

    // Invitation list: everyone, with where each stands.
    let path = dir.path().join("invitations.pdf");
    call(&app, "event.sheet", json!({"id": s.event, "kind": "invitations", "path": path.to_str().unwrap()}));
    let text = pdftotext(&path);
    assert!(
        text.contains("Liste des invitations")
            && text.contains("Sophie VASSEUR")
            && text.contains("Excusée le 30/11/2026"),
        "{text}"
    );

    // The agenda: the event at its hours, a follow-up as a day; no one named.
    call(
        &app,
        "hire.create",
        json!({"person_id": karim, "input": {"employer_id": s.employer, "contract": "cdi",
               "job_title": "Préparateur de commandes", "starts_on": "2026-11-02"}}),
    );
    let path = dir.path().join("agenda.ics");
    call(&app, "calendar.ics", json!({"path": path.to_str().unwrap()}));
    let raw = std::fs::read_to_string(&path).unwrap();
    for name in ["HADDAD", "MERCIER", "VASSEUR", "Karim"] {
        assert!(!raw.contains(name), "{name} in the agenda");
    }
    let cal: Calendar = raw.parse().unwrap();
    let events: Vec<&icalendar::Event> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let jd = events
        .iter()
        .find(|e| e.get_uid() == Some(&format!("event-{}@tremplin", s.event)))
        .expect("the job dating");
    assert_eq!(jd.get_summary(), Some("Job dating — Job dating logistique"));
    assert_eq!(jd.property_value("DTSTART"), Some("20261126T090000"));
    assert_eq!(jd.property_value("DTEND"), Some("20261126T123000"));
    assert!(jd.get_location().unwrap().contains("Lille"));
    let follow_up = events
        .iter()
        .find(|e| e.get_summary().is_some_and(|s| s.contains("Suivi dans l'emploi à 1 mois")))
        .expect("the 1-month follow-up");
    assert_eq!(follow_up.property_value("DTSTART"), Some("20261202"));
    assert_eq!(cal.get_timezone(), Some("Europe/Paris"));
}
