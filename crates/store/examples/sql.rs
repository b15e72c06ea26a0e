//! Runs SQL on an encrypted Tremplin database, for maintainers:
//! `TREMPLIN_DB_KEY=<hex> cargo run -p tremplin-store --example sql -- <db> "<SQL>"`.
//! Prints each row tab-separated (EXPLAIN QUERY PLAN works too).

use std::time::Instant;

use tremplin_store::{Store, StoreKey};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(sql)) = (args.next(), args.next()) else {
        eprintln!("usage: sql <fichier.db> \"<requête>\"  (clé dans TREMPLIN_DB_KEY)");
        std::process::exit(2);
    };
    let key = StoreKey::from_hex(&std::env::var("TREMPLIN_DB_KEY")?)?;
    let store = Store::open(std::path::Path::new(&db), &key)?;
    let conn = store.raw_connection();
    let t = Instant::now();
    let mut st = conn.prepare(&sql)?;
    let n = st.column_count();
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let cells: Vec<String> = (0..n)
            .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")).unwrap_or_default())
            .collect();
        println!("{}", cells.join("\t"));
    }
    eprintln!("({:.2} ms)", t.elapsed().as_secs_f64() * 1000.0);
    Ok(())
}
