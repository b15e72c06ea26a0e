//! The server's routes, on a real PostgreSQL: auth and rate limiting,
//! versions, idempotent pushes, conflicts, tombstones, scopes.

mod support;

use serde_json::json;
use support::*;
use tremplin_protocol::{Outcome, PullEntry, Role};
use tremplin_server::testing::{self, TestServer, add_user, fresh_database};
use uuid::Uuid;

fn server() -> (TestServer, String) {
    let db = fresh_database();
    (TestServer::start(testing::config(&db)), db)
}

/// A server with two officers, each logged in on a device.
fn claire_and_marc() -> (TestServer, String, Api, Device, Device) {
    let (srv, db) = server();
    add_user(&db, "claire", Role::ChargeRelationsEntreprises, None);
    add_user(&db, "marc", Role::ChargeRelationsEntreprises, None);
    let api = Api::new(&srv.url);
    let (claire, marc) = (api.login("claire"), api.login("marc"));
    (srv, db, api, claire, marc)
}

#[test]
fn login_refuses_bad_passwords_and_rate_limits_per_account_and_address() {
    let db = fresh_database();
    let mut cfg = testing::config(&db);
    cfg.login_max_failures_per_account = 3;
    cfg.login_max_failures_per_address = 8;
    let srv = TestServer::start(cfg);
    add_user(&db, "claire", Role::ChargeRelationsEntreprises, Some("DT-LILLE"));
    add_user(&db, "marc", Role::ChargeRelationsEntreprises, Some("DT-LILLE"));
    let api = Api::new(&srv.url);

    let (s, body) = api.login_as("claire", "mauvais mot de passe");
    assert_eq!(s, 401);
    assert_eq!(body["message"], "Identifiant ou mot de passe incorrect.");
    assert_eq!(api.login_as("personne", "x").0, 401, "unknown login: same answer");
    api.login_as("claire", "faux");
    let d = api.login("Claire");
    assert_eq!(d.user.login, "claire");
    assert_eq!(d.token.len(), 64);

    // A success wipes the account's slate; three failures after it block
    // even the right password.
    api.login_as("claire", "faux 1");
    api.login_as("claire", "faux 2");
    assert_eq!(api.login_as("claire", "faux 3").0, 401);
    let (s, body) = api.login_as("claire", testing::TEST_PASSWORD);
    assert_eq!(s, 429, "{body}");
    assert!(body["message"].as_str().unwrap().contains("Trop de tentatives"));
    // marc is not blocked by claire's failures... until the address is
    // (7 failures so far from this address, the refused attempt included;
    // the limit is 8).
    assert_eq!(api.login_as("marc", testing::TEST_PASSWORD).0, 200);
    assert_eq!(api.login_as("marc", "faux").0, 401);
    assert_eq!(api.login_as("marc", testing::TEST_PASSWORD).0, 429, "8 failures from this address");
}

#[test]
fn old_clients_get_426_with_a_french_message() {
    let db = fresh_database();
    let mut cfg = testing::config(&db);
    cfg.min_client_schema = 2;
    let srv = TestServer::start(cfg);
    let mut api = Api::new(&srv.url);
    api.schema = 1;
    let (s, body) = api.login_as("x", "y");
    assert_eq!(s, 426);
    assert_eq!(body["code"], "client_too_old");
    assert!(body["message"].as_str().unwrap().contains("trop ancienne"));
    // Refused before its body was read: the connection is not to be reused
    // (the CI saw the next request on it fail with "peer disconnected").
    let res = api
        .agent
        .post(&format!("{}/v1/auth/login", srv.url))
        .header(tremplin_protocol::HEADER_SCHEMA, "1")
        .send_json(json!({"login": "x", "password": "y", "device_name": "d", "device_id": Uuid::now_v7()}))
        .unwrap();
    assert_eq!(res.status().as_u16(), 426);
    assert_eq!(res.headers().get("connection").and_then(|v| v.to_str().ok()), Some("close"));
    api.schema = 2;
    api.protocol = 0;
    assert_eq!(api.get("/v1/sync/pull?cursor=0", Some("t")).0, 426);
    api.protocol = 1;
    assert_eq!(api.get("/v1/sync/pull?cursor=0", Some("t")).0, 401, "current client: on to auth");
    // Health and the OpenAPI description need no headers.
    assert_eq!(api.agent.get(&format!("{}/health", srv.url)).call().unwrap().status().as_u16(), 200);
    let spec: serde_json::Value = api
        .agent
        .get(&format!("{}/v1/openapi.json", srv.url))
        .call()
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    assert!(spec["paths"]["/v1/sync/push"]["post"].is_object(), "{spec}");
    assert!(spec["components"]["schemas"]["Outcome"].is_object());
}

