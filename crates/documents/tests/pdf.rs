//! The PDFs as a reader gets them: checked by qpdf, read back by pdftotext
//! and pdfinfo (poppler-utils).

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use tremplin_documents::brief::{Body, BriefDoc, Section, TableColumn};
use tremplin_documents::convention::{
    self, ARTICLES, CommitmentLine, ConventionDoc, Departement, Establishment, Party,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let out =
        Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd}: {e} (poppler-utils, qpdf)"));
    assert!(out.status.success(), "{cmd} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn text_of(p: &Path) -> String {
    tool("pdftotext", &["-layout", p.to_str().unwrap(), "-"])
}

fn pages_of(p: &Path) -> Vec<String> {
    text_of(p).split('\u{c}').map(str::to_string).filter(|s| !s.trim().is_empty()).collect()
}

/// ENGIE, 18 Dec 2015 (docs/domain/conventions.md « Reference conventions »), with `n` commitments.
fn engie(n: usize) -> ConventionDoc {
    ConventionDoc {
        number: "2015-CP-0423".into(),
        version_no: 1,
        title: "Partenariat ENGIE — emploi des allocataires du RSA".into(),
        status: "Active".into(),
        departement: Departement {
            name: "Le Département du Nord".into(),
            address: "Hôtel du Département, 51 rue Gustave Delory, 59047 Lille Cedex".into(),
            siret: "225 900 018 00014".into(),
            signatory_name: Some("Jean-René Lecerf".into()),
            signatory_function: Some("Président du Conseil départemental".into()),
        },
        partners: vec![Party {
            name: "ENGIE".into(),
            identity: "SIREN 542 107 651".into(),
            signatory_name: Some("Agnès Dufresnoy".into()),
            signatory_function: Some("Déléguée régionale Hauts-de-France".into()),
        }],
        third_parties: vec![Party { name: "FACE MEL".into(), ..Default::default() }],
        cp_number: Some("DSTI/2015/1234".into()),
        cp_date: Some(d(2015, 11, 30)),
        preamble: Some("Priorité à l'emploi dès l'orientation ; métiers en tension : énergie, maintenance, relation clientèle. Œuvrer ensemble — coût évalué à 1\u{a0}500\u{a0}€.".into()),
        territories: vec!["Flandre intérieure".into()],
        establishments: vec![Establishment {
            name: "ENGIE Home Services Armentières".into(),
            siret: "542 107 651 00123".into(),
            address: "12 rue de Lille".into(),
            commune: "Armentières".into(),
            dt: "Flandre intérieure".into(),
            contacts: "Mme Lefebvre (RH)".into(),
        }],
        years: vec![2015, 2016, 2017],
        commitments: (0..n)
            .map(|i| CommitmentLine {
                label: format!("Engagement numéro {} : recrutements de personnes accompagnées en Vallée de la Lys", i + 1),
                unit: "personnes".into(),
                years: vec![(2016, 20 + i as u32, Some(i as u32)), (2017, 30, None)],
            })
            .collect(),
        referent: Some("Camille Dupont (camille.dupont@lenord.fr)".into()),
        copil_frequency: Some("une fois par an".into()),
        cotech_frequency: None,
        financial_clause: None,
        duration_months: Some(24),
        notice_months: 3,
        cure_days: 30,
        place: Some("Lille".into()),
        signed_on: Some(d(2015, 12, 18)),
        starts_on: Some(d(2015, 12, 18)),
        ends_on: Some(d(2017, 12, 17)),
        meetings: vec![],
        author: "Camille Dupont".into(),
    }
}

#[test]
fn a_convention_reads_back_with_its_parties_articles_accents_and_commitments() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "engie.pdf", &convention::render(&engie(4)).unwrap());
    tool("qpdf", &["--check", p.to_str().unwrap()]);
    let text = text_of(&p);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ").replace('\u{a0}', " ");
    for needle in ["Le Département du Nord", "ENGIE", "FACE MEL", "Agnès Dufresnoy", "Jean-René Lecerf"] {
        assert!(flat.contains(needle), "party {needle} missing");
    }
    for a in ARTICLES {
        assert!(flat.contains(a), "article title « {a} » missing");
    }
    for needle in ["Œuvrer", "1 500 €", "Hôtel du Département", "18 décembre 2015", "énergie"] {
        assert!(flat.contains(needle), "accented text « {needle} » not intact");
    }
    for i in 1..=4 {
        assert!(flat.contains(&format!("Engagement numéro {i} :")), "commitment {i} missing");
    }
    assert!(flat.contains("24 / —") || flat.contains("23 / 3"), "annex 2 shows target / actual");
    let info = tool("pdfinfo", &[p.to_str().unwrap()]);
    assert!(info.contains("Convention de partenariat n° 2015-CP-0423"), "{info}");
    assert!(info.contains("Camille Dupont"), "{info}");
    assert!(info.contains("A4") || info.contains("595.28 x 841.89"), "{info}");
    let pages = pages_of(&p);
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("page {} / {n}", i + 1)), "page {} has no « page n / N »", i + 1);
    }
}

#[test]
fn sixty_commitments_continue_over_pages_with_their_header() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "long.pdf", &convention::render(&engie(60)).unwrap());
    tool("qpdf", &["--check", p.to_str().unwrap()]);
    let pages = pages_of(&p);
    // Every page holding a commitment row carries the table header.
    let mut with_rows = 0;
    for page in &pages {
        if page.contains("Engagement numéro") {
            with_rows += 1;
            assert!(
                page.contains("Engagement") && page.contains("Unité"),
                "a page of the table lacks its header"
            );
        }
    }
    assert!(with_rows >= 4, "60 commitments twice (article 3, annex 2) span several pages: {with_rows}");
    let text = pages.join("\n");
    for i in 1..=60 {
        let label = format!("Engagement numéro {i} :");
        assert_eq!(text.matches(&label).count(), 2, "{label} in article 3 and in annex 2");
    }
}

#[test]
fn a_brief_prints_its_sections_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let b = BriefDoc {
        title: "Fiche de préparation — ENGIE".into(),
        subtitle: "Grand compte · préparée le 30/11/2026".into(),
        author: "Camille Dupont".into(),
        sections: vec![
            Section {
                title: "Chiffres clés".into(),
                body: Body::Fields(vec![("Établissements".into(), "3".into())]),
                empty: String::new(),
            },
            Section {
                title: "Relances en retard".into(),
                body: Body::Table {
                    columns: vec![
                        TableColumn { title: "Échéance".into(), width: 1.0, numeric: false },
                        TableColumn { title: "Relance".into(), width: 3.0, numeric: false },
                    ],
                    rows: (0..80).map(|i| vec!["02/11/2026".into(), format!("Relance n° {i}")]).collect(),
                },
                empty: String::new(),
            },
            Section {
                title: "Ordre du jour proposé".into(),
                body: Body::Points(vec![]),
                empty: "Rien à signaler.".into(),
            },
        ],
    };
    let p = write(dir.path(), "brief.pdf", &tremplin_documents::brief::render(&b).unwrap());
    tool("qpdf", &["--check", p.to_str().unwrap()]);
    let text = text_of(&p);
    assert!(text.contains("Relance n° 79") && text.contains("Rien à signaler."));
    assert!(pages_of(&p).len() >= 2);
}
