//! Organisations: employers (companies, their establishments, large-account
//! groups, employer groupings, SIAE) and institutional partners.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Checks, ValidationError, ValidationResult, optional_text, required_text};
use crate::identifiers::{Siren, Siret};
use crate::ids::RowId;
use crate::naf::{NafCode, NafVersion};
use crate::reach::{Email, Phone};
use crate::synced::{DeleteRule, EntityDef, Synced, json, one, parse, text};
use crate::territory::{CommuneCode, Postcode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// A company with a single establishment, or whose group we do not follow.
    Entreprise,
    /// One establishment (SIRET) of a company or large account.
    Etablissement,
    /// A large account: the group, identified by its SIREN.
    GrandCompte,
    /// Groupement d'employeurs (CT L1253-1).
    GroupementEmployeurs,
    /// Groupement d'employeurs pour l'insertion et la qualification.
    Geiq,
    /// Structure d'insertion par l'activité économique.
    Siae,
    /// France Travail, CAF, Région, OPCO, CCI…
    PartenaireInstitutionnel,
}

impl OrgKind {
    pub const ALL: [OrgKind; 7] = [
        Self::Entreprise,
        Self::Etablissement,
        Self::GrandCompte,
        Self::GroupementEmployeurs,
        Self::Geiq,
        Self::Siae,
        Self::PartenaireInstitutionnel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Entreprise => "entreprise",
            Self::Etablissement => "etablissement",
            Self::GrandCompte => "grand_compte",
            Self::GroupementEmployeurs => "groupement_employeurs",
            Self::Geiq => "geiq",
            Self::Siae => "siae",
            Self::PartenaireInstitutionnel => "partenaire_institutionnel",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Entreprise => "Entreprise",
            Self::Etablissement => "Établissement",
            Self::GrandCompte => "Grand compte",
            Self::GroupementEmployeurs => "Groupement d'employeurs",
            Self::Geiq => "GEIQ",
            Self::Siae => "SIAE",
            Self::PartenaireInstitutionnel => "Partenaire institutionnel",
        }
    }

    /// Kinds that can have establishments (children) attached.
    pub fn can_have_establishments(self) -> bool {
        matches!(
            self,
            Self::Entreprise | Self::GrandCompte | Self::GroupementEmployeurs | Self::Geiq | Self::Siae
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrgStatus {
    Prospect,
    PartenaireActif,
    EnVeille,
    /// Closed establishment (Sirene `etatAdministratif = F`): flagged, kept.
    Ferme,
}

impl OrgStatus {
    pub const ALL: [OrgStatus; 4] = [Self::Prospect, Self::PartenaireActif, Self::EnVeille, Self::Ferme];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prospect => "prospect",
            Self::PartenaireActif => "partenaire_actif",
            Self::EnVeille => "en_veille",
            Self::Ferme => "ferme",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Prospect => "Prospect",
            Self::PartenaireActif => "Partenaire actif",
            Self::EnVeille => "En veille",
            Self::Ferme => "Fermé",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PartnerType {
    FranceTravail,
    Caf,
    Region,
    Etat,
    Opco,
    Cci,
    Cma,
    MissionLocale,
    CapEmploi,
    Epci,
    Commune,
    Association,
    Autre,
}

impl PartnerType {
    pub const ALL: [PartnerType; 13] = [
        Self::FranceTravail,
        Self::Caf,
        Self::Region,
        Self::Etat,
        Self::Opco,
        Self::Cci,
        Self::Cma,
        Self::MissionLocale,
        Self::CapEmploi,
        Self::Epci,
        Self::Commune,
        Self::Association,
        Self::Autre,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FranceTravail => "france_travail",
            Self::Caf => "caf",
            Self::Region => "region",
            Self::Etat => "etat",
            Self::Opco => "opco",
            Self::Cci => "cci",
            Self::Cma => "cma",
            Self::MissionLocale => "mission_locale",
            Self::CapEmploi => "cap_emploi",
            Self::Epci => "epci",
            Self::Commune => "commune",
            Self::Association => "association",
            Self::Autre => "autre",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FranceTravail => "France Travail",
            Self::Caf => "CAF",
            Self::Region => "Région",
            Self::Etat => "État (DREETS, préfecture)",
            Self::Opco => "OPCO",
            Self::Cci => "CCI",
            Self::Cma => "CMA",
            Self::MissionLocale => "Mission locale",
            Self::CapEmploi => "Cap emploi",
            Self::Epci => "EPCI",
            Self::Commune => "Commune",
            Self::Association => "Association",
            Self::Autre => "Autre",
        }
    }
}

/// INSEE headcount bands (`trancheEffectifs`), docs/domain/identifiers.md « Headcount bands ».
pub const HEADCOUNT_BANDS: [(&str, &str); 16] = [
    ("NN", "Non employeur ou inconnu"),
    ("00", "0 salarié"),
    ("01", "1 à 2 salariés"),
    ("02", "3 à 5 salariés"),
    ("03", "6 à 9 salariés"),
    ("11", "10 à 19 salariés"),
    ("12", "20 à 49 salariés"),
    ("21", "50 à 99 salariés"),
    ("22", "100 à 199 salariés"),
    ("31", "200 à 249 salariés"),
    ("32", "250 à 499 salariés"),
    ("41", "500 à 999 salariés"),
    ("42", "1 000 à 1 999 salariés"),
    ("51", "2 000 à 4 999 salariés"),
    ("52", "5 000 à 9 999 salariés"),
    ("53", "10 000 salariés et plus"),
];

pub fn headcount_label(code: &str) -> Option<&'static str> {
    HEADCOUNT_BANDS.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// What an officer types to create or edit an organisation (a whole form:
/// an edit sends every editable field; the store diffs it into a patch).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OrganisationInput {
    pub kind: Option<OrgKind>,
    pub name: String,
    pub legal_name: Option<String>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub naf_code: Option<String>,
    pub naf_version: Option<NafVersion>,
    pub commune_code: Option<String>,
    pub postcode: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub headcount_band: Option<String>,
    pub parent_id: Option<RowId>,
    pub owner_id: Option<RowId>,
    pub status: Option<OrgStatus>,
    pub partner_type: Option<PartnerType>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    /// Collective agreement of an employer grouping (IDCC, 4 digits).
    pub idcc: Option<String>,
    /// Year a GEIQ was (last) labelled by the Fédération.
    pub geiq_label_year: Option<i32>,
    /// Large account: officers of the account team besides its owner.
    pub account_team: Vec<RowId>,
}

/// A validated organisation. Its serde field names are the store's column
/// names and the sync protocol's patch keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Organisation {
    pub kind: OrgKind,
    pub name: String,
    pub legal_name: Option<String>,
    pub siren: Option<Siren>,
    pub siret: Option<Siret>,
    pub naf_code: Option<NafCode>,
    pub naf_version: Option<NafVersion>,
    pub commune_code: Option<CommuneCode>,
    pub postcode: Option<Postcode>,
    pub address: Option<String>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub website: Option<String>,
    pub headcount_band: Option<String>,
    pub parent_id: Option<RowId>,
    pub owner_id: Option<RowId>,
    pub status: OrgStatus,
    pub partner_type: Option<PartnerType>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    #[serde(default)]
    pub idcc: Option<String>,
    #[serde(default)]
    pub geiq_label_year: Option<i32>,
    #[serde(default)]
    pub account_team: Vec<RowId>,
}