#[test]
fn revoked_devices_disabled_accounts_and_logged_out_tokens_are_refused() {
    let (srv, db) = server();
    add_user(&db, "claire", Role::ChargeRelationsEntreprises, Some("DT-LILLE"));
    let api = Api::new(&srv.url);
    let laptop = api.login("claire");
    let tablet = api.login("claire");
    assert_eq!(api.get("/v1/directory", Some(&laptop.token)).0, 200);

    let devices = testing::with_db(&db, async |c| {
        tremplin_server::admin::list_devices(&***c, Some("claire")).await.unwrap()
    });
    assert_eq!(devices.len(), 2);
    testing::with_db(&db, async |c| {
        tremplin_server::admin::revoke_device(&***c, devices[0].id).await.unwrap()
    });
    let (s, body) = api.get("/v1/directory", Some(&laptop.token));
    assert_eq!(s, 401);
    assert!(body["message"].as_str().unwrap().contains("reconnectez-vous"));
    assert_eq!(api.get("/v1/directory", Some(&tablet.token)).0, 200, "the other device still works");

    assert_eq!(api.post("/v1/auth/logout", Some(&tablet.token), &json!({})).0, 204);
    assert_eq!(api.get("/v1/directory", Some(&tablet.token)).0, 401);

    let phone = api.login("claire");
    testing::with_db(&db, async |c| tremplin_server::admin::disable_user(&***c, "claire").await.unwrap());
    assert_eq!(api.get("/v1/directory", Some(&phone.token)).0, 401);
    assert_eq!(api.login_as("claire", testing::TEST_PASSWORD).0, 401);
    // A push must come from the device the token was issued to.
    add_user(&db, "marc", Role::ChargeRelationsEntreprises, None);
    let m = api.login("marc");
    let (s, _) = api.post(
        "/v1/sync/push",
        Some(&m.token),
        &tremplin_protocol::PushRequest { device_id: Uuid::now_v7(), mutations: vec![] },
    );
    assert_eq!(s, 403);
}

#[test]
fn a_re_sent_mutation_gets_its_first_outcome_and_no_new_version() {
    let (srv, db) = server();
    add_user(&db, "claire", Role::ChargeRelationsEntreprises, None);
    let api = Api::new(&srv.url);
    let d = api.login("claire");
    let id = Uuid::now_v7();
    let m = create("organisation", id, org_data("Boulangerie Paul"));
    let first = api.push_one(&d, m.clone());
    let v = version(&first);
    // Same mutation again (a lost response), twice in one batch too.
    let again = api.push(&d, vec![m.clone(), m]);
    assert_eq!(again, vec![first.clone(), first]);
    let (entries, page) = api.pull_all(&d, 0);
    assert_eq!(entries.len(), 1);
    assert_eq!(page.cursor, v);
    // A second create of the same row (another mutation) is refused.
    match api.push_one(&d, create("organisation", id, org_data("Autre"))) {
        Outcome::Rejected { code, current, .. } => {
            assert_eq!(code, "already_exists");
            assert_eq!(current.unwrap().data["name"], "Boulangerie Paul");
        }
        o => panic!("{o:?}"),
    }
}

