//! TypeScript bindings for every DTO and the command map, in one file the
//! UI imports: `ui/src/lib/bindings/tremplin.ts`. A test fails when the
//! committed file is stale; `UPDATE_BINDINGS=1 cargo test -p tremplin-app
//! bindings` rewrites it.

use ts_rs::{Config, TS};

use crate::commands::{
    IdRequest, UpdateRequest, candidacies, cie, contacts, conventions, dashboard, events, groupings, hires,
    interactions, mentoring, needs, parameters, people, profile, projects, reference, retention, search,
    status, tasks, tension,
};
use crate::dispatch::typescript_signatures;

pub const BINDINGS_PATH: &str = "ui/src/lib/bindings/tremplin.ts";

pub fn config() -> Config {
    // Counts and versions stay far below 2^53: plain numbers in JSON.
    Config::new().with_large_int("number")
}

macro_rules! declarations {
    ($cfg:ident; $($t:ty),* $(,)?) => {{
        let mut out: Vec<(String, String, Vec<String>)> = Vec::new();
        $(out.push((
            <$t as TS>::ident(&$cfg),
            format!("export {}", <$t as TS>::decl(&$cfg)),
            <$t as TS>::dependencies(&$cfg).into_iter().map(|d| d.ts_name).collect(),
        ));)*
        out
    }};
}

