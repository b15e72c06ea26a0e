//! Commands by name, with JSON in and out: what the Tauri shell and the HTTP
//! adapter forward to. The table below is the whole public surface; the
//! TypeScript `Commands` map is generated from it.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use ts_rs::{Config, TS};

use crate::app::App;
use crate::commands::{
    IdRequest, UpdateRequest, briefs, candidacies, cie, contacts, conventions, dashboard, events, groupings,
    hires, interactions, mentoring, needs, organisations, parameters, people, profile, projects, reference,
    retention, search, status, sync, tasks, tension,
};
use crate::error::{AppError, AppResult};

/// No request body.
type Unit = ();

macro_rules! commands {
    ($($name:literal => $f:expr, $req:ty => $res:ty;)*) => {
        /// Runs the command `name` with its JSON request.
        pub fn dispatch(app: &App, name: &str, args: Value) -> AppResult<Value> {
            let before = app.local_changes();
            let out = match name {
                $($name => call::<$req, $res>(app, name, args, $f),)*
                _ => Err(AppError::new("unknown_command", format!("Commande inconnue : « {name} »."))),
            };
            // A local edit: the sync scheduler pushes it soon.
            if app.local_changes() != before {
                app.notify_change();
            }
            app.publish_changes();
            out
        }

        /// Every command name.
        pub const COMMANDS: &[&str] = &[$($name),*];

        /// `name: [request, response]` lines of the TypeScript map.
        pub(crate) fn typescript_signatures(cfg: &Config) -> Vec<String> {
            vec![$(format!("  \"{}\": [{}, {}];", $name, <$req as TS>::name(cfg), <$res as TS>::name(cfg))),*]
        }
    };
}

