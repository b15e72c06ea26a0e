//! Load figure for the login limits (docs/sync-security.md): 1,000
//! anonymous 4 KB login attempts in flight while 50 logged-in devices push
//! and pull. Prints the authenticated push latencies (p50, p99) with and
//! without the flood, and checks that every failed login was counted.
//!
//! `TREMPLIN_TEST_DATABASE_URL=… cargo run --release -p tremplin-server --example login_flood`
//! (scripts/pg-test.sh starts a throwaway cluster and prints the URL).
//! Traffic goes to 127.0.0.1 only; every loop is bounded.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tremplin_protocol::{HEADER_PROTOCOL, HEADER_SCHEMA, LoginResponse, PROTOCOL_VERSION, Role};
use tremplin_server::testing::{self, TEST_PASSWORD, TestServer, add_user, fresh_database};
use uuid::Uuid;

const DEVICES: usize = 50;
const FLOOD: usize = 1_000;
const FLOOD_THREADS: usize = 100;
const PUSHES_PER_DEVICE: usize = 12;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn post(agent: &ureq::Agent, url: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
    let mut r =
        agent.post(url).header(HEADER_PROTOCOL, PROTOCOL_VERSION.to_string()).header(HEADER_SCHEMA, "1");
    if let Some(t) = token {
        r = r.header("authorization", format!("Bearer {t}"));
    }
    match r.send_json(body) {
        Ok(mut res) => (res.status().as_u16(), res.body_mut().read_json().unwrap_or(Value::Null)),
        Err(_) => (0, Value::Null),
    }
}

fn organisation(n: usize) -> Value {
    json!({
        "kind": "entreprise", "name": format!("Employeur {n}"), "legal_name": null, "siren": null, "siret": null,
        "naf_code": null, "naf_version": null, "commune_code": "59350", "postcode": "59000", "address": null,
        "phone": null, "email": null, "website": null, "headcount_band": null, "parent_id": null,
        "owner_id": null, "status": "prospect", "partner_type": null, "tags": [], "notes": null
    })
}

