//! Everyday commands: search, organisations, contact log, follow-ups,
//! profile. Each is a thin wrapper over an app-layer command.

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};
use clap::{Args, Subcommand};
use uuid::Uuid;

use tremplin_app::App;
use tremplin_app::commands::interactions::{FollowUpInput, LogInteractionRequest, TimelineRequest};
use tremplin_app::commands::profile::ProfileInput;
use tremplin_app::commands::search::SearchRequest;
use tremplin_app::commands::tasks::DueRequest;
use tremplin_app::commands::{
    IdRequest, UpdateRequest, contacts, interactions, organisations, profile as profile_cmd,
    search as search_cmd, tasks,
};
use tremplin_domain::identifiers::Siret;
use tremplin_domain::interaction::{Channel, InteractionInput};
use tremplin_domain::organisation::{OrgKind, OrgStatus, OrganisationInput};
use tremplin_domain::task::TaskInput;
use tremplin_store::queries::organisations::{OrgSort, OrganisationFilter};
use tremplin_store::queries::tasks::TaskView;

use crate::location::Location;
use crate::print;

pub fn open(loc: &Location) -> Result<App> {
    let app = App::open(&loc.db, &loc.key)?
        .with_secrets(std::sync::Arc::new(crate::secrets::FileSecrets::new(loc.secrets_dir.clone())));
    let default_name = std::env::var("USER").unwrap_or_else(|_| "Agent local".into());
    app.ensure_profile(&default_name)?;
    Ok(app)
}

pub fn search(app: &App, query: &str, limit: u32, json: bool) -> Result<()> {
    let hits = search_cmd::search(app, SearchRequest { query: query.into(), entities: vec![], limit })?;
    if json {
        return print::json(&hits);
    }
    if hits.is_empty() {
        println!("Aucun résultat pour « {query} ».");
    }
    for h in hits {
        let kind = match h.entity {
            tremplin_store::search::SearchEntity::Organisation => "Organisation",
            tremplin_store::search::SearchEntity::Contact => "Contact",
            tremplin_store::search::SearchEntity::Interaction => "Échange",
        };
        println!("{} {} {}  {}", print::cell(kind, 12), h.id, h.title, h.subtitle.unwrap_or_default());
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Liste les organisations (filtres combinables).
    List(OrgListArgs),
    /// Affiche une organisation : identité, contacts, derniers échanges, relances.
    Show {
        /// Identifiant ou SIRET.
        org: String,
        #[arg(long)]
        json: bool,
    },
    /// Ajoute une organisation.
    Add(Box<OrgAddArgs>),
    /// Modifie le nom, le statut ou les notes d'une organisation.
    Edit(OrgEditArgs),
}

#[derive(Args)]
pub struct OrgEditArgs {
    /// Identifiant ou SIRET.
    org: String,
    #[arg(long)]
    name: Option<String>,
    /// prospect, partenaire_actif, en_veille, ferme
    #[arg(long)]
    status: Option<String>,
    /// Notes ("" les efface).
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Args)]
pub struct OrgListArgs {
    /// entreprise, etablissement, grand_compte, groupement_employeurs, geiq, siae, partenaire_institutionnel
    #[arg(long)]
    kind: Vec<String>,
    /// Direction territoriale (FI, FM, ML, MRT, DO, CA, VA, AV).
    #[arg(long)]
    dt: Option<String>,
    /// SIREN de l'EPCI.
    #[arg(long)]
    epci: Option<String>,
    /// prospect, partenaire_actif, en_veille, ferme
    #[arg(long)]
    status: Option<String>,
    /// Seulement mon portefeuille.
    #[arg(long)]
    mine: bool,
    #[arg(long)]
    tag: Option<String>,
    /// Mots à chercher.
    #[arg(long)]
    text: Option<String>,
    /// name, commune, updated, created
    #[arg(long, default_value = "name")]
    sort: String,
    #[arg(long)]
    desc: bool,
    #[arg(long, default_value_t = 1)]
    page: u32,
    #[arg(long, default_value_t = 50)]
    per_page: u32,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct OrgAddArgs {
    #[arg(long)]
    kind: String,
    #[arg(long)]
    name: String,
    #[arg(long)]
    legal_name: Option<String>,
    #[arg(long)]
    siren: Option<String>,
    #[arg(long)]
    siret: Option<String>,
    /// Code NAF rév. 2 (ex. 47.11F).
    #[arg(long)]
    naf: Option<String>,
    /// Code commune INSEE (ex. 59512 pour Roubaix).
    #[arg(long)]
    commune: Option<String>,
    #[arg(long)]
    postcode: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    website: Option<String>,
    /// Tranche d'effectif INSEE (NN, 00, 01 … 53).
    #[arg(long)]
    headcount: Option<String>,
    /// Organisation de rattachement (identifiant ou SIRET).
    #[arg(long)]
    parent: Option<String>,
    #[arg(long)]
    status: Option<String>,
    /// Type de partenaire institutionnel (france_travail, caf, region, opco, cci…).
    #[arg(long)]
    partner_type: Option<String>,
    #[arg(long)]
    tag: Vec<String>,
    #[arg(long)]
    json: bool,
}

pub(crate) fn parse_enum<T: serde::de::DeserializeOwned>(what: &str, v: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(v.to_string()))
        .map_err(|_| anyhow!("{what} inconnu : « {v} »."))
}

