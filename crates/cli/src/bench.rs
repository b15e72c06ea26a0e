//! `tremplin bench`: figures on a generated database, printed in one run.
//!
//! - search latency through the store (ranking, exact-name boost, display
//!   rows) vs a raw FTS5 query of the same terms (rowids by rank only);
//! - an organisations list page (50 rows, filtered by DT and status, sorted
//!   by name, at a random page);
//! - bulk insert rows/s through the store vs raw rusqlite inserts of the
//!   same rows into the same table.
//!
//! Build in release for meaningful figures: `cargo run --release -p
//! tremplin-cli -- bench`.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use clap::Args;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use tremplin_domain::organisation::{OrgKind, OrgStatus, Organisation, OrganisationInput};
use tremplin_store::queries::organisations::{OrgSort, OrganisationFilter};
use tremplin_store::search::fts_query;
use tremplin_store::{BulkMode, Store, StoreError, StoreKey};

use crate::location::Location;

#[derive(Args)]
pub struct BenchArgs {
    /// Nombre de recherches mesurées.
    #[arg(long, default_value_t = 300)]
    pub queries: u32,
    /// Nombre de pages de liste mesurées.
    #[arg(long, default_value_t = 300)]
    pub pages: u32,
    /// Lignes de l'essai d'insertion en masse.
    #[arg(long, default_value_t = 50_000)]
    pub insert_rows: u32,
}

struct Stats {
    p50: Duration,
    p95: Duration,
}

