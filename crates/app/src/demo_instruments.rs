//! The demo's insertion instruments: people followed in every DT (each
//! entered by the officer of their DT), CIE contracts at the demo's
//! employers — running, renewed, ended, broken, one through a groupement
//! d'employeurs, one CAE at Partenord Habitat, incidents to declare — and
//! FACE MEL's parrainage programme with its marraines, pairings, meetings
//! and outcomes. Built through the commands, like an officer would; dated
//! relative to today.

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use tremplin_domain::cie::{
    AidedContract, ContractStatus, EmployerAttestations, Employment, Incident, IncidentKind, Renewal,
    Suspension,
};
use tremplin_domain::mentoring::{
    EndReason, MeetingFormat, Mentor, MentoringMeeting, Outcome, OutcomeAt, OutcomeCategory, Pairing,
    Programme,
};
use tremplin_domain::organisation::OrgKind;
use tremplin_domain::parameters::ContractType;
use tremplin_domain::person::{Consent, ConsentHow, ConsentRecord, Orientation, Person};
use tremplin_store::Officer;

use crate::App;
use crate::commands::cie::{self, SaveContractRequest};
use crate::commands::mentoring::{
    self, SaveMeetingRequest, SaveMentorRequest, SavePairingRequest, SaveProgrammeRequest,
};
use crate::commands::people::{self, SavePersonRequest};
use crate::demo::Org;
use crate::error::{AppError, AppResult};
use crate::seed::Seed;

/// The shipped legal rules (`assets/reference/aid_parameters.json`).
const LEGAL_CIE: Uuid = Uuid::from_u128(0x0190a000_0000_7000_8000_000000000301);
const LEGAL_CAE: Uuid = Uuid::from_u128(0x0190a000_0000_7000_8000_000000000302);

/// Communes of each officer's DT where the demo's people live.
const COMMUNES: [(&str, &[&str]); 6] = [
    ("ML", &["59350", "59009"]),
    ("VA", &["59606", "59172"]),
    ("AV", &["59392", "59249"]),
    ("MRT", &["59512", "59599", "59650"]),
    ("FI", &["59295", "59017", "59043"]),
    ("DO", &["59178", "59574"]),
];

/// Jobs of the contracts: ROME code and title.
const JOBS: [(&str, &str); 8] = [
    ("K2204", "Agent·e de propreté"),
    ("N1103", "Préparateur·rice de commandes"),
    ("N4105", "Conducteur·rice de bus"),
    ("K1302", "Aide à domicile"),
    ("F1602", "Électricien·ne du bâtiment"),
    ("N1101", "Cariste"),
    ("D1507", "Employé·e libre-service"),
    ("M1601", "Agent·e d'accueil"),
];

const REFERENTS: [(&str, &str); 4] = [
    ("Céline Dupuis", "France Travail"),
    ("Mehdi Saïdi", "Service insertion du Département"),
    ("Anne Vasseur", "PLIE"),
    ("Olivier Leroy", "CCAS"),
];

/// People followed per officer.
const PEOPLE_PER_DT: usize = 7;

/// What the demo's partnerships hand over to the instruments.
pub(crate) struct Partners {
    /// FACE MEL, operator of the parrainage programme.
    pub(crate) face: Uuid,
    /// ENGIE's current convention, which the programme serves.
    pub(crate) engie_convention: Uuid,
}

struct Followed {
    id: Uuid,
    officer: usize,
    consents: Vec<Consent>,
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("day 1 exists")
}

fn add_months(day: NaiveDate, n: i32) -> NaiveDate {
    let shifted = if n >= 0 {
        day.checked_add_months(Months::new(n.unsigned_abs()))
    } else {
        day.checked_sub_months(Months::new(n.unsigned_abs()))
    };
    shifted.expect("demo dates are within chrono's range")
}

fn pred(day: NaiveDate) -> NaiveDate {
    day - Days::new(1)
}

/// A France Travail id of the 7-digits-and-a-letter form.
fn ft_id(rng: &mut StdRng) -> String {
    let letter = char::from(b'A' + rng.random_range(0..26u8));
    format!("{:07}{letter}", rng.random_range(0..10_000_000u32))
}

fn demo_error(what: &str, e: AppError) -> AppError {
    AppError { message: format!("Données de démonstration « {what} » : {}", e.message), ..e }
}

