mod common;

use chrono::{Duration, NaiveDate, Utc};
use tremplin_domain::interaction::{Channel, Interaction, InteractionInput};
use tremplin_domain::new_row_id;
use tremplin_domain::organisation::{OrgKind, OrgStatus, Organisation, OrganisationInput};
use tremplin_domain::task::{Task, TaskInput};
use tremplin_store::Officer;
use tremplin_store::queries::organisations::{OrgSort, OrganisationFilter};

#[test]
fn organisation_commune_gives_epci_and_dt() {
    let mut s = common::store();
    let id = common::add_org(&mut s, "Vertbaudet", Some("59599"));
    let d = s.organisation_detail(id).unwrap().unwrap();
    assert_eq!(d.commune_name.as_deref(), Some("Tourcoing"));
    assert_eq!(d.epci_siren.as_deref(), Some("200093201"));
    assert_eq!(d.dt_code.as_deref(), Some("MRT"));
    let hz = common::add_org(&mut s, "Roquette", Some("59295"));
    assert_eq!(s.organisation_detail(hz).unwrap().unwrap().dt_name.as_deref(), Some("Flandre intérieure"));
}

#[test]
fn communes_and_naf_are_found_as_an_officer_types_them() {
    let s = common::store();
    let lille: Vec<String> = s.find_communes("lille", 5).unwrap().into_iter().map(|c| c.code).collect();
    assert_eq!(lille.first().map(String::as_str), Some("59350"), "{lille:?}");
    assert_eq!(s.find_communes("59508", 5).unwrap()[0].nom, "Roncq");
    // By code, with or without the dot; by words of the label, accents ignored.
    let by_code: Vec<String> = s.find_naf("4711", 10).unwrap().into_iter().map(|n| n.code).collect();
    assert!(by_code.contains(&"47.11F".to_string()), "{by_code:?}");
    assert_eq!(s.find_naf("47.11F", 10).unwrap().len(), 1);
    let hypers = s.find_naf("hypermarches", 10).unwrap();
    assert_eq!(hypers.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), ["47.11F"], "{hypers:?}");
    assert!(s.find_naf("boulangerie patisserie", 10).unwrap().iter().any(|n| n.code == "10.71C"));
    assert!(s.find_naf("  ", 10).unwrap().is_empty());
    // Only sous-classes: a division is not an activity an employer declares.
    assert!(s.find_naf("47", 200).unwrap().iter().all(|n| n.code.len() == 6));
}

#[test]
fn rome_fiches_are_found_by_code_or_words_and_suggested_from_the_employers_activity() {
    let s = common::store();
    let codes =
        |v: Vec<tremplin_store::reference::CodeLabel>| v.into_iter().map(|f| f.code).collect::<Vec<_>>();
    assert_eq!(codes(s.find_rome("D1102", 5).unwrap()), ["D1102"]);
    assert!(codes(s.find_rome("boulangere", 10).unwrap()).contains(&"D1102".to_string()));
    assert!(s.find_rome(" ", 10).unwrap().is_empty());
    assert_eq!(s.rome_label("K2204").unwrap().as_deref(), Some("Agent / Agente de nettoyage industriel"));
    // A bakery (10.71C, division 10) usually recruits bakers; a hypermarket
    // (47.11F) shelf staff; words narrow the suggestions.
    let bakery = codes(s.rome_for_naf("10.71C", "", 100).unwrap());
    assert!(bakery.contains(&"D1102".to_string()) && !bakery.contains(&"D1507".to_string()), "{bakery:?}");
    assert!(codes(s.rome_for_naf("47.11F", "", 200).unwrap()).contains(&"D1507".to_string()));
    assert_eq!(codes(s.rome_for_naf("10.71C", "boulanger", 10).unwrap()), ["D1102", "D1108"]);
    assert!(s.rome_for_naf("", "", 10).unwrap().is_empty());
    // The 14 grands domaines, A to N, each fiche in one of them.
    let domains = s.rome_grands_domaines().unwrap();
    assert_eq!((domains.len(), domains[0].code.as_str(), domains[13].code.as_str()), (14, "A", "N"));
}

