//! `tremplin demo`: builds the demo database (see `tremplin_app::demo`) at
//! the configured path, aside first so a failure leaves nothing behind.

use anyhow::{Result, bail};
use tremplin_app::App;

use crate::location::Location;

pub fn run(loc: &Location, force: bool) -> Result<()> {
    if loc.db.exists() {
        if !force {
            bail!("La base {} existe déjà : ajoutez --force pour la remplacer.", loc.db.display());
        }
        for suffix in ["", "-wal", "-shm"] {
            let p = format!("{}{suffix}", loc.db.display());
            if std::path::Path::new(&p).exists() {
                std::fs::remove_file(&p)?;
            }
        }
    }
    let building = loc.db.with_extension("demo-en-cours");
    let _ = std::fs::remove_file(&building);
    let summary = {
        let app = App::open(&building, &loc.key)?;
        tremplin_app::demo::build(&app)?
        // Dropping the app closes the database: its WAL is checkpointed.
    };
    std::fs::rename(&building, &loc.db)?;
    println!("Base de démonstration créée : {}", loc.db.display());
    println!("  {summary}");
    Ok(())
}
