//! The aid's dated parameters in force: the shipped reference file
//! (`assets/reference/aid_parameters.json`) with an administrator's
//! corrections and additions (synced rows) on top. A row replaced by a
//! correction stays listed, for the history, but no longer counts.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::parameters::shipped::{self, Shipped, ShippedFile};
use tremplin_domain::parameters::{AidParameter, AidRule, DatedAmounts, ParameterKind};
use tremplin_store::{Record, Store};

use crate::error::{AppError, AppResult};

/// The shipped rows, then the administrators' in the order entered.
fn versioned<T>(shipped: Vec<Shipped<T>>, entered: Vec<Record<T>>) -> Vec<Versioned<T>> {
    let shipped = shipped.into_iter().map(|s| Versioned {
        id: s.id,
        data: s.data,
        shipped: true,
        entered_at: None,
        replaced_by: None,
    });
    let entered = entered.into_iter().map(|r| Versioned {
        id: r.id,
        data: r.data,
        shipped: false,
        entered_at: Some(r.created_at.to_rfc3339()),
        replaced_by: None,
    });
    shipped.chain(entered).collect()
}

fn shipped() -> ShippedFile {
    shipped::file()
}

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

/// Everything the aid engine needs, as in force now.
pub struct AidTables {
    pub smic: DatedAmounts,
    pub rsa: DatedAmounts,
    pub parameters: Vec<Versioned<AidParameter>>,
    pub rules: Vec<Versioned<AidRule>>,
}

impl AidTables {
    pub fn load(store: &Store) -> AppResult<Self> {
        let file = shipped();
        let mut parameters = versioned(file.parameters, store.aid_parameter_rows()?);
        let mut rules = versioned(file.rules, store.aid_rule_rows()?);
        mark_replaced(&mut parameters, |p| p.replaces_id);
        mark_replaced(&mut rules, |r| r.replaces_id);
        let table = |kind: ParameterKind| {
            // Later rows (an administrator's) win for the same date.
            let mut by_date: BTreeMap<NaiveDate, i64> = BTreeMap::new();
            for p in parameters.iter().filter(|p| p.replaced_by.is_none() && p.data.kind == kind) {
                if let Some(d) = p.data.effective_from {
                    by_date.insert(d, p.data.amount_cents);
                }
            }
            DatedAmounts::new(by_date.into_iter().collect())
        };
        Ok(Self {
            smic: table(ParameterKind::SmicHoraire),
            rsa: table(ParameterKind::RsaPersonneSeule),
            parameters,
            rules,
        })
    }

    /// The rule `id`, if in force (not replaced).
    pub fn rule(&self, id: Uuid) -> AppResult<&AidRule> {
        self.rules.iter().find(|r| r.id == id && r.replaced_by.is_none()).map(|r| &r.data).ok_or_else(|| {
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
        let mut current = id;
        // Follow corrections to the latest version.
        for _ in 0..self.rules.len() {
            let r = self.rules.iter().find(|r| r.id == current)?;
            match r.replaced_by {
                Some(next) => current = next,
                None => return Some(&r.data),
            }
        }
        None
    }

    /// Rules in force for a contract type on a day.
    pub fn rules_for(&self, day: NaiveDate) -> impl Iterator<Item = &Versioned<AidRule>> {
        self.rules.iter().filter(move |r| r.replaced_by.is_none() && r.data.applies_on(day))
    }
}

fn mark_replaced<T>(rows: &mut [Versioned<T>], replaces: impl Fn(&T) -> Option<Uuid>) {
    let pairs: Vec<(Uuid, Uuid)> = rows.iter().filter_map(|r| Some((replaces(&r.data)?, r.id))).collect();
    for (old, new) in pairs {
        if let Some(r) = rows.iter_mut().find(|r| r.id == old) {
            r.replaced_by = Some(new);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_tables_hold_domain_section_2() {
        let file = shipped();
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
