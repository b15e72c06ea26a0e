use super::*;
use crate::parameters::FinancingMode;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The SMIC and RSA tables of docs/domain/aided-contracts.md, as far as the examples need.
fn smic() -> DatedAmounts {
    DatedAmounts::new(vec![(d("2024-11-01"), 1_188), (d("2026-01-01"), 1_202)])
}

fn rsa() -> DatedAmounts {
    DatedAmounts::new(vec![(d("2025-04-01"), 64_652), (d("2026-04-01"), 65_233)])
}

fn legal_rule() -> AidRule {
    AidRule {
        name: "Règle légale CIE".into(),
        source: "D5134-64".into(),
        contract_type: ContractType::Cie,
        valid_from: Some(d("2018-01-01")),
        rate_bp: 4_700,
        financing_mode: FinancingMode::A,
        rsa_share_bp: Some(8_800),
        rsa_share_7h_bp: Some(4_500),
        ..AidRule::default()
    }
}

/// A CIE CDD in 2026, 35 h at 47 %.
fn contract() -> AidedContract {
    AidedContract {
        employer_id: crate::new_row_id(),
        person_id: crate::new_row_id(),
        rome_code: "k2204".into(),
        job_title: "Agent d'entretien".into(),
        employment: Employment::Cdd,
        starts_on: Some(d("2026-01-01")),
        ends_on: Some(d("2026-12-31")),
        aid_ends_on: Some(d("2026-12-31")),
        contract_hours_centi: 3_500,
        rate_bp: 4_700,
        tutor_name: Some("Marc Lefebvre".into()),
        tutor_experienced: true,
        status: ContractStatus::EnCours,
        aid_decided_on: Some(d("2025-12-15")),
        decision_reference: Some("CIE-59-2026-0042".into()),
        employer_attestations: attested(),
        ..AidedContract::default()
    }
}

fn attested() -> EmployerAttestations {
    EmployerAttestations {
        no_economic_dismissal: true,
        not_replacing_dismissed: true,
        contributions_paid: true,
    }
}

fn refused(c: AidedContract) -> (&'static str, &'static str, String) {
    let e = c.check().unwrap_err();
    (e.code, e.field, e.message)
}

#[test]
fn monthly_lines_reproduce_the_worked_examples_across_the_rsa_revaluation() {
    let c = contract().check().unwrap();
    let lines = c.aid_lines(&legal_rule(), &smic(), &rsa()).unwrap();
    assert_eq!(lines.len(), 12);
    let may = &lines[4];
    assert_eq!(may.month, "2026-05");
    // Example 1.
    assert_eq!((may.aid_cents, may.dept_cents, may.state_cents), (85_683, 57_405, 28_278));
    // March is before the 1 April revaluation: 0,88 × 646,52 € = 568,94 €.
    assert_eq!((lines[2].month.as_str(), lines[2].dept_cents), ("2026-03", 56_894));
    assert_eq!((lines[3].month.as_str(), lines[3].dept_cents), ("2026-04", 57_405));
    assert_eq!(lines[3].params.rsa, vec![DatedCents { from: d("2026-04-01"), cents: 65_233 }]);
    // Example 2 and 3: 30 h, 20 h.
    let c30 = AidedContract { contract_hours_centi: 3_000, ..c.clone() };
    let l = &c30.aid_lines(&legal_rule(), &smic(), &rsa()).unwrap()[4];
    assert_eq!((l.aid_cents, l.dept_cents, l.state_cents), (73_442, 57_405, 16_037));
    let c20 = AidedContract { contract_hours_centi: 2_000, ..c.clone() };
    let l = &c20.aid_lines(&legal_rule(), &smic(), &rsa()).unwrap()[4];
    assert_eq!((l.aid_cents, l.dept_cents, l.state_cents), (48_961, 48_961, 0));
    // Example 4: mode C, 30 h cap of the HdF 2021 arrêté, twelve months.
    let mode_c = AidRule { financing_mode: FinancingMode::C, hours_cap_centi: Some(3_000), ..legal_rule() };
    let lines = c.aid_lines(&mode_c, &smic(), &rsa()).unwrap();
    assert!(lines.iter().all(|l| (l.aid_cents, l.dept_cents, l.state_cents) == (73_442, 73_442, 0)));
    assert_eq!(lines.iter().map(|l| l.dept_cents).sum::<i64>(), 881_304);
    assert_eq!(lines[0].params.weekly_hours_centi, 3_000, "35 h capped at 30 h");
}

