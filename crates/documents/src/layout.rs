//! A small flow layout on top of printpdf's page operations: headings,
//! wrapped paragraphs, tables whose header repeats on every page they
//! cross, and "page n / N" footers. Units are PDF points, y from the top.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

use crate::DocumentError;
use crate::fonts::{Face, Fonts, fonts};
use crate::text::wrap;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.7;
const MARGIN_TOP: f32 = 56.7;
/// Room kept at the bottom for the footer.
const MARGIN_BOTTOM: f32 = 62.0;
pub const BODY: f32 = 10.0;
const LEADING: f32 = 1.35;

/// PDF metadata.
#[derive(Debug, Clone, Default)]
pub struct DocumentInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Right,
}

/// A table column: header, share of the text width, alignment.
pub struct Column<'a> {
    pub title: &'a str,
    pub width: f32,
    pub align: Align,
}

pub struct Layout {
    fonts: &'static Fonts,
    doc: PdfDocument,
    regular: FontId,
    bold: FontId,
    pages: Vec<Vec<Op>>,
    y: f32,
    footer: String,
}

impl Layout {
    pub fn new(info: &DocumentInfo, footer: &str) -> Result<Self, DocumentError> {
        let fonts = fonts()?;
        let mut doc = PdfDocument::new(&info.title);
        let regular = doc.add_font(&fonts.regular.parsed);
        let bold = doc.add_font(&fonts.bold.parsed);
        doc.metadata.info.document_title = info.title.clone();
        doc.metadata.info.author = info.author.clone();
        doc.metadata.info.subject = info.subject.clone();
        doc.metadata.info.creator = "Tremplin".into();
        doc.metadata.info.producer = "Tremplin (printpdf)".into();
        Ok(Self {
            fonts,
            doc,
            regular,
            bold,
            pages: vec![Vec::new()],
            y: MARGIN_TOP,
            footer: footer.to_string(),
        })
    }

