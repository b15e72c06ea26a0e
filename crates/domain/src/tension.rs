//! The métiers en tension (jobs employers struggle to fill): a dated list
//! of ROME fiches the administrators keep, each entry with its source and,
//! when it holds for one territory only, its DT. A need whose job is on the
//! list in force is flagged (docs/placement.md « Métiers en tension »).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Checks, ValidationError, ValidationResult, optional_text, required_text};
use crate::person::rome_code;
use crate::synced::{EntityDef, Synced, parse, text};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TensionJobInput {
    pub rome_code: String,
    #[ts(type = "string | null")]
    pub effective_from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub effective_to: Option<NaiveDate>,
    /// The DT it holds for (none: the whole Département).
    pub dt_code: Option<String>,
    /// Where it comes from: the arrêté, the BMO survey and year…
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TensionJob {
    pub rome_code: String,
    #[ts(type = "string")]
    pub effective_from: NaiveDate,
    #[ts(type = "string | null")]
    pub effective_to: Option<NaiveDate>,
    pub dt_code: Option<String>,
    pub source: String,
}

impl TensionJob {
    pub fn create(input: &TensionJobInput) -> ValidationResult<Self> {
        let mut c = Checks::default();
        let rome = c.value(rome_code(&input.rome_code, "rome_code"));
        if input.effective_from.is_none() {
            c.push(ValidationError::new(
                "required",
                "effective_from",
                "En vigueur à partir du : date obligatoire.",
            ));
        }
        if let (Some(from), Some(to)) = (input.effective_from, input.effective_to)
            && to < from
        {
            c.push(ValidationError::new("date_order", "effective_to", "Jusqu'au : après la date de début."));
        }
        let dt_code =
            c.value(optional_text(input.dt_code.as_deref(), "dt_code", "Direction territoriale", 10));
        let source = c.value(required_text(&input.source, "source", "Source", 300));
        c.finish()?;
        Ok(Self {
            rome_code: rome,
            effective_from: input.effective_from.unwrap_or_default(),
            effective_to: input.effective_to,
            dt_code,
            source,
        })
    }

    pub fn to_input(&self) -> TensionJobInput {
        TensionJobInput {
            rome_code: self.rome_code.clone(),
            effective_from: Some(self.effective_from),
            effective_to: self.effective_to,
            dt_code: self.dt_code.clone(),
            source: self.source.clone(),
        }
    }

    /// Whether it holds on `day` for a job in `dt` (a Département-wide
    /// entry holds everywhere).
    pub fn holds(&self, rome: &str, day: NaiveDate, dt: Option<&str>) -> bool {
        self.rome_code == rome
            && self.effective_from <= day
            && self.effective_to.is_none_or(|to| to >= day)
            && self.dt_code.as_deref().is_none_or(|d| Some(d) == dt)
    }
}

impl Synced for TensionJob {
    const DEF: EntityDef = EntityDef::new(
        "tension_job",
        &[text("rome_code"), text("effective_from"), text("effective_to"), text("dt_code"), text("source")],
        |d, _| parse::<TensionJob>(d).and_then(|t| TensionJob::create(&t.to_input()).map(drop)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_entry_holds_between_its_dates_and_in_its_territory() {
        let t = TensionJob::create(&TensionJobInput {
            rome_code: "k1302".into(),
            effective_from: Some(day("2026-01-01")),
            effective_to: Some(day("2026-12-31")),
            dt_code: Some("ML".into()),
            source: "BMO 2026, bassin de Lille".into(),
        })
        .unwrap();
        assert_eq!(t.rome_code, "K1302");
        assert!(t.holds("K1302", day("2026-06-30"), Some("ML")));
        assert!(!t.holds("K1302", day("2027-01-01"), Some("ML")), "after its end");
        assert!(!t.holds("K1302", day("2026-06-30"), Some("FM")), "another territory");
        assert!(!t.holds("K1303", day("2026-06-30"), Some("ML")));
        let everywhere = TensionJob { dt_code: None, effective_to: None, ..t };
        assert!(everywhere.holds("K1302", day("2030-01-01"), None));
        let e = TensionJob::create(&TensionJobInput::default()).unwrap_err();
        let fields: Vec<&str> = e.all().map(|e| e.field).collect();
        assert_eq!(fields, ["rome_code", "effective_from", "source"]);
    }
}
