//! The sync client against a real server on PostgreSQL: two or more
//! devices, offline edits, conflicts and refusals, login and logout.

mod support;

use serde_json::json;
use support::{Device, company};
use tremplin_app::commands::organisations;
use tremplin_app::commands::sync::{self as sync_cmd, IssuesRequest, Resolution, ResolveRequest};
use tremplin_app::sync::{LoginInput, SyncError};
use tremplin_protocol::Role;
use tremplin_server::testing::{self, TestServer, add_user, fresh_database};
use tremplin_store::sync::IssueKind;

fn server(logins: &[&str]) -> (TestServer, String) {
    let db = fresh_database();
    for l in logins {
        add_user(&db, l, Role::ChargeRelationsEntreprises, Some("DT-LILLE"));
    }
    (TestServer::start(testing::config(&db)), db)
}

#[test]
fn an_offline_edit_reaches_the_other_device_and_a_concurrent_edit_is_a_conflict() {
    let (srv, _db) = server(&["claire", "marc"]);
    let claire = Device::logged_in(&srv.url, "claire");
    let marc = Device::logged_in(&srv.url, "marc");

    let org = organisations::create(&claire.app, company("Boulangerie Paul")).unwrap().id;
    assert_eq!(claire.app.sync_status().unwrap().pending_changes, 1);
    let r = claire.sync();
    assert_eq!((r.pushed, r.conflicts, r.rejected), (1, 0, 0));
    assert_eq!(claire.app.sync_status().unwrap().pending_changes, 0);
    marc.sync();
    assert_eq!(marc.org(org).unwrap()["name"], "Boulangerie Paul");

    // Both edit the name offline; marc also the notes.
    claire.set("organisation", org, "name", json!("Boulangerie Paul Lille"));
    marc.set("organisation", org, "name", json!("Paul — Lille Centre"));
    marc.set("organisation", org, "notes", json!("Recrute 3 vendeurs"));
    claire.sync();
    let r = marc.sync();
    assert_eq!(r.conflicts, 1);
    // The server kept claire's name; marc's notes went through.
    let m = marc.org(org).unwrap();
    assert_eq!(
        (m["name"].as_str(), m["notes"].as_str()),
        (Some("Boulangerie Paul Lille"), Some("Recrute 3 vendeurs"))
    );
    let issues = sync_cmd::issues(&marc.app, IssuesRequest::default()).unwrap();
    assert_eq!(issues.len(), 1);
    let i = &issues[0];
    assert_eq!(
        (i.kind, i.field.as_deref(), i.row_title.as_deref()),
        (IssueKind::Conflict, Some("name"), Some("Boulangerie Paul Lille"))
    );
    assert_eq!(
        (i.local_value.clone().unwrap(), i.server_value.clone().unwrap()),
        (json!("Paul — Lille Centre"), json!("Boulangerie Paul Lille"))
    );
    assert_eq!(marc.app.sync_status().unwrap().open_issues, 1);

    // Marc keeps his: a new change, which wins everywhere.
    let open =
        sync_cmd::resolve(&marc.app, ResolveRequest { id: i.id, resolution: Resolution::KeepMine }).unwrap();
    assert!(open.is_empty());
    assert_eq!(marc.sync().conflicts, 0);
    claire.sync();
    assert_eq!(claire.org(org).unwrap()["name"], "Paul — Lille Centre");
    assert_eq!(claire.org(org).unwrap()["notes"], "Recrute 3 vendeurs");
    // Settled issues stay in the history.
    let all = sync_cmd::issues(&marc.app, IssuesRequest { include_resolved: true }).unwrap();
    assert_eq!(all[0].resolution.as_deref(), Some("ma_valeur"));
}

#[test]
fn disjoint_edits_merge_and_deletes_travel() {
    let (srv, _db) = server(&["claire", "marc"]);
    let claire = Device::logged_in(&srv.url, "claire");
    let marc = Device::logged_in(&srv.url, "marc");
    let org = organisations::create(&claire.app, company("GEIQ Propreté")).unwrap().id;
    claire.sync();
    marc.sync();
    claire.set("organisation", org, "status", json!("partenaire_actif"));
    claire.sync();
    // Marc's note (a disjoint field) merges with claire's status.
    marc.set("organisation", org, "notes", json!("RDV le 12"));
    let r = marc.sync();
    assert_eq!(r.conflicts, 0);
    let m = marc.org(org).unwrap();
    assert_eq!((m["status"].as_str(), m["notes"].as_str()), (Some("partenaire_actif"), Some("RDV le 12")));

    // An organisation is deleted by its creator or an administrator: the
    // server refuses marc's delete and the device puts the row back.
    organisations::delete(&marc.app, tremplin_app::commands::IdRequest { id: org }).unwrap();
    assert_eq!(marc.sync().rejected, 1);
    assert!(marc.org(org).is_some(), "put back after the refusal");
    organisations::delete(&claire.app, tremplin_app::commands::IdRequest { id: org }).unwrap();
    claire.sync();
    marc.sync();
    assert!(marc.org(org).is_none(), "the tombstone reached marc");
    assert!(marc.rows("organisation").iter().any(|r| r.0 == org && r.2), "kept as a tombstone");
}