/// An organisation given by id or by SIRET.
pub(crate) fn resolve_org(app: &App, s: &str) -> Result<Uuid> {
    if let Ok(id) = Uuid::parse_str(s.trim()) {
        return Ok(id);
    }
    let siret = Siret::parse(s)
        .map_err(|e| anyhow!("Organisation « {s} » : ni un identifiant ni un SIRET ({})", e.message))?;
    app.with_store(|st| st.organisations_with_siret(siret.as_str()))?
        .first()
        .copied()
        .ok_or_else(|| anyhow!("Aucune organisation avec le SIRET {}.", siret.grouped()))
}

pub fn org(app: &App, cmd: OrgCommand) -> Result<()> {
    match cmd {
        OrgCommand::List(a) => org_list(app, a),
        OrgCommand::Show { org, json } => org_show(app, &org, json),
        OrgCommand::Add(a) => org_add(app, *a),
        OrgCommand::Edit(a) => org_edit(app, a),
    }
}

fn org_edit(app: &App, a: OrgEditArgs) -> Result<()> {
    let id = resolve_org(app, &a.org)?;
    let mut input = organisations::get(app, IdRequest { id })?.data.to_input();
    if let Some(n) = a.name {
        input.name = n;
    }
    if let Some(s) = a.status {
        input.status = Some(parse_enum("Statut", &s)?);
    }
    if let Some(n) = a.notes {
        input.notes = Some(n).filter(|n| !n.is_empty());
    }
    let d = organisations::update(app, UpdateRequest { id, input, confirm_sensitive: false })?;
    println!("Organisation modifiée : {} ({})", d.data.name, d.id);
    Ok(())
}

fn org_list(app: &App, a: OrgListArgs) -> Result<()> {
    let me = profile_cmd::get(app)?;
    let filter = OrganisationFilter {
        kinds: a.kind.iter().map(|k| parse_enum::<OrgKind>("Type", k)).collect::<Result<_>>()?,
        dt_code: a.dt.map(|d| d.to_uppercase()),
        epci_siren: a.epci,
        status: a.status.as_deref().map(|s| parse_enum::<OrgStatus>("Statut", s)).transpose()?,
        owner_id: a.mine.then_some(me.id),
        tag: a.tag,
        parent_id: None,
        text: a.text,
        sort: match a.sort.as_str() {
            "name" => OrgSort::Name,
            "commune" => OrgSort::Commune,
            "updated" => OrgSort::UpdatedAt,
            "created" => OrgSort::CreatedAt,
            other => {
                return Err(anyhow!("Tri inconnu : « {other} » (name, commune, updated, created)."));
            }
        },
        descending: a.desc,
        offset: a.page.saturating_sub(1) * a.per_page,
        limit: a.per_page,
    };
    let page = organisations::list(app, filter)?;
    if a.json {
        return print::json(&page);
    }
    for o in &page.items {
        println!(
            "{} {} {} {} {}",
            o.id,
            print::cell(&o.name, 44),
            print::cell(o.kind.label(), 24),
            print::cell(o.commune_name.as_deref().unwrap_or("—"), 22),
            o.dt_code.as_deref().unwrap_or("—")
        );
    }
    let last = page.offset + page.items.len() as u64;
    println!(
        "{}–{} sur {} organisation(s)",
        if page.items.is_empty() { 0 } else { page.offset + 1 },
        last,
        page.total
    );
    Ok(())
}