    pub fn text_width(&self) -> f32 {
        PAGE_W - 2.0 * MARGIN_X
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` fits below the cursor.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > PAGE_H - MARGIN_BOTTOM && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    pub fn space(&mut self, pt: f32) {
        self.y += pt;
    }

    fn show(&mut self, x: f32, baseline: f32, s: &str, face: Face, size: f32) {
        let font = match face {
            Face::Regular => self.regular.clone(),
            Face::Bold => self.bold.clone(),
        };
        let ops = self.ops();
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) });
        ops.push(Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(PAGE_H - baseline) } });
        ops.push(Op::ShowText { items: vec![TextItem::Text(s.to_string())] });
        ops.push(Op::EndTextSection);
    }

    /// Wrapped text at `indent` from the left margin, breaking pages
    /// between lines.
    pub fn paragraph_at(&mut self, text: &str, face: Face, size: f32, indent: f32) {
        let width = self.text_width() - indent;
        let lh = size * LEADING;
        for line in wrap(self.fonts.get(face), text, size, width) {
            self.ensure(lh);
            let baseline = self.y + size;
            self.show(MARGIN_X + indent, baseline, &line, face, size);
            self.y += lh;
        }
    }

    /// A list item: the bullet in the margin, the text (and its
    /// continuation lines) indented.
    pub fn bullet(&mut self, text: &str) {
        let indent = 12.0;
        self.ensure(BODY * LEADING);
        let baseline = self.y + BODY;
        self.show(MARGIN_X + 2.0, baseline, "•", Face::Regular, BODY);
        self.paragraph_at(text, Face::Regular, BODY, indent);
    }

    pub fn paragraph(&mut self, text: &str) {
        self.paragraph_at(text, Face::Regular, BODY, 0.0);
        self.y += BODY * 0.5;
    }

    pub fn bold(&mut self, text: &str) {
        self.paragraph_at(text, Face::Bold, BODY, 0.0);
    }

    /// A heading kept with at least four lines of what follows (a
    /// paragraph's first lines, or a table's header and first row).
    pub fn heading(&mut self, text: &str, size: f32) {
        self.ensure(size * LEADING + 4.0 * BODY * LEADING + 12.0);
        self.y += size * 0.4;
        self.paragraph_at(text, Face::Bold, size, 0.0);
        self.y += size * 0.25;
    }

    /// A centred line (titles).
    pub fn centred(&mut self, text: &str, face: Face, size: f32) {
        let lh = size * LEADING;
        for line in wrap(self.fonts.get(face), text, size, self.text_width()) {
            self.ensure(lh);
            let w = self.fonts.get(face).width(&line, size);
            let baseline = self.y + size;
            self.show((PAGE_W - w) / 2.0, baseline, &line, face, size);
            self.y += lh;
        }
    }

    /// A label in bold and its value on the same line, wrapped.
    /// A label and its value side by side. A label longer than its column
    /// wraps within it (it used to run under the value: « Parrains et
    /// marraines (charte signée) » printed over its « 1 »).
    pub fn field(&mut self, label: &str, value: &str) {
        let lw = 150.0;
        let gap = 8.0;
        let size = BODY;
        let lh = size * LEADING;
        let labels = wrap(self.fonts.get(Face::Bold), label, size, lw - gap);
        let values = wrap(self.fonts.get(Face::Regular), value, size, self.text_width() - lw);
        let rows = labels.len().max(values.len()).max(1);
        for i in 0..rows {
            self.ensure(lh);
            let baseline = self.y + size;
            if let Some(l) = labels.get(i) {
                self.show(MARGIN_X, baseline, l, Face::Bold, size);
            }
            if let Some(v) = values.get(i) {
                self.show(MARGIN_X + lw, baseline, v, Face::Regular, size);
            }
            self.y += lh;
        }
    }

    fn rule(&mut self, y: f32, grey: f32) {
        let line = Line {
            points: vec![
                LinePoint { p: Point { x: Pt(MARGIN_X), y: Pt(PAGE_H - y) }, bezier: false },
                LinePoint { p: Point { x: Pt(PAGE_W - MARGIN_X), y: Pt(PAGE_H - y) }, bezier: false },
            ],
            is_closed: false,
        };
        let ops = self.ops();
        ops.push(Op::SetOutlineColor {
            col: Color::Rgb(Rgb { r: grey, g: grey, b: grey, icc_profile: None }),
        });
        ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        ops.push(Op::DrawLine { line });
    }

    fn fill(&mut self, top: f32, height: f32, grey: f32) {
        let (x0, x1, y0, y1) = (MARGIN_X, PAGE_W - MARGIN_X, PAGE_H - top - height, PAGE_H - top);
        let p = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        let polygon = Polygon {
            rings: vec![PolygonRing { points: vec![p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1)] }],
            mode: PaintMode::Fill,
            winding_order: WindingOrder::NonZero,
        };
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: Color::Rgb(Rgb { r: grey, g: grey, b: grey, icc_profile: None }) });
        ops.push(Op::DrawPolygon { polygon });
        ops.push(Op::SetFillColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) });
    }

    /// A table: the header row is drawn again at the top of every page the
    /// table continues on; a row is never split across pages.
    pub fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<String>]) {
        self.table_with_rows_of(columns, rows, 0.0);
    }

    /// A table whose body rows are at least `min_row` points tall (room
    /// for a signature).
    pub fn table_with_rows_of(&mut self, columns: &[Column<'_>], rows: &[Vec<String>], min_row: f32) {
        let size = BODY - 1.0;
        let lh = size * LEADING;
        let pad = 3.0;
        let total: f32 = columns.iter().map(|c| c.width).sum();
        let widths: Vec<f32> = columns.iter().map(|c| c.width / total * self.text_width()).collect();
        let header: Vec<String> = columns.iter().map(|c| c.title.to_string()).collect();
        let wrap_row = |this: &Self, cells: &[String], face: Face| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| wrap(this.fonts.get(face), c, size, w - 2.0 * pad))
                .collect()
        };
        let header_lines = wrap_row(self, &header, Face::Bold);
        let header_h = header_lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lh + 2.0 * pad;
        let draw_row = |this: &mut Self, lines: &[Vec<String>], face: Face, height: f32, shade: bool| {
            if shade {
                this.fill(this.y, height, 0.9);
            }
            let mut x = MARGIN_X;
            for ((cell, w), col) in lines.iter().zip(&widths).zip(columns) {
                for (i, line) in cell.iter().enumerate() {
                    let baseline = this.y + pad + size + i as f32 * lh;
                    let lx = match col.align {
                        Align::Left => x + pad,
                        Align::Right => x + w - pad - this.fonts.get(face).width(line, size),
                    };
                    this.show(lx, baseline, line, face, size);
                }
                x += w;
            }
            this.y += height;
            let y = this.y;
            this.rule(y, 0.6);
        };
        // The header never stays alone at a page foot: it goes with the
        // first row, however tall.
        let first_h = rows.first().map_or(lh + 2.0 * pad, |row| {
            (wrap_row(self, row, Face::Regular).iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lh
                + 2.0 * pad)
                .max(min_row)
        });
        self.ensure(header_h + first_h);
        draw_row(self, &header_lines, Face::Bold, header_h, true);
        for row in rows {
            let lines = wrap_row(self, row, Face::Regular);
            let h =
                (lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lh + 2.0 * pad).max(min_row);
            if self.y + h > PAGE_H - MARGIN_BOTTOM {
                self.new_page();
                draw_row(self, &header_lines, Face::Bold, header_h, true);
            }
            draw_row(self, &lines, Face::Regular, h, false);
        }
        self.y += BODY * 0.8;
    }

    /// Footers ("page n / N"), metadata, fonts subset: the PDF's bytes.
    pub fn finish(mut self) -> Vec<u8> {
        let n = self.pages.len();
        let pages: Vec<Vec<Op>> = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(n);
        for (i, ops) in pages.into_iter().enumerate() {
            self.pages = vec![ops];
            let size = BODY - 2.0;
            let baseline = PAGE_H - 30.0;
            let footer = self.footer.clone();
            self.show(MARGIN_X, baseline, &footer, Face::Regular, size);
            let label = format!("page {} / {n}", i + 1);
            let w = self.fonts.regular.width(&label, size);
            self.show(PAGE_W - MARGIN_X - w, baseline, &label, Face::Regular, size);
            let ops = self.pages.pop().expect("a page");
            out.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
        }
        self.doc.with_pages(out);
        self.doc.save(&PdfSaveOptions::default(), &mut Vec::new())
    }
}
