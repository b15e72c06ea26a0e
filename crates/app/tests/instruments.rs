//! Insertion instruments through the commands: people followed (need-to-know,
//! sensitive words, audit), aided contracts with their monthly lines and
//! parameters, incident alerts, the simulator, and parrainage.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use tremplin_app::clock::FixedClock;
use tremplin_app::commands::cie::{
    self, ContractFilter, SaveContractRequest, SimulateRequest, TotalsRequest,
};
use tremplin_app::commands::groupings::{self, SaveMembershipRequest};
use tremplin_app::commands::mentoring::{
    self, SaveMeetingRequest, SaveMentorRequest, SavePairingRequest, SaveProgrammeRequest,
};
use tremplin_app::commands::parameters::{self, SaveParameterRequest};
use tremplin_app::commands::people::{
    self, ExportPersonRequest, PersonFilter, PersonRequest, SavePersonRequest,
};
use tremplin_app::commands::{IdRequest, contacts, organisations};
use tremplin_app::{App, StoreKey};
use tremplin_domain::audit::AuditAction;
use tremplin_domain::cie::{
    AidedContract, ContractStatus, EmployerAttestations, Employment, Incident, IncidentKind,
};
use tremplin_domain::contact::ContactInput;
use tremplin_domain::grouping::MembershipInput;
use tremplin_domain::mentoring::{
    EndReason, MeetingFormat, Mentor, MentoringMeeting, Outcome, OutcomeAt, OutcomeCategory, Pairing,
    Programme,
};
use tremplin_domain::organisation::{OrgKind, OrganisationInput};
use tremplin_domain::parameters::{AidParameter, ContractType, FinancingMode, ParameterKind};
use tremplin_domain::person::{Consent, ConsentHow, ConsentRecord, Person};
use tremplin_store::{Officer, Store};
use uuid::Uuid;

/// The shipped legal CIE rule (mode A, 88 %).
const LEGAL_CIE: &str = "0190a000-0000-7000-8000-000000000301";
/// The shipped RSA of 1 April 2026.
const RSA_2026: &str = "0190a000-0000-7000-8000-000000000206";

fn app() -> App {
    let store = Store::open_in_memory(&StoreKey::generate()).unwrap();
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap());
    let app = App::new(store, Arc::new(clock));
    app.ensure_profile("Nadia Benali").unwrap();
    app
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Makes `name` of `dt` the officer of this device.
fn become_officer(app: &App, name: &str, dt: Option<&str>) -> Uuid {
    let o = Officer {
        id: Uuid::now_v7(),
        display_name: name.into(),
        email: None,
        dt_code: dt.map(str::to_string),
    };
    app.with_store(|s| s.set_current_officer(&o)).unwrap();
    o.id
}

fn given(kind: Consent) -> ConsentRecord {
    ConsentRecord { kind, given_on: Some(d("2026-01-05")), how: Some(ConsentHow::Ecrit), withdrawn_on: None }
}

fn person(app: &App, last: &str, commune: &str) -> Uuid {
    let input = Person {
        first_name: "Sabrina".into(),
        last_name: last.into(),
        commune_code: Some(commune.into()),
        ft_id: Some("1234567A".into()),
        rome_codes: vec!["K2204".into()],
        consents: vec![given(Consent::Parrainage), given(Consent::MentionRsaEmployeur)],
        ..Person::default()
    };
    people::save(app, SavePersonRequest { id: None, input, confirm_sensitive: false }).unwrap().id
}

fn employer(app: &App) -> Uuid {
    let siren = tremplin_domain::identifiers::Siren::parse("542107651").unwrap();
    let siret = tremplin_domain::identifiers::next_valid_siret(&siren, 120).unwrap();
    let input = OrganisationInput {
        kind: Some(OrgKind::Etablissement),
        name: "Propreté du Hainaut".into(),
        siret: Some(siret.as_str().to_string()),
        commune_code: Some("59606".into()),
        ..Default::default()
    };
    organisations::create(app, input).unwrap().id
}

fn contract(person: Uuid, employer: Uuid) -> AidedContract {
    AidedContract {
        contract_type: ContractType::Cie,
        employer_id: employer,
        person_id: person,
        rome_code: "K2204".into(),
        job_title: "Agent de propreté".into(),
        employment: Employment::Cdd,
        starts_on: Some(d("2026-01-01")),
        ends_on: Some(d("2026-12-31")),
        aid_ends_on: Some(d("2026-12-31")),
        contract_hours_centi: 3_500,
        rate_bp: 4_700,
        rule_id: Some(LEGAL_CIE.parse().unwrap()),
        tutor_name: Some("Marc Lefebvre".into()),
        tutor_experienced: true,
        status: ContractStatus::EnCours,
        aid_decided_on: Some(d("2025-12-10")),
        signed_on: Some(d("2025-12-15")),
        employer_attestations: EmployerAttestations {
            no_economic_dismissal: true,
            not_replacing_dismissed: true,
            contributions_paid: true,
        },
        ..AidedContract::default()
    }
}