/// (name, declaration, names it depends on) for every exported type.
pub fn declarations() -> Vec<(String, String, Vec<String>)> {
    use tremplin_domain as d;
    use tremplin_store as s;
    let cfg = config();
    declarations![cfg;
        crate::AppError,
        crate::error::FieldError,
        IdRequest,
        UpdateRequest<()>,
        d::naf::NafVersion,
        d::organisation::OrgKind,
        d::organisation::OrgStatus,
        d::organisation::PartnerType,
        d::organisation::OrganisationInput,
        d::organisation::Organisation,
        d::identifiers::Siren,
        d::identifiers::Siret,
        d::naf::NafCode,
        d::territory::CommuneCode,
        d::territory::Postcode,
        d::reach::Email,
        d::reach::Phone,
        d::contact::ContactInput,
        d::interaction::Channel,
        d::interaction::InteractionInput,
        d::task::TaskStatus,
        d::task::TaskInput,
        s::Officer,
        s::sync::IssueKind,
        s::sync::SyncIssue,
        crate::sync::SyncStatus,
        crate::app::DataChange,
        crate::sync::LoginInput,
        crate::sync::CycleReport,
        crate::commands::sync::SyncSettings,
        crate::commands::sync::SyncNowResponse,
        crate::commands::sync::IssuesRequest,
        crate::commands::sync::Resolution,
        crate::commands::sync::ResolveRequest,
        s::queries::Page<()>,
        s::queries::organisations::OrgSort,
        s::queries::organisations::OrganisationFilter,
        s::queries::organisations::OrganisationSummary,
        s::queries::organisations::OrganisationDetail,
        s::queries::contacts::ContactView,
        s::queries::interactions::InteractionView,
        s::queries::tasks::TaskView,
        s::search::SearchEntity,
        s::search::SearchHit,
        s::reference::Commune,
        s::reference::CodeLabel,
        contacts::ContactListRequest,
        interactions::FollowUpInput,
        interactions::LogInteractionRequest,
        interactions::LogInteractionResponse,
        interactions::TimelineRequest,
        interactions::RecentRequest,
        tasks::DueRequest,
        d::need::NeedContract,
        d::need::NeedStatus,
        d::need::AbandonReason,
        d::need::NeedSource,
        d::need::PreHireTraining,
        d::need::NeedInput,
        d::need::RecruitmentNeed,
        s::queries::needs::NeedSummary,
        s::queries::needs::NeedFilter,
        s::queries::needs::NeedColumn,
        needs::NeedDetail,
        needs::MoveNeedRequest,
        needs::NeedListRequest,
        d::candidacy::CandidacyStage,
        d::candidacy::NotRetainedReason,
        d::candidacy::StageStep,
        d::candidacy::Candidacy,
        d::hire::JobEndReason,
        d::hire::FollowUp,
        d::hire::HireInput,
        d::hire::Hire,
        s::queries::placement::CandidacySummary,
        s::queries::placement::HireSummary,
        s::queries::placement::HireFilter,
        candidacies::ProposeRequest,
        candidacies::MoveCandidacyRequest,
        hires::HireRequest,
        hires::FollowUpRequest,
        hires::HireListRequest,
        hires::HireDetail,
        d::tension::TensionJobInput,
        d::tension::TensionJob,
        tension::TensionEntry,
        tension::TensionList,
        tension::SaveTensionRequest,
        d::project::ProjectStatus,
        d::project::ProjectInput,
        d::project::GrandProject,
        s::queries::projects::ProjectSummary,
        projects::ClauseHours,
        projects::ProjectDetail,
        d::event::EventKind,
        d::event::EventStatus,
        d::event::EventInput,
        d::event::Event,
        d::event::InvitationStatus,
        d::event::EventInvitation,
        s::queries::events::EventFilter,
        s::queries::events::EventSummary,
        s::queries::events::InvitationSummary,
        events::EventListRequest,
        events::MoveEventRequest,
        events::InviteRequest,
        events::InvitationStatusRequest,
        events::SheetKind,
        events::SheetRequest,
        events::Attendance,
        events::EventDetail,
        events::CalendarRequest,
        tasks::DueTasks,
        tasks::OrganisationTasksRequest,
        search::SearchRequest,
        reference::CommuneSearchRequest,
        reference::NafSearchRequest,
        reference::RomeSearchRequest,
        reference::ReferenceLists,
        reference::IndicatorLabel,
        s::queries::organisations::DtCount,
        dashboard::Dashboard,
        dashboard::Attention,
        dashboard::CommitmentBehind,
        dashboard::CopilDue,
        profile::ProfileInput,
        status::LocalStatus,
        d::contact::ContactLevel,
        d::person::Orientation,
        d::person::Consent,
        d::person::ConsentHow,
        d::person::ConsentRecord,
        d::person::Person,
        d::audit::AuditAction,
        d::aid::Financing,
        d::parameters::ParameterKind,
        d::parameters::AidParameter,
        d::parameters::ContractType,
        d::parameters::FinancingMode,
        d::parameters::AidRule,
        d::cie::Employment,
        d::cie::ContractStatus,
        d::cie::LimitException,
        d::cie::EmployerAttestations,
        d::cie::Renewal,
        d::cie::Suspension,
        d::cie::IncidentKind,
        d::cie::Incident,
        d::cie::LineParams,
        d::cie::DatedCents,
        d::cie::AidLine,
        d::cie::LineRevision,
        d::aid::AidSplit,
        d::cie::AidedContract,
        d::mentoring::Programme,
        d::mentoring::Mentor,
        d::mentoring::OutcomeCategory,
        d::mentoring::OutcomeAt,
        d::mentoring::Outcome,
        d::mentoring::EndReason,
        d::mentoring::Pairing,
        d::mentoring::MeetingFormat,
        d::mentoring::MentoringMeeting,
        d::mentoring::MentoringIndicators,
        d::retention::RetentionRule,
        d::retention::RetentionPeriod,
        d::retention::PeriodEntry,
        d::retention::Due,
        d::retention::PurgeCount,
        d::retention::ErasureReason,
        people::ErasePersonRequest,
        people::ErasePersonResponse,
        retention::DueLine,
        retention::PurgeLine,
        retention::RetentionOverview,
        retention::SavePeriodRequest,
        retention::PurgeReport,
        crate::aid_parameters::Versioned<()>,
        people::PersonSummary,
        people::PersonFilter,
        people::PersonRequest,
        people::SavePersonRequest,
        people::AuditLine,
        people::PersonDetail,
        people::PersonContract,
        people::PersonPairing,
        people::ExportPersonRequest,
        parameters::AidParameters,
        parameters::SaveParameterRequest,
        parameters::SaveRuleRequest,
        cie::Totals,
        cie::ContractSummary,
        cie::ContractFilter,
        cie::LineView,
        cie::YearTotals,
        cie::IncidentAlert,
        cie::ContractDetail,
        cie::SaveContractRequest,
        cie::TotalsRequest,
        cie::TotalRow,
        cie::CieTotals,
        cie::SimulateRequest,
        cie::Simulation,
        mentoring::ProgrammeView,
        mentoring::MentorView,
        mentoring::PairingSummary,
        mentoring::MeetingView,
        mentoring::PairingDetail,
        mentoring::Mentoring,
        mentoring::SaveProgrammeRequest,
        mentoring::SaveMentorRequest,
        mentoring::SavePairingRequest,
        mentoring::SaveMeetingRequest,
        d::convention::ConventionStatus,
        d::convention::Signatory,
        d::convention::ConventionInput,
        d::convention::Convention,
        d::commitment::Indicator,
        d::commitment::YearTarget,
        d::commitment::YearActual,
        d::commitment::CommitmentInput,
        d::commitment::Commitment,
        d::commitment::Pace,
        d::commitment::Progress,
        d::committee::CommitteeKind,
        d::committee::CommitteeInput,
        d::committee::CommitteeMeeting,
        d::grouping::MembershipInput,
        d::grouping::Membership,
        d::account::ObjectiveStatus,
        d::account::AccountObjectiveInput,
        d::account::AccountObjective,
        s::queries::partnerships::ConventionSummary,
        s::queries::partnerships::ConventionFilter,
        s::queries::partnerships::MemberView,
        conventions::CommitmentView,
        conventions::YearProgress,
        conventions::CommitteeView,
        conventions::VersionRef,
        conventions::ConventionDetail,
        conventions::TransitionRequest,
        conventions::SaveCommitmentRequest,
        conventions::SetActualRequest,
        conventions::SaveCommitteeRequest,
        conventions::ExportRequest,
        conventions::ExportResponse,
        groupings::OrganisationRequest,
        groupings::TerritoryMembers,
        groupings::GroupingMembers,
        groupings::SaveMembershipRequest,
        groupings::ObjectiveView,
        groupings::SaveObjectiveRequest,
        crate::brief::KeyValue,
        crate::brief::BriefCommitment,
        crate::brief::BriefConvention,
        crate::brief::Brief,
    ]
}

