//! Candidates put forward on a need (« positionnements »): a person
//! followed, proposed to an employer for one of its needs once she agreed
//! to her profile being shared, and where that stands — each step with its
//! date and who made it (docs/placement.md « Candidates put forward »).
//!
//! A record about a person: it is seen by those who see the person
//! (`ScopeRule::AboutPerson`), and the need it hangs from only shows the
//! others how many candidates it has.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult};
use crate::ids::RowId;
use crate::synced::{EntityDef, ScopeRule, Synced, json, one, parse, text};

/// Where a candidacy stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CandidacyStage {
    /// Named to the employer (or kept for it) by the officer.
    Propose,
    CvTransmis,
    Entretien,
    Retenu,
    NonRetenu,
    Embauche,
}

impl CandidacyStage {
    pub const ALL: [Self; 6] =
        [Self::Propose, Self::CvTransmis, Self::Entretien, Self::Retenu, Self::NonRetenu, Self::Embauche];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Propose => "propose",
            Self::CvTransmis => "cv_transmis",
            Self::Entretien => "entretien",
            Self::Retenu => "retenu",
            Self::NonRetenu => "non_retenu",
            Self::Embauche => "embauche",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Propose => "Proposé",
            Self::CvTransmis => "CV transmis",
            Self::Entretien => "Entretien",
            Self::Retenu => "Retenu",
            Self::NonRetenu => "Non retenu",
            Self::Embauche => "Embauché",
        }
    }

    /// Still in progress: neither turned down nor hired.
    pub fn is_in_progress(self) -> bool {
        !matches!(self, Self::NonRetenu | Self::Embauche)
    }

    /// The employer has the profile and owes an answer (the dashboard's
    /// « candidates waiting for an answer »).
    pub fn awaits_employer(self) -> bool {
        matches!(self, Self::CvTransmis | Self::Entretien)
    }

    /// Forward only, steps may be skipped (met at a job dating: straight to
    /// « entretien »); a candidacy can end « non retenu » at any step before
    /// the hire (a withdrawal after « retenu » included). « Embauché » comes
    /// after « retenu » and, like « non retenu », ends it.
    pub fn may_move_to(self, to: Self) -> bool {
        use CandidacyStage::*;
        match (self, to) {
            (NonRetenu | Embauche, _) => false,
            (_, NonRetenu) => true,
            (Retenu, Embauche) => true,
            (_, Embauche | Propose) => false,
            (a, b) => (a as u8) < (b as u8),
        }
    }
}

/// Why a candidate was not kept: a list, never free text (no health or
/// justice detail may be written about a person, docs/domain/personal-data.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NotRetainedReason {
    ProfilNonRetenu,
    CandidatRenonce,
    PostePourvu,
    AbsentEntretien,
    MobiliteHoraires,
    SansReponseEmployeur,
    Autre,
}

impl NotRetainedReason {
    pub const ALL: [Self; 7] = [
        Self::ProfilNonRetenu,
        Self::CandidatRenonce,
        Self::PostePourvu,
        Self::AbsentEntretien,
        Self::MobiliteHoraires,
        Self::SansReponseEmployeur,
        Self::Autre,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProfilNonRetenu => "profil_non_retenu",
            Self::CandidatRenonce => "candidat_renonce",
            Self::PostePourvu => "poste_pourvu",
            Self::AbsentEntretien => "absent_entretien",
            Self::MobiliteHoraires => "mobilite_horaires",
            Self::SansReponseEmployeur => "sans_reponse_employeur",
            Self::Autre => "autre",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::ProfilNonRetenu => "Profil non retenu par l'employeur",
            Self::CandidatRenonce => "La personne a renoncé",
            Self::PostePourvu => "Poste pourvu par une autre candidature",
            Self::AbsentEntretien => "Absence à l'entretien",
            Self::MobiliteHoraires => "Transport ou horaires incompatibles",
            Self::SansReponseEmployeur => "Sans réponse de l'employeur",
            Self::Autre => "Autre motif",
        }
    }
}

