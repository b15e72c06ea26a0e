use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use serde_json::json;
use tremplin_app::clock::FixedClock;
use tremplin_app::commands::interactions::{FollowUpInput, LogInteractionRequest, TimelineRequest};
use tremplin_app::commands::search::SearchRequest;
use tremplin_app::commands::tasks::DueRequest;
use tremplin_app::commands::{
    IdRequest, UpdateRequest, contacts, interactions, organisations, search, tasks,
};
use tremplin_app::dispatch::{COMMANDS, dispatch};
use tremplin_app::{App, Officer, StoreKey};
use tremplin_domain::contact::ContactInput;
use tremplin_domain::interaction::{Channel, InteractionInput};
use tremplin_domain::organisation::{OrgKind, OrganisationInput};
use tremplin_domain::task::TaskInput;
use tremplin_store::Store;

fn app() -> App {
    let store = Store::open_in_memory(&StoreKey::generate()).unwrap();
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap());
    let app = App::new(store, Arc::new(clock));
    app.ensure_profile("Nadia Benali").unwrap();
    app
}

fn company(name: &str) -> OrganisationInput {
    OrganisationInput { kind: Some(OrgKind::Entreprise), name: name.into(), ..Default::default() }
}

fn visit(org: uuid::Uuid, subject: &str) -> InteractionInput {
    InteractionInput {
        organisation_id: Some(org),
        occurred_at: Some(Utc.with_ymd_and_hms(2026, 11, 28, 14, 30, 0).unwrap()),
        channel: Some(Channel::Visite),
        subject: subject.into(),
        ..Default::default()
    }
}

#[test]
fn creating_an_organisation_reports_bad_fields_then_succeeds() {
    let app = app();
    let mut input = OrganisationInput {
        kind: Some(OrgKind::Etablissement),
        name: "Auchan Hypermarché Roncq".into(),
        siret: Some("410 409 460 00001".into()),
        commune_code: Some("59508".into()),
        postcode: Some("59223".into()),
        ..Default::default()
    };
    let err = organisations::create(&app, input.clone()).unwrap_err();
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("siret_checksum", Some("siret")));
    assert!(err.message.starts_with("SIRET"));
    assert!(err.errors.is_empty(), "one error: no list");

    // Several mistakes: one answer names them all, in the form's order.
    let mut several = input.clone();
    several.name = "  ".into();
    several.email = Some("contact@auchan".into());
    let err = organisations::create(&app, several).unwrap_err();
    let fields: Vec<&str> = err.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "siret", "email"]);
    assert_eq!(err.field.as_deref(), Some("name"));
    assert!(err.errors.iter().all(|e| !e.message.is_empty()));

    input.siret = Some("73282932000074".into());
    let created = organisations::create(&app, input.clone()).unwrap();
    assert_eq!(created.siret_display.as_deref(), Some("732 829 320 00074"));
    assert_eq!(created.commune_name.as_deref(), Some("Roncq"));
    assert_eq!(created.dt_code.as_deref(), Some("MRT"));

    let err = organisations::create(&app, input.clone()).unwrap_err();
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("duplicate_siret", Some("siret")));
    assert!(err.message.contains("Auchan Hypermarché Roncq"));
}

#[test]
fn commune_and_postcode_are_checked_against_reference_data() {
    let app = app();
    let mut i = company("Transports Vanderdonckt");
    i.commune_code = Some("59999".into());
    let e = organisations::create(&app, i.clone()).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("unknown_commune", Some("commune_code")));
    i.commune_code = Some("59512".into());
    i.postcode = Some("59000".into());
    let e = organisations::create(&app, i.clone()).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("postcode_mismatch", Some("postcode")));
    assert!(e.message.contains("Roubaix"), "{}", e.message);
    i.postcode = Some("59100".into());
    assert!(organisations::create(&app, i).is_ok());
    // A head office outside the Nord: format-checked only.
    let mut hq = company("SNCF Siège");
    hq.commune_code = Some("93066".into());
    assert!(organisations::create(&app, hq).is_ok());
}

