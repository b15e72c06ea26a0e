//! Retention on a laptop linked to no server: what falls due is computed
//! from the records (a record a day before its limit stays, a record on
//! its limit goes), administrators see it a month ahead, the purge erases
//! people, contacts and old access-log entries, keeps aided contracts'
//! figures without their person, logs how many by rule — and nothing
//! erased is left in the file: its pages are decrypted and searched.

mod support;

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use support::Device;
use support::forensics::{contains, decrypted_pages, wal_len};
use tremplin_app::clock::FixedClock;
use tremplin_app::commands::cie::{self, SaveContractRequest};
use tremplin_app::commands::interactions::{self, LogInteractionRequest};
use tremplin_app::commands::people::{self, ErasePersonRequest, PersonRequest, SavePersonRequest};
use tremplin_app::commands::retention;
use tremplin_app::commands::{contacts, organisations};
use tremplin_app::{App, StoreKey};
use tremplin_domain::cie::{AidedContract, ContractStatus, EmployerAttestations, Employment};
use tremplin_domain::contact::ContactInput;
use tremplin_domain::interaction::{Channel, InteractionInput};
use tremplin_domain::organisation::{OrgKind, OrganisationInput};
use tremplin_domain::person::{Consent, ConsentHow, ConsentRecord, Person};
use tremplin_domain::retention::{ErasureReason, RetentionRule};
use tremplin_protocol::Role;
use tremplin_server::testing::{self, TestServer, add_user, fresh_database};
use tremplin_store::Store;
use uuid::Uuid;

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn person(app: &App, first: &str, last: &str) -> Uuid {
    let input = Person {
        first_name: first.into(),
        last_name: last.into(),
        commune_code: Some("59606".into()),
        consents: vec![ConsentRecord {
            kind: Consent::MentionRsaEmployeur,
            given_on: "2023-01-05".parse().ok(),
            how: Some(ConsentHow::Ecrit),
            withdrawn_on: None,
        }],
        notes: Some(format!("Suivi de {first} {last}, permis B.")),
        ..Person::default()
    };
    people::save(app, SavePersonRequest { id: None, input, confirm_sensitive: false }).unwrap().id
}

/// A CIE whose aid ran in the first half of 2024.
fn contract_2024(person: Uuid, employer: Uuid, note: &str) -> AidedContract {
    AidedContract {
        employer_id: employer,
        person_id: person,
        rome_code: "K2204".into(),
        job_title: "Agent de propreté".into(),
        employment: Employment::Cdd,
        starts_on: "2024-01-01".parse().ok(),
        ends_on: "2024-06-30".parse().ok(),
        aid_ends_on: "2024-06-30".parse().ok(),
        aid_decided_on: "2023-12-10".parse().ok(),
        contract_hours_centi: 3_500,
        rate_bp: 4_700,
        rule_id: "0190a000-0000-7000-8000-000000000301".parse().ok(),
        tutor_name: Some("Marc Lefebvre".into()),
        tutor_experienced: true,
        employer_attestations: EmployerAttestations {
            no_economic_dismissal: true,
            not_replacing_dismissed: true,
            contributions_paid: true,
        },
        status: ContractStatus::Termine,
        notes: Some(note.into()),
        bilan_on: "2024-06-20".parse().ok(),
        bilan: Some(format!("Bilan : {note}")),
        ..AidedContract::default()
    }
}

/// Moves a row's own dates back, as if written then.
fn age(app: &App, table: &str, id: Uuid, day: &str) {
    let at = format!("{day}T10:00:00.000Z");
    app.with_store(|s| {
        s.raw_connection()
            .execute(
                &format!("UPDATE {table} SET created_at = ?2, updated_at = ?2 WHERE id = ?1"),
                (id.to_string(), at),
            )
            .unwrap()
    });
}