#[test]
fn concurrent_edits_merge_disjoint_fields_and_record_conflicts() {
    let (_srv, db, api, claire, marc) = claire_and_marc();
    let id = Uuid::now_v7();
    let v0 = version(&api.push_one(&claire, create("organisation", id, org_data("Auchan Roncq"))));

    // Both saw version v0. Claire renames; Marc renames too and sets the status.
    let v1 = version(&api.push_one(
        &claire,
        update("organisation", id, json!({"name": "Auchan Roncq (hyper)"}), &[("name", v0)]),
    ));
    let o = api.push_one(
        &marc,
        update(
            "organisation",
            id,
            json!({"name": "Auchan — Roncq", "status": "partenaire_actif"}),
            &[("name", v0), ("status", v0)],
        ),
    );
    let Outcome::AppliedWithConflicts { version: Some(v2), conflicts } = o else { panic!("{o:?}") };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field, "name");
    assert_eq!(conflicts[0].client_value, "Auchan — Roncq");
    assert_eq!(conflicts[0].server_value, "Auchan Roncq (hyper)");
    assert_eq!(conflicts[0].server_version, v1);

    let (entries, _) = api.pull_all(&marc, 0);
    let row = rows(&entries)[0];
    assert_eq!(row.data["name"], "Auchan Roncq (hyper)");
    assert_eq!(row.data["status"], "partenaire_actif");
    assert_eq!((row.field_versions["name"], row.field_versions["status"], row.version), (v1, v2, v2));

    // Keeping his value = a new update on the server's version: applied.
    let v3 = version(
        &api.push_one(&marc, update("organisation", id, json!({"name": "Auchan — Roncq"}), &[("name", v1)])),
    );
    assert!(v3 > v2);
    // The conflict is kept with both values.
    let n: i64 = testing::with_db(&db, async |c| {
        c.query_one("SELECT count(*) FROM sync_conflict WHERE row_id = $1 AND field = 'name'", &[&id])
            .await
            .unwrap()
            .get(0)
    });
    assert_eq!(n, 1);
    // The audit trail has every applied change, with who made it.
    let audit: Vec<(i64, String)> = testing::with_db(&db, async |c| {
        c.query(
            "SELECT ch.version, u.login FROM sync_change ch JOIN app_user u ON u.id = ch.user_id
              WHERE row_id = $1 ORDER BY version",
            &[&id],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
    });
    assert_eq!(
        audit,
        vec![(v0, "claire".into()), (v1, "claire".into()), (v2, "marc".into()), (v3, "marc".into())]
    );
}

#[test]
fn validation_and_authorship_are_checked_on_the_server() {
    let (srv, db) = server();
    let claire_id = add_user(&db, "claire", Role::ChargeRelationsEntreprises, None);
    add_user(&db, "marc", Role::ChargeRelationsEntreprises, None);
    let api = Api::new(&srv.url);
    let (claire, marc) = (api.login("claire"), api.login("marc"));
    let mut bad = org_data("Établissement sans SIRET");
    bad.insert("kind".into(), json!("etablissement"));
    match api.push_one(&claire, create("organisation", Uuid::now_v7(), bad)) {
        Outcome::Rejected { code, field, message, .. } => {
            assert_eq!((code.as_str(), field.as_deref()), ("required", Some("siret")));
            assert!(message.contains("SIRET"));
        }
        o => panic!("{o:?}"),
    }
    let org = Uuid::now_v7();
    api.push_one(&claire, create("organisation", org, org_data("GEIQ BTP")));
    let log = Uuid::now_v7();
    let entry = fields(json!({
        "organisation_id": org, "contact_id": null, "officer_id": claire_id,
        "occurred_at": "2026-11-20T09:30:00.000Z", "channel": "visite", "subject": "Visite du chantier",
        "notes": null, "outcome": null
    }));
    match api.push_one(&marc, create("interaction", log, entry.clone())) {
        Outcome::Rejected { code, .. } => assert_eq!(code, "not_author"),
        o => panic!("{o:?}"),
    }
    let v = version(&api.push_one(&claire, create("interaction", log, entry)));
    match api.push_one(&marc, update("interaction", log, json!({"subject": "Autre"}), &[("subject", v)])) {
        Outcome::Rejected { code, current, .. } => {
            assert_eq!(code, "not_author");
            assert_eq!(current.unwrap().data["subject"], "Visite du chantier");
        }
        o => panic!("{o:?}"),
    }
    // Nor deleted by anyone else (the app's « Supprimer » on an exchange is
    // its author's only): refused, and the row stays as it was.
    match api.push_one(&marc, delete("interaction", log)) {
        Outcome::Rejected { code, current, .. } => {
            assert_eq!(code, "not_author");
            assert_eq!(current.unwrap().data["subject"], "Visite du chantier");
        }
        o => panic!("{o:?}"),
    }
    // The contact log is append-only: its author's edits never conflict.
    version(&api.push_one(&claire, update("interaction", log, json!({"subject": "Visite (1)"}), &[])));
    version(&api.push_one(&claire, update("interaction", log, json!({"subject": "Visite (2)"}), &[])));
    // Unknown entity, unknown field, unknown row.
    let o = api.push(
        &claire,
        vec![
            create("pmsmp", Uuid::now_v7(), fields(json!({}))),
            update("organisation", org, json!({"color": "bleu"}), &[]),
            update("organisation", Uuid::now_v7(), json!({"name": "X"}), &[]),
        ],
    );
    let codes: Vec<_> = o
        .iter()
        .map(|o| match o {
            Outcome::Rejected { code, .. } => code.as_str(),
            _ => "applied",
        })
        .collect();
    assert_eq!(codes, ["unknown_entity", "unknown_field", "not_found"]);
}