#[test]
fn the_2022_mode_b_operation() {
    let smic_2022 = DatedAmounts::new(vec![(d("2022-05-01"), 1_085)]);
    let rsa_2022 = DatedAmounts::new(vec![(d("2022-04-01"), 57_552), (d("2022-07-01"), 59_854)]);
    let rule = AidRule {
        financing_mode: FinancingMode::B,
        dept_share_bp: Some(6_500),
        valid_from: Some(d("2022-01-01")),
        ..legal_rule()
    };
    let c = AidedContract {
        starts_on: Some(d("2022-06-01")),
        aid_decided_on: Some(d("2022-05-20")),
        ends_on: Some(d("2022-11-30")),
        aid_ends_on: Some(d("2022-11-30")),
        ..contract()
    };
    let lines = c.check().unwrap().aid_lines(&rule, &smic_2022, &rsa_2022).unwrap();
    assert!(lines.iter().all(|l| (l.aid_cents, l.dept_cents, l.state_cents) == (77_342, 50_272, 27_070)));
}

#[test]
fn stored_lines_keep_their_parameters_when_the_tables_change() {
    let mut c = contract().check().unwrap();
    let lines = c.aid_lines(&legal_rule(), &smic(), &rsa()).unwrap();
    // Seen on 15 May 2026: January to May are kept.
    c.lines = AidedContract::begun_lines(lines.clone(), d("2026-05-15"));
    assert_eq!(c.lines.len(), 5);
    // An administrator corrects the 2026 SMIC and the 2026 RSA.
    let smic2 = DatedAmounts::new(vec![(d("2024-11-01"), 1_188), (d("2026-01-01"), 1_210)]);
    let rsa2 = DatedAmounts::new(vec![(d("2025-04-01"), 64_652), (d("2026-04-01"), 66_000)]);
    let again = c.aid_lines(&legal_rule(), &smic2, &rsa2).unwrap();
    assert_eq!(again[..5], lines[..5], "months begun keep their amounts");
    assert_ne!(again[5], lines[5], "June on follows the new amounts");
    assert_eq!(again[5].params.smic[0].cents, 1_210);
    // A correction of the contract's own terms recomputes with the kept parameters.
    c.contract_hours_centi = 3_000;
    let terms = c.aid_lines(&legal_rule(), &smic2, &rsa2).unwrap();
    assert_eq!((terms[4].aid_cents, terms[4].params.smic[0].cents), (73_442, 1_202));
}

#[test]
fn a_revaluation_within_a_month_counts_from_its_day() {
    let smic = DatedAmounts::new(vec![(d("2026-01-01"), 1_202), (d("2026-07-16"), 1_226)]);
    let lines = contract().check().unwrap().aid_lines(&legal_rule(), &smic, &rsa()).unwrap();
    let july = &lines[6];
    assert_eq!(july.params.smic.len(), 2);
    // 15 days at 12,02 € and 16 at 12,26 €, over 31 days.
    let exact: f64 =
        4_700.0 * 3_500.0 * 52.0 * (15.0 * 1_202.0 + 16.0 * 1_226.0) / (10_000.0 * 100.0 * 12.0 * 31.0);
    assert_eq!(july.aid_cents, exact.round() as i64);
    assert!(july.aid_cents > 85_683 && july.aid_cents < lines[7].aid_cents);
}

#[test]
fn suspensions_and_a_rupture_reduce_the_aid() {
    let mut c = contract();
    c.suspensions =
        vec![Suspension { from: Some(d("2026-06-16")), to: Some(d("2026-06-30")), paid_share_bp: 0 }];
    c.incidents = vec![Incident {
        kind: IncidentKind::Rupture,
        occurred_on: Some(d("2026-09-01")),
        declared_on: Some(d("2026-09-03")),
        notes: None,
    }];
    c.status = ContractStatus::Rompu;
    let lines = c.check().unwrap().aid_lines(&legal_rule(), &smic(), &rsa()).unwrap();
    assert_eq!(lines.len(), 8, "the aid stops the day before the rupture");
    let june = &lines[5];
    assert_eq!(june.due_days, 15);
    // 856,8257 € / 2.
    assert_eq!(june.aid_cents, 42_841);
    assert_eq!(lines.last().unwrap().month, "2026-08");
}

