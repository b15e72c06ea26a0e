//! The insertion instruments on the server: people followed and the rows
//! about them are need-to-know (their DT and the officers involved), the
//! access log is append-only and written in its officer's name, and the
//! aid's parameters are written by administrators only.

mod support;

use serde_json::json;
use support::*;
use tremplin_protocol::{Fields, Outcome, PullEntry, Role};
use tremplin_server::testing::{self, TestServer, add_user, fresh_database};
use uuid::Uuid;

/// A person living in `commune` (Lille 59350 is in DT ML, Valenciennes
/// 59606 in VA); the DT and officers sent are the device's word, which the
/// server replaces.
fn person(last: &str, commune: &str, officers: &[Uuid]) -> Fields {
    fields(json!({
        "first_name": "Sabrina", "last_name": last, "commune_code": commune, "dt_code": "FM",
        "ft_id": "1234567A", "referent_name": null, "referent_organisation": null, "orientation": null,
        "rome_codes": ["K2204"], "consents": ["parrainage"], "last_contact_on": null,
        "officer_ids": officers, "notes": null
    }))
}

fn audit(officer: Uuid, person: Uuid) -> Fields {
    fields(json!({
        "officer_id": officer, "at": tremplin_domain::time::format(&chrono::Utc::now()), "action": "consultation",
        "entity": "person", "row_id": person, "purpose": "Préparation d'un entretien"
    }))
}

fn refusal(o: &Outcome) -> &str {
    match o {
        Outcome::Rejected { code, .. } => code,
        o => panic!("expected a refusal, got {o:?}"),
    }
}

/// The rows of `entity` a device pulls.
fn seen(api: &Api, d: &Device, entity: &str) -> Vec<Uuid> {
    let (entries, _) = api.pull_all(d, 0);
    rows(&entries).iter().filter(|r| r.entity == entity).map(|r| r.row_id).collect()
}