#[test]
fn work_done_before_login_is_pushed_as_the_account_and_a_refused_creation_can_be_fixed() {
    let (srv, db) = server(&["claire"]);
    let d = Device::new("Profil local");
    let local_officer = d.app.with_store(|s| s.current_officer().unwrap().unwrap().id);
    let org = organisations::create(&d.app, company("Auchan Roncq")).unwrap().id;
    let log = tremplin_app::commands::interactions::log(
        &d.app,
        tremplin_app::commands::interactions::LogInteractionRequest {
            interaction: tremplin_domain::interaction::InteractionInput {
                organisation_id: Some(org),
                occurred_at: Some(chrono::Utc::now() - chrono::Duration::hours(1)),
                channel: Some(tremplin_domain::interaction::Channel::Visite),
                subject: "Visite du magasin".into(),
                ..Default::default()
            },
            follow_up: None,
            confirm_sensitive: false,
        },
    )
    .unwrap();
    // A recruitment need entered and moved before the login: its owner and
    // the officer who moved it become the account too.
    let need = tremplin_app::commands::needs::create(
        &d.app,
        tremplin_domain::need::NeedInput {
            employer_id: Some(org),
            rome_code: "D1507".into(),
            job_title: "Employé de rayon".into(),
            contract: Some(tremplin_domain::need::NeedContract::Cdi),
            source: Some(tremplin_domain::need::NeedSource::Visite),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    tremplin_app::commands::needs::move_to(
        &d.app,
        tremplin_app::commands::needs::MoveNeedRequest {
            id: need,
            to: tremplin_domain::need::NeedStatus::Ouvert,
            reason: None,
        },
    )
    .unwrap();
    d.login(&srv.url, "claire");
    let me = d.app.with_store(|s| s.current_officer().unwrap().unwrap());
    assert_ne!(me.id, local_officer);
    assert_eq!(me.display_name, "claire");
    let r = d.sync();
    assert_eq!(
        (r.pushed, r.rejected),
        (4, 0),
        "the log entry and the need (created, then moved) are claire's: the server takes them"
    );
    let row = d.rows("recruitment_need").into_iter().find(|r| r.0 == need).unwrap().1;
    assert_eq!(
        (row["owner_id"].as_str(), row["status_by"].as_str()),
        (Some(me.id.to_string().as_str()), Some(me.id.to_string().as_str()))
    );
    let author: uuid::Uuid = testing::with_db(&db, async |c| {
        c.query_one(
            "SELECT u.id FROM sync_change ch JOIN app_user u ON u.id = ch.user_id WHERE row_id = $1",
            &[&log.interaction.id],
        )
        .await
        .unwrap()
        .get(0)
    });
    assert_eq!(author, me.id);

    // A creation the server refuses (a SIRET it finds invalid is caught
    // locally; here: an organisation whose parent kind the server refuses is
    // simulated with an impossible status written directly).
    let bad = organisations::create(&d.app, company("Entreprise test")).unwrap().id;
    d.app.with_store(|s| {
        s.raw_connection()
            .execute(
                "UPDATE outbox SET patch = json_set(patch, '$.name', '') WHERE row_id = ?1",
                [bad.to_string()],
            )
            .unwrap()
    });
    let r = d.sync();
    assert_eq!(r.rejected, 1);
    let issue = sync_cmd::issues(&d.app, IssuesRequest::default()).unwrap().remove(0);
    assert_eq!(
        (issue.kind, issue.code.as_deref(), issue.field.as_deref()),
        (IssueKind::Rejection, Some("required"), Some("name"))
    );
    // Editing the record sends it again, whole, as a creation.
    d.set("organisation", bad, "notes", json!("corrigée"));
    assert_eq!(d.sync().rejected, 0);
    assert!(sync_cmd::issues(&d.app, IssuesRequest::default()).unwrap().is_empty(), "settled by the re-send");
}

#[test]
fn login_rules_logout_and_status() {
    let (srv, db) = server(&["claire", "marc"]);
    let d = Device::new("x");
    let bad = |url: &str, login: &str, password: &str| {
        d.app
            .sync_login(&LoginInput {
                server_url: url.into(),
                login: login.into(),
                password: password.into(),
                device_name: "PC".into(),
            })
            .unwrap_err()
    };
    assert_eq!(bad("http://tremplin.lenord.fr", "claire", "x").field.as_deref(), Some("server_url"));
    let e = bad(&srv.url, "claire", "faux");
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("unauthorized", Some("password")));
    assert!(!d.app.sync_status().unwrap().configured);
    let e = d.app.sync_now().unwrap_err();
    assert!(e.to_string().contains("non configurée"));

    d.login(&srv.url, "claire");
    let st = d.app.sync_status().unwrap();
    assert!(st.configured && st.last_success_at.is_none());
    d.sync();
    let st = d.app.sync_status().unwrap();
    assert!(st.last_success_at.is_some() && st.last_error.is_none() && !st.offline);
    // Another account cannot take over this device's data.
    let e = bad(&srv.url, "marc", testing::TEST_PASSWORD);
    assert_eq!(e.code, "other_account");
    // Guessing Marc's password: the server's own refusal reaches the UI by
    // its code (translated there), not as a bare « rate_limited ».
    let codes: Vec<String> = (0..8).map(|k| bad(&srv.url, "marc", &format!("essai {k}")).code).collect();
    let last = codes.last().unwrap().as_str();
    assert!(matches!(last, "too_many_attempts" | "account_locked"), "{codes:?}");

    // Revoked on the server: the badge says so.
    testing::with_db(&db, async |c| {
        c.execute("UPDATE device SET revoked_at = now()", &[]).await.unwrap();
    });
    assert!(matches!(d.app.sync_now(), Err(SyncError::Unauthorized(_))));
    assert_eq!(d.app.sync_status().unwrap().last_error.unwrap().code, "unauthorized");
    d.login(&srv.url, "claire");
    d.sync();
    let st = d.app.sync_logout().unwrap();
    assert!(!st.configured);
    assert!(d.app.sync_now().is_err());

    // Server gone: offline, and nothing lost.
    d.login(&srv.url, "claire");
    organisations::create(&d.app, company("Hors ligne")).unwrap();
    srv.stop();
    let e = d.app.sync_now().unwrap_err();
    assert_eq!(e.code(), "offline");
    let st = d.app.sync_status().unwrap();
    assert!(st.offline && st.pending_changes == 1);

    // The demo database never logs in.
    let demo = Device::new("demo");
    demo.app.with_store(|s| s.mark_as_demo().unwrap());
    let e = demo
        .app
        .sync_login(&LoginInput {
            server_url: "https://x.fr".into(),
            login: "a".into(),
            password: "b".into(),
            device_name: String::new(),
        })
        .unwrap_err();
    assert_eq!(e.code, "demo");
}

#[test]
fn a_scope_change_re_pulls_and_drops_what_is_no_longer_visible() {
    let db = fresh_database();
    let anne = add_user(&db, "anne", Role::ChargeRelationsEntreprises, Some("DT-LILLE"));
    add_user(&db, "manon", Role::ResponsableTerritorial, Some("DT-LILLE"));
    let srv = TestServer::start(testing::config(&db));
    let a = Device::logged_in(&srv.url, "anne");
    let m = Device::logged_in(&srv.url, "manon");
    let task = tremplin_app::commands::tasks::create(
        &a.app,
        tremplin_domain::task::TaskInput {
            title: "Rappeler la DRH".into(),
            due_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 10),
            ..Default::default()
        },
    )
    .unwrap();
    a.sync();
    m.sync();
    assert!(m.rows("task").iter().any(|r| r.0 == task.id), "the Lille manager sees anne's follow-up");
    let _ = anne;
    // Anne moves to another DT: manon no longer sees her follow-ups.
    testing::with_db(&db, async |c| {
        tremplin_server::admin::set_scope(&***c, "anne", None, Some(Some("DT-FLANDRE-INTERIEURE")))
            .await
            .unwrap()
    });
    let r = m.sync();
    assert!(r.full_resync);
    assert!(!m.rows("task").iter().any(|r| r.0 == task.id), "dropped after the re-pull");
    let r = a.sync();
    assert!(r.full_resync);
    assert!(a.rows("task").iter().any(|r| r.0 == task.id), "anne keeps her own");
}

