//! `tremplin cie …`: the CIE / CAE aid from the command line.

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand, ValueEnum};

use tremplin_app::App;
use tremplin_app::commands::cie::{self, ContractFilter, SimulateRequest, TotalsRequest};
use tremplin_domain::cie::ContractStatus;

use crate::print;
use crate::records::parse_enum;
use tremplin_domain::money::{euros, parse_euros, parse_hundredths};
use tremplin_domain::parameters::{ContractType, FinancingMode};

#[derive(Subcommand)]
pub enum CieCommand {
    /// Aide d'un mois plein et sa répartition Département / État.
    Simulate(SimulateArgs),
    /// Les contrats aidés que vous pouvez voir : une ligne par contrat.
    List {
        /// projet, en_cours, suspendu, rompu, termine
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Aide, part Département et part État : en tout, par année, par direction territoriale, par employeur.
    Totals {
        /// Seulement les mois de cette année.
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Incidents (suspensions, ruptures) à déclarer sous 7 jours francs ; code de sortie 1 s'il y a un retard.
    Alerts {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TypeArg {
    #[value(name = "CIE", alias = "cie")]
    Cie,
    #[value(name = "CAE", alias = "cae")]
    Cae,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ModeArg {
    /// Règle légale : 88 % du RSA (45 % pour un CAE de 7 h), dans la limite de l'aide.
    #[value(name = "A", alias = "a")]
    A,
    /// Part fixe du Département (CAOM) : --dept-share.
    #[value(name = "B", alias = "b")]
    B,
    /// 100 % Département.
    #[value(name = "C", alias = "c")]
    C,
}

#[derive(Args)]
pub struct SimulateArgs {
    #[arg(long = "type", value_enum)]
    pub contract_type: TypeArg,
    #[arg(long, value_enum)]
    pub mode: ModeArg,
    /// Part du Département en % (mode B), ex. 65.
    #[arg(long)]
    pub dept_share: Option<String>,
    /// Taux de prise en charge en % du SMIC, ex. 47.
    #[arg(long)]
    pub rate: String,
    /// Heures hebdomadaires du contrat, ex. 35 ou 17,5.
    #[arg(long)]
    pub hours: String,
    /// Mois, AAAA-MM : les paramètres en vigueur ce mois-là.
    #[arg(long)]
    pub month: String,
    /// SMIC horaire brut en euros, au lieu de celui en vigueur (simulation).
    #[arg(long)]
    pub smic: Option<String>,
    /// RSA personne seule en euros, au lieu de celui en vigueur (simulation).
    #[arg(long)]
    pub rsa: Option<String>,
}

pub fn run(app: &App, cmd: CieCommand) -> Result<()> {
    match cmd {
        CieCommand::Simulate(a) => simulate(app, a),
        CieCommand::List { status, json } => list(app, status.as_deref(), json),
        CieCommand::Totals { year, json } => totals(app, year, json),
        CieCommand::Alerts { json } => alerts(app, json),
    }
}

fn list(app: &App, status_arg: Option<&str>, json: bool) -> Result<()> {
    let filter = ContractFilter {
        status: status_arg
            .map(|s| {
                parse_enum::<ContractStatus>(
                    "Statut (--status : projet, en_cours, suspendu, rompu, termine)",
                    s,
                )
            })
            .transpose()?,
        ..ContractFilter::default()
    };
    let contracts = cie::list(app, filter)?;
    if json {
        return print::json(&contracts);
    }
    if contracts.is_empty() {
        println!("Aucun contrat aidé.");
    }
    for c in &contracts {
        let period = match (c.starts_on, c.aid_ends_on) {
            (Some(a), Some(b)) => format!("{} → {}", print::date(a), print::date(b)),
            _ => String::new(),
        };
        println!(
            "{}  {} {}  {}  {}  {}  {:>12}{}",
            c.id,
            c.contract_type.short(),
            print::cell(&c.person_name, 24),
            print::cell(&c.employer_name, 28),
            period,
            print::cell(c.status.label(), 9),
            euros(c.totals.aid_cents),
            if c.late_incidents > 0 {
                format!("  {} incident(s) en retard", c.late_incidents)
            } else {
                String::new()
            }
        );
    }
    Ok(())
}

fn totals(app: &App, year: Option<i32>, json: bool) -> Result<()> {
    let t = cie::totals(app, TotalsRequest { year })?;
    if json {
        return print::json(&t);
    }
    let line = |label: &str, contracts: Option<u32>, x: &cie::Totals| {
        println!(
            "{}  {:>5}  {:>14}  {:>14}  {:>14}",
            print::cell(label, 34),
            contracts.map(|n| n.to_string()).unwrap_or_default(),
            euros(x.aid_cents),
            euros(x.dept_cents),
            euros(x.state_cents)
        );
    };
    println!(
        "{}  {:>5}  {:>14}  {:>14}  {:>14}",
        print::cell("", 34),
        "contr.",
        "aide",
        "Département",
        "État"
    );
    line("Total", None, &t.all);
    for (title, rows) in [
        ("Par année", &t.by_year),
        ("Par direction territoriale", &t.by_dt),
        ("Par employeur", &t.by_employer),
    ] {
        println!("{title}");
        for r in rows {
            line(&format!("  {}", r.label), Some(r.contracts), &r.totals);
        }
    }
    Ok(())
}

fn alerts(app: &App, json: bool) -> Result<()> {
    let alerts = cie::alerts(app)?;
    if json {
        print::json(&alerts)?;
    } else if alerts.is_empty() {
        println!("Aucun incident à déclarer.");
    }
    if !json {
        for a in &alerts {
            println!(
                "{}  {} du {} — à déclarer au plus tard le {}{} — {} ({})",
                if a.overdue { "EN RETARD" } else { "à faire  " },
                a.kind.label(),
                print::date(a.occurred_on),
                print::date(a.deadline),
                a.declared_on.map(|d| format!(", déclaré le {}", print::date(d))).unwrap_or_default(),
                a.person_name,
                a.employer_name
            );
        }
    }
    let late = alerts.iter().filter(|a| a.overdue).count();
    if late > 0 {
        // A script watching the deadlines learns it from the exit code.
        return Err(anyhow!("{late} incident(s) déclaré(s) hors délai ou non déclaré(s) à temps."));
    }
    Ok(())
}

fn simulate(app: &App, a: SimulateArgs) -> Result<()> {
    let pct = |raw: &str, label: &str| -> Result<u32> {
        let v = parse_hundredths(raw, "rate", label, "pourcentage", "47")?;
        u32::try_from(v).map_err(|_| anyhow!("{label} : trop grand."))
    };
    let req = SimulateRequest {
        contract_type: match a.contract_type {
            TypeArg::Cie => ContractType::Cie,
            TypeArg::Cae => ContractType::Cae,
        },
        mode: match a.mode {
            ModeArg::A => FinancingMode::A,
            ModeArg::B => FinancingMode::B,
            ModeArg::C => FinancingMode::C,
        },
        dept_share_bp: a.dept_share.as_deref().map(|s| pct(s, "--dept-share")).transpose()?,
        rate_bp: pct(&a.rate, "--rate")?,
        hours_centi: u32::try_from(parse_hundredths(&a.hours, "hours", "--hours", "nombre d'heures", "35")?)?,
        month: a.month,
        smic_cents: a.smic.as_deref().map(|s| parse_euros(s, "smic", "--smic")).transpose()?,
        rsa_cents: a.rsa.as_deref().map(|s| parse_euros(s, "rsa", "--rsa")).transpose()?,
    };
    let s = cie::simulate(app, req)?;
    println!("aide               {:>12}", euros(s.aid_cents));
    println!("part Département   {:>12}", euros(s.dept_cents));
    println!("part État          {:>12}", euros(s.state_cents));
    eprintln!(
        "(SMIC horaire {}, RSA personne seule {}, {} h prises en charge{})",
        euros(s.smic_cents),
        euros(s.rsa_cents),
        tremplin_domain::parameters::pct(s.covered_hours_centi),
        s.financing_source.map(|f| format!(" ; {f}")).unwrap_or_default()
    );
    Ok(())
}
