//! Dated parameters of the aid (docs/domain/aided-contracts.md « SMIC hourly », « RSA personne seule », « Dated parameters »): the gross hourly
//! SMIC and the RSA for a person alone with their effective dates, and the
//! aid rules of the regional arrêté or the CAOM. They are data: shipped as
//! reference files, corrected or extended by an administrator. A correction
//! is a new row that replaces the earlier one (kept, for the history).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::aid::{BasisPoints, Financing};
use crate::error::{ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, Synced, one, parse, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ParameterKind {
    /// SMIC horaire brut (métropole).
    #[default]
    SmicHoraire,
    /// RSA montant forfaitaire, foyer d'une personne seule (métropole).
    RsaPersonneSeule,
}

impl ParameterKind {
    pub const ALL: [Self; 2] = [Self::SmicHoraire, Self::RsaPersonneSeule];

    pub fn label(self) -> &'static str {
        match self {
            Self::SmicHoraire => "SMIC horaire brut",
            Self::RsaPersonneSeule => "RSA, personne seule",
        }
    }
}

/// One amount from a date on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AidParameter {
    pub kind: ParameterKind,
    #[ts(type = "string | null")]
    pub effective_from: Option<NaiveDate>,
    pub amount_cents: i64,
    /// Décret or other source.
    pub source: Option<String>,
    /// The row this one corrects.
    pub replaces_id: Option<RowId>,
    /// A retroactive revaluation (a décret published after the day it takes
    /// effect): the administrator asks for the months already begun from
    /// `effective_from` on to be computed again, old and new amounts kept.
    pub recompute_begun: bool,
}

impl AidParameter {
    pub fn validated(self) -> ValidationResult<Self> {
        if self.effective_from.is_none() {
            return Err(ValidationError::new(
                "required",
                "effective_from",
                "Date d'effet : indiquez à partir de quand ce montant s'applique.",
            ));
        }
        let (min, max) = match self.kind {
            ParameterKind::SmicHoraire => (500, 5_000),
            ParameterKind::RsaPersonneSeule => (20_000, 200_000),
        };
        if !(min..=max).contains(&self.amount_cents) {
            return Err(ValidationError::new(
                "out_of_range",
                "amount_cents",
                format!(
                    "Montant : {} entre {} et {} € attendu.",
                    self.kind.label(),
                    crate::money::euros(min),
                    crate::money::euros(max)
                ),
            ));
        }
        Ok(Self { source: optional_text(self.source.as_deref(), "source", "Source", 200)?, ..self })
    }
}

/// CIE (market sector) or CAE (non-market sector).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    #[default]
    Cie,
    Cae,
}

impl ContractType {
    pub fn label(self) -> &'static str {
        match self {
            Self::Cie => "CUI-CIE (secteur marchand)",
            Self::Cae => "CUI-CAE / PEC (secteur non marchand)",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Self::Cie => "CIE",
            Self::Cae => "CAE",
        }
    }

    /// The statutory ceiling of the rate, in % of the SMIC: L5134-72-1
    /// (CIE, 47 %) and L5134-30-1 (CAE, 95 %). The law, not a yearly
    /// parameter: the arrêtés set rates under it.
    pub fn legal_max_rate_bp(self) -> BasisPoints {
        match self {
            Self::Cie => 4_700,
            Self::Cae => 9_500,
        }
    }

    pub fn rate_article(self) -> &'static str {
        match self {
            Self::Cie => "L5134-72-1",
            Self::Cae => "L5134-30-1",
        }
    }

    /// A coverage rate above 0 and within the statutory ceiling.
    pub fn check_rate(self, rate_bp: BasisPoints) -> ValidationResult<()> {
        let max = self.legal_max_rate_bp();
        if rate_bp == 0 || rate_bp > max {
            return Err(ValidationError::new(
                "rate_above_legal_max",
                "rate_bp",
                format!(
                    "Taux : {} % du SMIC au plus pour un {} ({}).",
                    pct(max),
                    self.short(),
                    self.rate_article()
                ),
            ));
        }
        Ok(())
    }
}

/// How the rule's aid is co-financed (stored flat; see [`Financing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FinancingMode {
    /// Legal 88 % rule (D5134-64 / D5134-41).
    #[default]
    A,
    /// Fixed Département share (CAOM).
    B,
    /// 100 % Département.
    C,
}

