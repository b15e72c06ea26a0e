//! The partnership convention, on the template of docs/domain/conventions.md « Template articles »: title
//! block, parties, the visas in force at signature, preamble, seventeen
//! numbered articles worded for the partner's kind (the commitments as a
//! table), signature blocks, and the annexes (establishments and contacts,
//! indicators, calendar). An avenant is its own document: what it changes,
//! from when, the commitments as amended, its own signatures.

use chrono::NaiveDate;

use crate::DocumentError;
use crate::fonts::Face;
use crate::layout::{Align, BODY, Column, DocumentInfo, Layout};
use crate::text::{long_date, short_date};

/// What the partner is: the body of the convention is worded for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PartnerKind {
    /// A company, an establishment, a large account, an SIAE: it recruits.
    #[default]
    Entreprise,
    /// A groupement d'employeurs or a GEIQ: it recruits for its members.
    Groupement,
    /// A public or institutional partner (France Travail, the Région…).
    Public,
}

impl PartnerKind {
    /// How the text names a single partner of this kind.
    pub fn designation(self) -> &'static str {
        match self {
            Self::Entreprise => "l'Entreprise",
            Self::Groupement => "le Groupement",
            Self::Public => "le Partenaire",
        }
    }

    fn of_the(self) -> &'static str {
        match self {
            Self::Entreprise => "de l'Entreprise",
            Self::Groupement => "du Groupement",
            Self::Public => "du Partenaire",
        }
    }

    fn subject(self) -> &'static str {
        match self {
            Self::Entreprise => "L'Entreprise",
            Self::Groupement => "Le Groupement",
            Self::Public => "Le Partenaire",
        }
    }
}

/// An avenant: its number, what it changes and from when.
#[derive(Debug, Clone, Default)]
pub struct Amendment {
    /// 1 for the first avenant.
    pub number: u32,
    /// When the convention itself was signed.
    pub convention_signed_on: Option<NaiveDate>,
    pub purpose: String,
    pub effective_on: Option<NaiveDate>,
}

/// A party other than the Département.
#[derive(Debug, Clone, Default)]
pub struct Party {
    pub name: String,
    /// Identity sentence: legal form, SIREN, seat… (what is known).
    pub identity: String,
    pub signatory_name: Option<String>,
    pub signatory_function: Option<String>,
}

/// The Département's identity (reference data, not code).
#[derive(Debug, Clone, Default)]
pub struct Departement {
    pub name: String,
    pub address: String,
    pub siret: String,
    pub signatory_name: Option<String>,
    pub signatory_function: Option<String>,
    /// How to reach its data protection officer (reference data).
    pub dpo_contact: String,
}

#[derive(Debug, Clone, Default)]
pub struct Establishment {
    pub name: String,
    pub siret: String,
    pub address: String,
    pub commune: String,
    pub dt: String,
    pub contacts: String,
}

#[derive(Debug, Clone, Default)]
pub struct CommitmentLine {
    pub label: String,
    pub unit: String,
    /// (year, target, actual if known).
    pub years: Vec<(i32, u32, Option<u32>)>,
}

#[derive(Debug, Clone, Default)]
pub struct Meeting {
    pub kind: String,
    pub date: NaiveDate,
    pub summary: String,
}

#[derive(Debug, Clone, Default)]
pub struct ConventionDoc {
    pub number: String,
    pub version_no: u32,
    pub title: String,
    pub status: String,
    pub departement: Departement,
    pub partners: Vec<Party>,
    pub third_parties: Vec<Party>,
    pub cp_number: Option<String>,
    pub cp_date: Option<NaiveDate>,
    pub preamble: Option<String>,
    /// Directions territoriales covered (names); empty: the whole Nord.
    pub territories: Vec<String>,
    pub establishments: Vec<Establishment>,
    /// Calendar years of the convention (table columns).
    pub years: Vec<i32>,
    pub commitments: Vec<CommitmentLine>,
    pub referent: Option<String>,
    pub copil_frequency: Option<String>,
    pub cotech_frequency: Option<String>,
    pub financial_clause: Option<String>,
    pub duration_months: Option<u32>,
    pub notice_months: u32,
    pub cure_days: u32,
    pub place: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub meetings: Vec<Meeting>,
    pub author: String,
    pub partner_kind: PartnerKind,
    /// Months a person's record is kept after the last activity (the
    /// Département's retention period, printed in the data article).
    pub retention_months: u32,
    /// The day the document is printed: the visas are those in force at
    /// the signature, or on this day for a draft.
    pub printed_on: Option<NaiveDate>,
    /// Set for an avenant.
    pub amendment: Option<Amendment>,
}