fn save_contract(
    app: &App,
    id: Option<Uuid>,
    c: AidedContract,
) -> tremplin_app::commands::cie::ContractDetail {
    cie::save(app, SaveContractRequest { id, input: c, confirm_sensitive: false }).unwrap()
}

#[test]
fn people_are_need_to_know_and_every_display_and_export_is_audited() {
    let app = app();
    let valenciennes_officer = become_officer(&app, "Officer VA", Some("VA"));
    // 59606 Valenciennes is in the Valenciennois DT.
    let p = person(&app, "Martin", "59606");
    let detail =
        people::get(&app, PersonRequest { id: p, purpose: "Préparation d'un entretien".into() }).unwrap();
    assert_eq!(
        (detail.data.dt_code.as_deref(), detail.commune_name.as_deref()),
        (Some("VA"), Some("Valenciennes"))
    );
    assert_eq!(detail.data.officer_ids, vec![valenciennes_officer]);
    // Another officer of the same DT sees the person.
    become_officer(&app, "Colleague VA", Some("VA"));
    assert_eq!(people::list(&app, PersonFilter::default()).unwrap().len(), 1);
    people::get(&app, PersonRequest { id: p, purpose: "Contrat aidé".into() }).unwrap();
    // An officer of Lille does not, in the list or by id.
    become_officer(&app, "Officer LI", Some("ML"));
    assert!(people::list(&app, PersonFilter::default()).unwrap().is_empty());
    let e = people::get(&app, PersonRequest { id: p, purpose: "Curiosité".into() }).unwrap_err();
    assert_eq!(e.code, "need_to_know");
    // Back to the first officer: export, and the trail names who, what, why.
    let me = Officer {
        id: valenciennes_officer,
        display_name: "Officer VA".into(),
        email: None,
        dt_code: Some("VA".into()),
    };
    app.with_store(|s| s.set_current_officer(&me)).unwrap();
    save_contract(&app, None, contract(p, employer(&app)));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fiche.csv");
    people::export(
        &app,
        ExportPersonRequest {
            id: p,
            path: path.display().to_string(),
            purpose: "Demande d'accès RGPD".into(),
        },
    )
    .unwrap();
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.contains("Identifiant France Travail,1234567A"), "{csv}");
    // A request for access also gets the aided contracts.
    assert!(
        csv.contains(
            "Contrat aidé,\"CIE — Agent de propreté chez Propreté du Hainaut, du 01/01/2026 au 31/12/2026 \
             (En cours)\""
        ),
        "{csv}"
    );
    let detail = people::get(&app, PersonRequest { id: p, purpose: "Vérification".into() }).unwrap();
    assert_eq!(
        (detail.contracts.len(), detail.contracts[0].employer_name.as_str()),
        (1, "Propreté du Hainaut")
    );
    let trail: Vec<(AuditAction, &str, &str)> =
        detail.audit.iter().map(|a| (a.action, a.purpose.as_str(), a.officer.as_str())).collect();
    assert_eq!(
        trail,
        vec![
            (AuditAction::Consultation, "Vérification", "Officer VA"),
            (AuditAction::Export, "Demande d'accès RGPD", "Officer VA"),
            (AuditAction::Consultation, "Contrat aidé", "Colleague VA"),
            (AuditAction::Consultation, "Préparation d'un entretien", "Officer VA"),
        ]
    );
    // The refused look from Lille left no entry; the entries are append-only.
    let changed = app.with_store(|s| {
        s.raw_connection()
            .execute("UPDATE audit_entry SET purpose = 'autre' WHERE purpose = 'Vérification'", [])
    });
    assert!(changed.is_err(), "an audit entry cannot be rewritten");
}

#[test]
fn sensitive_words_warn_before_saving_and_nothing_is_written() {
    let app = app();
    let input = Person {
        first_name: "Karim".into(),
        last_name: "Haddad".into(),
        notes: Some("Sort de prison en janvier, cherche un poste de cariste".into()),
        ..Person::default()
    };
    let e =
        people::save(&app, SavePersonRequest { id: None, input: input.clone(), confirm_sensitive: false })
            .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("sensitive_words", Some("notes")));
    assert!(e.message.contains("« prison »"), "{}", e.message);
    assert!(people::list(&app, PersonFilter::default()).unwrap().is_empty(), "nothing half-written");
    // Confirmed by the officer: saved.
    people::save(&app, SavePersonRequest { id: None, input, confirm_sensitive: true }).unwrap();
    assert_eq!(people::list(&app, PersonFilter::default()).unwrap().len(), 1);
    let e = people::save(
        &app,
        SavePersonRequest {
            id: None,
            input: Person {
                first_name: "A".into(),
                last_name: "B".into(),
                ft_id: Some("12AB".into()),
                ..Person::default()
            },
            confirm_sensitive: false,
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("ft_id"));
}