/// An aid rule: the rate, hours and durations an arrêté or a CAOM sets for a
/// contract type, over a period, and who pays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AidRule {
    pub name: String,
    /// "Arrêté préfectoral R32-2021-199 quater", "CAOM 2026"…
    pub source: String,
    pub contract_type: ContractType,
    #[ts(type = "string | null")]
    pub valid_from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub valid_to: Option<NaiveDate>,
    /// Coverage rate, in basis points of the SMIC (4 700 = 47 %).
    pub rate_bp: BasisPoints,
    /// Weekly hours the aid covers at most, in hundredths.
    pub hours_cap_centi: Option<u32>,
    /// Initial aid duration at most, for a CDD and for a CDI.
    pub max_months_cdd: Option<u32>,
    pub max_months_cdi: Option<u32>,
    pub financing_mode: FinancingMode,
    /// Mode A: share of the RSA (8 800), and for a 7 h/week CAE (4 500).
    pub rsa_share_bp: Option<BasisPoints>,
    pub rsa_share_7h_bp: Option<BasisPoints>,
    /// Mode A: the State's rate when the Département pays a higher one.
    pub base_rate_bp: Option<BasisPoints>,
    /// Mode B: the Département's share of the aid.
    pub dept_share_bp: Option<BasisPoints>,
    pub replaces_id: Option<RowId>,
}

impl AidRule {
    pub fn validated(self) -> ValidationResult<Self> {
        let name = required_text(&self.name, "name", "Intitulé", 160)?;
        let source = required_text(&self.source, "source", "Source (arrêté, CAOM)", 200)?;
        let Some(from) = self.valid_from else {
            return Err(ValidationError::new("required", "valid_from", "Applicable du : date obligatoire."));
        };
        if self.valid_to.is_some_and(|to| to < from) {
            return Err(ValidationError::new(
                "date_order",
                "valid_to",
                "Applicable jusqu'au : la date de fin précède la date de début.",
            ));
        }
        self.contract_type.check_rate(self.rate_bp)?;
        if self.hours_cap_centi.is_some_and(|h| h == 0 || h > 3_500) {
            return Err(ValidationError::new(
                "out_of_range",
                "hours_cap_centi",
                "Heures prises en charge : entre 0 et 35 h par semaine (durée légale).",
            ));
        }
        for (v, field) in [(self.max_months_cdd, "max_months_cdd"), (self.max_months_cdi, "max_months_cdi")] {
            if v.is_some_and(|m| m == 0 || m > 60) {
                return Err(ValidationError::new(
                    "out_of_range",
                    field,
                    "Durée maximale : entre 1 et 60 mois.",
                ));
            }
        }
        for (share, field, label) in [
            (self.rsa_share_bp, "rsa_share_bp", "Part du RSA"),
            (self.rsa_share_7h_bp, "rsa_share_7h_bp", "Part du RSA pour un CAE de 7 h"),
            (self.dept_share_bp, "dept_share_bp", "Part du Département"),
        ] {
            if share.is_some_and(|v| v > 10_000) {
                return Err(ValidationError::new("out_of_range", field, format!("{label} : 100 % au plus.")));
            }
        }
        match self.financing_mode {
            FinancingMode::A if self.rsa_share_bp.is_none() => {
                return Err(ValidationError::new(
                    "required",
                    "rsa_share_bp",
                    "Part du RSA : le mode A (règle légale) en a besoin (88 %, D5134-64).",
                ));
            }
            FinancingMode::B if self.dept_share_bp.is_none() => {
                return Err(ValidationError::new(
                    "required",
                    "dept_share_bp",
                    "Part du Département : le mode B (part fixe de la CAOM) en a besoin.",
                ));
            }
            _ => {}
        }
        if self.base_rate_bp.is_some_and(|b| b > self.rate_bp) {
            return Err(ValidationError::new(
                "out_of_range",
                "base_rate_bp",
                "Taux de l'État : il ne peut dépasser le taux de la règle (la majoration est départementale).",
            ));
        }
        Ok(Self { name, source, valid_from: Some(from), ..self })
    }

