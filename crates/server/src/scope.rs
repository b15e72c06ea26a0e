//! Who may see which row. Employer data (organisations, their contacts and
//! contact log) is shared across the Département; restricted rows (a
//! follow-up, later a person on the RSA) are seen by administrators, by the
//! users they name, by the users of their DT, and by the territorial
//! managers of the DT of a user they name.
//!
//! The rule is the domain's (`tremplin_domain::access`, the device applies
//! it too); it is written again in SQL for pulls, and the server tests
//! check the domain's matrix through both.

use tremplin_domain::access::{self, RowScope, Viewer};
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

/// The caller as the shared need-to-know rule sees them.
pub fn viewer(caller: &Caller) -> Viewer<'_> {
    let me = &caller.user;
    let role = match me.role {
        Role::ChargeRelationsEntreprises => access::Role::Officer,
        Role::ResponsableTerritorial => access::Role::TerritorialManager,
        Role::Administrateur => access::Role::Administrator,
    };
    Viewer { id: me.id, role, dt: me.dt_code.as_deref() }
}

/// Whether `caller` sees a row with `scope` (`tremplin_domain::access`);
/// `dt_of` gives the DT of a user.
pub fn can_see<'a>(caller: &Caller, scope: &Scope, dt_of: impl Fn(Uuid) -> Option<&'a str>) -> bool {
    let row = RowScope { restricted: scope.restricted, users: &scope.users, dt: scope.dt.as_deref() };
    access::may_see(&viewer(caller), &row, dt_of)
}

/// The same rule over `sync_row r`, with parameters `$n` (is admin), `$n+1`
/// (user id), `$n+2` (user's DT) and `$n+3` (is territorial manager).
pub fn visible_sql(n: usize) -> String {
    let (admin, user, dt, manager) = (n, n + 1, n + 2, n + 3);
    format!(
        // coalesce: a user without a DT compares with NULL, which is no
        // "false" (the shared matrix found the pull failing on it).
        "coalesce(NOT r.restricted OR ${admin}::bool OR ${user}::uuid = ANY(r.scope_users)
          OR (r.scope_dt IS NOT NULL AND r.scope_dt = ${dt}::text)
          OR (${manager}::bool AND EXISTS (SELECT 1 FROM app_user su
                                           WHERE su.id = ANY(r.scope_users) AND su.dt_code = ${dt}::text)), false)"
    )
}

/// Whether the caller could see the row under one of its former scopes
/// (same parameters as [`visible_sql`]): only they are told to forget it.
pub fn formerly_visible_sql(n: usize) -> String {
    let (admin, user, dt, manager) = (n, n + 1, n + 2, n + 3);
    format!(
        "coalesce(${admin}::bool OR ${user}::uuid = ANY(r.former_users) OR ${dt}::text = ANY(r.former_dts)
          OR (${manager}::bool AND EXISTS (SELECT 1 FROM app_user su
                                           WHERE su.id = ANY(r.former_users) AND su.dt_code = ${dt}::text)), false)"
    )
}

/// The four parameters of [`visible_sql`], in order.
pub fn visible_params(caller: &Caller) -> (bool, Uuid, Option<String>, bool) {
    let me = &caller.user;
    (me.role == Role::Administrateur, me.id, me.dt_code.clone(), me.role == Role::ResponsableTerritorial)
}
