//! The partner meeting brief: what an officer reads before meeting a large
//! account, an establishment, a grouping or a convention's partners, built
//! from the local store alone (it works offline).

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::account::ObjectiveStatus;
use tremplin_domain::cie::ContractStatus;
use tremplin_domain::commitment::{Pace, Progress};
use tremplin_domain::committee::CommitteeKind;
use tremplin_domain::convention::{Convention, ConventionStatus};
use tremplin_domain::need::NeedStatus;
use tremplin_domain::organisation::{OrgKind, Organisation};
use tremplin_store::Store;
use tremplin_store::queries::contacts::ContactView;
use tremplin_store::queries::interactions::InteractionView;
use tremplin_store::queries::needs::NeedSummary;
use tremplin_store::queries::partnerships::ConventionFilter;
use tremplin_store::queries::tasks::TaskView;

use crate::commands::conventions::{ConventionDetail, covered_organisations, detail};
use crate::commands::people::Access;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct KeyValue {
    pub label: String,
    pub value: String,
}

/// One commitment's line for the year of the meeting.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BriefCommitment {
    pub label: String,
    pub unit: String,
    pub year: i32,
    pub target: u32,
    pub actual: u32,
    pub expected: u32,
    pub pace: Pace,
    pub pace_label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BriefConvention {
    pub id: Uuid,
    pub number: String,
    pub title: String,
    pub version_no: u32,
    pub status: ConventionStatus,
    pub status_label: String,
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub last_copil: Option<NaiveDate>,
    pub commitments: Vec<BriefCommitment>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Brief {
    pub subject_id: Uuid,
    /// "organisation" or "convention".
    pub subject: String,
    pub title: String,
    pub subtitle: String,
    pub author: String,
    #[ts(type = "string")]
    pub prepared_on: NaiveDate,
    pub identity: Vec<KeyValue>,
    pub figures: Vec<KeyValue>,
    pub key_contacts: Vec<ContactView>,
    pub last_contacts: Vec<InteractionView>,
    pub overdue_tasks: Vec<TaskView>,
    pub open_tasks: Vec<TaskView>,
    pub conventions: Vec<BriefConvention>,
    /// Recruitment needs still to fill (their candidates counted, never named).
    pub open_needs: Vec<NeedSummary>,
    /// Commitments behind schedule, as sentences.
    pub behind: Vec<String>,
    pub agenda: Vec<String>,
}

/// Items of each kind (follow-ups, commitments, steering) on the agenda
/// before the rest is summed up in one line.
const AGENDA_PER_KIND: usize = 5;

/// Conventions shown in a brief: those being signed or in force.
const IN_FORCE: [ConventionStatus; 3] =
    [ConventionStatus::EnSignature, ConventionStatus::Signee, ConventionStatus::Active];

pub fn build(store: &Store, id: Uuid, today: NaiveDate) -> AppResult<Brief> {
    if let Some(org) = store.get::<Organisation>(id)?.filter(|r| r.deleted_at.is_none()) {
        return of_organisation(store, id, &org.data, today);
    }
    if store.get::<Convention>(id)?.is_some_and(|r| r.deleted_at.is_none()) {
        return of_convention(store, id, today);
    }
    Err(AppError::field(
        "not_found",
        "id",
        "Fiche de préparation : ni organisation ni convention ne porte cet identifiant.",
    ))
}

fn kv(label: &str, value: impl Into<String>) -> KeyValue {
    KeyValue { label: label.into(), value: value.into() }
}

fn of_organisation(store: &Store, id: Uuid, org: &Organisation, today: NaiveDate) -> AppResult<Brief> {
    let detail_org = store.organisation_detail(id)?.ok_or_else(|| AppError::not_found("Organisation"))?;
    let reach = store.reach_of(id)?;
    let mut identity = vec![kv("Type", org.kind.label()), kv("Statut", org.status.label())];
    if let Some(s) = &detail_org.siren_display {
        identity.push(kv("SIREN", s.clone()));
    }
    if let Some(s) = &detail_org.siret_display {
        identity.push(kv("SIRET", s.clone()));
    }
    if let Some(n) = &detail_org.naf_label {
        identity.push(kv(
            "Activité",
            format!("{} — {n}", org.naf_code.as_ref().map(|c| c.as_str()).unwrap_or("")),
        ));
    }
    let territory: Vec<String> =
        [detail_org.commune_name.clone(), detail_org.epci_name.clone(), detail_org.dt_name.clone()]
            .into_iter()
            .flatten()
            .collect();
    if !territory.is_empty() {
        identity.push(kv("Territoire", territory.join(" · ")));
    }
    if let Some(o) = &detail_org.owner_name {
        identity.push(kv("Chargé·e de compte", o.clone()));
    }
    if !org.account_team.is_empty() {
        let names: Vec<String> = org
            .account_team
            .iter()
            .filter_map(|o| store.officer(*o).ok().flatten().map(|o| o.display_name))
            .collect();
        identity.push(kv("Équipe du compte", names.join(", ")));
    }
    if let Some(idcc) = &org.idcc {
        identity.push(kv("Convention collective (IDCC)", idcc.clone()));
    }
    if let Some(y) = org.geiq_label_year {
        identity.push(kv("Label GEIQ", y.to_string()));
    }
    let mut figures = Vec::new();
    if org.kind.can_have_establishments() {
        figures.push(kv("Établissements suivis", detail_org.children.len().to_string()));
    }
    if org.is_grouping() {
        let members = store.members_of(id)?;
        let current = members.iter().filter(|m| m.membership.is_current(today)).count();
        let rural = members.iter().filter(|m| m.membership.is_current(today) && m.rural).count();
        figures.push(kv("Adhérents actuels", format!("{current} (dont {rural} en commune rurale)")));
    }
    figures.extend(instruments(store, &reach, today)?);
    let conventions: Vec<Uuid> = store
        .list_conventions(&ConventionFilter {
            organisation_id: Some(id),
            latest_only: true,
            ..Default::default()
        })?
        .into_iter()
        .filter(|c| IN_FORCE.contains(&c.status))
        .map(|c| c.id)
        .collect();
    let mut objectives_agenda = Vec::new();
    if org.kind == OrgKind::GrandCompte {
        for o in store.objectives_of(id)? {
            if o.data.year == today.year()
                && matches!(o.data.status, ObjectiveStatus::Prevu | ObjectiveStatus::EnCours)
            {
                objectives_agenda.push(format!(
                    "Plan de compte {} : « {} » ({}).",
                    o.data.year,
                    o.data.title,
                    o.data.status.label().to_lowercase()
                ));
            }
        }
    }
    let subtitle = format!("{} · fiche préparée le {}", org.kind.label(), today.format("%d/%m/%Y"));
    assemble(
        store,
        id,
        "organisation",
        &org.name,
        subtitle,
        identity,
        figures,
        &reach,
        &conventions,
        objectives_agenda,
        today,
    )
}

/// Aided contracts and parrains at the organisation and below it: counts
/// only (no one is named in a brief), of the contracts this officer may
/// see (their DT and their cases).
fn instruments(store: &Store, reach: &[Uuid], today: NaiveDate) -> AppResult<Vec<KeyValue>> {
    let mut out = Vec::new();
    // Without a profile (a fresh device), no contract is anyone's to see.
    let access = store.current_officer()?.map(|_| Access::of(store)).transpose()?;
    let contracts: Vec<_> = store
        .contracts_at(reach)?
        .into_iter()
        .filter(|c| access.as_ref().is_some_and(|a| a.sees(&c.data)))
        .collect();
    if !contracts.is_empty() {
        let running = contracts
            .iter()
            .filter(|c| matches!(c.data.status, ContractStatus::EnCours | ContractStatus::Suspendu))
            .count();
        let this_year =
            contracts.iter().filter(|c| c.data.starts_on.is_some_and(|d| d.year() == today.year())).count();
        out.push(kv(
            "Contrats aidés (CIE, CAE) de votre périmètre",
            format!("{running} en cours, {this_year} commencé(s) en {}", today.year()),
        ));
    }
    let mentors = store.mentors_at(reach)?;
    if mentors > 0 {
        out.push(kv("Parrains et marraines (charte signée)", mentors.to_string()));
    }
    Ok(out)
}

fn of_convention(store: &Store, id: Uuid, today: NaiveDate) -> AppResult<Brief> {
    let d = detail(store, id, today)?;
    let c = &d.data;
    let reach = covered_organisations(store, c)?;
    let partners: Vec<String> = d.partners.iter().map(|p| p.name.clone()).collect();
    let mut identity = vec![
        kv("Convention", format!("n° {} — version {}", c.number, c.version_no)),
        kv("Statut", c.status.label()),
        kv("Partenaires", partners.join(", ")),
    ];
    if !d.third_parties.is_empty() {
        identity
            .push(kv("Tiers", d.third_parties.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ")));
    }
    if let (Some(s), Some(e)) = (c.starts_on, d.ends_on) {
        identity.push(kv("Période", format!("du {} au {}", s.format("%d/%m/%Y"), e.format("%d/%m/%Y"))));
    }
    if let Some(r) = &d.referent_name {
        identity.push(kv("Référent(e) du Département", r.clone()));
    }
    let figures = vec![kv("Établissements couverts", d.establishments.len().to_string())];
    let subtitle = format!("Convention · fiche préparée le {}", today.format("%d/%m/%Y"));
    let title = format!("{} — {}", c.title, partners.join(", "));
    assemble(store, id, "convention", &title, subtitle, identity, figures, &reach, &[id], Vec::new(), today)
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    store: &Store,
    subject_id: Uuid,
    subject: &str,
    name: &str,
    subtitle: String,
    identity: Vec<KeyValue>,
    mut figures: Vec<KeyValue>,
    reach: &[Uuid],
    convention_ids: &[Uuid],
    mut agenda_extra: Vec<String>,
    today: NaiveDate,
) -> AppResult<Brief> {
    let year_ago = today - Duration::days(365);
    let (last_contacts, contacts_12m) = store.interactions_in(reach, 10, &year_ago.to_string())?;
    let key_contacts = store.key_contacts_in(reach, 8)?;
    let (overdue_tasks, open_tasks): (Vec<TaskView>, Vec<TaskView>) =
        store.open_tasks_in(reach)?.into_iter().partition(|t| t.due_date < today);
    figures.push(kv("Échanges sur 12 mois", contacts_12m.to_string()));
    figures.push(kv(
        "Dernier échange",
        last_contacts.first().map_or("aucun".to_string(), |i| fr_date(&i.occurred_at)),
    ));
    figures.push(kv(
        "Relances ouvertes",
        format!("{} (dont {} en retard)", overdue_tasks.len() + open_tasks.len(), overdue_tasks.len()),
    ));
    let open_needs = store.open_needs_at(reach)?;
    if !open_needs.is_empty() {
        let positions: u32 = open_needs.iter().map(|n| n.positions).sum();
        let candidates: u32 = open_needs.iter().map(|n| n.candidates).sum();
        figures.push(kv(
            "Besoins de recrutement à pourvoir",
            format!(
                "{} besoin(s), {positions} poste(s), {candidates} candidat(s) proposé(s)",
                open_needs.len()
            ),
        ));
    }
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let hires = store.hires_at(reach, year_start, today)?;
    if !hires.is_empty() {
        let durable = hires.iter().filter(|h| h.is_durable()).count();
        figures.push(kv(
            &format!("Recrutements {}", today.year()),
            format!("{} (dont {durable} en emploi durable)", hires.len()),
        ));
    }

    let mut conventions = Vec::new();
    let mut behind = Vec::new();
    let mut agenda = Vec::new();
    for n in open_needs.iter().filter(|n| n.status == NeedStatus::AQualifier).take(AGENDA_PER_KIND) {
        agenda.push(format!(
            "Qualifier le besoin « {} » ({} poste(s), {}).",
            n.job_title, n.positions, n.employer_name
        ));
    }
    // The agenda stays readable: the first few of each kind, then a count.
    for t in overdue_tasks.iter().take(AGENDA_PER_KIND) {
        agenda.push(format!(
            "Relance en retard depuis le {} : {}{}.",
            t.due_date.format("%d/%m/%Y"),
            t.title,
            t.organisation_name.as_deref().map(|o| format!(" ({o})")).unwrap_or_default()
        ));
    }
    if overdue_tasks.len() > AGENDA_PER_KIND {
        agenda.push(format!(
            "… et {} autres relances en retard (voir la liste).",
            overdue_tasks.len() - AGENDA_PER_KIND
        ));
    }
    let mut steering = Vec::new();
    for cid in convention_ids {
        let d = detail(store, *cid, today)?;
        let bc = brief_convention(&d, today);
        for k in bc.commitments.iter().filter(|k| k.pace == Pace::EnRetard) {
            let line = format!(
                "Convention n° {} — {} : {} réalisé(s) sur {} ({} attendu(s) à date).",
                bc.number, k.label, k.actual, k.target, k.expected
            );
            if behind.len() < AGENDA_PER_KIND {
                agenda.push(format!("Engagement en retard : {line}"));
            }
            behind.push(line);
        }
        if copil_due(&bc, today) {
            steering.push(match bc.last_copil {
                Some(d) => format!(
                    "Réunir le COPIL de la convention n° {} (dernier le {}).",
                    bc.number,
                    d.format("%d/%m/%Y")
                ),
                None => format!("Réunir le premier COPIL de la convention n° {}.", bc.number),
            });
        }
        if let Some(end) = ending_on(&bc, today) {
            steering.push(format!(
                "La convention n° {} arrive à échéance le {} : préparer l'avenant ou le renouvellement.",
                bc.number,
                end.format("%d/%m/%Y")
            ));
        }
        if bc.status == ConventionStatus::EnSignature {
            steering.push(format!("Faire aboutir la signature de la convention n° {}.", bc.number));
        }
        conventions.push(bc);
    }
    if behind.len() > AGENDA_PER_KIND {
        agenda.push(format!(
            "… et {} autres engagements en retard (voir les conventions).",
            behind.len() - AGENDA_PER_KIND
        ));
    }
    let more = steering.len().saturating_sub(AGENDA_PER_KIND);
    agenda.extend(steering.into_iter().take(AGENDA_PER_KIND));
    if more > 0 {
        agenda.push(format!("… et {more} autres points de pilotage des conventions."));
    }
    figures.push(kv("Conventions en cours", conventions.len().to_string()));
    agenda.append(&mut agenda_extra);
    match last_contacts.first() {
        None => agenda.push("Premier échange : présenter l'offre de service du Département.".into()),
        Some(i) if i.occurred_at.as_str() < (today - Duration::days(182)).to_string().as_str() => {
            agenda.push(format!("Renouer le contact : dernier échange le {}.", fr_date(&i.occurred_at)))
        }
        Some(_) => {}
    }
    Ok(Brief {
        subject_id,
        subject: subject.into(),
        title: format!("Fiche de préparation — {name}"),
        subtitle,
        author: store.current_officer()?.map(|o| o.display_name).unwrap_or_default(),
        prepared_on: today,
        identity,
        figures,
        key_contacts,
        last_contacts,
        overdue_tasks,
        open_tasks,
        conventions,
        open_needs,
        behind,
        agenda,
    })
}

/// No COPIL held for this long: an active convention's COPIL is due (it
/// validates each year's bilan, docs/domain/conventions.md « Governance »).
const COPIL_EVERY_DAYS: i64 = 365;
/// An active convention ending within this many days calls for its renewal
/// or avenant (and the délibération before it).
const ENDING_WITHIN_DAYS: i64 = 120;

/// Whether an active convention's COPIL is due on `today`: none held yet,
/// or the last one a year ago or more. The brief and the dashboard ask this.
pub(crate) fn copil_due(c: &BriefConvention, today: NaiveDate) -> bool {
    c.status == ConventionStatus::Active
        && c.last_copil.is_none_or(|d| d <= today - Duration::days(COPIL_EVERY_DAYS))
}

/// The end date of an active convention that ends soon, if it does.
pub(crate) fn ending_on(c: &BriefConvention, today: NaiveDate) -> Option<NaiveDate> {
    c.ends_on.filter(|end| {
        c.status == ConventionStatus::Active
            && *end >= today
            && *end <= today + Duration::days(ENDING_WITHIN_DAYS)
    })
}

/// A convention as briefs and the dashboard weigh it: each commitment's
/// progress for the current year, the last COPIL held.
pub(crate) fn brief_convention(d: &ConventionDetail, today: NaiveDate) -> BriefConvention {
    let c = &d.data;
    let year = today.year();
    let commitments = d
        .commitments
        .iter()
        .filter_map(|k| {
            let (year, p) = match k.years.iter().find(|y| y.year == year) {
                Some(y) => (y.year, y.progress),
                // Dates not known yet (being signed): the first target, to come.
                None if k.years.is_empty() => {
                    let t = k.data.targets.first()?;
                    let to_come = Progress { target: t.target, actual: 0, expected: 0, pace: Pace::AVenir };
                    (t.year, to_come)
                }
                None => return None,
            };
            Some(BriefCommitment {
                label: k.data.label.clone(),
                unit: k.data.unit.clone(),
                year,
                target: p.target,
                actual: p.actual,
                expected: p.expected,
                pace: p.pace,
                pace_label: pace_label(p.pace).into(),
            })
        })
        .collect();
    BriefConvention {
        id: d.id,
        number: c.number.clone(),
        title: c.title.clone(),
        version_no: c.version_no,
        status: c.status,
        status_label: c.status.label().into(),
        ends_on: d.ends_on,
        last_copil: d
            .committees
            .iter()
            .filter(|m| m.data.kind == CommitteeKind::Copil && m.data.held_on <= today)
            .map(|m| m.data.held_on)
            .max(),
        commitments,
    }
}

pub fn pace_label(p: Pace) -> &'static str {
    match p {
        Pace::Atteint => "Atteint",
        Pace::DansLesTemps => "Dans les temps",
        Pace::EnRetard => "En retard",
        Pace::AVenir => "À venir",
    }
}

/// "2026-11-02T09:30:00Z" → "02/11/2026".
pub(crate) fn fr_date(ts: &str) -> String {
    ts.get(0..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or(ts.to_string(), |d| d.format("%d/%m/%Y").to_string())
}