/// One move of a candidacy: to which stage, when, by whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StageStep {
    pub stage: CandidacyStage,
    #[ts(type = "string")]
    pub on: NaiveDate,
    pub by: RowId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Candidacy {
    pub need_id: RowId,
    pub person_id: RowId,
    /// The day the person's consent to her profile being shared with an
    /// employer was checked in force (the candidacy's first day).
    #[ts(type = "string")]
    pub consent_on: NaiveDate,
    pub stage: CandidacyStage,
    pub reason: Option<NotRetainedReason>,
    /// Every move, the proposal first; the last is the current stage.
    pub history: Vec<StageStep>,
    /// Set by the server from the person (need-to-know).
    #[serde(default)]
    pub dt_code: Option<String>,
    #[serde(default)]
    pub officer_ids: Vec<RowId>,
}

/// The steps of a synced candidacy's field map (none when unreadable:
/// the record's own check then refuses it).
pub fn history_of(data: &serde_json::Map<String, serde_json::Value>) -> Vec<StageStep> {
    data.get("history").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default()
}

impl Candidacy {
    /// A person proposed for a need by `officer` on `today`. Whether her
    /// consent is in force is the caller's check (it holds the person).
    pub fn propose(need_id: RowId, person_id: RowId, officer: RowId, today: NaiveDate) -> Self {
        Self {
            need_id,
            person_id,
            consent_on: today,
            stage: CandidacyStage::Propose,
            reason: None,
            history: vec![StageStep { stage: CandidacyStage::Propose, on: today, by: officer }],
            dt_code: None,
            officer_ids: Vec::new(),
        }
    }

    /// The candidacy moved to `to` by `officer` on `today`; « non retenu »
    /// says why, from the list, and only it.
    pub fn moved(
        &self,
        to: CandidacyStage,
        reason: Option<NotRetainedReason>,
        officer: RowId,
        today: NaiveDate,
    ) -> ValidationResult<Self> {
        if !self.stage.may_move_to(to) {
            return Err(bad_move(self.stage, to));
        }
        let reason = match (to, reason) {
            (CandidacyStage::NonRetenu, None) => {
                return Err(ValidationError::new(
                    "required",
                    "reason",
                    "Motif : choisissez pourquoi la candidature n'est pas retenue.",
                ));
            }
            (CandidacyStage::NonRetenu, r) => r,
            _ => None,
        };
        let last = self.history.last().map_or(self.consent_on, |s| s.on);
        let on = today.max(last);
        let mut history = self.history.clone();
        history.push(StageStep { stage: to, on, by: officer });
        Ok(Self { stage: to, reason, history, ..self.clone() })
    }

    /// When it last moved.
    pub fn stage_on(&self) -> NaiveDate {
        self.history.last().map_or(self.consent_on, |s| s.on)
    }

    /// A synced row, checked as a whole: it starts « proposé » on its
    /// consent day, every move is one the pipeline allows and in date
    /// order, the last is its stage, and only « non retenu » has a reason.
    pub fn check_row(&self) -> ValidationResult<()> {
        let invalid =
            |m: &str| Err(ValidationError::new("invalid", "history", format!("Historique des étapes : {m}")));
        let Some(first) = self.history.first() else { return invalid("il est vide.") };
        if first.stage != CandidacyStage::Propose || first.on != self.consent_on {
            return invalid("une candidature commence « proposé », le jour de l'accord de la personne.");
        }
        if self.history.len() > CandidacyStage::ALL.len() {
            return invalid("trop d'étapes.");
        }
        for w in self.history.windows(2) {
            if !w[0].stage.may_move_to(w[1].stage) {
                return Err(bad_move(w[0].stage, w[1].stage));
            }
            if w[1].on < w[0].on {
                return invalid("les dates ne se suivent pas.");
            }
        }
        if self.history.last().map(|s| s.stage) != Some(self.stage) {
            return invalid("sa dernière étape n'est pas le statut de la candidature.");
        }
        if (self.stage == CandidacyStage::NonRetenu) != self.reason.is_some() {
            return Err(ValidationError::new(
                "required",
                "reason",
                "Motif : une candidature non retenue a son motif, et elle seule.",
            ));
        }
        Ok(())
    }
}