pub const MAX_TAGS: usize = 20;

impl Organisation {
    /// The form that would produce this organisation (to edit some fields
    /// and validate the whole again). Field names are shared by design.
    pub fn to_input(&self) -> OrganisationInput {
        serde_json::to_value(self).and_then(serde_json::from_value).unwrap_or_default()
    }

    /// Validates a form. Checks that need the store (commune exists, parent
    /// exists and can hold establishments) are the app layer's.
    pub fn validate(input: &OrganisationInput) -> ValidationResult<Self> {
        let mut c = Checks::default();
        let kind = c.take(input.kind.ok_or_else(kind_required));
        let name = c.value(required_text(&input.name, "name", "Nom", 200));
        let legal_name =
            c.value(optional_text(input.legal_name.as_deref(), "legal_name", "Raison sociale", 200));
        let mut siren = c.value(opt(input.siren.as_deref(), Siren::parse));
        let siret = c.value(opt(input.siret.as_deref(), Siret::parse));

        if let Some(siret) = &siret {
            match &siren {
                Some(s) if s != &siret.siren() => c.push(ValidationError::new(
                    "siret_siren_mismatch",
                    "siret",
                    format!("SIRET : il ne commence pas par le SIREN saisi ({}).", s.grouped()),
                )),
                Some(_) => {}
                None => siren = Some(siret.siren()),
            }
        }
        match kind {
            Some(OrgKind::Etablissement) if siret.is_none() => c.push(ValidationError::new(
                "required",
                "siret",
                "SIRET : obligatoire pour un établissement.",
            )),
            Some(OrgKind::GrandCompte) if siren.is_none() => {
                c.push(ValidationError::new(
                    "required",
                    "siren",
                    "SIREN : obligatoire pour un grand compte (le groupe est identifié par son SIREN).",
                ))
            }
            Some(OrgKind::GrandCompte) if siret.is_some() => c.push(ValidationError::new(
                "siret_on_group",
                "siret",
                "SIRET : un grand compte est identifié par son SIREN ; saisissez le SIRET sur chacun de ses établissements.",
            )),
            _ => {}
        }

        let naf_code = c.value(opt(input.naf_code.as_deref(), NafCode::parse));
        let naf_version = naf_code.as_ref().map(|_| input.naf_version.unwrap_or_default());
        let commune_code = c.value(opt(input.commune_code.as_deref(), CommuneCode::parse));
        let postcode = c.value(opt(input.postcode.as_deref(), Postcode::parse));
        let address = c.value(optional_text(input.address.as_deref(), "address", "Adresse", 300));
        let phone = c.value(opt(input.phone.as_deref(), Phone::parse));
        let email = c.value(opt(input.email.as_deref(), Email::parse));
        let website = c.value(opt(input.website.as_deref(), parse_website));
        let headcount_band = c.value(opt(input.headcount_band.as_deref(), |c| {
            let c = c.trim().to_uppercase();
            headcount_label(&c).map(|_| c.clone()).ok_or_else(|| {
                ValidationError::new(
                    "headcount_band",
                    "headcount_band",
                    format!("Tranche d'effectif : « {c} » n'est pas une tranche INSEE (NN, 00, 01 … 53)."),
                )
            })
        }));

        let partner_type = match (kind, input.partner_type) {
            (Some(OrgKind::PartenaireInstitutionnel), None) => {
                c.push(ValidationError::new(
                    "required",
                    "partner_type",
                    "Type de partenaire : précisez-le (France Travail, CAF, Région, OPCO, CCI…).",
                ));
                None
            }
            (Some(OrgKind::PartenaireInstitutionnel), p) => p,
            (Some(_), Some(_)) => {
                c.push(ValidationError::new(
                    "partner_type_not_allowed",
                    "partner_type",
                    "Type de partenaire : réservé aux partenaires institutionnels.",
                ));
                None
            }
            (_, p) => p,
        };
        if kind == Some(OrgKind::GrandCompte) && input.parent_id.is_some() {
            c.push(ValidationError::new(
                "parent_not_allowed",
                "parent_id",
                "Rattachement : un grand compte est la tête de groupe, il ne peut pas être rattaché.",
            ));
        }
        let tags = c.value(validate_tags(&input.tags));
        let notes = c.value(optional_text(input.notes.as_deref(), "notes", "Notes", 10_000));
        let (idcc, geiq_label_year, account_team) = match kind {
            Some(kind) => (
                c.value(grouping_idcc(kind, input.idcc.as_deref())),
                c.value(geiq_label_year(kind, input.geiq_label_year)),
                c.value(account_team(kind, input.owner_id, &input.account_team)),
            ),
            None => Default::default(),
        };
        c.finish()?;
        // Checked above: a missing kind is an error `finish` returned.
        let kind = input.kind.ok_or_else(kind_required)?;

        Ok(Self {
            kind,
            name,
            legal_name,
            siren,
            siret,
            naf_code,
            naf_version,
            commune_code,
            postcode,
            address,
            phone,
            email,
            website,
            headcount_band,
            parent_id: input.parent_id,
            owner_id: input.owner_id,
            status: input.status.unwrap_or(OrgStatus::Prospect),
            partner_type,
            tags,
            notes,
            idcc,
            geiq_label_year,
            account_team,
        })
    }

