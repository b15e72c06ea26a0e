// Generated from the Rust DTOs by `UPDATE_BINDINGS=1 cargo test -p tremplin-app bindings`.
// Do not edit by hand.

export type AppError = { code: string, message: string, 
/**
 * The request field at fault, when there is one.
 */
field: string | null, 
/**
 * Every field at fault when a form was checked whole (the first is
 * `field` and `message`); empty otherwise.
 */
errors: Array<FieldError>, };

export type FieldError = { code: string, field: string, message: string, };

export type IdRequest = { id: string, };

export type UpdateRequest<T> = { id: string, input: T, 
/**
 * The officer confirmed free text holds no sensitive data (where the
 * record has free text about people).
 */
confirm_sensitive: boolean, };

export type NafVersion = "NAF_REV2" | "NAF2025";

export type OrgKind = "entreprise" | "etablissement" | "grand_compte" | "groupement_employeurs" | "geiq" | "siae" | "partenaire_institutionnel";

export type OrgStatus = "prospect" | "partenaire_actif" | "en_veille" | "ferme";

export type PartnerType = "france_travail" | "caf" | "region" | "etat" | "opco" | "cci" | "cma" | "mission_locale" | "cap_emploi" | "epci" | "commune" | "association" | "autre";

export type OrganisationInput = { kind: OrgKind | null, name: string, legal_name: string | null, siren: string | null, siret: string | null, naf_code: string | null, naf_version: NafVersion | null, commune_code: string | null, postcode: string | null, address: string | null, phone: string | null, email: string | null, website: string | null, headcount_band: string | null, parent_id: string | null, owner_id: string | null, status: OrgStatus | null, partner_type: PartnerType | null, tags: Array<string>, notes: string | null, 
/**
 * Collective agreement of an employer grouping (IDCC, 4 digits).
 */
idcc: string | null, 
/**
 * Year a GEIQ was (last) labelled by the Fédération.
 */
geiq_label_year: number | null, 
/**
 * Large account: officers of the account team besides its owner.
 */
account_team: Array<string>, };

export type Organisation = { kind: OrgKind, name: string, legal_name: string | null, siren: Siren | null, siret: Siret | null, naf_code: NafCode | null, naf_version: NafVersion | null, commune_code: CommuneCode | null, postcode: Postcode | null, address: string | null, phone: Phone | null, email: Email | null, website: string | null, headcount_band: string | null, parent_id: string | null, owner_id: string | null, status: OrgStatus, partner_type: PartnerType | null, tags: Array<string>, notes: string | null, idcc: string | null, geiq_label_year: number | null, account_team: Array<string>, };

export type Siren = string;

export type Siret = string;

export type NafCode = string;

export type CommuneCode = string;

export type Postcode = string;

export type Email = string;

export type Phone = string;

export type ContactInput = { organisation_id: string | null, first_name: string | null, last_name: string, job_title: string | null, email: string | null, phone: string | null, mobile: string | null, notes: string | null, level: ContactLevel | null, };

export type Channel = "visite" | "telephone" | "email" | "visio" | "evenement";

export type InteractionInput = { organisation_id: string | null, contact_id: string | null, occurred_at: string | null, channel: Channel | null, subject: string, notes: string | null, outcome: string | null, };

export type TaskStatus = "a_faire" | "faite" | "annulee";

export type TaskInput = { title: string, notes: string | null, due_date: string | null, 
/**
 * Defaults to the officer creating the task.
 */
assignee_id: string | null, organisation_id: string | null, interaction_id: string | null, };

export type Officer = { id: string, display_name: string, email: string | null, dt_code: string | null, };

export type IssueKind = "conflict" | "rejection";

export type SyncIssue = { id: string, kind: IssueKind, entity: string, 
/**
 * French name of the kind of record.
 */
entity_label: string, row_id: string, 
/**
 * The record's name, if it is still on this device.
 */
row_title: string | null, 
/**
 * create | update | delete
 */
mutation_kind: string, field: string | null, local_value: unknown, server_value: unknown, server_version: number | null, row_deleted: boolean, code: string | null, message: string | null, created_at: string, resolved_at: string | null, resolution: string | null, };

export type SyncStatus = { 
/**
 * Logged in to a server (a device token is held).
 */
configured: boolean, server_url: string | null, login: string | null, last_success_at: string | null, last_attempt_at: string | null, 
/**
 * The last cycle's error, if it failed.
 */
last_error: AppError | null, 
/**
 * The last cycle could not reach the server.
 */
offline: boolean, in_progress: boolean, pending_changes: number, 
/**
 * Conflicts and refusals waiting for the officer.
 */
open_issues: number, interval_minutes: number, 
/**
 * A demo database never syncs.
 */
demo: boolean, };

export type DataChange = { entities: Array<string>, 
/**
 * Anything may have changed (a purge, the end of a full re-pull).
 */
everything: boolean, };

export type LoginInput = { server_url: string, login: string, password: string, 
/**
 * How the device appears in the account's device list.
 */
device_name: string, };

export type CycleReport = { pushed: number, conflicts: number, rejected: number, pulled: number, forgotten: number, 
/**
 * A full re-pull took place (scope change, or a long time offline).
 */
full_resync: boolean, 
/**
 * Time spent pushing, then pulling (milliseconds).
 */
push_ms: number, pull_ms: number, };

export type SyncSettings = { interval_minutes: number, };

export type SyncNowResponse = { report: CycleReport, status: SyncStatus, };

export type IssuesRequest = { 
/**
 * Also the settled ones (history).
 */
include_resolved: boolean, };

export type Resolution = "keep_server" | "keep_mine" | "retry" | "discard";

export type ResolveRequest = { id: string, resolution: Resolution, };

export type Page<T> = { 
/**
 * Rows matching the filters, all pages together.
 */
total: number, offset: number, items: Array<T>, };

export type OrgSort = "name" | "commune" | "updated_at" | "created_at";

export type OrganisationFilter = { 
/**
 * Any of these kinds (empty: all).
 */
kinds: Array<OrgKind>, dt_code: string | null, epci_siren: string | null, status: OrgStatus | null, owner_id: string | null, tag: string | null, parent_id: string | null, 
/**
 * Words to find (name, SIRET, commune…), prefix-matched, accents ignored.
 */
text: string | null, sort: OrgSort, descending: boolean, offset: number, limit: number, };

export type OrganisationSummary = { id: string, kind: OrgKind, name: string, siren: string | null, siret: string | null, commune_code: string | null, commune_name: string | null, epci_siren: string | null, epci_name: string | null, dt_code: string | null, dt_name: string | null, status: OrgStatus, owner_id: string | null, owner_name: string | null, parent_id: string | null, tags: Array<string>, updated_at: string, last_contact_at: string | null, };

export type OrganisationDetail = { id: string, data: Organisation, created_at: string, updated_at: string, 
/**
 * Server version (0: not yet synced).
 */
version: number, siren_display: string | null, siret_display: string | null, phone_display: string | null, naf_label: string | null, headcount_label: string | null, commune_name: string | null, epci_siren: string | null, epci_name: string | null, dt_code: string | null, dt_name: string | null, owner_name: string | null, parent: OrganisationSummary | null, 
/**
 * Establishments (or members) attached to this organisation.
 */
children: Array<OrganisationSummary>, 
/**
 * Whether establishments may be attached to it (by its kind).
 */
can_have_establishments: boolean, contact_count: number, interaction_count: number, open_task_count: number, };

export type ContactView = { id: string, organisation_id: string, organisation_name: string | null, first_name: string | null, last_name: string, job_title: string | null, email: string | null, phone: string | null, mobile: string | null, notes: string | null, updated_at: string, last_interaction_at: string | null, level: ContactLevel | null, };

export type InteractionView = { id: string, organisation_id: string, organisation_name: string | null, contact_id: string | null, contact_name: string | null, officer_id: string, officer_name: string | null, occurred_at: string, channel: Channel, subject: string, notes: string | null, outcome: string | null, };

