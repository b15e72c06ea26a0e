//! The PDFs as a reader gets them: checked by qpdf, read back by pdftotext
//! and pdfinfo (poppler-utils).

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use tremplin_documents::brief::{Body, BriefDoc, Section, TableColumn};
use tremplin_documents::convention::{
    self, AMENDMENT_ARTICLES, Amendment, CommitmentLine, ConventionDoc, Departement, Establishment,
    PartnerKind, Party, articles,
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
            dpo_contact: "le délégué à la protection des données, Hôtel du Département, Lille".into(),
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
        partner_kind: PartnerKind::Entreprise,
        retention_months: 24,
        printed_on: Some(d(2015, 12, 1)),
        amendment: None,
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
    for a in articles(PartnerKind::Entreprise) {
        assert!(flat.contains(&a), "article title « {a} » missing");
    }
    // The visas in force on 18 December 2015 only: no 2023 law, no GDPR yet.
    assert!(!flat.contains("plein emploi") && !flat.contains("2016/679"), "visas of later texts");
    assert!(
        flat.contains("dûment habilité(e) par délibération de la Commission permanente n° DSTI/2015/1234")
    );
    for needle in
        ["9.1 Finalité", "9.2 Base légale", "24 mois", "délégué à la protection des données", "72 heures"]
    {
        assert!(flat.contains(needle), "data article lacks « {needle} »");
    }
    for needle in ["L. 1132-1", "lien de subordination", "même valeur contractuelle"] {
        assert!(flat.contains(needle), "« {needle} » missing");
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

#[test]
fn the_body_speaks_to_the_partner_s_kind_and_the_delegation_is_never_left_blank() {
    let dir = tempfile::tempdir().unwrap();
    let ft = ConventionDoc {
        partner_kind: PartnerKind::Public,
        partners: vec![Party { name: "France Travail Hauts-de-France".into(), ..Default::default() }],
        cp_number: None,
        cp_date: None,
        signed_on: Some(d(2026, 3, 2)),
        ..engie(2)
    };
    let p = write(dir.path(), "ft.pdf", &convention::render(&ft).unwrap());
    let flat = text_of(&p).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Article 3 – Engagements du Partenaire"), "{flat}");
    assert!(!flat.contains("Engagements de l'Entreprise") && !flat.contains("l'Entreprise"));
    assert!(flat.contains("dûment habilité(e) à cet effet"));
    assert!(!flat.contains("Commission permanente,"), "no délibération phrase followed by nothing");
    assert!(flat.contains("plein emploi") && flat.contains("2016/679"), "the visas in force in 2026");
    let ge = ConventionDoc { partner_kind: PartnerKind::Groupement, ..engie(2) };
    let p = write(dir.path(), "ge.pdf", &convention::render(&ge).unwrap());
    assert!(text_of(&p).contains("Engagements du Groupement"));
}

#[test]
fn no_table_header_or_article_title_ends_a_page() {
    let dir = tempfile::tempdir().unwrap();
    // A preamble of growing length slides the tables and titles down page 1
    // and 2, one line at a time, so each lands at a page foot in turn.
    for n in 0..48 {
        let mut c = engie(3);
        c.preamble = Some("Les parties unissent leurs moyens pour l'emploi. ".repeat(n * 2));
        c.establishments = (0..3)
            .map(|i| Establishment {
                name: format!("Établissement {i} au nom assez long pour tenir sur deux lignes du tableau"),
                ..c.establishments[0].clone()
            })
            .collect();
        let p = write(dir.path(), &format!("c{n}.pdf"), &convention::render(&c).unwrap());
        for page in pages_of(&p) {
            let lines: Vec<&str> = page.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            // The last lines before the footer.
            let body: Vec<&&str> =
                lines.iter().filter(|l| !l.contains("page ") && !l.starts_with("Convention n°")).collect();
            let Some(last) = body.last() else { continue };
            assert!(!last.starts_with("Article "), "a title ends a page ({n}): {last}");
            let header = (last.contains("Établissement") && last.contains("SIRET"))
                || (last.contains("Engagement") && last.contains("Unité"));
            assert!(!header, "a table header ends a page ({n}): {last}");
        }
    }
}

#[test]
fn an_avenant_has_its_number_what_it_changes_and_both_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let avenant = ConventionDoc {
        version_no: 2,
        status: "Signée".into(),
        signed_on: Some(d(2016, 9, 15)),
        amendment: Some(Amendment {
            number: 1,
            convention_signed_on: Some(d(2015, 12, 18)),
            purpose: "Le présent avenant porte de 30 à 40 le nombre de recrutements attendus en 2017 et ajoute la Vallée de la Lys au périmètre.".into(),
            effective_on: Some(d(2016, 10, 1)),
        }),
        ..engie(3)
    };
    let p = write(dir.path(), "avenant.pdf", &convention::render(&avenant).unwrap());
    tool("qpdf", &["--check", p.to_str().unwrap()]);
    let flat = text_of(&p).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("AVENANT N° 1") && flat.contains("à la convention de partenariat n° 2015-CP-0423"),
        "{flat}"
    );
    for a in AMENDMENT_ARTICLES {
        assert!(flat.contains(a), "« {a} » missing");
    }
    assert!(flat.contains("porte de 30 à 40 le nombre de recrutements"), "what it changes");
    assert!(
        flat.contains("signée le 18 décembre 2015") && flat.contains("prend effet le 1er octobre 2016"),
        "{flat}"
    );
    assert!(flat.contains("Fait à Lille, le 15 septembre 2016"));
    assert!(flat.contains("Pour Le Département du Nord") && flat.contains("Pour ENGIE"), "both signatures");
    assert!(flat.contains("Jean-René Lecerf") && flat.contains("Agnès Dufresnoy"));
    let info = tool("pdfinfo", &[p.to_str().unwrap()]);
    assert!(info.contains("Avenant n° 1 à la convention de partenariat n° 2015-CP-0423"), "{info}");
}

