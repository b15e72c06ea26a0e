//! From the store to the printed documents: gathers a convention's or a
//! brief's data into `tremplin-documents`' shapes.

use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use tremplin_documents::brief::{Body, BriefDoc, Section, TableColumn};
use tremplin_documents::convention::{
    Amendment, CommitmentLine, ConventionDoc, Departement, Establishment, Meeting, PartnerKind, Party,
};
use tremplin_domain::convention::Convention;
use tremplin_domain::identifiers::Siret;
use tremplin_domain::organisation::OrgKind;
use tremplin_domain::organisation::Organisation;
use tremplin_domain::retention::{RetentionBook, RetentionRule};
use tremplin_store::Store;
use tremplin_store::queries::tasks::TaskView;

use crate::brief::{Brief, fr_date};
use crate::commands::conventions::{convention_years, detail};
use crate::error::{AppError, AppResult};

const DEPARTEMENT_JSON: &str = include_str!("../../../assets/reference/departement.json");

#[derive(Deserialize)]
struct DepartementIdentity {
    name: String,
    address: String,
    siret: String,
    dpo_contact: String,
}

/// How to reach the Département's DPO (reference data).
pub(crate) fn dpo_contact() -> String {
    departement().dpo_contact
}

fn departement() -> DepartementIdentity {
    serde_json::from_str(DEPARTEMENT_JSON).expect("assets/reference/departement.json is valid")
}

