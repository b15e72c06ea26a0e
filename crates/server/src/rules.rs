//! Who may write each synced entity. Everything else about an entity (its
//! fields, validation, scope rule, derived fields, references, whether it
//! is deleted or append-only) is the domain's registry,
//! `tremplin_domain::synced`; adding an entity there and one line here is
//! all the server needs.

use serde_json::Value;
use tremplin_domain::synced::{self, EntityDef, ScopeRule};
use tremplin_protocol::{Fields, Role};
use uuid::Uuid;

use crate::auth::Caller;
use crate::scope::Scope;

/// A refused write: stable code, French message, field at fault.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
    pub field: Option<&'static str>,
}

/// An entity as the server handles it: its registry entry and who may
/// write it.
pub struct EntityRule {
    pub def: &'static EntityDef,
    /// Checks a write by `caller`: `old` is the row before (None for a
    /// create), `new` the row after.
    pub may_write: fn(&Caller, Option<&Fields>, &Fields) -> Result<(), Refusal>,
}

impl EntityRule {
    /// The row's scope, once its derived fields are set.
    pub fn scope(&self, data: &Fields) -> Scope {
        let users =
            |fields: &[&str]| -> Vec<Uuid> { fields.iter().filter_map(|f| uuid_field(data, f)).collect() };
        match self.def.scope {
            ScopeRule::Shared => Scope::shared(),
            ScopeRule::AboutPerson { .. } => {
                let users = uuid_list(data.get("officer_ids"));
                let dt = data.get("dt_code").and_then(Value::as_str).map(str::to_string);
                Scope { restricted: true, users, dt }
            }
            ScopeRule::Assigned { users: fields } => {
                Scope { restricted: true, users: users(fields), dt: None }
            }
            ScopeRule::Own { user } => Scope { restricted: true, users: users(&[user]), dt: None },
        }
    }
}

/// Who may write each entity; everything else about it is the registry's.
static RULES: &[(&str, WriteCheck)] = &[
    ("organisation", anyone),
    ("contact", anyone),
    ("interaction", author_only),
    ("task", task_write),
    ("convention", convention_write),
    ("commitment", anyone),
    ("committee_meeting", anyone),
    ("membership", anyone),
    ("account_objective", anyone),
    // Need-to-know is the scope's business: whoever sees the person may
    // write about them; her consents' history only grows.
    ("person", person_write),
    ("aided_contract", anyone),
    ("pairing", anyone),
    ("mentoring_meeting", anyone),
    ("audit_entry", audit_write),
    // The aid's dated parameters are everyone's to read, administrators' to write.
    ("aid_parameter", admin_only),
    ("aid_rule", admin_only),
    // Retention periods likewise.
    ("retention_period", retention_admin_only),
    // Whoever sees the person may ask for her erasure (processed by the
    // server's purge), in their own name.
    ("erasure_request", erasure_write),
    ("mentoring_programme", anyone),
    ("mentor", anyone),
    // Employer data: a need is everyone's to see and to work on; its moves
    // follow the pipeline and are signed by whoever makes them.
    ("recruitment_need", need_write),
    // About a person: whoever sees her may put her forward; each step is
    // signed by whoever makes it, and the history only grows.
    ("candidacy", candidacy_write),
    // The employment fact is shared work; what the conventions count is
    // changed by the officer following it (deleting it is its creator's).
    ("hire", hire_write),
    ("hired_person", hired_person_write),
    // Employer data: a grand projet and its insertion clause are everyone's
    // to see and to work on.
    ("grand_project", anyone),
    // The métiers en tension list is everyone's to read, administrators' to write.
    ("tension_job", tension_admin_only),
    // Employer data: an event is everyone's to see and to work on; its
    // status follows its lifecycle.
    ("event", event_write),
    // About a person: whoever sees her may invite her; who invited her and
    // to what stays.
    ("event_invitation", invitation_write),
];

type WriteCheck = fn(&Caller, Option<&Fields>, &Fields) -> Result<(), Refusal>;

pub fn rule(entity: &str) -> Option<EntityRule> {
    let def = synced::entity(entity)?;
    let (_, may_write) = RULES.iter().find(|(name, _)| *name == entity)?;
    Some(EntityRule { def, may_write: *may_write })
}

fn uuid_field(data: &Fields, field: &str) -> Option<Uuid> {
    uuid_of(data.get(field))
}

/// A JSON value as an id, if it is one.
pub(crate) fn uuid_of(v: Option<&Value>) -> Option<Uuid> {
    v.and_then(Value::as_str).and_then(|s| s.parse().ok())
}