export type TaskView = { id: string, title: string, notes: string | null, due_date: string, status: TaskStatus, assignee_id: string, assignee_name: string | null, organisation_id: string | null, organisation_name: string | null, interaction_id: string | null, completed_at: string | null, };

export type SearchEntity = "organisation" | "contact" | "interaction";

export type SearchHit = { entity: SearchEntity, id: string, title: string, subtitle: string | null, 
/**
 * For contacts and contact-log entries: the organisation to open.
 */
organisation_id: string | null, 
/**
 * The whole name equals the query.
 */
exact: boolean, };

export type Commune = { code: string, nom: string, codes_postaux: Array<string>, epci_siren: string | null, epci_nom: string | null, dt_code: string | null, dt_nom: string | null, population: number | null, };

export type CodeLabel = { code: string, label: string, };

export type ContactListRequest = { 
/**
 * Only this organisation's contacts (and its establishments').
 */
organisation_id: string | null, 
/**
 * Start of the last name, accents and case ignored.
 */
name_prefix: string | null, offset: number, limit: number, };

export type FollowUpInput = { title: string, due_date: string | null, notes: string | null, };

export type LogInteractionRequest = { interaction: InteractionInput, follow_up: FollowUpInput | null, 
/**
 * The officer confirmed the report holds no sensitive data.
 */
confirm_sensitive: boolean, };

export type LogInteractionResponse = { interaction: InteractionView, follow_up: TaskView | null, };

export type TimelineRequest = { organisation_id: string, offset: number, limit: number, };

export type RecentRequest = { limit: number, };

export type DueRequest = { 
/**
 * How many days ahead "à venir" reaches (default 7).
 */
days: number, };

export type NeedContract = "cdi" | "cdd" | "interim" | "alternance" | "cui_cie" | "pec_cae" | "iae" | "autre";

export type NeedStatus = "a_qualifier" | "ouvert" | "candidats_proposes" | "pourvu_partiellement" | "pourvu" | "abandonne";

export type AbandonReason = "poste_supprime" | "pourvu_autrement" | "employeur_injoignable" | "profil_introuvable" | "conditions_inadaptees" | "autre";

export type NeedSource = "visite" | "job_dating" | "convention" | "grand_projet" | "france_travail" | "autre";

export type PreHireTraining = "poei" | "afpr" | "poec";

export type NeedInput = { employer_id: string | null, rome_code: string, 
/**
 * The precise title the employer uses (ROME 4.0 calls it the
 * appellation; none is published in a package, so it is typed).
 */
job_title: string, positions: number | null, contract: NeedContract | null, 
/**
 * Weekly hours in hundredths (35 h = 3 500).
 */
weekly_hours_centi: number | null, 
/**
 * For a contract with an end.
 */
duration_months: number | null, 
/**
 * Where the job is (INSEE code), when not at the employer's address.
 */
commune_code: string | null, wished_start_on: string | null, 
/**
 * Licences and certificates asked (« permis B », « CACES R489 »).
 */
licences: Array<string>, staggered_hours: boolean, 
/**
 * The workplace can be reached by public transport.
 */
public_transport: boolean, training: PreHireTraining | null, opco: string | null, 
/**
 * Until this date the employer keeps the job for the Département's
 * candidates (« offre réservée »).
 */
reserved_until: string | null, source: NeedSource | null, convention_id: string | null, 
/**
 * The grand projet whose insertion clause it serves.
 */
project_id: string | null, 
/**
 * Defaults to the officer entering it.
 */
owner_id: string | null, notes: string | null, };

export type RecruitmentNeed = { employer_id: string, rome_code: string, job_title: string, positions: number, contract: NeedContract, weekly_hours_centi: number | null, duration_months: number | null, commune_code: CommuneCode | null, wished_start_on: string | null, licences: Array<string>, staggered_hours: boolean, public_transport: boolean, training: PreHireTraining | null, opco: string | null, reserved_until: string | null, source: NeedSource, convention_id: string | null, project_id: string | null, owner_id: string, notes: string | null, status: NeedStatus, abandon_reason: AbandonReason | null, 
/**
 * When it last moved in the pipeline, and who moved it.
 */
status_on: string, status_by: string, 
/**
 * How many people were put forward (any stage), counted by the server
 * over every candidacy: officers outside a person's DT see the number,
 * not who.
 */
candidate_count: number, };

export type NeedSummary = { id: string, employer_id: string, employer_name: string, rome_code: string, 
/**
 * The ROME 4.0 fiche's label (None for a code the nomenclature lost).
 */
rome_label: string | null, job_title: string, positions: number, contract: NeedContract, status: NeedStatus, status_on: string, commune_name: string | null, dt_code: string | null, dt_name: string | null, owner_id: string, owner_name: string | null, wished_start_on: string | null, reserved_until: string | null, 
/**
 * The statuses it may move to from where it stands (the board's drop
 * targets and its « Déplacer vers » list).
 */
moves: Array<NeedStatus>, 
/**
 * People put forward, any stage: the server's count over every DT, or
 * this device's own when it has more (proposed since the last sync).
 */
candidates: number, 
/**
 * Its job is on the métiers en tension list in force on its last move.
 */
tension: boolean, };

export type NeedFilter = { status: NeedStatus | null, 
/**
 * Still to work on (every status but « pourvu » and « abandonné »).
 */
open_only: boolean, dt_code: string | null, 
/**
 * A ROME family: the grand domaine's letter (« H » for industry).
 */
grand_domaine: string | null, owner_id: string | null, employer_id: string | null, 
/**
 * Only needs for a métier en tension.
 */
tension_only: boolean, limit: number, };

export type NeedColumn = { status: NeedStatus, total: number, items: Array<NeedSummary>, };

export type NeedDetail = { id: string, data: RecruitmentNeed, summary: NeedSummary, 
/**
 * The grand projet it serves.
 */
project_name: string | null, };

export type MoveNeedRequest = { id: string, to: NeedStatus, 
/**
 * Required to drop a need, ignored otherwise.
 */
reason: AbandonReason | null, };

export type NeedListRequest = { filter: NeedFilter, mine: boolean, };

export type CandidacyStage = "propose" | "cv_transmis" | "entretien" | "retenu" | "non_retenu" | "embauche";

export type NotRetainedReason = "profil_non_retenu" | "candidat_renonce" | "poste_pourvu" | "absent_entretien" | "mobilite_horaires" | "sans_reponse_employeur" | "autre";

export type StageStep = { stage: CandidacyStage, on: string, by: string, };

export type Candidacy = { need_id: string, person_id: string, 
/**
 * The day the person's consent to her profile being shared with an
 * employer was checked in force (the candidacy's first day).
 */
consent_on: string, stage: CandidacyStage, reason: NotRetainedReason | null, 
/**
 * Every move, the proposal first; the last is the current stage.
 */
history: Array<StageStep>, 
/**
 * Set by the server from the person (need-to-know).
 */
dt_code: string | null, officer_ids: Array<string>, };

export type JobEndReason = "fin_de_contrat" | "rupture_periode_essai" | "demission" | "licenciement" | "rupture_conventionnelle" | "autre_emploi" | "autre";

export type FollowUp = { after_months: number, due_on: string, done_on: string | null, 
/**
 * Still in post on that day.
 */
in_post: boolean | null, };

export type HireInput = { employer_id: string | null, need_id: string | null, convention_id: string | null, contract: NeedContract | null, rome_code: string | null, job_title: string, starts_on: string | null, 
/**
 * None for an open-ended contract.
 */
planned_end_on: string | null, weekly_hours_centi: number | null, 
/**
 * Defaults to the officer entering it.
 */
officer_id: string | null, };

export type Hire = { employer_id: string, need_id: string | null, 
/**
 * The convention the hire counts for (at most one: counted once).
 */
convention_id: string | null, contract: NeedContract, rome_code: string | null, job_title: string, starts_on: string, planned_end_on: string | null, weekly_hours_centi: number | null, 
/**
 * The officer who follows the hire (and gets its follow-ups).
 */
officer_id: string, follow_ups: Array<FollowUp>, ended_on: string | null, end_reason: JobEndReason | null, };