/// Every word's box on the page, as pdftotext -bbox reads it: (page, text, x0, y0, x1, y1).
fn word_boxes(p: &Path) -> Vec<(usize, String, f32, f32, f32, f32)> {
    let html = tool("pdftotext", &["-bbox", p.to_str().unwrap(), "-"]);
    let mut out = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        if line.trim_start().starts_with("<page") {
            page += 1;
        }
        let Some(rest) = line.trim_start().strip_prefix("<word ") else { continue };
        let num = |key: &str| -> f32 {
            let at = rest.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
            rest[at..].split('"').next().unwrap().parse().unwrap()
        };
        let text = rest.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_string();
        out.push((page, text, num("xMin"), num("yMin"), num("xMax"), num("yMax")));
    }
    out
}

/// Found by an officer: a key figure's long label ran under its value.
/// No two words of a brief may overlap.
#[test]
fn a_long_label_wraps_in_its_column_and_no_words_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let b = BriefDoc {
        title: "Fiche de préparation — ENGIE".into(),
        subtitle: "Grand compte · préparée le 30/11/2026".into(),
        author: "Camille Dupont".into(),
        sections: vec![Section {
            title: "Chiffres clés".into(),
            body: Body::Fields(vec![
                ("Établissements".into(), "3".into()),
                ("Parrains et marraines (charte signée)".into(), "1".into()),
                ("Contrats aidés en cours dans votre périmètre (DT et dossiers suivis)".into(), "12".into()),
            ]),
            empty: String::new(),
        }],
    };
    let p = write(dir.path(), "brief.pdf", &tremplin_documents::brief::render(&b).unwrap());
    let words = word_boxes(&p);
    assert!(words.iter().any(|w| w.1 == "signée)"), "{words:?}");
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            let overlap =
                a.0 == b.0 && a.2 < b.4 - 0.5 && b.2 < a.4 - 0.5 && a.3 < b.5 - 0.5 && b.3 < a.5 - 0.5;
            assert!(!overlap, "« {} » overlaps « {} »", a.1, b.1);
        }
    }
}
