//! A convention's quantified commitments (docs/domain/conventions.md « Commitments », « Annex 2 indicators »):
//! an indicator, its unit, a target per year, and how far along it is.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult, optional_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, Synced, json, one, parse, text};

/// The indicators of Annex 2; `Autre` takes a label of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    OffresTransmises,
    Recrutements,
    RecrutementsDurables,
    Alternance,
    Cdi,
    ContratsAides,
    Pmsmp,
    JobDatings,
    Parrains,
    Autre,
}

impl Indicator {
    pub const ALL: [Indicator; 10] = [
        Indicator::OffresTransmises,
        Indicator::Recrutements,
        Indicator::RecrutementsDurables,
        Indicator::Alternance,
        Indicator::Cdi,
        Indicator::ContratsAides,
        Indicator::Pmsmp,
        Indicator::JobDatings,
        Indicator::Parrains,
        Indicator::Autre,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Indicator::OffresTransmises => "Offres d'emploi transmises en priorité",
            Indicator::Recrutements => "Recrutements de personnes accompagnées",
            Indicator::RecrutementsDurables => "Recrutements en emploi durable (CDI ou CDD ≥ 6 mois)",
            Indicator::Alternance => "Recrutements en alternance",
            Indicator::Cdi => "Recrutements en CDI",
            Indicator::ContratsAides => "Recrutements en contrat aidé (CUI-CIE, PEC-CAE)",
            Indicator::Pmsmp => "Périodes de mise en situation en milieu professionnel accueillies",
            Indicator::JobDatings => "Job datings, visites et informations collectives",
            Indicator::Parrains => "Parrains et marraines mobilisés",
            Indicator::Autre => "Autre indicateur",
        }
    }

    /// The unit it is counted in.
    pub fn unit(self) -> &'static str {
        match self {
            Indicator::OffresTransmises => "offres",
            Indicator::Recrutements
            | Indicator::RecrutementsDurables
            | Indicator::Alternance
            | Indicator::Cdi
            | Indicator::ContratsAides => "personnes",
            Indicator::Pmsmp => "périodes",
            Indicator::JobDatings => "actions",
            Indicator::Parrains => "parrains",
            Indicator::Autre => "",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct YearTarget {
    pub year: i32,
    pub target: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct YearActual {
    pub year: i32,
    pub actual: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CommitmentInput {
    pub convention_id: Option<RowId>,
    pub indicator: Option<Indicator>,
    /// Required for `autre`; replaces the standard label otherwise.
    pub label: Option<String>,
    /// Required for `autre`.
    pub unit: Option<String>,
    pub targets: Vec<YearTarget>,
}

/// One quantified commitment of a convention (a row of Annex 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Commitment {
    pub convention_id: RowId,
    /// Order in the convention's table.
    pub position: u32,
    pub indicator: Indicator,
    pub label: String,
    pub unit: String,
    /// By year, ascending.
    pub targets: Vec<YearTarget>,
    /// Actuals entered by hand, by year (indicators computed from records
    /// ignore them).
    pub actuals: Vec<YearActual>,
}

/// Highest yearly target accepted (a typo guard, far above any convention).
const MAX_TARGET: u32 = 100_000;

impl Commitment {
    /// Validates a commitment of a convention running over `years`
    /// (inclusive calendar years).
    pub fn validate(input: &CommitmentInput, years: (i32, i32)) -> ValidationResult<Self> {
        let convention_id = input.convention_id.ok_or_else(|| {
            ValidationError::new("required", "convention_id", "Convention : l'engagement doit en relever.")
        })?;
        let indicator = input.indicator.ok_or_else(|| {
            ValidationError::new(
                "required",
                "indicator",
                "Indicateur : choisissez l'indicateur de l'engagement.",
            )
        })?;
        let label = optional_text(input.label.as_deref(), "label", "Libellé", 200)?;
        let unit = optional_text(input.unit.as_deref(), "unit", "Unité", 40)?;
        let (label, unit) = match indicator {
            Indicator::Autre => (
                label.ok_or_else(|| {
                    ValidationError::new("required", "label", "Libellé : décrivez cet engagement.")
                })?,
                unit.ok_or_else(|| {
                    ValidationError::new(
                        "required",
                        "unit",
                        "Unité : précisez ce qui est compté (ex. « candidats »).",
                    )
                })?,
            ),
            i => {
                (label.unwrap_or_else(|| i.label().to_string()), unit.unwrap_or_else(|| i.unit().to_string()))
            }
        };
        if input.targets.is_empty() {
            return Err(ValidationError::new(
                "required",
                "targets",
                "Objectifs : indiquez au moins une année et sa cible.",
            ));
        }
        let mut seen = BTreeSet::new();
        for t in &input.targets {
            if !seen.insert(t.year) {
                return Err(ValidationError::new(
                    "duplicate_year",
                    "targets",
                    format!("Objectifs : l'année {} figure deux fois.", t.year),
                ));
            }
            if t.year < years.0 || t.year > years.1 {
                return Err(ValidationError::new(
                    "year_out_of_range",
                    "targets",
                    format!(
                        "Objectifs : {} est hors de la durée de la convention ({}–{}).",
                        t.year, years.0, years.1
                    ),
                ));
            }
            if t.target == 0 || t.target > MAX_TARGET {
                return Err(ValidationError::new(
                    "out_of_range",
                    "targets",
                    format!("Objectifs : la cible de {} doit être comprise entre 1 et {MAX_TARGET}.", t.year),
                ));
            }
        }
        let mut targets = input.targets.clone();
        targets.sort_by_key(|t| t.year);
        Ok(Self { convention_id, position: 0, indicator, label, unit, targets, actuals: Vec::new() })
    }

    /// Records an actual for `year` (replacing the previous one).
    pub fn with_actual(&self, year: i32, actual: u32, years: (i32, i32)) -> ValidationResult<Self> {
        if year < years.0 || year > years.1 {
            return Err(ValidationError::new(
                "year_out_of_range",
                "year",
                format!("Année : {year} est hors de la durée de la convention ({}–{}).", years.0, years.1),
            ));
        }
        if actual > MAX_TARGET {
            return Err(ValidationError::new(
                "out_of_range",
                "actual",
                format!("Réalisé : {actual} dépasse le maximum accepté ({MAX_TARGET})."),
            ));
        }
        let mut next = self.clone();
        next.actuals.retain(|a| a.year != year);
        next.actuals.push(YearActual { year, actual });
        next.actuals.sort_by_key(|a| a.year);
        Ok(next)
    }

    pub fn entered_actual(&self, year: i32) -> Option<u32> {
        self.actuals.iter().find(|a| a.year == year).map(|a| a.actual)
    }

    /// Checks a record as stored (from another device).
    pub fn check(&self) -> ValidationResult<()> {
        let input = CommitmentInput {
            convention_id: Some(self.convention_id),
            indicator: Some(self.indicator),
            label: Some(self.label.clone()),
            unit: Some(self.unit.clone()),
            targets: self.targets.clone(),
        };
        Self::validate(&input, (i32::MIN, i32::MAX))?;
        let mut years = BTreeSet::new();
        if self.actuals.iter().any(|a| !years.insert(a.year) || a.actual > MAX_TARGET) {
            return Err(ValidationError::new("invalid", "actuals", "Réalisé : une année figure deux fois."));
        }
        Ok(())
    }
}

impl Indicator {
    /// Counted from the records this device holds rather than entered:
    /// job datings and company events are the contact log's "événement"
    /// entries with the partner's sites; hires are the hires that count
    /// for the convention (shared: every device counts the same).
    pub fn computed_from_records(self) -> bool {
        self.counts_hires() || matches!(self, Indicator::JobDatings)
    }

    /// Whether `hire` counts for this indicator (the indicator counts hires).
    pub fn counts_hire(self, hire: &crate::hire::HireTerms) -> bool {
        use crate::need::NeedContract;
        match self {
            Indicator::Recrutements => true,
            Indicator::RecrutementsDurables => hire.is_durable(),
            Indicator::Alternance => hire.contract == NeedContract::Alternance,
            Indicator::Cdi => hire.is_open_ended(),
            Indicator::ContratsAides => hire.is_aided(),
            _ => false,
        }
    }

    /// Counted from the hires recorded for the convention.
    pub fn counts_hires(self) -> bool {
        matches!(
            self,
            Indicator::Recrutements
                | Indicator::RecrutementsDurables
                | Indicator::Alternance
                | Indicator::Cdi
                | Indicator::ContratsAides
        )
    }

    /// Entered, with the count the records give shown beside it: parrains
    /// and marraines whose charter was signed within the year, by the
    /// partner's people or in a programme serving the convention. The entry
    /// stays the figure: programmes older than the records have none.
    pub fn recorded_alongside(self) -> bool {
        matches!(self, Indicator::Parrains)
    }
}

/// Where a yearly target stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    /// Target reached.
    Atteint,
    /// At or above what the elapsed share of the period calls for.
    DansLesTemps,
    /// Below it: to put on the agenda.
    EnRetard,
    /// The period has not begun.
    AVenir,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Progress {
    pub target: u32,
    pub actual: u32,
    /// What the elapsed share of the period calls for (rounded down).
    pub expected: u32,
    pub pace: Pace,
}

/// Progress of `actual` against `target` for `year`, the year being cut to
/// the convention's dates (`from`..=`to`), on `today`.
pub fn progress(
    target: u32,
    actual: u32,
    year: i32,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Progress {
    let start = from.max(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(from));
    let end = to.min(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(to));
    let expected = if today < start {
        0
    } else if today >= end || end <= start {
        target
    } else {
        let total = (end - start).num_days() + 1;
        let elapsed = (today - start).num_days() + 1;
        (u64::from(target) * elapsed as u64 / total as u64) as u32
    };
    let pace = if actual >= target {
        Pace::Atteint
    } else if today < start {
        Pace::AVenir
    } else if actual >= expected {
        Pace::DansLesTemps
    } else {
        Pace::EnRetard
    };
    Progress { target, actual, expected, pace }
}

/// Calendar years a convention covers.
pub fn years_of(from: NaiveDate, to: NaiveDate) -> (i32, i32) {
    (from.year(), to.year())
}

impl Synced for Commitment {
    const DEF: EntityDef = EntityDef {
        references: &[one("convention_id", "convention")],
        ..EntityDef::new(
            "commitment",
            &[
                text("convention_id"),
                text("position"),
                text("indicator"),
                text("label"),
                text("unit"),
                json("targets"),
                json("actuals"),
            ],
            |d, _| parse::<Commitment>(d)?.check(),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn standard_indicators_take_their_label_and_unit_others_must_say() {
        let years = years_of(d(2015, 12, 18), d(2017, 12, 17));
        assert_eq!(years, (2015, 2017));
        let c = Commitment::validate(
            &CommitmentInput {
                convention_id: Some(crate::new_row_id()),
                indicator: Some(Indicator::Recrutements),
                targets: vec![YearTarget { year: 2017, target: 30 }, YearTarget { year: 2016, target: 20 }],
                ..Default::default()
            },
            years,
        )
        .unwrap();
        assert_eq!((c.unit.as_str(), c.targets[0].year), ("personnes", 2016));
        let mut other = CommitmentInput {
            convention_id: Some(crate::new_row_id()),
            indicator: Some(Indicator::Autre),
            ..Default::default()
        };
        other.targets = vec![YearTarget { year: 2016, target: 4 }];
        assert_eq!(Commitment::validate(&other, years).unwrap_err().field, "label");
        other.label = Some("Ateliers CV en agence".into());
        assert_eq!(Commitment::validate(&other, years).unwrap_err().field, "unit");
        other.unit = Some("ateliers".into());
        assert_eq!(Commitment::validate(&other, years).unwrap().label, "Ateliers CV en agence");
    }

    #[test]
    fn targets_are_checked_year_by_year() {
        let years = (2016, 2017);
        let input = |targets: Vec<(i32, u32)>| CommitmentInput {
            convention_id: Some(crate::new_row_id()),
            indicator: Some(Indicator::Pmsmp),
            targets: targets.into_iter().map(|(year, target)| YearTarget { year, target }).collect(),
            ..Default::default()
        };
        let code = |t| Commitment::validate(&input(t), years).unwrap_err().code;
        assert_eq!(
            Commitment::validate(&CommitmentInput::default(), years).unwrap_err().field,
            "convention_id"
        );
        let bare = CommitmentInput { convention_id: Some(crate::new_row_id()), ..Default::default() };
        assert_eq!(Commitment::validate(&bare, years).unwrap_err().field, "indicator");
        assert_eq!(code(vec![]), "required");
        assert_eq!(code(vec![(2016, 5), (2016, 6)]), "duplicate_year");
        assert_eq!(code(vec![(2019, 5)]), "year_out_of_range");
        assert_eq!(code(vec![(2016, 0)]), "out_of_range");
    }

    #[test]
    fn pace_follows_the_elapsed_share_of_the_year() {
        // 2016, whole year in the convention: on 1 July (183rd day of 366),
        // 20 hires call for 10 by now.
        let (from, to) = (d(2015, 12, 18), d(2017, 12, 17));
        let p = progress(20, 9, 2016, from, to, d(2016, 7, 1));
        assert_eq!((p.expected, p.pace), (10, Pace::EnRetard));
        assert_eq!(progress(20, 10, 2016, from, to, d(2016, 7, 1)).pace, Pace::DansLesTemps);
        assert_eq!(progress(20, 20, 2016, from, to, d(2016, 7, 1)).pace, Pace::Atteint);
        assert_eq!(progress(20, 0, 2017, from, to, d(2016, 7, 1)).pace, Pace::AVenir);
        // The first year is cut to the convention's start (18–31 Dec 2015).
        let p = progress(2, 0, 2015, from, to, d(2015, 12, 24));
        assert_eq!((p.expected, p.pace), (1, Pace::EnRetard));
        // Past the period, the whole target is due.
        assert_eq!(progress(20, 19, 2016, from, to, d(2017, 2, 1)).expected, 20);
    }

    #[test]
    fn actuals_replace_the_year_and_stay_in_the_convention() {
        let c = Commitment::validate(
            &CommitmentInput {
                convention_id: Some(crate::new_row_id()),
                indicator: Some(Indicator::Recrutements),
                targets: vec![YearTarget { year: 2016, target: 20 }],
                ..Default::default()
            },
            (2015, 2017),
        )
        .unwrap();
        let c = c.with_actual(2016, 7, (2015, 2017)).unwrap().with_actual(2016, 9, (2015, 2017)).unwrap();
        assert_eq!((c.entered_actual(2016), c.actuals.len()), (Some(9), 1));
        assert_eq!(c.with_actual(2019, 1, (2015, 2017)).unwrap_err().field, "year");
        assert_eq!(c.check(), Ok(()));
    }
}
