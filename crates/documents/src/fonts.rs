//! The embedded fonts and their metrics (printpdf does not wrap text: lines
//! are measured here from the glyph advances).

use std::collections::HashMap;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::DocumentError;

static REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
}

pub struct Font {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Advance of each character in font units (cached: measuring is most
    /// of the layout's work).
    advances: HashMap<char, u16>,
    fallback: u16,
}

impl Font {
    fn load(bytes: &[u8]) -> Result<Self, DocumentError> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .ok_or_else(|| DocumentError::Font("DejaVu Sans".into()))?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let mut advances = HashMap::new();
        // Latin-1, Latin Extended-A, general punctuation, €: everything a
        // French document shows, measured once.
        for c in (0x20u32..0x250).chain(0x2000..0x2070).chain([0x20ac, 0x2116]).filter_map(char::from_u32) {
            if let Some(g) = parsed.lookup_glyph_index(c as u32) {
                advances.insert(c, parsed.get_horizontal_advance(g));
            }
        }
        let fallback = advances.get(&'n').copied().unwrap_or(1000);
        Ok(Self { parsed, units_per_em, advances, fallback })
    }

    /// Width of `s` at `size` points.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        let units: u32 = s
            .chars()
            .map(|c| match self.advances.get(&c) {
                Some(w) => u32::from(*w),
                None => u32::from(
                    self.parsed
                        .lookup_glyph_index(c as u32)
                        .map_or(self.fallback, |g| self.parsed.get_horizontal_advance(g)),
                ),
            })
            .sum();
        units as f32 * size / self.units_per_em
    }
}

pub struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

impl Fonts {
    pub fn get(&self, face: Face) -> &Font {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
}

/// Parsed once per process.
pub fn fonts() -> Result<&'static Fonts, DocumentError> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: Font::load(REGULAR_TTF).map_err(|e| e.to_string())?,
                bold: Font::load(BOLD_TTF).map_err(|e| e.to_string())?,
            })
        })
        .as_ref()
        .map_err(|e| DocumentError::Font(e.clone()))
}
