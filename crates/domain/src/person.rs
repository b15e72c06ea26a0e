//! A person on the RSA followed towards a job: the minimal record of
//! docs/domain/personal-data.md « Minimal record » — who, where (commune → DT), the France Travail id, the
//! référent, the orientation, the professional project, consents and the
//! date of the last contact. Nothing else: no NIR, no health, justice or
//! household data, and free text is checked for such words.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Checks, ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, ScopeRule, Synced, json, parse, text};
use crate::territory::CommuneCode;

/// Orientation decided by the Département's president (L5411-5-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    Professionnelle,
    SocioProfessionnelle,
    Sociale,
}

impl Orientation {
    pub const ALL: [Self; 3] = [Self::Professionnelle, Self::SocioProfessionnelle, Self::Sociale];

    pub fn label(self) -> &'static str {
        match self {
            Self::Professionnelle => "Professionnelle",
            Self::SocioProfessionnelle => "Socio-professionnelle",
            Self::Sociale => "Sociale",
        }
    }
}

/// What the person agreed to (consent is not the legal basis of the
/// processing, but it is for sharing beyond the Département: §8.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    /// Send a CV or profile to an employer.
    PartageProfilEmployeur,
    /// Tell an employer the person is on the RSA (a CIE needs it).
    MentionRsaEmployeur,
    /// Be paired with a parrain or marraine.
    Parrainage,
}

impl Consent {
    pub const ALL: [Self; 3] = [Self::PartageProfilEmployeur, Self::MentionRsaEmployeur, Self::Parrainage];

    pub fn label(self) -> &'static str {
        match self {
            Self::PartageProfilEmployeur => "Partage du profil avec un employeur",
            Self::MentionRsaEmployeur => "Mention du RSA auprès d'un employeur",
            Self::Parrainage => "Parrainage",
        }
    }
}

/// How the person gave a consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentHow {
    /// A signed form.
    Ecrit,
    /// Said to the officer, who noted it.
    Oral,
    /// Through a digital form or an e-mail.
    Numerique,
}

impl ConsentHow {
    pub const ALL: [Self; 3] = [Self::Ecrit, Self::Oral, Self::Numerique];

    pub fn label(self) -> &'static str {
        match self {
            Self::Ecrit => "par écrit",
            Self::Oral => "oralement",
            Self::Numerique => "par voie numérique",
        }
    }
}

/// A consent with its history: given on a day, in a way, and perhaps
/// withdrawn later. A withdrawal stops what the consent allowed from that
/// day; the record of both stays (docs/domain/personal-data.md « Consents »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConsentRecord {
    pub kind: Consent,
    /// Unknown for consents recorded before Tremplin kept the date.
    #[ts(type = "string | null")]
    pub given_on: Option<NaiveDate>,
    pub how: Option<ConsentHow>,
    #[ts(type = "string | null")]
    pub withdrawn_on: Option<NaiveDate>,
}

impl<'de> Deserialize<'de> for ConsentRecord {
    /// Also reads the bare kind that earlier versions stored.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Full {
            kind: Consent,
            #[serde(default)]
            given_on: Option<NaiveDate>,
            #[serde(default)]
            how: Option<ConsentHow>,
            #[serde(default)]
            withdrawn_on: Option<NaiveDate>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Bare(Consent),
            Full(Full),
        }
        Ok(match Wire::deserialize(d)? {
            Wire::Bare(kind) => Self { kind, given_on: None, how: None, withdrawn_on: None },
            Wire::Full(f) => {
                Self { kind: f.kind, given_on: f.given_on, how: f.how, withdrawn_on: f.withdrawn_on }
            }
        })
    }
}

impl ConsentRecord {
    /// Given and not withdrawn on `day`.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.given_on.is_none_or(|g| g <= day) && self.withdrawn_on.is_none_or(|w| w > day)
    }
}

/// The record. Also the form: [`Person::validated`] trims and checks it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Person {
    pub first_name: String,
    pub last_name: String,
    pub commune_code: Option<String>,
    /// Direction territoriale, from the commune (set by the app, read by the
    /// server for need-to-know).
    pub dt_code: Option<String>,
    /// France Travail id: 7 digits and a letter or digit, or 11 digits.
    pub ft_id: Option<String>,
    pub referent_name: Option<String>,
    pub referent_organisation: Option<String>,
    pub orientation: Option<Orientation>,
    /// ROME 4.0 codes of the professional project.
    pub rome_codes: Vec<String>,
    /// One record per kind of consent, withdrawals included.
    pub consents: Vec<ConsentRecord>,
    /// No longer typed: the last activity is computed from the records
    /// (docs/domain/personal-data.md « Retention »). Kept for the rows of
    /// earlier versions, and emptied when the record is saved.
    #[ts(type = "string | null")]
    pub last_contact_on: Option<NaiveDate>,
    /// Officers involved with the person besides those of their DT.
    pub officer_ids: Vec<RowId>,
    /// Short, objective note (no sensitive data).
    pub notes: Option<String>,
}