/// A server that answers pushes with an error (not a refusal).
struct BrokenPush(tremplin_app::sync::HttpTransport);

impl tremplin_app::sync::Transport for BrokenPush {
    fn login(
        &self,
        r: &tremplin_protocol::LoginRequest,
    ) -> Result<tremplin_protocol::LoginResponse, SyncError> {
        self.0.login(r)
    }
    fn logout(&self, t: &str) -> Result<(), SyncError> {
        self.0.logout(t)
    }
    fn push(
        &self,
        _: &str,
        _: &tremplin_protocol::PushRequest,
    ) -> Result<tremplin_protocol::PushResponse, SyncError> {
        Err(SyncError::Server("Requête illisible".into()))
    }
    fn pull(&self, t: &str, c: i64, l: u32) -> Result<tremplin_protocol::PullResponse, SyncError> {
        self.0.pull(t, c, l)
    }
    fn directory(&self, t: &str) -> Result<tremplin_protocol::Directory, SyncError> {
        self.0.directory(t)
    }
}

#[test]
fn a_failing_push_does_not_stop_the_device_from_receiving() {
    let (srv, _db) = server(&["claire", "marc"]);
    let claire = Device::logged_in(&srv.url, "claire");
    let mut marc = Device::logged_in(&srv.url, "marc");
    let org = organisations::create(&claire.app, company("Transports Vasseur")).unwrap().id;
    claire.sync();
    organisations::create(&marc.app, company("Queued on marc")).unwrap();
    marc.use_transport(std::sync::Arc::new(BrokenPush(tremplin_app::sync::HttpTransport::new(&srv.url))));
    let e = marc.app.sync_now().unwrap_err();
    assert!(matches!(e, SyncError::Server(_)), "{e:?}");
    assert!(marc.org(org).is_some(), "claire's organisation arrived anyway");
    let st = marc.app.sync_status().unwrap();
    assert_eq!((st.pending_changes, st.last_error.map(|e| e.code)), (1, Some("server_error".into())));
}

