//! Partnership conventions (DOMAIN.md §5): their lifecycle and their
//! quantified commitments. The rules an officer meets when moving a
//! convention from draft to signature, signature to activity, and on to
//! expiry or termination.
//!
//! Lifecycle: brouillon → en signature → signée → active → échue, with
//! résiliée from signée or active, and en signature → brouillon to correct
//! a draft. An avenant is a new version of a signed convention, starting
//! again as a draft.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConventionStatus {
    Brouillon,
    EnSignature,
    Signee,
    Active,
    Echue,
    Resiliee,
}

impl ConventionStatus {
    pub const ALL: [ConventionStatus; 6] = [
        ConventionStatus::Brouillon,
        ConventionStatus::EnSignature,
        ConventionStatus::Signee,
        ConventionStatus::Active,
        ConventionStatus::Echue,
        ConventionStatus::Resiliee,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConventionStatus::Brouillon => "brouillon",
            ConventionStatus::EnSignature => "en_signature",
            ConventionStatus::Signee => "signee",
            ConventionStatus::Active => "active",
            ConventionStatus::Echue => "echue",
            ConventionStatus::Resiliee => "resiliee",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ConventionStatus::Brouillon => "Brouillon",
            ConventionStatus::EnSignature => "En signature",
            ConventionStatus::Signee => "Signée",
            ConventionStatus::Active => "Active",
            ConventionStatus::Echue => "Échue",
            ConventionStatus::Resiliee => "Résiliée",
        }
    }

    /// Where a convention may go from here.
    pub fn next(self) -> &'static [ConventionStatus] {
        use ConventionStatus::*;
        match self {
            Brouillon => &[EnSignature],
            EnSignature => &[Signee, Brouillon],
            Signee => &[Active, Resiliee],
            Active => &[Echue, Resiliee],
            Echue | Resiliee => &[],
        }
    }

    /// Still open to an avenant (a new version).
    pub fn can_be_amended(self) -> bool {
        matches!(self, ConventionStatus::Signee | ConventionStatus::Active)
    }
}

/// What a move in the lifecycle needs to know about the convention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LifecycleFacts {
    /// Partners other than the Département.
    pub partners: usize,
    /// Signatories named, the Département's included.
    pub signatories: usize,
    pub commitments: usize,
    pub duration_months: Option<u32>,
    /// Date the last party signed.
    pub signed_on: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub terminated_on: Option<NaiveDate>,
    pub termination_reason: Option<String>,
}

fn refuse(code: &'static str, field: &'static str, message: impl Into<String>) -> ValidationResult<()> {
    Err(ValidationError::new(code, field, message))
}

/// Checks a move from `from` to `to` on `today`: allowed by the lifecycle,
/// and what the new status requires is there.
pub fn check_transition(
    from: ConventionStatus,
    to: ConventionStatus,
    facts: &LifecycleFacts,
    today: NaiveDate,
) -> ValidationResult<()> {
    use ConventionStatus::*;
    if !from.next().contains(&to) {
        let allowed: Vec<&str> = from.next().iter().map(|s| s.label()).collect();
        return refuse(
            "transition_refused",
            "status",
            if allowed.is_empty() {
                format!(
                    "Statut : une convention {} ne change plus de statut ; pour la prolonger ou la modifier, rédigez un avenant.",
                    from.label().to_lowercase()
                )
            } else {
                format!(
                    "Statut : une convention {} ne peut pas passer à « {} » (possible : {}).",
                    from.label().to_lowercase(),
                    to.label(),
                    allowed.join(", ")
                )
            },
        );
    }
    match to {
        EnSignature => {
            if facts.partners == 0 {
                return refuse(
                    "required",
                    "partners",
                    "Parties : ajoutez au moins un partenaire avant la signature.",
                );
            }
            if facts.signatories < facts.partners + 1 {
                return refuse(
                    "required",
                    "signatories",
                    "Signataires : chaque partie, Département compris, doit avoir son signataire.",
                );
            }
            if facts.commitments == 0 {
                return refuse(
                    "required",
                    "commitments",
                    "Engagements : ajoutez au moins un engagement chiffré.",
                );
            }
            if facts.duration_months.is_none_or(|d| d == 0) {
                return refuse("required", "duration_months", "Durée : indiquez la durée en mois.");
            }
        }
        Signee => match facts.signed_on {
            None => {
                return refuse(
                    "required",
                    "signed_on",
                    "Date de signature : indiquez la date de la dernière signature.",
                );
            }
            Some(d) if d > today => {
                return refuse(
                    "in_future",
                    "signed_on",
                    "Date de signature : elle ne peut pas être dans le futur.",
                );
            }
            Some(_) => {}
        },
        Active => match (facts.starts_on, facts.signed_on) {
            (None, _) => return refuse("required", "starts_on", "Date d'effet : indiquez la date de début."),
            (Some(s), _) if s > today => {
                return refuse(
                    "not_started",
                    "starts_on",
                    format!("Date d'effet : la convention ne prend effet que le {}.", s.format("%d/%m/%Y")),
                );
            }
            (Some(s), Some(signed)) if s < signed => {
                return refuse(
                    "before_signature",
                    "starts_on",
                    "Date d'effet : elle précède la date de signature.",
                );
            }
            _ => {}
        },
        Echue => match facts.ends_on {
            Some(e) if e < today => {}
            _ => {
                return refuse(
                    "not_ended",
                    "ends_on",
                    "Date de fin : une convention n'est échue qu'après sa date de fin (sinon, résiliez-la).",
                );
            }
        },
        Resiliee => {
            if facts.terminated_on.is_none() {
                return refuse("required", "terminated_on", "Date de résiliation : indiquez-la.");
            }
            if facts.termination_reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return refuse("required", "termination_reason", "Motif de résiliation : précisez-le.");
            }
        }
        Brouillon => {}
    }
    Ok(())
}