pub(crate) fn build(
    app: &App,
    seed: &Seed,
    orgs: &[Org],
    officers: &[Officer],
    partners: &Partners,
    today: NaiveDate,
) -> AppResult<String> {
    let mut rng = StdRng::seed_from_u64(59);
    let act_as = |i: usize| app.with_store(|s| s.set_current_officer(&officers[i])).map_err(AppError::from);
    let people = followed(app, seed, officers, &mut rng, &act_as)?;
    let contracts = contracts(app, orgs, &people, &act_as, today)?;
    let pairs = parrainage(app, orgs, &people, partners, &mut rng, &act_as, today)?;
    Ok(format!(
        "{} personnes accompagnées, {contracts} contrats aidés, {pairs} binômes de parrainage",
        people.len()
    ))
}

fn followed(
    app: &App,
    seed: &Seed,
    officers: &[Officer],
    rng: &mut StdRng,
    act_as: &impl Fn(usize) -> AppResult<()>,
) -> AppResult<Vec<Followed>> {
    let mut out = Vec::new();
    for (i, officer) in officers.iter().enumerate() {
        let dt = officer.dt_code.as_deref().unwrap_or("ML");
        let communes = COMMUNES.iter().find(|(code, _)| *code == dt).map_or(COMMUNES[0].1, |(_, c)| c);
        act_as(i)?;
        for n in 0..PEOPLE_PER_DT {
            let mut consents = vec![Consent::MentionRsaEmployeur];
            if rng.random_bool(0.7) {
                consents.push(Consent::PartageProfilEmployeur);
            }
            // The Lille-area programme pairs people of the metropolis.
            if matches!(dt, "ML" | "MRT") || rng.random_bool(0.2) {
                consents.push(Consent::Parrainage);
            }
            let (referent, organisation) = REFERENTS[(i + n) % REFERENTS.len()];
            let job = JOBS.choose(rng).expect("jobs");
            let input = Person {
                first_name: seed.first_names.choose(rng).expect("first names").clone(),
                last_name: seed.last_names.choose(rng).expect("last names").clone(),
                commune_code: Some(communes[n % communes.len()].to_string()),
                ft_id: rng.random_bool(0.8).then(|| ft_id(rng)),
                referent_name: Some(referent.into()),
                referent_organisation: Some(organisation.into()),
                orientation: Some(if n % 4 == 3 {
                    Orientation::SocioProfessionnelle
                } else {
                    Orientation::Professionnelle
                }),
                rome_codes: vec![job.0.into()],
                // Recorded at the first interview, two months ago, on the signed form.
                consents: consents
                    .iter()
                    .map(|&kind| ConsentRecord {
                        kind,
                        given_on: Some(app.clock().today() - Days::new(60)),
                        how: Some(ConsentHow::Ecrit),
                        withdrawn_on: None,
                    })
                    .collect(),
                notes: (n == 0).then(|| "Permis B, disponible en horaires décalés.".into()),
                ..Person::default()
            };
            let name = input.full_name();
            let id = people::save(app, SavePersonRequest { id: None, input, confirm_sensitive: false })
                .map_err(|e| demo_error(&name, e))?
                .id;
            out.push(Followed { id, officer: i, consents });
        }
    }
    Ok(out)
}

/// What happens to a demo contract.
#[derive(Clone, Copy)]
enum Story {
    Running,
    Renewed,
    Ended,
    Broken,
    /// A suspension not yet declared, `n` days ago.
    Undeclared(u64),
    Project,
}