    pub fn applies_on(&self, day: NaiveDate) -> bool {
        self.valid_from.is_some_and(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }

    /// The financing of a contract covering `weekly_hours_centi` a week.
    pub fn financing(&self, weekly_hours_centi: u32) -> Financing {
        match self.financing_mode {
            FinancingMode::A => {
                let seven_hours_cae = self.contract_type == ContractType::Cae && weekly_hours_centi == 700;
                let share = match (seven_hours_cae, self.rsa_share_7h_bp) {
                    (true, Some(s)) => s,
                    _ => self.rsa_share_bp.unwrap_or(0),
                };
                Financing::A { rsa_share_bp: share, base_rate_bp: self.base_rate_bp }
            }
            FinancingMode::B => Financing::B { dept_share_bp: self.dept_share_bp.unwrap_or(0) },
            FinancingMode::C => Financing::C,
        }
    }
}

/// "47" or "47,5" for basis points.
pub fn pct(bp: BasisPoints) -> String {
    if bp.is_multiple_of(100) {
        format!("{}", bp / 100)
    } else {
        format!("{},{:02}", bp / 100, bp % 100).trim_end_matches('0').to_string()
    }
}

/// The amounts of one kind in force over time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatedAmounts(Vec<(NaiveDate, i64)>);

impl DatedAmounts {
    pub fn new(mut amounts: Vec<(NaiveDate, i64)>) -> Self {
        amounts.sort_by_key(|(d, _)| *d);
        amounts.dedup_by_key(|(d, _)| *d);
        Self(amounts)
    }

    /// The amount in force on `day`, if one had taken effect.
    pub fn on(&self, day: NaiveDate) -> Option<i64> {
        let i = self.0.partition_point(|(d, _)| *d <= day);
        i.checked_sub(1).map(|i| self.0[i].1)
    }

    /// Effective dates after `from` and up to `to` (changes within a month).
    pub fn changes_within(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
        self.0.iter().map(|(d, _)| *d).filter(move |d| *d > from && *d <= to)
    }

    pub fn entries(&self) -> &[(NaiveDate, i64)] {
        &self.0
    }
}

impl Synced for AidParameter {
    const DEF: EntityDef = EntityDef {
        references: &[one("replaces_id", "aid_parameter")],
        ..EntityDef::new(
            "aid_parameter",
            &[
                text("kind"),
                text("effective_from"),
                text("amount_cents"),
                text("source"),
                text("replaces_id"),
                crate::synced::flag("recompute_begun"),
            ],
            |d, _| parse::<AidParameter>(d)?.validated().map(drop),
        )
    };
}

impl Synced for AidRule {
    const DEF: EntityDef = EntityDef {
        references: &[one("replaces_id", "aid_rule")],
        ..EntityDef::new(
            "aid_rule",
            &[
                text("name"),
                text("source"),
                text("contract_type"),
                text("valid_from"),
                text("valid_to"),
                text("rate_bp"),
                text("hours_cap_centi"),
                text("max_months_cdd"),
                text("max_months_cdi"),
                text("financing_mode"),
                text("rsa_share_bp"),
                text("rsa_share_7h_bp"),
                text("base_rate_bp"),
                text("dept_share_bp"),
                text("replaces_id"),
            ],
            |d, _| parse::<AidRule>(d)?.validated().map(drop),
        )
    };
}

/// The dated parameters and rules shipped with Tremplin
/// (`assets/reference/aid_parameters.json`): fixed ids, so corrections and
/// contracts can name them on every device and on the server.
pub mod shipped {
    use serde::Deserialize;

    use super::{AidParameter, AidRule};
    use crate::ids::RowId;

    const JSON: &str = include_str!("../../../assets/reference/aid_parameters.json");

    #[derive(Deserialize)]
    pub struct Shipped<T> {
        pub id: RowId,
        #[serde(flatten)]
        pub data: T,
    }

    #[derive(Deserialize)]
    pub struct ShippedFile {
        pub parameters: Vec<Shipped<AidParameter>>,
        pub rules: Vec<Shipped<AidRule>>,
    }

    pub fn file() -> ShippedFile {
        serde_json::from_str(JSON).expect("assets/reference/aid_parameters.json is valid")
    }
}

/// The aid's tables in force: the shipped rows, then the administrators'
/// in the order entered. A correction names the row it replaces; the
/// replaced row stays, for the history, but no longer counts. The same
/// book on every device and on the server, so a contract's months compute
/// alike everywhere.
pub mod book {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;

    use super::{AidParameter, AidRule, DatedAmounts, ParameterKind, shipped};
    use crate::ids::RowId;