/// The whole generated file.
pub fn render() -> String {
    let mut out = String::from(
        "// Generated from the Rust DTOs by `UPDATE_BINDINGS=1 cargo test -p tremplin-app bindings`.\n\
         // Do not edit by hand.\n\n",
    );
    for (_, decl, _) in declarations() {
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.push_str("/** Every backend command: its request and response types. */\nexport type Commands = {\n");
    for line in typescript_signatures(&config()) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("};\n\nexport type CommandName = keyof Commands;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(BINDINGS_PATH)
    }

    #[test]
    fn bindings_declare_every_type_they_use() {
        let decls = declarations();
        let names: Vec<&str> = decls.iter().map(|(n, _, _)| n.as_str()).collect();
        for (name, _, deps) in &decls {
            for dep in deps {
                assert!(names.contains(&dep.as_str()), "{name} uses {dep}, which is not exported");
            }
        }
        // The commands' request and response types too.
        for line in typescript_signatures(&config()) {
            let types = line.split(':').nth(1).unwrap_or_default();
            for word in types.split(|c: char| !c.is_alphanumeric() && c != '_') {
                let is_type = word.starts_with(|c: char| c.is_ascii_uppercase());
                if is_type && !["Array", "Record", "Partial"].contains(&word) {
                    assert!(names.contains(&word), "{line} uses {word}, which is not exported");
                }
            }
        }
    }

    #[test]
    fn committed_bindings_are_up_to_date() {
        let fresh = render();
        if std::env::var("UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(path().parent().unwrap()).unwrap();
            std::fs::write(path(), &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(path()).unwrap_or_default();
        assert!(
            committed == fresh,
            "{BINDINGS_PATH} is stale: run `UPDATE_BINDINGS=1 cargo test -p tremplin-app bindings` and commit it"
        );
    }
}