export type CandidacySummary = { id: string, need_id: string, person_id: string, person_name: string, job_title: string, employer_id: string, employer_name: string, stage: CandidacyStage, stage_on: string, reason: NotRetainedReason | null, 
/**
 * The stages it may move to (« Embauché » goes through the hire form).
 */
moves: Array<CandidacyStage>, 
/**
 * The hire it led to, once hired.
 */
hire_id: string | null, };

export type HireSummary = { id: string, employer_id: string, employer_name: string, job_title: string, contract: NeedContract, starts_on: string, planned_end_on: string | null, ended_on: string | null, durable: boolean, need_id: string | null, convention_id: string | null, officer_id: string, officer_name: string | null, 
/**
 * Who was hired, when this device holds the person.
 */
person_id: string | null, person_name: string | null, 
/**
 * The next follow-up not done (none once the hire ended).
 */
next_follow_up_on: string | null, next_follow_up_months: number | null, };

export type HireFilter = { employer_id: string | null, need_id: string | null, officer_id: string | null, person_id: string | null, 
/**
 * Started within these days (inclusive).
 */
from: string | null, to: string | null, 
/**
 * Only hires with a follow-up due on or before this day.
 */
follow_up_due_by: string | null, limit: number, };

export type ProposeRequest = { need_id: string, person_id: string, 
/**
 * When the person's consent to her profile being shared with an
 * employer is not on her record yet: she gives it today, this way
 * (recorded on her record with the candidacy).
 */
consent_how: ConsentHow | null, };

export type MoveCandidacyRequest = { id: string, to: CandidacyStage, 
/**
 * Required for « non retenu », ignored otherwise.
 */
reason: NotRetainedReason | null, };

export type HireRequest = { input: HireInput, 
/**
 * The candidacy hired (its need, person and employer follow).
 */
candidacy_id: string | null, 
/**
 * Who was hired, for a hire outside any need.
 */
person_id: string | null, 
/**
 * The aided contract she signed, when there is one.
 */
aided_contract_id: string | null, };

export type FollowUpRequest = { id: string, after_months: number, done_on: string, in_post: boolean, 
/**
 * When she is no longer in post: since when, and why.
 */
ended_on: string | null, end_reason: JobEndReason | null, };

export type HireListRequest = { filter: HireFilter, 
/**
 * The current officer's hires.
 */
mine: boolean, 
/**
 * Only hires with a follow-up due within this many days from today
 * (overdue ones included).
 */
due_within_days: number | null, };

export type HireDetail = { id: string, data: Hire, summary: HireSummary, need_title: string | null, convention_title: string | null, durable: boolean, };

export type TensionJobInput = { rome_code: string, effective_from: string | null, effective_to: string | null, 
/**
 * The DT it holds for (none: the whole Département).
 */
dt_code: string | null, 
/**
 * Where it comes from: the arrêté, the BMO survey and year…
 */
source: string, };

export type TensionJob = { rome_code: string, effective_from: string, effective_to: string | null, dt_code: string | null, source: string, };

export type TensionEntry = { id: string, data: TensionJob, rome_label: string | null, };

export type TensionList = { entries: Array<TensionEntry>, 
/**
 * This officer may add, correct and remove entries.
 */
editable: boolean, };

export type SaveTensionRequest = { 
/**
 * None to add an entry.
 */
id: string | null, input: TensionJobInput, };

export type ProjectStatus = "en_preparation" | "en_cours" | "termine";

export type ProjectInput = { name: string, 
/**
 * The maître d'ouvrage (the Département, a city, a social landlord…).
 */
builder_id: string | null, 
/**
 * Where the works are.
 */
site: string | null, commune_codes: Array<string>, starts_on: string | null, ends_on: string | null, 
/**
 * Hours of insertion the clause promises, over the whole project.
 */
clause_hours: number | null, 
/**
 * The companies working on it (attributaires of its contracts).
 */
employer_ids: Array<string>, 
/**
 * Who runs the clause (« facilitateur » of the EPCI, the PLIE…).
 */
facilitator: string | null, status: ProjectStatus | null, notes: string | null, };

export type GrandProject = { name: string, builder_id: string | null, site: string | null, commune_codes: Array<string>, starts_on: string, ends_on: string | null, clause_hours: number, employer_ids: Array<string>, facilitator: string | null, status: ProjectStatus, notes: string | null, };

export type ProjectSummary = { id: string, name: string, builder_name: string | null, status: ProjectStatus, starts_on: string, ends_on: string | null, clause_hours: number, employer_count: number, need_count: number, };

export type ClauseHours = { promised_centi: number, achieved_centi: number, 
/**
 * Hires counted, and those without weekly hours (which give none).
 */
hires: number, hires_without_hours: number, };

export type ProjectDetail = { id: string, data: GrandProject, builder: OrganisationSummary | null, employers: Array<OrganisationSummary>, commune_names: Array<string>, needs: Array<NeedSummary>, hires: Array<HireSummary>, hours: ClauseHours, };

export type EventKind = "job_dating" | "forum" | "visite_entreprise" | "information_collective" | "petit_dejeuner";

export type EventStatus = "prevu" | "realise" | "annule";

export type EventInput = { kind: EventKind | null, title: string, held_on: string | null, 
/**
 * « HH:MM », local time.
 */
starts_at: string | null, ends_at: string | null, 
/**
 * Where: the site's name and address.
 */
place: string, commune_code: string | null, 
/**
 * The officers organising it (the creator by default).
 */
organiser_ids: Array<string>, 
/**
 * Co-organisers: France Travail, an EPCI, a chamber of commerce…
 */
partner_ids: Array<string>, 
/**
 * Employers taking part, and the needs they bring.
 */
employer_ids: Array<string>, need_ids: Array<string>, 
/**
 * Places for people (none: no limit).
 */
capacity: number | null, description: string | null, };

export type Event = { kind: EventKind, title: string, held_on: string, starts_at: string | null, ends_at: string | null, place: string, commune_code: string | null, organiser_ids: Array<string>, partner_ids: Array<string>, employer_ids: Array<string>, need_ids: Array<string>, capacity: number | null, description: string | null, status: EventStatus, };

export type InvitationStatus = "invite" | "inscrit" | "excuse" | "present" | "absent";

export type EventInvitation = { event_id: string, person_id: string, 
/**
 * The need of the event she is invited for, when there is one.
 */
need_id: string | null, status: InvitationStatus, 
/**
 * The day of the last change of status.
 */
status_on: string, invited_by: string, dt_code: string | null, officer_ids: Array<string>, };

export type EventFilter = { from: string | null, to: string | null, kind: EventKind | null, status: EventStatus | null, 
/**
 * Events this officer organises.
 */
organiser_id: string | null, 
/**
 * Events this organisation (or an establishment of it) takes part in,
 * as an employer or a partner.
 */
organisation_id: string | null, 
/**
 * Latest first (past events); otherwise soonest first.
 */
latest_first: boolean, 
/**
 * 0: 200.
 */
limit: number, };

export type EventSummary = { id: string, kind: EventKind, title: string, held_on: string, starts_at: string | null, ends_at: string | null, place: string, commune_name: string | null, status: EventStatus, employer_count: number, need_count: number, capacity: number | null, organiser_ids: Array<string>, };

export type InvitationSummary = { id: string, event_id: string, event_title: string, held_on: string, person_id: string, person_name: string, commune_name: string | null, need_id: string | null, need_title: string | null, status: InvitationStatus, status_on: string, };

export type EventListRequest = { filter: EventFilter, 
/**
 * Events the current officer organises.
 */
mine: boolean, 
/**
 * From today on (unless the filter says from when), soonest first.
 */
upcoming: boolean, 
/**
 * Up to today (unless the filter says until when), latest first.
 */
past: boolean, };

export type MoveEventRequest = { id: string, to: EventStatus, };

export type InviteRequest = { event_id: string, person_ids: Array<string>, 
/**
 * The need of the event they are invited for.
 */
need_id: string | null, };

export type InvitationStatusRequest = { id: string, status: InvitationStatus, };

export type SheetKind = "emargement" | "invitations";

export type SheetRequest = { id: string, kind: SheetKind, path: string, };

