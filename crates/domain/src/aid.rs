//! The monthly CIE / CAE aid and its split between the Département and the
//! State (docs/domain/aided-contracts.md « Financing modes », « Aid computation »), in integer cents with half-up rounding per
//! month. Parameters (SMIC, RSA, rates, hours) are the caller's data, taken
//! from the tables in force that month; nothing dated lives here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A rate in basis points: 4 700 = 47 %.
pub type BasisPoints = u32;

/// How the aid is co-financed (docs/domain/aided-contracts.md « Financing modes »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Financing {
    /// Legal co-funding: the Département pays up to a share of the RSA for
    /// a person alone (88 %, or 45 % for a 7 h/week CAE), plus any
    /// majoration of the State's rate.
    A {
        /// Share of the RSA, e.g. 8 800.
        rsa_share_bp: BasisPoints,
        /// The rate the State's arrêté sets, when the Département pays a
        /// higher one (the difference is entirely the Département's).
        base_rate_bp: Option<BasisPoints>,
    },
    /// A fixed Département share from the CAOM (e.g. Nord 2022: 65 %).
    B { dept_share_bp: BasisPoints },
    /// The Département pays all of it.
    C,
}

/// One month's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthParams {
    /// Gross hourly SMIC in force that month, in cents (12,02 € = 1 202).
    pub smic_hourly_cents: i64,
    /// RSA montant forfaitaire, person alone, in force that month, in cents.
    pub rsa_alone_cents: i64,
    /// Coverage rate, in % of the SMIC.
    pub rate_bp: BasisPoints,
    /// Weekly hours covered, in hundredths (35 h = 3 500): the contract's,
    /// capped by the arrêté and by 35 h.
    pub weekly_hours_centi: u32,
}

/// The aid of one month and its split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AidSplit {
    pub aid_cents: i64,
    pub dept_cents: i64,
    pub state_cents: i64,
}

/// Weekly hours the aid covers: the contract's, within the cap and 35 h.
pub fn covered_hours(contract_centi: u32, cap_centi: Option<u32>) -> u32 {
    contract_centi.min(cap_centi.unwrap_or(u32::MAX)).min(3_500)
}

/// `num / den` rounded half-up (both positive).
fn round_half_up(num: i128, den: i128) -> i64 {
    ((2 * num + den) / (2 * den)) as i64
}

/// One day of a month: the SMIC and RSA in force that day, and the share of
/// the aid due for it (10 000 = full; 0 outside the aid or in an unpaid
/// suspension; the share of pay kept in a paid one: R5134-67).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub smic_hourly_cents: i64,
    pub rsa_alone_cents: i64,
    pub due_bp: u32,
}

/// rate × SMIC_h × H_week × 52 / 12 × Σ(day's SMIC × due share) / days, in
/// cents: the month's aid, pro rata of its days.
fn monthly_aid(days: &[Day], rate_bp: BasisPoints, weekly_hours_centi: u32) -> i64 {
    let weighted: i128 = days.iter().map(|d| i128::from(d.smic_hourly_cents) * i128::from(d.due_bp)).sum();
    let num = i128::from(rate_bp) * i128::from(weekly_hours_centi) * 52 * weighted;
    round_half_up(num, 10_000 * 100 * 12 * 10_000 * days.len().max(1) as i128)
}

/// A month's aid and who pays what, day by day: a SMIC or RSA revaluation
/// within the month counts from its day, and the aid is pro rata of the
/// days due. The Département's mode-A participation (a monthly amount, 88 %
/// of the month's RSA, D5134-64) is pro rata of the same days due, and
/// limited by the aid actually paid.
pub fn split_days(
    days: &[Day],
    rate_bp: BasisPoints,
    weekly_hours_centi: u32,
    financing: Financing,
) -> AidSplit {
    let aid = monthly_aid(days, rate_bp, weekly_hours_centi);
    let dept = match financing {
        Financing::A { rsa_share_bp, base_rate_bp } => {
            let base = match base_rate_bp {
                Some(b) if b < rate_bp => monthly_aid(days, b, weekly_hours_centi),
                _ => aid,
            };
            // The monthly participation follows the days due, as the aid
            // does (docs/domain/aided-contracts.md « Partial months »): a
            // half month due caps it at half the 88 %.
            let rsa: i128 = days.iter().map(|d| i128::from(d.rsa_alone_cents) * i128::from(d.due_bp)).sum();
            let cap =
                round_half_up(i128::from(rsa_share_bp) * rsa, 10_000 * 10_000 * days.len().max(1) as i128);
            cap.min(base) + (aid - base)
        }
        Financing::B { dept_share_bp } => round_half_up(i128::from(dept_share_bp) * i128::from(aid), 10_000),
        Financing::C => aid,
    };
    AidSplit { aid_cents: aid, dept_cents: dept, state_cents: aid - dept }
}

