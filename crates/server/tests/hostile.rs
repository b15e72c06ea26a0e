//! A modified client speaking the protocol directly: for each rule of
//! `docs/sync-security.md`, the write is refused, nothing is written, and
//! the answer tells nothing of rows out of the caller's scope.

mod support;

use std::io::{Read, Write};

use serde_json::{Value, json};
use support::*;
use tremplin_domain::access::{Role as AccessRole, matrix};
use tremplin_protocol::{Fields, Outcome, PullEntry, Role};
use tremplin_server::testing::{self, TestServer, add_user, fresh_database};
use uuid::Uuid;

fn person(last: &str, commune: &str) -> Fields {
    fields(json!({
        "first_name": "Sabrina", "last_name": last, "commune_code": commune, "dt_code": null,
        "ft_id": null, "referent_name": null, "referent_organisation": null, "orientation": null,
        "rome_codes": [], "consents": ["parrainage"], "last_contact_on": null, "officer_ids": [], "notes": null
    }))
}

fn contract(person: Uuid, employer: Uuid, dt: &str, officers: &[Uuid]) -> Fields {
    fields(json!({
        "contract_type": "cie", "employer_id": employer, "user_establishment_ids": [],
        "person_id": person, "rome_code": "K2204", "job_title": "Agent de propreté", "employment": "cdd",
        "starts_on": "2026-01-01", "ends_on": "2026-12-31", "aid_starts_on": "2026-01-01",
        "aid_ends_on": "2026-12-31", "aid_decided_on": "2025-12-10", "signed_on": null,
        "employer_attestations": {"no_economic_dismissal": true, "not_replacing_dismissed": true, "contributions_paid": true},
        "contract_hours_centi": 3500, "rate_bp": 4700, "rule_id": null,
        "exceptions": [], "tutor_name": "Marc Lefebvre", "tutor_function": null, "tutor_experienced": true,
        "referent_name": null, "referent_organisation": null, "decision_reference": null, "renewals": [],
        "suspensions": [], "incidents": [], "status": "en_cours", "dt_code": dt, "officer_ids": officers,
        "lines": [], "notes": null, "bilan_on": null, "bilan": null
    }))
}

fn refusal(o: &Outcome) -> (&str, Option<&str>) {
    match o {
        Outcome::Rejected { code, field, current, .. } => {
            assert!(current.is_none(), "a refusal of a row out of scope carries no row: {o:?}");
            (code, field.as_deref())
        }
        o => panic!("expected a refusal, got {o:?}"),
    }
}

/// The code of a refusal of a row the caller sees (it carries the row).
fn code_of(o: &Outcome) -> &str {
    match o {
        Outcome::Rejected { code, .. } => code,
        o => panic!("expected a refusal, got {o:?}"),
    }
}

/// The refusal with the mutation's own ids taken out, to compare answers.
fn answer(o: &Outcome) -> Value {
    serde_json::to_value(o).unwrap()
}

fn row(entries: &[PullEntry], id: Uuid) -> Option<&tremplin_protocol::RowState> {
    rows(entries).into_iter().find(|r| r.row_id == id)
}

struct World {
    srv: TestServer,
    db: String,
    api: Api,
}

fn world() -> World {
    let db = fresh_database();
    let srv = TestServer::start(testing::config(&db));
    let api = Api::new(&srv.url);
    World { srv, db, api }
}

fn sql<T>(db: &str, f: impl AsyncFnOnce(&tokio_postgres::Client) -> T) -> T {
    testing::with_db(db, async move |c| f(&***c).await)
}

fn count(db: &str, query: &str) -> i64 {
    let q = query.to_string();
    sql(db, async move |c| c.query_one(&q, &[]).await.unwrap().get(0))
}

#[test]
fn a_record_about_a_person_out_of_scope_is_refused_as_if_the_person_did_not_exist() {
    let w = world();
    let anne = add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "chloe", Role::ChargeRelationsEntreprises, Some("VA"));
    let [a, c] = ["anne", "chloe"].map(|l| w.api.login(l));
    let employer = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", employer, org_data("Propreté du Nord"))));
    let lille = Uuid::now_v7();
    version(&w.api.push_one(&a, create("person", lille, person("Martin", "59350"))));

    // chloe (VA) writes a contract about anne's Lille person, naming
    // herself and her DT: refused exactly as for a person that does not exist.
    let before = count(&w.db, "SELECT count(*) FROM sync_row");
    let forged = contract(lille, employer, "VA", &[]);
    let o1 = w.api.push_one(&c, create("aided_contract", Uuid::now_v7(), forged));
    let o2 = w.api.push_one(
        &c,
        create("aided_contract", Uuid::now_v7(), contract(Uuid::now_v7(), employer, "VA", &[])),
    );
    assert_eq!(refusal(&o1), ("unknown_reference", Some("person_id")));
    assert_eq!(answer(&o1), answer(&o2), "same answer for out of scope and absent");
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_row"), before, "nothing written");

    // Updates and deletes: out of scope and absent answer alike.
    let absent = Uuid::now_v7();
    for (m1, m2) in [
        (
            update("person", lille, json!({"notes": "x"}), &[("notes", 0)]),
            update("person", absent, json!({"notes": "x"}), &[("notes", 0)]),
        ),
        (delete("person", lille), delete("person", absent)),
    ] {
        let (o1, o2) = (w.api.push_one(&c, m1), w.api.push_one(&c, m2));
        assert_eq!(refusal(&o1).0, "not_found");
        assert_eq!(answer(&o1), answer(&o2));
    }
    // The server derived the person's DT from her commune and her officers
    // by rule: the DT and officers the device sent are not taken.
    let (entries, _) = w.api.pull_all(&a, 0);
    let p = row(&entries, lille).unwrap();
    assert_eq!((p.data["dt_code"].clone(), p.data["officer_ids"].clone()), (json!("ML"), json!([anne])));
}

#[test]
fn scope_fields_are_derived_by_the_server_and_officers_cannot_be_removed() {
    let w = world();
    let anne = add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    let bruno = add_user(&w.db, "bruno", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "manon", Role::ResponsableTerritorial, Some("ML"));
    let chloe = add_user(&w.db, "chloe", Role::ChargeRelationsEntreprises, Some("VA"));
    let [a, b, m, c] = ["anne", "bruno", "manon", "chloe"].map(|l| w.api.login(l));
    let employer = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", employer, org_data("Propreté du Nord"))));
    let p = Uuid::now_v7();
    version(&w.api.push_one(&a, create("person", p, person("Martin", "59350"))));
    // A contract sent as Valenciennes' with chloe as officer lands in
    // Lille with the person's officers and its writer.
    let k = Uuid::now_v7();
    version(&w.api.push_one(&a, create("aided_contract", k, contract(p, employer, "VA", &[chloe]))));
    let (entries, _) = w.api.pull_all(&a, 0);
    let r = row(&entries, k).unwrap();
    assert_eq!((r.data["dt_code"].clone(), r.data["officer_ids"].clone()), (json!("ML"), json!([anne])));
    assert!(row(&w.api.pull_all(&c, 0).0, k).is_none(), "chloe does not get it");

    // bruno (same DT) tries to hide the person: DT and officers rewritten.
    let o = w.api.push_one(
        &b,
        update("person", p, json!({"dt_code": "FM", "officer_ids": [bruno]}), &[("dt_code", i64::MAX)]),
    );
    version(&o);
    let (entries, _) = w.api.pull_all(&m, 0);
    let r = row(&entries, p).expect("the DT's manager still sees the person");
    assert_eq!(r.data["dt_code"], json!("ML"));
    assert_eq!(r.data["officer_ids"], json!([anne]), "the derived fields did not move");
    // Contract lines and contract DT neither: an update of dt_code is ignored.
    version(
        &w.api.push_one(&b, update("aided_contract", k, json!({"dt_code": "FM"}), &[("dt_code", i64::MAX)])),
    );
    assert_eq!(row(&w.api.pull_all(&a, 0).0, k).unwrap().data["dt_code"], json!("ML"));

    // The person moves to Valenciennes: the contract follows; bruno, who
    // saw both, is told to forget them; chloe now sees them; a never-seer
    // (a Dunkirk officer) hears nothing.
    add_user(&w.db, "denis", Role::ChargeRelationsEntreprises, Some("FM"));
    let d = w.api.login("denis");
    let (_, b_page) = w.api.pull_all(&b, 0);
    let (_, d_page) = w.api.pull_all(&d, 0);
    version(
        &w.api.push_one(
            &a,
            update("person", p, json!({"commune_code": "59606"}), &[("commune_code", i64::MAX)]),
        ),
    );
    let (entries, _) = w.api.pull_all(&b, b_page.cursor);
    let forgotten: Vec<Uuid> = entries
        .iter()
        .filter_map(|e| match e {
            PullEntry::Forget { row_id, .. } => Some(*row_id),
            _ => None,
        })
        .collect();
    assert!(forgotten.contains(&p) && forgotten.contains(&k), "{entries:?}");
    let (entries, _) = w.api.pull_all(&d, d_page.cursor);
    assert!(entries.is_empty(), "nothing about rows denis never saw: {entries:?}");
    let (entries, _) = w.api.pull_all(&c, 0);
    assert_eq!(row(&entries, k).unwrap().data["dt_code"], json!("VA"));
    assert!(row(&w.api.pull_all(&a, 0).0, k).is_some(), "anne, involved, still sees it");
}