/// The ids of a JSON array (an officer list); others are skipped.
pub(crate) fn uuid_list(v: Option<&Value>) -> Vec<Uuid> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| uuid_of(Some(v))).collect())
        .unwrap_or_default()
}

fn anyone(_: &Caller, _: Option<&Fields>, _: &Fields) -> Result<(), Refusal> {
    Ok(())
}

/// Written once, by the officer it names; never changed.
fn audit_write(caller: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    if old.is_some_and(|o| o != new) {
        return Err(Refusal {
            code: "append_only",
            message: "Journal d'accès : une entrée ne se modifie pas.".into(),
            field: None,
        });
    }
    if uuid_field(new, "officer_id") != Some(caller.user.id) {
        return Err(Refusal {
            code: "not_author",
            message: "Journal d'accès : une entrée est écrite au nom de la personne connectée.".into(),
            field: Some("officer_id"),
        });
    }
    Ok(())
}

/// An erasure request is made in the name of the person connected.
fn erasure_write(caller: &Caller, _: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    if uuid_field(new, "officer_id") == Some(caller.user.id) {
        return Ok(());
    }
    Err(Refusal {
        code: "not_author",
        message: "Demande d'effacement : elle est faite au nom de la personne connectée.".into(),
        field: Some("officer_id"),
    })
}

fn retention_admin_only(caller: &Caller, _: Option<&Fields>, _: &Fields) -> Result<(), Refusal> {
    administrators_only(
        caller,
        "Durées de conservation : seul un administrateur les modifie ; demandez-lui de saisir cette durée, puis supprimez-la de ce poste.",
    )
}

fn tension_admin_only(caller: &Caller, _: Option<&Fields>, _: &Fields) -> Result<(), Refusal> {
    administrators_only(
        caller,
        "Métiers en tension : seul un administrateur tient la liste ; demandez-lui d'y ajouter ce métier, puis supprimez-le de ce poste.",
    )
}

fn admin_only(caller: &Caller, _: Option<&Fields>, _: &Fields) -> Result<(), Refusal> {
    administrators_only(
        caller,
        "Paramètres de l'aide : seul un administrateur les modifie ; demandez-lui de saisir cette valeur, puis supprimez-la de ce poste.",
    )
}

/// Written by administrators only; `message` says whom to ask, and that
/// the device's own copy is then to be removed.
fn administrators_only(caller: &Caller, message: &str) -> Result<(), Refusal> {
    if caller.user.role == Role::Administrateur {
        return Ok(());
    }
    Err(Refusal { code: "admin_only", message: message.into(), field: None })
}

/// A contact log entry is written and edited by its author only.
fn author_only(caller: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    if caller.user.role == Role::Administrateur {
        return Ok(());
    }
    let me = Some(caller.user.id);
    if old.is_some_and(|o| uuid_field(o, "officer_id") != me) {
        return Err(Refusal {
            code: "not_author",
            message: "Seul l'auteur d'un contact consigné peut le modifier.".into(),
            field: None,
        });
    }
    if uuid_field(new, "officer_id") != me {
        return Err(Refusal {
            code: "not_author",
            message: "Agent : un contact est consigné au nom de la personne connectée.".into(),
            field: Some("officer_id"),
        });
    }
    Ok(())
}

fn task_write(caller: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    if old.is_none()
        && caller.user.role != Role::Administrateur
        && uuid_field(new, "created_by") != Some(caller.user.id)
    {
        return Err(Refusal {
            code: "not_author",
            message: "Créée par : une relance est créée au nom de la personne connectée.".into(),
            field: Some("created_by"),
        });
    }
    if let Some(old) = old
        && old.get("created_by") != new.get("created_by")
    {
        return Err(Refusal {
            code: "read_only",
            message: "Créée par : ce champ ne se modifie pas.".into(),
            field: Some("created_by"),
        });
    }
    Ok(())
}

/// A need moves along its pipeline only (`NeedStatus::may_move_to`), and a
/// move is recorded in the name of the officer who pushes it: a modified
/// device can neither skip a step nor sign a move with a colleague's name.
fn need_write(caller: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    use tremplin_domain::need::NeedStatus;
    let status =
        |f: &Fields| f.get("status").and_then(|v| serde_json::from_value::<NeedStatus>(v.clone()).ok());
    let moved = match old {
        None => true,
        Some(old) => {
            let (from, to) = (status(old), status(new));
            if let (Some(from), Some(to)) = (from, to)
                && from != to
                && !from.may_move_to(to)
            {
                return Err(Refusal {
                    code: "bad_move",
                    message: format!(
                        "Statut : un besoin « {} » ne passe pas à « {} ».",
                        from.label(),
                        to.label()
                    ),
                    field: Some("status"),
                });
            }
            ["status", "abandon_reason", "status_on"].iter().any(|f| old.get(*f) != new.get(*f))
        }
    };
    let signed = uuid_field(new, "status_by");
    let expected = if moved { Some(caller.user.id) } else { old.and_then(|o| uuid_field(o, "status_by")) };
    if signed != expected {
        return Err(Refusal {
            code: "not_author",
            message: "Déplacé par : un besoin est déplacé au nom de la personne connectée.".into(),
            field: Some("status_by"),
        });
    }
    Ok(())
}