#[test]
fn contract_lines_totals_and_parameters_that_never_rewrite_history() {
    let app = app();
    become_officer(&app, "Officer VA", Some("VA"));
    let p = person(&app, "Martin", "59606");
    let e = employer(&app);
    let c = save_contract(&app, None, contract(p, e));
    assert_eq!(c.lines.len(), 12);
    let may = &c.lines[4].line;
    assert_eq!(
        (may.month.as_str(), may.aid_cents, may.dept_cents, may.state_cents),
        ("2026-05", 85_683, 57_405, 28_278)
    );
    assert_eq!(c.lines[2].line.dept_cents, 56_894, "March: the RSA before its April revaluation");
    assert!(c.lines[10].kept && !c.lines[11].kept, "November has begun, December has not");
    assert_eq!(c.data.lines.len(), 11, "months begun are stored with their parameters");
    let expected_total: i64 = c.lines.iter().map(|l| l.line.aid_cents).sum();
    assert_eq!(c.totals.aid_cents, expected_total);

    // An administrator corrects the April 2026 RSA: kept months do not move, December does.
    let before = c.lines.clone();
    parameters::save_parameter(
        &app,
        SaveParameterRequest {
            input: AidParameter {
                kind: ParameterKind::RsaPersonneSeule,
                effective_from: Some(d("2026-04-01")),
                amount_cents: 66_000,
                source: Some("Décret rectificatif".into()),
                replaces_id: Some(RSA_2026.parse().unwrap()),
                recompute_begun: false,
            },
        },
    )
    .unwrap();
    let after = cie::get(&app, IdRequest { id: c.id }).unwrap();
    for (b, a) in before.iter().zip(&after.lines).take(11) {
        assert_eq!(b.line, a.line, "{} changed", b.line.month);
    }
    assert_eq!(after.lines[11].line.params.rsa[0].cents, 66_000);
    assert_eq!(after.lines[11].line.dept_cents, 58_080);
    // The corrected row stays in the history, replaced.
    let list = parameters::list(&app).unwrap();
    let old = list.parameters.iter().find(|p| p.id == RSA_2026.parse::<Uuid>().unwrap()).unwrap();
    assert!(old.replaced_by.is_some());
    let again = parameters::save_parameter(
        &app,
        SaveParameterRequest {
            input: AidParameter {
                kind: ParameterKind::RsaPersonneSeule,
                effective_from: Some(d("2026-04-01")),
                amount_cents: 65_000,
                source: None,
                replaces_id: Some(RSA_2026.parse().unwrap()),
                recompute_begun: false,
            },
        },
    )
    .unwrap_err();
    assert_eq!(again.code, "already_replaced");

    // Totals per employer, DT and year.
    let t = cie::totals(&app, TotalsRequest::default()).unwrap();
    assert_eq!(t.all.aid_cents, after.totals.aid_cents);
    assert_eq!(t.by_employer[0].label, "Propreté du Hainaut");
    assert_eq!(t.by_dt[0].label, "Valenciennois");
    assert_eq!((t.by_year[0].label.as_str(), t.by_year[0].contracts), ("2026", 1));
    let none = cie::totals(&app, TotalsRequest { year: Some(2025) }).unwrap();
    assert_eq!(none.all.aid_cents, 0);
}

#[test]
fn refusals_name_the_rule_and_write_nothing() {
    let app = app();
    let p = person(&app, "Martin", "59606");
    let e = employer(&app);
    let refuse = |c: AidedContract| {
        cie::save(&app, SaveContractRequest { id: None, input: c, confirm_sensitive: false }).unwrap_err()
    };
    let err = refuse(AidedContract { contract_hours_centi: 1_500, ..contract(p, e) });
    assert_eq!(err.field.as_deref(), Some("contract_hours_centi"));
    let err = refuse(AidedContract { rate_bp: 5_000, ..contract(p, e) });
    assert!(err.message.contains("L5134-72-1"), "{}", err.message);
    let err = refuse(AidedContract { rule_id: None, ..contract(p, e) });
    assert_eq!(err.field.as_deref(), Some("rule_id"));
    // The HdF 2021 rule is not in force in 2026.
    let hdf = "0190a000-0000-7000-8000-000000000303".parse().ok();
    assert_eq!(refuse(AidedContract { rule_id: hdf, ..contract(p, e) }).code, "rule_not_in_force");
    let mut sick = contract(p, e);
    sick.incidents = vec![Incident {
        kind: IncidentKind::Suspension,
        occurred_on: Some(d("2026-03-02")),
        declared_on: None,
        notes: Some("Arrêt maladie".into()),
    }];
    assert_eq!(refuse(sick).code, "sensitive_words");
    assert!(cie::list(&app, ContractFilter::default()).unwrap().is_empty());
}

