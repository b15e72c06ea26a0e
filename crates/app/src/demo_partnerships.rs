//! The demo's partnerships: the seed's four conventions (ENGIE, 18 Dec
//! 2015; Pôle emploi — now France Travail — accompagnement global, 23 Feb
//! 2016; Val de Lys Entreprendre, 24 Mar 2016; Partenord Habitat, 14 Feb
//! 2017), ENGIE's current convention with its key-account plan, and the
//! members of Val de Lys Entreprendre. Built through the commands, like an
//! officer would.

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use tremplin_domain::account::{AccountObjectiveInput, ObjectiveStatus};
use tremplin_domain::commitment::{CommitmentInput, Indicator, YearTarget};
use tremplin_domain::committee::{CommitteeInput, CommitteeKind};
use tremplin_domain::convention::{ConventionInput, ConventionStatus, Signatory};
use tremplin_domain::grouping::MembershipInput;
use tremplin_domain::organisation::{OrgKind, OrgStatus, OrganisationInput, PartnerType};
use tremplin_store::Officer;

use crate::App;
use crate::commands::conventions::{
    self, SaveCommitmentRequest, SaveCommitteeRequest, SetActualRequest, TransitionRequest,
};
use crate::commands::groupings::{self, SaveMembershipRequest, SaveObjectiveRequest};
use crate::commands::{UpdateRequest, organisations};
use crate::demo::Org;
use crate::demo_instruments::Partners;
use crate::demo_placement::YearHires;
use crate::error::{AppError, AppResult};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid demo date")
}

pub(crate) fn find<'a>(orgs: &'a [Org], name: &str) -> AppResult<&'a Org> {
    orgs.iter()
        .find(|o| o.name == name)
        .ok_or_else(|| AppError::new("bad_seed", format!("Données de démonstration : « {name} » manque.")))
}

/// A commitment of the demo: indicator, label and unit for `autre`,
/// yearly targets, entered actuals.
type DemoCommitment<'a> = (Indicator, Option<&'a str>, Option<&'a str>, Vec<(i32, u32)>, Vec<(i32, u32)>);

struct Plan<'a> {
    input: ConventionInput,
    signed_on: NaiveDate,
    commitments: Vec<DemoCommitment<'a>>,
    copils: Vec<(NaiveDate, &'a str)>,
}

fn convention(app: &App, plan: Plan<'_>, today: NaiveDate) -> AppResult<Uuid> {
    // The Commission permanente authorised each signature three weeks before.
    let mut input = plan.input;
    if input.cp_number.is_none() {
        input.cp_number = Some(format!("CP/{}/{}", plan.signed_on.format("%Y"), input.number));
        input.cp_date = plan.signed_on.checked_sub_days(chrono::Days::new(21));
    }
    let input_partner = input.establishment_ids.first().or(input.partner_ids.first()).copied();
    let c = conventions::create(app, input)?;
    for (indicator, label, unit, targets, _) in &plan.commitments {
        conventions::save_commitment(
            app,
            SaveCommitmentRequest {
                id: None,
                input: CommitmentInput {
                    convention_id: Some(c.id),
                    indicator: Some(*indicator),
                    label: label.map(str::to_string),
                    unit: unit.map(str::to_string),
                    targets: targets
                        .iter()
                        .map(|(year, target)| YearTarget { year: *year, target: *target })
                        .collect(),
                },
            },
        )?;
    }
    let step = |to: ConventionStatus| TransitionRequest {
        id: c.id,
        to: Some(to),
        signed_on: Some(plan.signed_on),
        starts_on: Some(plan.signed_on),
        ..Default::default()
    };
    conventions::transition(app, step(ConventionStatus::EnSignature))?;
    conventions::transition(app, step(ConventionStatus::Signee))?;
    let active = conventions::transition(app, step(ConventionStatus::Active))?;
    // Hires are counted from the hires recorded for the convention: the
    // demo records them; the other actuals are entered.
    let mut hires: Vec<YearHires> = Vec::new();
    for (k, (indicator, _, _, _, actuals)) in active.commitments.iter().zip(&plan.commitments) {
        for (year, actual) in actuals {
            if !indicator.counts_hires() {
                conventions::set_actual(app, SetActualRequest { id: k.id, year: *year, actual: *actual })?;
                continue;
            }
            let y = match hires.iter_mut().find(|h| h.year == *year) {
                Some(y) => y,
                None => {
                    hires.push(YearHires { year: *year, total: 0, durable: 0, alternance: 0 });
                    hires.last_mut().expect("just pushed")
                }
            };
            match indicator {
                Indicator::RecrutementsDurables => y.durable = *actual,
                Indicator::Alternance => y.alternance = *actual,
                _ => y.total = *actual,
            }
        }
    }
    if let (Some(employer), Some(from), Some(to)) =
        (input_partner, active.data.starts_on, active.ends_on.or(active.data.starts_on))
    {
        crate::demo_placement::convention_hires(app, c.id, employer, &hires, (from, to), today)?;
    }
    for (held_on, decision) in &plan.copils {
        conventions::save_committee(
            app,
            SaveCommitteeRequest {
                id: None,
                input: CommitteeInput {
                    convention_id: Some(c.id),
                    kind: Some(CommitteeKind::Copil),
                    held_on: Some(*held_on),
                    attendees: vec![
                        "Département du Nord — direction de l'insertion".into(),
                        "Référents des partenaires".into(),
                    ],
                    minutes: Some("Bilan des recrutements et des actions de l'année ; perspectives.".into()),
                    decisions: vec![(*decision).to_string()],
                },
            },
        )?;
    }
    if active.ends_on.is_some_and(|e| e < today) {
        conventions::transition(
            app,
            TransitionRequest { id: c.id, to: Some(ConventionStatus::Echue), ..Default::default() },
        )?;
    }
    Ok(c.id)
}