#[test]
fn the_shared_need_to_know_matrix_holds_on_pull_and_push() {
    let w = world();
    let role = |r: AccessRole| match r {
        AccessRole::Officer => Role::ChargeRelationsEntreprises,
        AccessRole::TerritorialManager => Role::ResponsableTerritorial,
        AccessRole::Administrator => Role::Administrateur,
    };
    let ids: Vec<Uuid> = matrix::USERS
        .iter()
        .enumerate()
        .map(|(k, (r, dt))| add_user(&w.db, &format!("u{k}"), role(*r), *dt))
        .collect();
    let devices: Vec<Device> = (0..ids.len()).map(|k| w.api.login(&format!("u{k}"))).collect();
    // The rows are written straight to the table: the matrix is about who
    // sees them, whatever made them.
    let rows: Vec<Uuid> = matrix::CASES.iter().map(|_| Uuid::now_v7()).collect();
    for (case, id) in matrix::CASES.iter().zip(&rows) {
        let users: Vec<Uuid> = case.users.iter().map(|k| ids[*k]).collect();
        let dt = case.dt.map(str::to_string);
        let id = *id;
        sql(&w.db, async move |c| {
            let v: i64 = c
                .query_one("UPDATE sync_head SET version = version + 1 RETURNING version", &[])
                .await
                .unwrap()
                .get(0);
            let data = json!({"first_name": "A", "last_name": "B", "officer_ids": users, "dt_code": dt});
            c.execute(
                "INSERT INTO sync_row (entity, row_id, data, field_versions, version, created_at, updated_at,
                                       restricted, scope_users, scope_dt)
                 VALUES ('person', $1, $2, '{}', $3, now(), now(), true, $4, $5)",
                &[&id, &data, &v, &users, &dt],
            )
            .await
            .unwrap();
        });
    }
    for (k, device) in devices.iter().enumerate() {
        let (entries, _) = w.api.pull_all(device, 0);
        for (n, case) in matrix::CASES.iter().enumerate() {
            assert_eq!(row(&entries, rows[n]).is_some(), case.sees[k], "pull: case {n}, user {k}");
            // Only a derived field: applied as a no-op when seen, so the
            // rows stay as the matrix says.
            let o = w.api.push_one(device, update("person", rows[n], json!({"dt_code": "FM"}), &[]));
            let refused = matches!(&o, Outcome::Rejected { code, .. } if code == "not_found");
            assert_eq!(!refused, case.sees[k], "push: case {n}, user {k}: {o:?}");
        }
    }
}

#[test]
fn one_live_organisation_per_siret_and_the_refusal_names_it() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "chloe", Role::ChargeRelationsEntreprises, Some("VA"));
    let [a, c] = ["anne", "chloe"].map(|l| w.api.login(l));
    let mut auchan = org_data("Auchan Roncq");
    auchan.insert("kind".into(), json!("etablissement"));
    auchan.insert("siret".into(), json!("73282932000074"));
    let first = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", first, auchan.clone())));
    // chloe, offline, made the same establishment: refused, named.
    let mut copy = auchan.clone();
    copy.insert("name".into(), json!("AUCHAN"));
    let o = w.api.push_one(&c, create("organisation", Uuid::now_v7(), copy.clone()));
    let Outcome::Rejected { code, message, field, .. } = &o else { panic!("{o:?}") };
    assert_eq!((code.as_str(), field.as_deref()), ("duplicate", Some("siret")));
    assert!(message.contains("Auchan Roncq"), "{message}");
    // Nor by changing another organisation's SIRET to it, nor twice in one batch.
    let other = Uuid::now_v7();
    version(&w.api.push_one(&c, create("organisation", other, org_data("Autre"))));
    let o = w.api.push_one(
        &c,
        update(
            "organisation",
            other,
            json!({"siret": "73282932000074", "kind": "etablissement"}),
            &[("siret", i64::MAX)],
        ),
    );
    assert_eq!(code_of(&o), "duplicate");
    let mut twice = auchan.clone();
    twice.insert("siret".into(), json!("44306184100047"));
    let res = w.api.push(
        &c,
        vec![
            create("organisation", Uuid::now_v7(), twice.clone()),
            create("organisation", Uuid::now_v7(), twice),
        ],
    );
    assert!(matches!(res[0], Outcome::Applied { .. }));
    assert_eq!(refusal(&res[1]).0, "duplicate");
    assert_eq!(
        count(&w.db, "SELECT count(*) FROM sync_row WHERE data->>'siret' = '73282932000074'"),
        1,
        "one organisation holds it"
    );
    // Once the first is deleted (by its creator), the SIRET is free again.
    version(&w.api.push_one(&a, delete("organisation", first)));
    version(&w.api.push_one(&c, create("organisation", Uuid::now_v7(), copy)));
}

#[test]
fn unknown_fields_oversized_values_and_far_dates_are_refused_and_not_echoed() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    let a = w.api.login("anne");
    let before = count(&w.db, "SELECT count(*) FROM sync_row");
    let mut extra = org_data("Entreprise");
    extra.insert("payload".into(), json!("x".repeat(100_000)));
    assert_eq!(
        refusal(&w.api.push_one(&a, create("organisation", Uuid::now_v7(), extra))).0,
        "unknown_field"
    );
    let mut big = org_data("Entreprise");
    big.insert("notes".into(), json!("é".repeat(30_000)));
    assert_eq!(
        refusal(&w.api.push_one(&a, create("organisation", Uuid::now_v7(), big))),
        ("too_long", Some("notes"))
    );
    let mut far = task_data("Relancer", a.user.id, a.user.id);
    far.insert("due_date".into(), json!("9999-12-31"));
    assert_eq!(
        refusal(&w.api.push_one(&a, create("task", Uuid::now_v7(), far))),
        ("date_out_of_range", Some("due_date"))
    );
    let huge = "e".repeat(1_000_000);
    let o = w.api.push_one(&a, create(&huge, Uuid::now_v7(), org_data("X")));
    let Outcome::Rejected { code, message, .. } = &o else { panic!() };
    assert_eq!(code, "unknown_entity");
    assert!(message.len() < 400, "the refusal does not echo a megabyte back");
    // An update may not add a field either.
    let org = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", org, org_data("Entreprise"))));
    let o = w.api.push_one(&a, update("organisation", org, json!({"is_admin": true}), &[("is_admin", 0)]));
    assert_eq!(code_of(&o), "unknown_field");
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_row"), before + 1);
    // An access-log entry from the future is refused.
    let audit = fields(json!({
        "officer_id": a.user.id, "at": "2026-12-31T09:00:00.000Z", "action": "consultation",
        "entity": "person", "row_id": Uuid::now_v7(), "purpose": "Entretien"
    }));
    let future = chrono::Utc::now() + chrono::Duration::days(1);
    let mut audit = audit;
    audit.insert("at".into(), json!(tremplin_domain::time::format(&future)));
    assert_eq!(refusal(&w.api.push_one(&a, create("audit_entry", Uuid::now_v7(), audit))).0, "in_future");
}

#[test]
fn shared_employer_data_is_not_deleted_while_referenced_and_only_by_its_creator() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "bruno", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "ada", Role::Administrateur, None);
    let [a, b, admin] = ["anne", "bruno", "ada"].map(|l| w.api.login(l));
    let org = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", org, org_data("Bâtiment Flandres"))));
    let contact = Uuid::now_v7();
    let c = fields(json!({
        "organisation_id": org, "first_name": "Paul", "last_name": "Leroy", "job_title": null,
        "email": null, "phone": null, "mobile": null, "notes": null, "level": null
    }));
    version(&w.api.push_one(&b, create("contact", contact, c)));
    assert_eq!(code_of(&w.api.push_one(&b, delete("organisation", org))), "not_creator");
    assert_eq!(code_of(&w.api.push_one(&a, delete("organisation", org))), "referenced");
    // Deleting the contact first, in the same batch, frees it.
    let res = w.api.push(&a, vec![delete("contact", contact), delete("organisation", org)]);
    assert!(res.iter().all(|o| matches!(o, Outcome::Applied { .. })), "{res:?}");
    // An administrator may delete what another created.
    let other = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", other, org_data("Autre"))));
    version(&w.api.push_one(&admin, delete("organisation", other)));
}

#[test]
fn another_accounts_mutation_id_is_no_oracle() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "chloe", Role::ChargeRelationsEntreprises, Some("VA"));
    let [a, c] = ["anne", "chloe"].map(|l| w.api.login(l));
    let m = create("person", Uuid::now_v7(), person("Martin", "59350"));
    version(&w.api.push_one(&a, m.clone()));
    // chloe replays anne's mutation id with her own row: a new mutation of hers.
    let mut replay = create("organisation", Uuid::now_v7(), org_data("Chez Chloé"));
    replay.mutation_id = m.mutation_id;
    version(&w.api.push_one(&c, replay));
    // anne's re-send still gets her first outcome.
    version(&w.api.push_one(&a, m));
}

