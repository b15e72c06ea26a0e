//! The free-text warning of docs/domain/personal-data.md « Sensitive-word warning »: notes about a person must
//! be objective and relevant; health, sex life, justice (GDPR art. 9–10)
//! have no place in them. A keyword check catches the obvious slips before
//! the text is saved; the officer may confirm a false alarm ("sortie de
//! prison" of a company's car park is rare, but "handicap" in "handicap
//! de mobilité" is not).

use crate::error::{ValidationError, ValidationResult};
use crate::text::fold;

/// Word beginnings (folded: lower case, no accents) that flag a text.
const STEMS: &[&str] = &[
    "maladi",
    "malade",
    "depressi",
    "cancer",
    "hopita",
    "hospitalis",
    "psychiatr",
    "psychotrop",
    "handicap",
    "invalidit",
    "addict",
    "alcool",
    "drogue",
    "toxicoman",
    "sida",
    "vih",
    "seropositi",
    "enceinte",
    "grossesse",
    "therapie",
    "diagnostic",
    "prison",
    "incarcer",
    "detenu",
    "detention",
    "casier",
    "condamn",
    "judiciaire",
    "tribunal",
    "garde a vue",
    "sursis",
    "bracelet electronique",
    "religio",
    "syndica",
    "orientation sexuelle",
    "homosexu",
    // Health, disability and the benefits that reveal them.
    "sante",
    "medic",
    "medecin",
    "psycholog",
    "psychique",
    "rqth",
    "mdph",
    "aah",
    "sevrage",
    // Justice: the probation service and its measures.
    "spip",
    "probation",
    "penitentiair",
    "amenagement de peine",
    // Origin.
    "ethni",
    "racial",
];

/// The flagged words of `text`, as typed, in order and once each.
pub fn sensitive_words(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut found = Vec::new();
    for (i, typed) in words.iter().enumerate() {
        let hit = STEMS.iter().any(|stem| {
            // A stem of n words is compared with n words from this one.
            let n = stem.split(' ').count();
            folded.get(i..i + n).is_some_and(|ws| ws.join(" ").starts_with(stem))
        });
        let typed = typed.to_string();
        if hit && !found.contains(&typed) {
            found.push(typed);
        }
    }
    found
}

/// Refuses `text` when it has flagged words, unless the officer confirmed
/// it (`confirmed`). The message names the field and the words.
pub fn check_free_text(
    text: Option<&str>,
    field: &'static str,
    label: &str,
    confirmed: bool,
) -> ValidationResult<()> {
    let Some(text) = text else { return Ok(()) };
    let words = sensitive_words(text);
    if words.is_empty() || confirmed {
        return Ok(());
    }
    let list = words.iter().map(|w| format!("« {w} »")).collect::<Vec<_>>().join(", ");
    Err(ValidationError::new(
        "sensitive_words",
        field,
        format!(
            "{label} : le texte contient {list}. Les données de santé, de vie sexuelle ou judiciaires sont \
             proscrites (RGPD art. 9 et 10) : reformulez, ou confirmez qu'il ne s'agit pas de telles données."
        ),
    ))
}

/// [`check_free_text`] over every free-text field of a form: the first
/// field with flagged words is named.
pub fn check_free_texts(
    fields: &[(Option<&str>, &'static str, &str)],
    confirmed: bool,
) -> ValidationResult<()> {
    for (text, field, label) in fields {
        check_free_text(*text, field, label, confirmed)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_health_and_justice_words_whatever_the_case_and_accents() {
        assert_eq!(sensitive_words("Sortie de PRISON en mars, Dépression"), vec!["PRISON", "Dépression"]);
        assert_eq!(sensitive_words("a été en garde à vue"), vec!["garde"]);
        assert_eq!(sensitive_words("casier judiciaire vierge"), vec!["casier", "judiciaire"]);
        assert!(sensitive_words("Permis B, véhicule, disponible le matin").is_empty());
        // A word that only contains a stem further in is not flagged.
        assert!(sensitive_words("préhospitalier").is_empty());
    }

    #[test]
    fn the_fuller_list_covers_health_justice_benefits_and_origin() {
        for (text, word) in [
            ("Problème de santé signalé", "santé"),
            ("certificat médical fourni", "médical"),
            ("dossier RQTH en cours", "RQTH"),
            ("rendez-vous MDPH", "MDPH"),
            ("perçoit l'AAH", "AAH"),
            ("suivi par le SPIP", "SPIP"),
            ("mise à l'épreuve, probation", "probation"),
            ("suivi psychologique", "psychologique"),
            ("origine ethnique", "ethnique"),
            ("pratique sa religion", "religion"),
            ("bénéficie d'un aménagement de peine", "aménagement"),
        ] {
            assert!(sensitive_words(text).contains(&word.to_string()), "{text}: {:?}", sensitive_words(text));
        }
        // Work words that merely look alike stay quiet.
        for text in [
            "Agent de propreté, horaires décalés",
            "Médiation avec l'employeur",
            "Aménagement du poste de travail",
        ] {
            assert!(sensitive_words(text).is_empty(), "{text}: {:?}", sensitive_words(text));
        }
    }

    #[test]
    fn the_warning_names_the_field_and_can_be_confirmed() {
        let e = check_free_text(Some("Suivi pour maladie"), "notes", "Observations", false).unwrap_err();
        assert_eq!((e.code, e.field), ("sensitive_words", "notes"));
        assert!(
            e.message.starts_with("Observations : ") && e.message.contains("« maladie »"),
            "{}",
            e.message
        );
        assert!(check_free_text(Some("Suivi pour maladie"), "notes", "Observations", true).is_ok());
        assert!(check_free_text(None, "notes", "Observations", false).is_ok());
    }
}