pub fn convention_doc(store: &Store, id: Uuid, today: NaiveDate) -> AppResult<ConventionDoc> {
    let d = detail(store, id, today)?;
    let c: &Convention = &d.data;
    let signatory = |party: Option<Uuid>| c.signatories.iter().find(|s| s.party_id == party);
    let party = |id: Uuid| -> AppResult<Party> {
        let org = store.get::<Organisation>(id)?.map(|r| r.data);
        let s = signatory(Some(id));
        Ok(Party {
            name: org.as_ref().map_or_else(
                || "(organisation inconnue)".into(),
                |o| o.legal_name.clone().unwrap_or_else(|| o.name.clone()),
            ),
            identity: org.as_ref().map(identity).unwrap_or_default(),
            signatory_name: s.map(|s| s.name.clone()),
            signatory_function: s.map(|s| s.function.clone()),
        })
    };
    let dep = departement();
    let dep_sig = signatory(None);
    // A column per year with a target, within the convention's dates: no
    // column of dashes for a year the commitments do not cover.
    let mut years: Vec<i32> =
        d.commitments.iter().flat_map(|k| k.data.targets.iter().map(|t| t.year)).collect();
    years.sort_unstable();
    years.dedup();
    if let Some((a, b)) = convention_years(c) {
        years.retain(|y| (a..=b).contains(y));
        if years.is_empty() {
            years = (a..=b).collect();
        }
    }
    let kind_of = |id: &Uuid| -> AppResult<Option<OrgKind>> {
        Ok(store.get::<Organisation>(*id)?.map(|r| r.data.kind))
    };
    let partner_kind = match c.partner_ids.first().map(kind_of).transpose()?.flatten() {
        Some(OrgKind::GroupementEmployeurs | OrgKind::Geiq) => PartnerKind::Groupement,
        Some(OrgKind::PartenaireInstitutionnel) => PartnerKind::Public,
        _ => PartnerKind::Entreprise,
    };
    let amendment = match (c.is_amendment(), c.previous_id) {
        (true, Some(previous)) => {
            let original = store.convention_versions(previous)?.first().map(|v| v.0);
            let signed = match original {
                Some(o) => store.get::<Convention>(o)?.and_then(|r| r.data.signed_on),
                None => None,
            };
            Some(Amendment {
                number: c.version_no - 1,
                convention_signed_on: signed,
                purpose: c
                    .amendment_purpose
                    .clone()
                    .unwrap_or_else(|| "(objet de l'avenant à rédiger)".into()),
                effective_on: c.amends_from,
            })
        }
        _ => None,
    };
    let retention =
        RetentionBook::new(store.retention_periods()?.into_iter().map(|r| (r.id, r.data)).collect());
    let mut establishments = Vec::new();
    for e in &d.establishments {
        let contacts = store
            .contacts_of(e.id, false)?
            .iter()
            .take(3)
            .map(|k| {
                let name = [k.first_name.as_deref(), Some(k.last_name.as_str())]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                match &k.job_title {
                    Some(j) => format!("{name} ({j})"),
                    None => name,
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let address = store.get::<Organisation>(e.id)?.and_then(|r| r.data.address).unwrap_or_default();
        establishments.push(Establishment {
            name: e.name.clone(),
            siret: e.siret.as_deref().map(grouped_siret).unwrap_or_default(),
            address,
            commune: e.commune_name.clone().unwrap_or_default(),
            dt: e.dt_name.clone().unwrap_or_default(),
            contacts,
        });
    }
    let referent = match c.referent_id {
        Some(r) => store.officer(r)?.map(|o| match o.email {
            Some(e) => format!("{} ({e})", o.display_name),
            None => o.display_name,
        }),
        None => None,
    };
    let mut meetings: Vec<Meeting> = d
        .committees
        .iter()
        .map(|m| {
            let mut summary = m.data.attendees.join(", ");
            if !m.data.decisions.is_empty() {
                summary.push_str(&format!(
                    "{}Décisions : {}",
                    if summary.is_empty() { "" } else { " — " },
                    m.data.decisions.join(" ; ")
                ));
            }
            Meeting { kind: m.data.kind.label().to_string(), date: m.data.held_on, summary }
        })
        .collect();
    meetings.sort_by_key(|m| m.date);
    Ok(ConventionDoc {
        number: c.number.clone(),
        version_no: c.version_no,
        title: c.title.clone(),
        status: c.status.label().to_string(),
        departement: Departement {
            name: dep.name,
            address: dep.address,
            siret: dep.siret,
            signatory_name: dep_sig.map(|s| s.name.clone()),
            signatory_function: dep_sig.map(|s| s.function.clone()),
            dpo_contact: dep.dpo_contact,
        },
        partners: c.partner_ids.iter().map(|id| party(*id)).collect::<AppResult<_>>()?,
        third_parties: c.third_party_ids.iter().map(|id| party(*id)).collect::<AppResult<_>>()?,
        cp_number: c.cp_number.clone(),
        cp_date: c.cp_date,
        preamble: c.preamble.clone(),
        territories: d.territory_names.clone(),
        establishments,
        years,
        commitments: d
            .commitments
            .iter()
            .map(|k| CommitmentLine {
                label: k.data.label.clone(),
                unit: k.data.unit.clone(),
                years: k
                    .data
                    .targets
                    .iter()
                    .map(|t| {
                        let actual = k.years.iter().find(|y| y.year == t.year).map(|y| y.progress.actual);
                        (t.year, t.target, actual)
                    })
                    .collect(),
            })
            .collect(),
        referent,
        copil_frequency: c.copil_frequency.clone(),
        cotech_frequency: c.cotech_frequency.clone(),
        financial_clause: c.financial_clause.clone(),
        duration_months: c.duration_months,
        notice_months: c.notice_months,
        cure_days: c.cure_days,
        place: c.place.clone(),
        signed_on: c.signed_on,
        starts_on: c.starts_on,
        ends_on: c.ends_on(),
        meetings,
        author: store.current_officer()?.map(|o| o.display_name).unwrap_or_default(),
        partner_kind,
        retention_months: retention.months(RetentionRule::PersonneActivite, today),
        printed_on: Some(today),
        amendment,
    })
}

/// "SIREN 542 107 651, 12 rue …" — what is known of an organisation.
fn identity(o: &Organisation) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &o.siren {
        parts.push(format!("SIREN {}", s.grouped()));
    }
    if let Some(a) = &o.address {
        parts.push(format!("dont le siège est situé {a}"));
    }
    parts.join(", ")
}

fn grouped_siret(s: &str) -> String {
    Siret::parse(s).map_or_else(|_| s.to_string(), |s| s.grouped())
}

fn table(columns: &[(&str, f32, bool)], rows: Vec<Vec<String>>) -> Body {
    Body::Table {
        columns: columns
            .iter()
            .map(|(t, w, n)| TableColumn { title: (*t).to_string(), width: *w, numeric: *n })
            .collect(),
        rows,
    }
}

fn section(title: &str, body: Body, empty: &str) -> Section {
    Section { title: title.into(), body, empty: empty.into() }
}

/// A stored (E.164) number as officers read it: "03 24 34 27 49".
fn phone(raw: &str) -> String {
    tremplin_domain::reach::Phone::parse(raw).map_or_else(|_| raw.to_string(), |p| p.display())
}

fn task_table(tasks: &[TaskView]) -> Body {
    table(
        &[
            ("Échéance", 1.2, false),
            ("Relance", 4.0, false),
            ("Organisation", 2.6, false),
            ("Responsable", 2.0, false),
        ],
        tasks
            .iter()
            .map(|t| {
                vec![
                    t.due_date.format("%d/%m/%Y").to_string(),
                    t.title.clone(),
                    t.organisation_name.clone().unwrap_or_default(),
                    t.assignee_name.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    )
}

pub fn brief_doc(b: &Brief) -> BriefDoc {
    let kv = |v: &[crate::brief::KeyValue]| v.iter().map(|k| (k.label.clone(), k.value.clone())).collect();
    let mut sections = vec![
        section("Identité", Body::Fields(kv(&b.identity)), "—"),
        section("Chiffres clés", Body::Fields(kv(&b.figures)), "—"),
        section(
            "Ordre du jour proposé",
            Body::Points(b.agenda.clone()),
            "Rien d'urgent : faire le point sur les besoins de recrutement.",
        ),
        section("Engagements en retard", Body::Points(b.behind.clone()), "Aucun engagement en retard."),
        section(
            "Besoins de recrutement à pourvoir",
            table(
                &[
                    ("Poste", 3.4, false),
                    ("Employeur", 2.6, false),
                    ("Contrat", 1.4, false),
                    ("Postes", 0.9, true),
                    ("Candidats", 1.1, true),
                    ("Étape", 1.6, false),
                ],
                b.open_needs
                    .iter()
                    .map(|n| {
                        vec![
                            n.job_title.clone(),
                            n.employer_name.clone(),
                            n.contract.label().to_string(),
                            n.positions.to_string(),
                            n.candidates.to_string(),
                            n.status.label().to_string(),
                        ]
                    })
                    .collect(),
            ),
            "Aucun besoin de recrutement en cours.",
        ),
        section("Relances en retard", task_table(&b.overdue_tasks), "Aucune relance en retard."),
        section("Relances à venir", task_table(&b.open_tasks), "Aucune relance ouverte."),
        section(
            "Contacts clés",
            table(
                &[
                    ("Nom", 2.4, false),
                    ("Fonction", 2.6, false),
                    ("Organisation", 2.6, false),
                    ("Joindre", 2.6, false),
                ],
                b.key_contacts
                    .iter()
                    .map(|k| {
                        vec![
                            [k.first_name.as_deref(), Some(k.last_name.as_str())]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(" "),
                            k.job_title.clone().unwrap_or_default(),
                            k.organisation_name.clone().unwrap_or_default(),
                            [k.phone.as_deref().map(phone), k.mobile.as_deref().map(phone), k.email.clone()]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(" · "),
                        ]
                    })
                    .collect(),
            ),
            "Aucun contact enregistré.",
        ),
        section(
            "Derniers échanges",
            table(
                &[
                    ("Date", 1.2, false),
                    ("Organisation", 2.4, false),
                    ("Objet", 4.2, false),
                    ("Agent", 1.8, false),
                ],
                b.last_contacts
                    .iter()
                    .map(|i| {
                        vec![
                            fr_date(&i.occurred_at),
                            i.organisation_name.clone().unwrap_or_default(),
                            i.subject.clone(),
                            i.officer_name.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            ),
            "Aucun échange consigné.",
        ),
    ];
    for c in &b.conventions {
        sections.push(section(
            &format!("Convention n° {} (v{}) — {} · {}", c.number, c.version_no, c.title, c.status_label),
            table(
                &[
                    ("Engagement", 4.2, false),
                    ("Année", 0.9, true),
                    ("Cible", 0.9, true),
                    ("Réalisé", 1.0, true),
                    ("Attendu à date", 1.3, true),
                    ("Situation", 1.5, false),
                ],
                c.commitments
                    .iter()
                    .map(|k| {
                        vec![
                            k.label.clone(),
                            k.year.to_string(),
                            k.target.to_string(),
                            k.actual.to_string(),
                            k.expected.to_string(),
                            k.pace_label.clone(),
                        ]
                    })
                    .collect(),
            ),
            "Pas d'objectif pour l'année en cours.",
        ));
    }
    if b.conventions.is_empty() {
        sections.push(section("Conventions", Body::Points(vec![]), "Aucune convention en cours."));
    }
    BriefDoc { title: b.title.clone(), subtitle: b.subtitle.clone(), author: b.author.clone(), sections }
}

pub(crate) fn render_error(e: tremplin_documents::DocumentError) -> AppError {
    AppError::new("pdf", e.to_string())
}