/// Each device pushes `PUSHES_PER_DEVICE` batches of 10 new organisations
/// and pulls after each, waiting `pause` between cycles (none: every device
/// syncs back to back, the server's saturation); returns every push's
/// latency.
fn sync_round(url: &str, devices: &[(String, Uuid)], pause: Duration) -> Vec<Duration> {
    let latencies = Arc::new(Mutex::new(Vec::new()));
    // Each device first catches up (untimed), then all start together.
    let ready = Arc::new(std::sync::Barrier::new(devices.len()));
    let threads: Vec<_> = devices
        .iter()
        .cloned()
        .map(|(token, device_id)| {
            let (url, latencies, ready) = (url.to_string(), latencies.clone(), ready.clone());
            std::thread::spawn(move || {
                let agent = agent();
                let pull = |cursor: i64| -> Value {
                    let mut res = agent
                        .get(&format!("{url}/v1/sync/pull?cursor={cursor}&limit=5000"))
                        .header(HEADER_PROTOCOL, PROTOCOL_VERSION.to_string())
                        .header(HEADER_SCHEMA, "1")
                        .header("authorization", format!("Bearer {token}"))
                        .call()
                        .expect("pull");
                    res.body_mut().read_json().expect("pull page")
                };
                let mut cursor = 0i64;
                loop {
                    let page = pull(cursor);
                    cursor = page["cursor"].as_i64().unwrap_or(cursor);
                    if page["has_more"] != json!(true) {
                        break;
                    }
                }
                ready.wait();
                for round in 0..PUSHES_PER_DEVICE {
                    let mutations: Vec<Value> = (0..10)
                        .map(|k| {
                            json!({"mutation_id": Uuid::now_v7(), "client_seq": round * 10 + k, "entity": "organisation",
                                   "row_id": Uuid::now_v7(), "kind": "create", "patch": organisation(k),
                                   "base": {}, "made_at": chrono::Utc::now()})
                        })
                        .collect();
                    let body = json!({"device_id": device_id, "mutations": mutations});
                    let started = Instant::now();
                    let (status, _) = post(&agent, &format!("{url}/v1/sync/push"), Some(&token), &body);
                    let took = started.elapsed();
                    assert_eq!(status, 200, "push");
                    latencies.lock().unwrap().push(took);
                    cursor = pull(cursor)["cursor"].as_i64().unwrap_or(cursor);
                    std::thread::sleep(pause);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("device thread");
    }
    Arc::try_unwrap(latencies).unwrap().into_inner().unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn report(label: &str, mut l: Vec<Duration>) {
    l.sort();
    println!(
        "{label}: {} pushes of 10 rows, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        l.len(),
        percentile(&l, 0.5),
        percentile(&l, 0.99),
        l.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    );
}

fn run(per_address_limit: u32) {
    let db = fresh_database();
    let mut cfg = testing::config(&db);
    cfg.login_max_failures_per_address = per_address_limit;
    cfg.pool_size = 16;
    let srv = TestServer::start(cfg);
    let url = srv.url.clone();
    let devices: Vec<(String, Uuid)> = (0..DEVICES)
        .map(|k| {
            let login = format!("agent{k}");
            add_user(&db, &login, Role::ChargeRelationsEntreprises, Some("ML"));
            let device_id = Uuid::now_v7();
            let body = json!({"login": login, "password": TEST_PASSWORD, "device_name": "Portable", "device_id": device_id});
            let (status, res) = post(&agent(), &format!("{url}/v1/auth/login"), None, &body);
            assert_eq!(status, 200, "login {k}: {res}");
            let res: LoginResponse = serde_json::from_value(res).unwrap();
            (res.token, device_id)
        })
        .collect();

    let paced = Duration::from_secs(5);
    report("  sans attaque, chaque poste synchronise sans arrêt", sync_round(&url, &devices, Duration::ZERO));
    report("  sans attaque, un cycle toutes les 5 s par poste", sync_round(&url, &devices, paced));

    // 1,000 attempts on unknown logins, each body padded to 4 KB.
    let padding = "x".repeat(3_700);
    let statuses = Arc::new(Mutex::new(Vec::new()));
    let flood: Vec<_> = (0..FLOOD_THREADS)
        .map(|t| {
            let (url, padding, statuses) = (url.clone(), padding.clone(), statuses.clone());
            std::thread::spawn(move || {
                let agent = agent();
                for k in 0..FLOOD / FLOOD_THREADS {
                    let body = json!({"login": format!("intrus{t}x{k}"), "password": "devine", "device_name": "x",
                                      "device_id": Uuid::now_v7(), "padding": padding});
                    let (status, _) = post(&agent, &format!("{url}/v1/auth/login"), None, &body);
                    statuses.lock().unwrap().push(status);
                }
            })
        })
        .collect();
    let started = Instant::now();
    let latencies = sync_round(&url, &devices, paced);
    for t in flood {
        t.join().expect("flood thread");
    }
    let flood_time = started.elapsed();
    report("  pendant l'attaque, un cycle toutes les 5 s par poste", latencies);
    let statuses = statuses.lock().unwrap();
    let refused = statuses.iter().filter(|s| **s == 401 || **s == 429).count();
    let counted: i64 = testing::with_db(&db, async |c| {
        c.query_one(
            "SELECT count(*) FROM login_attempt WHERE login LIKE 'intrus%' AND success IS NOT TRUE",
            &[],
        )
        .await
        .unwrap()
        .get(0)
    });
    let other = statuses.len() - refused;
    println!(
        "  attaque : {} tentatives en {:.1} s, {refused} refusées (401 : {}, 429 : {}), {other} autres (503 : \
         base saturée, aucun mot de passe vérifié), {counted} comptées en base",
        statuses.len(),
        flood_time.as_secs_f64(),
        statuses.iter().filter(|s| **s == 401).count(),
        statuses.iter().filter(|s| **s == 429).count(),
    );
    // Every refused attempt was counted (and those cut off after counting).
    assert!(counted as usize >= refused, "every failed login is counted");
}

fn main() {
    println!("Limite par adresse par défaut (30) : l'attaque est refusée sans vérifier de mot de passe");
    run(tremplin_server::Config::default().login_max_failures_per_address);
    println!("Sans limite par adresse (le pire cas : chaque essai vérifie un mot de passe Argon2)");
    run(u32::MAX);
}
