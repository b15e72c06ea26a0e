//! Who may see which row. Employer data (organisations, their contacts and
//! contact log) is shared across the Département; restricted rows (a
//! follow-up, later a person on the RSA) are seen by administrators, by the
//! users they name, by the users of their DT, and by the territorial
//! managers of the DT of a user they name.
//!
//! The rule exists twice, in SQL for pulls and in Rust for pushes; the
//! server tests check the whole matrix through both.

use std::collections::HashMap;

use tremplin_protocol::Role;
use uuid::Uuid;

use crate::auth::Caller;

/// A row's scope, computed from its data by its entity rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub restricted: bool,
    pub users: Vec<Uuid>,
    pub dt: Option<String>,
}

impl Scope {
    pub fn shared() -> Self {
        Self::default()
    }
}

/// Whether `caller` sees a row with `scope`; `user_dt` gives the DT of a
/// user (needed for territorial managers only).
pub fn can_see(caller: &Caller, scope: &Scope, user_dt: &HashMap<Uuid, Option<String>>) -> bool {
    let me = &caller.user;
    if !scope.restricted || me.role == Role::Administrateur || scope.users.contains(&me.id) {
        return true;
    }
    let Some(my_dt) = me.dt_code.as_deref() else { return false };
    if scope.dt.as_deref() == Some(my_dt) {
        return true;
    }
    me.role == Role::ResponsableTerritorial
        && scope.users.iter().any(|u| user_dt.get(u).and_then(|d| d.as_deref()) == Some(my_dt))
}

/// The same rule over `sync_row r`, with parameters `$n` (is admin), `$n+1`
/// (user id), `$n+2` (user's DT) and `$n+3` (is territorial manager).
pub fn visible_sql(n: usize) -> String {
    let (admin, user, dt, manager) = (n, n + 1, n + 2, n + 3);
    format!(
        "(NOT r.restricted OR ${admin}::bool OR ${user}::uuid = ANY(r.scope_users)
          OR (r.scope_dt IS NOT NULL AND r.scope_dt = ${dt}::text)
          OR (${manager}::bool AND EXISTS (SELECT 1 FROM app_user su
                                           WHERE su.id = ANY(r.scope_users) AND su.dt_code = ${dt}::text)))"
    )
}

/// The four parameters of [`visible_sql`], in order.
pub fn visible_params(caller: &Caller) -> (bool, Uuid, Option<String>, bool) {
    let me = &caller.user;
    (me.role == Role::Administrateur, me.id, me.dt_code.clone(), me.role == Role::ResponsableTerritorial)
}