/// The titles of the numbered articles, in order (tests check each one).
pub fn articles(kind: PartnerKind) -> [String; 17] {
    [
        "Article 1 – Objet".to_string(),
        "Article 2 – Périmètre".to_string(),
        format!("Article 3 – Engagements {}", kind.of_the()),
        "Article 4 – Engagements du Département".to_string(),
        "Article 5 – Engagements des tiers".to_string(),
        "Article 6 – Gouvernance".to_string(),
        "Article 7 – Suivi et évaluation".to_string(),
        "Article 8 – Dispositions financières".to_string(),
        "Article 9 – Protection des données personnelles".to_string(),
        "Article 10 – Non-discrimination".to_string(),
        "Article 11 – Responsabilités".to_string(),
        "Article 12 – Communication".to_string(),
        "Article 13 – Durée".to_string(),
        "Article 14 – Modification".to_string(),
        "Article 15 – Résiliation".to_string(),
        "Article 16 – Règlement des litiges".to_string(),
        "Article 17 – Pièces contractuelles".to_string(),
    ]
}

/// The articles of an avenant, in order.
pub const AMENDMENT_ARTICLES: [&str; 4] = [
    "Article 1 – Objet de l'avenant",
    "Article 2 – Engagements",
    "Article 3 – Prise d'effet",
    "Article 4 – Autres stipulations",
];

/// The visas and the day each text came into force (docs/domain/conventions.md
/// « Parties and visas »): a convention cites those in force when signed.
const VISAS: [(&str, (i32, u32, u32)); 7] = [
    ("VU le Code général des collectivités territoriales ;", (1996, 2, 24)),
    (
        "VU le Code de l'action sociale et des familles, notamment ses articles L. 262-1 et suivants et L. 263-1 et suivants ;",
        (2009, 6, 1),
    ),
    (
        "VU le Code du travail, notamment ses articles L. 5134-19-1 et suivants (contrat unique d'insertion), L. 5135-1 et suivants (périodes de mise en situation en milieu professionnel), L. 5411-1 et suivants ;",
        (2014, 3, 7),
    ),
    ("VU la loi n° 2023-1196 du 18 décembre 2023 pour le plein emploi ;", (2023, 12, 20)),
    ("VU le règlement (UE) 2016/679 (RGPD) et la loi n° 78-17 du 6 janvier 1978 modifiée ;", (2018, 5, 25)),
    (
        "VU la délibération-cadre du Conseil départemental du 17 décembre 2015 « Accès à l'emploi des allocataires du RSA » ;",
        (2015, 12, 17),
    ),
    (
        "VU le Programme départemental d'insertion et le Pacte territorial d'insertion en vigueur ;",
        (2009, 6, 1),
    ),
];

fn visas(c: &ConventionDoc) -> impl Iterator<Item = &'static str> {
    let on = c.signed_on.or(c.printed_on);
    VISAS.iter().filter_map(move |(text, (y, m, d))| {
        let from = NaiveDate::from_ymd_opt(*y, *m, *d)?;
        on.is_none_or(|on| on >= from).then_some(*text)
    })
}

