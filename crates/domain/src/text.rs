//! Text folding shared by search and sort keys: lower case, accents
//! removed, ligatures expanded ("Société Œuvre" → "societe oeuvre").

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Folded text with runs of whitespace collapsed: the key for "same name".
pub fn name_key(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_ligatures() {
        assert_eq!(fold("Société Générale"), "societe generale");
        assert_eq!(fold("ŒUVRE Cœur"), "oeuvre coeur");
        assert_eq!(fold("Pévèle-Carembault"), "pevele-carembault");
        assert_eq!(name_key("  La   Poste "), "la poste");
    }
}

/// A cell as a spreadsheet may open it safely: text starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be read as a formula
/// (CSV injection, OWASP); a leading apostrophe keeps it text.
pub fn spreadsheet_cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

#[cfg(test)]
mod spreadsheet_tests {
    use super::spreadsheet_cell;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=HYPERLINK(\"http://x\")", "+33 3 20", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_cell(bad), format!("'{bad}"));
        }
        for fine in ["Dupont", "", "59350", "K2204 ; Boulanger"] {
            assert_eq!(spreadsheet_cell(fine), fine);
        }
    }
}