export type Attendance = { invited: number, registered: number, excused: number, present: number, absent: number, };

export type EventDetail = { id: string, data: Event, summary: EventSummary, organisers: Array<string>, employers: Array<OrganisationSummary>, partners: Array<OrganisationSummary>, needs: Array<NeedSummary>, 
/**
 * The invitations this officer may see (the others are not shown).
 */
invitations: Array<InvitationSummary>, attendance: Attendance, 
/**
 * Hires of the people present by the employers taking part, starting
 * within three months of the event (over the people this device holds).
 */
results: Array<HireSummary>, results_until: string, next_statuses: Array<EventStatus>, 
/**
 * Attendance may be noted today.
 */
takes_attendance: boolean, };

export type CalendarRequest = { path: string, 
/**
 * Every event of the Département, not only those the officer organises.
 */
all_events: boolean, };

export type DueTasks = { today: string, overdue: Array<TaskView>, due_today: Array<TaskView>, upcoming: Array<TaskView>, };

export type OrganisationTasksRequest = { organisation_id: string, };

export type SearchRequest = { query: string, 
/**
 * Restrict to these kinds of record (empty: all).
 */
entities: Array<SearchEntity>, limit: number, };

export type CommuneSearchRequest = { 
/**
 * Start of a name, an INSEE code or a postcode.
 */
query: string, limit: number, };

export type NafSearchRequest = { 
/**
 * Start of a code (« 47.11 », « 4711 ») or words of the activity.
 */
query: string, limit: number, };

export type RomeSearchRequest = { 
/**
 * Start of a code (« K2204 ») or words of the job.
 */
query: string, 
/**
 * The employer's NAF activity: the jobs met in its division come
 * first (all of them while `query` is blank).
 */
naf_code: string | null, limit: number, };

export type ReferenceLists = { directions_territoriales: Array<CodeLabel>, epcis: Array<CodeLabel>, organisation_kinds: Array<CodeLabel>, organisation_statuses: Array<CodeLabel>, partner_types: Array<CodeLabel>, channels: Array<CodeLabel>, headcount_bands: Array<CodeLabel>, 
/**
 * Officers known to this device (id → name).
 */
officers: Array<CodeLabel>, contact_levels: Array<CodeLabel>, convention_statuses: Array<CodeLabel>, 
/**
 * Annex 2 indicators; `unit` in the label after " | ".
 */
indicators: Array<IndicatorLabel>, committee_kinds: Array<CodeLabel>, objective_statuses: Array<CodeLabel>, 
/**
 * The ROME's grands domaines (the first letter of a fiche's code).
 */
rome_grands_domaines: Array<CodeLabel>, need_contracts: Array<CodeLabel>, 
/**
 * Contracts with an end, whose duration the need form asks.
 */
fixed_term_contracts: Array<NeedContract>, 
/**
 * The board's columns, in order.
 */
need_statuses: Array<CodeLabel>, abandon_reasons: Array<CodeLabel>, need_sources: Array<CodeLabel>, pre_hire_trainings: Array<CodeLabel>, candidacy_stages: Array<CodeLabel>, not_retained_reasons: Array<CodeLabel>, end_reasons: Array<CodeLabel>, consent_hows: Array<CodeLabel>, event_kinds: Array<CodeLabel>, event_statuses: Array<CodeLabel>, invitation_statuses: Array<CodeLabel>, project_statuses: Array<CodeLabel>, };

export type IndicatorLabel = { code: string, label: string, unit: string, 
/**
 * Counted from the records (hires, events, parrains) rather than entered.
 */
computed: boolean, };

export type DtCount = { dt_code: string | null, dt_name: string | null, organisations: number, };

export type Dashboard = { tasks: DueTasks, recent_interactions: Array<InteractionView>, portfolio_by_dt: Array<DtCount>, 
/**
 * Local changes not yet sent to the server.
 */
pending_changes: number, 
/**
 * Aided-contract incidents to declare (overdue first).
 */
incident_alerts: Array<IncidentAlert>, attention: Attention, 
/**
 * The officer's recruitment needs still to fill, the least advanced first.
 */
my_needs: Array<NeedSummary>, 
/**
 * Candidates of the people the officer follows whose profile or
 * interview awaits the employer's answer, the longest waiting first.
 */
waiting_candidates: Array<CandidacySummary>, 
/**
 * The officer's hires with a follow-up in employment due within a week
 * (or overdue).
 */
follow_ups_due: Array<HireSummary>, 
/**
 * Events planned in the coming month, soonest first.
 */
next_events: Array<EventSummary>, };

export type Attention = { 
/**
 * Commitments of active conventions behind what the elapsed time calls
 * for this year.
 */
commitments_behind: Array<CommitmentBehind>, 
/**
 * Active conventions whose COPIL is due (none held in the last year).
 */
copil_due: Array<CopilDue>, 
/**
 * Active conventions ending soon (renewal or avenant to prepare).
 */
conventions_ending: Array<ConventionSummary>, 
/**
 * Running aided contracts whose aid ends within 60 days.
 */
contracts_ending: Array<ContractSummary>, };

export type CommitmentBehind = { convention_id: string, convention_number: string, label: string, year: number, target: number, actual: number, expected: number, };

export type CopilDue = { convention_id: string, convention_number: string, title: string, last_held_on: string | null, 
/**
 * A COPIL already set for a later date, if any.
 */
planned_on: string | null, };

export type ProfileInput = { display_name: string, email: string | null, dt_code: string | null, };

export type LocalStatus = { officer: Officer, 
/**
 * Pending changes, last sync, conflicts, demo database…
 */
sync: SyncStatus, };

export type ContactLevel = "national" | "regional" | "local";

export type Orientation = "professionnelle" | "socio_professionnelle" | "sociale";

export type Consent = "partage_profil_employeur" | "mention_rsa_employeur" | "parrainage";

export type ConsentHow = "ecrit" | "oral" | "numerique";

export type ConsentRecord = { kind: Consent, 
/**
 * Unknown for consents recorded before Tremplin kept the date.
 */
given_on: string | null, how: ConsentHow | null, withdrawn_on: string | null, };

export type Person = { first_name: string, last_name: string, commune_code: string | null, 
/**
 * Direction territoriale, from the commune (set by the app, read by the
 * server for need-to-know).
 */
dt_code: string | null, 
/**
 * France Travail id: 7 digits and a letter or digit, or 11 digits.
 */
ft_id: string | null, referent_name: string | null, referent_organisation: string | null, orientation: Orientation | null, 
/**
 * ROME 4.0 codes of the professional project.
 */
rome_codes: Array<string>, 
/**
 * One record per kind of consent, withdrawals included.
 */
consents: Array<ConsentRecord>, 
/**
 * No longer typed: the last activity is computed from the records
 * (docs/domain/personal-data.md « Retention »). Kept for the rows of
 * earlier versions, and emptied when the record is saved.
 */
last_contact_on: string | null, 
/**
 * Officers involved with the person besides those of their DT.
 */
officer_ids: Array<string>, 
/**
 * Short, objective note (no sensitive data).
 */
notes: string | null, };

export type AuditAction = "consultation" | "export";

export type Financing = { "mode": "a", 
/**
 * Share of the RSA, e.g. 8 800.
 */
rsa_share_bp: number, 
/**
 * The rate the State's arrêté sets, when the Département pays a
 * higher one (the difference is entirely the Département's).
 */
base_rate_bp: number | null, } | { "mode": "b", dept_share_bp: number, } | { "mode": "c" };

export type ParameterKind = "smic_horaire" | "rsa_personne_seule";

export type AidParameter = { kind: ParameterKind, effective_from: string | null, amount_cents: number, 
/**
 * Décret or other source.
 */
source: string | null, 
/**
 * The row this one corrects.
 */
replaces_id: string | null, 
/**
 * A retroactive revaluation (a décret published after the day it takes
 * effect): the administrator asks for the months already begun from
 * `effective_from` on to be computed again, old and new amounts kept.
 */
recompute_begun: boolean, };

export type ContractType = "cie" | "cae";

export type FinancingMode = "a" | "b" | "c";