/// The server's day, with a day's tolerance for devices east of it.
fn server_today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive() + chrono::Days::new(1)
}

/// A person's consents only grow (`person::check_consent_history`): none
/// erased, a withdrawal kept as it was, a new one dated and said how.
fn person_write(_: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    use tremplin_domain::person::{ConsentRecord, check_consent_history};
    let Some(old) = old else { return Ok(()) };
    let consents = |f: &Fields| -> Vec<ConsentRecord> {
        f.get("consents").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default()
    };
    check_consent_history(&consents(old), &consents(new), server_today()).map_err(|e| Refusal {
        code: e.code,
        message: e.message,
        field: Some(e.field),
    })
}

/// What the conventions count (employer, need, convention, contract,
/// dates) is changed by the officer following the hire or an
/// administrator; a follow-up or a departure is not dated ahead.
fn hire_write(caller: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    use tremplin_domain::hire::Hire;
    const COUNTED: [&str; 7] =
        ["employer_id", "need_id", "convention_id", "contract", "starts_on", "planned_end_on", "officer_id"];
    if let Some(old) = old
        && caller.user.role != Role::Administrateur
        && uuid_field(old, "officer_id") != Some(caller.user.id)
        && let Some(f) = COUNTED.into_iter().find(|f| old.get(*f) != new.get(*f))
    {
        return Err(Refusal {
            code: "not_follower",
            message: "Recrutement : ce qui compte pour les conventions se corrige par l'agent qui suit \
                      l'embauche, ou un administrateur."
                .into(),
            field: Some(f),
        });
    }
    let hire: Option<Hire> = serde_json::from_value(Value::Object(new.clone())).ok();
    let today = server_today();
    let ahead = hire.is_some_and(|h| {
        h.ended_on.is_some_and(|d| d > today)
            || h.follow_ups.iter().any(|f| f.done_on.is_some_and(|d| d > today))
    });
    if ahead {
        return Err(Refusal {
            code: "in_future",
            message: "Suivi dans l'emploi : un suivi ou un départ n'est pas daté dans le futur.".into(),
            field: Some("follow_ups"),
        });
    }
    Ok(())
}

/// A candidacy stays on its need and person; its history keeps every
/// step already made and the new ones are signed by the caller.
fn candidacy_write(caller: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    use tremplin_domain::candidacy::history_of;
    let (before, after) = (old.map(history_of).unwrap_or_default(), history_of(new));
    if let Some(old) = old
        && let Some(f) =
            ["need_id", "person_id", "consent_on"].into_iter().find(|f| old.get(*f) != new.get(*f))
    {
        return Err(Refusal {
            code: "read_only",
            message:
                "Candidature : son besoin, sa personne et le jour de l'accord ne changent pas ; créez-en une \
                      autre."
                    .into(),
            field: Some(f),
        });
    }
    if after.len() < before.len() || after[..before.len()] != before[..] {
        return Err(Refusal {
            code: "history_rewritten",
            message: "Historique des étapes : les étapes passées ne se modifient pas.".into(),
            field: Some("history"),
        });
    }
    if let Some(old) = old
        && old.get("stage") == new.get("stage")
        && old.get("reason") != new.get("reason")
    {
        return Err(Refusal {
            code: "read_only",
            message: "Motif : il se donne avec l'étape « non retenu », en même temps.".into(),
            field: Some("reason"),
        });
    }
    // New steps: in date order from the last one, not ahead of the
    // server's day, nor further back than a laptop works offline.
    let last = before.last().map(|s| s.on);
    let earliest = server_today() - chrono::Days::new(crate::push::OFFLINE_DAYS as u64 + 1);
    if after[before.len()..]
        .iter()
        .any(|s| last.is_some_and(|l| s.on < l) || s.on > server_today() || s.on < earliest)
    {
        return Err(Refusal {
            code: "bad_date",
            message: "Étape : datée du jour où elle se fait, pas avant la précédente ni dans le futur."
                .into(),
            field: Some("history"),
        });
    }
    if after[before.len()..].iter().any(|s| s.by != caller.user.id) {
        return Err(Refusal {
            code: "not_author",
            message: "Étape : elle est enregistrée au nom de la personne connectée.".into(),
            field: Some("history"),
        });
    }
    Ok(())
}