#[test]
fn a_groupement_d_employeurs_places_the_person_with_its_members_only() {
    let app = app();
    let p = person(&app, "Martin", "59606");
    let org = |name: &str, kind: OrgKind| {
        let input = OrganisationInput {
            kind: Some(kind),
            name: name.into(),
            commune_code: Some("59350".into()),
            ..Default::default()
        };
        organisations::create(&app, input).unwrap().id
    };
    let ge = org("GEIQ Propreté Hauts-de-France", OrgKind::Geiq);
    let member = org("Nettoyage Lillois", OrgKind::Entreprise);
    let outsider = org("Menuiserie Dupont", OrgKind::Entreprise);
    groupings::save_membership(
        &app,
        SaveMembershipRequest {
            id: None,
            input: MembershipInput {
                grouping_id: Some(ge),
                member_id: Some(member),
                joined_on: Some(d("2024-01-01")),
                ..Default::default()
            },
        },
    )
    .unwrap();
    let placed = |employer: Uuid, at: Vec<Uuid>| {
        cie::save(
            &app,
            SaveContractRequest {
                id: None,
                input: AidedContract { user_establishment_ids: at, ..contract(p, employer) },
                confirm_sensitive: false,
            },
        )
    };
    let e = placed(ge, vec![outsider]).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("not_a_member", Some("user_establishment_ids")));
    assert!(e.message.contains("Menuiserie Dupont"), "{}", e.message);
    let e = placed(member, vec![outsider]).unwrap_err();
    assert_eq!(e.code, "not_a_grouping");
    assert!(cie::list(&app, ContractFilter::default()).unwrap().is_empty());
    let ok = placed(ge, vec![member]).unwrap();
    assert_eq!(ok.user_establishment_names, vec!["Nettoyage Lillois".to_string()]);
    assert_eq!(ok.employer_name, "GEIQ Propreté Hauts-de-France");
}

#[test]
fn incident_deadlines_raise_alerts() {
    let app = app();
    let p = person(&app, "Martin", "59606");
    let e = employer(&app);
    let mut c = contract(p, e);
    c.incidents = vec![
        // Monday 16 November: deadline Tuesday 24, passed on the 30th.
        Incident {
            kind: IncidentKind::Suspension,
            occurred_on: Some(d("2026-11-16")),
            ..Incident::default()
        },
        // Thursday 26 November: deadline Friday 4 December.
        Incident {
            kind: IncidentKind::Suspension,
            occurred_on: Some(d("2026-11-26")),
            ..Incident::default()
        },
        // Declared in time: no alert.
        Incident {
            kind: IncidentKind::Suspension,
            occurred_on: Some(d("2026-06-01")),
            declared_on: Some(d("2026-06-05")),
            notes: None,
        },
    ];
    save_contract(&app, None, c);
    let alerts = cie::alerts(&app).unwrap();
    let got: Vec<(NaiveDate, bool)> = alerts.iter().map(|a| (a.deadline, a.overdue)).collect();
    assert_eq!(got, vec![(d("2026-11-24"), true), (d("2026-12-04"), false)]);
    assert_eq!(cie::list(&app, ContractFilter::default()).unwrap()[0].late_incidents, 1);
}

#[test]
fn the_simulator_uses_the_month_parameters_unless_told_otherwise() {
    let app = app();
    let req = SimulateRequest {
        contract_type: ContractType::Cie,
        mode: FinancingMode::A,
        dept_share_bp: None,
        rate_bp: 4_700,
        hours_centi: 3_500,
        month: "2026-05".into(),
        smic_cents: None,
        rsa_cents: None,
    };
    let s = cie::simulate(&app, req.clone()).unwrap();
    assert_eq!((s.aid_cents, s.dept_cents, s.state_cents), (85_683, 57_405, 28_278));
    assert_eq!((s.gross_cents, s.employer_net_cents), (182_303, 96_620));
    let s = cie::simulate(&app, SimulateRequest { month: "2026-03".into(), ..req.clone() }).unwrap();
    assert_eq!(s.dept_cents, 56_894);
    let b = cie::simulate(
        &app,
        SimulateRequest {
            mode: FinancingMode::B,
            dept_share_bp: Some(6_500),
            smic_cents: Some(1_085),
            ..req.clone()
        },
    )
    .unwrap();
    assert_eq!((b.aid_cents, b.dept_cents, b.state_cents), (77_342, 50_272, 27_070));
    let e = cie::simulate(&app, SimulateRequest { month: "2019-01".into(), ..req.clone() }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("month"));
    let e = cie::simulate(&app, SimulateRequest { rate_bp: 5_000, ..req.clone() }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("rate_bp"));
    // The same weekly-hours limit as a contract's.
    let e = cie::simulate(&app, SimulateRequest { hours_centi: 5_000, ..req }).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("out_of_range", Some("hours_centi")));
}

