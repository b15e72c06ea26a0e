//! The statement handed to a person who exercises her right of access
//! (RGPD art. 15; docs/domain/personal-data.md « Rights of the person »): what
//! the record holds, her consents with their history, her aided contracts
//! and pairings, who opened or exported her record and why, how long it is
//! kept, and how to exercise her other rights. A PDF the officer can print.

use chrono::NaiveDate;
use tremplin_documents::brief::{Body, BriefDoc, Section, TableColumn};

use crate::commands::people::{PersonDetail, consent_line};

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "—".into())
}

fn column(title: &str, width: f32) -> TableColumn {
    TableColumn { title: title.into(), width, numeric: false }
}

/// The statement of `d`, printed on `today` by `author`, with the
/// Département's DPO to contact.
pub fn statement(d: &PersonDetail, today: NaiveDate, author: &str, dpo: &str) -> BriefDoc {
    let p = &d.data;
    let identity = vec![
        ("Prénom".to_string(), p.first_name.clone()),
        ("Nom".to_string(), p.last_name.clone()),
        ("Commune".to_string(), d.commune_name.clone().unwrap_or_else(|| "—".into())),
        ("Direction territoriale".to_string(), d.dt_name.clone().unwrap_or_else(|| "—".into())),
        ("Identifiant France Travail".to_string(), p.ft_id.clone().unwrap_or_else(|| "—".into())),
        (
            "Référent".to_string(),
            [p.referent_name.as_deref(), p.referent_organisation.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "Orientation".to_string(),
            p.orientation.map(|o| o.label().to_string()).unwrap_or_else(|| "—".into()),
        ),
        ("Projet professionnel (ROME)".to_string(), p.rome_codes.join(", ")),
        ("Observations".to_string(), p.notes.clone().unwrap_or_else(|| "—".into())),
    ];
    let contracts = d
        .contracts
        .iter()
        .map(|c| {
            vec![
                c.contract_type.short().to_string(),
                c.job_title.clone(),
                c.employer_name.clone(),
                format!("{} → {}", date(c.starts_on), date(c.aid_ends_on)),
                c.status.label().to_string(),
            ]
        })
        .collect();
    let pairings = d
        .pairings
        .iter()
        .map(|x| {
            vec![
                x.mentor_name.clone(),
                x.employer_name.clone(),
                format!("{} → {}", date(x.starts_on), date(x.ends_on)),
                if x.ended { "terminé".into() } else { "en cours".into() },
            ]
        })
        .collect();
    let candidacies = d
        .candidacies
        .iter()
        .map(|c| {
            vec![
                c.job_title.clone(),
                c.employer_name.clone(),
                c.stage.label().to_string(),
                date(Some(c.stage_on)),
            ]
        })
        .collect();
    let hires = d
        .hires
        .iter()
        .map(|h| {
            vec![
                h.job_title.clone(),
                h.employer_name.clone(),
                h.contract.label().to_string(),
                format!("{} → {}", date(Some(h.starts_on)), date(h.ended_on.or(h.planned_end_on))),
            ]
        })
        .collect();
    let invitations = d
        .invitations
        .iter()
        .map(|i| {
            vec![
                i.event_title.clone(),
                date(Some(i.held_on)),
                i.need_title.clone().unwrap_or_default(),
                format!("{} le {}", i.status.label(), date(Some(i.status_on))),
            ]
        })
        .collect();
    let audit = d
        .audit
        .iter()
        .map(|a| {
            let at = a.at.get(..10).and_then(|s| s.parse().ok());
            vec![date(at), a.officer.clone(), a.action.label().to_string(), a.purpose.clone()]
        })
        .collect();
    BriefDoc {
        title: format!("Relevé des données vous concernant — {} {}", p.first_name, p.last_name.to_uppercase()),
        subtitle: format!("Département du Nord · service insertion · établi le {}", today.format("%d/%m/%Y")),
        author: author.to_string(),
        sections: vec![
            Section { title: "Votre fiche".into(), body: Body::Fields(identity), empty: String::new() },
            Section {
                title: "Vos consentements".into(),
                body: Body::Points(p.consents.iter().map(consent_line).collect()),
                empty: "Aucun consentement enregistré.".into(),
            },
            Section {
                title: "Vos contrats aidés".into(),
                body: Body::Table {
                    columns: vec![
                        column("Type", 0.8),
                        column("Poste", 2.4),
                        column("Employeur", 2.4),
                        column("Aide", 2.2),
                        column("Statut", 1.2),
                    ],
                    rows: contracts,
                },
                empty: "Aucun contrat aidé.".into(),
            },
            Section {
                title: "Vos parrainages".into(),
                body: Body::Table {
                    columns: vec![column("Parrain ou marraine", 2.4), column("Entreprise", 2.4), column("Période", 2.2), column("État", 1.2)],
                    rows: pairings,
                },
                empty: "Aucun parrainage.".into(),
            },
            Section {
                title: "Vos candidatures".into(),
                body: Body::Table {
                    columns: vec![column("Poste", 2.4), column("Employeur", 2.4), column("Étape", 1.6), column("Depuis le", 1.2)],
                    rows: candidacies,
                },
                empty: "Aucune candidature.".into(),
            },
            Section {
                title: "Vos embauches".into(),
                body: Body::Table {
                    columns: vec![column("Poste", 2.4), column("Employeur", 2.4), column("Contrat", 1.4), column("Période", 2.2)],
                    rows: hires,
                },
                empty: "Aucune embauche enregistrée.".into(),
            },
            Section {
                title: "Vos invitations à des événements emploi".into(),
                body: Body::Table {
                    columns: vec![column("Événement", 2.6), column("Date", 1.2), column("Poste visé", 2.2), column("Situation", 2.0)],
                    rows: invitations,
                },
                empty: "Aucune invitation.".into(),
            },
            Section {
                title: "Qui a consulté ou exporté votre fiche".into(),
                body: Body::Table {
                    columns: vec![column("Date", 1.2), column("Agent", 2.2), column("Action", 1.4), column("Motif", 3.6)],
                    rows: audit,
                },
                empty: "Aucune consultation enregistrée.".into(),
            },
            Section {
                title: "Conservation et droits".into(),
                body: Body::Points(vec![
                    format!(
                        "Dernière activité de votre suivi : {}. Sans nouvelle activité, votre fiche est conservée \
                         jusqu'au {}, puis effacée ; les montants des aides sont gardés sans votre identité.",
                        date(d.last_activity_on),
                        date(d.kept_until)
                    ),
                    "Vos données servent à vous accompagner vers l'emploi (mission d'intérêt public du Département, \
                     RGPD art. 6.1.e). Elles ne comportent ni numéro de sécurité sociale, ni donnée de santé ou \
                     judiciaire."
                        .into(),
                    format!(
                        "Vous pouvez demander leur rectification, leur effacement, la limitation du traitement ou vous \
                         y opposer auprès de {dpo}, et saisir la CNIL."
                    ),
                ]),
                empty: String::new(),
            },
        ],
    }
}
