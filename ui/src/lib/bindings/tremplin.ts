// Generated from the Rust DTOs by `UPDATE_BINDINGS=1 cargo test -p tremplin-app bindings`.
// Do not edit by hand.

export type AppError = { code: string, message: string, 
/**
 * The request field at fault, when there is one.
 */
field: string | null, };

export type IdRequest = { id: string, };

export type UpdateRequest<T> = { id: string, input: T, };

export type NafVersion = "NAF_REV2" | "NAF2025";

export type OrgKind = "entreprise" | "etablissement" | "grand_compte" | "groupement_employeurs" | "geiq" | "siae" | "partenaire_institutionnel";

export type OrgStatus = "prospect" | "partenaire_actif" | "en_veille" | "ferme";

export type PartnerType = "france_travail" | "caf" | "region" | "etat" | "opco" | "cci" | "cma" | "mission_locale" | "cap_emploi" | "epci" | "commune" | "association" | "autre";

export type OrganisationInput = { kind: OrgKind | null, name: string, legal_name: string | null, siren: string | null, siret: string | null, naf_code: string | null, naf_version: NafVersion | null, commune_code: string | null, postcode: string | null, address: string | null, phone: string | null, email: string | null, website: string | null, headcount_band: string | null, parent_id: string | null, owner_id: string | null, status: OrgStatus | null, partner_type: PartnerType | null, tags: Array<string>, notes: string | null, };

export type Organisation = { kind: OrgKind, name: string, legal_name: string | null, siren: Siren | null, siret: Siret | null, naf_code: NafCode | null, naf_version: NafVersion | null, commune_code: CommuneCode | null, postcode: Postcode | null, address: string | null, phone: Phone | null, email: Email | null, website: string | null, headcount_band: string | null, parent_id: string | null, owner_id: string | null, status: OrgStatus, partner_type: PartnerType | null, tags: Array<string>, notes: string | null, };

export type Siren = string;

export type Siret = string;

export type NafCode = string;

export type CommuneCode = string;

export type Postcode = string;

export type Email = string;

export type Phone = string;

export type ContactInput = { organisation_id: string | null, first_name: string | null, last_name: string, job_title: string | null, email: string | null, phone: string | null, mobile: string | null, notes: string | null, };

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

export type ContactView = { id: string, organisation_id: string, organisation_name: string | null, first_name: string | null, last_name: string, job_title: string | null, email: string | null, phone: string | null, mobile: string | null, notes: string | null, updated_at: string, last_interaction_at: string | null, };

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

export type LogInteractionRequest = { interaction: InteractionInput, follow_up: FollowUpInput | null, };

export type LogInteractionResponse = { interaction: InteractionView, follow_up: TaskView | null, };

export type TimelineRequest = { organisation_id: string, offset: number, limit: number, };

export type RecentRequest = { limit: number, };

export type DueRequest = { 
/**
 * How many days ahead "à venir" reaches (default 7).
 */
days: number, };

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

export type ReferenceLists = { directions_territoriales: Array<CodeLabel>, epcis: Array<CodeLabel>, organisation_kinds: Array<CodeLabel>, organisation_statuses: Array<CodeLabel>, partner_types: Array<CodeLabel>, channels: Array<CodeLabel>, headcount_bands: Array<CodeLabel>, };

export type DtCount = { dt_code: string | null, dt_name: string | null, organisations: number, };

export type Dashboard = { tasks: DueTasks, recent_interactions: Array<InteractionView>, portfolio_by_dt: Array<DtCount>, 
/**
 * Local changes not yet sent to the server.
 */
pending_changes: number, };

export type ProfileInput = { display_name: string, email: string | null, dt_code: string | null, };

export type LocalStatus = { officer: Officer, 
/**
 * Pending changes, last sync, conflicts, demo database…
 */
sync: SyncStatus, };

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
  "interaction.timeline": [TimelineRequest, Page<InteractionView>];
  "interaction.recent": [RecentRequest, Array<InteractionView>];
  "task.create": [TaskInput, TaskView];
  "task.complete": [IdRequest, TaskView];
  "task.cancel": [IdRequest, TaskView];
  "task.reopen": [IdRequest, TaskView];
  "task.due": [DueRequest, DueTasks];
  "task.of_organisation": [OrganisationTasksRequest, Array<TaskView>];
  "search": [SearchRequest, Array<SearchHit>];
  "reference.communes": [CommuneSearchRequest, Array<Commune>];
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
