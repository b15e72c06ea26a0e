//! A bare HTTP client for the server tests (the desktop's sync engine has
//! its own; these tests speak the protocol directly).
#![allow(dead_code)]

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tremplin_protocol::*;
use tremplin_server::testing::TEST_PASSWORD;
use uuid::Uuid;

pub struct Api {
    pub url: String,
    pub agent: ureq::Agent,
    pub protocol: u32,
    pub schema: u32,
}

pub struct Device {
    pub token: String,
    pub device_id: Uuid,
    pub user: UserInfo,
}

impl Api {
    pub fn new(url: &str) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        Self { url: url.to_string(), agent, protocol: PROTOCOL_VERSION, schema: 1 }
    }

    pub fn post<B: Serialize>(&self, path: &str, token: Option<&str>, body: &B) -> (u16, Value) {
        let mut r = self
            .agent
            .post(&format!("{}{path}", self.url))
            .header(HEADER_PROTOCOL, self.protocol.to_string())
            .header(HEADER_SCHEMA, self.schema.to_string());
        if let Some(t) = token {
            r = r.header("authorization", format!("Bearer {t}"));
        }
        let mut res = r.send_json(body).expect("request");
        (res.status().as_u16(), res.body_mut().read_json().unwrap_or(Value::Null))
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let mut r = self
            .agent
            .get(&format!("{}{path}", self.url))
            .header(HEADER_PROTOCOL, self.protocol.to_string())
            .header(HEADER_SCHEMA, self.schema.to_string());
        if let Some(t) = token {
            r = r.header("authorization", format!("Bearer {t}"));
        }
        let mut res = r.call().expect("request");
        (res.status().as_u16(), res.body_mut().read_json().unwrap_or(Value::Null))
    }

    pub fn login_as(&self, login: &str, password: &str) -> (u16, Value) {
        self.post(
            "/v1/auth/login",
            None,
            &LoginRequest {
                login: login.into(),
                password: password.into(),
                device_name: "Portable test".into(),
                device_id: Uuid::now_v7(),
            },
        )
    }

    pub fn login(&self, login: &str) -> Device {
        let device_id = Uuid::now_v7();
        let (status, body) = self.post(
            "/v1/auth/login",
            None,
            &LoginRequest {
                login: login.into(),
                password: TEST_PASSWORD.into(),
                device_name: format!("Portable de {login}"),
                device_id,
            },
        );
        assert_eq!(status, 200, "login {login}: {body}");
        let res: LoginResponse = serde_json::from_value(body).unwrap();
        Device { token: res.token, device_id, user: res.user }
    }

    pub fn push(&self, d: &Device, mutations: Vec<Mutation>) -> Vec<Outcome> {
        let (status, body) =
            self.post("/v1/sync/push", Some(&d.token), &PushRequest { device_id: d.device_id, mutations });
        assert_eq!(status, 200, "push: {body}");
        parse::<PushResponse>(body).results.into_iter().map(|r| r.outcome).collect()
    }

    pub fn push_one(&self, d: &Device, m: Mutation) -> Outcome {
        self.push(d, vec![m]).remove(0)
    }

    pub fn pull(&self, d: &Device, cursor: i64, limit: u32) -> PullResponse {
        let (status, body) =
            self.get(&format!("/v1/sync/pull?cursor={cursor}&limit={limit}"), Some(&d.token));
        assert_eq!(status, 200, "pull: {body}");
        parse(body)
    }

    /// Every entry from `cursor` on, following pages.
    pub fn pull_all(&self, d: &Device, mut cursor: i64) -> (Vec<PullEntry>, PullResponse) {
        let mut all = Vec::new();
        loop {
            let page = self.pull(d, cursor, 100);
            assert!(page.cursor >= cursor, "the cursor went back");
            cursor = page.cursor;
            all.extend(page.entries.clone());
            if !page.has_more {
                return (all, page);
            }
        }
    }
}

pub fn parse<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{e}: {v}"))
}

pub fn fields(v: Value) -> Fields {
    v.as_object().unwrap().clone()
}

pub fn org_data(name: &str) -> Fields {
    fields(json!({
        "kind": "entreprise", "name": name, "legal_name": null, "siren": null, "siret": null,
        "naf_code": null, "naf_version": null, "commune_code": "59350", "postcode": "59000",
        "address": null, "phone": null, "email": null, "website": null, "headcount_band": null,
        "parent_id": null, "owner_id": null, "status": "prospect", "partner_type": null, "tags": [],
        "notes": null
    }))
}

pub fn task_data(title: &str, created_by: Uuid, assignee: Uuid) -> Fields {
    fields(json!({
        "title": title, "notes": null, "due_date": "2026-12-15", "assignee_id": assignee,
        "created_by": created_by, "organisation_id": null, "interaction_id": null, "status": "a_faire",
        "completed_at": null
    }))
}

pub fn create(entity: &str, row_id: Uuid, data: Fields) -> Mutation {
    Mutation {
        mutation_id: Uuid::now_v7(),
        client_seq: 1,
        entity: entity.into(),
        row_id,
        kind: MutationKind::Create,
        patch: data,
        base: Default::default(),
        made_at: chrono::Utc::now(),
    }
}

pub fn update(entity: &str, row_id: Uuid, patch: Value, base: &[(&str, i64)]) -> Mutation {
    Mutation {
        mutation_id: Uuid::now_v7(),
        client_seq: 2,
        entity: entity.into(),
        row_id,
        kind: MutationKind::Update,
        patch: fields(patch),
        base: base.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        made_at: chrono::Utc::now(),
    }
}

pub fn delete(entity: &str, row_id: Uuid) -> Mutation {
    Mutation {
        mutation_id: Uuid::now_v7(),
        client_seq: 3,
        entity: entity.into(),
        row_id,
        kind: MutationKind::Delete,
        patch: Default::default(),
        base: Default::default(),
        made_at: chrono::Utc::now(),
    }
}

pub fn version(o: &Outcome) -> i64 {
    match o {
        Outcome::Applied { version } => *version,
        other => panic!("not applied: {other:?}"),
    }
}

pub fn rows(entries: &[PullEntry]) -> Vec<&RowState> {
    entries
        .iter()
        .filter_map(|e| match e {
            PullEntry::Row(r) => Some(r),
            PullEntry::Forget { .. } | PullEntry::Erased { .. } => None,
        })
        .collect()
}

pub fn json_body(v: Value) -> Value {
    json!(v)
}