fn signatories(dept: &str, partners: &[(Uuid, &str, &str)]) -> Vec<Signatory> {
    let mut out = vec![Signatory {
        party_id: None,
        name: dept.into(),
        function: "Président du Conseil départemental".into(),
    }];
    out.extend(partners.iter().map(|(id, name, function)| Signatory {
        party_id: Some(*id),
        name: (*name).into(),
        function: (*function).into(),
    }));
    out
}

/// Returns a summary fragment ("5 conventions, …").
pub(crate) fn build(
    app: &App,
    orgs: &[Org],
    officers: &[Officer],
    today: NaiveDate,
) -> AppResult<(String, Partners)> {
    let engie = find(orgs, "ENGIE")?;
    let partenord = find(orgs, "Partenord Habitat")?;
    let val_de_lys = find(orgs, "Val de Lys Entreprendre")?;
    let france_travail = find(orgs, "France Travail — Agence de Roubaix")?;
    let face = organisations::create(
        app,
        OrganisationInput {
            kind: Some(OrgKind::PartenaireInstitutionnel),
            name: "FACE MEL".into(),
            legal_name: Some("Fondation Agir Contre l'Exclusion — Métropole européenne de Lille".into()),
            commune_code: Some("59350".into()),
            partner_type: Some(PartnerType::Association),
            status: Some(OrgStatus::PartenaireActif),
            owner_id: Some(officers[0].id),
            ..Default::default()
        },
    )?
    .id;
    let engie_sites: Vec<Uuid> = orgs
        .iter()
        .filter(|o| o.name.starts_with("ENGIE ") && o.kind == OrgKind::Etablissement)
        .map(|o| o.id)
        .collect();
    let referent = |i: usize| Some(officers[i % officers.len()].id);

    convention(
        app,
        Plan {
            input: ConventionInput {
                number: "2015-CP-0423".into(),
                title: "Accès à l'emploi des allocataires du RSA — partenariat ENGIE".into(),
                partner_ids: vec![engie.id],
                third_party_ids: vec![face],
                signatories: signatories(
                    "Jean-René Lecerf",
                    &[(engie.id, "Déléguée régionale ENGIE", "Déléguée régionale Nord-Pas-de-Calais"), (face, "Présidente de FACE MEL", "Présidente")],
                ),
                territories: vec!["FI".into()],
                establishment_ids: engie_sites.clone(),
                duration_months: Some(24),
                preamble: Some("Territoire pilote : la Vallée de la Lys. ENGIE s'engage, avec FACE MEL pour la conception et l'animation, en faveur de l'employabilité et du recrutement des allocataires du RSA.".into()),
                copil_frequency: Some("une fois par an".into()),
                place: Some("Lille".into()),
                referent_id: referent(1),
                ..Default::default()
            },
            signed_on: d(2015, 12, 18),
            commitments: vec![
                (Indicator::OffresTransmises, None, None, vec![(2016, 40), (2017, 40)], vec![(2016, 46), (2017, 38)]),
                (Indicator::Recrutements, None, None, vec![(2016, 20), (2017, 25)], vec![(2016, 17), (2017, 26)]),
                (Indicator::Parrains, None, None, vec![(2016, 10), (2017, 10)], vec![(2016, 12), (2017, 9)]),
            ],
            copils: vec![(d(2016, 12, 12), "Objectif 2017 de recrutements porté à 25.")],
        },
        today,
    )?;
    convention(
        app,
        Plan {
            input: ConventionInput {
                number: "2016-CP-0112".into(),
                title: "Accompagnement global des demandeurs d'emploi allocataires du RSA".into(),
                partner_ids: vec![france_travail.id],
                signatories: signatories("Jean-René Lecerf", &[(france_travail.id, "Directeur régional de Pôle emploi", "Directeur régional")]),
                duration_months: Some(36),
                preamble: Some("Convention signée avec Pôle emploi, devenu l'opérateur France Travail le 1er janvier 2024 : accompagnement global associant un conseiller emploi et un travailleur social.".into()),
                financial_clause: Some("Le Département met à disposition des travailleurs sociaux ; aucun flux financier n'est prévu entre les parties.".into()),
                referent_id: referent(3),
                ..Default::default()
            },
            signed_on: d(2016, 2, 23),
            commitments: vec![(
                Indicator::Autre,
                Some("Personnes entrées en accompagnement global"),
                Some("personnes"),
                vec![(2016, 600), (2017, 800), (2018, 800)],
                vec![(2016, 540), (2017, 812), (2018, 790)],
            )],
            copils: vec![(d(2017, 3, 2), "Extension à deux agences de la métropole.")],
        },
        today,
    )?;
    convention(
        app,
        Plan {
            input: ConventionInput {
                number: "2016-CP-0187".into(),
                title: "Test territorial d'accès à l'emploi par le groupement d'employeurs".into(),
                partner_ids: vec![val_de_lys.id],
                signatories: signatories(
                    "Jean-René Lecerf",
                    &[(val_de_lys.id, "Président de Val de Lys Entreprendre", "Président")],
                ),
                territories: vec!["FI".into()],
                duration_months: Some(12),
                referent_id: referent(4),
                ..Default::default()
            },
            signed_on: d(2016, 3, 24),
            commitments: vec![(
                Indicator::Recrutements,
                None,
                None,
                vec![(2016, 12), (2017, 3)],
                vec![(2016, 14), (2017, 3)],
            )],
            copils: vec![],
        },
        today,
    )?;
    // Partenord Habitat: ten years, still running, one COPIL overdue.
    let y = today.year();
    convention(
        app,
        Plan {
            input: ConventionInput {
                number: "2017-CP-0045".into(),
                title: "Clauses d'insertion et recrutements sur le patrimoine de Partenord Habitat".into(),
                partner_ids: vec![partenord.id],
                signatories: signatories(
                    "Jean-René Lecerf",
                    &[(partenord.id, "Directeur général de Partenord Habitat", "Directeur général")],
                ),
                duration_months: Some(120),
                copil_frequency: Some("une fois par an".into()),
                referent_id: referent(3),
                ..Default::default()
            },
            signed_on: d(2017, 2, 14),
            commitments: vec![
                (Indicator::Recrutements, None, None, vec![(y - 1, 15), (y, 15)], vec![(y - 1, 16), (y, 4)]),
                (Indicator::Pmsmp, None, None, vec![(y - 1, 10), (y, 10)], vec![(y - 1, 9), (y, 9)]),
            ],
            copils: vec![(d(y - 2, 10, 7), "Priorité aux métiers de la maintenance du patrimoine.")],
        },
        today,
    )?;
    // ENGIE today: a new three-year convention over its Nord sites.
    let start = d(y - 1, 1, 15);
    let engie_convention = convention(
        app,
        Plan {
            input: ConventionInput {
                number: format!("{}-CP-0031", y - 1),
                title: "Partenariat ENGIE 2025-2027 — métiers de la transition énergétique".into(),
                partner_ids: vec![engie.id],
                third_party_ids: vec![france_travail.id],
                signatories: signatories(
                    "Christian Poiret",
                    &[
                        (engie.id, "Directrice régionale ENGIE", "Directrice régionale Hauts-de-France"),
                        (france_travail.id, "Directeur territorial France Travail", "Directeur territorial"),
                    ],
                ),
                establishment_ids: engie_sites,
                duration_months: Some(36),
                copil_frequency: Some("semestriellement".into()),
                cotech_frequency: Some("chaque trimestre".into()),
                place: Some("Lille".into()),
                referent_id: referent(1),
                ..Default::default()
            },
            signed_on: start,
            commitments: vec![
                (
                    Indicator::Recrutements,
                    None,
                    None,
                    vec![(y - 1, 20), (y, 25), (y + 1, 25)],
                    vec![(y - 1, 21), (y, 9)],
                ),
                (
                    Indicator::RecrutementsDurables,
                    None,
                    None,
                    vec![(y - 1, 10), (y, 12), (y + 1, 12)],
                    vec![(y - 1, 8), (y, 11)],
                ),
                (Indicator::Alternance, None, None, vec![(y, 6), (y + 1, 6)], vec![(y, 2)]),
                (Indicator::JobDatings, None, None, vec![(y - 1, 3), (y, 4), (y + 1, 4)], vec![]),
                (Indicator::Parrains, None, None, vec![(y - 1, 4), (y, 5), (y + 1, 5)], vec![]),
            ],
            copils: vec![(d(y - 1, 6, 20), "Ouverture des métiers de technicien de maintenance.")],
        },
        today,
    )?;

    // ENGIE's account team and key-account plan.
    let engie_detail = organisations::get(app, crate::commands::IdRequest { id: engie.id })?;
    let mut input = engie_detail.data.to_input();
    input.account_team = vec![officers[0].id, officers[4 % officers.len()].id];
    organisations::update(app, UpdateRequest { id: engie.id, input, confirm_sensitive: false })?;
    for (title, status) in [
        ("Signer l'avenant sur les métiers de la rénovation énergétique", ObjectiveStatus::EnCours),
        ("Ouvrir la centrale de Bouchain aux périodes d'immersion", ObjectiveStatus::Prevu),
        ("Présenter le bilan au comité départemental pour l'emploi", ObjectiveStatus::Atteint),
    ] {
        groupings::save_objective(
            app,
            SaveObjectiveRequest {
                id: None,
                input: AccountObjectiveInput {
                    organisation_id: Some(engie.id),
                    year: Some(y),
                    title: title.into(),
                    status: Some(status),
                    notes: None,
                },
            },
        )?;
    }

    // Val de Lys Entreprendre: collective agreement and members.
    let vdl = organisations::get(app, crate::commands::IdRequest { id: val_de_lys.id })?;
    let mut input = vdl.data.to_input();
    input.idcc = Some("7024".into());
    organisations::update(app, UpdateRequest { id: val_de_lys.id, input, confirm_sensitive: false })?;
    let members: Vec<&Org> = orgs.iter().filter(|o| o.kind == OrgKind::Entreprise).take(6).collect();
    for (n, m) in members.iter().enumerate() {
        groupings::save_membership(
            app,
            SaveMembershipRequest {
                id: None,
                input: MembershipInput {
                    grouping_id: Some(val_de_lys.id),
                    member_id: Some(m.id),
                    joined_on: Some(d(2016 + n as i32, 3, 1)),
                    left_on: (n == 5).then(|| d(y - 1, 12, 31)),
                    notes: None,
                },
            },
        )?;
    }
    Ok((
        format!("5 conventions de partenariat, {} adhérents de groupement", members.len()),
        Partners { face, engie_convention },
    ))
}
