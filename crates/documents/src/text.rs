//! Line breaking and the French formats documents print.

use chrono::NaiveDate;

/// What measures text: a font at a size.
pub trait Measure {
    fn width(&self, s: &str, size: f32) -> f32;
}

impl Measure for crate::fonts::Font {
    fn width(&self, s: &str, size: f32) -> f32 {
        crate::fonts::Font::width(self, s, size)
    }
}

/// Breaks `text` into lines no wider than `width`: on ASCII spaces only
/// (French amounts and "n° 12" use non-breaking spaces that must hold),
/// hard breaks on '\n', and a word wider than the line cut where it must.
pub fn wrap(m: &impl Measure, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if m.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if m.width(word, size) <= width {
                line = word.to_string();
                continue;
            }
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if m.width(&piece, size) > width && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// 18 décembre 2015.
pub fn long_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let day = if d.day() == 1 { "1er".to_string() } else { d.day().to_string() };
    format!("{day} {} {}", MONTHS[d.month0() as usize], d.year())
}

/// 18/12/2015.
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 1 unit wide.
    struct Mono;
    impl Measure for Mono {
        fn width(&self, s: &str, _: f32) -> f32 {
            s.chars().count() as f32
        }
    }

    #[test]
    fn wraps_on_spaces_keeps_non_breaking_ones_and_cuts_long_words() {
        assert_eq!(wrap(&Mono, "un deux trois", 1.0, 8.0), vec!["un deux", "trois"]);
        assert_eq!(wrap(&Mono, "1\u{a0}234\u{a0}€ dû", 1.0, 7.0), vec!["1\u{a0}234\u{a0}€", "dû"]);
        assert_eq!(wrap(&Mono, "abcdefghij", 1.0, 4.0), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap(&Mono, "a\n\nb", 1.0, 4.0), vec!["a", "", "b"]);
        assert_eq!(wrap(&Mono, "", 1.0, 4.0), vec![""]);
    }

    #[test]
    fn dates_read_as_in_a_french_deed() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(long_date(d(2015, 12, 18)), "18 décembre 2015");
        assert_eq!(long_date(d(2017, 2, 1)), "1er février 2017");
        assert_eq!(short_date(d(2016, 3, 24)), "24/03/2016");
    }
}