/// Who was hired stays tied to its hire and person (a correction is a new
/// link, the wrong one deleted).
fn hired_person_write(_: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    if let Some(old) = old
        && let Some(f) = ["hire_id", "person_id"].into_iter().find(|f| old.get(*f) != new.get(*f))
    {
        return Err(Refusal {
            code: "read_only",
            message: "Personne recrutée : le recrutement et la personne ne changent pas.".into(),
            field: Some(f),
        });
    }
    Ok(())
}

/// An event's status moves along its lifecycle; it is held on its day.
fn event_write(_: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    use tremplin_domain::event::EventStatus;
    let status =
        |f: &Fields| f.get("status").and_then(|v| serde_json::from_value::<EventStatus>(v.clone()).ok());
    let (from, to) = (old.and_then(status), status(new));
    let moved = match (from, to) {
        (Some(from), Some(to)) if from != to => {
            if !from.may_move_to(to) {
                return Err(Refusal {
                    code: "bad_move",
                    message: format!(
                        "Statut : un événement « {} » ne passe pas à « {} ».",
                        from.label(),
                        to.label()
                    ),
                    field: Some("status"),
                });
            }
            Some(to)
        }
        (None, to) => to,
        _ => None,
    };
    let day = new.get("held_on").and_then(Value::as_str).and_then(|d| d.parse::<chrono::NaiveDate>().ok());
    let held = moved == Some(EventStatus::Realise)
        || (to == Some(EventStatus::Realise) && old.is_some_and(|o| o.get("held_on") != new.get("held_on")));
    if held && day.is_none_or(|d| d > server_today()) {
        return Err(Refusal {
            code: "not_yet",
            message: "Réalisé : l'événement se marque réalisé le jour venu.".into(),
            field: Some("status"),
        });
    }
    Ok(())
}

/// An invitation stays on its event and person, in the name of who made
/// it; a change of status is dated the day it is made.
fn invitation_write(caller: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    match old {
        None if new.get("invited_by").and_then(Value::as_str)
            != Some(caller.user.id.to_string().as_str()) =>
        {
            return Err(Refusal {
                code: "not_author",
                message: "Invitée par : une invitation est faite au nom de la personne connectée.".into(),
                field: Some("invited_by"),
            });
        }
        Some(old) => {
            if let Some(f) =
                ["event_id", "person_id", "invited_by"].into_iter().find(|f| old.get(*f) != new.get(*f))
            {
                return Err(Refusal {
                    code: "read_only",
                    message: "Invitation : son événement, sa personne et qui l'a faite ne changent pas."
                        .into(),
                    field: Some(f),
                });
            }
            if old.get("status") == new.get("status") && old.get("status_on") == new.get("status_on") {
                return Ok(());
            }
        }
        None => {}
    }
    let day = new.get("status_on").and_then(Value::as_str).and_then(|d| d.parse::<chrono::NaiveDate>().ok());
    let earliest = server_today() - chrono::Days::new(crate::push::OFFLINE_DAYS as u64 + 1);
    if day.is_none_or(|d| d > server_today() || d < earliest) {
        return Err(Refusal {
            code: "bad_date",
            message: "Invitation : datée du jour où elle change, pas dans le futur.".into(),
            field: Some("status_on"),
        });
    }
    Ok(())
}

/// A convention's status moves along its lifecycle only (what each move
/// needs is checked on the device, which has the whole convention).
fn convention_write(_: &Caller, old: Option<&Fields>, new: &Fields) -> Result<(), Refusal> {
    use tremplin_domain::convention::ConventionStatus;
    let status = |f: &Fields| f.get("status").and_then(Value::as_str).and_then(ConventionStatus::parse);
    let (Some(old), Some(to)) = (old, status(new)) else { return Ok(()) };
    match status(old) {
        Some(from) if from != to && !from.next().contains(&to) => Err(Refusal {
            code: "transition_refused",
            message: format!(
                "Statut : une convention {} ne peut pas passer à « {} ».",
                from.label().to_lowercase(),
                to.label()
            ),
            field: Some("status"),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_entity_has_a_rule() {
        for e in synced::ENTITIES {
            assert!(rule(e.name).is_some(), "{} has no server rule", e.name);
        }
        assert_eq!(RULES.len(), synced::ENTITIES.len(), "a rule for an entity the registry does not know");
    }
}