#[test]
fn login_bodies_are_bounded_and_every_attempt_counts() {
    let w = world();
    let mut cfg = testing::config(&w.db);
    cfg.login_max_failures_per_account = 3;
    cfg.login_lock_after_failures = 6;
    cfg.login_max_failures_per_address = 1_000;
    let srv = TestServer::start(cfg);
    let api = Api::new(&srv.url);
    add_user(&w.db, "claire", Role::ChargeRelationsEntreprises, Some("ML"));
    let kept = api.login("claire");

    // A 64 KB login body is answered 413 from its Content-Length, unread.
    assert_eq!(status_before_body(&srv.url, "/v1/auth/login", 65_536), "HTTP/1.1 413");

    // A login longer than any account is a 400, and counted.
    let (status, _) = api.login_as(&"x".repeat(5_000), "mot de passe");
    assert_eq!(status, 413, "the body itself is over 4 KB");
    let (status, _) = api.login_as(&"x".repeat(1_000), "mot de passe");
    assert_eq!(status, 400);
    assert_eq!(count(&w.db, "SELECT count(*) FROM login_attempt WHERE length(login) = 100"), 1);

    // Eight guesses in parallel: every one is counted, and the account
    // locks at six whatever the password.
    let url = srv.url.clone();
    let guesses: Vec<_> = (0..8)
        .map(|k| {
            let url = url.clone();
            std::thread::spawn(move || Api::new(&url).login_as("claire", &format!("essai {k}")).0)
        })
        .collect();
    let statuses: Vec<u16> = guesses.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(statuses.iter().all(|s| *s == 401 || *s == 429), "{statuses:?}");
    assert_eq!(
        count(&w.db, "SELECT count(*) FROM login_attempt WHERE login = 'claire' AND success IS NOT TRUE"),
        8
    );
    let (status, body) = api.login_as("claire", testing::TEST_PASSWORD);
    assert_eq!((status, body["code"].as_str()), (429, Some("account_locked")), "{body}");
    let said = body["message"].as_str().unwrap_or_default();
    assert!(said.contains("demandez à l'administrateur de le débloquer"), "message as written: {said}");
    // An unknown login past the same count answers the same.
    for _ in 0..6 {
        api.login_as("personne", "x");
    }
    let (_, unknown) = api.login_as("personne", "x");
    assert_eq!(unknown["code"], body["code"]);
    // Her laptop keeps syncing; an administrator lifts the lock.
    api.pull(&kept, 0, 10);
    sql(&w.db, async |c| tremplin_server::admin::unlock(c, "claire").await.unwrap());
    api.login("claire");
}

#[test]
fn device_tokens_expire_and_a_password_reset_revokes_them() {
    let w = world();
    add_user(&w.db, "claire", Role::ChargeRelationsEntreprises, Some("ML"));
    let [idle, old, fine] = [0, 1, 2].map(|_| w.api.login("claire"));
    sql(&w.db, async |c| {
        c.execute(
            "UPDATE device SET last_seen_at = now() - interval '100 days' WHERE client_device_id = $1",
            &[&idle.device_id],
        )
        .await
        .unwrap();
        c.execute(
            "UPDATE device SET expires_at = now() - interval '1 second' WHERE client_device_id = $1",
            &[&old.device_id],
        )
        .await
        .unwrap();
    });
    let pull = |d: &Device| w.api.get("/v1/sync/pull?cursor=0", Some(&d.token)).0;
    assert_eq!((pull(&idle), pull(&old), pull(&fine)), (401, 401, 200));
    sql(&w.db, async |c| {
        tremplin_server::admin::set_password(c, "claire", "un nouveau mot de passe").await.unwrap()
    });
    assert_eq!(pull(&fine), 401, "a reset cuts every device off");
}

#[test]
fn a_push_without_a_token_is_refused_before_its_body_is_read() {
    let w = world();
    assert_eq!(status_before_body(&w.srv.url, "/v1/sync/push", 60_000_000), "HTTP/1.1 401");
}

/// The status line the server answers to a POST announcing `length` bytes
/// of body, none of them sent: what it decides before reading a body.
fn status_before_body(url: &str, path: &str, length: usize) -> String {
    let mut s = std::net::TcpStream::connect(url.trim_start_matches("http://")).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: x\r\nx-tremplin-protocol: 1\r\nx-tremplin-schema: 1\r\n\
         content-type: application/json\r\ncontent-length: {length}\r\n\r\n"
    )
    .unwrap();
    let mut head = [0u8; 12];
    s.read_exact(&mut head).unwrap();
    String::from_utf8_lossy(&head).into_owned()
}

#[test]
fn references_must_be_live_rules_must_exist_and_device_times_are_bounded() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "chloe", Role::ChargeRelationsEntreprises, Some("VA"));
    let [a, c] = ["anne", "chloe"].map(|l| w.api.login(l));
    let org = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", org, org_data("Fermée depuis"))));
    version(&w.api.push_one(&a, delete("organisation", org)));
    // A contact of a deleted organisation: refused, as for one never made.
    let contact = |org: Uuid| {
        fields(json!({
            "organisation_id": org, "first_name": "Paul", "last_name": "Leroy", "job_title": null,
            "email": null, "phone": null, "mobile": null, "notes": null, "level": null
        }))
    };
    let o1 = w.api.push_one(&a, create("contact", Uuid::now_v7(), contact(org)));
    let o2 = w.api.push_one(&a, create("contact", Uuid::now_v7(), contact(Uuid::now_v7())));
    assert_eq!(refusal(&o1), ("unknown_reference", Some("organisation_id")));
    assert_eq!(answer(&o1), answer(&o2));

    // A contract's aid rule must exist: a shipped one does, an invented one not.
    let employer = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", employer, org_data("Propreté du Nord"))));
    let p = Uuid::now_v7();
    version(&w.api.push_one(&a, create("person", p, person("Martin", "59350"))));
    let mut k = contract(p, employer, "ML", &[]);
    k.insert("rule_id".into(), json!(Uuid::now_v7()));
    let o = w.api.push_one(&a, create("aided_contract", Uuid::now_v7(), k.clone()));
    assert_eq!(refusal(&o), ("unknown_reference", Some("rule_id")));
    k.insert("rule_id".into(), json!("0190a000-0000-7000-8000-000000000301"));
    version(&w.api.push_one(&a, create("aided_contract", Uuid::now_v7(), k)));

    // Creating over a row one cannot see says only that the id is taken.
    let o = w.api.push_one(&c, create("person", p, person("Durand", "59606")));
    assert_eq!(refusal(&o).0, "already_exists");

    // An access-log entry dated before the account existed is refused; so
    // is a mutation made in year 9999.
    let audit = fields(json!({
        "officer_id": a.user.id, "at": "2020-01-01T09:00:00.000Z", "action": "consultation",
        "entity": "person", "row_id": p, "purpose": "Entretien"
    }));
    let o = w.api.push_one(&a, create("audit_entry", Uuid::now_v7(), audit));
    assert_eq!(refusal(&o), ("before_account", Some("at")));
    let mut m = create("organisation", Uuid::now_v7(), org_data("Demain"));
    m.made_at = "9999-01-01T00:00:00Z".parse().unwrap();
    assert_eq!(refusal(&w.api.push_one(&a, m)).0, "invalid_mutation");
}

#[test]
fn bookkeeping_is_purged_past_its_horizon() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    let a = w.api.login("anne");
    version(&w.api.push_one(&a, create("organisation", Uuid::now_v7(), org_data("Récente"))));
    w.api.login_as("anne", "faux");
    sql(&w.db, async |c| {
        c.batch_execute(
            "INSERT INTO login_attempt (login, address, success, at) VALUES ('x', '10.0.0.1', false, now() - interval '100 days');
             UPDATE sync_mutation SET received_at = now() - interval '200 days';",
        )
        .await
        .unwrap();
        assert_eq!(tremplin_server::admin::purge_bookkeeping(c, 90, 180).await.unwrap(), (1, 1));
    });
    assert_eq!(count(&w.db, "SELECT count(*) FROM login_attempt"), 2, "recent attempts stay");
}

