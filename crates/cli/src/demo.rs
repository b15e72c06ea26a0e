//! `tremplin demo`: builds the demo database (see `tremplin_app::demo`) at
//! the configured path, aside first so a failure leaves nothing behind.

use anyhow::Result;
use tremplin_app::App;

use crate::location::Location;

pub fn run(loc: &Location, force: bool) -> Result<()> {
    crate::location::make_room(&loc.db, force)?;
    let building = loc.db.with_extension("demo-en-cours");
    tremplin_store::remove_database_files(&building)?;
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
