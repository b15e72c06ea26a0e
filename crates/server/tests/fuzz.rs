//! No input panics the push decoding or the domain validators: bounded
//! property runs (256 cases each) over arbitrary bytes and over field maps
//! of every registry entity filled with arbitrary values, dates and ids
//! among them.

use chrono::Utc;
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use tremplin_domain::synced::{self, ENTITIES};
use tremplin_protocol::PushRequest;

/// Values that look like what fields hold, and what a hostile client sends.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        "[ -~]{0,40}".prop_map(Value::String),
        "[+-]?[0-9]{1,6}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3})?Z)?"
            .prop_map(Value::String),
        Just(json!(uuid::Uuid::now_v7())),
        prop_oneof![Just("K2204"), Just("59350"), Just("73282932000074"), Just("cie"), Just("en_cours")]
            .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn record() -> impl Strategy<Value = (usize, Map<String, Value>)> {
    (0..ENTITIES.len()).prop_flat_map(|e| {
        let names: Vec<&'static str> = ENTITIES[e].fields.iter().map(|f| f.name).collect();
        let n = names.len();
        (Just(e), prop::collection::vec(prop::option::of(value()), n)).prop_map(move |(e, values)| {
            let map = names.iter().zip(values).filter_map(|(k, v)| Some((k.to_string(), v?))).collect();
            (e, map)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn push_decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<PushRequest>(&bytes);
    }

    #[test]
    fn push_decoding_of_near_valid_json_never_panics(v in value()) {
        let body = json!({"device_id": uuid::Uuid::now_v7(), "mutations": [{
            "mutation_id": uuid::Uuid::now_v7(), "client_seq": 1, "entity": "organisation",
            "row_id": uuid::Uuid::now_v7(), "kind": "create", "patch": v, "base": {},
            "made_at": "2026-11-30T10:00:00Z"}]});
        let _ = serde_json::from_value::<PushRequest>(body);
    }

    #[test]
    fn validators_never_panic((e, data) in record()) {
        let _ = synced::validate_record(ENTITIES[e].name, &data, Utc::now());
    }
}
