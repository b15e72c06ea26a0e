//! The reference data the server derives scopes from: the Nord's communes
//! and their territorial direction (the same file the devices load,
//! `assets/reference/communes.csv`).

use std::collections::HashMap;
use std::sync::OnceLock;

const COMMUNES: &str = include_str!("../../../assets/reference/communes.csv");

/// The DT of a commune (INSEE code), if the commune is known.
pub fn dt_of_commune(code: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            // code,nom,arrondissement,epci_siren,dt_code,codes_postaux,population
            COMMUNES
                .lines()
                .skip(1)
                .filter_map(|l| {
                    let cols: Vec<&str> = l.split(',').collect();
                    Some((*cols.first()?, *cols.get(4)?))
                })
                .filter(|(_, dt)| !dt.is_empty())
                .collect()
        })
        .get(code)
        .copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn communes_have_their_dt() {
        assert_eq!(super::dt_of_commune("59002"), Some("VA"), "Abscon");
        assert_eq!(super::dt_of_commune("59001"), Some("CA"), "Abancourt");
        assert_eq!(super::dt_of_commune("75056"), None, "Paris is not in the Nord");
    }
}