impl Person {
    pub fn validated(self) -> ValidationResult<Self> {
        let mut c = Checks::default();
        let first_name = c.value(required_text(&self.first_name, "first_name", "Prénom", 80));
        let last_name = c.value(required_text(&self.last_name, "last_name", "Nom", 80));
        let commune_code = match self.commune_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => c.take(CommuneCode::parse(code)).map(|k| k.as_str().to_string()),
        };
        let ft_id = match self.ft_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(id) => c.take(france_travail_id(id)),
        };
        let referent_name =
            c.value(optional_text(self.referent_name.as_deref(), "referent_name", "Référent", 120));
        let referent_organisation = c.value(optional_text(
            self.referent_organisation.as_deref(),
            "referent_organisation",
            "Organisme du référent",
            160,
        ));
        let rome_codes = c.value(project_codes(&self.rome_codes));
        let consents = c.value(consent_records(&self.consents));
        let notes = c.value(optional_text(self.notes.as_deref(), "notes", "Observations", 1_000));
        c.finish()?;
        let mut officer_ids = self.officer_ids.clone();
        officer_ids.dedup();
        Ok(Self {
            first_name,
            last_name,
            commune_code,
            dt_code: self.dt_code.filter(|d| !d.trim().is_empty()),
            ft_id,
            referent_name,
            referent_organisation,
            orientation: self.orientation,
            rome_codes,
            consents,
            last_contact_on: None,
            officer_ids,
            notes,
        })
    }

    /// The consent of `kind` is in force on `day`.
    pub fn consents_to(&self, kind: Consent, day: NaiveDate) -> bool {
        self.consents.iter().any(|c| c.kind == kind && c.in_force_on(day))
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name.to_uppercase())
    }
}

/// The project's ROME codes: checked, without repeats, five at most.
fn project_codes(raw: &[String]) -> ValidationResult<Vec<String>> {
    let mut codes = Vec::new();
    for code in raw {
        if code.trim().is_empty() {
            continue;
        }
        let code = rome_code(code, "rome_codes")?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.len() > 5 {
        return Err(ValidationError::new(
            "too_many",
            "rome_codes",
            "Projet professionnel : 5 codes ROME au plus.",
        ));
    }
    Ok(codes)
}

/// A consent's history only grows: a record is withdrawn (its day kept),
/// never erased; once withdrawn it stays as it was; a new one says when and
/// how it was given; no day lies after `today`. The device checks it on
/// every save, the server on every pushed person (a modified device cannot
/// slip a consent in and out around a candidacy).
pub fn check_consent_history(
    old: &[ConsentRecord],
    new: &[ConsentRecord],
    today: NaiveDate,
) -> ValidationResult<()> {
    let refuse = |c: &ConsentRecord, what: &str| {
        ValidationError::new(
            "consent_history",
            "consents",
            format!("Consentement « {} » : {what}", c.kind.label()),
        )
    };
    for o in old {
        match new.iter().find(|n| n.kind == o.kind) {
            None => return Err(refuse(o, "il se retire (date du retrait) ; il ne s'efface pas.")),
            Some(n)
                if o.withdrawn_on.is_some()
                    && (n.withdrawn_on != o.withdrawn_on || n.given_on != o.given_on) =>
            {
                return Err(refuse(o, "retiré, il reste tel quel dans l'historique."));
            }
            _ => {}
        }
    }
    for n in new {
        let known = old.iter().find(|o| o.kind == n.kind);
        if known.is_none() && (n.given_on.is_none() || n.how.is_none()) {
            return Err(refuse(n, "indiquez la date et la manière dont il a été donné."));
        }
        if n.given_on.is_some_and(|d| d > today) || n.withdrawn_on.is_some_and(|d| d > today) {
            return Err(refuse(n, "les dates ne sont pas dans le futur."));
        }
    }
    Ok(())
}

/// The consents in their list's order: one record each, never withdrawn before given.
fn consent_records(raw: &[ConsentRecord]) -> ValidationResult<Vec<ConsentRecord>> {
    let mut consents = raw.to_vec();
    consents.sort_by_key(|c| Consent::ALL.iter().position(|a| *a == c.kind));
    if consents.windows(2).any(|w| w[0].kind == w[1].kind) {
        return Err(ValidationError::new(
            "duplicate",
            "consents",
            "Consentements : un seul enregistrement par consentement (retrait compris).",
        ));
    }
    for c in &consents {
        if let (Some(given), Some(withdrawn)) = (c.given_on, c.withdrawn_on)
            && withdrawn < given
        {
            return Err(ValidationError::new(
                "date_order",
                "consents",
                format!("Consentement « {} » : retiré avant d'avoir été donné.", c.kind.label()),
            ));
        }
    }
    Ok(consents)
}

/// A France Travail id in either format (docs/domain/identifiers.md « France Travail identifier »): the legacy 8
/// characters (7 digits, then a letter or digit) or the new 11 digits.
pub fn france_travail_id(raw: &str) -> ValidationResult<String> {
    let v: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let b = v.as_bytes();
    let legacy = b.len() == 8 && b[..7].iter().all(u8::is_ascii_digit) && b[7].is_ascii_alphanumeric();
    let new = b.len() == 11 && b.iter().all(u8::is_ascii_digit);
    if legacy || new {
        Ok(v)
    } else {
        Err(ValidationError::new(
            "ft_id_format",
            "ft_id",
            format!(
                "Identifiant France Travail : 7 chiffres suivis d'une lettre ou d'un chiffre (ex. 1234567A), \
                 ou 11 chiffres ; reçu « {} ».",
                raw.trim()
            ),
        ))
    }
}

/// A ROME 4.0 code: one letter and four digits (K2204).
pub fn rome_code(raw: &str, field: &'static str) -> ValidationResult<String> {
    let v = raw.trim().to_uppercase();
    let b = v.as_bytes();
    if b.len() == 5 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit) {
        Ok(v)
    } else {
        Err(ValidationError::new(
            "rome_format",
            field,
            format!("Code ROME : une lettre et quatre chiffres (ex. K2204), reçu « {} ».", raw.trim()),
        ))
    }
}