#[test]
fn contract_lines_are_computed_by_the_server_and_begun_months_survive_a_correction() {
    use tremplin_domain::cie::{AidLine, AidedContract};
    use tremplin_domain::parameters::book::AidBook;
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "ada", Role::Administrateur, None);
    let [a, admin] = ["anne", "ada"].map(|l| w.api.login(l));
    let employer = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", employer, org_data("Propreté du Nord"))));
    let p = Uuid::now_v7();
    version(&w.api.push_one(&a, create("person", p, person("Martin", "59350"))));
    let mut k = contract(p, employer, "ML", &[]);
    k.insert("rule_id".into(), json!("0190a000-0000-7000-8000-000000000301"));
    // The device claims a fortune for January.
    let forged = json!([{"month": "2026-01", "aid_cents": 99_999_999, "dept_cents": 99_999_999, "state_cents": 0,
                         "due_days": 31, "params": {"smic": [], "rsa": [], "rate_bp": 4700,
                         "weekly_hours_centi": 3500, "financing": {"mode": "b", "dept_share_bp": 10000},
                         "rule_name": "Forgée"}}]);
    k.insert("lines".into(), forged);
    let id = Uuid::now_v7();
    version(&w.api.push_one(&a, create("aided_contract", id, k.clone())));
    let stored = |d: &Device| -> Vec<AidLine> {
        serde_json::from_value(row(&w.api.pull_all(d, 0).0, id).unwrap().data["lines"].clone()).unwrap()
    };
    let lines = stored(&a);
    // What the domain computes with the shipped tables, whatever was sent.
    let book = AidBook::new(vec![], vec![]);
    let mut c: AidedContract = serde_json::from_value(Value::Object(k)).unwrap();
    c.lines = vec![];
    let rule = book.any_rule(c.rule_id.unwrap()).unwrap();
    let expected = AidedContract::begun_lines(
        c.aid_lines(rule, &book.smic, &book.rsa).unwrap(),
        chrono::Utc::now().date_naive(),
    );
    assert_eq!(lines, expected);
    assert!(lines.iter().all(|l| l.aid_cents < 200_000), "{lines:?}");

    // An officer may not change the tables; nothing is written.
    let changes = count(&w.db, "SELECT count(*) FROM sync_change");
    let smic = fields(json!({
        "kind": "smic_horaire", "effective_from": "2026-01-01", "amount_cents": 1_500,
        "source": "Correction", "replaces_id": null
    }));
    assert_eq!(
        refusal(&w.api.push_one(&a, create("aid_parameter", Uuid::now_v7(), smic.clone()))).0,
        "admin_only"
    );
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_change"), changes);
    // An administrator's correction reaches months not yet begun only.
    version(&w.api.push_one(&admin, create("aid_parameter", Uuid::now_v7(), smic)));
    assert_eq!(stored(&a), lines, "begun months keep their amounts");
    version(&w.api.push_one(
        &a,
        update("aided_contract", id, json!({"notes": "Bilan à trois mois"}), &[("notes", i64::MAX)]),
    ));
    assert_eq!(stored(&a), lines, "and keep them when the contract is edited");

    // A retroactive revaluation the administrator asks to apply: the begun
    // months from its date on are computed again, both amounts kept.
    let retro = fields(json!({
        "kind": "smic_horaire", "effective_from": "2026-01-01", "amount_cents": 1_600,
        "source": "Décret rétroactif", "replaces_id": null, "recompute_begun": true
    }));
    let retro_id = Uuid::now_v7();
    version(&w.api.push_one(&admin, create("aid_parameter", retro_id, retro)));
    let revised = stored(&a);
    assert_eq!(revised.len(), lines.len());
    assert!(revised.iter().zip(&lines).all(|(r, l)| r.aid_cents > l.aid_cents), "{revised:?}");
    let data = row(&w.api.pull_all(&a, 0).0, id).unwrap().data.clone();
    let revisions: Vec<tremplin_domain::cie::LineRevision> =
        serde_json::from_value(data["revisions"].clone()).unwrap();
    assert_eq!(revisions.len(), lines.len());
    assert_eq!(
        (revisions[0].old.aid_cents, revisions[0].new.aid_cents),
        (lines[0].aid_cents, revised[0].aid_cents)
    );
    assert_eq!(revisions[0].parameter_id, retro_id);
    // A device cannot forge or drop them.
    version(&w.api.push_one(
        &a,
        update(
            "aided_contract",
            id,
            json!({"revisions": [], "notes": "x"}),
            &[("revisions", i64::MAX), ("notes", i64::MAX)],
        ),
    ));
    let data = row(&w.api.pull_all(&a, 0).0, id).unwrap().data.clone();
    assert_eq!(data["revisions"].as_array().map(Vec::len), Some(lines.len()));
}

fn erasure_request(person: Uuid, officer: Uuid) -> Fields {
    fields(json!({
        "person_id": person, "reason": "droit_effacement", "requested_on": "2026-11-30",
        "officer_id": officer, "dt_code": null, "officer_ids": []
    }))
}

fn convention(number: &str) -> Fields {
    fields(json!({
        "number": number, "title": "Partenariat", "version_no": 1, "previous_id": null, "status": "brouillon",
        "partner_ids": [], "third_party_ids": [], "signatories": [], "territories": [], "establishment_ids": [],
        "cp_number": null, "cp_date": null, "signed_on": null, "starts_on": null, "duration_months": 24,
        "terminated_on": null, "termination_reason": null, "preamble": null, "financial_clause": null,
        "place": null, "notice_months": 3, "cure_days": 30, "copil_frequency": null, "cotech_frequency": null,
        "referent_id": null, "notes": null, "amendment_purpose": null, "amends_from": null, "amended_by_id": null
    }))
}

#[test]
fn retention_erasure_and_avenant_rules_hold_against_a_modified_client() {
    let w = world();
    let anne = add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "bruno", Role::ChargeRelationsEntreprises, Some("ML"));
    let chloe = add_user(&w.db, "chloe", Role::ChargeRelationsEntreprises, Some("VA"));
    let [a, b, c] = ["anne", "bruno", "chloe"].map(|l| w.api.login(l));
    let lille = Uuid::now_v7();
    version(&w.api.push_one(&a, create("person", lille, person("Quennehen", "59350"))));
    let rows = || count(&w.db, "SELECT count(*) FROM sync_row");

    // Retention periods are administrators': a one-month period is refused, nothing written.
    let before = rows();
    let period = fields(json!({
        "rule": "personne_activite", "months": 1, "effective_from": "2026-01-01",
        "source": "Abrégé par un poste modifié", "replaces_id": null
    }));
    assert_eq!(
        refusal(&w.api.push_one(&a, create("retention_period", Uuid::now_v7(), period))).0,
        "admin_only"
    );
    assert_eq!(rows(), before);

    // An erasure request about a person out of scope answers as for an absent one.
    let o1 = w.api.push_one(&c, create("erasure_request", Uuid::now_v7(), erasure_request(lille, chloe)));
    let o2 =
        w.api.push_one(&c, create("erasure_request", Uuid::now_v7(), erasure_request(Uuid::now_v7(), chloe)));
    assert_eq!(refusal(&o1), ("unknown_reference", Some("person_id")));
    assert_eq!(answer(&o1), answer(&o2), "same answer for out of scope and absent");
    // In another officer's name: refused.
    let forged = w.api.push_one(&b, create("erasure_request", Uuid::now_v7(), erasure_request(lille, anne)));
    assert_eq!(refusal(&forged), ("not_author", Some("officer_id")));
    assert_eq!(rows(), before, "nothing written");

    // Anne's own request waits seven days, and a disabled account's is void.
    version(&w.api.push_one(&a, create("erasure_request", Uuid::now_v7(), erasure_request(lille, anne))));
    let today = chrono::Utc::now().date_naive();
    let purge =
        || testing::with_db(&w.db, async |db| tremplin_server::retention::run(db, today).await.unwrap());
    let erased =
        || count(&w.db, "SELECT count(*) FROM sync_row WHERE erased_at IS NOT NULL AND entity = 'person'");
    assert!(purge().is_empty());
    assert_eq!(erased(), 0, "not before seven days");
    sql(&w.db, async |db| {
        db.batch_execute(
            "UPDATE sync_row SET created_at = now() - interval '8 days' WHERE entity = 'erasure_request';
             UPDATE app_user SET disabled_at = now() WHERE login = 'anne';",
        )
        .await
        .unwrap()
    });
    assert!(purge().is_empty());
    assert_eq!(erased(), 0, "void while her account is disabled");
    sql(&w.db, async |db| {
        db.batch_execute("UPDATE app_user SET disabled_at = NULL WHERE login = 'anne'").await.unwrap()
    });
    assert_eq!(purge().len(), 1);
    assert_eq!(erased(), 1);
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_row WHERE data::text LIKE '%Quennehen%'"), 0);
    // Bruno, of her DT, is told to erase it; Chloe learns nothing of the row.
    let named = |d: &Device| {
        w.api.pull_all(d, 0).0.into_iter().find(|e| match e {
            PullEntry::Row(r) => r.row_id == lille,
            PullEntry::Forget { row_id, .. } | PullEntry::Erased { row_id, .. } => *row_id == lille,
        })
    };
    assert!(matches!(named(&b), Some(PullEntry::Erased { .. })), "{:?}", named(&b));
    assert!(named(&c).is_none());
    // A write to the erased row applies nothing and gives back nothing of it.
    match w.api.push_one(&b, update("person", lille, json!({"notes": "x"}), &[("notes", 0)])) {
        Outcome::AppliedWithConflicts { version: None, conflicts } => {
            assert!(conflicts.iter().all(|c| c.row_deleted && c.server_value.is_null()), "{conflicts:?}");
        }
        o => panic!("expected nothing applied, got {o:?}"),
    }
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) FROM sync_row WHERE data::text <> '{}' AND row_id IN (SELECT row_id FROM sync_row WHERE erased_at IS NOT NULL)"
        ),
        0
    );

    // A convention says it was amended only by a signed avenant that amends it.
    let (first, other) = (Uuid::now_v7(), Uuid::now_v7());
    version(&w.api.push_one(&a, create("convention", first, convention("2015-CP-0423"))));
    version(&w.api.push_one(&a, create("convention", other, convention("2016-CP-0007"))));
    let before = count(&w.db, "SELECT count(*) FROM sync_change");
    let o = w.api.push_one(
        &b,
        update("convention", first, json!({"amended_by_id": other}), &[("amended_by_id", i64::MAX)]),
    );
    assert_eq!(code_of(&o), "not_amended");
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_change"), before, "nothing written");
}

fn need_data(employer: Uuid, status: &str, status_by: Uuid, owner: Uuid) -> Fields {
    fields(json!({
        "employer_id": employer, "rome_code": "D1102", "job_title": "Boulanger", "positions": 1,
        "contract": "cdi", "weekly_hours_centi": null, "duration_months": null, "commune_code": null,
        "wished_start_on": null, "licences": [], "staggered_hours": false, "public_transport": false,
        "training": null, "opco": null, "reserved_until": null, "source": "visite", "convention_id": null,
        "owner_id": owner, "notes": null, "status": status, "abandon_reason": null,
        "status_on": "2026-11-30", "status_by": status_by
    }))
}

/// A refusal of a row the caller sees: its code and field (the row comes
/// with it, employer data being shared).
fn seen_refusal(o: &Outcome) -> (&str, Option<&str>) {
    match o {
        Outcome::Rejected { code, field, current: Some(_), .. } => (code, field.as_deref()),
        o => panic!("expected a refusal carrying the row, got {o:?}"),
    }
}