    pub fn is_grouping(&self) -> bool {
        matches!(self.kind, OrgKind::GroupementEmployeurs | OrgKind::Geiq)
    }
}

/// IDCC: the collective agreement a grouping applies (CT L1253-1, L1253-17).
fn kind_required() -> ValidationError {
    ValidationError::new("required", "kind", "Type d'organisation : choisissez un type.")
}

fn grouping_idcc(kind: OrgKind, raw: Option<&str>) -> ValidationResult<Option<String>> {
    let Some(v) = raw.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    if !matches!(kind, OrgKind::GroupementEmployeurs | OrgKind::Geiq) {
        return Err(ValidationError::new(
            "idcc_not_allowed",
            "idcc",
            "Convention collective (IDCC) : réservée aux groupements d'employeurs et GEIQ.",
        ));
    }
    if v.len() != 4 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValidationError::new(
            "idcc_format",
            "idcc",
            format!("Convention collective (IDCC) : « {v} » n'est pas un code IDCC (4 chiffres, ex. 1486)."),
        ));
    }
    Ok(Some(v.to_string()))
}

fn geiq_label_year(kind: OrgKind, year: Option<i32>) -> ValidationResult<Option<i32>> {
    match (kind, year) {
        (_, None) => Ok(None),
        (OrgKind::Geiq, Some(y)) if (1990..=2100).contains(&y) => Ok(Some(y)),
        (OrgKind::Geiq, Some(y)) => Err(ValidationError::new(
            "out_of_range",
            "geiq_label_year",
            format!("Année de labellisation : {y} n'est pas une année plausible."),
        )),
        (_, Some(_)) => Err(ValidationError::new(
            "geiq_label_not_allowed",
            "geiq_label_year",
            "Année de labellisation : réservée aux GEIQ.",
        )),
    }
}

