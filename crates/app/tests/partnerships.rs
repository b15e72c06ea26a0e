//! Partnerships through the commands: conventions and their lifecycle,
//! commitments and actuals, avenants, groupings, key-account plans, briefs
//! and PDFs.

use std::process::Command;
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use tremplin_app::clock::FixedClock;
use tremplin_app::commands::conventions::{
    self, ExportRequest, SaveCommitmentRequest, SaveCommitteeRequest, SetActualRequest, TransitionRequest,
};
use tremplin_app::commands::events::{self, MoveEventRequest};
use tremplin_app::commands::groupings::{
    self, OrganisationRequest, SaveMembershipRequest, SaveObjectiveRequest,
};
use tremplin_app::commands::interactions::{self, LogInteractionRequest};
use tremplin_app::commands::{IdRequest, UpdateRequest, briefs, organisations, tasks};
use tremplin_app::{App, StoreKey};
use tremplin_domain::account::AccountObjectiveInput;
use tremplin_domain::commitment::{CommitmentInput, Indicator, Pace, YearTarget};
use tremplin_domain::committee::{CommitteeInput, CommitteeKind};
use tremplin_domain::convention::{ConventionInput, ConventionStatus, Signatory};
use tremplin_domain::event::{EventInput, EventKind, EventStatus};
use tremplin_domain::grouping::MembershipInput;
use tremplin_domain::interaction::{Channel, InteractionInput};
use tremplin_domain::organisation::{OrgKind, OrganisationInput};
use tremplin_domain::task::TaskInput;
use tremplin_store::Store;
use tremplin_store::queries::partnerships::ConventionFilter;
use uuid::Uuid;

fn app() -> App {
    let store = Store::open_in_memory(&StoreKey::generate()).unwrap();
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap());
    let app = App::new(store, Arc::new(clock));
    app.ensure_profile("Nadia Benali").unwrap();
    app
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn org(app: &App, kind: OrgKind, name: &str, parent: Option<Uuid>, commune: Option<&str>) -> Uuid {
    let input = OrganisationInput {
        kind: Some(kind),
        name: name.into(),
        siren: (kind == OrgKind::GrandCompte).then(|| "542107651".into()),
        siret: (kind == OrgKind::Etablissement).then(|| {
            let siren = tremplin_domain::identifiers::Siren::parse("542107651").unwrap();
            let nic = 100 + name.len() as u32 * 7;
            tremplin_domain::identifiers::next_valid_siret(&siren, nic).unwrap().as_str().to_string()
        }),
        parent_id: parent,
        commune_code: commune.map(str::to_string),
        ..Default::default()
    };
    organisations::create(app, input).unwrap().id
}

