//! Candidates put forward on a need (docs/placement.md « Candidates put
//! forward »): propose a person — her consent to share her profile with
//! an employer recorded first —, move the candidacy along, list them for
//! a need or a person. Hiring goes through `hire.create`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::candidacy::{Candidacy, CandidacyStage, NotRetainedReason};
use tremplin_domain::need::NeedStatus;
use tremplin_domain::new_row_id;
use tremplin_domain::person::{Consent, ConsentHow, ConsentRecord, Person};
use tremplin_store::Store;
use tremplin_store::queries::placement::CandidacySummary;

use super::IdRequest;
use super::people::Access;
use crate::app::App;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProposeRequest {
    pub need_id: Uuid,
    pub person_id: Uuid,
    /// When the person's consent to her profile being shared with an
    /// employer is not on her record yet: she gives it today, this way
    /// (recorded on her record with the candidacy).
    #[serde(default)]
    pub consent_how: Option<ConsentHow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MoveCandidacyRequest {
    pub id: Uuid,
    pub to: CandidacyStage,
    /// Required for « non retenu », ignored otherwise.
    #[serde(default)]
    pub reason: Option<NotRetainedReason>,
}

/// Puts a person forward on a need. A need still « à qualifier » or closed
/// takes no one; an open need moves to « candidats proposés ».
pub fn propose(app: &App, req: ProposeRequest) -> AppResult<CandidacySummary> {
    let today = app.clock().today();
    let mut store = app.store();
    let access = Access::of(&store)?;
    let person = access.visible::<Person>(&store, req.person_id)?;
    let need = super::needs::live(&store, req.need_id)?;
    if !need.status.takes_candidates() {
        return Err(AppError::field(
            "need_closed",
            "need_id",
            format!(
                "Besoin « {} » : on ne propose personne sur un besoin {}.",
                need.job_title,
                match need.status {
                    NeedStatus::AQualifier => "à qualifier (qualifiez-le d'abord)",
                    _ => "pourvu ou abandonné",
                }
            ),
        ));
    }
    if store.candidacy_of(req.need_id, req.person_id)?.is_some() {
        return Err(AppError::field(
            "duplicate",
            "person_id",
            "Candidature : cette personne est déjà proposée sur ce besoin.",
        ));
    }
    let mut person = person.data;
    let consented = person.consents_to(Consent::PartageProfilEmployeur, today);
    if let Some(w) = person
        .consents
        .iter()
        .find(|c| c.kind == Consent::PartageProfilEmployeur)
        .and_then(|c| c.withdrawn_on)
        .filter(|_| !consented)
    {
        return Err(AppError::field(
            "consent_withdrawn",
            "consent_how",
            format!(
                "Accord de la personne : elle l'a retiré le {} ; son profil n'est plus transmis à un employeur.",
                w.format("%d/%m/%Y")
            ),
        ));
    }
    if !consented {
        let Some(how) = req.consent_how else {
            return Err(AppError::field(
                "consent_required",
                "consent_how",
                "Accord de la personne : son profil n'est transmis à un employeur qu'avec son accord ; \
                 indiquez comment elle l'a donné.",
            ));
        };
        person.consents.push(ConsentRecord {
            kind: Consent::PartageProfilEmployeur,
            given_on: Some(today),
            how: Some(how),
            withdrawn_on: None,
        });
        person = person.validated()?;
    }
    let me = access.officer.id;
    let mut candidacy = Candidacy::propose(req.need_id, req.person_id, me, today);
    candidacy.dt_code = person.dt_code.clone();
    candidacy.officer_ids = access.involved(&[&person.officer_ids]);
    let id = new_row_id();
    store.write(|w| {
        if !consented {
            w.update(req.person_id, &person)?;
        }
        w.create(id, &candidacy)?;
        if need.status == NeedStatus::Ouvert {
            let moved = need.moved(NeedStatus::CandidatsProposes, None, me, today)?;
            w.update(req.need_id, &moved)?;
        }
        Ok::<_, AppError>(())
    })?;
    summary(&store, id)
}

/// Moves a candidacy one or more steps on (« embauché » is the hire form's).
pub fn move_to(app: &App, req: MoveCandidacyRequest) -> AppResult<CandidacySummary> {
    if req.to == CandidacyStage::Embauche {
        return Err(AppError::field(
            "hire_form",
            "to",
            "Embauche : enregistrez-la avec le contrat (bouton « Embauché… »).",
        ));
    }
    let today = app.clock().today();
    let mut store = app.store();
    let access = Access::of(&store)?;
    let current = access.visible::<Candidacy>(&store, req.id)?;
    // Her profile goes to the employer only while her consent stands.
    if req.to == CandidacyStage::CvTransmis {
        let person = access.visible::<Person>(&store, current.data.person_id)?;
        if !person.data.consents_to(Consent::PartageProfilEmployeur, today) {
            return Err(AppError::field(
                "no_consent",
                "to",
                "CV transmis : la personne n'a pas (ou plus) donné son accord pour que son profil soit transmis.",
            ));
        }
    }
    let moved = current.data.moved(req.to, req.reason, access.officer.id, today)?;
    store.write(|w| w.update(req.id, &moved).map(drop).map_err(AppError::from))?;
    summary(&store, req.id)
}

/// The candidacies of a need this officer may see (the others are only
/// counted, on the need).
pub fn of_need(app: &App, req: IdRequest) -> AppResult<Vec<CandidacySummary>> {
    let store = app.reader();
    let access = Access::of(&store)?;
    access.retain_visible::<Candidacy, _>(&store, store.candidacies_of_need(req.id)?, |s| s.id)
}

pub fn of_person(app: &App, req: IdRequest) -> AppResult<Vec<CandidacySummary>> {
    let store = app.reader();
    let access = Access::of(&store)?;
    access.visible::<Person>(&store, req.id)?;
    access.retain_visible::<Candidacy, _>(&store, store.candidacies_of_person(req.id)?, |s| s.id)
}

/// Withdraws a candidacy entered by mistake: only while it is « proposé »
/// (later steps are history the employer shared in).
pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let c = access.visible::<Candidacy>(&store, req.id)?;
    if c.data.stage != CandidacyStage::Propose {
        return Err(AppError::new(
            "not_deletable",
            "Candidature : elle a avancé au-delà de « proposé » ; passez-la « non retenu » avec son motif.",
        ));
    }
    store.write(|w| w.delete::<Candidacy>(req.id).map_err(AppError::from))
}

pub(crate) fn summary(store: &Store, id: Uuid) -> AppResult<CandidacySummary> {
    let c = store.get::<Candidacy>(id)?.ok_or_else(|| AppError::not_found("Candidature"))?;
    store
        .candidacies_of_need(c.data.need_id)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::not_found("Candidature"))
}