export type AidRule = { name: string, 
/**
 * "Arrêté préfectoral R32-2021-199 quater", "CAOM 2026"…
 */
source: string, contract_type: ContractType, valid_from: string | null, valid_to: string | null, 
/**
 * Coverage rate, in basis points of the SMIC (4 700 = 47 %).
 */
rate_bp: number, 
/**
 * Weekly hours the aid covers at most, in hundredths.
 */
hours_cap_centi: number | null, 
/**
 * Initial aid duration at most, for a CDD and for a CDI.
 */
max_months_cdd: number | null, max_months_cdi: number | null, financing_mode: FinancingMode, 
/**
 * Mode A: share of the RSA (8 800), and for a 7 h/week CAE (4 500).
 */
rsa_share_bp: number | null, rsa_share_7h_bp: number | null, 
/**
 * Mode A: the State's rate when the Département pays a higher one.
 */
base_rate_bp: number | null, 
/**
 * Mode B: the Département's share of the aid.
 */
dept_share_bp: number | null, replaces_id: string | null, };

export type Employment = "cdd" | "cdi";

export type ContractStatus = "projet" | "en_cours" | "suspendu" | "rompu" | "termine";

export type LimitException = "horaire_reduit" | "duree_cinq_ans" | "jusqu_a_la_retraite" | "duree_minimale_reduite" | "formation_en_cours";

export type EmployerAttestations = { 
/**
 * No dismissal for economic reasons in the 6 months before the hire.
 */
no_economic_dismissal: boolean, 
/**
 * The hire does not replace a dismissed employee.
 */
not_replacing_dismissed: boolean, 
/**
 * Up to date with its social contributions.
 */
contributions_paid: boolean, };

export type Renewal = { from: string | null, to: string | null, 
/**
 * The bilan of the support and training so far (L5134-67-2).
 */
bilan_on: string | null, bilan: string, };

export type Suspension = { from: string | null, to: string | null, 
/**
 * Share of pay kept (0: unpaid, no aid; R5134-67).
 */
paid_share_bp: number, };

export type IncidentKind = "rupture" | "suspension";

export type Incident = { kind: IncidentKind, occurred_on: string | null, 
/**
 * When the employer declared it (R5134-53: within 7 clear days).
 */
declared_on: string | null, notes: string | null, };

export type LineParams = { 
/**
 * SMIC horaire in force in the month, from each date (usually one).
 */
smic: Array<DatedCents>, rsa: Array<DatedCents>, rate_bp: number, weekly_hours_centi: number, financing: Financing, rule_name: string, };

export type DatedCents = { from: string, cents: number, };

export type AidLine = { 
/**
 * "2026-05".
 */
month: string, aid_cents: number, dept_cents: number, state_cents: number, 
/**
 * Days of the month the aid covers (a suspension's unpaid days excluded).
 */
due_days: number, params: LineParams, };

export type LineRevision = { 
/**
 * "2023-04".
 */
month: string, old: AidSplit, new: AidSplit, parameter_id: string, by: string, at: string, };

export type AidSplit = { aid_cents: number, dept_cents: number, state_cents: number, };

export type AidedContract = { contract_type: ContractType, 
/**
 * The legal employer: an establishment, or a GE/GEIQ.
 */
employer_id: string, 
/**
 * For a GE/GEIQ: the member establishments where the person works.
 */
user_establishment_ids: Array<string>, person_id: string, rome_code: string, job_title: string, employment: Employment, starts_on: string | null, 
/**
 * End of a CDD.
 */
ends_on: string | null, aid_starts_on: string | null, 
/**
 * End of the initial aid (renewals extend it).
 */
aid_ends_on: string | null, 
/**
 * When the aid was decided: before the work contract is signed.
 */
aid_decided_on: string | null, 
/**
 * When the work contract was signed (the start date when not known).
 */
signed_on: string | null, contract_hours_centi: number, rate_bp: number, 
/**
 * The aid rule applied (arrêté or CAOM).
 */
rule_id: string | null, exceptions: Array<LimitException>, tutor_name: string | null, tutor_function: string | null, 
/**
 * At least two years' professional experience (R5134-61).
 */
tutor_experienced: boolean, referent_name: string | null, referent_organisation: string | null, 
/**
 * Number of the aid decision (ASP / SYLAé file): the system of record.
 */
decision_reference: string | null, employer_attestations: EmployerAttestations, renewals: Array<Renewal>, suspensions: Array<Suspension>, incidents: Array<Incident>, status: ContractStatus, 
/**
 * The person's DT and the officers following the contract (need-to-know).
 */
dt_code: string | null, officer_ids: Array<string>, 
/**
 * Lines of months already begun, kept with their parameters.
 */
lines: Array<AidLine>, notes: string | null, 
/**
 * The bilan of the support and training actions of this contract: the
 * employer's next aid waits for it (L5134-66-1 CIE, L5134-21-1 CAE).
 */
bilan_on: string | null, bilan: string | null, 
/**
 * Begun months computed again after a retroactive revaluation.
 */
revisions: Array<LineRevision>, };

export type Programme = { name: string, 
/**
 * The structure running it (FACE, a club…).
 */
operator_id: string | null, convention_id: string | null, target_pairs: number, starts_on: string | null, ends_on: string | null, notes: string | null, };

export type Mentor = { 
/**
 * The parrain or marraine: a contact at an employer.
 */
contact_id: string, programme_id: string | null, job_title: string | null, 
/**
 * Their field, in words (« Énergie », « Logistique »).
 */
sector: string | null, availability: string | null, charter_signed_on: string | null, max_mentees: number, training: string | null, };

export type OutcomeCategory = "cdi" | "cdd_long" | "cdd_court" | "interim" | "alternance" | "formation" | "pmsmp" | "creation_entreprise" | "sans_solution" | "abandon";

export type OutcomeAt = "fin" | "plus3_mois" | "plus6_mois";

export type Outcome = { at: OutcomeAt, category: OutcomeCategory, recorded_on: string, };

export type EndReason = "objectif_atteint" | "fin_de_periode" | "abandon_filleul" | "indisponibilite_parrain" | "autre";

export type Pairing = { programme_id: string | null, mentor_id: string, 
/**
 * The filleul.
 */
person_id: string, 
/**
 * Who referred the filleul (France Travail, mission locale, référent).
 */
prescriber: string | null, starts_on: string | null, 
/**
 * Six months after the start unless set.
 */
planned_end_on: string | null, extended_to: string | null, ended_on: string | null, end_reason: EndReason | null, outcomes: Array<Outcome>, 
/**
 * The filleul's DT and the officers following them (need-to-know).
 */
dt_code: string | null, officer_ids: Array<string>, };

export type MeetingFormat = "presentiel" | "telephone" | "visio" | "visite_entreprise" | "job_dating";

export type MentoringMeeting = { pairing_id: string, held_on: string | null, format: MeetingFormat, 
/**
 * The objective worked on, briefly (no sensitive data).
 */
note: string, next_step: string | null, 
/**
 * Officers who may read it (copied from the pairing).
 */
officer_ids: Array<string>, dt_code: string | null, };

export type MentoringIndicators = { pairs: number, active_pairs: number, ended_pairs: number, 
/**
 * Average length of ended pairings, in days.
 */
average_days: number | null, meetings_per_pair: number | null, 
/**
 * Of ended pairings with an outcome at the end, in %.
 */
positive_exit_rate: number | null, durable_exit_rate: number | null, 
/**
 * Parrains with a pairing who took another after their first ended.
 */
mentors: number, mentors_retained: number, };

export type RetentionRule = "personne_activite" | "personne_maximum" | "contact_employeur" | "journal_acces" | "contrat_anonymise" | "demande_de_la_personne";

export type RetentionPeriod = { rule: RetentionRule, months: number, effective_from: string | null, 
/**
 * The text that sets or justifies it.
 */
source: string, replaces_id: string | null, };

export type PeriodEntry = { id: string, data: RetentionPeriod, shipped: boolean, replaced_by: string | null, };