/// Maximum size of an account team (a typo guard).
const MAX_TEAM: usize = 20;

fn account_team(kind: OrgKind, owner: Option<RowId>, team: &[RowId]) -> ValidationResult<Vec<RowId>> {
    if team.is_empty() {
        return Ok(Vec::new());
    }
    if kind != OrgKind::GrandCompte {
        return Err(ValidationError::new(
            "team_not_allowed",
            "account_team",
            "Équipe du compte : réservée aux grands comptes.",
        ));
    }
    let mut out: Vec<RowId> = Vec::new();
    for id in team {
        if Some(*id) != owner && !out.contains(id) {
            out.push(*id);
        }
    }
    if out.len() > MAX_TEAM {
        return Err(ValidationError::new(
            "too_many",
            "account_team",
            format!("Équipe du compte : {MAX_TEAM} agents au plus."),
        ));
    }
    Ok(out)
}

/// Parses an optional raw field: blank means absent.
pub(crate) fn opt<T>(
    raw: Option<&str>,
    parse: impl FnOnce(&str) -> ValidationResult<T>,
) -> ValidationResult<Option<T>> {
    match raw {
        Some(s) if !s.trim().is_empty() => parse(s).map(Some),
        _ => Ok(None),
    }
}

fn parse_website(raw: &str) -> ValidationResult<String> {
    let v = raw.trim();
    let with_scheme = if v.starts_with("http://") || v.starts_with("https://") {
        v.to_string()
    } else {
        format!("https://{v}")
    };
    let host = with_scheme.split("://").nth(1).unwrap_or("").split('/').next().unwrap_or("");
    if v.chars().any(char::is_whitespace)
        || !host.contains('.')
        || host.starts_with('.')
        || with_scheme.len() > 300
    {
        return Err(ValidationError::new(
            "website_format",
            "website",
            format!("Site web : « {v} » n'est pas une adresse web (ex. www.entreprise.fr)."),
        ));
    }
    Ok(with_scheme)
}

