//! The aid's dated parameters in force: the shipped reference file
//! (`assets/reference/aid_parameters.json`) with an administrator's
//! corrections and additions (synced rows) on top. A row replaced by a
//! correction stays listed, for the history, but no longer counts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::parameters::book::{AidBook, Entry};
use tremplin_domain::parameters::{AidParameter, AidRule, DatedAmounts};
use tremplin_store::{Record, Store};

use crate::error::{AppError, AppResult};

/// A parameter or rule row as the administration screen lists it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Versioned<T> {
    pub id: Uuid,
    pub data: T,
    /// Shipped with the application (not an administrator's row).
    pub shipped: bool,
    /// When an administrator entered it.
    pub entered_at: Option<String>,
    /// The correction that replaced it, if any.
    pub replaced_by: Option<Uuid>,
}

/// Everything the aid engine needs, as in force now: the domain's book
/// (the same on the server), with when each administrator's row was entered.
pub struct AidTables {
    pub smic: DatedAmounts,
    pub rsa: DatedAmounts,
    pub parameters: Vec<Versioned<AidParameter>>,
    pub rules: Vec<Versioned<AidRule>>,
    book: AidBook,
}

fn listed<T: Clone>(entries: &[Entry<T>], entered: &[Record<T>]) -> Vec<Versioned<T>> {
    entries
        .iter()
        .map(|e| Versioned {
            id: e.id,
            data: e.data.clone(),
            shipped: e.shipped,
            entered_at: entered.iter().find(|r| r.id == e.id).map(|r| r.created_at.to_rfc3339()),
            replaced_by: e.replaced_by,
        })
        .collect()
}

fn pairs<T: Clone>(rows: &[Record<T>]) -> Vec<(Uuid, T)> {
    rows.iter().map(|r| (r.id, r.data.clone())).collect()
}

impl AidTables {
    pub fn load(store: &Store) -> AppResult<Self> {
        let parameters = store.aid_parameter_rows()?;
        let rules = store.aid_rule_rows()?;
        let book = AidBook::new(pairs(&parameters), pairs(&rules));
        Ok(Self {
            smic: book.smic.clone(),
            rsa: book.rsa.clone(),
            parameters: listed(&book.parameters, &parameters),
            rules: listed(&book.rules, &rules),
            book,
        })
    }

    /// The rule `id`, if in force (not replaced).
    pub fn rule(&self, id: Uuid) -> AppResult<&AidRule> {
        self.book.rule(id).ok_or_else(|| {
            AppError::field(
                "unknown_rule",
                "rule_id",
                "Règle d'aide : introuvable ou remplacée ; choisissez une règle en vigueur.",
            )
        })
    }

    /// The rule a contract names, even a replaced one (its lines were
    /// computed with it).
    pub fn any_rule(&self, id: Uuid) -> Option<&AidRule> {
        self.book.any_rule(id)
    }

    /// Rules in force for a contract type on a day.
    pub fn rules_for(&self, day: NaiveDate) -> impl Iterator<Item = &Versioned<AidRule>> {
        self.rules.iter().filter(move |r| r.replaced_by.is_none() && r.data.applies_on(day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tremplin_domain::parameters::ParameterKind;

    #[test]
    fn the_shipped_tables_hold_domain_section_2() {
        let file = tremplin_domain::parameters::shipped::file();
        let tables = |kind| {
            DatedAmounts::new(
                file.parameters
                    .iter()
                    .filter(|p| p.data.kind == kind)
                    .map(|p| (p.data.effective_from.unwrap(), p.data.amount_cents))
                    .collect(),
            )
        };
        let smic = tables(ParameterKind::SmicHoraire);
        let rsa = tables(ParameterKind::RsaPersonneSeule);
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(smic.on(d("2025-06-01")), Some(1_188));
        assert_eq!(smic.on(d("2026-05-01")), Some(1_202));
        assert_eq!(rsa.on(d("2026-03-31")), Some(64_652));
        assert_eq!(rsa.on(d("2026-04-01")), Some(65_233));
        for p in &file.parameters {
            p.data.clone().validated().unwrap();
        }
        for r in &file.rules {
            r.data.clone().validated().unwrap();
        }
    }
}