#[test]
fn deletes_are_tombstones_and_editing_one_is_a_conflict() {
    let (_srv, db, api, claire, marc) = claire_and_marc();
    let id = Uuid::now_v7();
    let v0 = version(&api.push_one(&claire, create("organisation", id, org_data("Entreprise fermée"))));
    let (_, page) = api.pull_all(&marc, 0);
    let vd = version(&api.push_one(&claire, delete("organisation", id)));
    let (entries, _) = api.pull_all(&marc, page.cursor);
    let r = rows(&entries);
    assert_eq!((r.len(), r[0].version), (1, vd));
    assert!(r[0].deleted_at.is_some(), "a tombstone");
    // Marc edited it offline: no resurrection, a conflict.
    let o =
        api.push_one(&marc, update("organisation", id, json!({"status": "en_veille"}), &[("status", v0)]));
    let Outcome::AppliedWithConflicts { version: None, conflicts } = o else { panic!("{o:?}") };
    assert!(conflicts[0].row_deleted);
    let (entries, _) = api.pull_all(&marc, 0);
    assert!(rows(&entries)[0].deleted_at.is_some());
    // Deleting twice is harmless.
    assert_eq!(version(&api.push_one(&marc, delete("organisation", id))), vd);
    // Purged tombstones: a client whose cursor is older starts again.
    testing::with_db(&db, async |c| {
        c.execute("UPDATE sync_row SET deleted_at = now() - interval '200 days'", &[]).await.unwrap();
        tremplin_server::admin::purge_tombstones(c, 180).await.unwrap()
    });
    assert!(api.pull(&marc, v0, 100).reset_required);
    let fresh = api.pull(&marc, 0, 100);
    assert!(!fresh.reset_required && fresh.entries.is_empty());
}