#[test]
fn incident_deadline_is_seven_clear_days_to_the_next_working_day() {
    // Monday 4 May 2026 → Tuesday 12 May.
    assert_eq!(declaration_deadline(d("2026-05-04")), d("2026-05-12"));
    // Friday 1 May → Saturday 9 May → Monday 11 May.
    assert_eq!(declaration_deadline(d("2026-05-01")), d("2026-05-11"));
    // Tuesday 3 November → Wednesday 11 November (Armistice) → Thursday 12.
    assert_eq!(declaration_deadline(d("2026-11-03")), d("2026-11-12"));
    // Ascension 2026 is Thursday 14 May.
    assert!(is_public_holiday(d("2026-05-14")) && is_public_holiday(d("2026-04-06")));
    let mut c = contract();
    c.incidents = vec![
        Incident {
            kind: IncidentKind::Suspension,
            occurred_on: Some(d("2026-05-04")),
            ..Incident::default()
        },
        Incident {
            kind: IncidentKind::Suspension,
            occurred_on: Some(d("2026-03-02")),
            declared_on: Some(d("2026-03-10")),
            notes: None,
        },
    ];
    assert!(c.late_incidents(d("2026-05-12")).is_empty(), "the last day is still in time");
    let late = c.late_incidents(d("2026-05-13"));
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].1, d("2026-05-12"));
    c.incidents[1].declared_on = Some(d("2026-03-11"));
    assert_eq!(c.late_incidents(d("2026-05-01")).len(), 1, "declared after the deadline");
}

