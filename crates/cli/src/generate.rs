//! `tremplin gen`: a synthetic Département-scale dataset for benchmarks
//! (default 100k organisations, 300k contacts, 1M logged contacts). Rows
//! go through domain validation and the store's bulk loader as replica data
//! (as if pulled from the server: no outbox), with the search index built
//! once at the end.

use std::time::Instant;

use anyhow::Result;
use chrono::{Duration, TimeZone, Utc};
use clap::Args;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use tremplin_domain::contact::{Contact, ContactInput};
use tremplin_domain::identifiers::next_valid_siret;
use tremplin_domain::interaction::{Channel, Interaction, InteractionInput};
use tremplin_domain::organisation::{OrgKind, OrgStatus, Organisation, OrganisationInput};
use tremplin_store::{BulkMode, Officer, Store, StoreError};

use tremplin_app::demo::random_siren;
use tremplin_app::seed::{self, Seed};

use crate::location::Location;

#[derive(Args)]
pub struct GenArgs {
    #[arg(long, default_value_t = 100_000)]
    pub orgs: u32,
    #[arg(long, default_value_t = 300_000)]
    pub contacts: u32,
    #[arg(long, default_value_t = 1_000_000)]
    pub interactions: u32,
    /// Graine du générateur (même graine, mêmes données).
    #[arg(long, default_value_t = 59)]
    pub seed: u64,
    /// Remplace la base si elle existe.
    #[arg(long)]
    pub force: bool,
}

const TAGS: [&str; 8] = [
    "Logistique",
    "BTP",
    "Clause d'insertion",
    "Rural",
    "Alternance",
    "Grande distribution",
    "Propreté",
    "Industrie",
];

pub fn run(loc: &Location, a: &GenArgs) -> Result<()> {
    crate::location::make_room(&loc.db, a.force)?;
    let mut store = Store::open(&loc.db, &loc.key)?;
    let started = Instant::now();
    let stats = generate(&mut store, a)?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "Jeu synthétique : {} organisations, {} contacts, {} échanges en {secs:.1} s ({:.0} lignes/s, index compris) — {}",
        a.orgs,
        a.contacts,
        a.interactions,
        f64::from(a.orgs + a.contacts + a.interactions) / secs,
        loc.db.display()
    );
    println!("  documents indexés : {}", stats);
    Ok(())
}

/// Fills `store`; returns the number of search documents indexed.
pub fn generate(store: &mut Store, a: &GenArgs) -> Result<u64> {
    let seed = seed::load();
    let mut rng = StdRng::seed_from_u64(a.seed);
    let communes = weighted_communes(store)?;
    let dts = store.directions_territoriales()?;
    let officers: Vec<Officer> = (0..40)
        .map(|i| Officer {
            id: tremplin_domain::new_row_id(),
            display_name: format!(
                "{} {}",
                seed.first_names[i % seed.first_names.len()],
                seed.last_names[(i * 7) % seed.last_names.len()]
            ),
            email: None,
            dt_code: Some(dts[i % dts.len()].code.clone()),
        })
        .collect();
    for o in &officers {
        store.upsert_officer(o)?;
    }
    store.set_current_officer(&officers[0])?;

    let now = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).single().expect("valid date");
    let ((), stats) = store.bulk_load(BulkMode::Replica, |w| -> Result<(), anyhow::Error> {
        let mut org_ids: Vec<Uuid> = Vec::with_capacity(a.orgs as usize);
        let groups = (a.orgs / 200).max(1);
        let mut group_ids: Vec<(Uuid, tremplin_domain::identifiers::Siren)> = Vec::new();
        for n in 0..a.orgs {
            let input = org_input(&seed, &mut rng, &communes, &officers, n, groups, &group_ids);
            let org = Organisation::validate(&input)?;
            let id = tremplin_domain::new_row_id();
            if org.kind == OrgKind::GrandCompte {
                group_ids.push((id, org.siren.clone().expect("groups have a SIREN")));
            }
            w.create(id, &org)?;
            org_ids.push(id);
        }
        for _ in 0..a.contacts {
            let first = seed.first_names.choose(&mut rng).expect("names");
            let last = seed.last_names.choose(&mut rng).expect("names");
            let c = Contact::validate(&ContactInput {
                organisation_id: Some(*org_ids.choose(&mut rng).expect("orgs")),
                first_name: Some(first.clone()),
                last_name: last.clone(),
                job_title: Some(seed.job_titles.choose(&mut rng).expect("titles").clone()),
                email: Some(format!("{}.{}@example.fr", ascii(first), ascii(last))),
                ..Default::default()
            })?;
            w.create(tremplin_domain::new_row_id(), &c)?;
        }
        for _ in 0..a.interactions {
            let i = interaction(&seed, &mut rng, &org_ids, &officers, now)?;
            w.create(tremplin_domain::new_row_id(), &i)?;
        }
        Ok(())
    })?;
    Ok(stats.indexed_documents)
}