#[test]
fn refusals_are_sent_again_or_given_up_and_settings_are_checked() {
    let (srv, db) = server(&["claire"]);
    let d = Device::logged_in(&srv.url, "claire");
    // A creation the server refuses (an empty name slipped into the queue).
    let bad = organisations::create(&d.app, company("À corriger")).unwrap().id;
    let broken = |d: &Device, id: uuid::Uuid| {
        d.app.with_store(|s| {
            s.raw_connection()
                .execute(
                    "UPDATE outbox SET patch = json_set(patch, '$.name', '') WHERE row_id = ?1",
                    [id.to_string()],
                )
                .unwrap()
        })
    };
    broken(&d, bad);
    assert_eq!(d.sync().rejected, 1);
    let issue = sync_cmd::issues(&d.app, IssuesRequest::default()).unwrap().remove(0);
    // "Send again" re-queues the record as it is here (its name is fine locally).
    let wrong = sync_cmd::resolve(&d.app, ResolveRequest { id: issue.id, resolution: Resolution::KeepMine })
        .unwrap_err();
    assert_eq!(wrong.code, "bad_resolution");
    assert!(
        sync_cmd::resolve(&d.app, ResolveRequest { id: issue.id, resolution: Resolution::Retry })
            .unwrap()
            .is_empty()
    );
    assert_eq!(d.sync().rejected, 0);
    let on_server: i64 = testing::with_db(&db, async |c| {
        c.query_one("SELECT count(*) FROM sync_row WHERE row_id = $1", &[&bad]).await.unwrap().get(0)
    });
    assert_eq!(on_server, 1);
    let again = sync_cmd::resolve(&d.app, ResolveRequest { id: issue.id, resolution: Resolution::Retry })
        .unwrap_err();
    assert_eq!(again.code, "already_resolved");

    // "Give up" on a refused creation removes it from this device.
    let other = organisations::create(&d.app, company("À abandonner")).unwrap().id;
    broken(&d, other);
    d.sync();
    let issue = sync_cmd::issues(&d.app, IssuesRequest::default()).unwrap().remove(0);
    sync_cmd::resolve(&d.app, ResolveRequest { id: issue.id, resolution: Resolution::Discard }).unwrap();
    assert!(d.rows("organisation").iter().all(|r| r.0 != other));
    assert_eq!(d.app.sync_status().unwrap().pending_changes, 0);

    // The sync frequency is checked.
    let e = sync_cmd::settings(&d.app, sync_cmd::SyncSettings { interval_minutes: 0 }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("interval_minutes"));
    assert_eq!(
        sync_cmd::settings(&d.app, sync_cmd::SyncSettings { interval_minutes: 15 }).unwrap().interval_minutes,
        15
    );
}