fn contracts(
    app: &App,
    orgs: &[Org],
    people: &[Followed],
    act_as: &impl Fn(usize) -> AppResult<()>,
    today: NaiveDate,
) -> AppResult<usize> {
    let employers: Vec<&Org> =
        orgs.iter().filter(|o| matches!(o.kind, OrgKind::Etablissement | OrgKind::Entreprise)).collect();
    let month = first_of_month(today);
    // The first ones are the active profile's (Lille): a suspension to
    // declare, overdue and not yet, and a renewal.
    let stories = [
        Story::Running,
        Story::Undeclared(12),
        Story::Undeclared(2),
        Story::Renewed,
        Story::Ended,
        Story::Running,
        Story::Broken,
        Story::Project,
        Story::Running,
        Story::Running,
        Story::Ended,
        Story::Running,
    ];
    let mut made = 0;
    // Every other person followed is hired on an aided contract.
    for (n, p) in people.iter().step_by(2).enumerate() {
        let story = stories[n % stories.len()];
        let employer = employers[(n * 7) % employers.len()];
        let (rome, title) = JOBS[n % JOBS.len()];
        let hours = [3_500, 3_000, 2_600, 2_400, 2_000][n % 5];
        let rate = [4_700, 4_700, 4_000, 3_500][n % 4];
        let started = match story {
            Story::Running | Story::Undeclared(_) => add_months(month, -(1 + (n as i32 % 9))),
            Story::Renewed => add_months(month, -14),
            Story::Ended => add_months(month, -(15 + n as i32 % 6)),
            Story::Broken => add_months(month, -5),
            Story::Project => add_months(month, 1),
        };
        let months = if matches!(story, Story::Running) && n % 3 == 0 { 18 } else { 12 };
        let tutor = ["Marc Lefebvre", "Isabelle Caron", "Farid Benamar", "Lucie Hennion"][n % 4];
        let mut c = AidedContract {
            rome_code: rome.into(),
            job_title: title.into(),
            employment: if n % 3 == 1 { Employment::Cdi } else { Employment::Cdd },
            contract_hours_centi: hours,
            rate_bp: rate,
            tutor_function: Some("Chef·fe d'équipe".into()),
            referent_name: Some(REFERENTS[n % REFERENTS.len()].0.into()),
            decision_reference: Some(format!("CIE-59-{}-{:04}", started.year(), 100 + n)),
            ..legal_cie(p.id, employer.id, started, months, tutor)
        };
        let aid_end = c.aid_ends_on.unwrap_or(started);
        match story {
            Story::Running | Story::Project => {
                if matches!(story, Story::Project) {
                    c.status = ContractStatus::Projet;
                }
            }
            Story::Renewed => {
                let to = pred(add_months(started, 18));
                c.renewals = vec![Renewal {
                    from: Some(aid_end + Days::new(1)),
                    to: Some(to),
                    bilan_on: Some(aid_end - Days::new(20)),
                    bilan: "Formation CACES 3 obtenue ; autonomie sur le poste. Objectif : CDI à l'issue."
                        .into(),
                }];
                c.ends_on = Some(to);
            }
            Story::Ended => {
                c.status = ContractStatus::Termine;
                c.bilan_on = Some(aid_end - Days::new(10));
                c.bilan = Some("Tutorat suivi, formation HACCP réalisée ; embauche en CDI proposée.".into());
            }
            Story::Broken => {
                let on = add_months(started, 3) + Days::new(9);
                c.status = ContractStatus::Rompu;
                c.aid_ends_on = Some(pred(add_months(started, 6)));
                c.incidents = vec![Incident {
                    kind: IncidentKind::Rupture,
                    occurred_on: Some(on),
                    declared_on: Some(on + Days::new(3)),
                    notes: Some("Démission pour un CDI chez un autre employeur.".into()),
                }];
                c.bilan_on = Some(on);
                c.bilan = Some("Accompagnement de trois mois ; départ vers un CDI.".into());
            }
            Story::Undeclared(days) => {
                let from = today - Days::new(days);
                c.status = ContractStatus::Suspendu;
                c.suspensions =
                    vec![Suspension { from: Some(from), to: Some(from + Days::new(20)), paid_share_bp: 0 }];
                c.incidents = vec![Incident {
                    kind: IncidentKind::Suspension,
                    occurred_on: Some(from),
                    declared_on: None,
                    notes: Some("Suspension à la demande du salarié (congé sans solde).".into()),
                }];
                // The suspension must fit in the aid period.
                let end = pred(add_months(started, 12));
                c.aid_ends_on = Some(end.max(from + Days::new(21)));
                c.ends_on = c.aid_ends_on;
            }
        }
        act_as(p.officer)?;
        record(app, c, &format!("contrat aidé n° {}", n + 1))?;
        made += 1;
    }
    // A groupement d'employeurs hires for one of its members.
    if let Some((ge, member)) = grouping_with_member(app, orgs, today)? {
        let p = &people[1];
        act_as(p.officer)?;
        let c = AidedContract {
            user_establishment_ids: vec![member],
            rome_code: "A1414".into(),
            job_title: "Ouvrier·ère agricole polyvalent·e".into(),
            employment: Employment::Cdi,
            ..legal_cie(p.id, ge, add_months(month, -3), 12, "Bernard Dewaele")
        };
        record(app, c, "contrat d'un groupement d'employeurs")?;
        made += 1;
    }
    // A CAE in the non-market sector: Partenord Habitat's caretaking.
    if let Some(partenord) = orgs.iter().find(|o| o.name == "Partenord Habitat") {
        let p = &people[3];
        act_as(p.officer)?;
        let c = AidedContract {
            contract_type: ContractType::Cae,
            rome_code: "K2501".into(),
            job_title: "Gardien·ne d'immeubles".into(),
            contract_hours_centi: 2_600,
            rate_bp: 6_000,
            rule_id: Some(LEGAL_CAE),
            ..legal_cie(p.id, partenord.id, add_months(month, -2), 12, "Sylvie Maes")
        };
        record(app, c, "contrat CAE")?;
        made += 1;
    }
    Ok(made)
}