    /// A row of the book.
    #[derive(Debug, Clone)]
    pub struct Entry<T> {
        pub id: RowId,
        pub data: T,
        /// Shipped with the application (not an administrator's row).
        pub shipped: bool,
        /// The correction that replaced it, if any.
        pub replaced_by: Option<RowId>,
    }

    #[derive(Debug, Clone)]
    pub struct AidBook {
        pub smic: DatedAmounts,
        pub rsa: DatedAmounts,
        pub parameters: Vec<Entry<AidParameter>>,
        pub rules: Vec<Entry<AidRule>>,
    }

    fn entries<T>(
        shipped: Vec<shipped::Shipped<T>>,
        entered: Vec<(RowId, T)>,
        replaces: impl Fn(&T) -> Option<RowId>,
    ) -> Vec<Entry<T>> {
        let shipped =
            shipped.into_iter().map(|s| Entry { id: s.id, data: s.data, shipped: true, replaced_by: None });
        let entered =
            entered.into_iter().map(|(id, data)| Entry { id, data, shipped: false, replaced_by: None });
        let mut rows: Vec<Entry<T>> = shipped.chain(entered).collect();
        let pairs: Vec<(RowId, RowId)> =
            rows.iter().filter_map(|r| Some((replaces(&r.data)?, r.id))).collect();
        for (old, new) in pairs {
            if let Some(r) = rows.iter_mut().find(|r| r.id == old) {
                r.replaced_by = Some(new);
            }
        }
        rows
    }

    impl AidBook {
        /// The shipped rows with the administrators' on top (each list in the
        /// order entered).
        pub fn new(
            entered_parameters: Vec<(RowId, AidParameter)>,
            entered_rules: Vec<(RowId, AidRule)>,
        ) -> Self {
            let file = shipped::file();
            let parameters = entries(file.parameters, entered_parameters, |p| p.replaces_id);
            let rules = entries(file.rules, entered_rules, |r| r.replaces_id);
            let table = |kind: ParameterKind| {
                // Later rows (an administrator's) win for the same date.
                let mut by_date: BTreeMap<NaiveDate, i64> = BTreeMap::new();
                for p in parameters.iter().filter(|p| p.replaced_by.is_none() && p.data.kind == kind) {
                    if let Some(d) = p.data.effective_from {
                        by_date.insert(d, p.data.amount_cents);
                    }
                }
                DatedAmounts::new(by_date.into_iter().collect())
            };
            Self {
                smic: table(ParameterKind::SmicHoraire),
                rsa: table(ParameterKind::RsaPersonneSeule),
                parameters,
                rules,
            }
        }

        /// The rule `id` if in force (not replaced).
        pub fn rule(&self, id: RowId) -> Option<&AidRule> {
            self.rules.iter().find(|r| r.id == id && r.replaced_by.is_none()).map(|r| &r.data)
        }

