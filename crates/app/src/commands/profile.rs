//! The officer using this device.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tremplin_domain::error::{optional_text, required_text};
use tremplin_domain::reach::Email;
use tremplin_store::Officer;

use crate::app::App;
use crate::error::AppResult;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProfileInput {
    pub display_name: String,
    pub email: Option<String>,
    pub dt_code: Option<String>,
}

pub fn get(app: &App) -> AppResult<Officer> {
    App::officer(&app.store())
}

/// Sets the local profile's name, e-mail and DT (before the first server
/// login, which replaces the profile with the officer's account).
pub fn update(app: &App, input: ProfileInput) -> AppResult<Officer> {
    let display_name = required_text(&input.display_name, "display_name", "Nom affiché", 100)?;
    let email = match optional_text(input.email.as_deref(), "email", "Adresse e-mail", 200)? {
        Some(e) => Some(Email::parse(&e)?.as_str().to_string()),
        None => None,
    };
    let store = app.store();
    let dt_code = input.dt_code.filter(|d| !d.trim().is_empty());
    if let Some(dt) = &dt_code
        && !store.directions_territoriales()?.iter().any(|d| &d.code == dt)
    {
        return Err(crate::AppError::field(
            "unknown_dt",
            "dt_code",
            format!("Direction territoriale : « {dt} » inconnue."),
        ));
    }
    let id = store.current_officer()?.map(|o| o.id).unwrap_or_else(tremplin_domain::new_row_id);
    let officer = Officer { id, display_name, email, dt_code };
    store.set_current_officer(&officer)?;
    Ok(officer)
}