/// The month's aid and who pays what, for a full month at constant
/// parameters (the simulator's question).
pub fn split(p: &MonthParams, financing: Financing) -> AidSplit {
    let day =
        Day { smic_hourly_cents: p.smic_hourly_cents, rsa_alone_cents: p.rsa_alone_cents, due_bp: 10_000 };
    split_days(&[day; 30], p.rate_bp, p.weekly_hours_centi, financing)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEGAL: Financing = Financing::A { rsa_share_bp: 8_800, base_rate_bp: None };

    fn may_2026(hours: u32) -> MonthParams {
        // docs/domain/aided-contracts.md « Worked examples »: SMIC 12,02 € (1 Jan 2026), RSA 652,33 € (1 Apr 2026).
        MonthParams {
            smic_hourly_cents: 1_202,
            rsa_alone_cents: 65_233,
            rate_bp: 4_700,
            weekly_hours_centi: hours,
        }
    }

    #[test]
    fn worked_examples_come_out_to_the_cent() {
        // Example 1: 35 h, mode A.
        assert_eq!(
            split(&may_2026(3_500), LEGAL),
            AidSplit { aid_cents: 85_683, dept_cents: 57_405, state_cents: 28_278 }
        );
        // Example 2: 30 h.
        assert_eq!(
            split(&may_2026(3_000), LEGAL),
            AidSplit { aid_cents: 73_442, dept_cents: 57_405, state_cents: 16_037 }
        );
        // Example 3: 20 h, the 88 % is capped at the aid.
        assert_eq!(
            split(&may_2026(2_000), LEGAL),
            AidSplit { aid_cents: 48_961, dept_cents: 48_961, state_cents: 0 }
        );
        // Example 4: mode C, 30 h, twelve months.
        let c = split(&may_2026(3_000), Financing::C);
        assert_eq!((c.dept_cents, c.state_cents, 12 * c.dept_cents), (73_442, 0, 881_304));
    }

    #[test]
    fn the_2022_cross_check_and_the_rsa_shares() {
        // Mode B, 65 % of 773,42 €.
        let aid = 77_342;
        let b = round_half_up(6_500 * i128::from(aid), 10_000);
        assert_eq!((b, aid - b), (50_272, 27_070));
        // 0,88 and 0,45 of the RSA amounts (docs/domain/aided-contracts.md « Useful constants »).
        for (rsa, share88, share45) in [
            (60_775, 53_482, 27_349),
            (63_571, 55_942, 28_607),
            (64_652, 56_894, 29_093),
            (65_233, 57_405, 29_355),
        ] {
            assert_eq!(round_half_up(8_800 * rsa, 10_000), share88);
            assert_eq!(round_half_up(4_500 * rsa, 10_000), share45);
        }
        // Mode A in July 2022 (RSA 598,54 €) would have given 526,72 €.
        assert_eq!(round_half_up(8_800 * 59_854, 10_000), 52_672);
    }

    #[test]
    fn a_departmental_majoration_is_the_departments_and_hours_are_capped() {
        // The State's arrêté says 40 %, the Département pays 47 %: the 7 points are its own.
        let p = may_2026(3_500);
        let with_maj = split(&p, Financing::A { rsa_share_bp: 8_800, base_rate_bp: Some(4_000) });
        let base = split(&MonthParams { rate_bp: 4_000, ..p }, Financing::C).aid_cents;
        assert_eq!(with_maj.aid_cents, 85_683);
        assert_eq!(with_maj.dept_cents, 57_405.min(base) + (85_683 - base));
        assert_eq!(with_maj.state_cents, 85_683 - with_maj.dept_cents);
        assert_eq!(covered_hours(3_900, None), 3_500);
        assert_eq!(covered_hours(3_500, Some(3_000)), 3_000);
        assert_eq!(covered_hours(2_000, Some(3_000)), 2_000);
    }

    #[test]
    fn a_month_is_counted_day_by_day() {
        let day = |smic, rsa, due_bp| Day { smic_hourly_cents: smic, rsa_alone_cents: rsa, due_bp };
        // April 2026 in full (30 days, RSA revalued on the 1st): example 1.
        let april = vec![day(1_202, 65_233, 10_000); 30];
        assert_eq!(split_days(&april, 4_700, 3_500, LEGAL).aid_cents, 85_683);
        // Half the month due (an unpaid suspension from the 16th): half the aid.
        let mut half = april.clone();
        for d in &mut half[15..] {
            d.due_bp = 0;
        }
        let s = split_days(&half, 4_700, 3_500, LEGAL);
        // 856,8257 € / 2 = 428,41 €.
        assert_eq!(s.aid_cents, 42_841);
        // The participation follows the same half: 574,05 € / 2 = 287,03 €,
        // and the State pays the rest, as in a full month.
        assert_eq!((s.dept_cents, s.state_cents), (28_703, 42_841 - 28_703));
        // A first month begun on the 21st (10 days of 30).
        let mut first = april.clone();
        for d in &mut first[..20] {
            d.due_bp = 0;
        }
        let s = split_days(&first, 4_700, 3_500, LEGAL);
        assert_eq!((s.aid_cents, s.dept_cents), (28_561, 19_135));
        assert!(s.state_cents > 0, "the State pays its share in a partial month too");
        // A paid suspension keeping 60 % of the pay: 60 % of each.
        let mut paid = april.clone();
        for d in &mut paid {
            d.due_bp = 6_000;
        }
        let s = split_days(&paid, 4_700, 3_500, LEGAL);
        assert_eq!((s.aid_cents, s.dept_cents), (51_410, 34_443));
        // A revaluation on the 16th of a 30-day month: half the days at each amount.
        let mut mixed = vec![day(1_188, 64_652, 10_000); 15];
        mixed.extend(vec![day(1_202, 65_233, 10_000); 15]);
        let s = split_days(&mixed, 4_700, 3_500, LEGAL);
        let expected = (4_700_i128 * 3_500 * 52 * (1_188 + 1_202) * 15 * 10_000 * 2
            + 10_000 * 100 * 12 * 10_000 * 30)
            / (2 * 10_000 * 100 * 12 * 10_000 * 30);
        assert_eq!(s.aid_cents as i128, expected);
        assert_eq!(s.dept_cents, (8_800 * (64_652 + 65_233) + 10_000) / (2 * 10_000));
    }
}