pub fn render(c: &ConventionDoc) -> Result<Vec<u8>, DocumentError> {
    if let Some(a) = &c.amendment {
        return render_amendment(c, a);
    }
    let info = DocumentInfo {
        title: format!("Convention de partenariat n° {} — version {}", c.number, c.version_no),
        author: c.author.clone(),
        subject: c.title.clone(),
    };
    let footer = format!("Convention n° {} · version {} · {}", c.number, c.version_no, c.status);
    let mut l = Layout::new(&info, &footer)?;

    l.centred("CONVENTION DE PARTENARIAT", Face::Bold, 16.0);
    l.centred("pour l'accès et le retour à l'emploi des personnes bénéficiaires du RSA", Face::Regular, 11.0);
    l.space(4.0);
    l.centred(&c.title, Face::Bold, 11.0);
    l.centred(&format!("N° {}     Version {}", c.number, c.version_no), Face::Regular, BODY);
    l.space(12.0);

    parties(&mut l, c);
    l.space(4.0);
    for v in visas(c) {
        l.paragraph(v);
    }
    if c.cp_number.is_some() || c.cp_date.is_some() {
        l.paragraph(&format!(
            "VU la délibération de la Commission permanente{} autorisant la signature ;",
            deliberation(c)
        ));
    }
    l.space(4.0);
    l.bold("IL A ÉTÉ CONVENU CE QUI SUIT :");
    l.space(6.0);

    l.heading("Préambule", 12.0);
    let territories =
        if c.territories.is_empty() { "l'ensemble du Nord".to_string() } else { c.territories.join(", ") };
    l.paragraph(c.preamble.as_deref().unwrap_or(
        "Le Département fait de l'accès à l'emploi des personnes bénéficiaires du RSA sa priorité, dès leur orientation. Les parties unissent leurs moyens pour rapprocher ces personnes des métiers en tension du partenaire, dans le cadre de son engagement de responsabilité sociétale.",
    ));
    l.paragraph(&format!("Territoire(s) concerné(s) : {territories}."));

    let partner_names: Vec<&str> = c.partners.iter().map(|p| p.name.as_str()).collect();
    let articles = articles(c.partner_kind);
    let who = designation(c);
    let who_subject = subject(c);
    l.heading(&articles[0], 12.0);
    l.paragraph(&format!(
        "La présente convention a pour objet de définir les conditions dans lesquelles le Département et {} coopèrent pour favoriser l'employabilité, le recrutement et le maintien dans l'emploi des personnes bénéficiaires du RSA.",
        if partner_names.is_empty() { "ses partenaires".to_string() } else { partner_names.join(", ") }
    ));

    l.heading(&articles[1], 12.0);
    if c.establishments.is_empty() {
        l.paragraph(&format!(
            "La convention s'applique aux établissements du partenaire situés sur {territories}."
        ));
    } else {
        l.paragraph("La convention s'applique aux établissements suivants (détail en annexe 1) :");
        let rows: Vec<Vec<String>> = c
            .establishments
            .iter()
            .map(|e| vec![e.name.clone(), e.siret.clone(), e.commune.clone(), e.dt.clone()])
            .collect();
        l.table(
            &[
                Column { title: "Établissement", width: 4.0, align: Align::Left },
                Column { title: "SIRET", width: 2.6, align: Align::Left },
                Column { title: "Commune", width: 2.4, align: Align::Left },
                Column { title: "Direction territoriale", width: 2.6, align: Align::Left },
            ],
            &rows,
        );
    }

    l.heading(&articles[2], 12.0);
    l.paragraph(&format!(
        "{who_subject} s'engage, chaque année de la convention, sur les objectifs chiffrés suivants :"
    ));
    commitments_table(&mut l, c, false);
    l.paragraph(match c.partner_kind {
        PartnerKind::Entreprise => "Il ou elle désigne un référent entreprise et des tuteurs, assure l'intégration et le suivi dans l'emploi des personnes recrutées, et informe le Département de leur devenir à 1, 3 et 6 mois (données minimales, cf. article 9).",
        PartnerKind::Groupement => "Il désigne un référent et, chez chacun de ses adhérents utilisateurs, des tuteurs ; il assure l'intégration, l'accompagnement et le suivi dans l'emploi des personnes recrutées, et informe le Département de leur devenir à 1, 3 et 6 mois (données minimales, cf. article 9).",
        PartnerKind::Public => "Il désigne un référent, mobilise ses services et dispositifs au bénéfice des personnes orientées par le Département, et partage avec lui les informations nécessaires au suivi des parcours (données minimales, cf. article 9).",
    });

    l.heading(&articles[3], 12.0);
    l.paragraph(&format!(
        "Le Département désigne un(e) chargé(e) de relations entreprises référent(e){} ; il assure le repérage, la présélection et la préparation des candidats (ateliers, formations préalables, méthode de recrutement par simulation avec France Travail), mobilise les aides (CIE cofinancé, aides à la mobilité, garde d'enfants) selon les règles en vigueur, assure le suivi dans l'emploi et la médiation, et valorise le partenariat.",
        c.referent.as_deref().map(|r| format!(" : {r}")).unwrap_or_default()
    ));

    l.heading(&articles[4], 12.0);
    if c.third_parties.is_empty() {
        l.paragraph("Sans objet.");
    } else {
        let names: Vec<&str> = c.third_parties.iter().map(|p| p.name.as_str()).collect();
        l.paragraph(&format!(
            "{} apporte(nt) leur concours à la conception, à l'animation et au pilotage du partenariat, et participent à ses instances.",
            names.join(", ")
        ));
    }

    l.heading(&articles[5], 12.0);
    l.paragraph(&format!(
        "6.1 Un comité de pilotage (COPIL) réunit les signataires ou leurs représentants ; il se réunit {} , valide le bilan et fixe les objectifs de l'année suivante.",
        c.copil_frequency.as_deref().unwrap_or("au moins une fois par an")
    ).replace(" ,", ","));
    l.paragraph(&format!(
        "6.2 Un comité technique réunit les référents opérationnels ; il se réunit {} et suit les recrutements et les actions.",
        c.cotech_frequency.as_deref().unwrap_or("chaque trimestre")
    ));
    l.paragraph("6.3 Les comptes rendus sont diffusés aux parties sous quinze jours.");

    l.heading(&articles[6], 12.0);
    l.paragraph("Les indicateurs de suivi figurent en annexe 2 (valeurs cibles et réalisées, par année).");

    l.heading(&articles[7], 12.0);
    l.paragraph(
        c.financial_clause
            .as_deref()
            .unwrap_or("La présente convention n'emporte aucun engagement financier entre les parties."),
    );

    l.heading(&articles[8], 12.0);
    data_protection(&mut l, c, who);

    l.heading(&articles[9], 12.0);
    l.paragraph("Les parties s'interdisent toute discrimination au sens de l'article L. 1132-1 du Code du travail et des articles 225-1 et suivants du Code pénal, dans le repérage, la présélection et le recrutement des candidats, qui sont présentés et choisis sur leurs seules compétences et aptitudes. Elles veillent à l'égalité professionnelle entre les femmes et les hommes.");

    l.heading(&articles[10], 12.0);
    l.paragraph("Chaque partie demeure responsable des actions qu'elle conduit et des personnels qu'elle emploie ; les personnes recrutées relèvent de la seule autorité de leur employeur. Chaque partie s'assure pour les risques liés à son activité. La convention ne crée ni société, ni mandat, ni lien de subordination entre les parties.");

    l.heading(&articles[11], 12.0);
    l.paragraph("Toute communication sur le partenariat mentionne les parties et fait l'objet de leur accord préalable, notamment pour l'usage des logos.");

    l.heading(&articles[12], 12.0);
    let duration = c.duration_months.map_or("La convention".to_string(), |m| {
        format!("La convention est conclue pour une durée de {m} mois")
    });
    let span = match (c.starts_on, c.ends_on) {
        (Some(s), Some(e)) => format!(", soit du {} au {}", long_date(s), long_date(e)),
        _ => String::new(),
    };
    l.paragraph(&format!(
        "{duration} à compter de la date de signature par la dernière partie{span}. Elle peut être prolongée par avenant."
    ));

    l.heading(&articles[13], 12.0);
    l.paragraph("Toute modification fait l'objet d'un avenant signé des parties, qui dit ce qu'il modifie et à partir de quand.");

    l.heading(&articles[14], 12.0);
    l.paragraph(&format!(
        "Chaque partie peut résilier la convention moyennant un préavis de {} mois, par lettre recommandée avec accusé de réception, ou pour manquement après une mise en demeure restée sans effet pendant {} jours.",
        c.notice_months, c.cure_days
    ));

    l.heading(&articles[15], 12.0);
    l.paragraph("Les parties recherchent une solution amiable à tout différend ; à défaut, le Tribunal administratif de Lille est compétent.");

    l.heading(&articles[16], 12.0);
    l.paragraph("La convention comprend le présent document et ses annexes : l'annexe 1 (établissements et contacts) et l'annexe 2 (tableau des indicateurs) ont la même valeur contractuelle que les articles ; l'annexe 3 (calendrier des instances) est indicative. En cas de contradiction, les articles prévalent sur les annexes, et un avenant sur la convention qu'il modifie.");

    closing(&mut l, c);

    l.new_page();
    l.heading("Annexe 1 – Établissements et contacts", 13.0);
    if c.establishments.is_empty() {
        l.paragraph("Aucun établissement n'est désigné : la convention couvre les établissements du partenaire sur le territoire visé.");
    } else {
        let rows: Vec<Vec<String>> = c
            .establishments
            .iter()
            .map(|e| {
                vec![
                    e.name.clone(),
                    e.siret.clone(),
                    [e.address.as_str(), e.commune.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", "),
                    e.dt.clone(),
                    e.contacts.clone(),
                ]
            })
            .collect();
        l.table(
            &[
                Column { title: "Établissement", width: 3.0, align: Align::Left },
                Column { title: "SIRET", width: 2.4, align: Align::Left },
                Column { title: "Adresse", width: 3.0, align: Align::Left },
                Column { title: "DT", width: 2.0, align: Align::Left },
                Column { title: "Contacts", width: 3.0, align: Align::Left },
            ],
            &rows,
        );
    }
    l.heading("Annexe 2 – Tableau des indicateurs", 13.0);
    commitments_table(&mut l, c, true);
    l.heading("Annexe 3 – Calendrier des instances", 13.0);
    if c.meetings.is_empty() {
        l.paragraph("Les dates des comités sont fixées par le premier comité de pilotage.");
    } else {
        let rows: Vec<Vec<String>> =
            c.meetings.iter().map(|m| vec![short_date(m.date), m.kind.clone(), m.summary.clone()]).collect();
        l.table(
            &[
                Column { title: "Date", width: 1.4, align: Align::Left },
                Column { title: "Instance", width: 2.6, align: Align::Left },
                Column { title: "Participants et décisions", width: 6.0, align: Align::Left },
            ],
            &rows,
        );
    }
    Ok(l.finish())
}