export type Due = { rule: RetentionRule, 
/**
 * "person", "contact", "audit_entry" or "aided_contract".
 */
entity: string, row_id: string, due_on: string, };

export type PurgeCount = { rule: RetentionRule, 
/**
 * "erased" or "anonymised".
 */
action: string, 
/**
 * The kind of record.
 */
entity: string, count: number, 
/**
 * For an erasure on request: why (never who).
 */
reason: string | null, };

export type ErasureReason = "droit_effacement" | "opposition" | "erreur_de_saisie";

export type ErasePersonRequest = { id: string, reason: ErasureReason, };

export type ErasePersonResponse = { 
/**
 * Erased on this laptop already (linked to no server); otherwise the
 * server erases it at its next purge and the erasure comes back with
 * the sync.
 */
erased_now: boolean, counts: Array<PurgeCount>, };

export type DueLine = { due: Due, 
/**
 * What it is, for the administrator who checks before the purge.
 */
label: string, };

export type PurgeLine = { ran_at: string, count: PurgeCount, };

export type RetentionOverview = { 
/**
 * Every period, shipped and entered, with its source.
 */
periods: Array<PeriodEntry>, 
/**
 * Due today or before.
 */
due: Array<DueLine>, 
/**
 * Due within [`PREVIEW_DAYS`].
 */
upcoming: Array<DueLine>, 
/**
 * This device's purges (a device linked to a server has none: the
 * server purges and the erasures arrive with the sync).
 */
log: Array<PurgeLine>, 
/**
 * Linked to a server: purges are the server's.
 */
server_managed: boolean, 
/**
 * This user may change periods and purge.
 */
editable: boolean, };

export type SavePeriodRequest = { input: RetentionPeriod, };

export type PurgeReport = { counts: Array<PurgeCount>, };

export type Versioned<T> = { id: string, data: T, 
/**
 * Shipped with the application (not an administrator's row).
 */
shipped: boolean, 
/**
 * When an administrator entered it.
 */
entered_at: string | null, 
/**
 * The correction that replaced it, if any.
 */
replaced_by: string | null, };

export type PersonSummary = { id: string, name: string, commune_name: string | null, dt_code: string | null, 
/**
 * Computed from the records (contracts, pairings, edits, consultations).
 */
last_activity_on: string | null, 
/**
 * The last day the record is kept, unless something happens.
 */
kept_until: string | null, };

export type PersonFilter = { 
/**
 * Part of the name or the France Travail id.
 */
text: string | null, };

export type PersonRequest = { id: string, 
/**
 * Why the record is opened (written to the audit trail).
 */
purpose: string, };

export type SavePersonRequest = { id: string | null, input: Person, 
/**
 * The officer confirmed the notes hold no sensitive data.
 */
confirm_sensitive: boolean, };

export type AuditLine = { at: string, officer: string, action: AuditAction, 
/**
 * What was shown: "person", "aided_contract" or "pairing".
 */
entity: string, purpose: string, };

export type PersonDetail = { id: string, data: Person, commune_name: string | null, dt_name: string | null, 
/**
 * Aided contracts and pairings of the person.
 */
contracts: Array<PersonContract>, pairings: Array<PersonPairing>, 
/**
 * Needs she was put forward on, and the jobs she got.
 */
candidacies: Array<CandidacySummary>, hires: Array<HireSummary>, 
/**
 * Events she was invited to, and whether she came.
 */
invitations: Array<InvitationSummary>, last_activity_on: string | null, kept_until: string | null, 
/**
 * An erasure asked for and not yet done (a laptop linked to a server).
 */
erasure_requested_on: string | null, 
/**
 * Who opened or exported the record, latest first.
 */
audit: Array<AuditLine>, };

export type PersonContract = { id: string, contract_type: ContractType, job_title: string, employer_name: string, starts_on: string | null, aid_ends_on: string | null, status: ContractStatus, };

export type PersonPairing = { id: string, mentor_name: string, employer_name: string, starts_on: string | null, ends_on: string | null, ended: boolean, };

export type ExportPersonRequest = { id: string, path: string, purpose: string, };

export type AidParameters = { parameters: Array<Versioned<AidParameter>>, rules: Array<Versioned<AidRule>>, 
/**
 * Whether this officer may edit them.
 */
editable: boolean, };

export type SaveParameterRequest = { input: AidParameter, };

export type SaveRuleRequest = { input: AidRule, };

export type Totals = { aid_cents: number, dept_cents: number, state_cents: number, };

export type ContractSummary = { id: string, person_name: string, employer_name: string, job_title: string, contract_type: ContractType, status: ContractStatus, starts_on: string | null, aid_ends_on: string | null, dt_code: string | null, totals: Totals, late_incidents: number, };

export type ContractFilter = { status: ContractStatus | null, employer_id: string | null, person_id: string | null, };

export type LineView = { line: AidLine, 
/**
 * Kept with the parameters of its time (the month has begun).
 */
kept: boolean, };

export type YearTotals = { year: number, totals: Totals, };

export type IncidentAlert = { contract_id: string, person_name: string, employer_name: string, kind: IncidentKind, occurred_on: string, 
/**
 * Last day to declare it (7 clear days, R5134-53).
 */
deadline: string, declared_on: string | null, 
/**
 * Past the deadline without a declaration, or declared late.
 */
overdue: boolean, };

export type ContractDetail = { id: string, data: AidedContract, person_name: string, employer_name: string, user_establishment_names: Array<string>, rule_name: string | null, rule_source: string | null, covered_hours_centi: number | null, lines: Array<LineView>, totals: Totals, by_year: Array<YearTotals>, incidents: Array<IncidentAlert>, 
/**
 * Why no line could be computed (a month without parameters).
 */
lines_error: string | null, };

export type SaveContractRequest = { id: string | null, input: AidedContract, confirm_sensitive: boolean, };

export type TotalsRequest = { year: number | null, };

export type TotalRow = { label: string, contracts: number, totals: Totals, };

export type CieTotals = { all: Totals, by_employer: Array<TotalRow>, by_dt: Array<TotalRow>, by_year: Array<TotalRow>, };

export type SimulateRequest = { contract_type: ContractType, mode: FinancingMode, 
/**
 * Mode B: the Département's share.
 */
dept_share_bp: number | null, rate_bp: number, hours_centi: number, 
/**
 * "2026-05".
 */
month: string, 
/**
 * What-if amounts instead of those in force.
 */
smic_cents: number | null, rsa_cents: number | null, };

export type Simulation = { aid_cents: number, dept_cents: number, state_cents: number, smic_cents: number, rsa_cents: number, covered_hours_centi: number, 
/**
 * Gross monthly pay at the SMIC for the hours (indicative).
 */
gross_cents: number, 
/**
 * What remains for the employer before contributions and reductions.
 */
employer_net_cents: number, 
/**
 * Where mode A's share of the RSA came from.
 */
financing_source: string | null, };

export type ProgrammeView = { id: string, data: Programme, operator_name: string | null, 
/**
 * The linked convention's number and title.
 */
convention_label: string | null, indicators: MentoringIndicators, };

export type MentorView = { id: string, data: Mentor, name: string, employer_name: string, 
/**
 * Pairings under way.
 */
active_pairings: number, };

export type PairingSummary = { id: string, data: Pairing, mentor_name: string, person_name: string, meetings: number, };

export type MeetingView = { id: string, data: MentoringMeeting, };

export type PairingDetail = { summary: PairingSummary, programme_name: string | null, meetings: Array<MeetingView>, };

export type Mentoring = { programmes: Array<ProgrammeView>, mentors: Array<MentorView>, pairings: Array<PairingSummary>, 
/**
 * Over every pairing this officer sees.
 */
indicators: MentoringIndicators, };

export type SaveProgrammeRequest = { id: string | null, input: Programme, };

export type SaveMentorRequest = { id: string | null, input: Mentor, };

export type SavePairingRequest = { id: string | null, input: Pairing, };

export type SaveMeetingRequest = { id: string | null, input: MentoringMeeting, confirm_sensitive: boolean, };

export type ConventionStatus = "brouillon" | "en_signature" | "signee" | "active" | "echue" | "resiliee";

