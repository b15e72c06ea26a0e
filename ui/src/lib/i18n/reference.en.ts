import type { ReferenceLists } from '$bindings/tremplin';

/**
 * English labels of the app layer's choice lists, by list and code. The app
 * layer answers in French (its labels are the documents' wording); the
 * interface in English shows these instead. A code missing here shows its
 * French label, and the browser test in English lists the French words it
 * must not meet.
 */
type Lists = Omit<ReferenceLists, 'directions_territoriales' | 'epcis' | 'officers' | 'fixed_term_contracts'>;
export const referenceEn: { [K in keyof Lists]: Record<string, string> } & { units: Record<string, string> } = {
  candidacy_stages: {
    propose: 'Put forward', cv_transmis: 'CV sent', entretien: 'Interview', retenu: 'Selected', non_retenu: 'Not selected',
    embauche: 'Hired'
  },
  not_retained_reasons: {
    profil_non_retenu: 'Profile not selected by the employer', candidat_renonce: 'The person withdrew',
    poste_pourvu: 'Job filled by another candidate', absent_entretien: 'Did not attend the interview',
    mobilite_horaires: 'Transport or hours incompatible', sans_reponse_employeur: 'No answer from the employer',
    autre: 'Other reason'
  },
  end_reasons: {
    fin_de_contrat: 'End of contract', rupture_periode_essai: 'Ended during the trial period', demission: 'Resignation',
    licenciement: 'Dismissal', rupture_conventionnelle: 'Negotiated termination', autre_emploi: 'Left for another job',
    autre: 'Other reason'
  },
  consent_hows: { ecrit: 'in writing', oral: 'orally', numerique: 'digitally' },
  event_kinds: {
    job_dating: 'Job dating', forum: 'Job fair', visite_entreprise: 'Company visit',
    information_collective: 'Group information session', petit_dejeuner: 'Employers\' breakfast'
  },
  event_statuses: { prevu: 'Planned', realise: 'Held', annule: 'Cancelled' },
  project_statuses: { en_preparation: 'In preparation', en_cours: 'Works under way', termine: 'Finished' },
  invitation_statuses: { invite: 'Invited', inscrit: 'Registered', excuse: 'Excused', present: 'Present', absent: 'Absent' },
  need_contracts: {
    cdi: 'Permanent (CDI)', cdd: 'Fixed-term (CDD)', interim: 'Temporary agency work', alternance: 'Work-study',
    cui_cie: 'CUI-CIE (subsidised, private sector)', pec_cae: 'PEC-CAE (subsidised, public and non-profit)',
    iae: 'IAE (work integration)', autre: 'Other'
  },
  need_statuses: {
    a_qualifier: 'To qualify', ouvert: 'Open', candidats_proposes: 'Candidates put forward',
    pourvu_partiellement: 'Partly filled', pourvu: 'Filled', abandonne: 'Dropped'
  },
  abandon_reasons: {
    poste_supprime: 'Job cancelled or postponed by the employer', pourvu_autrement: 'Filled through another channel',
    employeur_injoignable: 'Employer cannot be reached', profil_introuvable: 'No matching profile',
    conditions_inadaptees: 'Unsuitable working conditions (hours, transport, pay)', autre: 'Other reason'
  },
  need_sources: {
    visite: 'Company visit', job_dating: 'Job dating', convention: 'Partnership convention', grand_projet: 'Major project',
    france_travail: 'France Travail', autre: 'Other'
  },
  pre_hire_trainings: {
    poei: 'POEI (individual pre-hire training)', afpr: 'AFPR (pre-recruitment training)',
    poec: 'POEC (group pre-hire training)'
  },
  rome_grands_domaines: {
    A: 'Agriculture and fishing, natural and green spaces, animal care', B: 'Arts and crafts',
    C: 'Banking, insurance, real estate', D: 'Retail, sales and large-scale distribution',
    E: 'Communication, media and multimedia', F: 'Construction, building and public works',
    G: 'Hospitality, tourism, leisure and entertainment', H: 'Industry', I: 'Installation and maintenance',
    J: 'Health', K: 'Personal and community services', L: 'Performing arts', M: 'Business support',
    N: 'Transport and logistics'
  },
  channels: { visite: 'Visit', telephone: 'Phone', email: 'E-mail', visio: 'Video call', evenement: 'Event' },
  committee_kinds: { copil: 'Steering committee (COPIL)', comite_technique: 'Technical committee' },
  contact_levels: { national: 'National', regional: 'Regional', local: 'Local (site)' },
  convention_statuses: {
    brouillon: 'Draft', en_signature: 'Being signed', signee: 'Signed', active: 'Active', echue: 'Expired',
    resiliee: 'Terminated'
  },
  headcount_bands: {
    NN: 'Non-employer or unknown', '00': 'No employee', '01': '1 to 2 employees', '02': '3 to 5 employees',
    '03': '6 to 9 employees', '11': '10 to 19 employees', '12': '20 to 49 employees', '21': '50 to 99 employees',
    '22': '100 to 199 employees', '31': '200 to 249 employees', '32': '250 to 499 employees',
    '41': '500 to 999 employees', '42': '1,000 to 1,999 employees', '51': '2,000 to 4,999 employees',
    '52': '5,000 to 9,999 employees', '53': '10,000 employees or more'
  },
  indicators: {
    offres_transmises: 'Job offers passed on first', recrutements: 'Hires of people supported',
    recrutements_durables: 'Lasting hires (CDI or CDD ≥ 6 months)', alternance: 'Work-study hires',
    cdi: 'Permanent (CDI) hires', contrats_aides: 'Subsidised-contract hires (CUI-CIE, PEC-CAE)',
    pmsmp: 'Work-experience periods (PMSMP) hosted', job_datings: 'Job datings, visits and group briefings',
    parrains: 'Mentors mobilised', autre: 'Other indicator'
  },
  units: { offres: 'offers', personnes: 'people', 'périodes': 'periods', actions: 'actions', parrains: 'mentors' },
  objective_statuses: { prevu: 'Planned', en_cours: 'In progress', atteint: 'Achieved', abandonne: 'Dropped' },
  organisation_kinds: {
    entreprise: 'Company', etablissement: 'Establishment', grand_compte: 'Key account',
    groupement_employeurs: 'Employers’ grouping', geiq: 'GEIQ', siae: 'SIAE',
    partenaire_institutionnel: 'Institutional partner'
  },
  organisation_statuses: { prospect: 'Prospect', partenaire_actif: 'Active partner', en_veille: 'Dormant', ferme: 'Closed' },
  partner_types: {
    france_travail: 'France Travail', caf: 'CAF (family allowance fund)', region: 'Region',
    etat: 'State (DREETS, prefecture)', opco: 'OPCO', cci: 'Chamber of commerce (CCI)',
    cma: 'Chamber of trades (CMA)', mission_locale: 'Mission locale', cap_emploi: 'Cap emploi', epci: 'EPCI',
    commune: 'Municipality', association: 'Association', autre: 'Other'
  }
};

/** English names of the kinds of record, by their sync name (the app layer says them in French). */
export const entityEn: Record<string, string> = {
  organisation: 'Organisation', contact: 'Contact', interaction: 'Logged exchange', task: 'Follow-up',
  convention: 'Convention', commitment: 'Commitment', committee_meeting: 'Committee meeting',
  account_objective: 'Account plan objective', membership: 'Membership', person: 'Person supported',
  aided_contract: 'Aided contract', aid_parameter: 'Dated parameter', aid_rule: 'Aid rule',
  mentoring_programme: 'Sponsorship programme', mentor: 'Mentor', pairing: 'Sponsorship pairing',
  mentoring_meeting: 'Sponsorship meeting', audit_entry: 'Access log entry', retention_period: 'Retention period',
  erasure_request: 'Erasure request'
};