/// The parties: the Département, then each partner and third party.
fn parties(l: &mut Layout, c: &ConventionDoc) {
    let d = &c.departement;
    let authorised = match (&c.cp_number, c.cp_date) {
        (None, None) => " à cet effet".to_string(),
        _ => format!(" par délibération de la Commission permanente{}", deliberation(c)),
    };
    l.bold("ENTRE");
    l.paragraph(&format!(
        "{}, collectivité territoriale, dont le siège est {}, SIRET {}, représenté par {}, {}, dûment habilité(e){authorised}, ci-après dénommé « le Département », d'une part,",
        d.name,
        d.address,
        d.siret,
        d.signatory_name.as_deref().unwrap_or("son Président"),
        d.signatory_function.as_deref().unwrap_or("Président du Conseil départemental"),
    ));
    for (i, p) in c.partners.iter().enumerate() {
        l.bold("ET");
        let designation = if c.partners.len() == 1 {
            format!("« {} »", c.partner_kind.designation())
        } else {
            format!("« le Partenaire {} »", i + 1)
        };
        l.paragraph(&format!(
            "{}{}, {}ci-après dénommé(e) {designation},",
            p.name,
            sep(&p.identity),
            represented(p)
        ));
    }
    for p in &c.third_parties {
        l.bold("ET");
        l.paragraph(&format!("{}{}, {}partie tierce,", p.name, sep(&p.identity), represented(p)));
    }
    l.paragraph("d'autre part,");
}