fn ascii(s: &str) -> String {
    tremplin_domain::text::fold(s).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// Commune codes repeated in proportion to their population (by 1,000s),
/// so synthetic employers cluster where people live.
fn weighted_communes(store: &Store) -> Result<Vec<(String, String)>, StoreError> {
    let mut out = Vec::new();
    for c in store.find_communes("", 1000)? {
        for _ in 0..c.population.unwrap_or(0) / 1000 + 1 {
            out.push((c.code.clone(), c.nom.clone()));
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn org_input(
    seed: &Seed,
    rng: &mut StdRng,
    communes: &[(String, String)],
    officers: &[Officer],
    n: u32,
    groups: u32,
    group_ids: &[(Uuid, tremplin_domain::identifiers::Siren)],
) -> OrganisationInput {
    let t = rng.random_range(0..seed.sme_trades.len());
    let (commune, commune_name) = communes.choose(rng).expect("communes").clone();
    let last = seed.last_names.choose(rng).expect("names");
    let mut input = OrganisationInput {
        naf_code: Some(seed.sme_trade_naf[t].clone()),
        commune_code: Some(commune),
        owner_id: rng.random_bool(0.8).then(|| officers.choose(rng).expect("officers").id),
        status: Some(
            *[OrgStatus::Prospect, OrgStatus::PartenaireActif, OrgStatus::EnVeille, OrgStatus::Ferme]
                .choose(rng)
                .expect("statuses"),
        ),
        tags: if rng.random_bool(0.15) { vec![TAGS.choose(rng).expect("tags").to_string()] } else { vec![] },
        ..Default::default()
    };
    if n < groups {
        input.kind = Some(OrgKind::GrandCompte);
        input.name = format!("Groupe {last} {}", seed.sme_trades[t]);
        input.siren = Some(random_siren(rng).as_str().into());
    } else if n < groups * 11 && !group_ids.is_empty() {
        let (parent, siren) = group_ids.choose(rng).expect("groups");
        input.kind = Some(OrgKind::Etablissement);
        input.name = format!("{} {last} — {commune_name}", seed.sme_trades[t]);
        input.parent_id = Some(*parent);
        input.siret = next_valid_siret(siren, rng.random_range(10..99_000)).map(|s| s.as_str().to_string());
    } else {
        input.kind = Some(match n % 50 {
            0 => OrgKind::GroupementEmployeurs,
            1 => OrgKind::Geiq,
            2 => OrgKind::Siae,
            _ => OrgKind::Entreprise,
        });
        input.name = if n.is_multiple_of(4) {
            format!("{} de {commune_name}", seed.sme_trades[t])
        } else {
            format!("{} {last}", seed.sme_trades[t])
        };
        if rng.random_bool(0.7) {
            input.siret =
                next_valid_siret(&random_siren(rng), rng.random_range(10..100)).map(|s| s.as_str().into());
        }
    }
    input
}

fn interaction(
    seed: &Seed,
    rng: &mut StdRng,
    orgs: &[Uuid],
    officers: &[Officer],
    now: chrono::DateTime<Utc>,
) -> Result<Interaction> {
    let channel = *Channel::ALL.choose(rng).expect("channels");
    let at = now - Duration::minutes(rng.random_range(0..3 * 365 * 24 * 60));
    let notes = seed
        .notes
        .choose(rng)
        .expect("notes")
        .replace("{n}", &rng.random_range(2..12).to_string())
        .replace("{metier}", seed.metiers.choose(rng).expect("metiers"));
    let officer = officers.choose(rng).expect("officers").id;
    Ok(Interaction::validate(
        &InteractionInput {
            organisation_id: Some(*orgs.choose(rng).expect("orgs")),
            contact_id: None,
            occurred_at: Some(at),
            channel: Some(channel),
            subject: seed.subjects[channel.as_str()].choose(rng).expect("subjects").clone(),
            notes: Some(notes),
            outcome: Some(seed.outcomes.choose(rng).expect("outcomes").clone()),
        },
        officer,
        now,
    )?)
}