fn bad_move(from: CandidacyStage, to: CandidacyStage) -> ValidationError {
    ValidationError::new(
        "bad_move",
        "stage",
        format!("Étape : une candidature « {} » ne passe pas à « {} ».", from.label(), to.label()),
    )
}

impl Synced for Candidacy {
    const DEF: EntityDef = EntityDef {
        scope: ScopeRule::AboutPerson { via: Some("person_id") },
        derived: &["dt_code", "officer_ids"],
        references: &[one("need_id", "recruitment_need"), one("person_id", "person")],
        ..EntityDef::new(
            "candidacy",
            &[
                text("need_id"),
                text("person_id"),
                text("consent_on"),
                text("stage"),
                text("reason"),
                json("history"),
                text("dt_code"),
                json("officer_ids"),
            ],
            |d, _| parse::<Candidacy>(d)?.check_row(),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::new_row_id;
    use CandidacyStage::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn stages_go_forward_and_end_hired_or_not_retained() {
        assert!(Propose.may_move_to(CvTransmis) && Propose.may_move_to(Entretien));
        assert!(Entretien.may_move_to(Retenu) && Retenu.may_move_to(Embauche));
        assert!(Propose.may_move_to(NonRetenu) && Retenu.may_move_to(NonRetenu));
        assert!(!Entretien.may_move_to(CvTransmis), "no step back");
        assert!(!Entretien.may_move_to(Embauche), "hired only once kept");
        assert!(!Embauche.may_move_to(NonRetenu) && !NonRetenu.may_move_to(Propose));
        assert!(!Propose.may_move_to(Propose));
    }

    #[test]
    fn each_move_is_dated_and_signed_and_a_refusal_says_why() {
        let (me, colleague) = (new_row_id(), new_row_id());
        let c = Candidacy::propose(new_row_id(), new_row_id(), me, day("2026-11-02"));
        assert!(c.check_row().is_ok());
        let c = c.moved(CvTransmis, None, me, day("2026-11-03")).unwrap();
        let c = c.moved(Entretien, Some(NotRetainedReason::Autre), colleague, day("2026-11-10")).unwrap();
        assert_eq!((c.stage, c.reason, c.stage_on()), (Entretien, None, day("2026-11-10")));
        assert_eq!(c.history.iter().map(|s| s.by).collect::<Vec<_>>(), [me, me, colleague]);
        let e = c.moved(NonRetenu, None, me, day("2026-11-12")).unwrap_err();
        assert_eq!((e.code, e.field), ("required", "reason"));
        let e = c.moved(Embauche, None, me, day("2026-11-12")).unwrap_err();
        assert_eq!((e.code, e.field), ("bad_move", "stage"));
        let no = c.moved(NonRetenu, Some(NotRetainedReason::AbsentEntretien), me, day("2026-11-12")).unwrap();
        assert!(no.check_row().is_ok() && !no.stage.is_in_progress());
    }

    #[test]
    fn a_forged_history_is_refused() {
        let me = new_row_id();
        let c = Candidacy::propose(new_row_id(), new_row_id(), me, day("2026-11-02"))
            .moved(Retenu, None, me, day("2026-11-05"))
            .unwrap();
        // Skipping to the hire without being kept.
        let mut skipped = c.clone();
        skipped.history[1].stage = Embauche;
        skipped.stage = Embauche;
        assert_eq!(skipped.check_row().unwrap_err().code, "bad_move");
        // A stage the history does not reach.
        let claimed = Candidacy { stage: Embauche, ..c.clone() };
        assert_eq!(claimed.check_row().unwrap_err().field, "history");
        // Moves dated backwards.
        let mut back = c.clone();
        back.history[1].on = day("2026-11-01");
        assert_eq!(back.check_row().unwrap_err().field, "history");
        // A reason on a candidacy still running.
        let reason = Candidacy { reason: Some(NotRetainedReason::Autre), ..c };
        assert_eq!(reason.check_row().unwrap_err().field, "reason");
    }
}