/// How the text names the partner(s).
fn designation(c: &ConventionDoc) -> &'static str {
    if c.partners.len() > 1 { "les Partenaires" } else { c.partner_kind.designation() }
}

fn subject(c: &ConventionDoc) -> &'static str {
    if c.partners.len() > 1 { "Chaque Partenaire" } else { c.partner_kind.subject() }
}

/// Article 9: purpose, legal basis, data, roles, retention, rights and
/// the DPO, security and breaches (GDPR art. 5, 6, 24, 33).
fn data_protection(l: &mut Layout, c: &ConventionDoc, who: &str) {
    l.paragraph("9.1 Finalité. Les données échangées servent au seul suivi des recrutements et du maintien dans l'emploi des personnes bénéficiaires du RSA accompagnées au titre de la présente convention.");
    l.paragraph(&format!("9.2 Base légale. Le traitement relève de la mission d'intérêt public du Département en matière d'insertion (RGPD, art. 6.1.e ; Code de l'action sociale et des familles, art. L. 262-1 et suivants). La transmission d'un CV à {who}, ou de la qualité de bénéficiaire du RSA, requiert l'accord préalable de la personne, qu'elle peut retirer à tout moment."));
    l.paragraph("9.3 Données. Seules les données strictement nécessaires sont échangées ; aucune donnée relative à la santé, à la situation judiciaire, aux origines ou aux convictions n'est transmise.");
    l.paragraph("9.4 Rôles. Chaque partie est responsable des traitements qu'elle met en œuvre (RGPD, art. 24) et n'utilise les données reçues que pour la finalité ci-dessus.");
    l.paragraph(&format!("9.5 Conservation. Les données sont conservées le temps du suivi, et au plus {} mois après la dernière activité ; elles sont ensuite effacées. Les montants des aides sont conservés, sans l'identité des personnes, pour le contrôle des comptes publics.", c.retention_months));
    l.paragraph(&format!("9.6 Droits. Les personnes exercent leurs droits d'accès, de rectification, d'effacement, de limitation et d'opposition auprès du délégué à la protection des données du Département : {}. Elles peuvent saisir la CNIL.", c.departement.dpo_contact));
    l.paragraph("9.7 Sécurité et violations. Chaque partie assure la sécurité des données qu'elle détient. Toute violation de données est notifiée aux autres parties sans délai et au plus tard 48 heures après sa découverte, afin que la CNIL soit notifiée dans les 72 heures (RGPD, art. 33).");
}