export type Signatory = { party_id: string | null, name: string, function: string, };

export type ConventionInput = { number: string, title: string, partner_ids: Array<string>, third_party_ids: Array<string>, signatories: Array<Signatory>, 
/**
 * Directions territoriales covered (codes); empty = the whole Nord.
 */
territories: Array<string>, establishment_ids: Array<string>, cp_number: string | null, cp_date: string | null, duration_months: number | null, preamble: string | null, financial_clause: string | null, place: string | null, notice_months: number | null, cure_days: number | null, copil_frequency: string | null, cotech_frequency: string | null, 
/**
 * The Département's référent(e) chargé(e) de relations entreprises.
 */
referent_id: string | null, notes: string | null, 
/**
 * An avenant: what it changes, and from when.
 */
amendment_purpose: string | null, amends_from: string | null, };

export type Convention = { number: string, title: string, 
/**
 * 1 for the original, n + 1 for the n-th avenant. (Not `version`:
 * that name is the sync bookkeeping's.)
 */
version_no: number, previous_id: string | null, status: ConventionStatus, partner_ids: Array<string>, third_party_ids: Array<string>, signatories: Array<Signatory>, territories: Array<string>, establishment_ids: Array<string>, cp_number: string | null, cp_date: string | null, signed_on: string | null, starts_on: string | null, duration_months: number | null, terminated_on: string | null, termination_reason: string | null, preamble: string | null, financial_clause: string | null, place: string | null, notice_months: number, cure_days: number, copil_frequency: string | null, cotech_frequency: string | null, referent_id: string | null, notes: string | null, 
/**
 * An avenant (version 2 on): what it changes…
 */
amendment_purpose: string | null, 
/**
 * …and the day its changes take effect (the convention keeps its own
 * start and duration).
 */
amends_from: string | null, 
/**
 * The avenant that amended this version, once signed.
 */
amended_by_id: string | null, };

export type Indicator = "offres_transmises" | "recrutements" | "recrutements_durables" | "alternance" | "cdi" | "contrats_aides" | "pmsmp" | "job_datings" | "parrains" | "autre";

export type YearTarget = { year: number, target: number, };

export type YearActual = { year: number, actual: number, };

export type CommitmentInput = { convention_id: string | null, indicator: Indicator | null, 
/**
 * Required for `autre`; replaces the standard label otherwise.
 */
label: string | null, 
/**
 * Required for `autre`.
 */
unit: string | null, targets: Array<YearTarget>, };

export type Commitment = { convention_id: string, 
/**
 * Order in the convention's table.
 */
position: number, indicator: Indicator, label: string, unit: string, 
/**
 * By year, ascending.
 */
targets: Array<YearTarget>, 
/**
 * Actuals entered by hand, by year (indicators computed from records
 * ignore them).
 */
actuals: Array<YearActual>, };

export type Pace = "atteint" | "dans_les_temps" | "en_retard" | "a_venir";

export type Progress = { target: number, actual: number, 
/**
 * What the elapsed share of the period calls for (rounded down).
 */
expected: number, pace: Pace, };

export type CommitteeKind = "copil" | "comite_technique";

export type CommitteeInput = { convention_id: string | null, kind: CommitteeKind | null, held_on: string | null, attendees: Array<string>, minutes: string | null, decisions: Array<string>, };

export type CommitteeMeeting = { convention_id: string, kind: CommitteeKind, 
/**
 * Date held, or planned when in the future.
 */
held_on: string, attendees: Array<string>, minutes: string | null, decisions: Array<string>, };

export type MembershipInput = { grouping_id: string | null, member_id: string | null, joined_on: string | null, left_on: string | null, notes: string | null, };

export type Membership = { grouping_id: string, member_id: string, joined_on: string, left_on: string | null, notes: string | null, };

export type ObjectiveStatus = "prevu" | "en_cours" | "atteint" | "abandonne";

export type AccountObjectiveInput = { organisation_id: string | null, year: number | null, title: string, status: ObjectiveStatus | null, notes: string | null, };

export type AccountObjective = { organisation_id: string, year: number, title: string, status: ObjectiveStatus, notes: string | null, };

export type ConventionSummary = { id: string, number: string, title: string, version_no: number, status: ConventionStatus, 
/**
 * Partner names, in the convention's order.
 */
partners: Array<string>, starts_on: string | null, ends_on: string | null, 
/**
 * A later version (avenant) of the same convention has been signed.
 */
superseded: boolean, };

export type ConventionFilter = { status: ConventionStatus | null, 
/**
 * Conventions this organisation (or one of its establishments or
 * members) is party to or covered by.
 */
organisation_id: string | null, 
/**
 * Hide versions replaced by an avenant.
 */
latest_only: boolean, };

export type MemberView = { membership_id: string, membership: Membership, member: OrganisationSummary, 
/**
 * Commune population under 2,000 (the rural proxy of docs/domain/territories.md « Rural proxy »
 * until the density grid is loaded).
 */
rural: boolean, };

export type CommitmentView = { id: string, data: Commitment, 
/**
 * Counted from the records rather than entered.
 */
computed: boolean, 
/**
 * Per target year: target, actual, what the elapsed time calls for.
 */
years: Array<YearProgress>, };

export type YearProgress = { year: number, progress: Progress, 
/**
 * Beside an entered actual, what the records count (parrains whose
 * charter was signed that year).
 */
recorded: number | null, };

export type CommitteeView = { id: string, data: CommitteeMeeting, };

export type VersionRef = { id: string, version_no: number, status: ConventionStatus, };

export type ConventionDetail = { id: string, data: Convention, ends_on: string | null, partners: Array<OrganisationSummary>, third_parties: Array<OrganisationSummary>, establishments: Array<OrganisationSummary>, referent_name: string | null, territory_names: Array<string>, commitments: Array<CommitmentView>, committees: Array<CommitteeView>, versions: Array<VersionRef>, 
/**
 * Statuses it may move to now.
 */
next_statuses: Array<ConventionStatus>, 
/**
 * Contents editable (a draft).
 */
editable: boolean, 
/**
 * An avenant may be drafted (signed or active, latest version).
 */
can_amend: boolean, 
/**
 * Actuals may be entered (signed onwards; computed indicators aside).
 */
records_actuals: boolean, };

export type TransitionRequest = { id: string, to: ConventionStatus | null, signed_on: string | null, starts_on: string | null, terminated_on: string | null, termination_reason: string | null, };

export type SaveCommitmentRequest = { 
/**
 * Absent: a new commitment.
 */
id: string | null, input: CommitmentInput, };

export type SetActualRequest = { id: string, year: number, actual: number, };

export type SaveCommitteeRequest = { id: string | null, input: CommitteeInput, };

export type ExportRequest = { id: string, 
/**
 * Where to write the PDF (the officer picks it in a dialog).
 */
path: string, };

export type ExportResponse = { path: string, bytes: number, };

export type OrganisationRequest = { organisation_id: string, };

export type TerritoryMembers = { dt_name: string, epci_name: string, rural: number, members: Array<MemberView>, };

export type GroupingMembers = { 
/**
 * Current members by territory: those with the most members in rural
 * communes first (the rural Nord is where groupings matter most).
 */
by_territory: Array<TerritoryMembers>, 
/**
 * Members who left.
 */
former: Array<MemberView>, };

export type SaveMembershipRequest = { id: string | null, input: MembershipInput, };

export type ObjectiveView = { id: string, data: AccountObjective, };

export type SaveObjectiveRequest = { id: string | null, input: AccountObjectiveInput, };

export type KeyValue = { label: string, value: string, };

export type BriefCommitment = { label: string, unit: string, year: number, target: number, actual: number, expected: number, pace: Pace, pace_label: string, };

export type BriefConvention = { id: string, number: string, title: string, version_no: number, status: ConventionStatus, status_label: string, ends_on: string | null, last_copil: string | null, commitments: Array<BriefCommitment>, };

