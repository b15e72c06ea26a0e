//! `tremplin cie …`: the CIE / CAE aid from the command line.

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand, ValueEnum};

use tremplin_app::App;
use tremplin_app::commands::cie::{self, SimulateRequest};
use tremplin_domain::money::{euros, parse_euros, parse_hundredths};
use tremplin_domain::parameters::{ContractType, FinancingMode};

#[derive(Subcommand)]
pub enum CieCommand {
    /// Aide d'un mois plein et sa répartition Département / État.
    Simulate(SimulateArgs),
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
    }
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