/// An avenant: its number and the convention it amends, the parties, what
/// it changes, the commitments as amended, when it takes effect, and its
/// own signatures.
fn render_amendment(c: &ConventionDoc, a: &Amendment) -> Result<Vec<u8>, DocumentError> {
    let info = DocumentInfo {
        title: format!("Avenant n° {} à la convention de partenariat n° {}", a.number, c.number),
        author: c.author.clone(),
        subject: c.title.clone(),
    };
    let footer = format!("Avenant n° {} · convention n° {} · {}", a.number, c.number, c.status);
    let mut l = Layout::new(&info, &footer)?;
    l.centred(&format!("AVENANT N° {}", a.number), Face::Bold, 16.0);
    l.centred(&format!("à la convention de partenariat n° {}", c.number), Face::Regular, 12.0);
    l.space(4.0);
    l.centred(&c.title, Face::Bold, 11.0);
    l.space(12.0);
    parties(&mut l, c);
    l.space(4.0);
    l.paragraph(&format!(
        "VU la convention de partenariat n° {}{} et, le cas échéant, ses avenants antérieurs ;",
        c.number,
        a.convention_signed_on.map(|d| format!(" signée le {}", long_date(d))).unwrap_or_default()
    ));
    if c.cp_number.is_some() || c.cp_date.is_some() {
        l.paragraph(&format!(
            "VU la délibération de la Commission permanente{} autorisant la signature du présent avenant ;",
            deliberation(c)
        ));
    }
    l.space(4.0);
    l.bold("IL A ÉTÉ CONVENU CE QUI SUIT :");
    l.space(6.0);
    l.heading(AMENDMENT_ARTICLES[0], 12.0);
    l.paragraph(&a.purpose);
    l.heading(AMENDMENT_ARTICLES[1], 12.0);
    l.paragraph("Les objectifs chiffrés de la convention sont, à compter de la prise d'effet du présent avenant, ceux du tableau suivant ; les réalisations déjà constatées sont conservées (annexe).");
    commitments_table(&mut l, c, false);
    l.heading(AMENDMENT_ARTICLES[2], 12.0);
    let span = match (c.starts_on, c.ends_on) {
        (Some(s), Some(e)) => {
            format!(" La convention conserve sa durée : du {} au {}.", long_date(s), long_date(e))
        }
        _ => String::new(),
    };
    l.paragraph(&format!(
        "Le présent avenant prend effet le {}.{span}",
        a.effective_on.map(long_date).unwrap_or_else(|| "jour de sa signature par la dernière partie".into())
    ));
    l.heading(AMENDMENT_ARTICLES[3], 12.0);
    l.paragraph("Toutes les autres stipulations de la convention demeurent inchangées et continuent de produire leurs effets.");
    closing(&mut l, c);
    l.new_page();
    l.heading("Annexe – Tableau des indicateurs (cibles et réalisations)", 13.0);
    commitments_table(&mut l, c, true);
    Ok(l.finish())
}