#[test]
fn each_legal_limit_has_its_refusal() {
    let (code, field, msg) = refused(AidedContract { contract_hours_centi: 1_900, ..contract() });
    assert_eq!((code, field), ("hours_below_minimum", "contract_hours_centi"));
    assert!(msg.contains("20 h") && msg.contains("L5134-70-1"), "{msg}");
    let senior = AidedContract {
        contract_hours_centi: 1_900,
        exceptions: vec![LimitException::HoraireReduit],
        ..contract()
    };
    assert!(senior.check().is_ok());
    let cae = AidedContract { contract_type: ContractType::Cae, contract_hours_centi: 700, ..contract() };
    assert!(refused(cae.clone()).2.contains("L5134-26"));
    let cae = AidedContract { exceptions: vec![LimitException::HoraireReduit], ..cae };
    assert!(cae.check().is_ok(), "7 h a week decided by the aid (L5134-26)");

    let (code, field, msg) = refused(AidedContract { rate_bp: 4_800, ..contract() });
    assert_eq!((code, field), ("rate_above_legal_max", "rate_bp"));
    assert!(msg.contains("47 %") && msg.contains("L5134-72-1"), "{msg}");
    let cae = AidedContract { contract_type: ContractType::Cae, rate_bp: 9_000, ..contract() };
    assert!(cae.check().is_ok(), "90 % is within the CAE's 95 %");

    let short = AidedContract { aid_ends_on: Some(d("2026-05-31")), ..contract() };
    let (code, field, msg) = refused(short.clone());
    assert_eq!((code, field), ("duration_below_minimum", "aid_ends_on"));
    assert!(msg.contains("6 mois") && msg.contains("L5134-69-2"), "{msg}");
    let peine = AidedContract { exceptions: vec![LimitException::DureeMinimaleReduite], ..short };
    assert!(peine.check().is_ok(), "5 months with the 3-month derogation");

    let long =
        AidedContract { ends_on: Some(d("2028-06-30")), aid_ends_on: Some(d("2028-06-30")), ..contract() };
    let (code, field, msg) = refused(long.clone());
    assert_eq!((code, field), ("duration_above_maximum", "aid_ends_on"));
    assert!(msg.contains("24 mois") && msg.contains("L5134-69-1"), "{msg}");
    for e in
        [LimitException::DureeCinqAns, LimitException::JusquALaRetraite, LimitException::FormationEnCours]
    {
        assert!(AidedContract { exceptions: vec![e], ..long.clone() }.check().is_ok(), "{e:?}");
    }

    let renewal = Renewal {
        from: Some(d("2027-01-01")),
        to: Some(d("2027-12-31")),
        bilan_on: Some(d("2026-11-15")),
        bilan: "Formation CACES suivie ; autonomie acquise.".into(),
    };
    let renewed =
        AidedContract { ends_on: Some(d("2027-12-31")), renewals: vec![renewal.clone()], ..contract() };
    assert!(renewed.clone().check().is_ok());
    let no_bilan =
        AidedContract { renewals: vec![Renewal { bilan: " ".into(), ..renewal.clone() }], ..renewed.clone() };
    let (code, field, msg) = refused(no_bilan);
    assert_eq!((code, field), ("renewal_without_bilan", "renewals"));
    assert!(msg.contains("L5134-67-2"), "{msg}");
    let gap = AidedContract {
        renewals: vec![Renewal { from: Some(d("2027-02-01")), ..renewal.clone() }],
        ..renewed.clone()
    };
    assert_eq!(refused(gap).0, "renewal_gap");
    let too_long = AidedContract {
        ends_on: Some(d("2028-12-31")),
        renewals: vec![
            renewal.clone(),
            Renewal {
                from: Some(d("2028-01-01")),
                to: Some(d("2028-12-31")),
                bilan_on: Some(d("2027-11-15")),
                bilan: "Bilan".into(),
            },
        ],
        ..contract()
    };
    assert_eq!(refused(too_long).1, "renewals");
    let past_cdd = AidedContract { ends_on: Some(d("2026-12-31")), ..renewed };
    assert_eq!(refused(past_cdd).0, "aid_after_contract");

    let cdd_without_end = AidedContract { ends_on: None, ..contract() };
    assert_eq!(refused(cdd_without_end).1, "ends_on");
    let cdi = AidedContract { employment: Employment::Cdi, ends_on: None, ..contract() };
    assert!(cdi.check().is_ok());

    let (code, field, msg) = refused(AidedContract { tutor_experienced: false, ..contract() });
    assert_eq!((code, field), ("tutor_experience", "tutor_experienced"));
    assert!(msg.contains("R5134-61"), "{msg}");
    assert_eq!(refused(AidedContract { tutor_name: None, ..contract() }).1, "tutor_name");
    let projet = AidedContract { tutor_name: None, status: ContractStatus::Projet, ..contract() };
    assert!(projet.check().is_ok(), "a planned contract may not have its tuteur yet");

    assert_eq!(refused(AidedContract { rome_code: "cariste".into(), ..contract() }).1, "rome_code");
    assert_eq!(refused(AidedContract { employer_id: RowId::nil(), ..contract() }).1, "employer_id");
    assert_eq!(refused(AidedContract { person_id: RowId::nil(), ..contract() }).1, "person_id");
    let before = AidedContract { aid_starts_on: Some(d("2025-12-01")), ..contract() };
    assert_eq!(refused(before).1, "aid_starts_on");
    assert_eq!(
        refused(AidedContract { status: ContractStatus::Rompu, ..contract() }).0,
        "rupture_without_incident"
    );
    let bad_suspension = AidedContract {
        suspensions: vec![Suspension {
            from: Some(d("2027-02-01")),
            to: Some(d("2027-02-10")),
            paid_share_bp: 0,
        }],
        ..contract()
    };
    assert_eq!(refused(bad_suspension).1, "suspensions");
}

#[test]
fn the_rule_of_the_arrete_bounds_rate_type_and_initial_duration() {
    // HdF 2021: 6 months for a CDD, 12 for a CDI, 30 h, all Département.
    let hdf = AidRule {
        name: "CIE BRSA CAOM".into(),
        source: "R32-2021-199 quater".into(),
        rate_bp: 4_000,
        hours_cap_centi: Some(3_000),
        max_months_cdd: Some(6),
        max_months_cdi: Some(12),
        financing_mode: FinancingMode::C,
        ..legal_rule()
    };
    let c = contract().check().unwrap();
    let e = c.check_rule(&hdf).unwrap_err();
    assert_eq!((e.code, e.field), ("rate_above_rule", "rate_bp"));
    assert!(e.message.contains("40 %") && e.message.contains("R32-2021-199 quater"), "{}", e.message);
    let c = AidedContract { rate_bp: 4_000, ..c };
    let e = c.check_rule(&hdf).unwrap_err();
    assert_eq!((e.code, e.field), ("duration_above_rule", "aid_ends_on"));
    assert!(e.message.contains("6 mois"), "{}", e.message);
    let six = AidedContract { aid_ends_on: Some(d("2026-06-30")), ..c.clone() };
    assert!(six.check_rule(&hdf).is_ok());
    let cae_rule = AidRule { contract_type: ContractType::Cae, ..hdf.clone() };
    assert_eq!(six.check_rule(&cae_rule).unwrap_err().code, "rule_mismatch");
    let later = AidRule { valid_from: Some(d("2027-01-01")), ..hdf };
    assert_eq!(six.check_rule(&later).unwrap_err().code, "rule_not_in_force");
}