impl Synced for Person {
    const DEF: EntityDef = EntityDef {
        scope: ScopeRule::AboutPerson { via: None },
        derived: &["dt_code", "officer_ids"],
        ..EntityDef::new(
            "person",
            &[
                text("first_name"),
                text("last_name"),
                text("commune_code"),
                text("dt_code"),
                text("ft_id"),
                text("referent_name"),
                text("referent_organisation"),
                text("orientation"),
                json("rome_codes"),
                json("consents"),
                text("last_contact_on"),
                json("officer_ids"),
                text("notes"),
            ],
            |d, _| parse::<Person>(d)?.validated().map(drop),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> Person {
        Person { first_name: " Nadia ".into(), last_name: "Benali".into(), ..Person::default() }
    }

    #[test]
    fn france_travail_ids_in_both_formats() {
        assert_eq!(france_travail_id("1234567a").unwrap(), "1234567A");
        assert_eq!(france_travail_id("123 456 789 01").unwrap(), "12345678901");
        for bad in ["123456A7", "1234567", "1234567890", "123456789012", "1234567-"] {
            let e = france_travail_id(bad).unwrap_err();
            assert_eq!((e.code, e.field), ("ft_id_format", "ft_id"), "{bad}");
        }
    }

    #[test]
    fn one_validation_reports_every_field_at_fault() {
        let p = Person {
            last_name: " ".into(),
            commune_code: Some("5935".into()),
            ft_id: Some("123".into()),
            rome_codes: vec!["X".into()],
            ..person()
        };
        let e = p.validated().unwrap_err();
        assert_eq!(
            e.all().map(|e| e.field).collect::<Vec<_>>(),
            ["last_name", "commune_code", "ft_id", "rome_codes"]
        );
    }

    #[test]
    fn a_person_is_trimmed_and_checked_field_by_field() {
        let p = Person { rome_codes: vec!["k2204".into(), "".into(), "K2204".into()], ..person() };
        let p = p.validated().unwrap();
        assert_eq!((p.first_name.as_str(), p.rome_codes.clone()), ("Nadia", vec!["K2204".to_string()]));
        let e = Person { last_name: " ".into(), ..person() }.validated().unwrap_err();
        assert_eq!(e.field, "last_name");
        let e = Person { commune_code: Some("59000".into()), ..person() }.validated();
        assert!(e.is_ok(), "59000 is a valid INSEE shape");
        let e = Person { commune_code: Some("5935".into()), ..person() }.validated().unwrap_err();
        assert_eq!(e.field, "commune_code");
        let e = Person { rome_codes: vec!["K22O4".into()], ..person() }.validated().unwrap_err();
        assert_eq!((e.code, e.field), ("rome_format", "rome_codes"));
        let e = Person { ft_id: Some("12".into()), ..person() }.validated().unwrap_err();
        assert_eq!(e.field, "ft_id");
    }
}
