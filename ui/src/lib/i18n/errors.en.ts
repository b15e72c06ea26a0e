/**
 * The app layer's errors in English. Its messages are French and name their
 * field (« SIRET : la clé de contrôle est fausse… »); each error also has a
 * stable code, and the field at fault when there is one. In English the
 * interface says the rule itself, by `code@field` where a code means
 * different things per field, else by `code`.
 *
 * A field error is shown beside its field's label (and the error summary
 * prefixes the label), so field messages need not name it; general
 * messages stand alone. French messages that carry values (a count, a date,
 * a name) are said so as to stay true without them; a fixed limit of the
 * Rust code is written in. Every code the Rust code can emit has an entry:
 * errors.en.test.ts scans crates/ and src-tauri/ for them.
 */
export const errorsEn: Readonly<Record<string, string>> = {
  // ── Common field rules ─────────────────────────────────────────────────
  required: 'This field is required.',
  too_long: 'Too long.',
  too_many: 'Too many entries.',
  email_format: 'Not a valid e-mail address (e.g. first.last@company.com).',
  phone_format: 'Not a valid phone number (e.g. 03 20 12 34 56 or +33 3 20 12 34 56).',
  website_format: 'Not a valid web address.',
  postcode_format: 'A French postcode has five digits.',
  postcode_mismatch: 'This postcode is not one of the municipality’s.',
  unknown_commune: 'No municipality of the Département has this code.',
  commune_code_format:
    'Expected the 5-character INSEE municipality code (e.g. 59350 for Lille); this is not the postcode.',
  naf_format: 'Expected format 99.99X (e.g. 87.10A).',
  rome_format: 'Expected a ROME code: a letter and four digits (e.g. K2204).',
  ft_id_format: 'A France Travail id is 7 digits followed by a letter or a digit (e.g. 1234567A), or 11 digits.',
  idcc_format: 'Not an IDCC code (4 digits, e.g. 1486).',
  headcount_band: 'Not an INSEE headcount band (NN, 00, 01 … 53).',
  number_format: 'Expected a number with at most two decimals (e.g. 12.02).',
  month_format: 'Expected a month as YYYY-MM (e.g. 2026-11).',
  not_digits: 'Digits only.',
  bad_length: 'Wrong number of digits.',
  siret_checksum: 'The check digit is wrong: check the number.',
  siren_checksum: 'The check digit is wrong: check the number.',
  siret_siren_checksum: 'The first 9 digits do not form a valid SIREN: check the number.',
  siret_siren_mismatch: 'The SIRET does not start with the SIREN entered.',
  duplicate_siret: 'Another record already has this SIRET.',
  date_order: 'The dates are in the wrong order.',
  out_of_range: 'Out of the allowed range.',
  'unknown_rome@rome_code': 'Not a job of the ROME 4.0: pick it in the list.',
  'bad_move@status': 'The need cannot move to this stage from where it stands.',
  'bad_move@stage': 'The candidacy cannot move to this stage from where it stands (forward only; hired once selected).',
  'not_on_project@project_id': 'The need is one of a company working on the project: add the company to the project first.',
  'not_on_project@employer_ids': 'A company with a need serving the project stays on it: take the need off the project first.',
  'need_invited@need_ids': 'People are invited for this need: change their invitation first.',
  'attendance_noted@held_on': 'Attendance is noted: the event is not moved to a later date.',
  'not_the_employer@employer_id': 'The need is brought to an event this employer does not take part in.',
  'not_yet@status': 'Not yet: an event is marked held, and attendance noted, on its day or after.',
  'not_yet@held_on': 'A held event is not moved to a later date.',
  'event_closed@event_id': 'People are invited only to a planned event (not held, not cancelled).',
  'not_the_event@need_id': 'The job aimed at is one of the needs the employers bring to the event.',
  'capacity@person_ids': 'The event has no places left for this many people.',
  'not_the_employer@need_ids': 'Each need is one of an employer taking part: add its employer first.',
  'event_cancelled@status': 'The event is cancelled: plan it again before changing the invitations.',
  'event_held@status': 'The event was held: only attendance (present or absent) is noted now.',
  'not_deletable@status': 'The invitation is part of the event’s record (attendance noted, or the event held or cancelled) and stays.',
  not_deletable: 'This candidacy went past “put forward”: mark it “not selected” with its reason instead.',
  'need_closed@need_id': 'Nobody is put forward on a need still to qualify, filled or dropped.',
  'consent_required@consent_how':
    "The person's profile goes to an employer only with her consent: say how she gave it.",
  'hire_form@to': 'Record the hire with its contract (the “Hired…” button).',
  'candidacy_closed@candidacy_id': 'This candidacy has already ended (hired or not selected).',
  'unknown_follow_up@after_months': 'Follow-ups are at 1, 3 or 6 months only.',
  'history_rewritten@history': 'Past stages of a candidacy cannot be changed.',
  'consent_withdrawn@consent_how': 'The person withdrew her consent: her profile no longer goes to an employer.',
  'not_the_need@employer_id': "A hire from a need is made at the need's employer and counts for its convention.",
  'convention_unsigned@convention_id': 'A hire counts for a signed convention only.',
  'not_the_person@candidacy_id': "The candidacy is the hired person's, on the hire's need.",
  'not_the_person@aided_contract_id': "The aided contract is the hired person's.",
  not_follower: 'What the conventions count in a hire is corrected by the officer following it, or an administrator.',
  'bad_date@consent_on':
    'A candidacy is dated the day the person is put forward (at most 30 days before it reaches the server).',
  'bad_date@history': 'A stage is dated the day it is made: not before the previous one, nor in the future.',
  'too_many@need_id': 'At most 1,000 candidacies on one need.',
  'no_consent@to': 'CV sent: the person has not (or no longer) agreed to her profile being shared.',
  'no_consent@consent_on': "The person had not agreed to her profile being shared with an employer on that day.",
  in_future: 'This date is in the future.',
  bad_date: 'Not a calendar date (expected dd/mm/yyyy, e.g. 21/11/2026).',
  bad_value: 'Not one of the choices.',
  sensitive_words:
    'The text contains words about health, sex life or criminal matters, which must not be recorded (GDPR art. 9 and 10): rephrase it, or confirm it holds no such data.',

  // ── Required, per field ────────────────────────────────────────────────
  'required@amendment_purpose': 'Say what the amendment changes.',
  'required@amends_from': 'Enter the date from which the amendment applies.',
  'required@aid_decided_on': 'Enter the date of the aid decision: it is required once the contract is concluded.',
  'required@aid_ends_on': 'Enter the end date of the aid.',
  'required@bilan': 'Write the text of the dated review.',
  'required@bilan_on': 'Enter the date of the review.',
  'required@channel': 'Choose visit, phone, e-mail, video call or event.',
  'required@commitments': 'Add at least one commitment with figures before signature.',
  'required@contact_id': 'Choose an employer contact as mentor.',
  'required@convention_id': 'Choose the convention.',
  'required@cp_number':
    'The Standing committee authorises the signature: enter the number and date of its decision.',
  'required@decision_reference':
    'A waiver of the legal limits is granted by the aid decision: enter its reference number.',
  'required@dept_share_bp': 'Mode B (fixed Département share, CAOM) needs the Département share, from 0 to 100%.',
  'required@due_date': 'Choose a due date.',
  'required@duration_months': 'Enter the duration in months.',
  'required@effective_from': 'Enter the date from which this applies.',
  'required@employer_id': 'Choose the employing establishment.',
  'required@end_reason': 'Enter the end date and the reason for ending together.',
  'required@ends_on': 'A fixed-term contract (CDD) needs its end date.',
  'required@grouping_id': 'Choose the grouping.',
  'required@held_on': 'Enter the date of the meeting.',
  'required@incidents': 'Each incident needs its date.',
  'required@indicator': 'Choose the commitment’s indicator.',
  'required@joined_on': 'Enter the joining date.',
  'required@kind': 'Choose a type.',
  'required@label': 'Describe this commitment.',
  'required@login': 'Enter your username.',
  'required@member_id': 'Choose the member establishment.',
  'required@mentor_id': 'Choose the mentor.',
  'required@organisation_id': 'Choose the organisation.',
  'required@occurred_at': 'Enter the date of the exchange.',
  'required@pairing_id': 'A meeting belongs to a pair: choose it.',
  'required@partner_type': 'Say which type of partner (France Travail, CAF, Region, OPCO, CCI…).',
  'required@partners': 'Add at least one partner before signature.',
  'required@password': 'Enter your password.',
  'required@path': 'Choose where to save the PDF.',
  'required@person_id': 'Choose the person.',
  'required@renewals': 'Each renewal needs its start and end dates, and its review.',
  'required@requested_on': 'Enter the date of the request.',
  'required@row_id': 'An access log entry needs its record and its officer.',
  'required@rsa_share_bp': 'Mode A (legal rule) needs the RSA share (88%, D5134-64).',
  'required@rule_id': 'Choose the aid rule that applies.',
  'required@signatories': 'Each party, the Département included, needs a signatory, with a name and a function.',
  'required@signed_on': 'Enter the date of the last signature.',
  'required@siren': 'A key account needs its SIREN (the group is identified by its SIREN).',
  'required@siret': 'An establishment needs its SIRET.',
  'required@starts_on': 'Enter the start date.',
  'required@suspensions': 'Each suspension needs its start and end dates.',
  'required@targets': 'Enter at least one year and its target.',
  'required@terminated_on': 'Enter the termination date.',
  'required@termination_reason': 'Give the reason for termination.',
  'required@to': 'Choose the new status.',
  'required@tutor_name':
    'The employer names a tutor from the aid application on (R5134-61 for a CIE, R5134-38 for a CAE).',
  'required@unit': 'Say what is counted (e.g. “candidates”).',
  'required@valid_from': 'Enter the date from which the rule applies.',
  'required@year': 'Enter the year concerned.',

  // ── Lengths and counts, per field ──────────────────────────────────────
  'too_long@tags': 'Each tag is 40 characters at most.',
  'too_many@account_team': '20 officers at most.',
  'too_many@attendees': '60 lines at most.',
  'too_many@decisions': '40 lines at most.',
  'too_many@partner_ids': '20 partners at most.',
  'too_many@rome_codes': '5 ROME codes at most.',
  'too_many@tags': '20 tags at most.',

  // ── Ranges, per field ──────────────────────────────────────────────────
  'out_of_range@actual': 'Above the largest value accepted (100,000).',
  'out_of_range@amount_cents':
    'Outside the expected range: an hourly minimum wage from €5 to €50, an RSA amount from €200 to €2,000.',
  'out_of_range@base_rate_bp':
    'The State’s rate cannot exceed the rule’s rate (the top-up is the Département’s).',
  'out_of_range@contract_hours_centi': 'More than 0 and at most 48 h a week (maximum working time).',
  'out_of_range@cure_days': '365 days at most.',
  // An aided contract's rule (1 to 120 months) and a need's (1 to 36).
  'out_of_range@duration_months': 'Not an allowed duration in months (at least 1).',
  'out_of_range@rsa_share_bp': '100% at most.',
  'out_of_range@rsa_share_7h_bp': '100% at most.',
  'out_of_range@dept_share_bp': '100% at most.',
  'out_of_range@geiq_label_year': 'Not a plausible year.',
  'out_of_range@hours_cap_centi': 'More than 0 and at most 35 h a week (legal working week).',
  'out_of_range@hours_centi': 'More than 0 and at most 48 h a week (maximum working time).',
  'out_of_range@interval_minutes': 'From 1 to 240 minutes.',
  'out_of_range@max_mentees': 'From 1 to 10.',
  'out_of_range@max_months_cdd': 'From 1 to 60 months.',
  'out_of_range@max_months_cdi': 'From 1 to 60 months.',
  'out_of_range@months': 'At least 1 month, and no more than this rule allows.',
  'out_of_range@notice_months': '24 months at most.',
  'out_of_range@suspensions': 'The share of pay kept during a suspension is 100% at most.',
  'out_of_range@target_pairs': '10,000 pairs at most.',
  'out_of_range@targets': 'Each target is from 1 to 100,000.',
  'out_of_range@version': 'Versions start at 1.',
  'out_of_range@year': 'Not a plausible year.',

  // ── Dates in order, per field ──────────────────────────────────────────
  'date_order@aid_ends_on': 'The aid ends before it starts.',
  'date_order@aid_starts_on': 'The aid cannot start before the contract.',
  'date_order@bilan_on': 'The review is dated before the contract starts.',
  'date_order@consents': 'A consent is withdrawn before it was given.',
  'date_order@ended_on': 'The pair ends before it starts.',
  'date_order@ends_on': 'The end date is before the start date.',
  'date_order@extended_to': 'The extension must end after the planned end.',
  'date_order@held_on': 'The meeting is dated before the pair started.',
  'date_order@incidents': 'An incident cannot be before the contract starts, nor reported before it occurred.',
  'date_order@planned_end_on': 'The planned end must be after the start.',
  'date_order@renewals': 'A renewal ends before it starts.',
  'date_order@signed_on': 'The employment contract is signed no later than the day it starts.',
  'date_order@suspensions': 'A suspension lies within the aid period and ends after it starts.',
  'date_order@valid_to': 'The end date is before the start date.',
  before_signature: 'This date is before the signature.',
  'before_signature@amends_from': 'The amendment cannot take effect before it is signed.',
  'before_signature@starts_on': 'The start date is before the signature date.',
  'before_signature@terminated_on': 'The termination date is before the signature.',
  before_joining: 'The leaving date is before the joining date.',
  'in_future@at': 'This device’s clock is ahead: set the computer’s clock.',
  'in_future@occurred_at': 'The exchange is dated in the future: for an upcoming appointment, create a follow-up.',
  'in_future@signed_on': 'The signature date cannot be in the future.',
  not_started: 'Not in effect yet: this can only be done from its start date.',
  'not_started@amends_from': 'The amendment only applies from its date of effect, which is still to come.',
  'not_started@starts_on': 'The convention only takes effect on its start date, which is still to come.',
  year_out_of_range: 'This year is outside the convention’s duration.',
  'year_out_of_range@starts_on':
    'With this start date, a commitment has targets outside the convention’s years: correct them (by an amendment) or the date.',

  // ── Organisations ──────────────────────────────────────────────────────
  bad_parent:
    'This attachment is not possible: choose an existing organisation other than this one, of a type that can have establishments and not itself attached (choose its group head); an organisation that has its own establishments cannot be attached.',
  geiq_label_not_allowed: 'Only for a GEIQ.',
  has_children:
    'This organisation has attached establishments or members: detach or delete them first.',
  has_conventions:
    'This organisation is a party to conventions: it cannot be deleted. Set its status to “Closed” or “Dormant”.',
  has_history:
    'This organisation has logged exchanges: it cannot be deleted. Set its status to “Closed” or “Dormant”.',
  idcc_not_allowed: 'Only for employers’ groupings and GEIQs.',
  kind_has_children: 'This type of organisation cannot have attached establishments: detach them first.',
  parent_not_allowed: 'A key account heads its group: it cannot be attached to another organisation.',
  partner_type_not_allowed: 'Only for institutional partners.',
  siret_on_group: 'A key account is identified by its SIREN: enter the SIRET on each of its establishments.',
  team_not_allowed: 'Only for key accounts.',
  unknown_organisation: 'This organisation does not exist or has been deleted.',
  unknown_officer: 'This officer is not known on this computer.',
  unknown_dt: 'Not a territorial directorate.',
  dt_format: 'Invalid territorial directorate code.',

  // ── Groupings and key accounts ─────────────────────────────────────────
  already_member: 'This establishment is already a member over this period.',
  not_a_grouping: 'Only an employers’ grouping or a GEIQ has members.',
  'not_a_grouping@user_establishment_ids':
    'User establishments only apply when the employer is an employers’ grouping or a GEIQ.',
  not_a_large_account: 'The account plan is for key accounts only.',
  not_a_member: 'A user establishment is not a member of the employer’s grouping.',
  not_an_employer: 'Choose a company or an employing establishment.',
  self_member: 'A grouping cannot be a member of itself.',

  // ── Exchanges, contacts, follow-ups ────────────────────────────────────
  bad_contact: 'This person is not a contact of the chosen organisation.',
  forbidden:
    'Only the officer who logged this exchange can change or delete it (log a new exchange instead); a follow-up is changed only by the officer in charge of it or its creator.',
  unknown_contact: 'Contact not found.',
  unknown_interaction: 'The linked exchange does not exist.',

  // ── Conventions and their lifecycle ────────────────────────────────────
  computed: 'This indicator is counted from the logged exchanges of type “event”: log those instead.',
  duplicate_signatory: 'One signatory per party.',
  duplicate_year: 'A year appears twice.',
  invalid: 'A year appears twice.',
  not_amendable: 'Only a signed or active convention can be amended.',
  not_amended: 'Only the signed amendment that changes this version can say so.',
  not_draft:
    'Only a draft convention can be edited: put a convention being signed back to draft; for a signed one, draft an amendment.',
  not_ended: 'A convention expires only after its end date (otherwise, terminate it).',
  'not_ended@outcomes': 'The pair must have ended first.',
  not_latest: 'An amendment already exists for this version: complete it rather than creating a second one.',
  not_signed: 'The actual is entered once the convention is signed.',
  read_only: 'This cannot be changed.',
  transition_refused:
    'A convention cannot move from its current status to this one; once it can no longer change status, draft an amendment to extend or change it.',
  unknown_party: 'Each signatory represents the Département or one of the parties.',

  // ── Aided contracts (CIE, CAE) and their parameters ────────────────────
  aid_after_contract:
    'The aid cannot run beyond the fixed-term contract (CDD): extend the contract along with the aid.',
  aid_after_signature:
    'The aid is granted before the employment contract is signed (R5134-51 for a CIE): the decision is dated after the signature.',
  already_replaced: 'The line being corrected is no longer in force: it has already been corrected.',
  duration_above_maximum:
    'The aid lasts too long: 24 months at most, renewals included (L5134-69-1 CIE, L5134-25-1 CAE), or 5 years with a waiver.',
  'duration_above_maximum@ends_on': 'The fixed-term contract (CDD) lasts too long: 24 months at most, 60 with a waiver.',
  duration_above_rule: 'The initial aid period is longer than the aid rule allows for this employment contract.',
  duration_below_minimum:
    'The aid lasts at least 6 months, or 3 with a waiver (L5134-69-2 CIE, L5134-25 CAE).',
  employer_attestations:
    'No aid without the employer’s attestations: no economic dismissal in the previous 6 months, no replacement of a dismissed employee, and social contributions paid up (L5134-68 CIE, L5134-21-2 CAE).',
  hours_below_minimum:
    'At least 20 h a week (L5134-70-1 CIE, L5134-26 CAE), unless the “Under 20 h a week” waiver applies.',
  missing_parameter:
    'An hourly minimum wage or RSA amount is missing for a month of the aid: an administrator adds it in the aid parameters.',
  'missing_parameter@mode': 'Mode A: no legal rule is in force that month in the parameters.',
  'missing_parameter@month': 'No hourly minimum wage or RSA amount is in force that month: enter it.',
  no_consent:
    'The person’s consent is not recorded or has been withdrawn (see their record): an aided contract needs consent to tell the employer about the RSA; a pair needs consent to mentoring.',
  not_a_period: 'This rule has no duration.',
  not_a_project: 'Only a planned contract can be deleted; a started contract is ended or broken off.',
  previous_bilan_missing:
    'The review of support and training actions of this employer’s previous aided contract comes before any new aid (L5134-66-1 CIE, L5134-21-1 CAE): record it on that contract.',
  rate_above_legal_max:
    'Above 0 and at most 47% of the minimum wage for a CIE (L5134-72-1), 95% for a CAE (L5134-30-1).',
  rate_above_rule: 'Above the rate the aid rule sets.',
  renewal_gap: 'Each renewal starts the day after the previous period ends.',
  renewal_without_bilan:
    'Each renewal needs the review of support and training actions, dated before the renewal (L5134-67-2 CIE, L5134-25-1 CAE).',
  rule_mismatch: 'This aid rule is for the other type of contract (CIE or CAE).',
  rule_not_in_force: 'This aid rule does not apply on the aid’s start date.',
  rupture_without_incident: 'A broken-off contract needs a “Break-off” incident giving its date.',
  tutor_experience: 'The tutor needs at least two years of work experience (R5134-61 CIE, R5134-38 CAE).',
  tutor_overloaded:
    'This tutor already follows 3 employees on this type of contract with this employer over this period (R5134-61 CIE, R5134-38 CAE).',
  unknown_rule: 'Aid rule not found or replaced: choose a rule in force.',

  // ── Mentoring ──────────────────────────────────────────────────────────
  charter_not_signed: 'The mentor signs the mentoring charter before the first pair.',
  mentor_full: 'This mentor already has the agreed maximum number of mentees.',
  outcome_too_early: 'Too early to record this outcome: wait until it is due.',
  unknown_convention: 'Convention not found, or deleted.',
  unknown_mentor: 'Mentor not found.',
  duplicate: 'Already recorded.',
  'duplicate@consents': 'One entry per consent (its withdrawal included).',
  'duplicate@outcomes': 'This outcome is already recorded.',
  'duplicate@siret':
    'Another organisation already has this SIRET: open its record (search by SIRET) rather than creating another.',

  // ── People, consents, data protection ──────────────────────────────────
  consent_history:
    'A consent keeps its history: it is withdrawn with a date, never erased, and stays as it is once withdrawn; a new consent needs the date and the way it was given, and no date is in the future.',
  has_instruments:
    'This person has an aided contract or a pair: delete them first, or let the record be erased when its retention period ends.',
  need_to_know:
    'Restricted access: this person belongs to another territorial directorate and you are not involved in their support.',
  admin_only: 'Only an administrator can do this: ask one.',
  server_managed:
    'This computer is linked to a server: the server erases what falls due every day, and the erasures arrive with the sync.',

  // ── Records, files, documents ──────────────────────────────────────────
  not_found: 'Not found: it may have been deleted, or be outside your scope.',
  'not_found@id': 'No organisation or convention has this identifier.',
  io: 'The file could not be written: check the location and try again.',
  pdf: 'The PDF could not be generated.',

  // ── Sync and server connection ─────────────────────────────────────────
  already_resolved: 'This conflict is already settled.',
  bad_resolution: 'This choice does not apply to this kind of conflict.',
  row_deleted: 'The record was deleted on the server: the deletion wins.',
  demo: 'The demo database does not sync: start Tremplin without --demo to sign in.',
  invalid_url:
    'Enter the server’s address starting with https:// (e.g. https://tremplin.lenord.fr), with no username or parameters; http:// is only accepted to this computer, for testing.',
  other_account:
    'This computer is linked to another account: its local data cannot move to this one. Use another profile (TREMPLIN_DATA_DIR) or the original account.',
  offline: 'The server cannot be reached: your changes stay on this computer.',
  unauthorized: 'Access refused: the session has expired or the access token is not valid. Sign in again (Server connection).',
  'unauthorized@password': 'Wrong username or password.',
  client_too_old:
    'This version of Tremplin is too old for the server: install the update, then sync. Your changes stay pending on this computer.',
  server_too_old: 'The server is older than this version of Tremplin: tell the administrator.',
  rate_limited:
    'Too many attempts: try again later. If the account is locked, ask the administrator to unlock it.',
  server_error:
    'The server answered with an error or an unreadable reply: try again later; if it persists, tell the administrator.',
  local_error: 'A local error interrupted the sync: try again; if it persists, tell the administrator.',
  account_locked:
    'Too many sign-in attempts: this account is locked; ask the administrator to unlock it. Devices already signed in keep syncing.',
  too_many_attempts: 'Too many sign-in attempts: try again a little later.',
  device_mismatch: 'This device is not the one that signed in: sign in again.',
  database_unavailable: 'The server cannot reach its database: try again in a few minutes.',
  // Refusals of a pushed change (sync issues).
  already_exists: 'This record already exists on the server.',
  append_only: 'A log entry is kept as it is: it cannot be changed or deleted.',
  before_account: 'A log entry cannot be dated before the account was created.',
  invalid_mutation: 'Malformed change.',
  not_author: 'Only the author can change this.',
  'not_author@created_by': 'A follow-up is created in the name of the signed-in person.',
  'not_author@officer_id': 'This is recorded in the name of the signed-in person.',
  not_creator:
    'Only the officer who created this record, or an administrator, can delete it; set its status to “Closed” or “Dormant” instead.',
  out_of_scope: 'This record would fall outside your scope: ask a territorial manager.',
  referenced:
    'Other records refer to this one (contacts, exchanges, conventions, contracts…): it cannot be deleted while they exist.',
  unknown_reference: 'The linked record does not exist on the server, has been deleted or is outside your scope.',
  // A record's shape, checked before its rules (mostly on the server).
  date_out_of_range: 'A date’s year is outside 1900–2100.',
  invalid_record: 'Invalid record.',
  invalid_type: 'A field has a value of an unexpected type.',
  too_large: 'The record is too large.',
  unknown_entity: 'Unknown kind of record.',
  unknown_field: 'Unknown field.',

  // ── This computer: keyring, local database, start-up ───────────────────
  keyring_unavailable:
    'The system keyring cannot be reached; Tremplin keeps in it the key that encrypts your data, and the sync token. Open a desktop session with an unlocked keyring (GNOME Keyring or KWallet), then restart Tremplin. For safety, no unencrypted database is created. (Only Linux is supported so far.)',
  keyring_corrupt: 'The local database’s key stored in the keyring cannot be read.',
  keyring_failure: 'The system keyring reported an error.',
  key_missing:
    'The local database exists but its key is no longer in the keyring: without it, the data cannot be read. Restore the keyring, or rename the database file to start from an empty one (data already synced will come back from the server).',
  wrong_key:
    'The local database cannot be opened with this key: wrong key, or the file is not a Tremplin database.',
  bad_key: 'Invalid encryption key.',
  schema_too_new: 'The local database is newer than this version of Tremplin: update Tremplin.',
  corrupt_data: 'Stored data cannot be read: tell the administrator.',
  storage: 'Local database or disk error: try again; if it persists, tell the administrator.',
  no_data_dir: 'The data folder cannot be found or created.',
  no_profile: 'No officer profile on this computer: sign in, or set up your profile (tremplin profile).',
  bad_seed: 'Demo data: a value is missing or unknown.',

  // ── Requests and internal failures ─────────────────────────────────────
  bad_request: 'Invalid request: the interface sent something the app does not accept. Please report it.',
  unknown_command: 'Unknown command: please report it.',
  internal: 'Internal error: try again; if it persists, tell the administrator.',
  // Built by the interface itself (ui/src/lib/backend).
  no_token: 'Open the full address shown by “tremplin serve-ui” (it holds the access token).',
  unreachable: 'The local Tremplin service is not answering: restart “tremplin serve-ui”.'
};

/**
 * The English of an error: its `code@field` entry, else its code's;
 * undefined when there is none.
 */
export function englishError(code: string, field?: string | null): string | undefined {
  const own = (key: string) => (Object.hasOwn(errorsEn, key) ? errorsEn[key] : undefined);
  return (field ? own(`${code}@${field}`) : undefined) ?? own(code);
}
