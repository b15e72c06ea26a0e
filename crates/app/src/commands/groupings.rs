//! Employer groupings' members and large accounts' key-account plans.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::account::{AccountObjective, AccountObjectiveInput};
use tremplin_domain::grouping::{Membership, MembershipInput};
use tremplin_domain::new_row_id;
use tremplin_domain::organisation::{OrgKind, Organisation};
use tremplin_store::Store;
use tremplin_store::queries::partnerships::MemberView;

use super::IdRequest;
use crate::app::App;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
pub struct OrganisationRequest {
    pub organisation_id: Uuid,
}

/// Members of one territory (DT and EPCI).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TerritoryMembers {
    pub dt_name: String,
    pub epci_name: String,
    pub rural: usize,
    pub members: Vec<MemberView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct GroupingMembers {
    /// Current members by territory: those with the most members in rural
    /// communes first (the rural Nord is where groupings matter most).
    pub by_territory: Vec<TerritoryMembers>,
    /// Members who left.
    pub former: Vec<MemberView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveMembershipRequest {
    pub id: Option<Uuid>,
    pub input: MembershipInput,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ObjectiveView {
    pub id: Uuid,
    pub data: AccountObjective,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveObjectiveRequest {
    pub id: Option<Uuid>,
    pub input: AccountObjectiveInput,
}

pub fn members(app: &App, req: OrganisationRequest) -> AppResult<GroupingMembers> {
    let today = app.clock().today();
    let all = app.reader().members_of(req.organisation_id)?;
    let (current, former): (Vec<MemberView>, Vec<MemberView>) =
        all.into_iter().partition(|m| m.membership.is_current(today) || m.membership.joined_on > today);
    let mut groups: Vec<TerritoryMembers> = Vec::new();
    for m in current {
        let dt = m.member.dt_name.clone().unwrap_or_else(|| "Direction territoriale inconnue".into());
        let epci = m.member.epci_name.clone().unwrap_or_else(|| "EPCI inconnu".into());
        match groups.iter_mut().find(|g| g.dt_name == dt && g.epci_name == epci) {
            Some(g) => {
                g.rural += usize::from(m.rural);
                g.members.push(m);
            }
            None => groups.push(TerritoryMembers {
                dt_name: dt,
                epci_name: epci,
                rural: usize::from(m.rural),
                members: vec![m],
            }),
        }
    }
    groups.sort_by(|a, b| {
        b.rural
            .cmp(&a.rural)
            .then_with(|| a.dt_name.cmp(&b.dt_name))
            .then_with(|| a.epci_name.cmp(&b.epci_name))
    });
    for g in &mut groups {
        g.members.sort_by(|a, b| a.member.name.cmp(&b.member.name));
    }
    Ok(GroupingMembers { by_territory: groups, former })
}

pub fn save_membership(app: &App, req: SaveMembershipRequest) -> AppResult<GroupingMembers> {
    let m = Membership::validate(&req.input)?;
    let grouping_id = m.grouping_id;
    {
        let mut store = app.store();
        let grouping = live_org(&store, m.grouping_id, "grouping_id", "Groupement")?;
        if !grouping.is_grouping() {
            return Err(AppError::field(
                "not_a_grouping",
                "grouping_id",
                "Groupement : seuls un groupement d'employeurs ou un GEIQ ont des adhérents.",
            ));
        }
        let member = live_org(&store, m.member_id, "member_id", "Adhérent")?;
        if member.is_grouping() || member.kind == OrgKind::PartenaireInstitutionnel {
            return Err(AppError::field(
                "not_an_employer",
                "member_id",
                "Adhérent : choisissez une entreprise ou un établissement employeur.",
            ));
        }
        let overlapping = store.members_of(m.grouping_id)?.into_iter().any(|o| {
            Some(o.membership_id) != req.id
                && o.membership.member_id == m.member_id
                && o.membership.left_on.is_none_or(|l| l >= m.joined_on)
                && m.left_on.is_none_or(|l| l >= o.membership.joined_on)
        });
        if overlapping {
            return Err(AppError::field(
                "already_member",
                "member_id",
                "Adhérent : cet établissement est déjà adhérent sur cette période.",
            ));
        }
        store.write(|w| match req.id {
            Some(id) => {
                let old = w.get_live::<Membership>(id).map_err(|_| AppError::not_found("Adhésion"))?;
                if old.data.grouping_id != m.grouping_id {
                    return Err(AppError::field(
                        "read_only",
                        "grouping_id",
                        "Groupement : ne se change pas.",
                    ));
                }
                w.update(id, &m).map(drop).map_err(AppError::from)
            }
            None => w.create(new_row_id(), &m).map_err(AppError::from),
        })?;
    }
    members(app, OrganisationRequest { organisation_id: grouping_id })
}

pub fn delete_membership(app: &App, req: IdRequest) -> AppResult<GroupingMembers> {
    let grouping_id = {
        let mut store = app.store();
        let m = store
            .get::<Membership>(req.id)?
            .filter(|r| r.deleted_at.is_none())
            .ok_or_else(|| AppError::not_found("Adhésion"))?;
        store.write(|w| w.delete::<Membership>(req.id).map_err(AppError::from))?;
        m.data.grouping_id
    };
    members(app, OrganisationRequest { organisation_id: grouping_id })
}

pub fn objectives(app: &App, req: OrganisationRequest) -> AppResult<Vec<ObjectiveView>> {
    Ok(app
        .store()
        .objectives_of(req.organisation_id)?
        .into_iter()
        .map(|r| ObjectiveView { id: r.id, data: r.data })
        .collect())
}

pub fn save_objective(app: &App, req: SaveObjectiveRequest) -> AppResult<Vec<ObjectiveView>> {
    let o = AccountObjective::validate(&req.input)?;
    let org_id = o.organisation_id;
    {
        let mut store = app.store();
        if live_org(&store, o.organisation_id, "organisation_id", "Grand compte")?.kind
            != OrgKind::GrandCompte
        {
            return Err(AppError::field(
                "not_a_large_account",
                "organisation_id",
                "Grand compte : le plan de compte est réservé aux grands comptes.",
            ));
        }
        store.write(|w| match req.id {
            Some(id) => {
                w.get_live::<AccountObjective>(id).map_err(|_| AppError::not_found("Objectif"))?;
                w.update(id, &o).map(drop).map_err(AppError::from)
            }
            None => w.create(new_row_id(), &o).map_err(AppError::from),
        })?;
    }
    objectives(app, OrganisationRequest { organisation_id: org_id })
}

pub fn delete_objective(app: &App, req: IdRequest) -> AppResult<Vec<ObjectiveView>> {
    let org_id = {
        let mut store = app.store();
        let o = store
            .get::<AccountObjective>(req.id)?
            .filter(|r| r.deleted_at.is_none())
            .ok_or_else(|| AppError::not_found("Objectif"))?;
        store.write(|w| w.delete::<AccountObjective>(req.id).map_err(AppError::from))?;
        o.data.organisation_id
    };
    objectives(app, OrganisationRequest { organisation_id: org_id })
}

fn live_org(store: &Store, id: Uuid, field: &str, label: &str) -> AppResult<Organisation> {
    store.get::<Organisation>(id)?.filter(|r| r.deleted_at.is_none()).map(|r| r.data).ok_or_else(|| {
        AppError::field("unknown_organisation", field, format!("{label} : organisation inconnue."))
    })
}