#[test]
fn lists_filter_sort_and_page() {
    let mut s = common::store();
    let me = Officer { id: new_row_id(), display_name: "Nadia Benali".into(), email: None, dt_code: None };
    s.upsert_officer(&me).unwrap();
    let communes = ["59512", "59599", "59350", "59178", "59392"];
    for n in 0..30 {
        let mut input = OrganisationInput {
            kind: Some(if n % 3 == 0 { OrgKind::Geiq } else { OrgKind::Entreprise }),
            name: format!("Entreprise {n:02}"),
            commune_code: Some(communes[n % communes.len()].into()),
            status: Some(if n % 2 == 0 { OrgStatus::PartenaireActif } else { OrgStatus::Prospect }),
            tags: if n % 5 == 0 { vec!["Logistique".into()] } else { vec![] },
            ..Default::default()
        };
        if n % 4 == 0 {
            input.owner_id = Some(me.id);
        }
        let o = Organisation::validate(&input).unwrap();
        s.write(|w| w.create(new_row_id(), &o)).unwrap();
    }
    let all = s.list_organisations(&OrganisationFilter { limit: 10, ..Default::default() }).unwrap();
    assert_eq!((all.total, all.items.len()), (30, 10));
    assert_eq!(all.items[0].name, "Entreprise 00");

    let mrt = s
        .list_organisations(&OrganisationFilter { dt_code: Some("MRT".into()), ..Default::default() })
        .unwrap();
    assert_eq!(mrt.total, 12, "Roubaix and Tourcoing");
    assert!(mrt.items.iter().all(|o| o.dt_code.as_deref() == Some("MRT")));

    let f = OrganisationFilter {
        kinds: vec![OrgKind::Geiq],
        status: Some(OrgStatus::PartenaireActif),
        sort: OrgSort::Name,
        descending: true,
        ..Default::default()
    };
    let page = s.list_organisations(&f).unwrap();
    assert_eq!(
        page.items.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        ["Entreprise 24", "Entreprise 18", "Entreprise 12", "Entreprise 06", "Entreprise 00"]
    );

    let by_commune = s
        .list_organisations(&OrganisationFilter { sort: OrgSort::Commune, limit: 30, ..Default::default() })
        .unwrap();
    let mut seen: Vec<String> = by_commune.items.iter().filter_map(|o| o.commune_name.clone()).collect();
    seen.dedup();
    assert_eq!(seen, ["Douai", "Lille", "Maubeuge", "Roubaix", "Tourcoing"]);
    let desc = s
        .list_organisations(&OrganisationFilter {
            sort: OrgSort::Commune,
            descending: true,
            dt_code: Some("MRT".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(desc.items.first().and_then(|o| o.commune_name.as_deref()), Some("Tourcoing"));

    let tagged = s
        .list_organisations(&OrganisationFilter { tag: Some("logistique".into()), ..Default::default() })
        .unwrap();
    assert_eq!(tagged.total, 6);
    let mine =
        s.list_organisations(&OrganisationFilter { owner_id: Some(me.id), ..Default::default() }).unwrap();
    assert_eq!(mine.total, 8);
    assert!(mine.items.iter().all(|o| o.owner_name.as_deref() == Some("Nadia Benali")));
    let epci = s
        .list_organisations(&OrganisationFilter {
            epci_siren: Some("200043396".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(epci.total, 6, "Maubeuge Val de Sambre");
    let text = s
        .list_organisations(&OrganisationFilter { text: Some("entreprise 1".into()), ..Default::default() })
        .unwrap();
    assert_eq!(text.total, 10, "both words must match, the second as a prefix");
    assert!(text.items.iter().all(|o| o.name.starts_with("Entreprise 1")));
}

#[test]
fn timeline_rolls_up_establishments_and_tasks_are_due_or_overdue() {
    let mut s = common::store();
    let officer = new_row_id();
    let group = new_row_id();
    let g = Organisation::validate(&OrganisationInput {
        kind: Some(OrgKind::GrandCompte),
        name: "La Poste".into(),
        siren: Some("356000000".into()),
        ..Default::default()
    })
    .unwrap();
    let site = new_row_id();
    let e = Organisation::validate(&OrganisationInput {
        kind: Some(OrgKind::Etablissement),
        name: "La Poste PPDC Lille".into(),
        siret: Some("35600000049837".into()),
        parent_id: Some(group),
        ..Default::default()
    })
    .unwrap();
    let now = Utc::now();
    s.write(|w| {
        w.create(group, &g)?;
        w.create(site, &e)?;
        for (org, days, subject) in
            [(group, 10, "Comité national"), (site, 2, "Visite PPDC"), (site, 30, "Appel RH")]
        {
            let i = Interaction::validate(
                &InteractionInput {
                    organisation_id: Some(org),
                    occurred_at: Some(now - Duration::days(days)),
                    channel: Some(Channel::Visite),
                    subject: subject.into(),
                    ..Default::default()
                },
                officer,
                now,
            )
            .unwrap();
            w.create(new_row_id(), &i)?;
        }
        Ok::<_, tremplin_store::StoreError>(())
    })
    .unwrap();
    let tl = s.timeline(group, 0, 50).unwrap();
    assert_eq!(
        tl.items.iter().map(|i| i.subject.as_str()).collect::<Vec<_>>(),
        ["Visite PPDC", "Comité national", "Appel RH"]
    );
    assert_eq!(s.timeline(site, 0, 50).unwrap().total, 2);
    let detail = s.organisation_detail(group).unwrap().unwrap();
    assert_eq!(detail.children.len(), 1);
    assert_eq!(detail.siren_display.as_deref(), Some("356 000 000"));

    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    s.write(|w| {
        for (title, d) in [("En retard", -3), ("Aujourd'hui", 0), ("Cette semaine", 4), ("Plus tard", 20)] {
            let t = Task::validate(
                &TaskInput {
                    title: title.into(),
                    due_date: Some(today + Duration::days(d)),
                    organisation_id: Some(site),
                    ..Default::default()
                },
                officer,
            )
            .unwrap();
            w.create(new_row_id(), &t)?;
        }
        Ok::<_, tremplin_store::StoreError>(())
    })
    .unwrap();
    let overdue = s.overdue_tasks(officer, today).unwrap();
    assert_eq!(overdue.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["En retard"]);
    let week = s.due_tasks(officer, today, today + Duration::days(6)).unwrap();
    assert_eq!(week.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Aujourd'hui", "Cette semaine"]);
    assert_eq!(s.tasks_of(group, 50).unwrap().len(), 4, "tasks of establishments roll up");
    assert!(s.overdue_tasks(new_row_id(), today).unwrap().is_empty());
}

#[test]
fn moving_a_commune_to_another_dt_moves_its_organisations() {
    let mut s = common::store();
    let id = common::add_org(&mut s, "Brasserie de Wambrechies", Some("59636"));
    let dt = |s: &tremplin_store::Store| s.organisation_detail(id).unwrap().unwrap().dt_code;
    assert_eq!(dt(&s).as_deref(), Some("ML"));
    assert!(s.set_commune_dt("59636", "MRT").unwrap());
    assert_eq!(dt(&s).as_deref(), Some("MRT"));
    let mrt = s
        .list_organisations(&OrganisationFilter { dt_code: Some("MRT".into()), ..Default::default() })
        .unwrap();
    assert_eq!(mrt.items.iter().map(|o| o.id).collect::<Vec<_>>(), vec![id]);
    // Moving the organisation itself updates it too.
    let mut o = s.get::<Organisation>(id).unwrap().unwrap().data;
    o.commune_code = Some(tremplin_domain::territory::CommuneCode::parse("59183").unwrap());
    s.write(|w| w.update(id, &o)).unwrap();
    assert_eq!(dt(&s).as_deref(), Some("FM"));
}

/// Rows are decoded by writing their columns out as one JSON object: text
/// with quotes, backslashes, line breaks and accents, booleans, nulls and
/// JSON columns come back as they were stored.
#[test]
fn records_read_back_exactly_what_was_written() {
    use tremplin_domain::mentoring::Mentor;
    use tremplin_domain::parameters::{AidRule, ContractType, FinancingMode};
    let mut s = common::store();
    let mut org = common::org("Boulangerie \"Chez Paul\" \\ Lille", OrgKind::Entreprise, Some("59350"));
    org.notes = Some("Première ligne\nDeuxième « ligne »\ttabulée — é à ç".into());
    org.tags = vec!["Métier \"rare\"".into(), "Hôtellerie".into()];
    let id = new_row_id();
    s.write(|w| w.create(id, &org)).unwrap();
    let back = s.get::<Organisation>(id).unwrap().unwrap().data;
    assert_eq!(back, org);
    let listed = s.records_where::<Organisation>("id = ?1", "id", &[id.to_string().into()]).unwrap();
    assert_eq!(listed[0].data, org);

    let rule = AidRule {
        name: "CIE — CAOM".into(),
        source: "Arrêté".into(),
        contract_type: ContractType::Cie,
        valid_from: NaiveDate::from_ymd_opt(2026, 1, 1),
        valid_to: None,
        rate_bp: 4_700,
        hours_cap_centi: Some(3_500),
        max_months_cdd: None,
        max_months_cdi: Some(12),
        financing_mode: FinancingMode::B,
        rsa_share_bp: None,
        rsa_share_7h_bp: None,
        base_rate_bp: None,
        dept_share_bp: Some(6_500),
        replaces_id: None,
    };
    let rid = new_row_id();
    s.write(|w| w.create(rid, &rule)).unwrap();
    assert_eq!(s.get::<AidRule>(rid).unwrap().unwrap().data, rule);
    let mentor = Mentor {
        contact_id: new_row_id(),
        programme_id: None,
        job_title: Some("Cheffe d'équipe".into()),
        sector: None,
        availability: None,
        charter_signed_on: None,
        max_mentees: 2,
        training: None,
    };
    let mid = new_row_id();
    s.write(|w| w.create(mid, &mentor)).unwrap();
    assert_eq!(s.get::<Mentor>(mid).unwrap().unwrap().data, mentor);
}