/// A running full-time CDD under the legal CIE rule, its aid for `months`
/// from `start`, with an experienced tutor: what each story adjusts.
fn legal_cie(person: Uuid, employer: Uuid, start: NaiveDate, months: i32, tutor: &str) -> AidedContract {
    let end = pred(add_months(start, months));
    AidedContract {
        contract_type: ContractType::Cie,
        employer_id: employer,
        person_id: person,
        employment: Employment::Cdd,
        starts_on: Some(start),
        ends_on: Some(end),
        aid_ends_on: Some(end),
        contract_hours_centi: 3_500,
        rate_bp: 4_700,
        rule_id: Some(LEGAL_CIE),
        tutor_name: Some(tutor.into()),
        tutor_experienced: true,
        status: ContractStatus::EnCours,
        // Decided, then signed, before the start (R5134-51), on the
        // employer's attestations (L5134-68).
        aid_decided_on: Some(start - Days::new(12)),
        signed_on: Some(start - Days::new(5)),
        employer_attestations: EmployerAttestations {
            no_economic_dismissal: true,
            not_replacing_dismissed: true,
            contributions_paid: true,
        },
        decision_reference: Some(format!(
            "CIE-59-{}-{}",
            start.year(),
            tutor.len() * 7 + start.ordinal() as usize
        )),
        ..AidedContract::default()
    }
}

fn record(app: &App, input: AidedContract, what: &str) -> AppResult<()> {
    cie::save(app, SaveContractRequest { id: None, input, confirm_sensitive: false })
        .map(drop)
        .map_err(|e| demo_error(what, e))
}

/// A groupement d'employeurs of the demo and one of its current members.
fn grouping_with_member(app: &App, orgs: &[Org], today: NaiveDate) -> AppResult<Option<(Uuid, Uuid)>> {
    for g in orgs.iter().filter(|o| matches!(o.kind, OrgKind::GroupementEmployeurs | OrgKind::Geiq)) {
        let members = app.store().members_of(g.id)?;
        if let Some(m) = members.iter().find(|m| m.membership.is_current(today)) {
            return Ok(Some((g.id, m.member.id)));
        }
    }
    Ok(None)
}

/// Who mentors: contacts at these large accounts.
const MENTOR_ACCOUNTS: [(&str, &str, &str); 5] = [
    ("ENGIE", "Technicienne de maintenance", "Énergie"),
    ("La Poste", "Responsable d'équipe distribution", "Logistique"),
    ("SNCF Voyageurs", "Conducteur de train", "Transport"),
    ("Auchan Hypermarché", "Manager de rayon", "Commerce"),
    ("Enedis", "Chargée de recrutement", "Énergie"),
];