#[test]
fn a_pairing_with_meetings_outcomes_and_indicators() {
    let app = app();
    become_officer(&app, "Officer VA", Some("VA"));
    let filleul = person(&app, "Martin", "59606");
    let e = employer(&app);
    let contact = contacts::create(
        &app,
        ContactInput {
            organisation_id: Some(e),
            first_name: Some("Julie".into()),
            last_name: "Roussel".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let m = mentoring::save_programme(
        &app,
        SaveProgrammeRequest {
            id: None,
            input: Programme {
                name: "Parrainage FACE Valenciennes".into(),
                target_pairs: 20,
                ..Programme::default()
            },
        },
    )
    .unwrap();
    let programme = m.programmes[0].id;
    let e = mentoring::save_programme(
        &app,
        SaveProgrammeRequest {
            id: Some(programme),
            input: Programme {
                name: "Parrainage FACE Valenciennes".into(),
                convention_id: Some(Uuid::now_v7()),
                ..Programme::default()
            },
        },
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("unknown_convention", Some("convention_id")));
    let mentor_input =
        Mentor { contact_id: contact, programme_id: Some(programme), max_mentees: 1, ..Mentor::default() };
    let m =
        mentoring::save_mentor(&app, SaveMentorRequest { id: None, input: mentor_input.clone() }).unwrap();
    let mentor = m.mentors[0].id;
    assert_eq!(m.mentors[0].name, "Julie Roussel");
    let pairing = Pairing {
        programme_id: Some(programme),
        mentor_id: mentor,
        person_id: filleul,
        starts_on: Some(d("2026-03-02")),
        ..Pairing::default()
    };
    let e =
        mentoring::save_pairing(&app, SavePairingRequest { id: None, input: pairing.clone() }).unwrap_err();
    assert_eq!(e.code, "charter_not_signed");
    mentoring::save_mentor(
        &app,
        SaveMentorRequest {
            id: Some(mentor),
            input: Mentor { charter_signed_on: Some(d("2026-02-20")), ..mentor_input },
        },
    )
    .unwrap();
    let p = mentoring::save_pairing(&app, SavePairingRequest { id: None, input: pairing.clone() }).unwrap();
    assert_eq!(p.summary.data.planned_end_on, Some(d("2026-09-02")));
    // One filleul at most for this marraine.
    let other = person(&app, "Durand", "59606");
    let e = mentoring::save_pairing(
        &app,
        SavePairingRequest { id: None, input: Pairing { person_id: other, ..pairing } },
    )
    .unwrap_err();
    assert_eq!(e.code, "mentor_full");
    // Opening the pairing is in the filleul's audit trail.
    mentoring::get_pairing(&app, IdRequest { id: p.summary.id }).unwrap();
    let trail = people::get(&app, PersonRequest { id: filleul, purpose: "Suivi".into() }).unwrap().audit;
    assert!(
        trail.iter().any(|a| a.entity == "pairing" && a.purpose == "Consultation du parrainage"),
        "{trail:?}"
    );
    for (day, note) in [("2026-03-16", "Préparer le CV"), ("2026-04-01", "Simulation d'entretien")] {
        mentoring::save_meeting(
            &app,
            SaveMeetingRequest {
                id: None,
                input: MentoringMeeting {
                    pairing_id: p.summary.id,
                    held_on: Some(d(day)),
                    format: MeetingFormat::Presentiel,
                    note: note.into(),
                    ..MentoringMeeting::default()
                },
                confirm_sensitive: false,
            },
        )
        .unwrap();
    }
    let ended = Pairing {
        ended_on: Some(d("2026-06-30")),
        end_reason: Some(EndReason::ObjectifAtteint),
        outcomes: vec![
            Outcome { at: OutcomeAt::Fin, category: OutcomeCategory::Cdi, recorded_on: d("2026-06-30") },
            Outcome {
                at: OutcomeAt::Plus3Mois,
                category: OutcomeCategory::Cdi,
                recorded_on: d("2026-10-01"),
            },
        ],
        ..p.summary.data.clone()
    };
    let detail =
        mentoring::save_pairing(&app, SavePairingRequest { id: Some(p.summary.id), input: ended }).unwrap();
    assert_eq!(detail.meetings.len(), 2);
    let o = mentoring::overview(&app).unwrap();
    let i = &o.programmes[0].indicators;
    assert_eq!((i.pairs, i.active_pairs, i.ended_pairs, i.average_days), (1, 0, 1, Some(120)));
    assert_eq!(
        (i.meetings_per_pair, i.positive_exit_rate, i.durable_exit_rate),
        (Some(2.0), Some(100), Some(100))
    );
    // A filleul without consent is refused.
    let no_consent = people::save(
        &app,
        SavePersonRequest {
            id: None,
            input: Person { first_name: "L".into(), last_name: "M".into(), ..Person::default() },
            confirm_sensitive: false,
        },
    )
    .unwrap()
    .id;
    let e = mentoring::save_pairing(
        &app,
        SavePairingRequest {
            id: None,
            input: Pairing {
                mentor_id: mentor,
                person_id: no_consent,
                starts_on: Some(d("2026-11-02")),
                ..Pairing::default()
            },
        },
    )
    .unwrap_err();
    assert_eq!(e.code, "no_consent");
}

#[test]
fn aid_rules_are_corrected_by_administrators_only() {
    let app = app();
    let legal: Uuid = LEGAL_CIE.parse().unwrap();
    let list = parameters::list(&app).unwrap();
    let shipped = list.rules.iter().find(|r| r.id == legal).unwrap().data.clone();
    assert!(list.editable, "a laptop linked to no server administers its own parameters");
    // A rate above the legal ceiling is refused at its field.
    let too_high =
        tremplin_domain::parameters::AidRule { rate_bp: 5_000, replaces_id: Some(legal), ..shipped.clone() };
    let e = parameters::save_rule(&app, parameters::SaveRuleRequest { input: too_high }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("rate_bp"));
    // A CAOM capping the hours at 30: the correction replaces the shipped rule.
    let capped = tremplin_domain::parameters::AidRule {
        hours_cap_centi: Some(3_000),
        replaces_id: Some(legal),
        ..shipped
    };
    let list = parameters::save_rule(&app, parameters::SaveRuleRequest { input: capped.clone() }).unwrap();
    assert!(list.rules.iter().find(|r| r.id == legal).unwrap().replaced_by.is_some());
    // A contract made under the shipped rule follows its correction.
    let p = person(&app, "Martin", "59606");
    let e = employer(&app);
    let mut c = contract(p, e);
    let new_rule = list.rules.iter().find(|r| !r.shipped).unwrap().id;
    c.rule_id = Some(new_rule);
    let detail = save_contract(&app, None, c);
    assert_eq!(detail.covered_hours_centi, Some(3_000));
    // On a device linked to a server, an officer who is not an administrator may not.
    app.with_store(|s| {
        s.set_sync_setting("server_url", Some("https://tremplin.example"))?;
        s.set_sync_setting("role", Some("charge_relations_entreprises"))
    })
    .unwrap();
    assert!(!parameters::list(&app).unwrap().editable);
    let e = parameters::save_rule(
        &app,
        parameters::SaveRuleRequest {
            input: tremplin_domain::parameters::AidRule { replaces_id: None, ..capped },
        },
    )
    .unwrap_err();
    assert_eq!(e.code, "admin_only");
}

/// Found by the browser test with a server: what an officer did before
/// logging in must be pushed under their account, need-to-know lists and
/// audit entries included (the server refuses entries in another's name).
#[test]
fn logging_in_carries_people_and_audit_entries_over_to_the_account() {
    let app = app();
    let local = app.with_store(|s| s.current_officer()).unwrap().unwrap().id;
    let p = person(&app, "Martin", "59606");
    people::get(&app, PersonRequest { id: p, purpose: "Suivi".into() }).unwrap();
    let account = Officer {
        id: Uuid::now_v7(),
        display_name: "Claire Dubois".into(),
        email: None,
        dt_code: Some("ML".into()),
    };
    app.with_store(|s| s.adopt_identity(local, &account)).unwrap();
    let detail = people::get(&app, PersonRequest { id: p, purpose: "Après connexion".into() }).unwrap();
    assert_eq!(detail.data.officer_ids, vec![account.id]);
    assert!(
        detail.audit.iter().all(|a| a.officer == "Claire Dubois"),
        "{:?}",
        detail.audit.iter().map(|a| &a.officer).collect::<Vec<_>>()
    );
    let stale: i64 = app
        .with_store(|s| {
            s.raw_connection().query_row(
                "SELECT count(*) FROM outbox WHERE instr(patch, ?1) > 0",
                [local.to_string()],
                |r| r.get(0),
            )
        })
        .unwrap();
    assert_eq!(stale, 0, "no pending change still names the local profile");
}

#[test]
fn a_contract_reads_the_employers_history_and_every_view_is_audited() {
    let app = app();
    become_officer(&app, "Officer VA", Some("VA"));
    let e = employer(&app);
    let p = person(&app, "Martin", "59606");
    // A first aid with this employer, ended in June 2025, without its bilan.
    let earlier = AidedContract {
        starts_on: Some(d("2025-01-01")),
        ends_on: Some(d("2025-06-30")),
        aid_ends_on: Some(d("2025-06-30")),
        aid_decided_on: Some(d("2024-12-10")),
        signed_on: Some(d("2024-12-15")),
        status: ContractStatus::Termine,
        ..contract(p, e)
    };
    let first = save_contract(&app, None, earlier.clone());
    let refuse = |c: AidedContract| {
        cie::save(&app, SaveContractRequest { id: None, input: c, confirm_sensitive: false }).unwrap_err()
    };
    let err = refuse(contract(p, e));
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("previous_bilan_missing", Some("employer_id")));
    assert!(err.message.contains("L5134-66-1") && err.message.contains("30/06/2025"), "{}", err.message);
    assert_eq!(cie::list(&app, ContractFilter::default()).unwrap().len(), 1, "nothing written");
    // The bilan, made before the new aid was decided (10 December 2025).
    let with_bilan = AidedContract {
        bilan_on: Some(d("2025-07-15")),
        bilan: Some("Tutorat suivi, formation HACCP réalisée.".into()),
        ..earlier
    };
    save_contract(&app, Some(first.id), with_bilan);
    let k1 = save_contract(&app, None, contract(p, e));
    // A bilan that speaks of health is stopped at its field.
    let err = cie::save(
        &app,
        SaveContractRequest {
            id: Some(k1.id),
            input: AidedContract {
                bilan_on: Some(d("2026-06-01")),
                bilan: Some("Absences liées à un arrêt maladie".into()),
                ..contract(p, e)
            },
            confirm_sensitive: false,
        },
    )
    .unwrap_err();
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("sensitive_words", Some("bilan")));
    // One tuteur, three employees at most on CIE at once (R5134-61).
    save_contract(&app, None, contract(p, e));
    save_contract(&app, None, contract(p, e));
    let err = refuse(contract(p, e));
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("tutor_overloaded", Some("tutor_name")));
    assert!(err.message.contains("R5134-61"), "{}", err.message);
    save_contract(&app, None, AidedContract { tutor_name: Some("Isabelle Caron".into()), ..contract(p, e) });
    // Opening a contract is in the person's audit trail.
    cie::get(&app, IdRequest { id: k1.id }).unwrap();
    let trail = people::get(&app, PersonRequest { id: p, purpose: "Suivi".into() }).unwrap().audit;
    assert_eq!(
        (trail[1].entity.as_str(), trail[1].purpose.as_str()),
        ("aided_contract", "Consultation du contrat aidé")
    );
}

