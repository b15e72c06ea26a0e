//! The demo database: realistic records built through the app layer's
//! commands (so every record passes the same validation as an officer's
//! input). Deterministic: the same seed gives the same records, dated
//! relative to today. Used by `tremplin demo` and `tremplin-desktop --demo`.

use chrono::{Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use crate::App;
use crate::commands::interactions::{FollowUpInput, LogInteractionRequest};
use crate::commands::{IdRequest, contacts, interactions, organisations, tasks};
use tremplin_domain::contact::{ContactInput, ContactLevel};
use tremplin_domain::identifiers::{Siren, next_valid_siret};
use tremplin_domain::interaction::{Channel, InteractionInput};
use tremplin_domain::organisation::{OrgKind, OrgStatus, OrganisationInput};
use tremplin_domain::task::TaskInput;
use tremplin_store::Officer;

use crate::error::{AppError, AppResult};
use crate::seed::{self, Seed};

pub(crate) struct Org {
    pub(crate) id: Uuid,
    pub(crate) name: String,
    pub(crate) kind: OrgKind,
    owner: usize,
    domain: String,
    pub(crate) contacts: Vec<Uuid>,
    weight: u32,
}

/// Fills `app` (a new, empty database) with the demo records; returns a
/// one-paragraph summary in French.
pub fn build(app: &App) -> AppResult<String> {
    let seed = seed::load();
    let mut rng = StdRng::seed_from_u64(2026);
    let today = Utc::now().date_naive();
    let officers: Vec<Officer> = seed
        .officers
        .iter()
        .map(|o| Officer {
            id: tremplin_domain::new_row_id(),
            display_name: o.name.clone(),
            email: Some(o.email.clone()),
            dt_code: Some(o.dt.clone()),
        })
        .collect();
    app.with_store(|s| officers.iter().try_for_each(|o| s.upsert_officer(o)))?;
    let act_as = |i: usize| app.with_store(|s| s.set_current_officer(&officers[i]));
    act_as(0)?;

    let mut orgs = accounts(app, &seed, &officers, &mut rng)?;
    orgs.extend(smes(app, &seed, &officers, &mut rng)?);
    for org in &mut orgs {
        add_contacts(app, &seed, org, &mut rng)?;
    }

    // A year of contacts, by each account's officer.
    let now = Utc::now();
    let mut follow_ups = Vec::new();
    let mut logged = 0;
    for org in &orgs {
        act_as(org.owner)?;
        for _ in 0..rng.random_range(0..=org.weight) {
            let days = rng.random_range(0..365);
            let at = now - Duration::days(days) - Duration::minutes(rng.random_range(0..600));
            let channel = *[
                Channel::Visite,
                Channel::Telephone,
                Channel::Telephone,
                Channel::Email,
                Channel::Visio,
                Channel::Evenement,
            ]
            .choose(&mut rng)
            .expect("non-empty");
            let subject = seed.subjects[channel.as_str()].choose(&mut rng).expect("subjects").clone();
            let note = seed
                .notes
                .choose(&mut rng)
                .expect("notes")
                .replace("{n}", &rng.random_range(2..12).to_string())
                .replace("{metier}", seed.metiers.choose(&mut rng).expect("metiers"));
            let follow_up = (days < 75 && rng.random_bool(0.45)).then(|| FollowUpInput {
                title: seed.task_titles.choose(&mut rng).expect("titles").clone(),
                due_date: Some((at + Duration::days(rng.random_range(5..40))).date_naive()),
                notes: None,
            });
            let res = interactions::log(
                app,
                LogInteractionRequest {
                    interaction: InteractionInput {
                        organisation_id: Some(org.id),
                        contact_id: if rng.random_bool(0.7) {
                            org.contacts.choose(&mut rng).copied()
                        } else {
                            None
                        },
                        occurred_at: Some(at),
                        channel: Some(channel),
                        subject,
                        notes: Some(note),
                        outcome: Some(seed.outcomes.choose(&mut rng).expect("outcomes").clone()),
                    },
                    follow_up,
                    confirm_sensitive: false,
                },
            )?;
            logged += 1;
            if let Some(t) = res.follow_up {
                follow_ups.push((t.id, t.due_date, org.owner));
            }
        }
    }
    // Most past follow-ups were done; some slipped (the "overdue" list).
    let mut done = 0;
    for (id, due, owner) in &follow_ups {
        if *due < today && rng.random_bool(0.7) {
            act_as(*owner)?;
            tasks::complete(app, IdRequest { id: *id })?;
            done += 1;
        }
    }
    // The active profile's week: something overdue, due today, coming up.
    act_as(0)?;
    let mine: Vec<&Org> = orgs.iter().filter(|o| o.owner == 0).collect();
    let planned = [-12i64, -3, 0, 0, 2, 5, 13];
    for (n, days) in planned.into_iter().enumerate() {
        let org = mine[n % mine.len()];
        tasks::create(
            app,
            TaskInput {
                title: seed.task_titles[n % seed.task_titles.len()].clone(),
                due_date: Some(today + Duration::days(days)),
                organisation_id: Some(org.id),
                ..Default::default()
            },
        )?;
    }
    let (partnerships, partners) = crate::demo_partnerships::build(app, &orgs, &officers, today)?;
    let instruments = crate::demo_instruments::build(app, &seed, &orgs, &officers, &partners, today)?;
    let needs = crate::demo_needs::build(app, &orgs, &officers, today)?;
    act_as(0)?;
    let events = crate::demo_events::build(app, today)?;
    let projects = crate::demo_events::grand_project(app, &orgs, today)?;
    let tension = crate::demo_events::tension_jobs(app, today)?;
    app.with_store(|s| s.mark_as_demo())?;

    Ok(format!(
        "{} organisations, {} contacts, {} échanges sur un an, {} relances ({} faites), {partnerships}, {instruments}, {needs} besoins de recrutement, {events} job datings, {projects} grand projet, {tension} métiers en tension. Profil actif : {}.",
        orgs.len(),
        orgs.iter().map(|o| o.contacts.len()).sum::<usize>(),
        logged,
        follow_ups.len() + planned.len(),
        done,
        officers[0].display_name
    ))
}

fn slug(s: &str) -> String {
    tremplin_domain::text::fold(s).chars().filter(|c| c.is_ascii_alphanumeric()).take(24).collect()
}

fn create(app: &App, input: OrganisationInput) -> AppResult<Uuid> {
    let name = input.name.clone();
    organisations::create(app, input).map(|d| d.id).map_err(|e| AppError {
        message: format!("Données de démonstration « {name} » : {}", e.message),
        ..e
    })
}

/// Seed values are enum names: a typo is a bug in the seed file.
fn named<T: serde::de::DeserializeOwned>(v: &str) -> AppResult<T> {
    serde_json::from_value(v.into()).map_err(|_| {
        AppError::new("bad_seed", format!("Données de démonstration : valeur inconnue « {v} »."))
    })
}

fn accounts(app: &App, seed: &Seed, officers: &[Officer], rng: &mut StdRng) -> AppResult<Vec<Org>> {
    let mut out = Vec::new();
    for a in &seed.accounts {
        let status: OrgStatus = named(&a.status)?;
        let group = create(
            app,
            OrganisationInput {
                kind: Some(named(&a.kind)?),
                name: a.name.clone(),
                legal_name: Some(a.legal_name.clone()),
                siren: Some(a.siren.clone()),
                naf_code: Some(a.naf.clone()),
                commune_code: Some(a.commune.clone()),
                website: Some(a.website.clone()),
                headcount_band: Some("53".into()),
                owner_id: Some(officers[a.owner].id),
                status: Some(status),
                tags: a.tags.clone(),
                ..Default::default()
            },
        )?;
        let domain = a.website.trim_start_matches("www.").to_string();
        out.push(Org {
            id: group,
            name: a.name.clone(),
            kind: named(&a.kind)?,
            owner: a.owner,
            domain: domain.clone(),
            contacts: vec![],
            weight: 10,
        });
        let siren = Siren::parse(&a.siren).map_err(AppError::from)?;
        let mut nic = 100 + rng.random_range(0..500);
        for e in &a.establishments {
            let siret = next_valid_siret(&siren, nic).expect("a valid NIC exists");
            nic = siret.nic().parse::<u32>().unwrap_or(nic) + 1 + rng.random_range(0..300);
            // The establishment is followed by the officer of its territory.
            let dt = app.with_store(|s| s.commune(&e.commune))?.and_then(|c| c.dt_code);
            let owner = officers.iter().position(|o| o.dt_code == dt).unwrap_or(a.owner);
            let id = create(
                app,
                OrganisationInput {
                    kind: Some(OrgKind::Etablissement),
                    name: e.name.clone(),
                    siret: Some(siret.as_str().to_string()),
                    naf_code: Some(e.naf.clone()),
                    commune_code: Some(e.commune.clone()),
                    headcount_band: Some(e.headcount.clone()),
                    parent_id: Some(group),
                    owner_id: Some(officers[owner].id),
                    status: Some(status),
                    tags: a.tags.iter().take(1).cloned().collect(),
                    ..Default::default()
                },
            )?;
            out.push(Org {
                id,
                name: e.name.clone(),
                kind: OrgKind::Etablissement,
                owner,
                domain: domain.clone(),
                contacts: vec![],
                weight: 6,
            });
        }
    }
    for g in &seed.groupings {
        let id = create(
            app,
            OrganisationInput {
                kind: Some(named(&g.kind)?),
                name: g.name.clone(),
                naf_code: Some(g.naf.clone()),
                commune_code: Some(g.commune.clone()),
                owner_id: Some(officers[g.owner].id),
                status: Some(named(&g.status)?),
                tags: g.tags.clone(),
                ..Default::default()
            },
        )?;
        out.push(Org {
            id,
            name: g.name.clone(),
            kind: named(&g.kind)?,
            owner: g.owner,
            domain: format!("{}.fr", slug(&g.name)),
            contacts: vec![],
            weight: 8,
        });
    }
    for p in &seed.partners {
        let id = create(
            app,
            OrganisationInput {
                kind: Some(OrgKind::PartenaireInstitutionnel),
                name: p.name.clone(),
                commune_code: Some(p.commune.clone()),
                partner_type: Some(named(&p.partner_type)?),
                owner_id: Some(officers[0].id),
                status: Some(OrgStatus::PartenaireActif),
                ..Default::default()
            },
        )?;
        out.push(Org {
            id,
            name: p.name.clone(),
            kind: OrgKind::PartenaireInstitutionnel,
            owner: 0,
            domain: format!("{}.fr", slug(&p.name)),
            contacts: vec![],
            weight: 4,
        });
    }
    Ok(out)
}

/// A valid random SIREN (8 random digits and the Luhn check digit).
pub fn random_siren(rng: &mut impl Rng) -> Siren {
    let base = rng.random_range(10_000_000..100_000_000u32);
    (0..10).find_map(|d| Siren::parse(&format!("{base}{d}")).ok()).expect("one check digit always fits")
}

fn smes(app: &App, seed: &Seed, officers: &[Officer], rng: &mut StdRng) -> AppResult<Vec<Org>> {
    let mut out = Vec::new();
    for n in 0..90 {
        let t = rng.random_range(0..seed.sme_trades.len());
        let commune = seed.sme_communes.choose(rng).expect("communes").clone();
        let info = app.with_store(|s| s.commune(&commune))?.expect("seed communes are in the reference data");
        let name = if n % 3 == 0 {
            format!("{} de {}", seed.sme_trades[t], info.nom)
        } else {
            format!("{} {}", seed.sme_trades[t], seed.last_names.choose(rng).expect("names"))
        };
        let owner = officers.iter().position(|o| o.dt_code == info.dt_code).unwrap_or(0);
        let siret = next_valid_siret(&random_siren(rng), 10 + rng.random_range(0..40)).expect("valid NIC");
        let id = create(
            app,
            OrganisationInput {
                kind: Some(OrgKind::Entreprise),
                name: name.clone(),
                siret: Some(siret.as_str().into()),
                naf_code: Some(seed.sme_trade_naf[t].clone()),
                commune_code: Some(commune),
                postcode: info.codes_postaux.first().cloned(),
                headcount_band: Some(
                    ["01", "02", "03", "11", "12", "21"].choose(rng).expect("bands").to_string(),
                ),
                owner_id: Some(officers[owner].id),
                status: Some(
                    *[OrgStatus::Prospect, OrgStatus::PartenaireActif, OrgStatus::EnVeille]
                        .choose(rng)
                        .expect("s"),
                ),
                ..Default::default()
            },
        )?;
        out.push(Org {
            id,
            name: name.clone(),
            kind: OrgKind::Entreprise,
            owner,
            domain: format!("{}.fr", slug(&name)),
            contacts: vec![],
            weight: 4,
        });
    }
    Ok(out)
}

fn add_contacts(app: &App, seed: &Seed, org: &mut Org, rng: &mut StdRng) -> AppResult<()> {
    for n in 0..rng.random_range(1..=3) {
        // A large account's plan names its national and regional contacts.
        let level = match (org.kind, n) {
            (OrgKind::GrandCompte, 0) => Some(ContactLevel::National),
            (OrgKind::GrandCompte, _) => Some(ContactLevel::Regional),
            (OrgKind::Etablissement, _) => Some(ContactLevel::Local),
            _ => None,
        };
        let first = seed.first_names.choose(rng).expect("names").clone();
        let last = seed.last_names.choose(rng).expect("names").clone();
        let phone = format!(
            "03 2{} {:02} {:02} {:02}",
            rng.random_range(0..8),
            rng.random_range(10..100),
            rng.random_range(0..100),
            rng.random_range(0..100)
        );
        let c = contacts::create(
            app,
            ContactInput {
                organisation_id: Some(org.id),
                email: Some(format!("{}.{}@{}", slug(&first), slug(&last), org.domain)),
                first_name: Some(first),
                last_name: last,
                job_title: Some(seed.job_titles.choose(rng).expect("titles").clone()),
                phone: Some(phone),
                mobile: rng.random_bool(0.5).then(|| {
                    format!(
                        "06 {:02} {:02} {:02} {:02}",
                        rng.random_range(10..30),
                        rng.random_range(0..100),
                        rng.random_range(0..100),
                        rng.random_range(0..100)
                    )
                }),
                notes: None,
                level,
            },
        )?;
        org.contacts.push(c.id);
    }
    Ok(())
}
