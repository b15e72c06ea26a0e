//! From an event's page to its printed sheets (`tremplin-documents`'
//! [`SheetDoc`]): the attendance sheet lists the people expected, with room
//! to sign; the invitation list says where each invitation stands.

use tremplin_documents::brief::TableColumn;
use tremplin_documents::sheet::SheetDoc;
use tremplin_store::queries::events::InvitationSummary;

use crate::commands::events::{EventDetail, SheetKind};

/// The invitations a sheet names: everyone expected on the attendance
/// sheet (not those who excused themselves), everyone on the list.
pub fn listed(d: &EventDetail, kind: SheetKind) -> impl Iterator<Item = &InvitationSummary> {
    d.invitations.iter().filter(move |i| kind == SheetKind::Invitations || i.status.is_expected())
}

pub fn sheet(d: &EventDetail, kind: SheetKind, author: &str, dpo: &str) -> SheetDoc {
    let e = &d.data;
    let mut when = e.held_on.format("%d/%m/%Y").to_string();
    match (&e.starts_at, &e.ends_at) {
        (Some(s), Some(t)) => when += &format!(", de {s} à {t}"),
        (Some(s), None) => when += &format!(", à {s}"),
        _ => {}
    }
    let mut details = vec![
        ("Type".to_string(), e.kind.label().to_string()),
        ("Date".to_string(), when),
        (
            "Lieu".to_string(),
            match &d.summary.commune_name {
                Some(c) => format!("{}, {c}", e.place),
                None => e.place.clone(),
            },
        ),
        ("Organisé par".to_string(), d.organisers.join(", ")),
    ];
    if !d.employers.is_empty() {
        let names: Vec<&str> = d.employers.iter().map(|o| o.name.as_str()).collect();
        details.push(("Employeurs".to_string(), names.join(", ")));
    }
    let col = |title: &str, width: f32| TableColumn { title: title.to_string(), width, numeric: false };
    let need = |i: &InvitationSummary| i.need_title.clone().unwrap_or_default();
    let (title, columns, rows, signatures) = match kind {
        SheetKind::Emargement => (
            "Feuille d'émargement",
            vec![
                col("Nom et prénom", 30.0),
                col("Commune", 18.0),
                col("Poste visé", 22.0),
                col("Signature", 30.0),
            ],
            listed(d, kind)
                .map(|i| {
                    vec![
                        i.person_name.clone(),
                        i.commune_name.clone().unwrap_or_default(),
                        need(i),
                        String::new(),
                    ]
                })
                .collect::<Vec<_>>(),
            true,
        ),
        SheetKind::Invitations => (
            "Liste des invitations",
            vec![
                col("Nom et prénom", 30.0),
                col("Commune", 18.0),
                col("Poste visé", 27.0),
                col("Situation", 25.0),
            ],
            listed(d, kind)
                .map(|i| {
                    vec![
                        i.person_name.clone(),
                        i.commune_name.clone().unwrap_or_default(),
                        need(i),
                        format!("{} le {}", i.status.label(), i.status_on.format("%d/%m/%Y")),
                    ]
                })
                .collect(),
            false,
        ),
    };
    SheetDoc {
        title: title.to_string(),
        event_title: e.title.clone(),
        details,
        columns,
        rows,
        signatures,
        empty: "Personne n'est encore invité à cet événement.".into(),
        notice: format!(
            "Ces informations servent au suivi de l'accompagnement vers l'emploi par le Département (direction de \
             l'insertion) ; elles ne sont pas transmises aux employeurs et sont conservées selon les durées fixées \
             par le Département. Pour y accéder, les faire rectifier ou effacer : {dpo}."
        ),
        author: author.to_string(),
    }
}