#[test]
fn a_consent_keeps_its_history_and_its_withdrawal_stops_what_it_allowed() {
    let app = app();
    become_officer(&app, "Officer VA", Some("VA"));
    let e = employer(&app);
    let p = person(&app, "Martin", "59606");
    let load = |app: &App| people::get(app, PersonRequest { id: p, purpose: "Suivi".into() }).unwrap().data;
    let save = |app: &App, input: Person| {
        people::save(app, SavePersonRequest { id: Some(p), input, confirm_sensitive: false })
    };
    // A new consent needs its date and the way it was given.
    let mut input = load(&app);
    input.consents.push(ConsentRecord { how: None, ..given(Consent::PartageProfilEmployeur) });
    let err = save(&app, input).unwrap_err();
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("consent_history", Some("consents")));
    // A consent is withdrawn, never erased.
    let mut input = load(&app);
    input.consents.retain(|c| c.kind != Consent::Parrainage);
    assert_eq!(save(&app, input).unwrap_err().code, "consent_history");
    // Withdrawn on 1 October 2026: the history stays, and so does the withdrawal.
    let mut input = load(&app);
    for c in &mut input.consents {
        c.withdrawn_on = Some(d("2026-10-01"));
    }
    save(&app, input).unwrap();
    let mut input = load(&app);
    input.consents[0].withdrawn_on = None;
    assert_eq!(save(&app, input).unwrap_err().code, "consent_history", "a withdrawal is not undone");
    // No new aided contract without the consent to mention the RSA.
    let err =
        cie::save(&app, SaveContractRequest { id: None, input: contract(p, e), confirm_sensitive: false })
            .unwrap_err();
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("no_consent", Some("person_id")));
    // No new pairing without the consent to parrainage.
    let contact = contacts::create(
        &app,
        ContactInput {
            organisation_id: Some(e),
            first_name: Some("Julie".into()),
            last_name: "Roussel".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let mentor = mentoring::save_mentor(
        &app,
        SaveMentorRequest {
            id: None,
            input: Mentor {
                contact_id: contact,
                charter_signed_on: Some(d("2026-02-20")),
                max_mentees: 2,
                ..Mentor::default()
            },
        },
    )
    .unwrap()
    .mentors[0]
        .id;
    let pairing =
        Pairing { mentor_id: mentor, person_id: p, starts_on: Some(d("2026-11-02")), ..Pairing::default() };
    let err = mentoring::save_pairing(&app, SavePairingRequest { id: None, input: pairing }).unwrap_err();
    assert_eq!(err.code, "no_consent");
    // The record handed over on request says when each was given and withdrawn.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fiche.csv");
    let req =
        ExportPersonRequest { id: p, path: path.display().to_string(), purpose: "Droit d'accès".into() };
    people::export(&app, req).unwrap();
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.contains("Parrainage, donné par écrit le 05/01/2026, retiré le 01/10/2026"), "{csv}");
}

