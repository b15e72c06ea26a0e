//! Who sees a restricted row: one rule for the device and the server
//! (docs/domain/personal-data.md « Need-to-know », docs/sync-security.md). A row about a person
//! is seen by administrators, by the officers it names, by the officers of
//! its DT, and by the territorial managers of its DT or of the DT of an
//! officer it names. Shared rows (employer data) are seen by everyone.

use crate::ids::RowId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Officer,
    TerritorialManager,
    Administrator,
}

/// The user asking.
#[derive(Debug, Clone, Copy)]
pub struct Viewer<'a> {
    pub id: RowId,
    pub role: Role,
    pub dt: Option<&'a str>,
}

/// What a row says of who may see it.
#[derive(Debug, Clone, Copy)]
pub struct RowScope<'a> {
    pub restricted: bool,
    pub users: &'a [RowId],
    pub dt: Option<&'a str>,
}

/// Whether `viewer` sees a row of `scope`; `dt_of` gives a user's DT (the
/// territorial manager's branch needs it).
pub fn may_see<S: AsRef<str>>(viewer: &Viewer, scope: &RowScope, dt_of: impl Fn(RowId) -> Option<S>) -> bool {
    if !scope.restricted || viewer.role == Role::Administrator || scope.users.contains(&viewer.id) {
        return true;
    }
    let Some(my_dt) = viewer.dt else { return false };
    if scope.dt == Some(my_dt) {
        return true;
    }
    viewer.role == Role::TerritorialManager
        && scope.users.iter().any(|u| dt_of(*u).is_some_and(|d| d.as_ref() == my_dt))
}

/// The cases both sides are tested against (the device's store and the
/// server's SQL and Rust): who, which row, seen or not. Users: `0` is an
/// officer of DT "VA", `1` an officer of DT "LI", `2` the territorial
/// manager of "VA", `3` the manager of "LI", `4` an administrator without
/// a DT, `5` an officer without a DT.
pub mod matrix {
    use super::Role;

    pub const USERS: [(Role, Option<&str>); 6] = [
        (Role::Officer, Some("VA")),
        (Role::Officer, Some("LI")),
        (Role::TerritorialManager, Some("VA")),
        (Role::TerritorialManager, Some("LI")),
        (Role::Administrator, None),
        (Role::Officer, None),
    ];

    /// A restricted row: its DT and the users (indexes into [`USERS`]) it
    /// names, then whether each of the six users sees it.
    pub struct Case {
        pub dt: Option<&'static str>,
        pub users: &'static [usize],
        pub sees: [bool; 6],
    }

    pub const CASES: &[Case] = &[
        // A person of VA nobody follows by name: VA's officers and manager.
        Case { dt: Some("VA"), users: &[], sees: [true, false, true, false, true, false] },
        // Followed by LI's officer: LI's manager sees it through them.
        Case { dt: Some("VA"), users: &[1], sees: [true, true, true, true, true, false] },
        // No DT (no commune), followed by the officer without a DT.
        Case { dt: None, users: &[5], sees: [false, false, false, false, true, true] },
        // No DT, followed by VA's officer: VA's manager sees it, LI's not.
        Case { dt: None, users: &[0], sees: [true, false, true, false, true, false] },
        // Another DT entirely, nobody named.
        Case { dt: Some("FM"), users: &[], sees: [false, false, false, false, true, false] },
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_holds() {
        let ids: Vec<RowId> = (0..6).map(|_| crate::new_row_id()).collect();
        let dt_of = |u: RowId| ids.iter().position(|i| *i == u).and_then(|k| matrix::USERS[k].1);
        for (n, case) in matrix::CASES.iter().enumerate() {
            let users: Vec<RowId> = case.users.iter().map(|k| ids[*k]).collect();
            let scope = RowScope { restricted: true, users: &users, dt: case.dt };
            for (k, (role, dt)) in matrix::USERS.iter().enumerate() {
                let viewer = Viewer { id: ids[k], role: *role, dt: *dt };
                assert_eq!(may_see(&viewer, &scope, dt_of), case.sees[k], "case {n}, user {k}");
            }
            let shared = RowScope { restricted: false, ..scope };
            assert!(matrix::USERS.iter().enumerate().all(|(k, (role, dt))| may_see(
                &Viewer { id: ids[k], role: *role, dt: *dt },
                &shared,
                dt_of
            )));
        }
    }
}