        /// The rule a contract names, even a replaced one: its latest
        /// correction.
        pub fn any_rule(&self, id: RowId) -> Option<&AidRule> {
            let mut current = id;
            for _ in 0..self.rules.len() {
                let r = self.rules.iter().find(|r| r.id == current)?;
                match r.replaced_by {
                    Some(next) => current = next,
                    None => return Some(&r.data),
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_amount_in_force_follows_effective_dates() {
        let rsa = DatedAmounts::new(vec![(d("2026-04-01"), 65_233), (d("2025-04-01"), 64_652)]);
        assert_eq!(rsa.on(d("2025-03-31")), None);
        assert_eq!(rsa.on(d("2026-03-31")), Some(64_652));
        assert_eq!(rsa.on(d("2026-04-01")), Some(65_233));
        assert_eq!(
            rsa.changes_within(d("2026-03-01"), d("2026-04-30")).collect::<Vec<_>>(),
            vec![d("2026-04-01")]
        );
    }

    #[test]
    fn a_rule_respects_the_legal_ceiling_and_its_mode() {
        let rule = AidRule {
            name: "CIE BRSA".into(),
            source: "CAOM 2026".into(),
            valid_from: Some(d("2026-01-01")),
            rate_bp: 4_800,
            financing_mode: FinancingMode::C,
            ..AidRule::default()
        };
        let e = rule.clone().validated().unwrap_err();
        assert_eq!((e.code, e.field), ("rate_above_legal_max", "rate_bp"));
        assert!(e.message.contains("47 %") && e.message.contains("L5134-72-1"), "{}", e.message);
        let cae = AidRule { contract_type: ContractType::Cae, ..rule.clone() };
        assert!(cae.validated().is_ok(), "48 % is within the CAE's 95 %");
        let a = AidRule { rate_bp: 4_700, financing_mode: FinancingMode::A, ..rule.clone() };
        assert_eq!(a.clone().validated().unwrap_err().field, "rsa_share_bp");
        let b = AidRule { rate_bp: 4_700, financing_mode: FinancingMode::B, ..rule };
        assert_eq!(b.validated().unwrap_err().field, "dept_share_bp");
        let a = AidRule { rsa_share_bp: Some(8_800), rsa_share_7h_bp: Some(4_500), ..a };
        assert_eq!(a.financing(3_500), Financing::A { rsa_share_bp: 8_800, base_rate_bp: None });
        let cae7 = AidRule { contract_type: ContractType::Cae, ..a };
        assert_eq!(cae7.financing(700), Financing::A { rsa_share_bp: 4_500, base_rate_bp: None });
        // A share above 100 % is the fault of that share's field, not the mode's.
        let over = AidRule { rsa_share_7h_bp: Some(10_001), ..cae7 };
        let e = over.validated().unwrap_err();
        assert_eq!((e.code, e.field), ("out_of_range", "rsa_share_7h_bp"), "{}", e.message);
    }

    #[test]
    fn parameters_stay_within_plausible_amounts() {
        let p =
            AidParameter { effective_from: Some(d("2026-01-01")), amount_cents: 1_202, ..Default::default() };
        assert!(p.clone().validated().is_ok());
        let e = AidParameter { amount_cents: 120_200, ..p.clone() }.validated().unwrap_err();
        assert_eq!(e.field, "amount_cents");
        let e = AidParameter { effective_from: None, ..p }.validated().unwrap_err();
        assert_eq!(e.field, "effective_from");
    }

    #[test]
    fn every_shipped_rule_computes_from_its_first_day() {
        use crate::cie::{AidedContract, ContractStatus, Employment};
        let book = book::AidBook::new(Vec::new(), Vec::new());
        for r in &book.rules {
            let start = r.data.valid_from.unwrap();
            let start = start.max(d("2021-04-01"));
            let c = AidedContract {
                contract_type: r.data.contract_type,
                employment: Employment::Cdd,
                starts_on: Some(start),
                aid_ends_on: Some(crate::cie::period_end(start, 6)),
                contract_hours_centi: 3_500,
                rate_bp: r.data.rate_bp,
                status: ContractStatus::Projet,
                ..AidedContract::default()
            };
            let lines = c.aid_lines(&r.data, &book.smic, &book.rsa);
            assert!(lines.is_ok_and(|l| l.len() >= 6), "{} from {start}", r.data.name);
        }
        // The Hauts-de-France 2021 rule (mode C, 30 h): June 2021 at 10,25 €,
        // October 2021 at 10,48 €: 0,47 × SMIC × 130 h.
        let rule = book.rules.iter().find(|r| r.data.name.contains("2021")).unwrap();
        let c = AidedContract {
            starts_on: Some(d("2021-06-01")),
            aid_ends_on: Some(d("2021-11-30")),
            contract_hours_centi: 3_500,
            rate_bp: 4_700,
            ..AidedContract::default()
        };
        let lines = c.aid_lines(&rule.data, &book.smic, &book.rsa).unwrap();
        assert_eq!(
            (lines[0].month.as_str(), lines[0].aid_cents, lines[0].state_cents),
            ("2021-06", 62_628, 0)
        );
        assert_eq!((lines[4].month.as_str(), lines[4].dept_cents), ("2021-10", 64_033));
    }

    #[test]
    fn every_shipped_amount_cites_its_text() {
        for p in shipped::file().parameters {
            let s = p.data.source.unwrap_or_default();
            assert!(
                s.contains("Décret") || s.contains("Arrêté") || s.contains("Loi") || s.contains("L161-25"),
                "{s}"
            );
        }
        let book = book::AidBook::new(Vec::new(), Vec::new());
        assert_eq!(book.smic.on(d("2021-01-01")), Some(1_025));
        assert_eq!(book.rsa.on(d("2021-04-01")), Some(56_534));
    }
}