fn org_show(app: &App, org: &str, json: bool) -> Result<()> {
    let id = resolve_org(app, org)?;
    let d = organisations::get(app, IdRequest { id })?;
    let contacts = contacts::list(
        app,
        contacts::ContactListRequest { organisation_id: Some(id), ..Default::default() },
    )?;
    let timeline = interactions::timeline(app, TimelineRequest { organisation_id: id, offset: 0, limit: 5 })?;
    let tasks = tasks::of_organisation(app, tasks::OrganisationTasksRequest { organisation_id: id })?;
    if json {
        return print::json(&serde_json::json!({
            "organisation": d, "contacts": contacts.items, "timeline": timeline, "tasks": tasks,
        }));
    }
    println!("{} — {}", d.data.name, d.data.kind.label());
    println!("  Statut : {}", d.data.status.label());
    if let Some(s) = &d.siret_display {
        println!("  SIRET : {s}");
    } else if let Some(s) = &d.siren_display {
        println!("  SIREN : {s}");
    }
    if let Some(naf) = &d.data.naf_code {
        println!("  NAF : {} {}", naf.as_str(), d.naf_label.as_deref().unwrap_or(""));
    }
    if let Some(c) = &d.commune_name {
        println!(
            "  Commune : {c} — EPCI : {} — DT : {}",
            d.epci_name.as_deref().unwrap_or("—"),
            d.dt_name.as_deref().unwrap_or("—")
        );
    }
    if let Some(o) = &d.owner_name {
        println!("  Chargé·e de compte : {o}");
    }
    if !d.data.tags.is_empty() {
        println!("  Étiquettes : {}", d.data.tags.join(", "));
    }
    if let Some(p) = &d.parent {
        println!("  Rattachée à : {} ({})", p.name, p.id);
    }
    if !d.children.is_empty() {
        println!("Établissements ({}) :", d.children.len());
        for c in &d.children {
            println!("  {} {} — {}", c.id, c.name, c.commune_name.as_deref().unwrap_or("—"));
        }
    }
    println!("Contacts ({}) :", contacts.total);
    for c in &contacts.items {
        let name = format!("{} {}", c.first_name.as_deref().unwrap_or(""), c.last_name);
        println!("  {} — {}", name.trim(), c.job_title.as_deref().unwrap_or(""));
    }
    println!("Derniers échanges ({} au total) :", timeline.total);
    for i in &timeline.items {
        println!("  {} {} — {}", print::datetime(&i.occurred_at), i.channel.label(), i.subject);
    }
    print_tasks("Relances", &tasks);
    Ok(())
}

fn org_add(app: &App, a: OrgAddArgs) -> Result<()> {
    let input = OrganisationInput {
        kind: Some(parse_enum("Type d'organisation", &a.kind)?),
        name: a.name,
        legal_name: a.legal_name,
        siren: a.siren,
        siret: a.siret,
        naf_code: a.naf,
        naf_version: None,
        commune_code: a.commune,
        postcode: a.postcode,
        address: a.address,
        phone: a.phone,
        email: a.email,
        website: a.website,
        headcount_band: a.headcount,
        parent_id: a.parent.as_deref().map(|p| resolve_org(app, p)).transpose()?,
        owner_id: Some(profile_cmd::get(app)?.id),
        status: a.status.as_deref().map(|s| parse_enum("Statut", s)).transpose()?,
        partner_type: a.partner_type.as_deref().map(|s| parse_enum("Type de partenaire", s)).transpose()?,
        tags: a.tag,
        ..Default::default()
    };
    let d = organisations::create(app, input)?;
    if a.json {
        return print::json(&d);
    }
    println!("Organisation créée : {} ({})", d.data.name, d.id);
    Ok(())
}

#[derive(Args)]
pub struct LogArgs {
    /// Organisation (identifiant ou SIRET).
    #[arg(long)]
    org: String,
    /// visite, telephone, email, visio, evenement
    #[arg(long)]
    channel: String,
    #[arg(long)]
    subject: String,
    #[arg(long)]
    notes: Option<String>,
    #[arg(long)]
    outcome: Option<String>,
    /// Date et heure locales « AAAA-MM-JJ HH:MM » (défaut : maintenant).
    #[arg(long)]
    at: Option<String>,
    /// Interlocuteur (identifiant du contact).
    #[arg(long)]
    contact: Option<Uuid>,
    /// Crée aussi une relance avec cet intitulé.
    #[arg(long)]
    follow_up: Option<String>,
    /// Échéance de la relance (AAAA-MM-JJ).
    #[arg(long)]
    due: Option<NaiveDate>,
}