#[test]
fn people_are_need_to_know_the_access_log_append_only_and_parameters_for_administrators() {
    let db = fresh_database();
    let srv = TestServer::start(testing::config(&db));
    let anne = add_user(&db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&db, "bruno", Role::ChargeRelationsEntreprises, Some("ML"));
    let chloe = add_user(&db, "chloe", Role::ChargeRelationsEntreprises, Some("VA"));
    add_user(&db, "ada", Role::Administrateur, None);
    let api = Api::new(&srv.url);
    let [a, b, c, admin] = ["anne", "bruno", "chloe", "ada"].map(|l| api.login(l));

    // A Lille person entered by anne; a Valenciennes person an
    // administrator gives to chloe and anne.
    let lille = Uuid::now_v7();
    version(&api.push_one(&a, create("person", lille, person("Martin", "59350", &[anne]))));
    let valenciennes = Uuid::now_v7();
    version(&api.push_one(&admin, create("person", valenciennes, person("Durand", "59606", &[chloe, anne]))));
    assert_eq!(seen(&api, &a, "person").len(), 2, "anne: her DT's and the one she is involved with");
    assert_eq!(seen(&api, &b, "person"), vec![lille], "bruno: his DT's only");
    assert_eq!(seen(&api, &c, "person"), vec![valenciennes], "chloe: not Lille's");
    assert_eq!(seen(&api, &admin, "person").len(), 2);
    // chloe can neither read nor write Lille's person; nothing leaks.
    let (entries, _) = api.pull_all(&c, 0);
    assert!(!entries.iter().any(|e| matches!(e, PullEntry::Row(r) if r.row_id == lille)));
    let o = api.push_one(&c, update("person", lille, json!({"notes": "vu"}), &[("notes", i64::MAX)]));
    assert_eq!(refusal(&o), "not_found");
    assert!(matches!(o, Outcome::Rejected { current: None, .. }));
    // Nor can she create a contract about her in Lille.
    let employer = Uuid::now_v7();
    version(&api.push_one(&a, create("organisation", employer, org_data("Propreté du Nord"))));
    let contract = Uuid::now_v7();
    let k = fields(json!({
        "contract_type": "cie", "employer_id": employer, "user_establishment_ids": [],
        "person_id": lille, "rome_code": "K2204", "job_title": "Agent de propreté", "employment": "cdd",
        "starts_on": "2026-01-01", "ends_on": "2026-12-31", "aid_starts_on": "2026-01-01",
        "aid_ends_on": "2026-12-31", "aid_decided_on": "2025-12-10", "signed_on": null,
        "employer_attestations": {"no_economic_dismissal": true, "not_replacing_dismissed": true, "contributions_paid": true},
        "contract_hours_centi": 3500, "rate_bp": 4700, "rule_id": null,
        "exceptions": [], "tutor_name": "Marc Lefebvre", "tutor_function": null, "tutor_experienced": true,
        "referent_name": null, "referent_organisation": null, "decision_reference": null, "renewals": [],
        "suspensions": [], "incidents": [], "status": "en_cours", "dt_code": "ML", "officer_ids": [anne],
        "lines": [], "notes": null, "bilan_on": null, "bilan": null
    }));
    assert_eq!(
        refusal(&api.push_one(&c, create("aided_contract", contract, k.clone()))),
        "unknown_reference"
    );
    version(&api.push_one(&a, create("aided_contract", contract, k.clone())));
    assert!(seen(&api, &c, "aided_contract").is_empty());
    assert_eq!(seen(&api, &b, "aided_contract"), vec![contract]);
    // The person moves to Valenciennes: her contract follows her to chloe's DT.
    let o = api.push_one(
        &a,
        update("person", lille, json!({"commune_code": "59606"}), &[("commune_code", i64::MAX)]),
    );
    version(&o);
    assert_eq!(seen(&api, &c, "aided_contract"), vec![contract]);

    // The access log: written in one's own name, never rewritten, seen by
    // its officer and the administrators.
    let entry = Uuid::now_v7();
    assert_eq!(refusal(&api.push_one(&c, create("audit_entry", entry, audit(anne, lille)))), "not_author");
    version(&api.push_one(&a, create("audit_entry", entry, audit(anne, lille))));
    let o =
        api.push_one(&a, update("audit_entry", entry, json!({"purpose": "Autre"}), &[("purpose", i64::MAX)]));
    assert_eq!(refusal(&o), "append_only");
    assert_eq!(refusal(&api.push_one(&a, delete("audit_entry", entry))), "append_only");
    assert_eq!(seen(&api, &a, "audit_entry"), vec![entry]);
    assert!(seen(&api, &b, "audit_entry").is_empty(), "a colleague does not read anne's log");
    assert_eq!(seen(&api, &admin, "audit_entry"), vec![entry]);

    // The aid's parameters: administrators write, everyone reads.
    let smic = Uuid::now_v7();
    let row = fields(json!({
        "kind": "smic_horaire", "effective_from": "2027-01-01", "amount_cents": 1_220,
        "source": "Décret de revalorisation", "replaces_id": null
    }));
    assert_eq!(refusal(&api.push_one(&a, create("aid_parameter", smic, row.clone()))), "admin_only");
    version(&api.push_one(&admin, create("aid_parameter", smic, row)));
    assert_eq!(seen(&api, &c, "aid_parameter"), vec![smic]);
    let o = api.push_one(
        &b,
        update("aid_parameter", smic, json!({"amount_cents": 1_300}), &[("amount_cents", i64::MAX)]),
    );
    assert_eq!(refusal(&o), "admin_only");
}

/// Schema 3 rewrites derogations stored by earlier versions, which named the
/// person's situation (RQTH, aménagement de peine), as the provision applied.
#[test]
fn schema_3_records_derogations_as_the_provision_not_the_situation() {
    let url = fresh_database();
    let id = Uuid::now_v7();
    testing::with_db(&url, async |c| {
        let data =
            json!({"status": "en_cours", "exceptions": ["rqth", "age50_difficultes", "amenagement_peine"]});
        c.execute(
            "INSERT INTO sync_row (entity, row_id, data, field_versions, version, created_at, updated_at, restricted)
             VALUES ('aided_contract', $1, $2, '{}', 1, now(), now(), true)",
            &[&id, &data],
        )
        .await
        .unwrap();
        c.execute("DELETE FROM schema_migrations WHERE version = 3", &[]).await.unwrap();
    });
    let got: serde_json::Value = testing::with_db(&url, async |c| {
        c.query_one("SELECT data->'exceptions' FROM sync_row WHERE row_id = $1", &[&id]).await.unwrap().get(0)
    });
    assert_eq!(got, json!(["duree_cinq_ans", "duree_minimale_reduite"]));
}