/// Last day of a convention of `months` months from `start`: the day before
/// the same day `months` later, or the last day of that month when it has
/// no such day (a period from 31 January runs to the end of February).
pub fn end_date(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    use chrono::Datelike;
    let same_day = start.checked_add_months(chrono::Months::new(months))?;
    if same_day.day() == start.day() { same_day.pred_opt() } else { Some(same_day) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConventionStatus::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ready() -> LifecycleFacts {
        LifecycleFacts {
            partners: 2,
            signatories: 3,
            commitments: 4,
            duration_months: Some(24),
            signed_on: Some(d(2015, 12, 18)),
            starts_on: Some(d(2015, 12, 18)),
            ends_on: end_date(d(2015, 12, 18), 24),
            terminated_on: None,
            termination_reason: None,
        }
    }

    #[test]
    fn the_engie_convention_goes_through_its_life() {
        // ENGIE, FACE MEL and the Département, signed on 18 Dec 2015, 24 months.
        let f = ready();
        let today = d(2016, 1, 4);
        for (from, to) in [(Brouillon, EnSignature), (EnSignature, Signee), (Signee, Active)] {
            assert_eq!(check_transition(from, to, &f, today), Ok(()), "{from:?} → {to:?}");
        }
        assert_eq!(f.ends_on, Some(d(2017, 12, 17)));
        let e = check_transition(Active, Echue, &f, today).unwrap_err();
        assert_eq!((e.code, e.field), ("not_ended", "ends_on"));
        assert_eq!(check_transition(Active, Echue, &f, d(2017, 12, 18)), Ok(()));
    }

    #[test]
    fn moves_outside_the_lifecycle_are_refused_with_the_way_forward() {
        let f = ready();
        let today = d(2026, 11, 30);
        let e = check_transition(Brouillon, Active, &f, today).unwrap_err();
        assert_eq!((e.code, e.field), ("transition_refused", "status"));
        assert!(e.message.contains("possible : En signature"), "{}", e.message);
        let e = check_transition(Echue, Active, &f, today).unwrap_err();
        assert!(e.message.contains("avenant"), "{}", e.message);
        assert_eq!(check_transition(EnSignature, Brouillon, &f, today), Ok(()));
        assert!(Signee.can_be_amended() && Active.can_be_amended() && !Brouillon.can_be_amended());
    }

    #[test]
    fn each_status_asks_for_what_it_needs() {
        let today = d(2026, 11, 30);
        let field = |from, to, f: &LifecycleFacts| check_transition(from, to, f, today).unwrap_err().field;
        assert_eq!(field(Brouillon, EnSignature, &LifecycleFacts { partners: 0, ..ready() }), "partners");
        assert_eq!(
            field(Brouillon, EnSignature, &LifecycleFacts { signatories: 2, ..ready() }),
            "signatories"
        );
        assert_eq!(
            field(Brouillon, EnSignature, &LifecycleFacts { commitments: 0, ..ready() }),
            "commitments"
        );
        assert_eq!(
            field(Brouillon, EnSignature, &LifecycleFacts { duration_months: None, ..ready() }),
            "duration_months"
        );
        assert_eq!(field(EnSignature, Signee, &LifecycleFacts { signed_on: None, ..ready() }), "signed_on");
        assert_eq!(
            field(EnSignature, Signee, &LifecycleFacts { signed_on: Some(d(2027, 1, 1)), ..ready() }),
            "signed_on"
        );
        let late = LifecycleFacts { starts_on: Some(d(2027, 1, 1)), ..ready() };
        assert_eq!(check_transition(Signee, Active, &late, today).unwrap_err().code, "not_started");
        let early = LifecycleFacts { starts_on: Some(d(2015, 12, 1)), ..ready() };
        assert_eq!(check_transition(Signee, Active, &early, today).unwrap_err().code, "before_signature");
        assert_eq!(field(Active, Resiliee, &ready()), "terminated_on");
        let no_reason =
            LifecycleFacts { terminated_on: Some(today), termination_reason: Some(" ".into()), ..ready() };
        assert_eq!(field(Active, Resiliee, &no_reason), "termination_reason");
        let ok =
            LifecycleFacts { termination_reason: Some("Cessation d'activité du site".into()), ..no_reason };
        assert_eq!(check_transition(Active, Resiliee, &ok, today), Ok(()));
    }

    #[test]
    fn end_dates_follow_the_calendar() {
        assert_eq!(end_date(d(2016, 2, 23), 36), Some(d(2019, 2, 22)));
        assert_eq!(end_date(d(2016, 3, 24), 12), Some(d(2017, 3, 23)));
        assert_eq!(end_date(d(2017, 1, 31), 1), Some(d(2017, 2, 28)), "no 31 February: the month's last day");
        assert_eq!(end_date(d(2016, 1, 31), 1), Some(d(2016, 2, 29)));
        for s in ConventionStatus::ALL {
            assert_eq!(ConventionStatus::parse(s.as_str()), Some(s));
        }
    }
}
