//! SIREN (company) and SIRET (establishment) numbers.
//!
//! Both use the Luhn checksum, except La Poste's establishments (SIREN
//! 356000000, other than the head office 35600000000048), whose SIRETs are
//! valid when their digit sum is a multiple of 5 (INSEE rule, as in
//! python-stdnum's `fr/siret.py`). Spaces and dots are tolerated on input;
//! numbers are stored as digit strings and displayed grouped.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult};

const LA_POSTE_SIREN: &str = "356000000";
const LA_POSTE_HEAD_OFFICE: &str = "35600000000048";

/// Luhn check over a string of ASCII digits.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum.is_multiple_of(10)
}

fn digit_sum(digits: &str) -> u32 {
    digits.bytes().map(|b| u32::from(b - b'0')).sum()
}

/// Removes the separators people type (spaces, non-breaking spaces, dots,
/// dashes) and checks that what remains is `len` digits.
fn normalise_digits(raw: &str, len: usize, field: &'static str, label: &str) -> ValidationResult<String> {
    let cleaned: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '.' && *c != '-').collect();
    if cleaned.is_empty() {
        return Err(ValidationError::new("required", field, format!("{label} : ce champ est obligatoire.")));
    }
    if !cleaned.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValidationError::new(
            "not_digits",
            field,
            format!("{label} : seuls des chiffres sont attendus (reçu « {} »).", raw.trim()),
        ));
    }
    let n = cleaned.len();
    if n != len {
        return Err(ValidationError::new(
            "bad_length",
            field,
            format!("{label} : {len} chiffres attendus, {n} saisis."),
        ));
    }
    Ok(cleaned)
}

/// A SIREN: 9 digits identifying a company (unité légale).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct Siren(String);

impl Siren {
    pub fn parse(raw: &str) -> ValidationResult<Self> {
        Self::parse_field(raw, "siren")
    }

