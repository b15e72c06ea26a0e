//! The device against the registry of synced entities: serde keys of each
//! record are its registry fields both ways (read back from the demo), and
//! the device applies the shared need-to-know matrix
//! (`tremplin_domain::access::matrix`) as the server does.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::Value;
use tremplin_app::clock::SystemClock;
use tremplin_app::commands::people::{self, PersonFilter};
use tremplin_app::{App, StoreKey};
use tremplin_domain::access::{Role, matrix};
use tremplin_domain::new_row_id;
use tremplin_domain::person::Person;
use tremplin_store::{Entity, Officer, Store};

fn demo() -> App {
    let app = App::new(Store::open_in_memory(&StoreKey::generate()).unwrap(), Arc::new(SystemClock));
    tremplin_app::demo::build(&app).unwrap();
    app
}

/// Every record of `E` in the demo serialises to exactly the registry's
/// fields; returns how many were checked.
fn check<E: Entity>(app: &App) -> usize {
    let rows = app.with_store(|s| s.records_where::<E>("1", "id", &[])).unwrap();
    let fields: BTreeSet<&str> = E::FIELDS.iter().map(|f| f.name).collect();
    for r in &rows {
        let Value::Object(map) = serde_json::to_value(&r.data).unwrap() else { panic!("{}", E::NAME) };
        let keys: BTreeSet<&str> = map.keys().map(String::as_str).collect();
        assert_eq!(keys, fields, "{}: serde keys and registry fields", E::NAME);
    }
    rows.len()
}

#[test]
fn serde_keys_are_the_registry_fields_both_ways() {
    use tremplin_domain::{
        account::AccountObjective, audit::AuditEntry, cie::AidedContract, commitment::Commitment,
        committee::CommitteeMeeting, contact::Contact, convention::Convention, grouping::Membership,
        interaction::Interaction, mentoring::*, need::RecruitmentNeed, organisation::Organisation,
        parameters::*, task::Task,
    };
    let app = demo();
    // Opening a record writes the access log.
    let someone = people::list(&app, PersonFilter::default()).unwrap().remove(0).id;
    people::get(&app, people::PersonRequest { id: someone, purpose: "Préparation d'un entretien".into() })
        .unwrap();
    let counts = [
        ("organisation", check::<Organisation>(&app)),
        ("contact", check::<Contact>(&app)),
        ("interaction", check::<Interaction>(&app)),
        ("task", check::<Task>(&app)),
        ("convention", check::<Convention>(&app)),
        ("commitment", check::<Commitment>(&app)),
        ("committee_meeting", check::<CommitteeMeeting>(&app)),
        ("membership", check::<Membership>(&app)),
        ("account_objective", check::<AccountObjective>(&app)),
        ("person", check::<Person>(&app)),
        ("audit_entry", check::<AuditEntry>(&app)),
        ("aided_contract", check::<AidedContract>(&app)),
        ("mentoring_programme", check::<Programme>(&app)),
        ("mentor", check::<Mentor>(&app)),
        ("pairing", check::<Pairing>(&app)),
        ("mentoring_meeting", check::<MentoringMeeting>(&app)),
        ("recruitment_need", check::<RecruitmentNeed>(&app)),
    ];
    for (name, n) in counts {
        assert!(n > 0, "the demo has no {name} to check");
    }
    // The aid's parameters are shipped, not in the demo's tables: one of each.
    let p: AidParameter = serde_json::from_value(serde_json::json!({
        "kind": "smic_horaire", "effective_from": "2027-01-01", "amount_cents": 1220, "source": "Décret",
        "replaces_id": null
    }))
    .unwrap();
    let keys: BTreeSet<String> =
        serde_json::to_value(&p).unwrap().as_object().unwrap().keys().cloned().collect();
    let fields: BTreeSet<String> = AidParameter::FIELDS.iter().map(|f| f.name.to_string()).collect();
    assert_eq!(keys, fields);
    let rule = tremplin_domain::parameters::shipped::file().rules.remove(0).data;
    let keys: BTreeSet<String> =
        serde_json::to_value(&rule).unwrap().as_object().unwrap().keys().cloned().collect();
    let fields: BTreeSet<String> = AidRule::FIELDS.iter().map(|f| f.name.to_string()).collect();
    assert_eq!(keys, fields);
}

#[test]
fn the_device_applies_the_shared_need_to_know_matrix() {
    let app = App::new(Store::open_in_memory(&StoreKey::generate()).unwrap(), Arc::new(SystemClock));
    let users: Vec<Officer> = matrix::USERS
        .iter()
        .enumerate()
        .map(|(k, (_, dt))| Officer {
            id: new_row_id(),
            display_name: format!("Agent {k}"),
            email: None,
            dt_code: dt.map(str::to_string),
        })
        .collect();
    let rows: Vec<_> = matrix::CASES.iter().map(|_| new_row_id()).collect();
    app.with_store(|s| {
        for u in &users {
            s.upsert_officer(u).unwrap();
        }
        for (case, id) in matrix::CASES.iter().zip(&rows) {
            let p = Person {
                first_name: "Sabrina".into(),
                last_name: "Martin".into(),
                dt_code: case.dt.map(str::to_string),
                officer_ids: case.users.iter().map(|k| users[*k].id).collect(),
                ..Person::default()
            };
            s.write(|w| w.create(*id, &p)).unwrap();
        }
    });
    for (k, (role, _)) in matrix::USERS.iter().enumerate() {
        app.with_store(|s| {
            s.set_current_officer(&users[k]).unwrap();
            let role = match role {
                Role::Officer => "charge_relations_entreprises",
                Role::TerritorialManager => "responsable_territorial",
                Role::Administrator => "administrateur",
            };
            s.set_sync_setting("role", Some(role)).unwrap();
        });
        let seen: Vec<_> =
            people::list(&app, PersonFilter::default()).unwrap().into_iter().map(|p| p.id).collect();
        for (n, case) in matrix::CASES.iter().enumerate() {
            assert_eq!(seen.contains(&rows[n]), case.sees[k], "case {n}, user {k}");
        }
    }
}