commands! {
    "organisation.create" => organisations::create, tremplin_domain::organisation::OrganisationInput => tremplin_store::queries::organisations::OrganisationDetail;
    "organisation.update" => organisations::update, UpdateRequest<tremplin_domain::organisation::OrganisationInput> => tremplin_store::queries::organisations::OrganisationDetail;
    "organisation.delete" => organisations::delete, IdRequest => Unit;
    "organisation.get" => organisations::get, IdRequest => tremplin_store::queries::organisations::OrganisationDetail;
    "organisation.list" => organisations::list, tremplin_store::queries::organisations::OrganisationFilter => tremplin_store::queries::Page<tremplin_store::queries::organisations::OrganisationSummary>;
    "contact.create" => contacts::create, tremplin_domain::contact::ContactInput => tremplin_store::queries::contacts::ContactView;
    "contact.update" => contacts::update, UpdateRequest<tremplin_domain::contact::ContactInput> => tremplin_store::queries::contacts::ContactView;
    "contact.delete" => contacts::delete, IdRequest => Unit;
    "contact.get" => contacts::get, IdRequest => tremplin_store::queries::contacts::ContactView;
    "contact.list" => contacts::list, contacts::ContactListRequest => tremplin_store::queries::Page<tremplin_store::queries::contacts::ContactView>;
    "interaction.log" => interactions::log, interactions::LogInteractionRequest => interactions::LogInteractionResponse;
    "interaction.update" => interactions::update, UpdateRequest<tremplin_domain::interaction::InteractionInput> => tremplin_store::queries::interactions::InteractionView;
    "interaction.delete" => interactions::delete, IdRequest => Unit;
    "interaction.timeline" => interactions::timeline, interactions::TimelineRequest => tremplin_store::queries::Page<tremplin_store::queries::interactions::InteractionView>;
    "interaction.recent" => interactions::recent, interactions::RecentRequest => Vec<tremplin_store::queries::interactions::InteractionView>;
    "task.create" => tasks::create, tremplin_domain::task::TaskInput => tremplin_store::queries::tasks::TaskView;
    "task.update" => tasks::update, UpdateRequest<tremplin_domain::task::TaskInput> => tremplin_store::queries::tasks::TaskView;
    "task.complete" => tasks::complete, IdRequest => tremplin_store::queries::tasks::TaskView;
    "task.cancel" => tasks::cancel, IdRequest => tremplin_store::queries::tasks::TaskView;
    "task.reopen" => tasks::reopen, IdRequest => tremplin_store::queries::tasks::TaskView;
    "task.due" => tasks::due, tasks::DueRequest => tasks::DueTasks;
    "need.create" => needs::create, tremplin_domain::need::NeedInput => needs::NeedDetail;
    "need.update" => needs::update, UpdateRequest<tremplin_domain::need::NeedInput> => needs::NeedDetail;
    "need.move" => needs::move_to, needs::MoveNeedRequest => needs::NeedDetail;
    "need.get" => needs::get, IdRequest => needs::NeedDetail;
    "need.list" => needs::list, needs::NeedListRequest => Vec<tremplin_store::queries::needs::NeedSummary>;
    "need.board" => needs::board, needs::NeedListRequest => Vec<tremplin_store::queries::needs::NeedColumn>;
    "need.delete" => needs::delete, IdRequest => Unit;
    "candidacy.propose" => candidacies::propose, candidacies::ProposeRequest => tremplin_store::queries::placement::CandidacySummary;
    "candidacy.move" => candidacies::move_to, candidacies::MoveCandidacyRequest => tremplin_store::queries::placement::CandidacySummary;
    "candidacy.of_need" => candidacies::of_need, IdRequest => Vec<tremplin_store::queries::placement::CandidacySummary>;
    "candidacy.of_person" => candidacies::of_person, IdRequest => Vec<tremplin_store::queries::placement::CandidacySummary>;
    "candidacy.delete" => candidacies::delete, IdRequest => Unit;
    "hire.create" => hires::create, hires::HireRequest => hires::HireDetail;
    "hire.update" => hires::update, UpdateRequest<tremplin_domain::hire::HireInput> => hires::HireDetail;
    "hire.follow_up" => hires::follow_up, hires::FollowUpRequest => hires::HireDetail;
    "hire.get" => hires::get, IdRequest => hires::HireDetail;
    "hire.list" => hires::list, hires::HireListRequest => Vec<tremplin_store::queries::placement::HireSummary>;
    "hire.delete" => hires::delete, IdRequest => Unit;
    "tension.list" => |app, ()| tension::list(app), Unit => tension::TensionList;
    "tension.save" => tension::save, tension::SaveTensionRequest => tension::TensionList;
    "tension.delete" => tension::delete, IdRequest => tension::TensionList;
    "project.list" => |app, ()| projects::list(app), Unit => Vec<tremplin_store::queries::projects::ProjectSummary>;
    "project.get" => projects::get, IdRequest => projects::ProjectDetail;
    "project.create" => projects::create, tremplin_domain::project::ProjectInput => projects::ProjectDetail;
    "project.update" => projects::update, UpdateRequest<tremplin_domain::project::ProjectInput> => projects::ProjectDetail;
    "project.delete" => projects::delete, IdRequest => Unit;
    "event.list" => events::list, events::EventListRequest => Vec<tremplin_store::queries::events::EventSummary>;
    "event.create" => events::create, tremplin_domain::event::EventInput => events::EventDetail;
    "event.update" => events::update, UpdateRequest<tremplin_domain::event::EventInput> => events::EventDetail;
    "event.move" => events::move_to, events::MoveEventRequest => events::EventDetail;
    "event.get" => events::get, IdRequest => events::EventDetail;
    "event.delete" => events::delete, IdRequest => Unit;
    "event.invite" => events::invite, events::InviteRequest => events::EventDetail;
    "event.set_invitation" => events::set_invitation, events::InvitationStatusRequest => events::EventDetail;
    "event.uninvite" => events::uninvite, IdRequest => events::EventDetail;
    "event.of_person" => events::of_person, IdRequest => Vec<tremplin_store::queries::events::InvitationSummary>;
    "event.sheet" => events::export_sheet, events::SheetRequest => conventions::ExportResponse;
    "calendar.ics" => events::export_calendar, events::CalendarRequest => conventions::ExportResponse;
    "task.of_organisation" => tasks::of_organisation, tasks::OrganisationTasksRequest => Vec<tremplin_store::queries::tasks::TaskView>;
    "convention.list" => conventions::list, tremplin_store::queries::partnerships::ConventionFilter => Vec<tremplin_store::queries::partnerships::ConventionSummary>;
    "convention.get" => conventions::get, IdRequest => conventions::ConventionDetail;
    "convention.create" => conventions::create, tremplin_domain::convention::ConventionInput => conventions::ConventionDetail;
    "convention.update" => conventions::update, UpdateRequest<tremplin_domain::convention::ConventionInput> => conventions::ConventionDetail;
    "convention.delete" => conventions::delete, IdRequest => Unit;
    "convention.transition" => conventions::transition, conventions::TransitionRequest => conventions::ConventionDetail;
    "convention.amend" => conventions::amend, IdRequest => conventions::ConventionDetail;
    "convention.pdf" => conventions::export_pdf, conventions::ExportRequest => conventions::ExportResponse;
    "commitment.save" => conventions::save_commitment, conventions::SaveCommitmentRequest => conventions::ConventionDetail;
    "commitment.delete" => conventions::delete_commitment, IdRequest => conventions::ConventionDetail;
    "commitment.set_actual" => conventions::set_actual, conventions::SetActualRequest => conventions::ConventionDetail;
    "committee.save" => conventions::save_committee, conventions::SaveCommitteeRequest => conventions::ConventionDetail;
    "committee.delete" => conventions::delete_committee, IdRequest => conventions::ConventionDetail;
    "person.list" => people::list, people::PersonFilter => Vec<people::PersonSummary>;
    "person.get" => people::get, people::PersonRequest => people::PersonDetail;
    "person.save" => people::save, people::SavePersonRequest => people::PersonDetail;
    "person.delete" => people::delete, IdRequest => Unit;
    "person.erase" => people::erase, people::ErasePersonRequest => people::ErasePersonResponse;
    "person.statement" => people::export_statement, people::ExportPersonRequest => conventions::ExportResponse;
    "person.export" => people::export, people::ExportPersonRequest => conventions::ExportResponse;
    "aid.parameters" => |app, ()| parameters::list(app), Unit => parameters::AidParameters;
    "aid.save_parameter" => parameters::save_parameter, parameters::SaveParameterRequest => parameters::AidParameters;
    "aid.save_rule" => parameters::save_rule, parameters::SaveRuleRequest => parameters::AidParameters;
    "cie.simulate" => cie::simulate, cie::SimulateRequest => cie::Simulation;
    "cie.list" => cie::list, cie::ContractFilter => Vec<cie::ContractSummary>;
    "cie.get" => cie::get, IdRequest => cie::ContractDetail;
    "cie.save" => cie::save, cie::SaveContractRequest => cie::ContractDetail;
    "cie.delete" => cie::delete, IdRequest => Unit;
    "cie.totals" => cie::totals, cie::TotalsRequest => cie::CieTotals;
    "cie.alerts" => |app, ()| cie::alerts(app), Unit => Vec<cie::IncidentAlert>;
    "mentoring.overview" => |app, ()| mentoring::overview(app), Unit => mentoring::Mentoring;
    "mentoring.save_programme" => mentoring::save_programme, mentoring::SaveProgrammeRequest => mentoring::Mentoring;
    "mentoring.save_mentor" => mentoring::save_mentor, mentoring::SaveMentorRequest => mentoring::Mentoring;
    "retention.overview" => |app, ()| retention::overview(app), Unit => retention::RetentionOverview;
    "retention.save_period" => retention::save_period, retention::SavePeriodRequest => retention::RetentionOverview;
    "retention.run" => |app, ()| retention::run(app), Unit => retention::PurgeReport;
    "pairing.get" => mentoring::get_pairing, IdRequest => mentoring::PairingDetail;
    "pairing.save" => mentoring::save_pairing, mentoring::SavePairingRequest => mentoring::PairingDetail;
    "meeting.save" => mentoring::save_meeting, mentoring::SaveMeetingRequest => mentoring::PairingDetail;
    "grouping.members" => groupings::members, groupings::OrganisationRequest => groupings::GroupingMembers;
    "membership.save" => groupings::save_membership, groupings::SaveMembershipRequest => groupings::GroupingMembers;
    "membership.delete" => groupings::delete_membership, IdRequest => groupings::GroupingMembers;
    "objective.list" => groupings::objectives, groupings::OrganisationRequest => Vec<groupings::ObjectiveView>;
    "objective.save" => groupings::save_objective, groupings::SaveObjectiveRequest => Vec<groupings::ObjectiveView>;
    "objective.delete" => groupings::delete_objective, IdRequest => Vec<groupings::ObjectiveView>;
    "brief.get" => briefs::get, IdRequest => crate::brief::Brief;
    "brief.pdf" => briefs::export_pdf, conventions::ExportRequest => conventions::ExportResponse;
    "search" => search::search, search::SearchRequest => Vec<tremplin_store::search::SearchHit>;
    "reference.communes" => reference::communes, reference::CommuneSearchRequest => Vec<tremplin_store::reference::Commune>;
    "reference.naf" => reference::naf, reference::NafSearchRequest => Vec<tremplin_store::reference::CodeLabel>;
    "reference.rome" => reference::rome, reference::RomeSearchRequest => Vec<tremplin_store::reference::CodeLabel>;
    "reference.lists" => |app, ()| reference::lists(app), Unit => reference::ReferenceLists;
    "dashboard" => |app, ()| dashboard::dashboard(app), Unit => dashboard::Dashboard;
    "profile.get" => |app, ()| profile::get(app), Unit => tremplin_store::Officer;
    "profile.update" => profile::update, profile::ProfileInput => tremplin_store::Officer;
    "status" => |app, ()| status::status(app), Unit => status::LocalStatus;
    "sync.status" => |app, ()| sync::status(app), Unit => crate::sync::SyncStatus;
    "sync.login" => sync::login, crate::sync::LoginInput => crate::sync::SyncStatus;
    "sync.logout" => |app, ()| sync::logout(app), Unit => crate::sync::SyncStatus;
    "sync.settings" => sync::settings, sync::SyncSettings => crate::sync::SyncStatus;
    "sync.now" => |app, ()| sync::now(app), Unit => sync::SyncNowResponse;
    "sync.issues" => sync::issues, sync::IssuesRequest => Vec<tremplin_store::sync::SyncIssue>;
    "sync.resolve" => sync::resolve, sync::ResolveRequest => Vec<tremplin_store::sync::SyncIssue>;
}