    pub fn parse_field(raw: &str, field: &'static str) -> ValidationResult<Self> {
        let digits = normalise_digits(raw, 9, field, "SIREN")?;
        if !luhn_valid(&digits) {
            return Err(ValidationError::new(
                "siren_checksum",
                field,
                "SIREN : la clé de contrôle est fausse ; vérifiez les 9 chiffres.",
            ));
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "732 829 320"
    pub fn grouped(&self) -> String {
        format!("{} {} {}", &self.0[0..3], &self.0[3..6], &self.0[6..9])
    }
}

impl TryFrom<String> for Siren {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Siren> for String {
    fn from(s: Siren) -> Self {
        s.0
    }
}

impl fmt::Display for Siren {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

/// A SIRET: SIREN + 5-digit NIC, identifying an establishment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct Siret(String);

impl Siret {
    pub fn parse(raw: &str) -> ValidationResult<Self> {
        Self::parse_field(raw, "siret")
    }

    pub fn parse_field(raw: &str, field: &'static str) -> ValidationResult<Self> {
        let digits = normalise_digits(raw, 14, field, "SIRET")?;
        let valid = if digits.starts_with(LA_POSTE_SIREN) && digits != LA_POSTE_HEAD_OFFICE {
            digit_sum(&digits).is_multiple_of(5)
        } else {
            luhn_valid(&digits)
        };
        if !valid {
            return Err(ValidationError::new(
                "siret_checksum",
                field,
                "SIRET : la clé de contrôle est fausse ; vérifiez les 14 chiffres.",
            ));
        }
        // The SIREN part must itself be a valid SIREN.
        if !luhn_valid(&digits[..9]) {
            return Err(ValidationError::new(
                "siret_siren_checksum",
                field,
                "SIRET : les 9 premiers chiffres ne forment pas un SIREN valide.",
            ));
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn siren(&self) -> Siren {
        Siren(self.0[..9].to_string())
    }

    pub fn nic(&self) -> &str {
        &self.0[9..]
    }

    /// "732 829 320 00074"
    pub fn grouped(&self) -> String {
        format!("{} {}", self.siren().grouped(), self.nic())
    }
}

impl TryFrom<String> for Siret {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Siret> for String {
    fn from(s: Siret) -> Self {
        s.0
    }
}

impl fmt::Display for Siret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

/// Smallest NIC ≥ `from` that makes a valid SIRET for `siren` (demo and
/// synthetic data need plausible, valid numbers).
pub fn next_valid_siret(siren: &Siren, from: u32) -> Option<Siret> {
    (from..100_000).find_map(|nic| Siret::parse(&format!("{}{nic:05}", siren.as_str())).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Vectors of docs/domain/identifiers.md « Test vectors » (checked against python-stdnum 2.2).
    #[test]
    fn siret_reference_vectors() {
        assert!(Siret::parse("73282932000074").is_ok());
        assert!(Siret::parse("35600000000048").is_ok(), "La Poste head office uses Luhn");
        assert!(Siret::parse("35600000049837").is_ok(), "La Poste: digit sum 45");
        let err = Siret::parse("35600000049838").unwrap_err();
        assert_eq!(err.code, "siret_checksum");
        assert_eq!(err.field, "siret");
    }

    #[test]
    fn la_poste_rule_applies_only_to_la_poste() {
        // Digit sum multiple of 5 but Luhn-invalid, on another SIREN.
        let s = "73282932000075";
        assert!(!luhn_valid(s));
        assert!(Siret::parse(s).is_err());
        // A La Poste SIRET that passes Luhn but not the sum rule is refused.
        let luhn_ok = (0..100_000)
            .map(|nic| format!("356000000{nic:05}"))
            .find(|s| s != LA_POSTE_HEAD_OFFICE && luhn_valid(s) && !digit_sum(s).is_multiple_of(5))
            .unwrap();
        assert!(Siret::parse(&luhn_ok).is_err());
    }

    #[test]
    fn tolerates_spaces_and_displays_grouped() {
        let s = Siret::parse(" 732 829 320 00074 ").unwrap();
        assert_eq!(s.as_str(), "73282932000074");
        assert_eq!(s.to_string(), "732 829 320 00074");
        assert_eq!(s.siren().to_string(), "732 829 320");
        assert_eq!(Siren::parse("732\u{a0}829\u{a0}320").unwrap().as_str(), "732829320");
    }

    #[test]
    fn siren_rules() {
        assert!(Siren::parse("732829320").is_ok());
        assert!(Siren::parse("356000000").is_ok());
        let e = Siren::parse("732829321").unwrap_err();
        assert_eq!((e.code, e.field), ("siren_checksum", "siren"));
        assert!(e.message.starts_with("SIREN"));
    }

    #[test]
    fn errors_name_the_field_in_french() {
        let e = Siret::parse("1234").unwrap_err();
        assert_eq!(e.code, "bad_length");
        assert_eq!(e.message, "SIRET : 14 chiffres attendus, 4 saisis.");
        let e = Siret::parse("7328293200007A").unwrap_err();
        assert_eq!(e.code, "not_digits");
        assert!(e.message.contains("SIRET"));
        let e = Siren::parse("   ").unwrap_err();
        assert_eq!(e.code, "required");
        let e = Siret::parse_field("123", "parent_siret").unwrap_err();
        assert_eq!(e.field, "parent_siret");
    }

    #[test]
    fn generates_valid_sirets() {
        let siren = Siren::parse("356000000").unwrap();
        let s = next_valid_siret(&siren, 100).unwrap();
        assert!(Siret::parse(s.as_str()).is_ok());
        let siren = Siren::parse("732829320").unwrap();
        assert_eq!(next_valid_siret(&siren, 74).unwrap().as_str(), "73282932000074");
    }

    #[test]
    fn deserialising_validates() {
        let ok: Siret = serde_json::from_str("\"73282932000074\"").unwrap();
        assert_eq!(ok.as_str(), "73282932000074");
        assert!(serde_json::from_str::<Siret>("\"73282932000075\"").is_err());
    }
}