/// Pulled pages travel gzipped when the client accepts it (ureq does).
#[test]
fn responses_are_compressed_for_clients_that_accept_gzip() {
    use std::io::{Read, Write};
    let (srv, db) = server();
    add_user(&db, "claire", Role::ChargeRelationsEntreprises, None);
    let api = Api::new(&srv.url);
    let d = api.login("claire");
    api.push(
        &d,
        (0..50)
            .map(|i| create("organisation", Uuid::now_v7(), org_data(&format!("Entreprise {i}"))))
            .collect(),
    );
    let mut s = std::net::TcpStream::connect(srv.addr).unwrap();
    write!(
        s,
        "GET /v1/sync/pull?cursor=0 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nx-tremplin-protocol: 1\r\n\
         x-tremplin-schema: 1\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n",
        d.token
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let head = String::from_utf8_lossy(&raw[..raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap()])
        .to_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-encoding: gzip"), "{head}");
}

#[test]
fn pull_pages_follow_versions_and_cursors_never_go_back() {
    let (srv, db) = server();
    add_user(&db, "claire", Role::ChargeRelationsEntreprises, None);
    let api = Api::new(&srv.url);
    let d = api.login("claire");
    let ids: Vec<Uuid> = (0..25).map(|_| Uuid::now_v7()).collect();
    api.push(
        &d,
        ids.iter()
            .enumerate()
            .map(|(i, id)| create("organisation", *id, org_data(&format!("Entreprise {i}"))))
            .collect(),
    );
    let mut cursor = 0;
    let mut seen = Vec::new();
    loop {
        let page = api.pull(&d, cursor, 10);
        assert!(page.entries.len() <= 10);
        assert!(page.entries.windows(2).all(|w| w[0].version() < w[1].version()));
        assert!(page.entries.iter().all(|e| e.version() > cursor && e.version() <= page.cursor));
        cursor = page.cursor;
        seen.extend(page.entries);
        if !page.has_more {
            break;
        }
    }
    assert_eq!(seen.len(), 25);
    assert_eq!(api.pull(&d, cursor, 10).entries.len(), 0);
    assert_eq!(api.pull(&d, cursor, 10).cursor, cursor);
    // A cursor from the future (a server restored from backup) resets.
    assert!(api.pull(&d, cursor + 100, 10).reset_required);
}

/// Follow-ups are restricted: for every role, the rows each user pulls and
/// may push are exactly the expected ones.
#[test]
fn scope_matrix_of_roles_and_rows() {
    let (srv, db) = server();
    let lille = Some("DT-LILLE");
    let valen = Some("DT-VALENCIENNOIS");
    let users = [
        ("anne", Role::ChargeRelationsEntreprises, lille),
        ("bruno", Role::ChargeRelationsEntreprises, lille),
        ("chloe", Role::ChargeRelationsEntreprises, valen),
        ("manon", Role::ResponsableTerritorial, lille),
        ("victor", Role::ResponsableTerritorial, valen),
        ("ada", Role::Administrateur, None),
    ];
    let ids: Vec<Uuid> = users.iter().map(|(l, r, dt)| add_user(&db, l, *r, *dt)).collect();
    let api = Api::new(&srv.url);
    let devices: Vec<Device> = users.iter().map(|(l, ..)| api.login(l)).collect();
    let (anne, bruno, chloe) = (0, 1, 2);

    // Tasks: anne for herself; anne for chloe; chloe for herself; bruno for himself.
    let tasks = [(anne, anne), (anne, chloe), (chloe, chloe), (bruno, bruno)];
    let task_ids: Vec<Uuid> = tasks.iter().map(|_| Uuid::now_v7()).collect();
    for ((by, to), id) in tasks.iter().zip(&task_ids) {
        let o = api.push_one(&devices[*by], create("task", *id, task_data("Relancer", ids[*by], ids[*to])));
        version(&o);
    }
    let org = Uuid::now_v7();
    version(&api.push_one(&devices[chloe], create("organisation", org, org_data("Shared employer"))));

    // Expected: user → which tasks (index) they see.
    let expected: [&[usize]; 6] = [
        &[0, 1],       // anne: hers and the one she made for chloe
        &[3],          // bruno: his own
        &[1, 2],       // chloe: assigned to her
        &[0, 1, 3],    // manon (Lille manager): tasks naming a Lille officer
        &[1, 2],       // victor (Valenciennois manager): tasks naming chloe
        &[0, 1, 2, 3], // ada: all
    ];
    for (u, want) in expected.iter().enumerate() {
        let (entries, _) = api.pull_all(&devices[u], 0);
        let mut got: Vec<usize> = rows(&entries)
            .iter()
            .filter(|r| r.entity == "task")
            .map(|r| task_ids.iter().position(|t| *t == r.row_id).unwrap())
            .collect();
        got.sort();
        assert_eq!(&got, want, "pull of {}", users[u].0);
        assert!(rows(&entries).iter().any(|r| r.row_id == org), "{} sees employer data", users[u].0);
        let forgotten = entries.iter().filter(|e| matches!(e, PullEntry::Forget { .. })).count();
        assert_eq!(forgotten, 0, "{}: rows never seen are not even named", users[u].0);
        // Push agrees with pull.
        for (t, id) in task_ids.iter().enumerate() {
            let o = api.push_one(
                &devices[u],
                update("task", *id, json!({"notes": format!("vu par {u}")}), &[("notes", i64::MAX)]),
            );
            match o {
                Outcome::Rejected { code, current, .. } => {
                    assert!(!want.contains(&t), "{} refused task {t}", users[u].0);
                    assert_eq!(code, "not_found", "out of scope answers as absent");
                    assert!(current.is_none(), "nothing leaks in the refusal");
                }
                _ => assert!(want.contains(&t), "{} wrote task {t} outside their scope", users[u].0),
            }
        }
    }

    // Reassigning anne's task 1 from chloe to bruno: chloe gets a forget
    // marker; anne still sees it; victor no longer does.
    let (_, chloe_page) = api.pull_all(&devices[chloe], 0);
    version(&api.push_one(
        &devices[anne],
        update("task", task_ids[1], json!({"assignee_id": ids[bruno]}), &[("assignee_id", i64::MAX)]),
    ));
    let (entries, _) = api.pull_all(&devices[chloe], chloe_page.cursor);
    assert!(
        matches!(&entries[..], [PullEntry::Forget { row_id, .. }] if *row_id == task_ids[1]),
        "{entries:?}"
    );

    // Moving bruno to the Valenciennois bumps his scope epoch and both managers'.
    let before: Vec<i64> = devices.iter().map(|d| api.pull(d, 0, 1).scope_epoch).collect();
    testing::with_db(&db, async |c| {
        tremplin_server::admin::set_scope(&***c, "bruno", None, Some(valen)).await.unwrap()
    });
    let after: Vec<i64> = devices.iter().map(|d| api.pull(d, 0, 1).scope_epoch).collect();
    let bumped: Vec<bool> = before.iter().zip(&after).map(|(b, a)| a > b).collect();
    assert_eq!(bumped, [false, true, false, true, true, false]);
    // victor now sees bruno's own task.
    let (entries, _) = api.pull_all(&devices[4], 0);
    assert!(rows(&entries).iter().any(|r| r.row_id == task_ids[3]));
}

/// Found by the browser test: a follow-up created and completed before the
/// first sync went out as a create and an update (base 0) in one push, and
/// the update conflicted with the device's own create.
#[test]
fn a_devices_own_earlier_writes_never_conflict_with_its_later_ones() {
    let (srv, db) = server();
    let claire_id = add_user(&db, "claire", Role::ChargeRelationsEntreprises, None);
    add_user(&db, "marc", Role::ChargeRelationsEntreprises, None);
    let api = Api::new(&srv.url);
    let (claire, marc) = (api.login("claire"), api.login("marc"));
    let task = Uuid::now_v7();
    let outcomes = api.push(
        &claire,
        vec![
            create("task", task, task_data("Envoyer la fiche CIE", claire_id, claire_id)),
            update("task", task, json!({"status": "faite", "completed_at": "2026-11-30T10:00:00.000Z"}), &[]),
        ],
    );
    assert!(outcomes.iter().all(|o| matches!(o, Outcome::Applied { .. })), "{outcomes:?}");
    // The same device again, from an old base: still its own last write.
    version(&api.push_one(&claire, update("task", task, json!({"title": "Fiche CIE envoyée"}), &[])));
    // Another device of the same account (another local database) is
    // someone else as far as conflicts go.
    let org = Uuid::now_v7();
    let v = version(&api.push_one(&claire, create("organisation", org, org_data("GEIQ"))));
    let tablet = api.login("claire");
    version(&api.push_one(&tablet, update("organisation", org, json!({"name": "GEIQ BTP"}), &[("name", v)])));
    let o =
        api.push_one(&claire, update("organisation", org, json!({"name": "GEIQ Propreté"}), &[("name", v)]));
    assert!(matches!(o, Outcome::AppliedWithConflicts { .. }), "{o:?}");
    let o = api.push_one(&marc, update("organisation", org, json!({"notes": "x"}), &[("notes", 0)]));
    assert!(matches!(o, Outcome::AppliedWithConflicts { .. }), "marc never saw claire's create: {o:?}");
}

#[test]
fn serves_https_with_the_configured_certificate() {
    let rcgen::CertifiedKey { cert, key_pair } =
        rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert.pem()).unwrap();
    std::fs::write(&key_path, key_pair.serialize_pem()).unwrap();
    let mut cfg = testing::config(&fresh_database());
    cfg.tls_cert = Some(cert_path);
    cfg.tls_key = Some(key_path);
    let srv = TestServer::start(cfg);
    let port = srv.addr.port();

    let roots = vec![ureq::tls::Certificate::from_der(cert.der()).to_owned()];
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::Specific(std::sync::Arc::new(roots)))
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder().tls_config(tls).build().into();
    let health: serde_json::Value = agent
        .get(&format!("https://localhost:{port}/health"))
        .call()
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    assert_eq!(health["status"], "ok");
    // Plain HTTP to the TLS port gets nowhere.
    assert!(ureq::get(&format!("http://localhost:{port}/health")).call().is_err());
}

/// A push batch of long contact reports is several megabytes: accepted.
#[test]
fn a_large_push_batch_is_accepted() {
    let (srv, db) = server();
    let claire_id = add_user(&db, "claire", Role::ChargeRelationsEntreprises, None);
    let api = Api::new(&srv.url);
    let d = api.login("claire");
    let org = Uuid::now_v7();
    let notes = "Compte rendu détaillé de la visite. ".repeat(540);
    assert!(notes.chars().count() <= 20_000);
    let mut batch = vec![create("organisation", org, org_data("Hôpital privé"))];
    for i in 0..200 {
        batch.push(create(
            "interaction",
            Uuid::now_v7(),
            fields(json!({
                "organisation_id": org, "contact_id": null, "officer_id": claire_id,
                "occurred_at": "2026-11-20T09:30:00.000Z", "channel": "visite", "subject": format!("Visite {i}"),
                "notes": notes, "outcome": null
            })),
        ));
    }
    assert!(serde_json::to_vec(&batch).unwrap().len() > 3_000_000);
    let outcomes = api.push(&d, batch);
    assert!(outcomes.iter().all(|o| matches!(o, Outcome::Applied { .. })));
}
