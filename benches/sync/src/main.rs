//! Sync benchmarks (prints figures; run in release on a quiet machine):
//!
//!   TREMPLIN_TEST_DATABASE_URL=… cargo run --release -p tremplin-sync-bench
//!
//! 1. Initial pull of N rows into an empty device, through HTTP and the
//!    sync engine, against a raw rusqlite insert of the same rows.
//! 2. Push of M local mutations.
//! 3. D devices doing sync cycles at once against one server.
//!
//! The server runs in this process on loopback, on a throwaway PostgreSQL
//! cluster (scripts/pg-test.sh: fsync off, as in tests).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Parser;
use rand::Rng;
use serde_json::json;
use tremplin_app::App;
use tremplin_app::credentials::MemorySecrets;
use tremplin_app::sync::{HttpTransport, LoginInput, Transport};
use tremplin_domain::organisation::{OrgKind, Organisation, OrganisationInput};
use tremplin_protocol::{LoginRequest, Mutation, MutationKind, PullEntry, PushRequest, Role};
use tremplin_server::testing::{self, TEST_PASSWORD, TestServer, add_user, fresh_database, seed_rows};
use tremplin_store::sync::RemoteRow;
use tremplin_store::{Store, StoreKey};
use uuid::Uuid;

#[derive(Parser)]
struct Args {
    /// Rows on the server for the initial pull.
    #[arg(long, default_value_t = 100_000)]
    rows: i64,
    /// Local mutations pushed at once.
    #[arg(long, default_value_t = 10_000)]
    push: usize,
    /// Devices syncing at once.
    #[arg(long, default_value_t = 200)]
    devices: usize,
    /// Sync cycles per device.
    #[arg(long, default_value_t = 10)]
    cycles: usize,
}

fn device(dir: &std::path::Path, url: &str, login: &str) -> Result<App> {
    // As the desktop opens it: a file, a writer and a reader.
    let path = dir.join(format!("{login}-{}.db", Uuid::now_v7()));
    let app = App::open(&path, &StoreKey::generate())?.with_secrets(Arc::new(MemorySecrets::default()));
    app.ensure_profile(login)?;
    app.sync_login(&LoginInput {
        server_url: url.into(),
        login: login.into(),
        password: TEST_PASSWORD.into(),
        device_name: "banc".into(),
    })?;
    Ok(app)
}