fn parse_local(s: &str) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .or_else(|_| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_hms_opt(9, 0, 0).expect("valid time"))
        })
        .with_context(|| format!("Date du contact : « {s} » attendu au format AAAA-MM-JJ HH:MM"))?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| anyhow!("Date du contact : « {s} » n'existe pas (changement d'heure)."))
}

pub fn log(app: &App, a: LogArgs) -> Result<()> {
    let interaction = InteractionInput {
        organisation_id: Some(resolve_org(app, &a.org)?),
        contact_id: a.contact,
        occurred_at: Some(match &a.at {
            Some(s) => parse_local(s)?,
            None => Utc::now(),
        }),
        channel: Some(parse_enum::<Channel>("Canal", &a.channel)?),
        subject: a.subject,
        notes: a.notes,
        outcome: a.outcome,
    };
    let follow_up = a.follow_up.map(|title| FollowUpInput { title, due_date: a.due, notes: None });
    let res =
        interactions::log(app, LogInteractionRequest { interaction, follow_up, confirm_sensitive: false })?;
    println!(
        "Échange consigné : {} — {} ({})",
        print::datetime(&res.interaction.occurred_at),
        res.interaction.subject,
        res.interaction.id
    );
    if let Some(t) = res.follow_up {
        println!("Relance créée : {} pour le {} ({})", t.title, print::date(t.due_date), t.id);
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum TaskCommand {
    /// Ajoute une relance.
    Add {
        #[arg(long)]
        title: String,
        /// Échéance (AAAA-MM-JJ).
        #[arg(long)]
        due: NaiveDate,
        /// Organisation concernée (identifiant ou SIRET).
        #[arg(long)]
        org: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Mes relances en retard, du jour et à venir.
    List {
        /// Horizon « à venir » en jours.
        #[arg(long, default_value_t = 7)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// Marque une relance comme faite.
    Done { id: Uuid },
}

pub fn task(app: &App, cmd: TaskCommand) -> Result<()> {
    match cmd {
        TaskCommand::Add { title, due, org, notes } => {
            let t = tasks::create(
                app,
                TaskInput {
                    title,
                    notes,
                    due_date: Some(due),
                    assignee_id: None,
                    organisation_id: org.as_deref().map(|o| resolve_org(app, o)).transpose()?,
                    interaction_id: None,
                },
            )?;
            println!("Relance créée : {} pour le {} ({})", t.title, print::date(t.due_date), t.id);
        }
        TaskCommand::List { days, json } => {
            let due = tasks::due(app, DueRequest { days })?;
            if json {
                return print::json(&due);
            }
            print_tasks("En retard", &due.overdue);
            print_tasks("Aujourd'hui", &due.due_today);
            print_tasks(&format!("Dans les {days} jours"), &due.upcoming);
        }
        TaskCommand::Done { id } => {
            let t = tasks::complete(app, IdRequest { id })?;
            println!("Relance faite : {}", t.title);
        }
    }
    Ok(())
}

fn print_tasks(heading: &str, list: &[TaskView]) {
    println!("{heading} ({}) :", list.len());
    for t in list {
        println!(
            "  {} {} [{}] {}{}",
            t.id,
            print::date(t.due_date),
            t.status.label(),
            t.title,
            t.organisation_name.as_deref().map(|o| format!(" — {o}")).unwrap_or_default()
        );
    }
}

#[derive(Args)]
pub struct ProfileArgs {
    /// Nom affiché.
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    email: Option<String>,
    /// Direction territoriale (FI, FM, ML, MRT, DO, CA, VA, AV).
    #[arg(long)]
    dt: Option<String>,
}

pub fn profile(app: &App, a: ProfileArgs) -> Result<()> {
    let current = profile_cmd::get(app)?;
    let me = if a.name.is_some() || a.email.is_some() || a.dt.is_some() {
        profile_cmd::update(
            app,
            ProfileInput {
                display_name: a.name.unwrap_or(current.display_name),
                email: a.email.or(current.email),
                dt_code: a.dt.map(|d| d.to_uppercase()).or(current.dt_code),
            },
        )?
    } else {
        current
    };
    println!(
        "{} — {} — DT : {} ({})",
        me.display_name,
        me.email.as_deref().unwrap_or("sans e-mail"),
        me.dt_code.as_deref().unwrap_or("—"),
        me.id
    );
    Ok(())
}