export type Brief = { subject_id: string, 
/**
 * "organisation" or "convention".
 */
subject: string, title: string, subtitle: string, author: string, prepared_on: string, identity: Array<KeyValue>, figures: Array<KeyValue>, key_contacts: Array<ContactView>, last_contacts: Array<InteractionView>, overdue_tasks: Array<TaskView>, open_tasks: Array<TaskView>, conventions: Array<BriefConvention>, 
/**
 * Recruitment needs still to fill (their candidates counted, never named).
 */
open_needs: Array<NeedSummary>, 
/**
 * Commitments behind schedule, as sentences.
 */
behind: Array<string>, agenda: Array<string>, };

/** Every backend command: its request and response types. */
export type Commands = {
  "organisation.create": [OrganisationInput, OrganisationDetail];
  "organisation.update": [UpdateRequest<OrganisationInput>, OrganisationDetail];
  "organisation.delete": [IdRequest, null];
  "organisation.get": [IdRequest, OrganisationDetail];
  "organisation.list": [OrganisationFilter, Page<OrganisationSummary>];
  "contact.create": [ContactInput, ContactView];
  "contact.update": [UpdateRequest<ContactInput>, ContactView];
  "contact.delete": [IdRequest, null];
  "contact.get": [IdRequest, ContactView];
  "contact.list": [ContactListRequest, Page<ContactView>];
  "interaction.log": [LogInteractionRequest, LogInteractionResponse];
  "interaction.update": [UpdateRequest<InteractionInput>, InteractionView];
  "interaction.delete": [IdRequest, null];
  "interaction.timeline": [TimelineRequest, Page<InteractionView>];
  "interaction.recent": [RecentRequest, Array<InteractionView>];
  "task.create": [TaskInput, TaskView];
  "task.update": [UpdateRequest<TaskInput>, TaskView];
  "task.complete": [IdRequest, TaskView];
  "task.cancel": [IdRequest, TaskView];
  "task.reopen": [IdRequest, TaskView];
  "task.due": [DueRequest, DueTasks];
  "need.create": [NeedInput, NeedDetail];
  "need.update": [UpdateRequest<NeedInput>, NeedDetail];
  "need.move": [MoveNeedRequest, NeedDetail];
  "need.get": [IdRequest, NeedDetail];
  "need.list": [NeedListRequest, Array<NeedSummary>];
  "need.board": [NeedListRequest, Array<NeedColumn>];
  "need.delete": [IdRequest, null];
  "candidacy.propose": [ProposeRequest, CandidacySummary];
  "candidacy.move": [MoveCandidacyRequest, CandidacySummary];
  "candidacy.of_need": [IdRequest, Array<CandidacySummary>];
  "candidacy.of_person": [IdRequest, Array<CandidacySummary>];
  "candidacy.delete": [IdRequest, null];
  "hire.create": [HireRequest, HireDetail];
  "hire.update": [UpdateRequest<HireInput>, HireDetail];
  "hire.follow_up": [FollowUpRequest, HireDetail];
  "hire.get": [IdRequest, HireDetail];
  "hire.list": [HireListRequest, Array<HireSummary>];
  "hire.delete": [IdRequest, null];
  "tension.list": [null, TensionList];
  "tension.save": [SaveTensionRequest, TensionList];
  "tension.delete": [IdRequest, TensionList];
  "project.list": [null, Array<ProjectSummary>];
  "project.get": [IdRequest, ProjectDetail];
  "project.create": [ProjectInput, ProjectDetail];
  "project.update": [UpdateRequest<ProjectInput>, ProjectDetail];
  "project.delete": [IdRequest, null];
  "event.list": [EventListRequest, Array<EventSummary>];
  "event.create": [EventInput, EventDetail];
  "event.update": [UpdateRequest<EventInput>, EventDetail];
  "event.move": [MoveEventRequest, EventDetail];
  "event.get": [IdRequest, EventDetail];
  "event.delete": [IdRequest, null];
  "event.invite": [InviteRequest, EventDetail];
  "event.set_invitation": [InvitationStatusRequest, EventDetail];
  "event.uninvite": [IdRequest, EventDetail];
  "event.of_person": [IdRequest, Array<InvitationSummary>];
  "event.sheet": [SheetRequest, ExportResponse];
  "calendar.ics": [CalendarRequest, ExportResponse];
  "task.of_organisation": [OrganisationTasksRequest, Array<TaskView>];
  "convention.list": [ConventionFilter, Array<ConventionSummary>];
  "convention.get": [IdRequest, ConventionDetail];
  "convention.create": [ConventionInput, ConventionDetail];
  "convention.update": [UpdateRequest<ConventionInput>, ConventionDetail];
  "convention.delete": [IdRequest, null];
  "convention.transition": [TransitionRequest, ConventionDetail];
  "convention.amend": [IdRequest, ConventionDetail];
  "convention.pdf": [ExportRequest, ExportResponse];
  "commitment.save": [SaveCommitmentRequest, ConventionDetail];
  "commitment.delete": [IdRequest, ConventionDetail];
  "commitment.set_actual": [SetActualRequest, ConventionDetail];
  "committee.save": [SaveCommitteeRequest, ConventionDetail];
  "committee.delete": [IdRequest, ConventionDetail];
  "person.list": [PersonFilter, Array<PersonSummary>];
  "person.get": [PersonRequest, PersonDetail];
  "person.save": [SavePersonRequest, PersonDetail];
  "person.delete": [IdRequest, null];
  "person.erase": [ErasePersonRequest, ErasePersonResponse];
  "person.statement": [ExportPersonRequest, ExportResponse];
  "person.export": [ExportPersonRequest, ExportResponse];
  "aid.parameters": [null, AidParameters];
  "aid.save_parameter": [SaveParameterRequest, AidParameters];
  "aid.save_rule": [SaveRuleRequest, AidParameters];
  "cie.simulate": [SimulateRequest, Simulation];
  "cie.list": [ContractFilter, Array<ContractSummary>];
  "cie.get": [IdRequest, ContractDetail];
  "cie.save": [SaveContractRequest, ContractDetail];
  "cie.delete": [IdRequest, null];
  "cie.totals": [TotalsRequest, CieTotals];
  "cie.alerts": [null, Array<IncidentAlert>];
  "mentoring.overview": [null, Mentoring];
  "mentoring.save_programme": [SaveProgrammeRequest, Mentoring];
  "mentoring.save_mentor": [SaveMentorRequest, Mentoring];
  "retention.overview": [null, RetentionOverview];
  "retention.save_period": [SavePeriodRequest, RetentionOverview];
  "retention.run": [null, PurgeReport];
  "pairing.get": [IdRequest, PairingDetail];
  "pairing.save": [SavePairingRequest, PairingDetail];
  "meeting.save": [SaveMeetingRequest, PairingDetail];
  "grouping.members": [OrganisationRequest, GroupingMembers];
  "membership.save": [SaveMembershipRequest, GroupingMembers];
  "membership.delete": [IdRequest, GroupingMembers];
  "objective.list": [OrganisationRequest, Array<ObjectiveView>];
  "objective.save": [SaveObjectiveRequest, Array<ObjectiveView>];
  "objective.delete": [IdRequest, Array<ObjectiveView>];
  "brief.get": [IdRequest, Brief];
  "brief.pdf": [ExportRequest, ExportResponse];
  "search": [SearchRequest, Array<SearchHit>];
  "reference.communes": [CommuneSearchRequest, Array<Commune>];
  "reference.naf": [NafSearchRequest, Array<CodeLabel>];
  "reference.rome": [RomeSearchRequest, Array<CodeLabel>];
  "reference.lists": [null, ReferenceLists];
  "dashboard": [null, Dashboard];
  "profile.get": [null, Officer];
  "profile.update": [ProfileInput, Officer];
  "status": [null, LocalStatus];
  "sync.status": [null, SyncStatus];
  "sync.login": [LoginInput, SyncStatus];
  "sync.logout": [null, SyncStatus];
  "sync.settings": [SyncSettings, SyncStatus];
  "sync.now": [null, SyncNowResponse];
  "sync.issues": [IssuesRequest, Array<SyncIssue>];
  "sync.resolve": [ResolveRequest, Array<SyncIssue>];
};

export type CommandName = keyof Commands;