fn engie_draft(app: &App, partner: Uuid, sites: Vec<Uuid>) -> Uuid {
    conventions::create(
        app,
        ConventionInput {
            number: "2015-CP-0423".into(),
            title: "Partenariat ENGIE".into(),
            partner_ids: vec![partner],
            establishment_ids: sites,
            duration_months: Some(24),
            cp_number: Some("DSTI/2015/1234".into()),
            cp_date: "2015-11-30".parse().ok(),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

/// The Département's and the partner's signatories on a draft.
fn name_signatories(app: &App, id: Uuid, partner: Uuid) {
    let mut input = conventions::get(app, IdRequest { id }).unwrap().data.to_input();
    input.signatories = vec![
        Signatory { party_id: None, name: "C. Poiret".into(), function: "Président".into() },
        Signatory { party_id: Some(partner), name: "A. Dufresnoy".into(), function: "Directrice".into() },
    ];
    conventions::update(app, UpdateRequest { id, input, confirm_sensitive: false }).unwrap();
}

fn commitment(app: &App, convention: Uuid, indicator: Indicator, targets: &[(i32, u32)]) {
    conventions::save_commitment(
        app,
        SaveCommitmentRequest {
            id: None,
            input: CommitmentInput {
                convention_id: Some(convention),
                indicator: Some(indicator),
                targets: targets
                    .iter()
                    .map(|(year, target)| YearTarget { year: *year, target: *target })
                    .collect(),
                ..Default::default()
            },
        },
    )
    .unwrap();
}

fn move_to(
    app: &App,
    id: Uuid,
    to: ConventionStatus,
    date: Option<NaiveDate>,
) -> Result<conventions::ConventionDetail, tremplin_app::AppError> {
    conventions::transition(
        app,
        TransitionRequest { id, to: Some(to), signed_on: date, starts_on: date, ..Default::default() },
    )
}

fn field(e: tremplin_app::AppError) -> String {
    e.field.unwrap_or_default()
}

#[test]
fn a_convention_goes_through_its_lifecycle_and_refuses_what_it_must() {
    let app = app();
    let e = conventions::create(&app, ConventionInput { title: "Sans numéro".into(), ..Default::default() })
        .unwrap_err();
    assert_eq!(field(e), "number");
    let engie = org(&app, OrgKind::GrandCompte, "ENGIE", None, None);
    let id = engie_draft(&app, engie, vec![]);

    // Nothing to sign yet: each missing piece is named.
    assert_eq!(field(move_to(&app, id, ConventionStatus::EnSignature, None).unwrap_err()), "signatories");
    let mut input = conventions::get(&app, IdRequest { id }).unwrap().data.to_input();
    input.signatories = vec![
        Signatory { party_id: None, name: "Jean-René Lecerf".into(), function: "Président".into() },
        Signatory {
            party_id: Some(engie),
            name: "Agnès Dufresnoy".into(),
            function: "Déléguée régionale".into(),
        },
    ];
    conventions::update(&app, UpdateRequest { id, input: input.clone(), confirm_sensitive: false }).unwrap();
    assert_eq!(field(move_to(&app, id, ConventionStatus::EnSignature, None).unwrap_err()), "commitments");
    commitment(&app, id, Indicator::OffresTransmises, &[(2016, 20), (2017, 25)]);
    let c = move_to(&app, id, ConventionStatus::EnSignature, None).unwrap();
    assert_eq!(c.data.status, ConventionStatus::EnSignature);

    // Out of draft, the contents are frozen.
    let e = conventions::update(&app, UpdateRequest { id, input, confirm_sensitive: false }).unwrap_err();
    assert!(e.message.contains("brouillon"), "{}", e.message);
    let e = move_to(&app, id, ConventionStatus::Active, Some(d(2015, 12, 18))).unwrap_err();
    assert_eq!(e.code, "transition_refused");
    assert_eq!(field(move_to(&app, id, ConventionStatus::Signee, None).unwrap_err()), "signed_on");
    assert_eq!(
        field(move_to(&app, id, ConventionStatus::Signee, Some(d(2027, 1, 1))).unwrap_err()),
        "signed_on"
    );
    move_to(&app, id, ConventionStatus::Signee, Some(d(2015, 12, 18))).unwrap();
    let c = move_to(&app, id, ConventionStatus::Active, Some(d(2015, 12, 18))).unwrap();
    assert_eq!(c.ends_on, Some(d(2017, 12, 17)));
    assert!(c.can_amend && !c.editable);

    // Actuals once signed; the pace of 2017 is judged at its end.
    let k = c.commitments[0].id;
    let c = conventions::set_actual(&app, SetActualRequest { id: k, year: 2017, actual: 19 }).unwrap();
    let p = c.commitments[0].years.iter().find(|y| y.year == 2017).unwrap().progress;
    assert_eq!((p.target, p.actual, p.expected, p.pace), (25, 19, 25, Pace::EnRetard));
    let e = conventions::set_actual(&app, SetActualRequest { id: k, year: 2019, actual: 1 }).unwrap_err();
    assert_eq!(field(e), "year");

    // An avenant: version 2, a draft with the commitments, the first no longer amendable.
    let v2 = conventions::amend(&app, IdRequest { id }).unwrap();
    assert_eq!(
        (v2.data.version_no, v2.data.status, v2.data.previous_id),
        (2, ConventionStatus::Brouillon, Some(id))
    );
    assert_eq!(v2.commitments.len(), 1);
    assert_eq!(v2.commitments[0].data.actuals, c.commitments[0].data.actuals, "what was achieved stays");
    assert_eq!(
        (v2.data.starts_on, v2.data.duration_months),
        (Some(d(2015, 12, 18)), Some(24)),
        "the convention's dates"
    );
    assert_eq!(v2.versions.iter().map(|v| v.version_no).collect::<Vec<_>>(), vec![1, 2]);
    assert!(!conventions::get(&app, IdRequest { id }).unwrap().can_amend);
    assert_eq!(conventions::amend(&app, IdRequest { id }).unwrap_err().code, "not_latest");

    // The first version stays in force until the avenant is signed.
    let versions = |latest_only| {
        conventions::list(&app, ConventionFilter { latest_only, ..Default::default() })
            .unwrap()
            .iter()
            .map(|c| (c.version_no, c.superseded))
            .collect::<Vec<_>>()
    };
    assert_eq!(versions(false), vec![(1, false), (2, false)]);
    // An avenant says what it changes before it goes to signature.
    assert_eq!(
        field(move_to(&app, v2.id, ConventionStatus::EnSignature, None).unwrap_err()),
        "amendment_purpose"
    );
    let mut input = v2.data.to_input();
    input.amendment_purpose = Some("Objectif 2017 de recrutements porté à 25.".into());
    conventions::update(&app, UpdateRequest { id: v2.id, input, confirm_sensitive: false }).unwrap();
    move_to(&app, v2.id, ConventionStatus::EnSignature, None).unwrap();
    assert_eq!(versions(true), vec![(1, false), (2, false)]);
    move_to(&app, v2.id, ConventionStatus::Signee, Some(d(2016, 12, 1))).unwrap();
    assert_eq!(versions(false), vec![(1, true), (2, false)]);
    assert_eq!(versions(true), vec![(2, false)]);
    // The version it amends says so.
    assert_eq!(conventions::get(&app, IdRequest { id }).unwrap().data.amended_by_id, Some(v2.id));
    // In force from its own date; the convention keeps its start.
    let v2 = move_to(&app, v2.id, ConventionStatus::Active, Some(d(2017, 1, 1))).unwrap();
    assert_eq!((v2.data.amends_from, v2.data.starts_on), (Some(d(2017, 1, 1)), Some(d(2015, 12, 18))));
    // Its own document: « Avenant n° 1 », what it changes, both signatures.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avenant.pdf");
    conventions::export_pdf(&app, ExportRequest { id: v2.id, path: path.display().to_string() }).unwrap();
    let out = Command::new("qpdf").args(["--check", path.to_str().unwrap()]).output().expect("qpdf");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let text = pdftotext(&path).split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "AVENANT N° 1",
        "à la convention de partenariat n° 2015-CP-0423",
        "Objectif 2017 de recrutements porté à 25.",
        "signée le 18 décembre 2015",
        "Fait à Lille, le 1er décembre 2016",
        "Pour ENGIE",
        "Jean-René Lecerf",
        "Agnès Dufresnoy",
    ] {
        assert!(text.contains(needle), "« {needle} » missing: {text}");
    }

    // Ended conventions stop there.
    move_to(&app, id, ConventionStatus::Echue, None).unwrap();
    let e = move_to(&app, id, ConventionStatus::Active, None).unwrap_err();
    assert!(e.message.contains("avenant"), "{}", e.message);
}

#[test]
fn job_dating_actuals_are_counted_from_the_events_held() {
    let app = app();
    let group = org(&app, OrgKind::GrandCompte, "ENGIE", None, None);
    let site = org(&app, OrgKind::Etablissement, "ENGIE Bouchain", Some(group), Some("59092"));
    let other = org(&app, OrgKind::Entreprise, "Boulangerie Lefebvre", None, None);
    let id = engie_draft(&app, group, vec![]);
    name_signatories(&app, id, group);
    commitment(&app, id, Indicator::JobDatings, &[(2025, 2), (2026, 4)]);
    commitment(&app, id, Indicator::OffresTransmises, &[(2026, 10)]);
    for to in [ConventionStatus::EnSignature, ConventionStatus::Signee, ConventionStatus::Active] {
        move_to(&app, id, to, Some(d(2025, 3, 1))).unwrap();
    }
    // An event held with these employers and partners on that day.
    let event = |employers: Vec<Uuid>, partners: Vec<Uuid>, on: NaiveDate, held: bool| {
        let e = events::create(
            &app,
            EventInput {
                kind: Some(EventKind::JobDating),
                title: "Job dating énergie".into(),
                held_on: Some(on),
                place: "Centrale de Bouchain".into(),
                employer_ids: employers,
                partner_ids: partners,
                ..Default::default()
            },
        )
        .unwrap();
        if held {
            events::move_to(&app, MoveEventRequest { id: e.id, to: EventStatus::Realise }).unwrap();
        }
    };
    event(vec![site], vec![], d(2026, 3, 10), true);
    event(vec![other, site], vec![], d(2026, 6, 10), true);
    event(vec![], vec![group], d(2026, 9, 10), true); // the group co-organised it
    event(vec![site], vec![], d(2026, 10, 10), false); // never marked held
    event(vec![other], vec![], d(2026, 5, 10), true); // not a party
    event(vec![site], vec![], d(2025, 2, 10), true); // before the convention
    event(vec![site], vec![], d(2025, 11, 10), true);
    // A contact-log « événement » is a contact, not an event held.
    interactions::log(
        &app,
        LogInteractionRequest {
            interaction: InteractionInput {
                organisation_id: Some(site),
                occurred_at: Some(Utc.with_ymd_and_hms(2026, 4, 10, 9, 0, 0).unwrap()),
                channel: Some(Channel::Evenement),
                subject: "Forum".into(),
                ..Default::default()
            },
            follow_up: None,
            confirm_sensitive: false,
        },
    )
    .unwrap();
    let c = conventions::get(&app, IdRequest { id }).unwrap();
    let jd = c.commitments.iter().find(|k| k.data.indicator == Indicator::JobDatings).unwrap();
    assert!(jd.computed);
    let actual = |y: i32| jd.years.iter().find(|p| p.year == y).unwrap().progress.actual;
    assert_eq!((actual(2025), actual(2026)), (1, 3));
    let e = conventions::set_actual(&app, SetActualRequest { id: jd.id, year: 2026, actual: 9 }).unwrap_err();
    assert_eq!(e.code, "computed");
    // Entered indicators keep what was entered.
    let rec = c.commitments.iter().find(|k| k.data.indicator == Indicator::OffresTransmises).unwrap();
    let c = conventions::set_actual(&app, SetActualRequest { id: rec.id, year: 2026, actual: 6 }).unwrap();
    let rec = c.commitments.iter().find(|k| k.data.indicator == Indicator::OffresTransmises).unwrap();
    assert_eq!(rec.years[0].progress.actual, 6);
}

fn pdftotext(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_brief_lists_exactly_the_overdue_follow_ups_of_its_account() {
    let app = app();
    let group = org(&app, OrgKind::GrandCompte, "ENGIE", None, None);
    let site = org(&app, OrgKind::Etablissement, "ENGIE Valenciennes", Some(group), Some("59606"));
    let other = org(&app, OrgKind::Entreprise, "Transports Dubois", None, None);
    let task = |org: Uuid, title: &str, due: NaiveDate| {
        tasks::create(
            &app,
            TaskInput {
                title: title.into(),
                due_date: Some(due),
                organisation_id: Some(org),
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let a = task(group, "Relancer la DRH groupe", d(2026, 11, 2));
    let b = task(site, "Envoyer trois profils au site", d(2026, 11, 20));
    task(site, "Préparer le job dating", d(2026, 12, 10));
    task(other, "Rappeler Transports Dubois", d(2026, 11, 1));
    let done = task(group, "Envoyer la fiche CIE", d(2026, 10, 1));
    tasks::complete(&app, IdRequest { id: done }).unwrap();
    groupings::save_objective(
        &app,
        SaveObjectiveRequest {
            id: None,
            input: AccountObjectiveInput {
                organisation_id: Some(group),
                year: Some(2026),
                title: "Ouvrir Bouchain aux immersions".into(),
                ..Default::default()
            },
        },
    )
    .unwrap();

    let brief = briefs::get(&app, IdRequest { id: group }).unwrap();
    let mut overdue: Vec<Uuid> = brief.overdue_tasks.iter().map(|t| t.id).collect();
    overdue.sort();
    let mut expected = vec![a, b];
    expected.sort();
    assert_eq!(overdue, expected);
    assert_eq!(brief.open_tasks.len(), 1);
    assert!(brief.agenda.iter().any(|l| l.contains("Relancer la DRH groupe")));
    assert!(brief.agenda.iter().any(|l| l.contains("Ouvrir Bouchain")));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fiche-engie.pdf");
    let out =
        briefs::export_pdf(&app, ExportRequest { id: group, path: path.display().to_string() }).unwrap();
    assert!(out.bytes > 1000);
    let text = pdftotext(&path);
    for t in ["Relancer la DRH groupe", "Envoyer trois profils au site", "Préparer le job dating"] {
        assert!(text.contains(t), "{t} missing from the brief PDF");
    }
    for t in ["Rappeler Transports Dubois", "Envoyer la fiche CIE"] {
        assert!(!text.contains(t), "{t} is not this account's open follow-up");
    }
    // The site's own brief sees only its own.
    let site_brief = briefs::get(&app, IdRequest { id: site }).unwrap();
    assert_eq!(site_brief.overdue_tasks.iter().map(|t| t.id).collect::<Vec<_>>(), vec![b]);
    // A convention its group signed covers it, and shows in its brief.
    let c = engie_draft(&app, group, vec![]);
    name_signatories(&app, c, group);
    commitment(&app, c, Indicator::Recrutements, &[(2026, 10)]);
    for to in [ConventionStatus::EnSignature, ConventionStatus::Signee, ConventionStatus::Active] {
        move_to(&app, c, to, Some(d(2026, 1, 5))).unwrap();
    }
    let site_brief = briefs::get(&app, IdRequest { id: site }).unwrap();
    assert_eq!(site_brief.conventions.iter().map(|x| x.id).collect::<Vec<_>>(), vec![c]);
    // Nothing recorded by 30 November against a target of 10: behind, and said so.
    assert_eq!(site_brief.behind.len(), 1, "{:?}", site_brief.behind);
    assert!(site_brief.behind[0].contains("0 réalisé(s) sur 10"), "{}", site_brief.behind[0]);
    let other_brief = briefs::get(&app, IdRequest { id: other }).unwrap();
    assert!(other_brief.conventions.is_empty());
}

#[test]
fn the_convention_pdf_is_written_whole_where_asked_or_not_at_all() {
    let app = app();
    let engie = org(&app, OrgKind::GrandCompte, "ENGIE", None, None);
    let id = engie_draft(&app, engie, vec![]);
    commitment(&app, id, Indicator::Pmsmp, &[(2016, 10)]);
    conventions::save_committee(
        &app,
        SaveCommitteeRequest {
            id: None,
            input: CommitteeInput {
                convention_id: Some(id),
                kind: Some(CommitteeKind::Copil),
                held_on: Some(d(2016, 12, 12)),
                attendees: vec!["FACE MEL".into()],
                decisions: vec!["Objectif 2017 porté à 25 recrutements".into()],
                ..Default::default()
            },
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("convention.pdf");
    conventions::export_pdf(&app, ExportRequest { id, path: path.display().to_string() }).unwrap();
    let out = Command::new("qpdf").args(["--check", path.to_str().unwrap()]).output().expect("qpdf");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let text = pdftotext(&path).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("ENGIE") && text.contains("Objectif 2017 porté à 25 recrutements"), "{text}");
    let missing = dir.path().join("nope").join("convention.pdf");
    let e =
        conventions::export_pdf(&app, ExportRequest { id, path: missing.display().to_string() }).unwrap_err();
    assert_eq!(field(e), "path");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no partial file left behind");
}

#[test]
fn grouping_members_come_by_territory_rural_first_and_overlaps_are_refused() {
    let app = app();
    let ge = org(&app, OrgKind::GroupementEmployeurs, "Val de Lys Entreprendre", None, Some("59212"));
    // Estaires and Merville (Flandre intérieure, small communes) vs Lille.
    let farm = org(&app, OrgKind::Entreprise, "EARL du Pont", None, Some("59212"));
    let city = org(&app, OrgKind::Entreprise, "Traiteur Lillois", None, Some("59350"));
    let join = |member: Uuid, joined: NaiveDate, left: Option<NaiveDate>| {
        groupings::save_membership(
            &app,
            SaveMembershipRequest {
                id: None,
                input: MembershipInput {
                    grouping_id: Some(ge),
                    member_id: Some(member),
                    joined_on: Some(joined),
                    left_on: left,
                    notes: None,
                },
            },
        )
    };
    join(city, d(2016, 3, 24), None).unwrap();
    let m = join(farm, d(2017, 1, 1), None).unwrap();
    assert_eq!(m.by_territory.len(), 2);
    let first = &m.by_territory[0];
    assert!(first.rural >= m.by_territory[1].rural);
    let e = join(farm, d(2020, 1, 1), None).unwrap_err();
    assert_eq!((e.code.clone(), field(e)), ("already_member".to_string(), "member_id".to_string()));
    let e = join(ge, d(2020, 1, 1), None).unwrap_err();
    assert_eq!(field(e), "member_id");
    let e = groupings::save_membership(
        &app,
        SaveMembershipRequest {
            id: None,
            input: MembershipInput {
                grouping_id: Some(city),
                member_id: Some(farm),
                joined_on: Some(d(2020, 1, 1)),
                ..Default::default()
            },
        },
    )
    .unwrap_err();
    assert_eq!(e.code, "not_a_grouping");
    // The grouping's brief counts its current members and sees their activity.
    let t = tasks::create(
        &app,
        TaskInput {
            title: "Visiter l'EARL".into(),
            due_date: Some(d(2026, 11, 1)),
            organisation_id: Some(farm),
            ..Default::default()
        },
    )
    .unwrap();
    let brief = briefs::get(&app, IdRequest { id: ge }).unwrap();
    assert!(brief.figures.iter().any(|f| f.label == "Adhérents actuels" && f.value.starts_with('2')));
    assert_eq!(brief.overdue_tasks.iter().map(|x| x.id).collect::<Vec<_>>(), vec![t.id]);
    let members = groupings::members(&app, OrganisationRequest { organisation_id: ge }).unwrap();
    assert_eq!(members.by_territory.iter().map(|g| g.members.len()).sum::<usize>(), 2);
    // The grouping's timeline shows its members' shared activity.
    interactions::log(
        &app,
        LogInteractionRequest {
            interaction: InteractionInput {
                organisation_id: Some(farm),
                occurred_at: Some(Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()),
                channel: Some(Channel::Visite),
                subject: "Besoin saisonnier partagé".into(),
                ..Default::default()
            },
            follow_up: None,
            confirm_sensitive: false,
        },
    )
    .unwrap();
    let timeline = interactions::timeline(
        &app,
        tremplin_app::commands::interactions::TimelineRequest { organisation_id: ge, offset: 0, limit: 10 },
    )
    .unwrap();
    assert_eq!(
        timeline.items.iter().map(|i| i.subject.as_str()).collect::<Vec<_>>(),
        vec!["Besoin saisonnier partagé"]
    );
}

#[test]
fn the_agenda_lists_the_first_overdue_follow_ups_then_counts_the_rest() {
    let app = app();
    let group = org(&app, OrgKind::GrandCompte, "ENGIE", None, None);
    for i in 0..8 {
        tasks::create(
            &app,
            TaskInput {
                title: format!("Relance n° {i}"),
                due_date: Some(d(2026, 11, 1 + i)),
                organisation_id: Some(group),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let brief = briefs::get(&app, IdRequest { id: group }).unwrap();
    assert_eq!(brief.overdue_tasks.len(), 8, "the list keeps them all");
    let overdue_lines = brief.agenda.iter().filter(|l| l.starts_with("Relance en retard")).count();
    assert_eq!(overdue_lines, 5);
    assert!(
        brief.agenda.iter().any(|l| l == "… et 3 autres relances en retard (voir la liste)."),
        "{:?}",
        brief.agenda
    );
}

#[test]
fn an_organisation_party_to_a_convention_is_kept_and_its_links_go_with_it_otherwise() {
    let app = app();
    let engie = org(&app, OrgKind::GrandCompte, "ENGIE", None, None);
    engie_draft(&app, engie, vec![]);
    let e = organisations::delete(&app, IdRequest { id: engie }).unwrap_err();
    assert_eq!(e.code, "has_conventions");
    assert!(organisations::get(&app, IdRequest { id: engie }).is_ok());

    let ge = org(&app, OrgKind::GroupementEmployeurs, "GE du Cambrésis", None, Some("59122"));
    let member = org(&app, OrgKind::Entreprise, "Ferme Dupont", None, Some("59122"));
    groupings::save_membership(
        &app,
        SaveMembershipRequest {
            id: None,
            input: MembershipInput {
                grouping_id: Some(ge),
                member_id: Some(member),
                joined_on: Some(d(2020, 1, 1)),
                ..Default::default()
            },
        },
    )
    .unwrap();
    organisations::delete(&app, IdRequest { id: member }).unwrap();
    let left = groupings::members(&app, OrganisationRequest { organisation_id: ge }).unwrap();
    assert!(
        left.by_territory.is_empty() && left.former.is_empty(),
        "no membership points at a deleted member"
    );
}

/// An active convention as of `start`, for `months`, with one
/// « recrutements » target for 2026.
fn active_convention(
    app: &App,
    partner: Uuid,
    number: &str,
    start: NaiveDate,
    months: u32,
    target: u32,
) -> Uuid {
    let id = conventions::create(
        app,
        ConventionInput {
            number: number.into(),
            title: format!("Convention {number}"),
            partner_ids: vec![partner],
            duration_months: Some(months),
            cp_number: Some(format!("CP/{number}")),
            cp_date: Some(start - chrono::Duration::days(30)),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    name_signatories(app, id, partner);
    commitment(app, id, Indicator::OffresTransmises, &[(2026, target)]);
    move_to(app, id, ConventionStatus::EnSignature, None).unwrap();
    move_to(app, id, ConventionStatus::Signee, Some(start)).unwrap();
    move_to(app, id, ConventionStatus::Active, Some(start)).unwrap();
    id
}

fn copil(app: &App, convention: Uuid, held_on: NaiveDate) {
    conventions::save_committee(
        app,
        SaveCommitteeRequest {
            id: None,
            input: CommitteeInput {
                convention_id: Some(convention),
                kind: Some(CommitteeKind::Copil),
                held_on: Some(held_on),
                attendees: vec!["Département".into()],
                ..Default::default()
            },
        },
    )
    .unwrap();
}

/// The dashboard's « À surveiller » on 30 November 2026: a convention
/// running since March 2025 with no COPIL and no hire this year (behind,
/// COPIL due, ending within 120 days); one just started whose first COPIL
/// is set for two weeks on (due, shown with its date); one whose COPIL met
/// in June (nothing to flag).
#[test]
fn the_dashboard_flags_commitments_behind_copil_due_and_conventions_ending() {
    let app = app();
    let engie = org(&app, OrgKind::GrandCompte, "ENGIE", None, None);
    let late = active_convention(&app, engie, "2025-CP-0001", d(2025, 3, 1), 24, 20);
    let fresh = active_convention(&app, engie, "2026-CP-0002", d(2026, 11, 1), 36, 1);
    copil(&app, fresh, d(2026, 12, 15));
    let steady = active_convention(&app, engie, "2024-CP-0003", d(2024, 1, 15), 48, 1);
    copil(&app, steady, d(2026, 6, 1));
    conventions::set_actual(
        &app,
        SetActualRequest {
            id: conventions::get(&app, IdRequest { id: steady }).unwrap().commitments[0].id,
            year: 2026,
            actual: 1,
        },
    )
    .unwrap();

    let a = tremplin_app::commands::dashboard::dashboard(&app).unwrap().attention;
    let behind: Vec<_> =
        a.commitments_behind.iter().map(|k| (k.convention_id, k.actual, k.expected, k.target)).collect();
    assert_eq!(behind.len(), 1, "{behind:?}");
    assert_eq!(behind[0].0, late);
    assert_eq!((behind[0].1, behind[0].3), (0, 20));
    assert!(behind[0].2 >= 18, "by 30 November most of the year's target is due: {}", behind[0].2);

    let due: Vec<_> = a.copil_due.iter().map(|c| (c.convention_id, c.last_held_on, c.planned_on)).collect();
    assert_eq!(due, vec![(late, None, None), (fresh, None, Some(d(2026, 12, 15)))]);

    let ending: Vec<_> = a.conventions_ending.iter().map(|c| c.id).collect();
    assert_eq!(ending, vec![late], "ends 28 February 2027, 90 days away");
    // The brief of the partner says the same.
    let brief = briefs::get(&app, IdRequest { id: engie }).unwrap();
    assert!(
        brief.agenda.iter().any(|a| a.contains("Réunir le premier COPIL de la convention n° 2025-CP-0001"))
    );
    assert!(!brief.agenda.iter().any(|a| a.contains("2024-CP-0003")), "{:?}", brief.agenda);
}