#[test]
fn a_need_moves_along_its_pipeline_signed_by_whoever_moves_it_and_only_its_creator_deletes_it() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "bruno", Role::ChargeRelationsEntreprises, Some("FM"));
    let [a, b] = ["anne", "bruno"].map(|l| w.api.login(l));
    let org = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", org, org_data("Boulangerie Paul"))));
    let status_of = |need: Uuid| {
        let q = format!(
            "SELECT count(*) FROM sync_row WHERE row_id = '{need}' AND data->>'status' = 'a_qualifier'"
        );
        count(&w.db, &q)
    };

    // Created in a colleague's name: refused, nothing written.
    let need = Uuid::now_v7();
    let forged = need_data(org, "a_qualifier", b.user.id, a.user.id);
    assert_eq!(code_of(&w.api.push_one(&a, create("recruitment_need", need, forged))), "not_author");
    assert_eq!(count(&w.db, &format!("SELECT count(*) FROM sync_row WHERE row_id = '{need}'")), 0);
    let v =
        version(&w.api.push_one(
            &a,
            create("recruitment_need", need, need_data(org, "a_qualifier", a.user.id, a.user.id)),
        ));

    // Another territory's officer works on it, but may not skip a step nor
    // sign with anne's name; the row stays as it was.
    let base = [("status", v), ("status_by", v)];
    let skip = update("recruitment_need", need, json!({"status": "pourvu", "status_by": b.user.id}), &base);
    assert_eq!(seen_refusal(&w.api.push_one(&b, skip)), ("bad_move", Some("status")));
    let signed = update("recruitment_need", need, json!({"status": "ouvert", "status_by": a.user.id}), &base);
    assert_eq!(seen_refusal(&w.api.push_one(&b, signed)), ("not_author", Some("status_by")));
    let unsigned = update("recruitment_need", need, json!({"status": "ouvert"}), &base);
    assert_eq!(seen_refusal(&w.api.push_one(&b, unsigned)), ("not_author", Some("status_by")));
    assert_eq!(status_of(need), 1, "nothing written");
    version(&w.api.push_one(
        &b,
        update("recruitment_need", need, json!({"status": "ouvert", "status_by": b.user.id}), &base),
    ));

    // Only its creator deletes it; a need for an employer nobody has is
    // refused like any unknown reference.
    assert_eq!(code_of(&w.api.push_one(&b, delete("recruitment_need", need))), "not_creator");
    let ghost = need_data(Uuid::now_v7(), "a_qualifier", b.user.id, b.user.id);
    assert_eq!(
        refusal(&w.api.push_one(&b, create("recruitment_need", Uuid::now_v7(), ghost))).0,
        "unknown_reference"
    );
    version(&w.api.push_one(&a, delete("recruitment_need", need)));
}

/// The server's day: a candidacy and its steps are dated the day they are made.
fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn candidacy_data(need: Uuid, person: Uuid, history: Value) -> Fields {
    let stage = history.as_array().and_then(|h| h.last()).map_or(json!("propose"), |s| s["stage"].clone());
    fields(json!({
        "need_id": need, "person_id": person, "consent_on": today(), "stage": stage, "reason": null,
        "history": history, "dt_code": "FM", "officer_ids": []
    }))
}

fn hire_data(employer: Uuid, need: Option<Uuid>) -> Fields {
    fields(json!({
        "employer_id": employer, "need_id": need, "convention_id": null, "contract": "cdi", "rome_code": null,
        "job_title": "Boulanger", "starts_on": "2026-10-05", "planned_end_on": null, "weekly_hours_centi": 3500,
        "officer_id": Uuid::nil(), "ended_on": null, "end_reason": null,
        "follow_ups": [
            {"after_months": 1, "due_on": "2026-11-05", "done_on": null, "in_post": null},
            {"after_months": 3, "due_on": "2027-01-05", "done_on": null, "in_post": null},
            {"after_months": 6, "due_on": "2027-04-05", "done_on": null, "in_post": null}
        ]
    }))
}

/// Candidates as a modified client would push them: about a person, so
/// another DT's officer can neither put her forward nor tie a hire to her
/// (one answer whether she exists or not, whatever the id's spelling); a
/// candidacy needs her consent — which cannot be slipped in and out of her
/// record —, is dated the day it is made, stays on its need and person,
/// keeps its past steps (not deleted once past « proposé ») and signs new
/// ones with the caller's name; the need's count is the server's; a hire's
/// counted fields are its follower's, it is the need's employer's, its
/// follow-ups are not dated ahead, and deleting it takes who was hired.
#[test]
fn candidacies_follow_the_person_count_on_the_server_and_keep_their_history() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "bruno", Role::ChargeRelationsEntreprises, Some("FM"));
    let [a, b] = ["anne", "bruno"].map(|l| w.api.login(l));
    let (org, other_org) = (Uuid::now_v7(), Uuid::now_v7());
    version(&w.api.push_one(&a, create("organisation", org, org_data("Boulangerie Paul"))));
    version(&w.api.push_one(&a, create("organisation", other_org, org_data("Boulangerie Pierre"))));
    let need = Uuid::now_v7();
    let mut nd = need_data(org, "ouvert", a.user.id, a.user.id);
    nd.insert("candidate_count".into(), json!(40));
    version(&w.api.push_one(&a, create("recruitment_need", need, nd)));
    let counted = |need: Uuid| {
        let q =
            format!("SELECT (data->>'candidate_count')::int::bigint FROM sync_row WHERE row_id = '{need}'");
        sql(&w.db, async |c| c.query_one(&q, &[]).await.unwrap().get::<_, i64>(0))
    };
    assert_eq!(counted(need), 0, "a client's count is ignored");

    let (without, with, third) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    version(&w.api.push_one(&a, create("person", without, person("Martin", "59350"))));
    let consenting = |last: &str| {
        let mut p = person(last, "59350");
        p.insert(
            "consents".into(),
            json!([{"kind": "partage_profil_employeur", "given_on": "2026-11-01", "how": "ecrit", "withdrawn_on": null}]),
        );
        p
    };
    let v_with = version(&w.api.push_one(&a, create("person", with, consenting("Durand"))));
    version(&w.api.push_one(&a, create("person", third, consenting("Leroy"))));
    let step = |stage: &str, by: Uuid| json!({"stage": stage, "on": today(), "by": by});
    let propose = |person: Uuid, by: Uuid| candidacy_data(need, person, json!([step("propose", by)]));

    // Without her consent: refused; and a consent cannot be slipped into
    // her record undated (to be taken out again once she is proposed).
    let c1 = Uuid::now_v7();
    assert_eq!(
        refusal(&w.api.push_one(&a, create("candidacy", c1, propose(without, a.user.id)))),
        ("no_consent", Some("consent_on"))
    );
    let slipped =
        update("person", without, json!({"consents": ["partage_profil_employeur"]}), &[("consents", 1)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, slipped)).0, "consent_history");
    // Nor taken out of a record that has it.
    let erased = update("person", with, json!({"consents": []}), &[("consents", v_with)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, erased)), ("consent_history", Some("consents")));
    // Bruno, of another DT, cannot put Anne's person forward: the same
    // answer as for a person who does not exist, or an id spelt otherwise.
    assert_eq!(
        refusal(&w.api.push_one(&b, create("candidacy", c1, propose(with, b.user.id)))),
        ("unknown_reference", Some("person_id"))
    );
    let ghost = propose(Uuid::now_v7(), b.user.id);
    assert_eq!(
        refusal(&w.api.push_one(&b, create("candidacy", c1, ghost))),
        ("unknown_reference", Some("person_id"))
    );
    let mut shouted = propose(with, a.user.id);
    shouted.insert("person_id".into(), json!(with.to_string().to_uppercase()));
    assert_eq!(
        refusal(&w.api.push_one(&a, create("candidacy", c1, shouted))),
        ("unknown_reference", Some("person_id"))
    );
    // Proposed in a colleague's name, or dated a year back: refused.
    assert_eq!(
        refusal(&w.api.push_one(&a, create("candidacy", c1, propose(with, b.user.id)))).0,
        "not_author"
    );
    let mut backdated =
        candidacy_data(need, with, json!([{"stage": "propose", "on": "2025-11-30", "by": a.user.id}]));
    backdated.insert("consent_on".into(), json!("2025-11-30"));
    assert_eq!(
        refusal(&w.api.push_one(&a, create("candidacy", c1, backdated))),
        ("bad_date", Some("consent_on"))
    );
    let v = version(&w.api.push_one(&a, create("candidacy", c1, propose(with, a.user.id))));
    assert_eq!(counted(need), 1);
    // A laptop back after ten days offline pushes what it did then.
    let (fourth, c4) = (Uuid::now_v7(), Uuid::now_v7());
    version(&w.api.push_one(&a, create("person", fourth, consenting("Petit"))));
    let ten_days_ago = (chrono::Utc::now().date_naive() - chrono::Days::new(10)).to_string();
    let mut offline =
        candidacy_data(need, fourth, json!([{"stage": "propose", "on": ten_days_ago, "by": a.user.id}]));
    offline.insert("consent_on".into(), json!(ten_days_ago));
    version(&w.api.push_one(&a, create("candidacy", c4, offline)));
    assert_eq!(counted(need), 2);
    // Twice on the same need: refused.
    let o = w.api.push_one(&a, create("candidacy", Uuid::now_v7(), propose(with, a.user.id)));
    assert_eq!(refusal(&o), ("duplicate", Some("person_id")));
    // Its need and person stay; its past steps too; a step is not dated ahead.
    let base = [("person_id", v), ("history", v), ("stage", v)];
    let moved = update("candidacy", c1, json!({"person_id": without}), &base);
    assert_eq!(seen_refusal(&w.api.push_one(&a, moved)), ("read_only", Some("person_id")));
    let rewritten = update(
        "candidacy",
        c1,
        json!({"history": [step("propose", b.user.id), step("cv_transmis", a.user.id)], "stage": "cv_transmis"}),
        &base,
    );
    assert_eq!(seen_refusal(&w.api.push_one(&a, rewritten)), ("history_rewritten", Some("history")));
    let ahead = update(
        "candidacy",
        c1,
        json!({"history": [step("propose", a.user.id), {"stage": "cv_transmis", "on": "2100-12-31", "by": a.user.id}],
               "stage": "cv_transmis"}),
        &base,
    );
    assert_eq!(seen_refusal(&w.api.push_one(&a, ahead)), ("bad_date", Some("history")));
    let onward = update(
        "candidacy",
        c1,
        json!({"history": [step("propose", a.user.id), step("cv_transmis", a.user.id)], "stage": "cv_transmis"}),
        &base,
    );
    version(&w.api.push_one(&a, onward));
    // Past « proposé », it is not deleted (and re-created with a new history).
    assert_eq!(seen_refusal(&w.api.push_one(&a, delete("candidacy", c1))).0, "not_deletable");

    // Bruno's pull: the need and its count, not the candidacy.
    let (entries, _) = w.api.pull_all(&b, 0);
    let n = row(&entries, need).expect("the need is shared");
    assert_eq!(n.data["candidate_count"], json!(2));
    assert!(row(&entries, c1).is_none(), "the candidacy is Anne's DT's");

    // A hire is shared, made at the need's employer; who was hired is not
    // Bruno's to write, and is the candidacy's person.
    let hire = Uuid::now_v7();
    let mut hd = hire_data(other_org, Some(need));
    hd.insert("officer_id".into(), json!(a.user.id));
    assert_eq!(
        refusal(&w.api.push_one(&a, create("hire", hire, hd.clone()))),
        ("not_the_need", Some("employer_id"))
    );
    hd.insert("employer_id".into(), json!(org));
    let vh = version(&w.api.push_one(&a, create("hire", hire, hd)));
    let link = |person: Uuid| {
        fields(json!({"hire_id": hire, "person_id": person, "candidacy_id": c1, "aided_contract_id": null,
                      "dt_code": null, "officer_ids": []}))
    };
    assert_eq!(
        refusal(&w.api.push_one(&b, create("hired_person", Uuid::now_v7(), link(with)))),
        ("unknown_reference", Some("person_id"))
    );
    assert_eq!(
        refusal(&w.api.push_one(&a, create("hired_person", Uuid::now_v7(), link(third)))),
        ("not_the_person", Some("candidacy_id"))
    );
    let hp = Uuid::now_v7();
    version(&w.api.push_one(&a, create("hired_person", hp, link(with))));
    let (entries, _) = w.api.pull_all(&b, 0);
    assert!(row(&entries, hire).is_some(), "the employment fact is shared");
    assert!(entries.iter().all(|e| !matches!(e, PullEntry::Row(r) if r.entity == "hired_person")));
    // What the conventions count is its follower's; a follow-up is not dated ahead.
    let recount = update("hire", hire, json!({"contract": "iae"}), &[("contract", vh)]);
    assert_eq!(seen_refusal(&w.api.push_one(&b, recount)), ("not_follower", Some("contract")));
    let mut ups = hire_data(org, Some(need))["follow_ups"].clone();
    ups[0]["done_on"] = json!("2100-01-01");
    ups[0]["in_post"] = json!(true);
    let early = update("hire", hire, json!({"follow_ups": ups}), &[("follow_ups", vh)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, early)), ("in_future", Some("follow_ups")));
    // Only its creator deletes it, and who was hired goes with it.
    assert_eq!(code_of(&w.api.push_one(&b, delete("hire", hire))), "not_creator");
    version(&w.api.push_one(&a, delete("hire", hire)));
    let live =
        count(&w.db, &format!("SELECT count(*) FROM sync_row WHERE row_id = '{hp}' AND deleted_at IS NULL"));
    assert_eq!(live, 0);

    // A candidacy still « proposé » is withdrawn, and no longer counted.
    let c3 = Uuid::now_v7();
    version(&w.api.push_one(&a, create("candidacy", c3, propose(third, a.user.id))));
    assert_eq!(counted(need), 3);
    version(&w.api.push_one(&a, delete("candidacy", c3)));
    assert_eq!(counted(need), 2);
}