/// Tags: trimmed, de-duplicated ignoring case and accents, at most
/// [`MAX_TAGS`] of at most 40 characters.
pub fn validate_tags(tags: &[String]) -> ValidationResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > 40 {
            return Err(ValidationError::new(
                "too_long",
                "tags",
                format!("Étiquettes : « {t} » dépasse 40 caractères."),
            ));
        }
        if !out.iter().any(|o| crate::text::name_key(o) == crate::text::name_key(t)) {
            out.push(t.to_string());
        }
    }
    if out.len() > MAX_TAGS {
        return Err(ValidationError::new(
            "too_many",
            "tags",
            format!("Étiquettes : {} étiquettes, le maximum est {MAX_TAGS}.", out.len()),
        ));
    }
    Ok(out)
}

impl Synced for Organisation {
    const DEF: EntityDef = EntityDef {
        unique: &["siret"],
        delete: DeleteRule::CreatorOrAdministrator,
        references: &[one("parent_id", "organisation")],
        ..EntityDef::new(
            "organisation",
            &[
                text("kind"),
                text("name"),
                text("legal_name"),
                text("siren"),
                text("siret"),
                text("naf_code"),
                text("naf_version"),
                text("commune_code"),
                text("postcode"),
                text("address"),
                text("phone"),
                text("email"),
                text("website"),
                text("headcount_band"),
                text("parent_id"),
                text("owner_id"),
                text("status"),
                text("partner_type"),
                json("tags"),
                text("notes"),
                text("idcc"),
                text("geiq_label_year"),
                json("account_team"),
            ],
            |d, _| {
                parse::<Organisation>(d)?;
                Organisation::validate(&parse::<OrganisationInput>(d)?).map(drop)
            },
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: OrgKind) -> OrganisationInput {
        OrganisationInput { kind: Some(kind), name: "Auchan Roncq".into(), ..Default::default() }
    }

    #[test]
    fn an_organisation_gives_back_the_form_that_makes_it() {
        let mut i = input(OrgKind::Etablissement);
        i.siret = Some("732 829 320 00074".into());
        i.tags = vec!["GEIQ".into()];
        i.phone = Some("03 20 00 00 00".into());
        let o = Organisation::validate(&i).unwrap();
        assert_eq!(Organisation::validate(&o.to_input()).unwrap(), o);
    }

    #[test]
    fn establishment_needs_a_valid_siret_and_derives_its_siren() {
        let mut i = input(OrgKind::Etablissement);
        let e = Organisation::validate(&i).unwrap_err();
        assert_eq!((e.code, e.field), ("required", "siret"));
        i.siret = Some("732 829 320 00075".into());
        let e = Organisation::validate(&i).unwrap_err();
        assert_eq!((e.code, e.field), ("siret_checksum", "siret"));
        i.siret = Some("732 829 320 00074".into());
        let o = Organisation::validate(&i).unwrap();
        assert_eq!(o.siren.unwrap().as_str(), "732829320");
        assert_eq!(o.status, OrgStatus::Prospect);
    }

    #[test]
    fn siret_must_match_siren() {
        let mut i = input(OrgKind::Entreprise);
        i.siren = Some("356000000".into());
        i.siret = Some("73282932000074".into());
        let e = Organisation::validate(&i).unwrap_err();
        assert_eq!((e.code, e.field), ("siret_siren_mismatch", "siret"));
    }

    #[test]
    fn large_account_rules() {
        let mut i = input(OrgKind::GrandCompte);
        assert_eq!(Organisation::validate(&i).unwrap_err().field, "siren");
        i.siren = Some("356000000".into());
        assert!(Organisation::validate(&i).is_ok());
        i.siret = Some("35600000000048".into());
        assert_eq!(Organisation::validate(&i).unwrap_err().code, "siret_on_group");
    }

    #[test]
    fn each_field_error_names_its_field() {
        type Case = (fn(&mut OrganisationInput), &'static str);
        let cases: Vec<Case> = vec![
            (|i| i.name = " ".into(), "name"),
            (|i| i.naf_code = Some("871".into()), "naf_code"),
            (|i| i.commune_code = Some("5935".into()), "commune_code"),
            (|i| i.postcode = Some("590".into()), "postcode"),
            (|i| i.email = Some("x@y".into()), "email"),
            (|i| i.phone = Some("12".into()), "phone"),
            (|i| i.website = Some("pas un site".into()), "website"),
            (|i| i.headcount_band = Some("99".into()), "headcount_band"),
            (|i| i.siren = Some("123456789".into()), "siren"),
            (|i| i.partner_type = Some(PartnerType::Caf), "partner_type"),
            (|i| i.tags = vec!["x".repeat(41)], "tags"),
        ];
        for (mutate, field) in cases {
            let mut i = input(OrgKind::Entreprise);
            mutate(&mut i);
            let e = Organisation::validate(&i).unwrap_err();
            assert_eq!(e.field, field, "{e:?}");
            assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn one_validation_reports_every_field_at_fault_once_in_form_order() {
        let mut i = input(OrgKind::Etablissement);
        i.name = " ".into();
        i.siret = Some("12345678901234".into()); // bad checksum: no « required » on top
        i.commune_code = Some("5935".into());
        i.email = Some("x@y".into());
        i.tags = vec!["x".repeat(41)];
        let e = Organisation::validate(&i).unwrap_err();
        let fields: Vec<&str> = e.all().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "siret", "commune_code", "email", "tags"]);
        assert_eq!(e.all().filter(|e| e.field == "siret").count(), 1);
        assert_ne!(e.also[0].code, "required", "{:?}", e.also[0]);
        // A missing kind does not hide the other fields.
        let mut i = input(OrgKind::Entreprise);
        i.kind = None;
        i.email = Some("x@y".into());
        let e = Organisation::validate(&i).unwrap_err();
        assert_eq!(e.all().map(|e| e.field).collect::<Vec<_>>(), ["kind", "email"]);
    }

    #[test]
    fn institutional_partner_needs_a_type() {
        let mut i = input(OrgKind::PartenaireInstitutionnel);
        assert_eq!(Organisation::validate(&i).unwrap_err().field, "partner_type");
        i.partner_type = Some(PartnerType::FranceTravail);
        assert!(Organisation::validate(&i).is_ok());
    }

    #[test]
    fn normalises_optional_fields() {
        let mut i = input(OrgKind::Entreprise);
        i.naf_code = Some("4711f".into());
        i.website = Some("www.auchan.fr".into());
        i.tags = vec!["Logistique".into(), " logistique ".into(), "".into(), "Clause".into()];
        i.legal_name = Some("   ".into());
        let o = Organisation::validate(&i).unwrap();
        assert_eq!(o.naf_code.unwrap().as_str(), "47.11F");
        assert_eq!(o.naf_version, Some(NafVersion::NafRev2));
        assert_eq!(o.website.as_deref(), Some("https://www.auchan.fr"));
        assert_eq!(o.tags, vec!["Logistique", "Clause"]);
        assert_eq!(o.legal_name, None);
    }
}