#[test]
fn a_month_without_parameters_is_named() {
    let c = AidedContract {
        starts_on: Some(d("2020-01-01")),
        ends_on: Some(d("2020-12-31")),
        aid_ends_on: Some(d("2020-12-31")),
        ..contract()
    };
    let e = c.aid_lines(&legal_rule(), &smic(), &rsa()).unwrap_err();
    assert_eq!(e.to_string(), "Paramètres : aucun SMIC horaire en vigueur au 01/01/2020.");
}

#[test]
fn durations_are_counted_from_date_to_date() {
    assert_eq!(period_end(d("2026-01-01"), 6), d("2026-06-30"));
    assert_eq!(period_end(d("2026-03-15"), 6), d("2026-09-14"));
    assert_eq!(period_end(d("2025-08-31"), 6), d("2026-02-28"));
    assert_eq!(period_end(d("2026-01-01"), 24), d("2027-12-31"));
    // 1 January – 30 June: six months, accepted; one day less is refused.
    let c = |end: &str| AidedContract { ends_on: Some(d(end)), aid_ends_on: Some(d(end)), ..contract() };
    assert!(c("2026-06-30").check().is_ok());
    let (code, field, msg) = refused(c("2026-06-29"));
    assert_eq!((code, field), ("duration_below_minimum", "aid_ends_on"));
    assert!(msg.contains("L5134-69-2") && msg.contains("30/06/2026"), "{msg}");
    // The case of the review: 1 January – 1 June is 5 months and a day.
    assert_eq!(refused(c("2026-06-01")).0, "duration_below_minimum");
    // 24 months: up to 31 December 2027, not a day more.
    assert!(c("2027-12-31").check().is_ok());
    let (code, _, msg) = refused(c("2028-01-01"));
    assert_eq!(code, "duration_above_maximum");
    assert!(msg.contains("L5134-69-1") && msg.contains("31/12/2027"), "{msg}");
    // The 3-month derogation: 31 March accepted, 30 March refused.
    let short =
        |end: &str| AidedContract { exceptions: vec![LimitException::DureeMinimaleReduite], ..c(end) };
    assert!(short("2026-03-31").check().is_ok());
    assert_eq!(refused(short("2026-03-30")).0, "duration_below_minimum");
}

#[test]
fn a_cae_is_refused_with_the_cae_articles() {
    let cae = |c: AidedContract| AidedContract { contract_type: ContractType::Cae, rate_bp: 9_000, ..c };
    let end = |e: &str| AidedContract { ends_on: Some(d(e)), aid_ends_on: Some(d(e)), ..contract() };
    let msg = refused(cae(end("2026-06-29"))).2;
    assert!(msg.contains("L5134-25") && !msg.contains("L5134-69"), "{msg}");
    let msg = refused(cae(end("2028-01-01"))).2;
    assert!(msg.contains("L5134-25-1") && !msg.contains("L5134-69"), "{msg}");
    let msg = refused(cae(AidedContract { contract_hours_centi: 1_900, ..contract() })).2;
    assert!(msg.contains("L5134-26"), "{msg}");
    let msg = refused(cae(AidedContract { tutor_experienced: false, ..contract() })).2;
    assert!(msg.contains("R5134-38") && !msg.contains("R5134-61"), "{msg}");
    let msg =
        refused(cae(AidedContract { employer_attestations: EmployerAttestations::default(), ..contract() }))
            .2;
    assert!(msg.contains("L5134-21-2"), "{msg}");
}