/// The rest of the placement rules, each pushed by a modified client and
/// refused with the row as it was (its version unchanged, nothing else
/// written): no candidate on a need still to qualify; a reason changed
/// after « non retenu »; a CV sent after the consent was withdrawn; a
/// thousand-and-first candidate on a need; a
/// hire counted for an unsigned convention; who was hired moved to another
/// hire, or tied to someone else's aided contract.
#[test]
fn placement_refusals_leave_the_rows_as_they_were() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    let [a] = ["anne"].map(|l| w.api.login(l));
    let org = Uuid::now_v7();
    version(&w.api.push_one(&a, create("organisation", org, org_data("Boulangerie Paul"))));
    let consenting = |last: &str| {
        let mut p = person(last, "59350");
        p.insert(
            "consents".into(),
            json!([{"kind": "partage_profil_employeur", "given_on": "2026-11-01", "how": "ecrit", "withdrawn_on": null}]),
        );
        p
    };
    let (p, q) = (Uuid::now_v7(), Uuid::now_v7());
    let vp = version(&w.api.push_one(&a, create("person", p, consenting("Durand"))));
    version(&w.api.push_one(&a, create("person", q, consenting("Leroy"))));
    let written = || count(&w.db, "SELECT count(*) FROM sync_change");
    let version_of = |id: Uuid| count(&w.db, &format!("SELECT version FROM sync_row WHERE row_id = '{id}'"));
    let step = |stage: &str| json!({"stage": stage, "on": today(), "by": a.user.id});

    // A need still to qualify takes no one: nothing written.
    let (draft, open) = (Uuid::now_v7(), Uuid::now_v7());
    version(&w.api.push_one(
        &a,
        create("recruitment_need", draft, need_data(org, "a_qualifier", a.user.id, a.user.id)),
    ));
    version(
        &w.api.push_one(&a, create("recruitment_need", open, need_data(org, "ouvert", a.user.id, a.user.id))),
    );
    let before = written();
    let c = Uuid::now_v7();
    let o = w.api.push_one(&a, create("candidacy", c, candidacy_data(draft, p, json!([step("propose")]))));
    assert_eq!(refusal(&o), ("need_closed", Some("need_id")));
    assert_eq!(
        (written(), count(&w.db, &format!("SELECT count(*) FROM sync_row WHERE row_id = '{c}'"))),
        (before, 0)
    );

    let v = version(
        &w.api.push_one(&a, create("candidacy", c, candidacy_data(open, p, json!([step("propose")])))),
    );
    let base = [("reason", v), ("history", v), ("stage", v)];
    // Her consent withdrawn today: no CV goes to the employer.
    version(&w.api.push_one(
        &a,
        update(
            "person",
            p,
            json!({"consents": [{"kind": "partage_profil_employeur", "given_on": "2026-11-01", "how": "ecrit",
                                 "withdrawn_on": today()}]}),
            &[("consents", vp)],
        ),
    ));
    let before = written();
    let cv = update(
        "candidacy",
        c,
        json!({"history": [step("propose"), step("cv_transmis")], "stage": "cv_transmis"}),
        &base,
    );
    assert_eq!(seen_refusal(&w.api.push_one(&a, cv)), ("no_consent", Some("consent_on")));
    assert_eq!((written(), version_of(c)), (before, v));
    // Her answer is still recorded; its reason is given with it, not changed afterwards.
    let no = update(
        "candidacy",
        c,
        json!({"history": [step("propose"), step("non_retenu")], "stage": "non_retenu", "reason": "candidat_renonce"}),
        &base,
    );
    let v = version(&w.api.push_one(&a, no));
    let before = written();
    let o = w.api.push_one(&a, update("candidacy", c, json!({"reason": "autre"}), &[("reason", v)]));
    assert_eq!(seen_refusal(&o), ("read_only", Some("reason")));
    assert_eq!((written(), version_of(c)), (before, v));

    // At most 1,000 candidates on a need (a bound on what a push loads).
    let crowd: Vec<Uuid> = (0..1_000).map(|_| Uuid::now_v7()).collect();
    let people = crowd.iter().map(|id| create("person", *id, consenting("Foule"))).collect();
    assert!(w.api.push(&a, people).iter().all(|o| matches!(o, Outcome::Applied { .. })));
    let busy = Uuid::now_v7();
    version(
        &w.api.push_one(&a, create("recruitment_need", busy, need_data(org, "ouvert", a.user.id, a.user.id))),
    );
    let proposals = crowd
        .iter()
        .map(|id| create("candidacy", Uuid::now_v7(), candidacy_data(busy, *id, json!([step("propose")]))))
        .collect();
    assert!(w.api.push(&a, proposals).iter().all(|o| matches!(o, Outcome::Applied { .. })));
    let before = written();
    let o = w
        .api
        .push_one(&a, create("candidacy", Uuid::now_v7(), candidacy_data(busy, q, json!([step("propose")]))));
    assert_eq!(refusal(&o), ("too_many", Some("need_id")));
    assert_eq!(written(), before);

    // A hire counts for a signed convention only.
    let draft_convention = Uuid::now_v7();
    version(&w.api.push_one(&a, create("convention", draft_convention, convention("2026-CP-0001"))));
    let mut hd = hire_data(org, None);
    hd.insert("officer_id".into(), json!(a.user.id));
    hd.insert("convention_id".into(), json!(draft_convention));
    let (hire, other_hire) = (Uuid::now_v7(), Uuid::now_v7());
    let before = written();
    assert_eq!(
        refusal(&w.api.push_one(&a, create("hire", hire, hd.clone()))),
        ("convention_unsigned", Some("convention_id"))
    );
    assert_eq!(written(), before);
    hd.insert("convention_id".into(), Value::Null);
    version(&w.api.push_one(&a, create("hire", hire, hd.clone())));
    version(&w.api.push_one(&a, create("hire", other_hire, hd)));

    // Who was hired stays on its hire, and names only her own aided contract.
    let qs_contract = Uuid::now_v7();
    version(&w.api.push_one(&a, create("aided_contract", qs_contract, contract(q, org, "ML", &[a.user.id]))));
    let link = |contract: Option<Uuid>| {
        fields(json!({"hire_id": hire, "person_id": p, "candidacy_id": null, "aided_contract_id": contract,
                      "dt_code": null, "officer_ids": []}))
    };
    let before = written();
    let o = w.api.push_one(&a, create("hired_person", Uuid::now_v7(), link(Some(qs_contract))));
    assert_eq!(refusal(&o), ("not_the_person", Some("aided_contract_id")));
    assert_eq!(written(), before);
    let hp = Uuid::now_v7();
    let vh = version(&w.api.push_one(&a, create("hired_person", hp, link(None))));
    let before = written();
    let o =
        w.api.push_one(&a, update("hired_person", hp, json!({"hire_id": other_hire}), &[("hire_id", vh)]));
    assert_eq!(seen_refusal(&o), ("read_only", Some("hire_id")));
    assert_eq!((written(), version_of(hp)), (before, vh));
}