fn call<Req: DeserializeOwned, Res: Serialize>(
    app: &App,
    name: &str,
    args: Value,
    f: impl FnOnce(&App, Req) -> AppResult<Res>,
) -> AppResult<Value> {
    // Commands without a body accept `null` or `{}`.
    let args = match args {
        Value::Object(m) if m.is_empty() && std::any::type_name::<Req>() == "()" => Value::Null,
        other => other,
    };
    let req: Req = serde_path_to_error::deserialize(args).map_err(|e| malformed(name, &e))?;
    let res = f(app, req)?;
    serde_json::to_value(res).map_err(|e| AppError::new("internal", format!("Réponse illisible : {e}")))
}

/// A request in the wrong shape: a date typed « 31/02/2026 » or a code
/// that is no choice of its list. When the path names a field, the error is
/// that field's, so the form shows it there.
fn malformed(name: &str, e: &serde_path_to_error::Error<serde_json::Error>) -> AppError {
    use serde_path_to_error::Segment;
    let field = e.path().iter().rev().find_map(|s| match s {
        Segment::Map { key } => Some(key.clone()),
        _ => None,
    });
    let inner = e.inner().to_string();
    // chrono's parse errors: the value was meant as a date.
    const DATE_ERRORS: [&str; 5] = [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "trailing input",
        "input is not enough for unique",
    ];
    match field {
        Some(field) if DATE_ERRORS.iter().any(|d| inner.contains(d)) => AppError::field(
            "bad_date",
            &field,
            format!(
                "{} : ce n'est pas une date du calendrier (attendu : jj/mm/aaaa, par exemple 21/11/2026).",
                date_label(&field)
            ),
        ),
        Some(field) if inner.starts_with("unknown variant") => {
            AppError::field("bad_value", &field, "Choix : cette valeur ne fait pas partie de la liste.")
        }
        _ => AppError::new("bad_request", format!("Requête invalide pour « {name} » : {e}")),
    }
}

