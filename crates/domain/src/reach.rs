//! How to reach someone: e-mail addresses and French phone numbers. Phones
//! are stored in E.164 (`+33320123456`) and shown in the national format
//! (`03 20 12 34 56`).

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> ValidationResult<Self> {
        Self::parse_field(raw, "email")
    }

    pub fn parse_field(raw: &str, field: &'static str) -> ValidationResult<Self> {
        let v = raw.trim();
        // `email_address` follows RFC 5322; we also insist on a dotted domain
        // because local-only addresses are always typos here.
        let ok = email_address::EmailAddress::from_str(v)
            .map(|e| e.domain().contains('.') && !e.domain().ends_with('.'))
            .unwrap_or(false);
        if !ok {
            return Err(ValidationError::new(
                "email_format",
                field,
                format!(
                    "Adresse e-mail : « {v} » n'est pas une adresse valide (ex. prenom.nom@entreprise.fr)."
                ),
            ));
        }
        // Domains are case-insensitive; keep the local part as typed.
        let (local, domain) = v.rsplit_once('@').expect("validated above");
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> Self {
        e.0
    }
}

/// A phone number valid in the French numbering plan (or an international
/// number typed with its `+` prefix), stored in E.164.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> ValidationResult<Self> {
        Self::parse_field(raw, "phone")
    }

    pub fn parse_field(raw: &str, field: &'static str) -> ValidationResult<Self> {
        let v = raw.trim();
        let err = || {
            ValidationError::new(
                "phone_format",
                field,
                format!(
                    "Téléphone : « {v} » n'est pas un numéro valide (ex. 03 20 12 34 56 ou +33 3 20 12 34 56)."
                ),
            )
        };
        let parsed = phonenumber::parse(Some(phonenumber::country::Id::FR), v).map_err(|_| err())?;
        if !phonenumber::is_valid(&parsed) {
            return Err(err());
        }
        Ok(Self(parsed.format().mode(phonenumber::Mode::E164).to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// National format for French numbers, international otherwise.
    pub fn display(&self) -> String {
        match phonenumber::parse(None, &self.0) {
            Ok(p) if p.code().value() == 33 => p.format().mode(phonenumber::Mode::National).to_string(),
            Ok(p) => p.format().mode(phonenumber::Mode::International).to_string(),
            Err(_) => self.0.clone(),
        }
    }
}

impl TryFrom<String> for Phone {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> Self {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(Email::parse(" Jean.Dupont@ENGIE.com ").unwrap().as_str(), "Jean.Dupont@engie.com");
        let e = Email::parse("jean.dupont@engie").unwrap_err();
        assert_eq!((e.code, e.field), ("email_format", "email"));
        assert!(e.message.starts_with("Adresse e-mail"));
        assert!(Email::parse("pas une adresse").is_err());
    }

    #[test]
    fn french_phones_are_stored_e164() {
        for raw in ["03 20 12 34 56", "03.20.12.34.56", "+33 3 20 12 34 56", "0033320123456"] {
            assert_eq!(Phone::parse(raw).unwrap().as_str(), "+33320123456", "{raw}");
        }
        assert_eq!(Phone::parse("06 12 34 56 78").unwrap().display(), "06 12 34 56 78");
        let e = Phone::parse("03 20 12 34").unwrap_err();
        assert_eq!((e.code, e.field), ("phone_format", "phone"));
        assert!(e.message.starts_with("Téléphone"));
        assert!(Phone::parse("bonjour").is_err());
        // Belgian partner across the border: typed with its prefix.
        assert_eq!(Phone::parse("+32 2 551 18 11").unwrap().as_str(), "+3225511811");
    }
}