fn stats(mut v: Vec<Duration>) -> Stats {
    v.sort();
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    Stats { p50: at(0.50), p95: at(0.95) }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn run(loc: &Location, a: &BenchArgs) -> Result<()> {
    if !loc.db.exists() {
        bail!("Aucune base à mesurer : {} n'existe pas (lancez d'abord `tremplin gen`).", loc.db.display());
    }
    let store = Store::open(&loc.db, &loc.key)?;
    let (orgs, contacts, interactions) = store.live_counts()?;
    println!(
        "Base : {} — {orgs} organisations, {contacts} contacts, {interactions} échanges{}",
        loc.db.display(),
        if cfg!(debug_assertions) { " (build debug : chiffres indicatifs)" } else { "" }
    );
    let mut rng = StdRng::seed_from_u64(7);
    search_bench(&store, a.queries, &mut rng)?;
    list_bench(&store, a.pages, &mut rng)?;
    insert_bench(a.insert_rows)?;
    Ok(())
}

/// Queries an officer would type: a name word, its first letters, a
/// commune, a trade and a place, a contact's name.
fn sample_queries(store: &Store, n: u32, rng: &mut StdRng) -> Result<Vec<String>> {
    let samples = store.samples(200)?;
    let (names, people, communes) =
        (samples.organisation_names, samples.contact_last_names, samples.commune_names);
    if names.is_empty() {
        bail!("La base ne contient aucune organisation.");
    }
    let mut out = Vec::new();
    for i in 0..n {
        let name = names.choose(rng).expect("names");
        let words: Vec<&str> = name.split_whitespace().collect();
        let q = match i % 5 {
            0 => name.clone(),
            1 => words[0].chars().take(4).collect(),
            2 => communes.choose(rng).cloned().unwrap_or_default(),
            3 => format!("{} {}", words[0], words.last().unwrap_or(&"")),
            _ => people.choose(rng).cloned().unwrap_or_else(|| words[0].to_string()),
        };
        out.push(q);
    }
    Ok(out)
}

fn search_bench(store: &Store, n: u32, rng: &mut StdRng) -> Result<()> {
    let queries = sample_queries(store, n, rng)?;
    // Warm the page cache for both paths.
    for q in queries.iter().take(20) {
        store.search(q, &[], 20)?;
    }
    let (mut via_store, mut raw) = (Vec::new(), Vec::new());
    let (mut hits, mut raw_rows) = (0usize, 0usize);
    for q in &queries {
        let Some(fts) = fts_query(q) else { continue };
        let t = Instant::now();
        let rows = store.baseline_fts(&fts, 20)?;
        raw.push(t.elapsed());
        let t = Instant::now();
        let found = store.search(q, &[], 20)?;
        via_store.push(t.elapsed());
        hits += found.len();
        raw_rows += rows.len();
    }
    let (s, r) = (stats(via_store), stats(raw));
    println!(
        "Recherche ({} requêtes, 20 résultats max. par type ; {hits} résultats via le store, {raw_rows} lignes FTS5) :",
        queries.len()
    );
    println!("  via le store : p50 {:.2} ms, p95 {:.2} ms", ms(s.p50), ms(s.p95));
    println!("  FTS5 brut    : p50 {:.2} ms, p95 {:.2} ms", ms(r.p50), ms(r.p95));
    println!(
        "  rapport store/brut : p50 {:.2}, p95 {:.2} (cible ≤ 1,5 ; p95 < 20 ms)",
        s.p50.as_secs_f64() / r.p50.as_secs_f64().max(1e-9),
        s.p95.as_secs_f64() / r.p95.as_secs_f64().max(1e-9)
    );
    Ok(())
}

fn list_bench(store: &Store, n: u32, rng: &mut StdRng) -> Result<()> {
    let dts: Vec<String> = store.directions_territoriales()?.into_iter().map(|d| d.code).collect();
    let (mut by_name, mut by_commune) = (Vec::new(), Vec::new());
    let mut rows = 0usize;
    for i in 0..n {
        let f = OrganisationFilter {
            dt_code: Some(dts.choose(rng).expect("dts").clone()),
            status: if i % 2 == 0 { Some(OrgStatus::PartenaireActif) } else { None },
            kinds: if i % 3 == 0 { vec![OrgKind::Entreprise] } else { vec![] },
            sort: if i % 4 == 0 { OrgSort::Commune } else { OrgSort::Name },
            offset: 50 * rng.random_range(0..20),
            limit: 50,
            ..Default::default()
        };
        let t = Instant::now();
        let page = store.list_organisations(&f)?;
        if f.sort == OrgSort::Name {
            by_name.push(t.elapsed())
        } else {
            by_commune.push(t.elapsed())
        }
        rows += page.items.len();
    }
    let mut all = by_name.clone();
    all.extend(&by_commune);
    println!(
        "Liste des organisations (page de 50 avec total, filtre DT ± statut ± type, pages 1 à 20, {n} pages, {rows} lignes) :"
    );
    for (label, times) in [("toutes", all), ("tri par nom", by_name), ("tri par commune", by_commune)] {
        let s = stats(times);
        println!("  {label:<16}: p50 {:.2} ms, p95 {:.2} ms (cible < 10 ms)", ms(s.p50), ms(s.p95));
    }
    Ok(())
}

fn bench_orgs(n: u32) -> Result<Vec<Organisation>> {
    (0..n)
        .map(|i| {
            Organisation::validate(&OrganisationInput {
                kind: Some(OrgKind::Entreprise),
                name: format!("Entreprise de mesure {i}"),
                commune_code: Some("59350".into()),
                tags: vec!["Mesure".into()],
                ..Default::default()
            })
            .map_err(Into::into)
        })
        .collect()
}

fn insert_bench(n: u32) -> Result<()> {
    let orgs = bench_orgs(n)?;
    let dir = tempfile_dir()?;
    let key = StoreKey::generate();

    let rate = |d: Duration| f64::from(n) / d.as_secs_f64();
    // Through the store, as replica rows (initial sync / generator path).
    let mut s = Store::open(&dir.join("store.db"), &key)?;
    let t = Instant::now();
    let ((), replica_stats) = s.bulk_load(BulkMode::Replica, |w| {
        orgs.iter().try_for_each(|o| w.create(tremplin_domain::new_row_id(), o))?;
        Ok::<_, StoreError>(())
    })?;
    let store_replica = t.elapsed();
    // Through the store as local creations (each with its outbox entry).
    let mut s2 = Store::open(&dir.join("local.db"), &key)?;
    let t = Instant::now();
    s2.bulk_load(BulkMode::Local, |w| {
        orgs.iter().try_for_each(|o| w.create(tremplin_domain::new_row_id(), o))?;
        Ok::<_, StoreError>(())
    })?;
    let store_local = t.elapsed();
    // Raw rusqlite: same rows, same table, one hand-bound statement.
    let mut s3 = Store::open(&dir.join("raw.db"), &key)?;
    let t = Instant::now();
    s3.baseline_insert_organisations(&orgs)?;
    let raw = t.elapsed();
    println!("Insertion en masse ({n} organisations, SQLCipher, une transaction) :");
    println!("  store (réplique, index de recherche compris) : {:.0} lignes/s", rate(store_replica));
    let insert_only = store_replica.saturating_sub(replica_stats.index_time);
    println!(
        "  store (réplique, insertion seule ; index {:.0} ms à part) : {:.0} lignes/s",
        ms(replica_stats.index_time),
        rate(insert_only)
    );
    println!(
        "  store (créations locales + journal de synchro, index compris) : {:.0} lignes/s",
        rate(store_local)
    );
    println!("  rusqlite brut (même table, sans index de recherche) : {:.0} lignes/s", rate(raw));
    println!(
        "  rapport store / brut : {:.2} (insertion seule), {:.2} (index compris)",
        rate(insert_only) / rate(raw),
        rate(store_replica) / rate(raw)
    );
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("tremplin-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