/// The words for a request's date fields, so that a refused date names its
/// field (as the forms label it).
fn date_label(field: &str) -> &'static str {
    match field {
        "due_date" => "Échéance",
        "occurred_at" => "Date de l'échange",
        "starts_on" => "Date de début",
        "ends_on" => "Date de fin",
        "aid_starts_on" => "Début de l'aide",
        "aid_ends_on" => "Fin de l'aide",
        "aid_decided_on" => "Décision d'aide",
        "signed_on" => "Date de signature",
        "bilan_on" => "Date du bilan",
        "cp_date" => "Date de la délibération",
        "joined_on" => "Date d'adhésion",
        "left_on" => "Date de sortie",
        "charter_signed_on" => "Charte signée le",
        "held_on" => "Date de la rencontre",
        "planned_end_on" => "Fin prévue",
        "extended_to" => "Prolongé jusqu'au",
        "ended_on" => "Date de fin",
        "effective_from" | "valid_from" => "Applicable à partir du",
        "valid_to" => "Applicable jusqu'au",
        "given_on" => "Consentement donné le",
        "withdrawn_on" => "Consentement retiré le",
        "declared_on" => "Déclaré le",
        "amends_from" => "Prise d'effet de l'avenant",
        "terminated_on" => "Date de résiliation",
        "from" => "Du",
        "to" => "Au",
        _ => "Date",
    }
}
