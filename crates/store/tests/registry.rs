//! The registry of synced entities (`tremplin_domain::synced`) and the
//! store agree: the same entities both ways, and each table's columns are
//! exactly the entity's fields plus the store's bookkeeping.

use std::collections::BTreeSet;

use tremplin_domain::synced::ENTITIES;
use tremplin_store::entity::SYNCED;
use tremplin_store::{Store, StoreKey};

/// Columns every synced table has besides its fields.
const BOOKKEEPING: &[&str] = &["id", "created_at", "updated_at", "deleted_at", "version", "field_versions"];
/// Columns the store keeps for its own queries, never synced (an
/// organisation's territory, looked up from its commune).
const STORE_ONLY: &[&str] = &["commune_rank", "dt_code", "epci_siren"];

#[test]
fn the_store_maps_every_registry_entity_and_nothing_else() {
    let domain: BTreeSet<&str> = ENTITIES.iter().map(|e| e.name).collect();
    let store: BTreeSet<&str> = SYNCED.iter().map(|e| e.name).collect();
    assert_eq!(domain, store);
    for info in SYNCED {
        let def = tremplin_domain::synced::entity(info.name).unwrap();
        let names = |f: &[tremplin_domain::synced::Field]| f.iter().map(|f| f.name).collect::<Vec<_>>();
        assert_eq!(
            names(info.fields),
            names(def.fields),
            "{}: the store uses the registry's fields",
            info.name
        );
    }
}

#[test]
fn table_columns_are_the_fields_both_ways() {
    let store = Store::open_in_memory(&StoreKey::generate()).unwrap();
    let conn = store.raw_connection();
    for info in SYNCED {
        // table_xinfo: hidden = 2 or 3 for generated columns (search keys).
        let mut st =
            conn.prepare(&format!("SELECT name, hidden FROM pragma_table_xinfo('{}')", info.table)).unwrap();
        let columns: BTreeSet<String> = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .filter(|(name, hidden)| *hidden == 0 && !BOOKKEEPING.contains(&name.as_str()))
            .map(|(name, _)| name)
            .collect();
        let fields: BTreeSet<String> = info.fields.iter().map(|f| f.name.to_string()).collect();
        let missing: Vec<_> = fields.difference(&columns).collect();
        assert!(missing.is_empty(), "{}: fields without a column: {missing:?}", info.table);
        let extra: Vec<_> =
            columns.difference(&fields).filter(|c| !STORE_ONLY.contains(&c.as_str())).collect();
        assert!(extra.is_empty(), "{}: columns outside the registry: {extra:?}", info.table);
    }
}
