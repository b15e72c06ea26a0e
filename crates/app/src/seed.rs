//! The demo seed (`assets/demo/seed.json`) and its word lists, shared by
//! the demo database and the synthetic benchmark generator.

use serde::Deserialize;

pub const SEED_JSON: &str = include_str!("../../../assets/demo/seed.json");

#[derive(Deserialize)]
pub struct Seed {
    pub officers: Vec<SeedOfficer>,
    pub accounts: Vec<SeedAccount>,
    pub groupings: Vec<SeedGrouping>,
    pub partners: Vec<SeedPartner>,
    pub sme_communes: Vec<String>,
    pub sme_trades: Vec<String>,
    pub sme_trade_naf: Vec<String>,
    pub first_names: Vec<String>,
    pub last_names: Vec<String>,
    pub job_titles: Vec<String>,
    pub metiers: Vec<String>,
    pub subjects: std::collections::BTreeMap<String, Vec<String>>,
    pub notes: Vec<String>,
    pub outcomes: Vec<String>,
    pub task_titles: Vec<String>,
}

#[derive(Deserialize)]
pub struct SeedOfficer {
    pub name: String,
    pub email: String,
    pub dt: String,
}

#[derive(Deserialize)]
pub struct SeedAccount {
    pub name: String,
    pub legal_name: String,
    pub kind: String,
    pub siren: String,
    pub naf: String,
    pub commune: String,
    pub owner: usize,
    pub status: String,
    pub tags: Vec<String>,
    pub website: String,
    pub establishments: Vec<SeedEstablishment>,
}

#[derive(Deserialize)]
pub struct SeedEstablishment {
    pub name: String,
    pub commune: String,
    pub naf: String,
    pub headcount: String,
}

#[derive(Deserialize)]
pub struct SeedGrouping {
    pub name: String,
    pub kind: String,
    pub commune: String,
    pub owner: usize,
    pub status: String,
    pub tags: Vec<String>,
    pub naf: String,
}

#[derive(Deserialize)]
pub struct SeedPartner {
    pub name: String,
    #[serde(rename = "type")]
    pub partner_type: String,
    pub commune: String,
}

pub fn load() -> Seed {
    serde_json::from_str(SEED_JSON).expect("assets/demo/seed.json is valid (checked by tests)")
}

#[cfg(test)]
mod tests {
    #[test]
    fn seed_parses_and_lists_line_up() {
        let s = super::load();
        assert_eq!(s.sme_trades.len(), s.sme_trade_naf.len());
        assert!(s.accounts.iter().all(|a| a.owner < s.officers.len()));
        assert!(s.groupings.iter().all(|g| g.owner < s.officers.len()));
    }
}