fn event_data(organiser: Uuid, employers: &[Uuid], needs: &[Uuid], held_on: &str, status: &str) -> Fields {
    fields(json!({
        "kind": "job_dating", "title": "Job dating boulangerie", "held_on": held_on, "starts_at": "09:00",
        "ends_at": "12:00", "place": "Maison de l'emploi", "commune_code": null, "organiser_ids": [organiser],
        "partner_ids": [], "employer_ids": employers, "need_ids": needs, "capacity": null,
        "description": null, "status": status
    }))
}

fn invitation_data(event: Uuid, person: Uuid, need: Option<Uuid>, status: &str, by: Uuid) -> Fields {
    fields(json!({
        "event_id": event, "person_id": person, "need_id": need, "status": status, "status_on": today(),
        "invited_by": by, "dt_code": "FM", "officer_ids": []
    }))
}

/// Events as a modified client would push them: organised by officers
/// the server knows, bringing only their employers' needs, held on their
/// day; an invitation is about a person (another DT's officer can neither
/// make one nor learn whether she exists), made once, in the caller's
/// name, for one of the event's needs; attendance waits for the day, and
/// a held or cancelled event keeps its invitations as they were; an event
/// with invitations is not deleted.
#[test]
fn events_and_their_invitations_hold_against_a_modified_client() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    add_user(&w.db, "bruno", Role::ChargeRelationsEntreprises, Some("FM"));
    let [a, b] = ["anne", "bruno"].map(|l| w.api.login(l));
    let (org, other) = (Uuid::now_v7(), Uuid::now_v7());
    version(&w.api.push_one(&a, create("organisation", org, org_data("Boulangerie Paul"))));
    version(&w.api.push_one(&a, create("organisation", other, org_data("Garage Martin"))));
    let (need, foreign) = (Uuid::now_v7(), Uuid::now_v7());
    version(
        &w.api.push_one(&a, create("recruitment_need", need, need_data(org, "ouvert", a.user.id, a.user.id))),
    );
    version(
        &w.api.push_one(
            &a,
            create("recruitment_need", foreign, need_data(other, "ouvert", a.user.id, a.user.id)),
        ),
    );
    let events = || count(&w.db, "SELECT count(*) FROM sync_row WHERE entity = 'event'");
    let invitations = || count(&w.db, "SELECT count(*) FROM sync_row WHERE entity = 'event_invitation'");
    let tomorrow_week = (chrono::Utc::now().date_naive() + chrono::Days::new(7)).to_string();

    // Organised by a stranger, bringing another employer's need, or held
    // before its day: refused, nothing written.
    let e = Uuid::now_v7();
    let stranger = event_data(Uuid::now_v7(), &[org], &[], &today(), "prevu");
    assert_eq!(
        seen_refusal_or_not(&w.api.push_one(&a, create("event", e, stranger))),
        ("unknown_officer", Some("organiser_ids"))
    );
    let borrowed = event_data(a.user.id, &[org], &[foreign], &today(), "prevu");
    assert_eq!(
        seen_refusal_or_not(&w.api.push_one(&a, create("event", e, borrowed))),
        ("not_the_employer", Some("need_ids"))
    );
    let early = event_data(a.user.id, &[org], &[need], &tomorrow_week, "realise");
    assert_eq!(
        seen_refusal_or_not(&w.api.push_one(&a, create("event", e, early))),
        ("not_yet", Some("status"))
    );
    assert_eq!(events(), 0);
    let v_event = version(
        &w.api.push_one(&a, create("event", e, event_data(a.user.id, &[org], &[need], &today(), "prevu"))),
    );
    let later = Uuid::now_v7();
    version(
        &w.api.push_one(
            &a,
            create("event", later, event_data(a.user.id, &[org], &[], &tomorrow_week, "prevu")),
        ),
    );

    // Anne's person (Lille: DT ML); Bruno cannot invite her, nor tell her
    // from a person who does not exist.
    let p = Uuid::now_v7();
    version(&w.api.push_one(&a, create("person", p, person("Durand", "59350"))));
    let i = Uuid::now_v7();
    let by_bruno = w
        .api
        .push_one(&b, create("event_invitation", i, invitation_data(e, p, Some(need), "invite", b.user.id)));
    let ghost = w.api.push_one(
        &b,
        create("event_invitation", i, invitation_data(e, Uuid::now_v7(), Some(need), "invite", b.user.id)),
    );
    assert_eq!(refusal(&by_bruno), ("unknown_reference", Some("person_id")));
    assert_eq!(answer(&by_bruno), answer(&ghost));
    // In a colleague's name, for another employer's need, or present
    // before the event's day: refused.
    let forged = invitation_data(e, p, Some(need), "invite", b.user.id);
    assert_eq!(
        refusal(&w.api.push_one(&a, create("event_invitation", i, forged))),
        ("not_author", Some("invited_by"))
    );
    let off_event = invitation_data(e, p, Some(foreign), "invite", a.user.id);
    assert_eq!(
        refusal(&w.api.push_one(&a, create("event_invitation", i, off_event))),
        ("not_the_event", Some("need_id"))
    );
    let too_soon = invitation_data(later, p, None, "present", a.user.id);
    assert_eq!(
        refusal(&w.api.push_one(&a, create("event_invitation", i, too_soon))),
        ("not_yet", Some("status"))
    );
    assert_eq!(invitations(), 0);
    let v = version(&w.api.push_one(
        &a,
        create("event_invitation", i, invitation_data(e, p, Some(need), "inscrit", a.user.id)),
    ));
    let twice = invitation_data(e, p, None, "invite", a.user.id);
    assert_eq!(
        refusal(&w.api.push_one(&a, create("event_invitation", Uuid::now_v7(), twice))),
        ("duplicate", Some("person_id"))
    );
    // It stays on its event and person.
    let base = [("event_id", v), ("status", v), ("status_on", v)];
    let moved = update("event_invitation", i, json!({"event_id": later}), &base);
    assert_eq!(seen_refusal(&w.api.push_one(&a, moved)), ("read_only", Some("event_id")));

    // Bruno sees the event, not who is invited; he may not delete it, nor
    // may Anne while someone is invited.
    let (entries, _) = w.api.pull_all(&b, 0);
    assert!(row(&entries, e).is_some(), "the event is shared");
    assert!(row(&entries, i).is_none(), "the invitation is Anne's DT's");
    assert_eq!(code_of(&w.api.push_one(&b, delete("event", e))), "not_creator");
    assert_eq!(code_of(&w.api.push_one(&a, delete("event", e))), "referenced");

    // Held: attendance is noted, registration no longer changes.
    let held = update("event", e, json!({"status": "realise"}), &[("status", v_event)]);
    let v_held = version(&w.api.push_one(&a, held));
    // Once held, the event may drop the need she was invited for: her
    // attendance is still noted.
    version(&w.api.push_one(&a, update("event", e, json!({"need_ids": []}), &[("need_ids", v_event)])));
    let present = update("event_invitation", i, json!({"status": "present"}), &base);
    let v2 = version(&w.api.push_one(&a, present));
    let back =
        update("event_invitation", i, json!({"status": "inscrit"}), &[("status", v2), ("status_on", v2)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, back)), ("event_held", Some("status")));
    // A held event is not cancelled afterwards.
    let cancelled = update("event", e, json!({"status": "annule"}), &[("status", v_held)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, cancelled)), ("bad_move", Some("status")));
    // A cancelled one keeps its invitations as they were.
    let j = Uuid::now_v7();
    let vj =
        version(&w.api.push_one(
            &a,
            create("event_invitation", j, invitation_data(later, p, None, "invite", a.user.id)),
        ));
    version(&w.api.push_one(&a, update("event", later, json!({"status": "annule"}), &[("status", 1)])));
    let registered =
        update("event_invitation", j, json!({"status": "inscrit"}), &[("status", vj), ("status_on", vj)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, registered)), ("event_cancelled", Some("status")));
    let statuses = count(
        &w.db,
        &format!(
            "SELECT count(*) FROM sync_row WHERE row_id IN ('{i}', '{j}') AND data->>'status' IN ('present', 'invite')"
        ),
    );
    assert_eq!(statuses, 2, "nothing written by the refusals");
}