#[test]
fn hierarchy_rules() {
    let app = app();
    let group = organisations::create(
        &app,
        OrganisationInput {
            kind: Some(OrgKind::GrandCompte),
            name: "La Poste".into(),
            siren: Some("356000000".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let site = organisations::create(
        &app,
        OrganisationInput {
            kind: Some(OrgKind::Etablissement),
            name: "La Poste PPDC Lille".into(),
            siret: Some("35600000049837".into()),
            parent_id: Some(group.id),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(site.parent.as_ref().map(|p| p.id), Some(group.id));
    assert_eq!(organisations::get(&app, IdRequest { id: group.id }).unwrap().children.len(), 1);

    // No second level, no attaching to an establishment.
    let mut sub = company("Sous-traitant");
    sub.parent_id = Some(site.id);
    let e = organisations::create(&app, sub).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("parent_id"));

    let e = organisations::delete(&app, IdRequest { id: group.id }).unwrap_err();
    assert_eq!(e.code, "has_children");
    // A group with establishments cannot become an establishment itself.
    let e = organisations::update(
        &app,
        UpdateRequest {
            id: group.id,
            input: OrganisationInput {
                kind: Some(OrgKind::PartenaireInstitutionnel),
                name: "La Poste".into(),
                partner_type: Some(tremplin_domain::organisation::PartnerType::Autre),
                ..Default::default()
            },
            confirm_sensitive: false,
        },
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("kind_has_children", Some("kind")));
    organisations::delete(&app, IdRequest { id: site.id }).unwrap();
    organisations::delete(&app, IdRequest { id: group.id }).unwrap();
    assert_eq!(organisations::get(&app, IdRequest { id: group.id }).unwrap_err().code, "not_found");
}

#[test]
fn deleting_an_organisation_takes_its_contacts_and_follow_ups_but_never_its_history() {
    let app = app();
    let mistake = organisations::create(&app, company("Doublon Transports")).unwrap();
    let c = contacts::create(
        &app,
        ContactInput { organisation_id: Some(mistake.id), last_name: "Vasseur".into(), ..Default::default() },
    )
    .unwrap();
    let t = tasks::create(
        &app,
        TaskInput {
            title: "Appeler".into(),
            due_date: NaiveDate::from_ymd_opt(2026, 12, 2),
            organisation_id: Some(mistake.id),
            ..Default::default()
        },
    )
    .unwrap();
    organisations::delete(&app, IdRequest { id: mistake.id }).unwrap();
    assert_eq!(contacts::get(&app, IdRequest { id: c.id }).unwrap_err().code, "not_found");
    assert!(tasks::due(&app, DueRequest { days: 7 }).unwrap().upcoming.iter().all(|x| x.id != t.id));
    let kinds: Vec<String> =
        app.with_store(|s| s.outbox_pending(100).unwrap()).into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds.iter().filter(|k| *k == "delete").count(), 3);

    let kept = organisations::create(&app, company("Transports Leroy")).unwrap();
    interactions::log(
        &app,
        LogInteractionRequest {
            interaction: visit(kept.id, "Visite"),
            follow_up: None,
            confirm_sensitive: false,
        },
    )
    .unwrap();
    let e = organisations::delete(&app, IdRequest { id: kept.id }).unwrap_err();
    assert_eq!(e.code, "has_history");
    assert!(organisations::get(&app, IdRequest { id: kept.id }).is_ok());
}

#[test]
fn logging_a_contact_with_a_follow_up_is_one_step() {
    let app = app();
    let org = organisations::create(&app, company("ENGIE Home Services")).unwrap();
    let before = app.with_store(|s| s.outbox_len().unwrap());

    // A bad follow-up stops everything: no contact is logged.
    let bad = LogInteractionRequest {
        interaction: visit(org.id, "Présentation du CIE"),
        follow_up: Some(FollowUpInput { title: "Envoyer la convention".into(), due_date: None, notes: None }),
        confirm_sensitive: false,
    };
    let e = interactions::log(&app, bad).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("follow_up.due_date"));
    assert_eq!(
        interactions::timeline(&app, TimelineRequest { organisation_id: org.id, ..Default::default() })
            .unwrap()
            .total,
        0
    );

    let ok = LogInteractionRequest {
        interaction: visit(org.id, "Présentation du CIE"),
        follow_up: Some(FollowUpInput {
            title: "Envoyer la convention".into(),
            due_date: NaiveDate::from_ymd_opt(2026, 12, 3),
            notes: None,
        }),
        confirm_sensitive: false,
    };
    let res = interactions::log(&app, ok).unwrap();
    let task = res.follow_up.unwrap();
    assert_eq!(task.interaction_id, Some(res.interaction.id));
    assert_eq!(task.organisation_id, Some(org.id));
    assert_eq!(res.interaction.officer_name.as_deref(), Some("Nadia Benali"));
    assert_eq!(app.with_store(|s| s.outbox_len().unwrap()), before + 2);

    let due = tasks::due(&app, DueRequest { days: 7 }).unwrap();
    assert_eq!(due.upcoming.len(), 1);
    tasks::complete(&app, IdRequest { id: task.id }).unwrap();
    assert!(tasks::due(&app, DueRequest { days: 7 }).unwrap().upcoming.is_empty());
}

#[test]
fn contacts_cannot_be_logged_in_the_future_or_with_a_stranger() {
    let app = app();
    let a = organisations::create(&app, company("Amazon France Logistique")).unwrap();
    let b = organisations::create(&app, company("Enedis")).unwrap();
    let someone = contacts::create(
        &app,
        ContactInput { organisation_id: Some(b.id), last_name: "Lefebvre".into(), ..Default::default() },
    )
    .unwrap();
    let mut i = visit(a.id, "Appel");
    i.contact_id = Some(someone.id);
    let e = interactions::log(
        &app,
        LogInteractionRequest { interaction: i, follow_up: None, confirm_sensitive: false },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("contact_id"));
    let mut i = visit(a.id, "Visite");
    i.occurred_at = Some(Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap());
    let e = interactions::log(
        &app,
        LogInteractionRequest { interaction: i, follow_up: None, confirm_sensitive: false },
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("in_future", Some("occurred_at")));
}

#[test]
fn only_the_author_edits_a_logged_contact() {
    let app = app();
    let org = organisations::create(&app, company("Partenord Habitat")).unwrap();
    let logged = interactions::log(
        &app,
        LogInteractionRequest {
            interaction: visit(org.id, "Visite"),
            follow_up: None,
            confirm_sensitive: false,
        },
    )
    .unwrap()
    .interaction;
    let mut edit = visit(org.id, "Visite du chantier de Wattrelos");
    edit.notes = Some("Clause d'insertion : 3 postes.".into());
    let edited = interactions::update(
        &app,
        UpdateRequest { id: logged.id, input: edit.clone(), confirm_sensitive: false },
    )
    .unwrap();
    assert_eq!(edited.subject, "Visite du chantier de Wattrelos");

    let colleague = Officer {
        id: tremplin_domain::new_row_id(),
        display_name: "Julien Carpentier".into(),
        email: None,
        dt_code: Some("VA".into()),
    };
    app.with_store(|s| s.set_current_officer(&colleague).unwrap());
    let e =
        interactions::update(&app, UpdateRequest { id: logged.id, input: edit, confirm_sensitive: false })
            .unwrap_err();
    assert_eq!(e.code, "forbidden");
}

#[test]
fn task_for_an_unknown_officer_or_organisation_is_refused() {
    let app = app();
    let e = tasks::create(
        &app,
        TaskInput {
            title: "Relancer".into(),
            due_date: NaiveDate::from_ymd_opt(2026, 12, 1),
            assignee_id: Some(tremplin_domain::new_row_id()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("assignee_id"));
    let e = tasks::create(
        &app,
        TaskInput {
            title: "Relancer".into(),
            due_date: NaiveDate::from_ymd_opt(2026, 12, 1),
            organisation_id: Some(tremplin_domain::new_row_id()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("organisation_id"));
    let t = tasks::create(
        &app,
        TaskInput {
            title: "Préparer le COPIL".into(),
            due_date: Some(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap() - Duration::days(2)),
            ..Default::default()
        },
    )
    .unwrap();
    let due = tasks::due(&app, DueRequest::default()).unwrap();
    assert_eq!(due.overdue.iter().map(|t| t.id).collect::<Vec<_>>(), vec![t.id]);
}

#[test]
fn search_command_finds_everything_local() {
    let app = app();
    let org = organisations::create(&app, company("Société des Transports de Lille")).unwrap();
    contacts::create(
        &app,
        ContactInput {
            organisation_id: Some(org.id),
            first_name: Some("Amélie".into()),
            last_name: "Deschamps".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let hits = search::search(&app, SearchRequest { query: "societe".into(), ..Default::default() }).unwrap();
    let hits2 =
        search::search(&app, SearchRequest { query: "société".into(), ..Default::default() }).unwrap();
    assert_eq!(hits, hits2);
    assert_eq!(hits.len(), 1);
    let hits = search::search(&app, SearchRequest { query: "amel".into(), ..Default::default() }).unwrap();
    assert_eq!(hits[0].title, "Amélie Deschamps");
}

#[test]
fn dispatch_routes_json_and_reports_bad_requests() {
    let app = app();
    let created = dispatch(
        &app,
        "organisation.create",
        json!({"kind": "geiq", "name": "GEIQ BTP Nord", "commune_code": "59350"}),
    )
    .unwrap();
    assert_eq!(created["data"]["kind"], "geiq");
    assert_eq!(created["dt_code"], "ML");
    let err = dispatch(&app, "organisation.create", json!({"kind": "geiq", "name": "X", "siret": "123"}))
        .unwrap_err();
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("bad_length", Some("siret")));
    let err = dispatch(&app, "organisation.create", json!({"kind": "pas_un_type"})).unwrap_err();
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("bad_value", Some("kind")));
    // A date typed in the wrong shape is that field's error, in French.
    let err =
        dispatch(&app, "task.create", json!({"title": "Rappeler", "due_date": "31/02/2026"})).unwrap_err();
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("bad_date", Some("due_date")), "{err:?}");
    assert!(err.message.starts_with("Échéance : ") && err.message.contains("jj/mm/aaaa"), "{}", err.message);
    let err = dispatch(&app, "organisation.create", json!({"kind": ["geiq"]})).unwrap_err();
    assert_eq!(err.code, "bad_request");
    assert_eq!(dispatch(&app, "nope", json!({})).unwrap_err().code, "unknown_command");
    let lists = dispatch(&app, "reference.lists", json!({})).unwrap();
    assert_eq!(lists["directions_territoriales"].as_array().unwrap().len(), 8);
    assert_eq!(dispatch(&app, "dashboard", serde_json::Value::Null).unwrap()["pending_changes"], 1);
    // Every command answers a malformed request with an error, never a panic.
    for name in COMMANDS {
        let _ = dispatch(&app, name, json!({"id": "not-a-uuid", "query": 12}));
    }
}

#[test]
fn an_exchange_report_gets_the_sensitive_word_warning() {
    let app = app();
    let org = organisations::create(&app, company("Propreté du Hainaut")).unwrap();
    let report = InteractionInput {
        notes: Some("Candidate proposée, suivie par le SPIP".into()),
        ..visit(org.id, "Point recrutement")
    };
    let req = LogInteractionRequest { interaction: report, follow_up: None, confirm_sensitive: false };
    let e = interactions::log(&app, req.clone()).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("sensitive_words", Some("notes")));
    assert!(e.message.contains("« SPIP »"), "{}", e.message);
    let page = TimelineRequest { organisation_id: org.id, offset: 0, limit: 10 };
    assert_eq!(interactions::timeline(&app, page).unwrap().total, 0, "nothing written");
    interactions::log(&app, LogInteractionRequest { confirm_sensitive: true, ..req }).unwrap();
    assert_eq!(interactions::timeline(&app, page).unwrap().total, 1);
}

/// What a command changed reaches the data listeners by entity; a query
/// reports nothing (screens must not reload on a read).
#[test]
fn each_command_reports_the_entities_it_changed_and_queries_report_nothing() {
    let app = app();
    let heard = Arc::new(std::sync::Mutex::new(Vec::<tremplin_app::DataChange>::new()));
    let sink = heard.clone();
    app.add_data_listener(move |c| sink.lock().unwrap().push(c.clone()));
    let org =
        dispatch(&app, "organisation.create", json!({"kind": "entreprise", "name": "Auchan Roncq"})).unwrap();
    let org_id = org["id"].as_str().unwrap().to_string();
    dispatch(
        &app,
        "interaction.log",
        json!({"interaction": {"organisation_id": org_id, "channel": "telephone", "subject": "Appel",
                               "occurred_at": "2026-11-30T09:00:00Z"},
               "follow_up": {"title": "Rappeler", "due_date": "2026-12-07"}}),
    )
    .unwrap();
    dispatch(&app, "organisation.list", json!({"kinds": [], "sort": "name", "limit": 10})).unwrap();
    dispatch(&app, "dashboard", json!(null)).unwrap();
    let heard = heard.lock().unwrap();
    let entities: Vec<Vec<&str>> =
        heard.iter().map(|c| c.entities.iter().map(String::as_str).collect()).collect();
    assert_eq!(entities, vec![vec!["organisation"], vec!["interaction", "task"]]);
    assert!(heard.iter().all(|c| !c.everything));
}

/// A follow-up is an object: rescheduled and retitled by its assignee, its
/// status and origin kept; an unknown assignee is refused at the field.
#[test]
fn a_follow_up_is_rescheduled_keeping_its_status_and_exchange() {
    let app = app();
    let org = organisations::create(&app, company("Auchan Roncq")).unwrap().id;
    let logged = interactions::log(
        &app,
        LogInteractionRequest {
            interaction: visit(org, "Visite du magasin"),
            follow_up: Some(FollowUpInput {
                title: "Envoyer la fiche CIE".into(),
                due_date: NaiveDate::from_ymd_opt(2026, 12, 2),
                notes: None,
            }),
            confirm_sensitive: false,
        },
    )
    .unwrap();
    let task = logged.follow_up.unwrap();
    let input = TaskInput {
        title: "Envoyer la fiche CIE et le simulateur".into(),
        due_date: NaiveDate::from_ymd_opt(2026, 12, 30),
        organisation_id: Some(org),
        ..Default::default()
    };
    let moved =
        tasks::update(&app, UpdateRequest { id: task.id, input: input.clone(), confirm_sensitive: false })
            .unwrap();
    assert_eq!(moved.due_date, NaiveDate::from_ymd_opt(2026, 12, 30).unwrap());
    assert_eq!(moved.title, "Envoyer la fiche CIE et le simulateur");
    assert_eq!(moved.interaction_id, Some(logged.interaction.id), "the exchange it came from stays");
    tasks::complete(&app, IdRequest { id: task.id }).unwrap();
    let again =
        tasks::update(&app, UpdateRequest { id: task.id, input: input.clone(), confirm_sensitive: false })
            .unwrap();
    assert_eq!(again.status, tremplin_domain::task::TaskStatus::Faite, "an edit does not reopen");
    let e = tasks::update(
        &app,
        UpdateRequest {
            id: task.id,
            input: TaskInput { assignee_id: Some(uuid::Uuid::now_v7()), ..input },
            confirm_sensitive: false,
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("assignee_id"));
}

/// A logged exchange is deleted by its author; its follow-up stays, unlinked.
#[test]
fn an_exchange_is_deleted_by_its_author_and_its_follow_up_stays() {
    let app = app();
    let org = organisations::create(&app, company("Auchan Roncq")).unwrap().id;
    let logged = interactions::log(
        &app,
        LogInteractionRequest {
            interaction: visit(org, "Saisi par erreur"),
            follow_up: Some(FollowUpInput {
                title: "Rappeler".into(),
                due_date: NaiveDate::from_ymd_opt(2026, 12, 2),
                notes: None,
            }),
            confirm_sensitive: false,
        },
    )
    .unwrap();
    interactions::delete(&app, IdRequest { id: logged.interaction.id }).unwrap();
    let timeline =
        interactions::timeline(&app, TimelineRequest { organisation_id: org, offset: 0, limit: 10 }).unwrap();
    assert_eq!(timeline.total, 0);
    let tasks =
        tasks::of_organisation(&app, tasks::OrganisationTasksRequest { organisation_id: org }).unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].interaction_id, None);
    let e = interactions::delete(&app, IdRequest { id: logged.interaction.id }).unwrap_err();
    assert_eq!(e.code, "not_found");
}

/// Queries run on the reader: they answer while the writer is held (as a
/// pull page holds it), and see what it committed before.
#[test]
fn a_query_answers_while_the_writer_is_held() {
    let dir = tempfile::tempdir().unwrap();
    let app = Arc::new(App::open(&dir.path().join("poste.db"), &StoreKey::generate()).unwrap());
    app.ensure_profile("Nadia Benali").unwrap();
    organisations::create(&app, company("Auchan Roncq")).unwrap();
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let writer = app.clone();
    let holder = std::thread::spawn(move || {
        writer.with_store(|_| {
            held_tx.send(()).unwrap();
            release_rx.recv().unwrap();
        })
    });
    held_rx.recv().unwrap();
    // The writer is taken: every one of these would block on it before.
    let list =
        dispatch(&app, "organisation.list", json!({"kinds": [], "sort": "name", "limit": 10})).unwrap();
    assert_eq!(list["total"], 1);
    let hits = dispatch(&app, "search", json!({"query": "auchan", "entities": [], "limit": 5})).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    dispatch(&app, "dashboard", json!(null)).unwrap();
    assert!(!holder.is_finished(), "the writer was held throughout");
    release_tx.send(()).unwrap();
    holder.join().unwrap();
}

#[test]
fn rome_fiches_usual_for_the_employers_activity_come_first() {
    let app = app();
    let codes = |req: serde_json::Value| -> Vec<String> {
        let found = dispatch(&app, "reference.rome", req).unwrap();
        found.as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
    };
    // At a joinery (NAF 16.23Z) « menuisier » is its carpenter first, then
    // the other carpenters of the nomenclature.
    let joinery = codes(json!({"query": "menuisier", "naf_code": "16.23Z", "limit": 10}));
    assert_eq!(joinery.first().map(String::as_str), Some("H2206"), "{joinery:?}");
    assert!(joinery.len() > 1 && joinery.iter().filter(|c| *c == "H2206").count() == 1, "{joinery:?}");
    // Blank words at a bakery: what bakeries recruit; without an activity, nothing.
    let bakery = codes(json!({"query": "", "naf_code": "10.71C", "limit": 100}));
    assert!(bakery.contains(&"D1102".to_string()), "{bakery:?}");
    assert!(codes(json!({"query": "", "naf_code": null})).is_empty());
    assert_eq!(codes(json!({"query": "K2204"})), ["K2204"]);
}