#[test]
fn partnerships_travel_between_devices_and_the_server_keeps_the_lifecycle() {
    use tremplin_app::commands::IdRequest;
    use tremplin_app::commands::conventions::{self, SaveCommitmentRequest};
    use tremplin_domain::commitment::{CommitmentInput, Indicator, YearTarget};
    use tremplin_domain::convention::{ConventionInput, ConventionStatus};
    use tremplin_domain::organisation::{OrgKind, OrganisationInput};
    use tremplin_store::queries::partnerships::ConventionFilter;

    let (srv, _db) = server(&["claire", "marc"]);
    let claire = Device::logged_in(&srv.url, "claire");
    let marc = Device::logged_in(&srv.url, "marc");
    let engie = organisations::create(
        &claire.app,
        OrganisationInput {
            kind: Some(OrgKind::GrandCompte),
            name: "ENGIE".into(),
            siren: Some("542107651".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let c = conventions::create(
        &claire.app,
        ConventionInput {
            number: "2015-CP-0423".into(),
            title: "Partenariat ENGIE".into(),
            partner_ids: vec![engie],
            duration_months: Some(24),
            cp_number: Some("DSTI/2015/1234".into()),
            cp_date: "2015-11-30".parse().ok(),
            ..Default::default()
        },
    )
    .unwrap();
    conventions::save_commitment(
        &claire.app,
        SaveCommitmentRequest {
            id: None,
            input: CommitmentInput {
                convention_id: Some(c.id),
                indicator: Some(Indicator::Recrutements),
                targets: vec![YearTarget { year: 2016, target: 20 }],
                ..Default::default()
            },
        },
    )
    .unwrap();
    assert_eq!(claire.sync().rejected, 0);
    marc.sync();
    // Marc finds it from the group (the party index is rebuilt from pulled rows).
    let list =
        conventions::list(&marc.app, ConventionFilter { organisation_id: Some(engie), ..Default::default() })
            .unwrap();
    assert_eq!(list.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(), vec!["2015-CP-0423"]);
    let seen = conventions::get(&marc.app, IdRequest { id: c.id }).unwrap();
    assert_eq!((seen.commitments.len(), seen.partners[0].name.as_str()), (1, "ENGIE"));

    // A device that skips the lifecycle (brouillon → active) is refused.
    marc.set("convention", c.id, "status", json!("active"));
    let r = marc.sync();
    assert_eq!(r.rejected, 1);
    let issues = sync_cmd::issues(&marc.app, IssuesRequest::default()).unwrap();
    assert!(issues.iter().any(|i| i.message.as_deref().is_some_and(|m| m.contains("Statut"))), "{issues:?}");
    assert_eq!(
        conventions::get(&marc.app, IdRequest { id: c.id }).unwrap().data.status,
        ConventionStatus::Brouillon
    );

    // Claire signs it, then an avenant: the version it amends says so, and the server accepts it.
    use tremplin_app::commands::UpdateRequest;
    use tremplin_app::commands::conventions::TransitionRequest;
    use tremplin_domain::convention::Signatory;
    let mut input = conventions::get(&claire.app, IdRequest { id: c.id }).unwrap().data.to_input();
    input.signatories = vec![
        Signatory { party_id: None, name: "Jean-René Lecerf".into(), function: "Président".into() },
        Signatory { party_id: Some(engie), name: "Agnès Dufresnoy".into(), function: "Déléguée".into() },
    ];
    conventions::update(&claire.app, UpdateRequest { id: c.id, input, confirm_sensitive: false }).unwrap();
    let day = |s: &str| s.parse().ok();
    let step = |id, to, date: Option<chrono::NaiveDate>| {
        conventions::transition(
            &claire.app,
            TransitionRequest { id, to: Some(to), signed_on: date, starts_on: date, ..Default::default() },
        )
        .unwrap()
    };
    step(c.id, ConventionStatus::EnSignature, None);
    step(c.id, ConventionStatus::Signee, day("2015-12-18"));
    step(c.id, ConventionStatus::Active, day("2015-12-18"));
    let v2 = conventions::amend(&claire.app, IdRequest { id: c.id }).unwrap();
    let mut input = v2.data.to_input();
    input.amendment_purpose = Some("Objectif 2016 porté à 25 recrutements.".into());
    conventions::update(&claire.app, UpdateRequest { id: v2.id, input, confirm_sensitive: false }).unwrap();
    step(v2.id, ConventionStatus::EnSignature, None);
    step(v2.id, ConventionStatus::Signee, day("2016-09-15"));
    assert_eq!(claire.sync().rejected, 0);
    marc.sync();
    assert_eq!(conventions::get(&marc.app, IdRequest { id: c.id }).unwrap().data.amended_by_id, Some(v2.id));
    // A device cannot mark a convention as amended by anything else.
    let other = conventions::create(
        &claire.app,
        ConventionInput { number: "2016-CP-0007".into(), title: "Autre".into(), ..Default::default() },
    )
    .unwrap();
    claire.sync();
    marc.sync();
    marc.set("convention", other.id, "amended_by_id", json!(v2.id));
    let r = marc.sync();
    assert_eq!(r.rejected, 1);
    let issues = sync_cmd::issues(&marc.app, IssuesRequest::default()).unwrap();
    assert!(issues.iter().any(|i| i.code.as_deref() == Some("not_amended")), "{issues:?}");
}

/// People followed, their contracts (with the monthly lines) and the access
/// log travel to the colleagues of the person's DT, and to no one else.
#[test]
fn people_contracts_and_the_access_log_reach_their_dt_only() {
    use tremplin_app::commands::cie::{self, ContractFilter, SaveContractRequest};
    use tremplin_app::commands::people::{self, PersonFilter, PersonRequest, SavePersonRequest};
    use tremplin_domain::cie::{AidedContract, ContractStatus, Employment};
    use tremplin_domain::parameters::ContractType;
    use tremplin_domain::person::{Consent, Person};

    let db = fresh_database();
    add_user(&db, "claire", Role::ChargeRelationsEntreprises, Some("VA"));
    add_user(&db, "marc", Role::ChargeRelationsEntreprises, Some("VA"));
    add_user(&db, "lea", Role::ChargeRelationsEntreprises, Some("ML"));
    let srv = TestServer::start(testing::config(&db));
    let [claire, marc, lea] = ["claire", "marc", "lea"].map(|l| Device::logged_in(&srv.url, l));

    // Claire, in Valenciennes, follows a person and records her CIE.
    let person = people::save(
        &claire.app,
        SavePersonRequest {
            id: None,
            input: Person {
                first_name: "Sabrina".into(),
                last_name: "Martin".into(),
                commune_code: Some("59606".into()),
                consents: vec![tremplin_domain::person::ConsentRecord {
                    kind: Consent::MentionRsaEmployeur,
                    given_on: "2026-01-05".parse().ok(),
                    how: Some(tremplin_domain::person::ConsentHow::Ecrit),
                    withdrawn_on: None,
                }],
                ..Person::default()
            },
            confirm_sensitive: false,
        },
    )
    .unwrap()
    .id;
    let employer = organisations::create(&claire.app, company("Propreté du Hainaut")).unwrap().id;
    let contract = cie::save(
        &claire.app,
        SaveContractRequest {
            id: None,
            input: AidedContract {
                contract_type: ContractType::Cie,
                employer_id: employer,
                person_id: person,
                rome_code: "K2204".into(),
                job_title: "Agent de propreté".into(),
                employment: Employment::Cdd,
                starts_on: "2026-01-01".parse().ok(),
                ends_on: "2026-12-31".parse().ok(),
                aid_ends_on: "2026-12-31".parse().ok(),
                contract_hours_centi: 3_500,
                rate_bp: 4_700,
                rule_id: "0190a000-0000-7000-8000-000000000301".parse().ok(),
                tutor_name: Some("Marc Lefebvre".into()),
                tutor_experienced: true,
                status: ContractStatus::EnCours,
                aid_decided_on: "2025-12-10".parse().ok(),
                employer_attestations: tremplin_domain::cie::EmployerAttestations {
                    no_economic_dismissal: true,
                    not_replacing_dismissed: true,
                    contributions_paid: true,
                },
                ..AidedContract::default()
            },
            confirm_sensitive: false,
        },
    )
    .unwrap();
    people::get(&claire.app, PersonRequest { id: person, purpose: "Signature du contrat".into() }).unwrap();
    let r = claire.sync();
    assert_eq!((r.rejected, r.conflicts), (0, 0), "{r:?}");

    // Marc, same DT, sees her and the contract with the same lines.
    marc.sync();
    assert_eq!(people::list(&marc.app, PersonFilter::default()).unwrap().len(), 1);
    let his = cie::list(&marc.app, ContractFilter::default()).unwrap();
    assert_eq!(his.len(), 1);
    assert_eq!(his[0].totals, contract.totals);
    // His own consultation is logged and accepted by the server.
    people::get(&marc.app, PersonRequest { id: person, purpose: "Suivi dans l'emploi".into() }).unwrap();
    assert_eq!(marc.sync().rejected, 0);
    // Each officer holds their own access-log entries only.
    claire.sync();
    assert_eq!(claire.rows("audit_entry").len(), 1);

    // Léa, in Lille, receives none of it.
    lea.sync();
    assert!(lea.rows("person").is_empty());
    assert!(lea.rows("aided_contract").is_empty());
    assert!(lea.rows("audit_entry").is_empty());
    assert!(people::list(&lea.app, PersonFilter::default()).unwrap().is_empty());
}

#[test]
fn a_need_is_shared_with_every_territory_and_forged_moves_are_refused() {
    use tremplin_app::commands::needs::{self, MoveNeedRequest};
    use tremplin_domain::need::{NeedContract, NeedInput, NeedSource, NeedStatus};
    let db = fresh_database();
    let anne = add_user(&db, "anne", Role::ChargeRelationsEntreprises, Some("DT-LILLE"));
    let yann = add_user(&db, "yann", Role::ChargeRelationsEntreprises, Some("DT-FLANDRE-MARITIME"));
    let srv = TestServer::start(testing::config(&db));
    let a = Device::logged_in(&srv.url, "anne");
    let y = Device::logged_in(&srv.url, "yann");
    let employer = organisations::create(&a.app, company("Boulangerie Paul")).unwrap().id;
    // Anne enters a need; both devices have it.
    let new_need = |title: &str| {
        let input = NeedInput {
            employer_id: Some(employer),
            rome_code: "D1102".into(),
            job_title: title.into(),
            contract: Some(NeedContract::Cdi),
            source: Some(NeedSource::Visite),
            ..Default::default()
        };
        let id = needs::create(&a.app, input).unwrap().id;
        a.sync();
        y.sync();
        id
    };
    let status_on = |d: &Device, id| {
        d.rows("recruitment_need").into_iter().find(|r| r.0 == id).unwrap().1["status"].clone()
    };
    let open_refusals = |d: &Device| -> Vec<String> {
        sync_cmd::issues(&d.app, IssuesRequest::default())
            .unwrap()
            .into_iter()
            .filter(|i| i.resolved_at.is_none())
            .filter_map(|i| i.code)
            .collect()
    };

    // Employer data: the officer of another territory sees it and moves it,
    // in his own name.
    let need = new_need("Boulanger");
    let moved =
        needs::move_to(&y.app, MoveNeedRequest { id: need, to: NeedStatus::Ouvert, reason: None }).unwrap();
    assert_eq!(moved.data.status_by, yann);
    assert_eq!(y.sync().rejected, 0);
    a.sync();
    assert_eq!(status_on(&a, need), "ouvert");

    // A modified device skips a step, signs a move with a colleague's
    // name, or drops a need without its reason: each push is refused and
    // the server's row stays as it was.
    let (skip, forged, no_reason) =
        (new_need("Boulanger de nuit"), new_need("Vendeur"), new_need("Pâtissier"));
    // One mutation each, as a modified device would send it.
    let forge = |id, status: &str, by: uuid::Uuid| {
        let patch = json!({"status": status, "status_by": by}).as_object().unwrap().clone();
        y.app.with_store(|s| s.write(|w| w.update_fields("recruitment_need", id, &patch)).unwrap());
    };
    forge(skip, "pourvu", yann);
    forge(forged, "ouvert", anne);
    forge(no_reason, "abandonne", yann);
    let r = y.sync();
    assert_eq!(r.rejected, 3, "{r:?}");
    let codes = open_refusals(&y);
    assert!(
        codes.contains(&"bad_move".to_string()) && codes.contains(&"not_author".to_string()),
        "{codes:?}"
    );
    a.sync();
    for id in [skip, forged, no_reason] {
        assert_eq!(status_on(&a, id), "a_qualifier");
    }
    // Only whoever entered a need (or an administrator) deletes it.
    let kept = new_need("Livreur");
    needs::delete(&y.app, tremplin_app::commands::IdRequest { id: kept }).unwrap();
    assert_eq!(y.sync().rejected, 1);
    assert!(open_refusals(&y).contains(&"not_creator".to_string()));
    a.sync();
    assert_eq!(status_on(&a, kept), "a_qualifier");
}

/// Candidates are about a person: the officer of another DT syncs the need
/// and how many candidates it has, never who. The hire is shared: both
/// devices count it for the convention; who was hired stays with those
/// who follow her. A device forging a candidacy (no consent, a step in a
/// colleague's name, a rewritten history, a second candidacy) is refused.
#[test]
fn candidates_stay_need_to_know_while_their_count_and_the_hires_are_shared() {
    use tremplin_app::commands::candidacies::{self, MoveCandidacyRequest, ProposeRequest};
    use tremplin_app::commands::hires::{self, HireListRequest, HireRequest};
    use tremplin_app::commands::needs::{self, MoveNeedRequest};
    use tremplin_app::commands::people::{self, SavePersonRequest};
    use tremplin_domain::candidacy::CandidacyStage;
    use tremplin_domain::hire::HireInput;
    use tremplin_domain::need::{NeedContract, NeedInput, NeedSource, NeedStatus};
    use tremplin_domain::person::{ConsentHow, Person};

    let db = fresh_database();
    let anne = add_user(&db, "anne", Role::ChargeRelationsEntreprises, Some("VA"));
    add_user(&db, "yann", Role::ChargeRelationsEntreprises, Some("FM"));
    let srv = TestServer::start(testing::config(&db));
    let a = Device::logged_in(&srv.url, "anne");
    let y = Device::logged_in(&srv.url, "yann");
    let employer = organisations::create(&a.app, company("Transports Dubois")).unwrap().id;
    let need = needs::create(
        &a.app,
        NeedInput {
            employer_id: Some(employer),
            rome_code: "N4101".into(),
            job_title: "Conducteur".into(),
            positions: Some(2),
            contract: Some(NeedContract::Cdi),
            source: Some(NeedSource::Visite),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    needs::move_to(&a.app, MoveNeedRequest { id: need, to: NeedStatus::Ouvert, reason: None }).unwrap();
    let person = |first: &str| {
        let input = Person {
            first_name: first.into(),
            last_name: "Martin".into(),
            commune_code: Some("59606".into()),
            ..Person::default()
        };
        people::save(&a.app, SavePersonRequest { id: None, input, confirm_sensitive: false }).unwrap().id
    };
    let (sabrina, karim) = (person("Sabrina"), person("Karim"));
    let c = candidacies::propose(
        &a.app,
        ProposeRequest { need_id: need, person_id: sabrina, consent_how: Some(ConsentHow::Ecrit) },
    )
    .unwrap();
    candidacies::move_to(
        &a.app,
        MoveCandidacyRequest { id: c.id, to: CandidacyStage::Entretien, reason: None },
    )
    .unwrap();
    let hire = hires::create(
        &a.app,
        HireRequest {
            input: HireInput {
                contract: Some(NeedContract::Cdi),
                job_title: "Conducteur".into(),
                starts_on: "2026-10-05".parse().ok(),
                ..HireInput::default()
            },
            candidacy_id: Some(c.id),
            person_id: None,
            aided_contract_id: None,
        },
    )
    .unwrap();
    assert_eq!(a.sync().rejected, 0);
    y.sync();

    // Yann, in Flandre maritime, has the need with its count, not who.
    let yn = needs::get(&y.app, tremplin_app::commands::IdRequest { id: need }).unwrap();
    assert_eq!((yn.summary.candidates, yn.data.status), (1, NeedStatus::PourvuPartiellement));
    assert!(
        y.rows("candidacy").is_empty() && y.rows("hired_person").is_empty() && y.rows("person").is_empty()
    );
    // The hire itself is his to count, without a name.
    let seen = hires::list(&y.app, HireListRequest::default()).unwrap();
    assert_eq!(seen.iter().map(|h| (h.id, h.person_name.clone())).collect::<Vec<_>>(), [(hire.id, None)]);
    let mine = hires::list(&a.app, HireListRequest::default()).unwrap();
    assert_eq!(mine[0].person_name.as_deref(), Some("Sabrina MARTIN"));

    // Forged candidacies, as a modified device would push them (written
    // below the app layer, which refuses both).
    let forge = |person: uuid::Uuid| {
        let c = tremplin_domain::candidacy::Candidacy::propose(
            need,
            person,
            anne,
            chrono::Utc::now().date_naive(),
        );
        a.app.with_store(|s| s.write(|w| w.create(uuid::Uuid::new_v4(), &c)).unwrap());
    };
    // Karim never agreed to his profile being shared; Sabrina a second time.
    forge(karim);
    forge(sabrina);
    let r = a.sync();
    assert_eq!(r.rejected, 2, "{r:?}");
    let codes: Vec<String> = sync_cmd::issues(&a.app, IssuesRequest::default())
        .unwrap()
        .into_iter()
        .filter(|i| i.resolved_at.is_none())
        .filter_map(|i| i.code)
        .collect();
    assert!(
        codes.contains(&"no_consent".to_string()) && codes.contains(&"duplicate".to_string()),
        "{codes:?}"
    );
    // A step signed with someone else's name, and a history rewritten.
    let lina = person("Lina");
    let l = candidacies::propose(
        &a.app,
        ProposeRequest { need_id: need, person_id: lina, consent_how: Some(ConsentHow::Oral) },
    )
    .unwrap();
    assert_eq!(a.sync().rejected, 0);
    let history = a.rows("candidacy").into_iter().find(|r| r.0 == l.id).unwrap().1["history"].clone();
    let mut signed = history.clone();
    signed.as_array_mut().unwrap().push(
        json!({"stage": "cv_transmis", "on": chrono::Utc::now().date_naive(), "by": uuid::Uuid::new_v4()}),
    );
    let patch = json!({"history": signed, "stage": "cv_transmis"}).as_object().unwrap().clone();
    a.app.with_store(|s| s.write(|w| w.update_fields("candidacy", l.id, &patch)).unwrap());
    assert_eq!(a.sync().rejected, 1);
    let last = sync_cmd::issues(&a.app, IssuesRequest::default()).unwrap();
    assert!(
        last.iter().any(|i| i.resolved_at.is_none() && i.code.as_deref() == Some("not_author")),
        "{last:?}"
    );
    // The count stayed what the server counted.
    y.sync();
    let yn = needs::get(&y.app, tremplin_app::commands::IdRequest { id: need }).unwrap();
    assert_eq!(yn.summary.candidates, 2);
}