/// A refusal's code and field, whether or not it carries the row.
fn seen_refusal_or_not(o: &Outcome) -> (&str, Option<&str>) {
    match o {
        Outcome::Rejected { code, field, .. } => (code, field.as_deref()),
        o => panic!("expected a refusal, got {o:?}"),
    }
}

/// A need serves a grand projet only from a company working on it — also
/// when a later push changes only its employer — and a project is not
/// deleted while a need serves it; only an administrator writes the
/// métiers en tension list.
#[test]
fn a_need_serves_a_grand_projet_only_from_a_company_working_on_it_and_the_tension_list_is_the_administrators()
{
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    let a = w.api.login("anne");
    let (mason, garage) = (Uuid::now_v7(), Uuid::now_v7());
    version(&w.api.push_one(&a, create("organisation", mason, org_data("Bâtiment Lefebvre"))));
    version(&w.api.push_one(&a, create("organisation", garage, org_data("Garage Martin"))));
    let project = Uuid::now_v7();
    let data = fields(json!({
        "name": "Collège de Wattrelos", "builder_id": null, "site": null, "commune_codes": ["59650"],
        "starts_on": "2026-03-02", "ends_on": null, "clause_hours": 7000, "employer_ids": [mason],
        "facilitator": null, "status": "en_cours", "notes": null
    }));
    version(&w.api.push_one(&a, create("grand_project", project, data)));
    let on_project = |employer: Uuid| {
        let mut n = need_data(employer, "a_qualifier", a.user.id, a.user.id);
        n.insert("project_id".into(), json!(project));
        n
    };
    let need = Uuid::now_v7();
    assert_eq!(
        seen_refusal_or_not(&w.api.push_one(&a, create("recruitment_need", need, on_project(garage)))),
        ("not_on_project", Some("project_id"))
    );
    let v = version(&w.api.push_one(&a, create("recruitment_need", need, on_project(mason))));
    let moved = update("recruitment_need", need, json!({"employer_id": garage}), &[("employer_id", v)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, moved)), ("not_on_project", Some("project_id")));
    let kept = count(
        &w.db,
        &format!(
            "SELECT count(*) FROM sync_row WHERE row_id = '{need}' AND data->>'employer_id' = '{mason}'"
        ),
    );
    assert_eq!(kept, 1, "nothing written");
    assert_eq!(code_of(&w.api.push_one(&a, delete("grand_project", project))), "referenced");
    // Nor is the company taken off the project while its need serves it.
    let off = update("grand_project", project, json!({"employer_ids": [garage]}), &[("employer_ids", 1)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, off)), ("not_on_project", Some("employer_ids")));

    // The métiers en tension list is the administrators'.
    let entry = fields(json!({"rome_code": "F1703", "effective_from": "2026-01-01", "effective_to": null,
                              "dt_code": null, "source": "BMO 2026"}));
    let o = w.api.push_one(&a, create("tension_job", Uuid::now_v7(), entry.clone()));
    assert_eq!(seen_refusal_or_not(&o).0, "admin_only");
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_row WHERE entity = 'tension_job'"), 0);
    add_user(&w.db, "admin", Role::Administrateur, None);
    let admin = w.api.login("admin");
    version(&w.api.push_one(&admin, create("tension_job", Uuid::now_v7(), entry)));
}

/// The event rules hold across the mutations of one batch and the fields a
/// patch leaves out: a re-invitation after a withdrawal in the same push
/// is written (tombstones first); an event's day does not move into the
/// future under the attendance noted, nor its needs from under the
/// invitations naming them; a need brought to an event keeps an employer
/// taking part; an invitation with its attendance, or of a held event, is
/// not deleted; a hire's employer changed alone is still checked against
/// its need; ids are spelt one way.
#[test]
fn event_rules_hold_across_a_batch_and_the_fields_a_patch_leaves_out() {
    let w = world();
    add_user(&w.db, "anne", Role::ChargeRelationsEntreprises, Some("ML"));
    let a = w.api.login("anne");
    let (org, other) = (Uuid::now_v7(), Uuid::now_v7());
    version(&w.api.push_one(&a, create("organisation", org, org_data("Boulangerie Paul"))));
    version(&w.api.push_one(&a, create("organisation", other, org_data("Garage Martin"))));
    let need = Uuid::now_v7();
    version(
        &w.api.push_one(&a, create("recruitment_need", need, need_data(org, "ouvert", a.user.id, a.user.id))),
    );
    let e = Uuid::now_v7();
    let v_event = version(
        &w.api.push_one(&a, create("event", e, event_data(a.user.id, &[org], &[need], &today(), "prevu"))),
    );
    let (p, q) = (Uuid::now_v7(), Uuid::now_v7());
    version(&w.api.push_one(&a, create("person", p, person("Durand", "59350"))));
    version(&w.api.push_one(&a, create("person", q, person("Leroy", "59350"))));

    // Withdrawn and invited again in one push: both written, whatever the order of the rows.
    for _ in 0..8 {
        let first = Uuid::now_v7();
        version(&w.api.push_one(
            &a,
            create("event_invitation", first, invitation_data(e, q, None, "invite", a.user.id)),
        ));
        let again = Uuid::now_v7();
        let out = w.api.push(
            &a,
            vec![
                delete("event_invitation", first),
                create("event_invitation", again, invitation_data(e, q, None, "invite", a.user.id)),
            ],
        );
        version(&out[0]);
        version(&out[1]);
        version(&w.api.push_one(&a, delete("event_invitation", again)));
    }

    // The invitation for the need keeps the need on the event until it is held.
    let i = Uuid::now_v7();
    let vi = version(&w.api.push_one(
        &a,
        create("event_invitation", i, invitation_data(e, p, Some(need), "inscrit", a.user.id)),
    ));
    let dropped = update("event", e, json!({"need_ids": []}), &[("need_ids", v_event)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, dropped)), ("need_invited", Some("need_ids")));
    // The need keeps an employer taking part.
    let moved = update("recruitment_need", need, json!({"employer_id": other}), &[("employer_id", 1)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, moved)), ("not_the_employer", Some("employer_id")));
    // Present, then the event moved a week ahead in the same push: refused.
    let week = (chrono::Utc::now().date_naive() + chrono::Days::new(7)).to_string();
    let out = w.api.push(
        &a,
        vec![
            update("event_invitation", i, json!({"status": "present"}), &[("status", vi), ("status_on", vi)]),
            update("event", e, json!({"held_on": week}), &[("held_on", v_event)]),
        ],
    );
    version(&out[0]);
    assert_eq!(seen_refusal(&out[1]), ("attendance_noted", Some("held_on")));
    // Her attendance is not deleted.
    assert_eq!(
        seen_refusal(&w.api.push_one(&a, delete("event_invitation", i))),
        ("not_deletable", Some("status"))
    );
    let q_inv = Uuid::now_v7();
    version(
        &w.api.push_one(
            &a,
            create("event_invitation", q_inv, invitation_data(e, q, None, "invite", a.user.id)),
        ),
    );
    version(&w.api.push_one(&a, update("event", e, json!({"status": "realise"}), &[("status", v_event)])));
    assert_eq!(
        seen_refusal(&w.api.push_one(&a, delete("event_invitation", q_inv))),
        ("not_deletable", Some("status"))
    );

    // An invitation or an organiser spelt otherwise: refused.
    let e2 = Uuid::now_v7();
    version(&w.api.push_one(&a, create("event", e2, event_data(a.user.id, &[org], &[], &today(), "prevu"))));
    let mut shouted = invitation_data(e2, q, None, "invite", a.user.id);
    shouted.insert("invited_by".into(), json!(a.user.id.to_string().to_uppercase()));
    assert_eq!(
        refusal(&w.api.push_one(&a, create("event_invitation", Uuid::now_v7(), shouted))).0,
        "not_author"
    );
    let mut loud = event_data(a.user.id, &[org], &[], &today(), "prevu");
    loud.insert("organiser_ids".into(), json!([a.user.id.to_string().to_uppercase()]));
    assert_eq!(
        seen_refusal_or_not(&w.api.push_one(&a, create("event", Uuid::now_v7(), loud))).0,
        "unknown_officer"
    );

    // A hire of the need moved to another employer by a patch naming the employer alone.
    let hire = Uuid::now_v7();
    let mut hd = hire_data(org, Some(need));
    hd.insert("officer_id".into(), json!(a.user.id));
    let vh = version(&w.api.push_one(&a, create("hire", hire, hd)));
    let elsewhere = update("hire", hire, json!({"employer_id": other}), &[("employer_id", vh)]);
    assert_eq!(seen_refusal(&w.api.push_one(&a, elsewhere)), ("not_the_need", Some("employer_id")));
}
