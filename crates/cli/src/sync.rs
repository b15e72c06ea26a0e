//! `tremplin login`, `tremplin sync`, `tremplin logout`: the sync client
//! for headless use.

use anyhow::{Result, bail};
use clap::Args;
use tremplin_app::App;
use tremplin_app::sync::{LoginInput, SyncStatus};

#[derive(Args)]
pub struct LoginArgs {
    /// Server address (https://…; http:// only to this machine).
    #[arg(long, env = "TREMPLIN_SERVER_URL")]
    pub server: String,
    #[arg(long)]
    pub login: String,
    /// Name of this device in the account's device list.
    #[arg(long, default_value = "Tremplin en ligne de commande")]
    pub device_name: String,
}

#[derive(Args)]
pub struct SyncArgs {
    /// Only show where sync stands.
    #[arg(long)]
    pub status: bool,
}

pub fn login(app: &App, args: LoginArgs) -> Result<()> {
    let password = match std::env::var("TREMPLIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => rpassword::prompt_password(format!("Mot de passe de {} : ", args.login))?,
    };
    let st = app.sync_login(&LoginInput {
        server_url: args.server,
        login: args.login,
        password,
        device_name: args.device_name,
    })?;
    println!(
        "Connecté·e à {} en tant que {}.",
        st.server_url.as_deref().unwrap_or("?"),
        st.login.as_deref().unwrap_or("?")
    );
    Ok(())
}

pub fn logout(app: &App) -> Result<()> {
    app.sync_logout()?;
    println!("Déconnecté·e : le jeton de cet appareil est supprimé ; les données locales restent.");
    Ok(())
}

pub fn sync(app: &App, args: SyncArgs) -> Result<()> {
    if args.status {
        print_status(&app.sync_status()?);
        return Ok(());
    }
    match app.sync_now() {
        Ok(r) => {
            println!(
                "Synchronisé : {} modification(s) envoyée(s), {} reçue(s), {} conflit(s), {} refus{}.",
                r.pushed,
                r.pulled,
                r.conflicts,
                r.rejected,
                if r.full_resync { ", resynchronisation complète" } else { "" }
            );
            let open = app.sync_status()?.open_issues;
            if open > 0 {
                println!("{open} conflit(s) ou refus à régler dans l'application (Conflits et refus).");
            }
            Ok(())
        }
        Err(e) => bail!("{e}"),
    }
}

fn print_status(st: &SyncStatus) {
    match (&st.server_url, &st.login, st.configured) {
        (Some(url), Some(login), true) => println!("Serveur : {url} ({login})"),
        _ => println!("Synchronisation non configurée (tremplin login)."),
    }
    println!("Modifications en attente : {}", st.pending_changes);
    println!("Conflits et refus ouverts : {}", st.open_issues);
    println!("Dernière synchronisation réussie : {}", st.last_success_at.as_deref().unwrap_or("jamais"));
    if let Some(e) = &st.last_error {
        println!("Dernière erreur : {}", e.message);
    }
}
