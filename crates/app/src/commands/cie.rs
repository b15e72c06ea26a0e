//! Aided contracts (CIE / CAE): entry with the legal limits and the rule of
//! the arrêté or CAOM, monthly aid lines (months begun are kept with their
//! parameters), totals per contract, employer, DT and year, incident
//! deadlines, and the simulator.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::aid::{self, Financing, MonthParams};
use tremplin_domain::audit::AuditAction;
use tremplin_domain::cie::{
    AidLine, AidedContract, ContractStatus, IncidentKind, MAX_TUTORED, articles, check_weekly_hours,
};
use tremplin_domain::new_row_id;
use tremplin_domain::organisation::{OrgKind, Organisation};
use tremplin_domain::parameters::{ContractType, FinancingMode};
use tremplin_domain::person::{Consent, Person};
use tremplin_domain::sensitive::check_free_texts;
use tremplin_store::{Record, Store};

use super::IdRequest;
use super::people::{Access, audit};
use crate::aid_parameters::AidTables;
use crate::app::App;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Totals {
    pub aid_cents: i64,
    pub dept_cents: i64,
    pub state_cents: i64,
}

impl Totals {
    fn add(&mut self, l: &AidLine) {
        self.aid_cents += l.aid_cents;
        self.dept_cents += l.dept_cents;
        self.state_cents += l.state_cents;
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ContractSummary {
    pub id: Uuid,
    pub person_name: String,
    pub employer_name: String,
    pub job_title: String,
    pub contract_type: ContractType,
    pub status: ContractStatus,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub aid_ends_on: Option<NaiveDate>,
    pub dt_code: Option<String>,
    pub totals: Totals,
    pub late_incidents: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ContractFilter {
    pub status: Option<ContractStatus>,
    pub employer_id: Option<Uuid>,
    pub person_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LineView {
    pub line: AidLine,
    /// Kept with the parameters of its time (the month has begun).
    pub kept: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct YearTotals {
    pub year: i32,
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IncidentAlert {
    pub contract_id: Uuid,
    pub person_name: String,
    pub employer_name: String,
    pub kind: IncidentKind,
    #[ts(type = "string")]
    pub occurred_on: NaiveDate,
    /// Last day to declare it (7 clear days, R5134-53).
    #[ts(type = "string")]
    pub deadline: NaiveDate,
    #[ts(type = "string | null")]
    pub declared_on: Option<NaiveDate>,
    /// Past the deadline without a declaration, or declared late.
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ContractDetail {
    pub id: Uuid,
    pub data: AidedContract,
    pub person_name: String,
    pub employer_name: String,
    pub user_establishment_names: Vec<String>,
    pub rule_name: Option<String>,
    pub rule_source: Option<String>,
    pub covered_hours_centi: Option<u32>,
    pub lines: Vec<LineView>,
    pub totals: Totals,
    pub by_year: Vec<YearTotals>,
    pub incidents: Vec<IncidentAlert>,
    /// Why no line could be computed (a month without parameters).
    pub lines_error: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveContractRequest {
    pub id: Option<Uuid>,
    pub input: AidedContract,
    #[serde(default)]
    pub confirm_sensitive: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TotalsRequest {
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TotalRow {
    pub label: String,
    pub contracts: u32,
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CieTotals {
    pub all: Totals,
    pub by_employer: Vec<TotalRow>,
    pub by_dt: Vec<TotalRow>,
    pub by_year: Vec<TotalRow>,
}

pub fn list(app: &App, filter: ContractFilter) -> AppResult<Vec<ContractSummary>> {
    let store = app.reader();
    let access = Access::of(&store)?;
    let tables = AidTables::load(&store)?;
    let today = app.clock().today();
    let mut out = Vec::new();
    for r in access.visible_rows(store.aided_contracts()?) {
        let c = &r.data;
        if filter.status.is_some_and(|s| s != c.status)
            || filter.employer_id.is_some_and(|e| e != c.employer_id)
            || filter.person_id.is_some_and(|p| p != c.person_id)
        {
            continue;
        }
        let mut totals = Totals::default();
        for l in lines_of(c, &tables).unwrap_or_default() {
            totals.add(&l);
        }
        out.push(ContractSummary {
            id: r.id,
            person_name: person_name(&store, c.person_id)?,
            employer_name: org_name(&store, c.employer_id)?,
            job_title: c.job_title.clone(),
            contract_type: c.contract_type,
            status: c.status,
            starts_on: c.starts_on,
            aid_ends_on: c.aid_period().map(|p| p.1),
            dt_code: c.dt_code.clone(),
            totals,
            late_incidents: c.late_incidents(today).len() as u32,
        });
    }
    Ok(out)
}

/// Opens a contract: need-to-know, and written to the audit trail like the
/// person's record.
pub fn get(app: &App, req: IdRequest) -> AppResult<ContractDetail> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let r = access.visible::<AidedContract>(&store, req.id)?;
    let purpose = "Consultation du contrat aidé";
    audit(&mut store, app, &access, AuditAction::Consultation, ("aided_contract", req.id), purpose)?;
    detail(&store, r, app.clock().today())
}

pub fn save(app: &App, req: SaveContractRequest) -> AppResult<ContractDetail> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let today = app.clock().today();
    let input = &req.input;
    let mut texts = vec![
        (input.notes.as_deref(), "notes", "Observations"),
        (input.bilan.as_deref(), "bilan", "Bilan des actions"),
    ];
    texts.extend(input.incidents.iter().map(|i| (i.notes.as_deref(), "incidents", "Incident")));
    texts.extend(
        input.renewals.iter().map(|r| (Some(r.bilan.as_str()), "renewals", "Bilan du renouvellement")),
    );
    check_free_texts(&texts, req.confirm_sensitive)?;
    let mut c = req.input.check()?;
    let person = access
        .visible::<Person>(&store, c.person_id)
        .map_err(|e| AppError { field: Some("person_id".into()), ..e })?;
    let old = match req.id {
        Some(id) => Some(access.visible::<AidedContract>(&store, id)?),
        None => None,
    };
    // The employer learns the person is on the RSA: a new aid needs that consent.
    if old.is_none() && !person.data.consents_to(Consent::MentionRsaEmployeur, today) {
        return Err(AppError::field(
            "no_consent",
            "person_id",
            "Personne : son accord pour que l'employeur sache qu'elle est au RSA n'est pas enregistré, ou a été \
             retiré (voir sa fiche) ; le contrat aidé le suppose.",
        ));
    }
    let employer = live_org(&store, c.employer_id, "employer_id", "Employeur")?;
    let kept = old.as_ref().map_or(&[][..], |o| &o.data.user_establishment_ids[..]);
    check_user_establishments(&store, &employer, &c.user_establishment_ids, kept)?;
    check_employer_history(&store, &access, req.id, &c, old.as_ref().map(|o| &o.data))?;
    let tables = AidTables::load(&store)?;
    let rule_id = c.rule_id.ok_or_else(|| {
        AppError::field("required", "rule_id", "Règle d'aide : choisissez l'arrêté ou la CAOM applicable.")
    })?;
    // A contract keeps the rule it was made under, even once replaced.
    let keeps_rule = old.as_ref().is_some_and(|o| o.data.rule_id == Some(rule_id));
    let rule = if keeps_rule {
        tables.any_rule(rule_id).ok_or_else(|| AppError::not_found("Règle d'aide"))?
    } else {
        tables.rule(rule_id)?
    };
    c.check_rule(rule)?;
    c.dt_code = person.data.dt_code.clone();
    let kept_officers = old.as_ref().map_or(&[][..], |o| &o.data.officer_ids[..]);
    c.officer_ids = access.involved(&[&person.data.officer_ids, kept_officers]);
    c.lines = old.as_ref().map(|o| o.data.lines.clone()).unwrap_or_default();
    // Revisions are the record of retroactive recomputations, not the form's.
    c.revisions = old.as_ref().map(|o| o.data.revisions.clone()).unwrap_or_default();
    let lines = c
        .aid_lines(rule, &tables.smic, &tables.rsa)
        .map_err(|e| AppError::field("missing_parameter", "aid_starts_on", e.to_string()))?;
    c.lines = AidedContract::begun_lines(lines, today);
    let id = req.id.unwrap_or_else(new_row_id);
    store.write(|w| match old {
        Some(_) => w.update(id, &c).map(drop).map_err(AppError::from),
        None => w.create(id, &c).map_err(AppError::from),
    })?;
    let r = access.visible::<AidedContract>(&store, id)?;
    detail(&store, r, today)
}

pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let r = access.visible::<AidedContract>(&store, req.id)?;
    if r.data.status != ContractStatus::Projet {
        return Err(AppError::field(
            "not_a_project",
            "status",
            "Statut : seul un contrat en projet se supprime ; un contrat commencé se termine ou se rompt.",
        ));
    }
    store.write(|w| w.delete::<AidedContract>(req.id).map_err(AppError::from))
}

pub fn totals(app: &App, req: TotalsRequest) -> AppResult<CieTotals> {
    let store = app.reader();
    let access = Access::of(&store)?;
    let tables = AidTables::load(&store)?;
    let dts = store.directions_territoriales()?;
    let mut all = Totals::default();
    let mut by_employer: BTreeMap<String, (u32, Totals)> = BTreeMap::new();
    let mut by_dt: BTreeMap<String, (u32, Totals)> = BTreeMap::new();
    let mut by_year: BTreeMap<String, (u32, Totals)> = BTreeMap::new();
    let prefix = req.year.map(|y| format!("{y:04}-"));
    // Employers recur across contracts: each name is read once.
    let mut employers: HashMap<Uuid, String> = HashMap::new();
    for r in access.visible_rows(store.aided_contracts()?) {
        let c = &r.data;
        let lines: Vec<AidLine> = lines_of(c, &tables)
            .unwrap_or_default()
            .into_iter()
            .filter(|l| prefix.as_deref().is_none_or(|p| l.month.starts_with(p)))
            .collect();
        if lines.is_empty() {
            continue;
        }
        let employer = match employers.get(&c.employer_id) {
            Some(name) => name.clone(),
            None => {
                let name = org_name(&store, c.employer_id)?;
                employers.insert(c.employer_id, name.clone());
                name
            }
        };
        let dt = c
            .dt_code
            .as_ref()
            .and_then(|code| dts.iter().find(|d| &d.code == code))
            .map_or_else(|| "Direction territoriale inconnue".to_string(), |d| d.label.clone());
        let mut years: Vec<String> = Vec::new();
        for l in &lines {
            all.add(l);
            by_employer.entry(employer.clone()).or_default().1.add(l);
            by_dt.entry(dt.clone()).or_default().1.add(l);
            let year = l.month[..4].to_string();
            by_year.entry(year.clone()).or_default().1.add(l);
            if !years.contains(&year) {
                years.push(year);
            }
        }
        by_employer.entry(employer).or_default().0 += 1;
        by_dt.entry(dt).or_default().0 += 1;
        for y in years {
            by_year.entry(y).or_default().0 += 1;
        }
    }
    let rows = |m: BTreeMap<String, (u32, Totals)>| {
        m.into_iter().map(|(label, (contracts, totals))| TotalRow { label, contracts, totals }).collect()
    };
    Ok(CieTotals { all, by_employer: rows(by_employer), by_dt: rows(by_dt), by_year: rows(by_year) })
}

/// Incidents to declare: overdue ones, then those whose deadline is near.
pub fn alerts(app: &App) -> AppResult<Vec<IncidentAlert>> {
    let store = app.reader();
    let access = Access::of(&store)?;
    let today = app.clock().today();
    let mut out = Vec::new();
    for r in access.visible_rows(store.aided_contracts()?) {
        for a in incident_alerts(&store, r.id, &r.data, today)? {
            if a.overdue || a.declared_on.is_none() {
                out.push(a);
            }
        }
    }
    out.sort_by_key(|a| (!a.overdue, a.deadline));
    Ok(out)
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SimulateRequest {
    pub contract_type: ContractType,
    pub mode: FinancingMode,
    /// Mode B: the Département's share.
    pub dept_share_bp: Option<u32>,
    pub rate_bp: u32,
    pub hours_centi: u32,
    /// "2026-05".
    pub month: String,
    /// What-if amounts instead of those in force.
    pub smic_cents: Option<i64>,
    pub rsa_cents: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Simulation {
    pub aid_cents: i64,
    pub dept_cents: i64,
    pub state_cents: i64,
    pub smic_cents: i64,
    pub rsa_cents: i64,
    pub covered_hours_centi: u32,
    /// Gross monthly pay at the SMIC for the hours (indicative).
    pub gross_cents: i64,
    /// What remains for the employer before contributions and reductions.
    pub employer_net_cents: i64,
    /// Where mode A's share of the RSA came from.
    pub financing_source: Option<String>,
}

/// "Combien coûte ce contrat ?": one full month of aid.
pub fn simulate(app: &App, req: SimulateRequest) -> AppResult<Simulation> {
    let store = app.store();
    let tables = AidTables::load(&store)?;
    drop(store);
    simulate_with(&tables, &req)
}

fn simulate_with(tables: &AidTables, req: &SimulateRequest) -> AppResult<Simulation> {
    let first = NaiveDate::parse_from_str(&format!("{}-01", req.month.trim()), "%Y-%m-%d").map_err(|_| {
        AppError::field("month_format", "month", format!("Mois : AAAA-MM attendu, reçu « {} ».", req.month))
    })?;
    req.contract_type.check_rate(req.rate_bp)?;
    check_weekly_hours(req.hours_centi, "hours_centi")?;
    let missing = |what: &str| {
        AppError::field(
            "missing_parameter",
            "month",
            format!("Paramètres : aucun {what} en vigueur en {} ; indiquez-le.", first.format("%m/%Y")),
        )
    };
    let smic = match req.smic_cents {
        Some(s) => s,
        None => tables.smic.on(first).ok_or_else(|| missing("SMIC horaire"))?,
    };
    let rsa = match req.rsa_cents {
        Some(r) => r,
        None => tables.rsa.on(first).ok_or_else(|| missing("montant du RSA"))?,
    };
    let hours = aid::covered_hours(req.hours_centi, None);
    let (financing, source) = match req.mode {
        FinancingMode::A => {
            let legal = tables
                .rules_for(first)
                .find(|r| {
                    r.data.contract_type == req.contract_type && r.data.financing_mode == FinancingMode::A
                })
                .ok_or_else(|| {
                    AppError::field(
                        "missing_parameter",
                        "mode",
                        "Mode A : aucune règle légale en vigueur ce mois-là dans les paramètres.",
                    )
                })?;
            (legal.data.financing(hours), Some(format!("{} ({})", legal.data.name, legal.data.source)))
        }
        FinancingMode::B => {
            let share = req.dept_share_bp.filter(|s| *s <= 10_000).ok_or_else(|| {
                AppError::field(
                    "required",
                    "dept_share_bp",
                    "Part du Département : entre 0 et 100 % en mode B.",
                )
            })?;
            (Financing::B { dept_share_bp: share }, None)
        }
        FinancingMode::C => (Financing::C, None),
    };
    let s = aid::split(
        &MonthParams {
            smic_hourly_cents: smic,
            rsa_alone_cents: rsa,
            rate_bp: req.rate_bp,
            weekly_hours_centi: hours,
        },
        financing,
    );
    let gross = aid::split(
        &MonthParams {
            smic_hourly_cents: smic,
            rsa_alone_cents: rsa,
            rate_bp: 10_000,
            weekly_hours_centi: hours,
        },
        Financing::C,
    )
    .aid_cents;
    Ok(Simulation {
        aid_cents: s.aid_cents,
        dept_cents: s.dept_cents,
        state_cents: s.state_cents,
        smic_cents: smic,
        rsa_cents: rsa,
        covered_hours_centi: hours,
        gross_cents: gross,
        employer_net_cents: gross - s.aid_cents,
        financing_source: source,
    })
}

/// Keeps the lines of every month begun, with the parameters in force
/// before a change: called before an administrator's edit so that it
/// cannot alter them.
pub(crate) fn keep_begun_months(store: &mut Store, today: NaiveDate) -> AppResult<usize> {
    let tables = AidTables::load(store)?;
    let mut changed = Vec::new();
    for r in store.aided_contracts()? {
        let Some(rule) = r.data.rule_id.and_then(|id| tables.any_rule(id)) else { continue };
        let Ok(lines) = r.data.aid_lines(rule, &tables.smic, &tables.rsa) else { continue };
        let begun = AidedContract::begun_lines(lines, today);
        if begun != r.data.lines {
            changed.push((r.id, AidedContract { lines: begun, ..r.data }));
        }
    }
    write_contracts(store, &changed)
}

/// After an administrator records a retroactive revaluation from `from`
/// (the row `parameter_id`): every contract's begun months from then on are
/// computed again, each change kept with both amounts, who and when.
pub(crate) fn revise_begun_months(
    store: &mut Store,
    from: NaiveDate,
    parameter_id: Uuid,
    by: Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<usize> {
    let tables = AidTables::load(store)?;
    let mut changed = Vec::new();
    for r in store.aided_contracts()? {
        let Some(rule) = r.data.rule_id.and_then(|id| tables.any_rule(id)) else { continue };
        let mut c = r.data;
        let Ok(revised) =
            c.revise_from(from, rule, &tables.smic, &tables.rsa, now.date_naive(), (parameter_id, by, now))
        else {
            continue;
        };
        if !revised.is_empty() {
            changed.push((r.id, c));
        }
    }
    write_contracts(store, &changed)
}

/// Writes contracts the tables changed; returns how many.
fn write_contracts(store: &mut Store, changed: &[(Uuid, AidedContract)]) -> AppResult<usize> {
    store.write(|w| {
        for (id, c) in changed {
            w.update(*id, c)?;
        }
        Ok::<_, AppError>(())
    })?;
    Ok(changed.len())
}

/// All months of a contract: kept lines and projections.
pub(crate) fn lines_of(c: &AidedContract, tables: &AidTables) -> Option<Vec<AidLine>> {
    let rule = tables.any_rule(c.rule_id?)?;
    c.aid_lines(rule, &tables.smic, &tables.rsa).ok()
}

/// The rules that read the employer's other contracts this officer may see:
/// the bilan of the previous aid before a new one (checked when the
/// contract is made or changes employer), and three employees at most per
/// tuteur (docs/domain/aided-contracts.md « Référent and tuteur »).
fn check_employer_history(
    store: &Store,
    access: &Access,
    id: Option<Uuid>,
    c: &AidedContract,
    old: Option<&AidedContract>,
) -> AppResult<()> {
    let others: Vec<AidedContract> = access
        .visible_rows(store.aided_contracts()?)
        .into_iter()
        .filter(|r| Some(r.id) != id && r.data.employer_id == c.employer_id)
        .map(|r| r.data)
        .collect();
    let art = articles(c.contract_type);
    if old.is_none_or(|o| o.employer_id != c.employer_id)
        && let Some(previous) = c.missing_previous_bilan(&others)
    {
        let ended = previous.aid_period().map(|p| p.1.format("%d/%m/%Y").to_string()).unwrap_or_default();
        return Err(AppError::field(
            "previous_bilan_missing",
            "employer_id",
            format!(
                "Employeur : le bilan des actions d'accompagnement et de formation du contrat aidé précédent \
                 (« {} », aide terminée le {ended}) est un préalable à toute nouvelle aide ({}) ; \
                 saisissez-le sur ce contrat.",
                previous.job_title, art.previous_bilan
            ),
        ));
    }
    if c.tutor_overloaded(&others) {
        return Err(AppError::field(
            "tutor_overloaded",
            "tutor_name",
            format!(
                "Tuteur : il ou elle suit déjà {MAX_TUTORED} salariés en {} chez cet employeur sur cette période \
                 ({}).",
                c.contract_type.short(),
                art.tutor
            ),
        ));
    }
    Ok(())
}

/// A groupement d'employeurs or a GEIQ, as legal employer, places the person
/// with its members: the user establishments are current members (or
/// their establishments); those the contract already named stay accepted
/// after a member leaves.
fn check_user_establishments(
    store: &Store,
    employer: &Record<Organisation>,
    ids: &[Uuid],
    kept: &[Uuid],
) -> AppResult<()> {
    const FIELD: &str = "user_establishment_ids";
    if ids.is_empty() {
        return Ok(());
    }
    if !matches!(employer.data.kind, OrgKind::GroupementEmployeurs | OrgKind::Geiq) {
        return Err(AppError::field(
            "not_a_grouping",
            FIELD,
            "Établissements utilisateurs : seulement quand l'employeur est un groupement d'employeurs ou un GEIQ.",
        ));
    }
    let reach = store.reach_of(employer.id)?;
    for id in ids {
        let member = live_org(store, *id, FIELD, "Établissement utilisateur")?;
        if *id == employer.id || !(reach.contains(id) || kept.contains(id)) {
            return Err(AppError::field(
                "not_a_member",
                FIELD,
                format!(
                    "Établissement utilisateur : « {} » n'est pas adhérent de « {} ».",
                    member.data.name, employer.data.name
                ),
            ));
        }
    }
    Ok(())
}

pub(crate) fn live_org(store: &Store, id: Uuid, field: &str, label: &str) -> AppResult<Record<Organisation>> {
    store.get::<Organisation>(id)?.filter(|r| r.deleted_at.is_none()).ok_or_else(|| {
        AppError::field("unknown_organisation", field, format!("{label} : organisation introuvable."))
    })
}

pub(crate) fn org_name(store: &Store, id: Uuid) -> AppResult<String> {
    Ok(store.get::<Organisation>(id)?.map_or_else(|| "Organisation supprimée".to_string(), |o| o.data.name))
}

pub(crate) fn person_name(store: &Store, id: Uuid) -> AppResult<String> {
    Ok(store.get::<Person>(id)?.map_or_else(|| "Personne supprimée".to_string(), |p| p.data.full_name()))
}

fn incident_alerts(
    store: &Store,
    id: Uuid,
    c: &AidedContract,
    today: NaiveDate,
) -> AppResult<Vec<IncidentAlert>> {
    let mut out = Vec::new();
    for i in &c.incidents {
        let (Some(occurred), Some((deadline, overdue))) = (i.occurred_on, i.declaration(today)) else {
            continue;
        };
        out.push(IncidentAlert {
            contract_id: id,
            person_name: person_name(store, c.person_id)?,
            employer_name: org_name(store, c.employer_id)?,
            kind: i.kind,
            occurred_on: occurred,
            deadline,
            declared_on: i.declared_on,
            overdue,
        });
    }
    Ok(out)
}

fn detail(store: &Store, r: Record<AidedContract>, today: NaiveDate) -> AppResult<ContractDetail> {
    let tables = AidTables::load(store)?;
    let c = &r.data;
    let rule = c.rule_id.and_then(|id| tables.any_rule(id));
    let (lines, lines_error) = match rule {
        Some(rule) => match c.aid_lines(rule, &tables.smic, &tables.rsa) {
            Ok(l) => (l, None),
            Err(e) => (Vec::new(), Some(e.to_string())),
        },
        None => (Vec::new(), Some("Règle d'aide introuvable : les lignes ne peuvent être calculées.".into())),
    };
    let mut totals = Totals::default();
    let mut by_year: Vec<YearTotals> = Vec::new();
    for l in &lines {
        totals.add(l);
        let year: i32 = l.month[..4].parse().unwrap_or_default();
        match by_year.iter_mut().find(|y| y.year == year) {
            Some(y) => y.totals.add(l),
            None => {
                let mut t = Totals::default();
                t.add(l);
                by_year.push(YearTotals { year, totals: t });
            }
        }
    }
    let this_month = format!("{:04}-{:02}", today.year(), today.month());
    Ok(ContractDetail {
        id: r.id,
        person_name: person_name(store, c.person_id)?,
        employer_name: org_name(store, c.employer_id)?,
        user_establishment_names: store.organisation_names(&c.user_establishment_ids)?,
        rule_name: rule.map(|r| r.name.clone()),
        rule_source: rule.map(|r| r.source.clone()),
        covered_hours_centi: rule.map(|r| c.covered_hours(r)),
        lines: lines.into_iter().map(|line| LineView { kept: line.month <= this_month, line }).collect(),
        totals,
        by_year,
        incidents: incident_alerts(store, r.id, c, today)?,
        lines_error,
        data: r.data,
    })
}