#[test]
fn a_derogation_names_the_decision_not_the_persons_situation() {
    let c = AidedContract {
        contract_hours_centi: 1_900,
        exceptions: vec![LimitException::HoraireReduit],
        decision_reference: None,
        ..contract()
    };
    let (code, field, _) = refused(c.clone());
    assert_eq!((code, field), ("required", "decision_reference"));
    // Rows written before: the situation is read as the provision.
    let old: Vec<LimitException> =
        serde_json::from_str(r#"["rqth", "amenagement_peine", "age58", "senior60", "age50_difficultes"]"#)
            .unwrap();
    assert_eq!(
        old,
        vec![
            LimitException::DureeCinqAns,
            LimitException::DureeMinimaleReduite,
            LimitException::JusquALaRetraite,
            LimitException::HoraireReduit,
            LimitException::DureeCinqAns
        ]
    );
    let written = serde_json::to_string(&old).unwrap();
    assert!(!written.contains("rqth") && !written.contains("peine"), "{written}");
    let checked = AidedContract { exceptions: old, ..contract() }.check().unwrap();
    assert_eq!(checked.exceptions.len(), 4, "the same provision once");
    for e in LimitException::ALL {
        let l = e.label().to_lowercase();
        assert!(!l.contains("rqth") && !l.contains("peine") && !l.contains("ans et plus"), "{l}");
    }
}

#[test]
fn the_aid_is_decided_before_the_contract_is_signed() {
    // Signed on the day of the decision: accepted; the decision a day later: refused.
    let c = |decided: &str| AidedContract {
        aid_decided_on: Some(d(decided)),
        signed_on: Some(d("2025-12-20")),
        ..contract()
    };
    assert!(c("2025-12-20").check().is_ok());
    let (code, field, msg) = refused(c("2025-12-21"));
    assert_eq!((code, field), ("aid_after_signature", "aid_decided_on"));
    assert!(msg.contains("R5134-51") && msg.contains("21/12/2025"), "{msg}");
    // Without a signature date, the contract's start stands for it.
    let c = AidedContract { aid_decided_on: Some(d("2026-01-02")), ..contract() };
    assert_eq!(refused(c).0, "aid_after_signature");
    let c = AidedContract { aid_decided_on: None, ..contract() };
    assert_eq!(refused(c.clone()).1, "aid_decided_on");
    assert!(AidedContract { status: ContractStatus::Projet, ..c }.check().is_ok(), "a project may wait");
    let late_signature = AidedContract { signed_on: Some(d("2026-01-02")), ..contract() };
    assert_eq!(refused(late_signature).1, "signed_on");
}

#[test]
fn the_employer_attests_the_exclusions_of_l5134_68() {
    for missing in 0..3 {
        let mut a = attested();
        match missing {
            0 => a.no_economic_dismissal = false,
            1 => a.not_replacing_dismissed = false,
            _ => a.contributions_paid = false,
        }
        let (code, field, msg) = refused(AidedContract { employer_attestations: a, ..contract() });
        assert_eq!((code, field), ("employer_attestations", "employer_attestations"));
        assert!(msg.contains("L5134-68"), "{msg}");
    }
}

#[test]
fn a_new_aid_waits_for_the_previous_contracts_bilan() {
    let earlier = AidedContract {
        starts_on: Some(d("2025-01-01")),
        ends_on: Some(d("2025-12-31")),
        aid_ends_on: Some(d("2025-12-31")),
        status: ContractStatus::Termine,
        ..contract()
    };
    let new = AidedContract {
        starts_on: Some(d("2026-03-01")),
        aid_decided_on: Some(d("2026-02-10")),
        ..contract()
    };
    let new = AidedContract { employer_id: earlier.employer_id, ends_on: Some(d("2026-12-31")), ..new };
    assert!(new.missing_previous_bilan([&earlier]).is_some());
    // A bilan on the day of the decision: accepted; the day after: still missing.
    let with =
        |on: &str| AidedContract { bilan_on: Some(d(on)), bilan: Some("Bilan".into()), ..earlier.clone() };
    assert!(new.missing_previous_bilan([&with("2026-02-10")]).is_none());
    assert!(new.missing_previous_bilan([&with("2026-02-11")]).is_some());
    // Another employer's, or a contract still running, do not count.
    let other = AidedContract { employer_id: crate::new_row_id(), ..earlier.clone() };
    assert!(new.missing_previous_bilan([&other]).is_none());
    let running =
        AidedContract { aid_ends_on: Some(d("2026-06-30")), ends_on: Some(d("2026-06-30")), ..earlier };
    assert!(new.missing_previous_bilan([&running]).is_none());
    // The bilan is dated and written.
    let e = AidedContract { bilan: Some("Bilan".into()), ..contract() }.check().unwrap_err();
    assert_eq!(e.field, "bilan_on");
}

#[test]
fn a_tutor_follows_three_employees_at_most() {
    let base = contract();
    let same = |tutor: &str| AidedContract { tutor_name: Some(tutor.into()), ..base.clone() };
    let three = [same("Marc Lefebvre"), same("marc lefebvre"), same("MARC LEFEBVRE")];
    assert!(!base.tutor_overloaded(&three[..2]), "two others: the third is allowed");
    assert!(base.tutor_overloaded(&three), "three others: the fourth is refused");
    let later = AidedContract {
        starts_on: Some(d("2027-01-01")),
        ends_on: Some(d("2027-12-31")),
        aid_ends_on: Some(d("2027-12-31")),
        ..same("Marc Lefebvre")
    };
    assert!(!base.tutor_overloaded([&three[0], &three[1], &later]), "periods that do not overlap");
    let cae = AidedContract { contract_type: ContractType::Cae, ..same("Marc Lefebvre") };
    assert!(!base.tutor_overloaded([&three[0], &three[1], &cae]), "counted per kind of contract");
}

#[test]
fn a_retroactive_revaluation_recomputes_begun_months_and_keeps_both_amounts() {
    // April and May 2023 were computed with the RSA of July 2022 (598,54 €):
    // the décret of 4 May 2023 sets 607,75 € from 1 April.
    let smic = DatedAmounts::new(vec![(d("2023-01-01"), 1_127), (d("2023-05-01"), 1_152)]);
    let rsa_before = DatedAmounts::new(vec![(d("2022-07-01"), 59_854)]);
    let rsa_after = DatedAmounts::new(vec![(d("2022-07-01"), 59_854), (d("2023-04-01"), 60_775)]);
    let rule = AidRule { valid_from: Some(d("2018-01-01")), ..legal_rule() };
    let mut c = AidedContract {
        starts_on: Some(d("2023-03-01")),
        aid_decided_on: Some(d("2023-02-10")),
        ends_on: Some(d("2023-12-31")),
        aid_ends_on: Some(d("2023-12-31")),
        ..contract()
    }
    .check()
    .unwrap();
    let today = d("2023-05-20");
    c.lines = AidedContract::begun_lines(c.aid_lines(&rule, &smic, &rsa_before).unwrap(), today);
    assert_eq!(c.lines.len(), 3, "March, April, May begun");
    let (march_before, april_before) = (c.lines[0].clone(), c.lines[1].clone());
    assert_eq!(april_before.dept_cents, 52_672, "0,88 × 598,54 €");
    assert_eq!(april_before.params.rsa[0].cents, 59_854);
    let admin = crate::new_row_id();
    let row = crate::new_row_id();
    let at = chrono::Utc::now();
    let revisions =
        c.revise_from(d("2023-04-01"), &rule, &smic, &rsa_after, today, (row, admin, at)).unwrap();
    // March stays; April and May take 607,75 €: the 88 % rises from 526,72 to 534,82 €.
    assert_eq!(c.lines[0], march_before);
    assert_eq!((c.lines[1].params.rsa[0].cents, c.lines[1].dept_cents), (60_775, 53_482));
    let months: Vec<&str> = revisions.iter().map(|r| r.month.as_str()).collect();
    assert_eq!(months, vec!["2023-04", "2023-05"]);
    assert_eq!(revisions[0].old.dept_cents, april_before.dept_cents);
    assert_eq!(revisions[0].new.dept_cents, c.lines[1].dept_cents);
    assert_eq!((revisions[0].by, revisions[0].parameter_id), (admin, row));
    assert_eq!(c.revisions, revisions);
    // Nothing changes, nothing is recorded.
    assert!(
        c.revise_from(d("2023-04-01"), &rule, &smic, &rsa_after, today, (row, admin, at)).unwrap().is_empty()
    );
}

#[test]
fn one_check_reports_every_field_wrong_on_its_own() {
    let c = AidedContract {
        employer_id: RowId::nil(),
        job_title: " ".into(),
        contract_hours_centi: 0,
        aid_ends_on: None,
        ..contract()
    };
    let e = c.check().unwrap_err();
    let fields: Vec<&str> = e.all().map(|e| e.field).collect();
    assert_eq!(fields, ["employer_id", "job_title", "contract_hours_centi", "aid_ends_on"]);
}