fn initial_pull(rows: i64) -> Result<()> {
    println!("== Synchronisation initiale : {rows} lignes ==");
    let db = fresh_database();
    let claire = add_user(&db, "claire", Role::ChargeRelationsEntreprises, Some("ML"));
    let t = Instant::now();
    seed_rows(&db, rows, claire);
    println!("  serveur rempli en {:.1} s", t.elapsed().as_secs_f64());
    let srv = TestServer::start(testing::config(&db));
    let dir = tempfile::tempdir()?;

    let app = device(dir.path(), &srv.url, "claire")?;
    let r = app.sync_now().map_err(|e| anyhow::anyhow!("{e}"))?;
    let pull_rate = r.pulled as f64 / (r.pull_ms as f64 / 1000.0);
    println!(
        "  pull (HTTP + moteur + SQLCipher + index de recherche) : {} lignes en {:.2} s → {:.0} lignes/s",
        r.pulled,
        r.pull_ms as f64 / 1000.0,
        pull_rate
    );
    let hits = app.with_store(|s| s.search("entreprise", &[], 5).map(|h| h.len()))?;
    anyhow::ensure!(hits > 0, "the pulled rows are not searchable");

    // The same rows, already in memory, inserted raw.
    let http = HttpTransport::new(&srv.url);
    let token = http
        .login(&LoginRequest {
            login: "claire".into(),
            password: TEST_PASSWORD.into(),
            device_name: "banc".into(),
            device_id: Uuid::now_v7(),
        })
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .token;
    let mut remote: Vec<RemoteRow> = Vec::with_capacity(rows as usize);
    let mut cursor = 0;
    let t = Instant::now();
    loop {
        let page = http.pull(&token, cursor, 5_000).map_err(|e| anyhow::anyhow!("{e}"))?;
        cursor = page.cursor;
        for e in page.entries {
            if let PullEntry::Row(r) = e {
                remote.push(tremplin_app::sync::convert::row(r));
            }
        }
        if !page.has_more {
            break;
        }
    }
    println!(
        "  dont réseau et JSON seuls (pages de 5 000, sans écriture) : {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let mut raw = Store::open(&dir.path().join("raw.db"), &StoreKey::generate())?;
    let t = Instant::now();
    raw.baseline_insert_remote(&remote)?;
    let raw_rate = remote.len() as f64 / t.elapsed().as_secs_f64();
    println!(
        "  rusqlite brut, mêmes lignes (une transaction, sans réseau ni index) : {raw_rate:.0} lignes/s"
    );
    println!("  rapport pull / brut : {:.2} (objectif ≥ 0,33 et ≥ 50 000 lignes/s)", pull_rate / raw_rate);
    waits_during_pull(dir.path(), &srv.url)
}

/// A second device pulls the same rows while the officer works: how long
/// a list query and a local edit wait (the reader runs beside the writer;
/// pull transactions hold the writer a few tens of milliseconds).
fn waits_during_pull(dir: &std::path::Path, url: &str) -> Result<()> {
    let app = Arc::new(device(dir, url, "claire")?);
    let syncing = app.clone();
    let pull = std::thread::spawn(move || syncing.sync_now().map_err(|e| anyhow::anyhow!("{e}")));
    let list = json!({"kinds": [], "dt_code": null, "epci_siren": null, "status": null, "owner_id": null,
        "tag": null, "parent_id": null, "text": null, "sort": "name", "descending": false,
        "offset": 0, "limit": 50});
    let (mut queries, mut edits) = (Vec::new(), Vec::new());
    std::thread::sleep(Duration::from_millis(300));
    while !pull.is_finished() {
        let t = Instant::now();
        tremplin_app::dispatch::dispatch(&app, "organisation.list", list.clone())?;
        queries.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        tremplin_app::dispatch::dispatch(
            &app,
            "organisation.create",
            json!({"kind": "entreprise", "name": format!("Saisie {}", edits.len()), "commune_code": "59350"}),
        )?;
        edits.push(t.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(20));
    }
    let r = pull.join().map_err(|_| anyhow::anyhow!("pull thread panicked"))??;
    anyhow::ensure!(!queries.is_empty(), "the pull ended before any query");
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    println!(
        "  pendant un pull de {} lignes : {} listes (p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms), \
         {} saisies (p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms) ; objectif max < 50 ms",
        r.pulled,
        queries.len(),
        percentile(&mut queries, 0.5),
        percentile(&mut queries, 0.99),
        max(&queries),
        edits.len(),
        percentile(&mut edits, 0.5),
        percentile(&mut edits, 0.99),
        max(&edits)
    );
    Ok(())
}

fn push(n: usize) -> Result<()> {
    println!("== Envoi de {n} modifications ==");
    let db = fresh_database();
    add_user(&db, "claire", Role::ChargeRelationsEntreprises, Some("ML"));
    let srv = TestServer::start(testing::config(&db));
    let dir = tempfile::tempdir()?;
    let app = device(dir.path(), &srv.url, "claire")?;
    app.with_store(|s| -> Result<()> {
        s.write(|w| -> Result<()> {
            for i in 0..n {
                let input = OrganisationInput {
                    kind: Some(OrgKind::Entreprise),
                    name: format!("Entreprise {i}"),
                    commune_code: Some("59350".into()),
                    ..Default::default()
                };
                w.create(Uuid::now_v7(), &Organisation::validate(&input)?)?;
            }
            Ok(())
        })
    })?;
    let r = app.sync_now().map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "  push : {} modifications en {:.2} s ({:.0}/s ; objectif < 2 s) ; puis pull de retour {:.2} s",
        r.pushed,
        r.push_ms as f64 / 1000.0,
        r.pushed as f64 / (r.push_ms as f64 / 1000.0),
        r.pull_ms as f64 / 1000.0
    );
    Ok(())
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn devices(n: usize, cycles: usize) -> Result<()> {
    println!(
        "== {n} appareils, {cycles} cycles chacun : pause 0–2 s, une saisie envoyée un cycle sur trois, puis pull jusqu'à jour =="
    );
    let db = fresh_database();
    let users: Vec<(String, Uuid)> = (0..n.div_ceil(4))
        .map(|i| {
            let login = format!("agent{i}");
            let id = add_user(&db, &login, Role::ChargeRelationsEntreprises, Some("ML"));
            (login, id)
        })
        .collect();
    seed_rows(&db, 2_000, users[0].1);
    let mut cfg = testing::config(&db);
    cfg.pool_size = 32;
    let srv = TestServer::start(cfg);
    let requests = Arc::new(Mutex::new(Vec::<f64>::new()));
    let cycle_times = Arc::new(Mutex::new(Vec::<f64>::new()));
    // Everyone logs in and catches up first; the clock starts together.
    let ready = Arc::new(std::sync::Barrier::new(n + 1));
    let threads: Vec<_> = (0..n)
        .map(|d| {
            let url = srv.url.clone();
            let (login, _) = users[d / 4].clone();
            let requests = requests.clone();
            let cycle_times = cycle_times.clone();
            let ready = ready.clone();
            std::thread::spawn(move || -> Result<()> {
                let http = HttpTransport::new(&url);
                let device_id = Uuid::now_v7();
                // Log in and catch up first (not measured): a device that
                // synced before. The barrier is met even on failure.
                let setup = || -> Result<(String, i64)> {
                    let token = http
                        .login(&LoginRequest { login, password: TEST_PASSWORD.into(), device_name: "banc".into(), device_id })
                        .map_err(|e| anyhow::anyhow!("{e}"))?
                        .token;
                    let mut cursor = 0;
                    loop {
                        let p = http.pull(&token, cursor, 5_000).map_err(|e| anyhow::anyhow!("{e}"))?;
                        cursor = p.cursor;
                        if !p.has_more {
                            return Ok((token, cursor));
                        }
                    }
                };
                let setup = setup();
                ready.wait();
                let (token, mut cursor) = setup?;
                let mut rng = rand::rng();
                for c in 0..cycles {
                    std::thread::sleep(Duration::from_millis(rng.random_range(0..2000)));
                    let cycle = Instant::now();
                    let mut times = Vec::new();
                    let mutations: Vec<Mutation> = (0..usize::from(rng.random_bool(1.0 / 3.0)))
                        .map(|k| Mutation {
                            mutation_id: Uuid::now_v7(),
                            client_seq: (c * 3 + k) as i64,
                            entity: "organisation".into(),
                            row_id: Uuid::now_v7(),
                            kind: MutationKind::Create,
                            patch: json!({
                                "kind": "entreprise", "name": format!("Employeur {d}-{c}-{k}"), "legal_name": null,
                                "siren": null, "siret": null, "naf_code": null, "naf_version": null,
                                "commune_code": "59350", "postcode": null, "address": null, "phone": null,
                                "email": null, "website": null, "headcount_band": null, "parent_id": null,
                                "owner_id": null, "status": "prospect", "partner_type": null, "tags": [],
                                "notes": null
                            })
                            .as_object()
                            .cloned()
                            .unwrap_or_default(),
                            base: Default::default(),
                            made_at: chrono::Utc::now(),
                        })
                        .collect();
                    if !mutations.is_empty() {
                        let t = Instant::now();
                        http.push(&token, &PushRequest { device_id, mutations })
                            .map_err(|e| anyhow::anyhow!("{e}"))?;
                        times.push(t.elapsed().as_secs_f64() * 1000.0);
                    }
                    loop {
                        let t = Instant::now();
                        let p = http.pull(&token, cursor, 1_000).map_err(|e| anyhow::anyhow!("{e}"))?;
                        times.push(t.elapsed().as_secs_f64() * 1000.0);
                        cursor = p.cursor;
                        if !p.has_more {
                            break;
                        }
                    }
                    requests.lock().expect("lock").extend(times);
                    cycle_times.lock().expect("lock").push(cycle.elapsed().as_secs_f64() * 1000.0);
                }
                Ok(())
            })
        })
        .collect();
    ready.wait();
    let started = Instant::now();
    for t in threads {
        t.join().map_err(|_| anyhow::anyhow!("device thread panicked"))?.context("device")?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut req = requests.lock().expect("lock").clone();
    let mut cyc = cycle_times.lock().expect("lock").clone();
    println!(
        "  {} requêtes en {:.1} s ({:.0}/s) : p50 {:.1} ms, p99 {:.1} ms (objectif p99 < 200 ms)",
        req.len(),
        elapsed,
        req.len() as f64 / elapsed,
        percentile(&mut req, 0.5),
        percentile(&mut req, 0.99)
    );
    println!(
        "  cycles (push + pull jusqu'à jour) : p50 {:.1} ms, p99 {:.1} ms",
        percentile(&mut cyc, 0.5),
        percentile(&mut cyc, 0.99)
    );
    Ok(())
}

fn main() -> Result<()> {
    let args = Args::parse();
    initial_pull(args.rows)?;
    push(args.push)?;
    devices(args.devices, args.cycles)?;
    Ok(())
}
