#![allow(dead_code)]

use tremplin_domain::organisation::{OrgKind, Organisation, OrganisationInput};
use tremplin_domain::{RowId, new_row_id};
use tremplin_store::{Store, StoreKey};

pub fn store() -> Store {
    Store::open_in_memory(&StoreKey::generate()).unwrap()
}

pub fn org(name: &str, kind: OrgKind, commune: Option<&str>) -> Organisation {
    let mut input = OrganisationInput { kind: Some(kind), name: name.into(), ..Default::default() };
    input.commune_code = commune.map(str::to_string);
    if kind == OrgKind::Etablissement {
        input.siret = Some("73282932000074".into());
    }
    Organisation::validate(&input).unwrap()
}

pub fn add_org(store: &mut Store, name: &str, commune: Option<&str>) -> RowId {
    let id = new_row_id();
    let o = org(name, OrgKind::Entreprise, commune);
    store.write(|w| w.create(id, &o)).unwrap();
    id
}