#[test]
fn a_laptop_without_server_purges_what_falls_due_and_leaves_nothing_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tremplin.db");
    let key = StoreKey::generate();
    let store = Store::open(&db, &key).unwrap();
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap());
    let app = App::new(store, Arc::new(clock));
    app.ensure_profile("Nadia Benali").unwrap();

    // Zéphyrine: last edited 30 November 2024 (24 months today), her CIE's aid ended in June 2024.
    let zephyrine = person(&app, "Zéphyrine", "Quennehen");
    let employer = organisations::create(
        &app,
        OrganisationInput {
            kind: Some(OrgKind::Entreprise),
            name: "Propreté du Hainaut".into(),
            commune_code: Some("59606".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let note = "Zéphyrine Quennehen a terminé son contrat.";
    let contract = cie::save(
        &app,
        SaveContractRequest {
            id: None,
            input: contract_2024(zephyrine, employer, note),
            confirm_sensitive: false,
        },
    )
    .unwrap()
    .id;
    people::get(&app, PersonRequest { id: zephyrine, purpose: "Bilan".into() }).unwrap();
    age(&app, "person", zephyrine, "2024-11-30");
    age(&app, "aided_contract", contract, "2024-06-20");
    app.with_store(|s| {
        // The log is append-only: its guard is lifted to write the past.
        s.raw_connection()
            .execute_batch(
                "DROP TRIGGER audit_entry_no_update;
                 UPDATE audit_entry SET at = '2024-11-29T10:00:00.000Z';
                 CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
                 WHEN NEW.at IS NOT OLD.at BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;",
            )
            .unwrap();
    });
    // Yannick: the same a day later, so one day short of his limit.
    let yannick = person(&app, "Yannick", "Wauquiez-Ostende");
    age(&app, "person", yannick, "2024-12-01");
    // A contact at the employer, last exchange on 29 November 2023.
    let contact = contacts::create(
        &app,
        ContactInput {
            organisation_id: Some(employer),
            first_name: Some("Wladimir".into()),
            last_name: "Oosterlynck".into(),
            job_title: Some("Responsable d'exploitation".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let exchange = interactions::log(
        &app,
        LogInteractionRequest {
            interaction: InteractionInput {
                organisation_id: Some(employer),
                contact_id: Some(contact),
                occurred_at: Some(Utc.with_ymd_and_hms(2023, 11, 29, 14, 0, 0).unwrap()),
                channel: Some(Channel::Telephone),
                subject: "Besoins de recrutement".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap()
    .interaction
    .id;
    age(&app, "contact", contact, "2023-11-29");

    // Administrators (here: the laptop's own officer) see it first.
    let o = retention::overview(&app).unwrap();
    let due: Vec<(&str, Uuid)> = o.due.iter().map(|d| (d.due.entity.as_str(), d.due.row_id)).collect();
    assert!(due.contains(&("person", zephyrine)), "{due:?}");
    assert!(due.contains(&("contact", contact)), "{due:?}");
    assert!(o.due.iter().any(|d| d.label.contains("QUENNEHEN")));
    assert!(!due.iter().any(|(_, id)| *id == yannick), "a day before his limit");
    let y = o.upcoming.iter().find(|d| d.due.row_id == yannick).expect("seen a month ahead");
    assert_eq!(y.due.due_on, "2026-12-01".parse().unwrap());
    assert!(
        o.periods
            .iter()
            .any(|p| p.data.rule == RetentionRule::PersonneActivite && p.data.source.contains("CNIL"))
    );
    assert!(!o.server_managed);
    // A period changed from a date on, within the rule's bounds.
    let change = |months: u32| retention::SavePeriodRequest {
        input: tremplin_domain::retention::RetentionPeriod {
            rule: RetentionRule::PersonneActivite,
            months,
            effective_from: "2027-01-01".parse().ok(),
            source: "Délibération du conseil départemental".into(),
            replaces_id: None,
        },
    };
    let e = retention::save_period(&app, change(48)).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("out_of_range", Some("months")));
    let changed = retention::save_period(&app, change(18)).unwrap();
    assert!(changed.periods.iter().any(|p| p.data.months == 18 && !p.shipped));
    assert!(changed.periods[0].replaced_by.is_none(), "the earlier period still applies until then");

    let report = retention::run(&app).unwrap();
    // Nothing erased is left in the file, in any page, nor in the WAL.
    assert_eq!(wal_len(&db), 0, "the WAL is checkpointed and truncated");
    let pages = decrypted_pages(&db, key.as_bytes());
    for name in ["Quennehen", "Oosterlynck", "Wladimir"] {
        assert!(!contains(&pages, name), "{name} is still in the file");
    }
    assert!(contains(&pages, "Wauquiez-Ostende"), "the decryption reads the file");
    let count = |entity: &str, action: &str| {
        report
            .counts
            .iter()
            .filter(|c| c.entity == entity && c.action == action)
            .map(|c| c.count)
            .sum::<u32>()
    };
    assert_eq!((count("person", "erase"), count("contact", "erase")), (1, 1));
    assert_eq!(count("aided_contract", "anonymise"), 1);
    assert!(count("audit_entry", "erase") >= 1);

    // The person is gone; her contract's figures stay, without her.
    assert_eq!(
        people::get(&app, PersonRequest { id: zephyrine, purpose: "x".into() }).unwrap_err().code,
        "not_found"
    );
    let k = app.with_store(|s| s.get::<AidedContract>(contract).unwrap().unwrap().data);
    assert_eq!((k.person_id, k.notes.as_deref(), k.bilan.as_deref()), (Uuid::nil(), None, None));
    assert_eq!(k.job_title, "Agent de propreté");
    assert!(!k.lines.is_empty(), "the aid's monthly figures are kept");
    people::get(&app, PersonRequest { id: yannick, purpose: "Suivi".into() }).unwrap();
    // On this laptop without server, an erasure on request is done at once, and logged with its reason.
    let asked =
        people::erase(&app, ErasePersonRequest { id: yannick, reason: ErasureReason::ErreurDeSaisie })
            .unwrap();
    assert!(asked.erased_now);
    assert_eq!(
        people::get(&app, PersonRequest { id: yannick, purpose: "x".into() }).unwrap_err().code,
        "not_found"
    );
    // The exchange stays, without the contact.
    let i = app
        .with_store(|s| s.get::<tremplin_domain::interaction::Interaction>(exchange).unwrap().unwrap().data);
    assert_eq!(i.contact_id, None);
    // The log says how many and by which rule, never whom.
    let again = retention::overview(&app).unwrap();
    assert!(
        again
            .log
            .iter()
            .any(|l| l.count.entity == "person" && l.count.count == 1 && l.count.reason.is_none())
    );
    assert!(again.log.iter().any(|l| l.count.rule == RetentionRule::DemandeDeLaPersonne
        && l.count.reason.as_deref() == Some("erreur_de_saisie")));
    assert!(again.due.iter().all(|d| d.due.row_id != zephyrine));
}

#[test]
fn the_server_erases_and_both_devices_of_the_dt_erase_with_it() {
    let db = fresh_database();
    add_user(&db, "claire", Role::ChargeRelationsEntreprises, Some("VA"));
    add_user(&db, "marc", Role::ChargeRelationsEntreprises, Some("VA"));
    let srv = TestServer::start(testing::config(&db));
    let [claire, marc] = ["claire", "marc"].map(|l| Device::logged_in(&srv.url, l));

    let zephyrine = person(&claire.app, "Zéphyrine", "Quennehen");
    let yannick = person(&claire.app, "Yannick", "Wauquiez-Ostende");
    let employer = organisations::create(&claire.app, support::company("Propreté du Hainaut")).unwrap().id;
    let note = "Zéphyrine Quennehen a terminé son contrat.";
    let contract = cie::save(
        &claire.app,
        SaveContractRequest {
            id: None,
            input: contract_2024(zephyrine, employer, note),
            confirm_sensitive: false,
        },
    )
    .unwrap()
    .id;
    people::get(&claire.app, PersonRequest { id: zephyrine, purpose: "Bilan".into() }).unwrap();
    claire.sync();
    marc.sync();
    let before = decrypted_pages(&marc.path, marc.key.as_bytes());
    assert!(contains(&before, "Quennehen"), "Marc's laptop holds her record before the purge");

    // On the server: her record last changed on 30 November 2024, Yannick's a day later;
    // the access log is as old.
    let today = d("2026-11-30");
    testing::with_db(&db, async |c| {
        let set = "UPDATE sync_row SET created_at = $2, updated_at = $2 WHERE row_id = $1";
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        c.execute(set, &[&zephyrine, &at("2024-11-30T10:00:00Z")]).await.unwrap();
        c.execute(set, &[&yannick, &at("2024-12-01T10:00:00Z")]).await.unwrap();
        c.execute(set, &[&contract, &at("2024-06-20T10:00:00Z")]).await.unwrap();
        c.execute(
            "UPDATE sync_row SET data = jsonb_set(data, '{at}', '\"2024-11-29T10:00:00.000Z\"')
              WHERE entity = 'audit_entry'",
            &[],
        )
        .await
        .unwrap();
    });
    // The dry run lists her today and Yannick within the month.
    let ahead = testing::with_db(&db, async |c| {
        tremplin_server::retention::plan(c, today, d("2026-12-30")).await.unwrap()
    });
    let due_on = |id: Uuid| ahead.iter().find(|d| d.row_id == id).map(|d| d.due_on);
    assert_eq!((due_on(zephyrine), due_on(yannick)), (Some(today), Some(d("2026-12-01"))));

    // Yannick is put forward on a need and hired: his candidacy and who was
    // hired will go with him; the hire stays, named for no one.
    use tremplin_app::commands::candidacies::{self, ProposeRequest};
    use tremplin_app::commands::hires::{self, HireRequest};
    use tremplin_app::commands::needs::{self, MoveNeedRequest};
    use tremplin_domain::need::{NeedContract, NeedInput, NeedSource, NeedStatus};
    let need = needs::create(
        &claire.app,
        NeedInput {
            employer_id: Some(employer),
            rome_code: "K2204".into(),
            job_title: "Agent de propreté".into(),
            contract: Some(NeedContract::Cdi),
            source: Some(NeedSource::Visite),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    needs::move_to(&claire.app, MoveNeedRequest { id: need, to: NeedStatus::Ouvert, reason: None }).unwrap();
    let candidacy = candidacies::propose(
        &claire.app,
        ProposeRequest {
            need_id: need,
            person_id: yannick,
            consent_how: Some(tremplin_domain::person::ConsentHow::Ecrit),
        },
    )
    .unwrap()
    .id;
    let hire = hires::create(
        &claire.app,
        HireRequest {
            input: tremplin_domain::hire::HireInput {
                contract: Some(NeedContract::Cdi),
                job_title: "Agent de propreté".into(),
                starts_on: Some(Utc::now().date_naive()),
                ..Default::default()
            },
            candidacy_id: Some(candidacy),
            person_id: None,
            aided_contract_id: None,
        },
    )
    .unwrap()
    .id;
    // He was invited to a job dating: the invitation goes with him, the
    // event stays.
    use tremplin_app::commands::events::{self, InviteRequest};
    let event = events::create(
        &claire.app,
        tremplin_domain::event::EventInput {
            kind: Some(tremplin_domain::event::EventKind::JobDating),
            title: "Job dating propreté".into(),
            held_on: Some(Utc::now().date_naive() + chrono::Days::new(10)),
            place: "Maison de l'emploi".into(),
            employer_ids: vec![employer],
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    events::invite(&claire.app, InviteRequest { event_id: event, person_ids: vec![yannick], need_id: None })
        .unwrap();
    claire.sync();
    marc.sync();

    let counts = testing::with_db(&db, async |c| tremplin_server::retention::run(c, today).await.unwrap());
    let count = |entity: &str, action: &str| {
        counts.iter().filter(|c| c.entity == entity && c.action == action).map(|c| c.count).sum::<u32>()
    };
    assert_eq!((count("person", "erase"), count("aided_contract", "anonymise")), (1, 1));

    // Nothing of her stays on the server: rows, change history, replies.
    let left: i64 = testing::with_db(&db, async |c| {
        c.query_one(
            "SELECT (SELECT count(*) FROM sync_row WHERE data::text LIKE '%Quennehen%')
                  + (SELECT count(*) FROM sync_change WHERE patch::text LIKE '%Quennehen%')
                  + (SELECT count(*) FROM sync_conflict WHERE client_value::text LIKE '%Quennehen%'
                                                          OR server_value::text LIKE '%Quennehen%')
                  + (SELECT count(*) FROM sync_mutation WHERE outcome::text LIKE '%Quennehen%')",
            &[],
        )
        .await
        .unwrap()
        .get(0)
    });
    assert_eq!(left, 0);
    let logged: i64 = testing::with_db(&db, async |c| {
        c.query_one("SELECT coalesce(sum(count), 0) FROM retention_log WHERE entity = 'person'", &[])
            .await
            .unwrap()
            .get(0)
    });
    assert_eq!(logged, 1);

    // Yannick asks to be erased, through Marc: the server does it at its next purge.
    let asked =
        people::erase(&marc.app, ErasePersonRequest { id: yannick, reason: ErasureReason::Opposition })
            .unwrap();
    assert!(!asked.erased_now);
    let pending = people::get(&marc.app, PersonRequest { id: yannick, purpose: "Suivi".into() }).unwrap();
    assert_eq!(pending.erasure_requested_on, Some(Utc::now().date_naive()));
    marc.sync();
    // An officer's request waits a week on the server's clock (a stolen laptop cannot erase at once).
    let counts = testing::with_db(&db, async |c| tremplin_server::retention::run(c, today).await.unwrap());
    assert!(counts.is_empty(), "{counts:?}");
    let pending =
        testing::with_db(&db, async |c| tremplin_server::retention::pending_requests(c).await.unwrap());
    assert_eq!(pending.len(), 1);
    testing::with_db(&db, async |c| {
        c.execute(
            "UPDATE sync_row SET created_at = now() - interval '7 days' WHERE entity = 'erasure_request'",
            &[],
        )
        .await
        .unwrap()
    });
    let counts = testing::with_db(&db, async |c| tremplin_server::retention::run(c, today).await.unwrap());
    assert!(
        counts.iter().any(|c| c.rule == RetentionRule::DemandeDeLaPersonne
            && c.entity == "person"
            && c.reason.as_deref() == Some("opposition")),
        "{counts:?}"
    );
    // His need no longer counts his candidacy.
    let candidates: i64 = testing::with_db(&db, async |c| {
        c.query_one("SELECT (data->>'candidate_count')::bigint FROM sync_row WHERE row_id = $1", &[&need])
            .await
            .unwrap()
            .get(0)
    });
    assert_eq!(candidates, 0);

    // Both laptops erase them at their next sync; the contract stays, without her.
    for device in [&claire, &marc] {
        device.sync();
        let (gone, k) = device.app.with_store(|s| {
            (
                s.get::<Person>(zephyrine).unwrap().is_none(),
                s.get::<AidedContract>(contract).unwrap().unwrap().data,
            )
        });
        assert!(gone);
        assert_eq!(
            (k.person_id, k.notes.as_deref(), k.job_title.as_str()),
            (Uuid::nil(), None, "Agent de propreté")
        );
        assert!(device.app.with_store(|s| s.get::<Person>(yannick).unwrap().is_none()), "erased on request");
        let rows = |table: &str| device.app.with_store(|s| s.dump_rows(table).unwrap()).len();
        assert_eq!(
            (rows("candidacy"), rows("hired_person"), rows("event_invitation")),
            (0, 0, 0),
            "his candidacy, hire link and invitation go with him"
        );
        assert!(device.app.with_store(|s| s.get::<tremplin_domain::event::Event>(event).unwrap().is_some()));
        assert!(device.app.with_store(|s| s.get::<tremplin_domain::hire::Hire>(hire).unwrap().is_some()));
        let pages = decrypted_pages(&device.path, device.key.as_bytes());
        assert!(!contains(&pages, "Quennehen"), "her name is still in a page of the file or its WAL");
        assert!(!contains(&pages, "Wauquiez-Ostende"), "his name is still in a page of the file or its WAL");
        assert!(contains(&pages, "Propreté du Hainaut"), "the decryption reads the file");
    }
}