fn deliberation(c: &ConventionDoc) -> String {
    match (&c.cp_number, c.cp_date) {
        (Some(n), Some(d)) => format!(" n° {n} du {}", long_date(d)),
        (Some(n), None) => format!(" n° {n}"),
        (None, Some(d)) => format!(" du {}", long_date(d)),
        (None, None) => String::new(),
    }
}

fn sep(identity: &str) -> String {
    if identity.is_empty() { String::new() } else { format!(", {identity}") }
}

fn represented(p: &Party) -> String {
    match (&p.signatory_name, &p.signatory_function) {
        (Some(n), Some(f)) => format!("représenté(e) par {n}, {f}, "),
        (Some(n), None) => format!("représenté(e) par {n}, "),
        _ => String::new(),
    }
}

/// The commitments, one row each; with `actuals`, target / actual per year.
fn commitments_table(l: &mut Layout, c: &ConventionDoc, actuals: bool) {
    if c.commitments.is_empty() {
        l.paragraph("Aucun engagement chiffré n'est encore inscrit.");
        return;
    }
    let year_titles: Vec<String> = c
        .years
        .iter()
        .map(|y| if actuals { format!("{y} cible / réalisé") } else { y.to_string() })
        .collect();
    let mut columns = vec![
        Column { title: "N°", width: 0.7, align: Align::Right },
        Column { title: "Engagement", width: 5.0, align: Align::Left },
        Column { title: "Unité", width: 1.6, align: Align::Left },
    ];
    for t in &year_titles {
        columns.push(Column { title: t, width: if actuals { 1.6 } else { 1.1 }, align: Align::Right });
    }
    let rows: Vec<Vec<String>> = c
        .commitments
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let mut row = vec![format!("{}", i + 1), k.label.clone(), k.unit.clone()];
            for y in &c.years {
                let cell = match k.years.iter().find(|(year, _, _)| year == y) {
                    None => "—".to_string(),
                    Some((_, target, actual)) if actuals => {
                        format!("{target} / {}", actual.map_or("—".to_string(), |a| a.to_string()))
                    }
                    Some((_, target, _)) => target.to_string(),
                };
                row.push(cell);
            }
            row
        })
        .collect();
    l.table(&columns, &rows);
}

/// « Fait à …, le …, en n exemplaires originaux », then each party's block.
fn closing(l: &mut Layout, c: &ConventionDoc) {
    l.space(8.0);
    let originals = 1 + c.partners.len() + c.third_parties.len();
    l.paragraph(&format!(
        "Fait à {}, le {}, en {originals} exemplaires originaux.",
        c.place.as_deref().unwrap_or("Lille"),
        c.signed_on.map(long_date).unwrap_or_else(|| "……………………".into())
    ));
    signatures(l, c);
}

fn signatures(l: &mut Layout, c: &ConventionDoc) {
    let mut blocks: Vec<(String, String, String)> = vec![(
        c.departement.name.clone(),
        c.departement.signatory_name.clone().unwrap_or_default(),
        c.departement.signatory_function.clone().unwrap_or_default(),
    )];
    for p in c.partners.iter().chain(&c.third_parties) {
        blocks.push((
            p.name.clone(),
            p.signatory_name.clone().unwrap_or_default(),
            p.signatory_function.clone().unwrap_or_default(),
        ));
    }
    for (party, name, function) in blocks {
        l.ensure(90.0);
        l.space(8.0);
        l.bold(&format!("Pour {party}"));
        if !name.is_empty() {
            l.paragraph_at(&name, Face::Regular, BODY, 0.0);
        }
        if !function.is_empty() {
            l.paragraph_at(&function, Face::Regular, BODY, 0.0);
        }
        l.paragraph_at("Date, signature et cachet :", Face::Regular, BODY - 1.0, 0.0);
        l.space(36.0);
    }
}