fn parrainage(
    app: &App,
    orgs: &[Org],
    people: &[Followed],
    partners: &Partners,
    rng: &mut StdRng,
    act_as: &impl Fn(usize) -> AppResult<()>,
    today: NaiveDate,
) -> AppResult<usize> {
    act_as(0)?;
    let year = today.year();
    let programme = mentoring::save_programme(
        app,
        SaveProgrammeRequest {
            id: None,
            input: Programme {
                name: "Parrainage FACE MEL — métiers de l'énergie et de la logistique".into(),
                operator_id: Some(partners.face),
                convention_id: Some(partners.engie_convention),
                target_pairs: 12,
                starts_on: NaiveDate::from_ymd_opt(year - 1, 1, 15),
                ends_on: NaiveDate::from_ymd_opt(year + 1, 12, 31),
                notes: Some("Binômes de six mois, rencontre mensuelle, bilan à 3 et 6 mois.".into()),
            },
        },
    )
    .map_err(|e| demo_error("programme de parrainage", e))?
    .programmes
    .into_iter()
    .next()
    .ok_or_else(|| AppError::new("bad_seed", "Données de démonstration : le programme manque."))?
    .id;
    let mut mentors = Vec::new();
    for (n, (account, job, sector)) in MENTOR_ACCOUNTS.iter().enumerate() {
        let Some(contact) = orgs.iter().find(|o| o.name == *account).and_then(|o| o.contacts.first()) else {
            continue;
        };
        let overview = mentoring::save_mentor(
            app,
            SaveMentorRequest {
                id: None,
                input: Mentor {
                    contact_id: *contact,
                    programme_id: Some(programme),
                    job_title: Some((*job).into()),
                    sector: Some((*sector).into()),
                    availability: Some(["Un midi par mois", "Le mardi en fin de journée"][n % 2].into()),
                    charter_signed_on: Some(if n < 3 {
                        NaiveDate::from_ymd_opt(year - 1, 2, 1 + n as u32).expect("valid date")
                    } else {
                        add_months(first_of_month(today), -9)
                    }),
                    max_mentees: 2,
                    training: Some("Formation FACE « Être parrain » (une demi-journée)".into()),
                },
            },
        )
        .map_err(|e| demo_error(account, e))?;
        let id = overview
            .mentors
            .iter()
            .find(|m| m.data.contact_id == *contact)
            .map(|m| m.id)
            .ok_or_else(|| AppError::new("bad_seed", "Données de démonstration : marraine manquante."))?;
        mentors.push(id);
    }
    if mentors.is_empty() {
        return Ok(0);
    }
    let filleuls: Vec<&Followed> =
        people.iter().filter(|p| p.consents.contains(&Consent::Parrainage)).collect();
    // Ended pairs with their outcome, then pairs under way.
    let ended = [
        (11, OutcomeCategory::Cdi, EndReason::ObjectifAtteint),
        (10, OutcomeCategory::CddLong, EndReason::ObjectifAtteint),
        (9, OutcomeCategory::Formation, EndReason::FinDePeriode),
        (8, OutcomeCategory::SansSolution, EndReason::FinDePeriode),
        (7, OutcomeCategory::Abandon, EndReason::AbandonFilleul),
    ];
    let notes = [
        "Préparer le CV et la lettre de motivation",
        "Simulation d'entretien d'embauche",
        "Visite du site et rencontre de l'équipe",
        "Point sur les candidatures envoyées",
        "Préparer le job dating du mois",
    ];
    let mut made = 0;
    for (n, filleul) in filleuls.iter().take(ended.len() + 3).enumerate() {
        let mentor = mentors[n % mentors.len()];
        let start = match ended.get(n) {
            Some((months_ago, ..)) => add_months(first_of_month(today), -*months_ago) + Days::new(4),
            None => add_months(first_of_month(today), -(n as i32 - 4)) + Days::new(2),
        };
        act_as(filleul.officer)?;
        let saved = mentoring::save_pairing(
            app,
            SavePairingRequest {
                id: None,
                input: Pairing {
                    programme_id: Some(programme),
                    mentor_id: mentor,
                    person_id: filleul.id,
                    prescriber: Some(REFERENTS[n % REFERENTS.len()].1.into()),
                    starts_on: Some(start),
                    ..Pairing::default()
                },
            },
        )
        .map_err(|e| demo_error("binôme de parrainage", e))?;
        let pairing = saved.summary.id;
        let planned_end = saved.summary.data.planned_end_on.unwrap_or(start);
        let last = planned_end.min(today);
        let meetings = rng.random_range(2..=5);
        for k in 0..meetings {
            let held = start + Days::new(12 + 28 * k);
            if held > last {
                break;
            }
            mentoring::save_meeting(
                app,
                SaveMeetingRequest {
                    id: None,
                    input: MentoringMeeting {
                        pairing_id: pairing,
                        held_on: Some(held),
                        format: [
                            MeetingFormat::Presentiel,
                            MeetingFormat::Visio,
                            MeetingFormat::VisiteEntreprise,
                        ][k as usize % 3],
                        note: notes[k as usize % notes.len()].into(),
                        next_step: Some("Prochain rendez-vous dans un mois".into()),
                        ..MentoringMeeting::default()
                    },
                    confirm_sensitive: false,
                },
            )
            .map_err(|e| demo_error("rencontre de parrainage", e))?;
        }
        if let Some((_, category, reason)) = ended.get(n) {
            let end_on =
                if matches!(reason, EndReason::AbandonFilleul) { start + Days::new(60) } else { planned_end };
            let mut outcomes = vec![Outcome { at: OutcomeAt::Fin, category: *category, recorded_on: end_on }];
            let plus3 = add_months(end_on, 3);
            if plus3 <= today && !matches!(category, OutcomeCategory::Abandon) {
                outcomes.push(Outcome { at: OutcomeAt::Plus3Mois, category: *category, recorded_on: plus3 });
            }
            mentoring::save_pairing(
                app,
                SavePairingRequest {
                    id: Some(pairing),
                    input: Pairing {
                        ended_on: Some(end_on),
                        end_reason: Some(*reason),
                        outcomes,
                        ..saved.summary.data.clone()
                    },
                },
            )
            .map_err(|e| demo_error("fin de binôme", e))?;
        }
        made += 1;
    }
    Ok(made)
}
