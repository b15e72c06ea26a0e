//! What the server knows of each synced entity beyond its validation (which
//! is tremplin-domain's): whether it may conflict, who sees it, who may
//! write it. Adding a synced entity = its domain validation + one entry
//! here; the protocol and the server schema stay as they are.

use serde_json::Value;
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

pub struct EntityRule {
    pub name: &'static str,
    /// Append-only records (the contact log) never conflict: their author's
    /// latest write wins.
    pub append_only: bool,
    /// False for rows kept forever (the access log): a delete is refused.
    pub deletable: bool,
    pub scope: fn(&Fields) -> Scope,
    /// Checks a write by `caller`: `old` is the row before (None for a
    /// create), `new` the row after.
    pub may_write: fn(&Caller, Option<&Fields>, &Fields) -> Result<(), Refusal>,
}

pub static RULES: &[EntityRule] = &[
    EntityRule {
        name: "organisation",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: anyone,
    },
    EntityRule {
        name: "contact",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: anyone,
    },
    EntityRule {
        name: "interaction",
        append_only: true,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: author_only,
    },
    EntityRule {
        name: "task",
        append_only: false,
        deletable: true,
        scope: task_scope,
        may_write: task_write,
    },
    // Partnerships are shared like the employers they concern.
    EntityRule {
        name: "convention",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: convention_write,
    },
    EntityRule {
        name: "commitment",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: anyone,
    },
    EntityRule {
        name: "committee_meeting",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: anyone,
    },
    EntityRule {
        name: "membership",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: anyone,
    },
    EntityRule {
        name: "account_objective",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: anyone,
    },
    // People on the RSA and what concerns them: need-to-know (their DT,
    // the officers involved).
    EntityRule {
        name: "person",
        append_only: false,
        deletable: true,
        scope: person_scope,
        may_write: anyone,
    },
    EntityRule {
        name: "aided_contract",
        append_only: false,
        deletable: true,
        scope: person_scope,
        may_write: anyone,
    },
    EntityRule {
        name: "pairing",
        append_only: false,
        deletable: true,
        scope: person_scope,
        may_write: anyone,
    },
    EntityRule {
        name: "mentoring_meeting",
        append_only: false,
        deletable: true,
        scope: person_scope,
        may_write: anyone,
    },
    EntityRule {
        name: "audit_entry",
        append_only: true,
        deletable: false,
        scope: audit_scope,
        may_write: audit_write,
    },
    // The aid's dated parameters are everyone's to read, administrators' to write.
    EntityRule {
        name: "aid_parameter",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: admin_only,
    },
    EntityRule {
        name: "aid_rule",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: admin_only,
    },
    EntityRule {
        name: "mentoring_programme",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: anyone,
    },
    EntityRule {
        name: "mentor",
        append_only: false,
        deletable: true,
        scope: |_| Scope::shared(),
        may_write: anyone,
    },
];

pub fn rule(entity: &str) -> Option<&'static EntityRule> {
    RULES.iter().find(|r| r.name == entity)
}

fn uuid_field(data: &Fields, field: &str) -> Option<Uuid> {
    data.get(field).and_then(Value::as_str).and_then(|s| s.parse().ok())
}

fn anyone(_: &Caller, _: Option<&Fields>, _: &Fields) -> Result<(), Refusal> {
    Ok(())
}

/// Rows about a person: the officers they name and the person's DT.
fn person_scope(data: &Fields) -> Scope {
    let users = data
        .get("officer_ids")
        .and_then(Value::as_array)
        .map(|ids| ids.iter().filter_map(|v| v.as_str()?.parse().ok()).collect())
        .unwrap_or_default();
    let dt = data.get("dt_code").and_then(Value::as_str).map(str::to_string);
    Scope { restricted: true, users, dt }
}

/// An officer's audit entries are theirs (and the administrators').
fn audit_scope(data: &Fields) -> Scope {
    Scope { restricted: true, users: uuid_field(data, "officer_id").into_iter().collect(), dt: None }
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

fn admin_only(caller: &Caller, _: Option<&Fields>, _: &Fields) -> Result<(), Refusal> {
    if caller.user.role == Role::Administrateur {
        return Ok(());
    }
    Err(Refusal {
        code: "admin_only",
        message: "Paramètres de l'aide : seul un administrateur les modifie ; demandez-lui de saisir \
                  cette valeur, puis supprimez-la de ce poste."
            .into(),
        field: None,
    })
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

/// A follow-up is its assignee's and its creator's.
fn task_scope(data: &Fields) -> Scope {
    let users = ["assignee_id", "created_by"].iter().filter_map(|f| uuid_field(data, f)).collect();
    Scope { restricted: true, users, dt: None }
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
        for e in tremplin_domain::records::SYNCED_ENTITIES {
            assert!(rule(e).is_some(), "{e} has no server rule");
        }
    }
}