#[test]
fn a_person_is_handed_a_statement_of_her_data_with_who_saw_it() {
    let app = app();
    become_officer(&app, "Officer VA", Some("VA"));
    let p = person(&app, "Martin", "59606");
    save_contract(&app, None, contract(p, employer(&app)));
    people::get(&app, PersonRequest { id: p, purpose: "Préparation d'un entretien".into() }).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("releve.pdf");
    let req =
        ExportPersonRequest { id: p, path: path.display().to_string(), purpose: "Droit d'accès".into() };
    people::export_statement(&app, req).unwrap();
    let out = std::process::Command::new("qpdf").args(["--check", path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let text = std::process::Command::new("pdftotext").args([path.to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Relevé des données vous concernant — Sabrina MARTIN",
        "Parrainage, donné par écrit le 05/01/2026",
        "Agent de propreté",
        "Propreté du Hainaut",
        "Préparation d'un entretien",
        "Officer VA",
        "conservée jusqu'au",
        "délégué à la protection des données",
    ] {
        assert!(text.contains(needle), "« {needle} » missing: {text}");
    }
    // Handing it over is an export, in the trail.
    let trail = people::get(&app, PersonRequest { id: p, purpose: "Suivi".into() }).unwrap().audit;
    assert!(trail.iter().any(|a| a.action == AuditAction::Export && a.purpose == "Droit d'accès"));
}

#[test]
fn a_retroactive_revaluation_recomputes_begun_months_when_asked_and_keeps_both_amounts() {
    let app = app();
    let me = become_officer(&app, "Officer VA", Some("VA"));
    let p = person(&app, "Martin", "59606");
    let c = save_contract(&app, None, contract(p, employer(&app)));
    let october_before = c.lines.iter().find(|l| l.line.month == "2026-10").unwrap().line.clone();
    assert_eq!(october_before.dept_cents, 57_405, "0,88 × 652,33 €");
    // A décret of late November revalues the RSA from 1 October: the administrator asks to recompute.
    parameters::save_parameter(
        &app,
        SaveParameterRequest {
            input: AidParameter {
                kind: ParameterKind::RsaPersonneSeule,
                effective_from: Some(d("2026-10-01")),
                amount_cents: 66_000,
                source: Some("Décret du 28 novembre 2026 (rétroactif au 1er octobre)".into()),
                replaces_id: None,
                recompute_begun: true,
            },
        },
    )
    .unwrap();
    let after = cie::get(&app, IdRequest { id: c.id }).unwrap();
    let month = |m: &str| after.lines.iter().find(|l| l.line.month == m).unwrap().line.clone();
    assert_eq!(
        month("2026-09"),
        c.lines.iter().find(|l| l.line.month == "2026-09").unwrap().line,
        "before: kept"
    );
    assert_eq!((month("2026-10").dept_cents, month("2026-11").dept_cents), (58_080, 58_080), "0,88 × 660 €");
    let r = &after.data.revisions;
    assert_eq!(r.iter().map(|x| x.month.as_str()).collect::<Vec<_>>(), vec!["2026-10", "2026-11"]);
    assert_eq!((r[0].old.dept_cents, r[0].new.dept_cents, r[0].by), (57_405, 58_080, me));
}
