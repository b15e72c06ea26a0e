mod common;

use chrono::Utc;
use tremplin_domain::contact::{Contact, ContactInput};
use tremplin_domain::interaction::{Channel, Interaction, InteractionInput};
use tremplin_domain::new_row_id;
use tremplin_domain::organisation::{OrgKind, Organisation};
use tremplin_store::BulkMode;
use tremplin_store::search::SearchEntity;

fn names(hits: &[tremplin_store::search::SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.title.as_str()).collect()
}

#[test]
fn ignores_accents_and_case_and_matches_prefixes() {
    let mut s = common::store();
    common::add_org(&mut s, "Société Générale Lille", Some("59350"));
    common::add_org(&mut s, "SOCIETE NOUVELLE DES CAFÉS", None);
    common::add_org(&mut s, "Cafés Méo", None);
    let a = s.search("societe", &[], 20).unwrap();
    let b = s.search("SOCIÉTÉ", &[], 20).unwrap();
    let c = s.search("soc", &[], 20).unwrap();
    assert_eq!(a.len(), 2);
    assert_eq!(a, b);
    assert_eq!(names(&a).len(), names(&c).len());
    assert_eq!(names(&s.search("cafe", &[], 20).unwrap()).len(), 2);
    // Commune names are searchable (accent-free typing).
    assert_eq!(names(&s.search("lille societe", &[], 20).unwrap()), ["Société Générale Lille"]);
    assert!(s.search("   ", &[], 20).unwrap().is_empty());
}

#[test]
fn an_exact_name_ranks_first() {
    let mut s = common::store();
    // Longer names mentioning the word many times would outrank on bm25.
    common::add_org(&mut s, "Auchan Auchan Drive Auchan Roncq", None);
    common::add_org(&mut s, "Fournisseurs d'Auchan", None);
    let exact = common::add_org(&mut s, "AUCHAN", None);
    common::add_org(&mut s, "Auchan Hypermarché Faches-Thumesnil", None);
    let hits = s.search("auchan", &[], 10).unwrap();
    assert_eq!(hits.len(), 4);
    assert_eq!(hits[0].id, exact);
    assert!(hits[0].exact);
    assert!(hits[1..].iter().all(|h| !h.exact));
    let hits = s.search("Âuchan", &[], 10).unwrap();
    assert_eq!(hits[0].id, exact);
}

#[test]
fn finds_by_siret_and_siren_typed_grouped_or_not() {
    let mut s = common::store();
    let id = new_row_id();
    let o = common::org("Entrepôt Lesquin", OrgKind::Etablissement, Some("59343"));
    s.write(|w| w.create(id, &o)).unwrap();
    for q in ["73282932000074", "732829320", "732 829 320", "732 829"] {
        let hits = s.search(q, &[], 10).unwrap();
        assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![id], "query {q}");
    }
}

#[test]
fn index_follows_updates_deletes_and_other_records() {
    let mut s = common::store();
    let org = common::add_org(&mut s, "Enedis", Some("59178"));
    let mut o = s.get::<Organisation>(org).unwrap().unwrap().data;
    o.name = "Enedis Direction Régionale Nord-Pas-de-Calais".into();
    s.write(|w| w.update(org, &o)).unwrap();
    assert_eq!(s.search("regionale", &[], 5).unwrap().len(), 1);

    let contact = new_row_id();
    let c = Contact::validate(&ContactInput {
        organisation_id: Some(org),
        first_name: Some("Hélène".into()),
        last_name: "Dubœuf".into(),
        job_title: Some("Responsable RH".into()),
        ..Default::default()
    })
    .unwrap();
    s.write(|w| w.create(contact, &c)).unwrap();
    let interaction = new_row_id();
    let i = Interaction::validate(
        &InteractionInput {
            organisation_id: Some(org),
            occurred_at: Some(Utc::now()),
            channel: Some(Channel::Visite),
            subject: "Visite du centre technique".into(),
            notes: Some("Besoins en électriciens : 4 postes, préparation opérationnelle à l'emploi.".into()),
            ..Default::default()
        },
        new_row_id(),
        Utc::now(),
    )
    .unwrap();
    s.write(|w| w.create(interaction, &i)).unwrap();

    let hits = s.search("helene", &[], 5).unwrap();
    assert_eq!((hits[0].entity, hits[0].id), (SearchEntity::Contact, contact));
    assert_eq!(hits[0].organisation_id, Some(org));
    let hits = s.search("electricien", &[], 5).unwrap();
    assert_eq!((hits[0].entity, hits[0].id), (SearchEntity::Interaction, interaction));
    assert!(s.search("electricien", &[SearchEntity::Organisation], 5).unwrap().is_empty());

    s.write(|w| w.delete::<Interaction>(interaction)).unwrap();
    assert!(s.search("electricien", &[], 5).unwrap().is_empty());
}

#[test]
fn bulk_loads_are_indexed_once_at_the_end() {
    let mut s = common::store();
    common::add_org(&mut s, "Avant le chargement", None);
    let (ids, stats) = s
        .bulk_load(BulkMode::Replica, |w| {
            let mut ids = Vec::new();
            for n in 0..50 {
                let id = new_row_id();
                w.create(id, &common::org(&format!("Chargée {n}"), OrgKind::Entreprise, None))?;
                ids.push(id);
            }
            Ok::<_, tremplin_store::StoreError>(ids)
        })
        .unwrap();
    assert_eq!(stats.indexed_documents, 50);
    assert_eq!(s.search("chargee", &[], 100).unwrap().len(), 50);
    assert_eq!(s.outbox_len().unwrap(), 1, "replica rows are not queued for push");
    // Triggers are live again afterwards.
    let mut o = s.get::<Organisation>(ids[0]).unwrap().unwrap().data;
    o.name = "Renommée".into();
    s.write(|w| w.update(ids[0], &o)).unwrap();
    assert_eq!(s.search("renommee", &[], 5).unwrap().len(), 1);
    assert_eq!(s.search("chargee", &[], 100).unwrap().len(), 49);
}

#[test]
fn a_common_word_in_the_contact_log_does_not_hide_organisations() {
    let mut s = common::store();
    let org = common::add_org(&mut s, "Logistique des Flandres", Some("59295"));
    s.write(|w| {
        for n in 0..40 {
            let i = Interaction::validate(
                &InteractionInput {
                    organisation_id: Some(org),
                    occurred_at: Some(Utc::now()),
                    channel: Some(Channel::Telephone),
                    subject: format!("Appel {n}"),
                    notes: Some("Besoins en logistique pour la plateforme, logistique urgente.".into()),
                    ..Default::default()
                },
                new_row_id(),
                Utc::now(),
            )
            .unwrap();
            w.create(new_row_id(), &i)?;
        }
        Ok::<_, tremplin_store::StoreError>(())
    })
    .unwrap();
    let hits = s.search("logistique", &[], 5).unwrap();
    assert_eq!(hits[0].id, org, "the organisation comes first");
    assert_eq!(hits.iter().filter(|h| h.entity == SearchEntity::Interaction).count(), 5, "limit is per kind");
    // Contact-log entries come newest first.
    let subjects: Vec<&str> = hits[1..].iter().map(|h| h.title.as_str()).collect();
    assert_eq!(subjects, ["Appel 39", "Appel 38", "Appel 37", "Appel 36", "Appel 35"]);
}
