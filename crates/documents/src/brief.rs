//! The partner meeting brief: a title block and sections (key figures,
//! agenda, contacts, follow-ups, conventions…), each a list of fields, a
//! list of points or a table. The app decides the sections; this lays them
//! out.

use crate::DocumentError;
use crate::fonts::Face;
use crate::layout::{Align, BODY, Column, DocumentInfo, Layout};

#[derive(Debug, Clone)]
pub struct TableColumn {
    pub title: String,
    pub width: f32,
    pub numeric: bool,
}

#[derive(Debug, Clone)]
pub enum Body {
    Fields(Vec<(String, String)>),
    Points(Vec<String>),
    Table { columns: Vec<TableColumn>, rows: Vec<Vec<String>> },
}

#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    pub body: Body,
    /// Shown instead of an empty body.
    pub empty: String,
}

#[derive(Debug, Clone, Default)]
pub struct BriefDoc {
    pub title: String,
    pub subtitle: String,
    pub author: String,
    pub sections: Vec<Section>,
}

pub fn render(b: &BriefDoc) -> Result<Vec<u8>, DocumentError> {
    let info = DocumentInfo {
        title: b.title.clone(),
        author: b.author.clone(),
        subject: "Fiche de préparation de rendez-vous".into(),
    };
    let mut l = Layout::new(&info, &b.title)?;
    l.paragraph_at(&b.title, Face::Bold, 16.0, 0.0);
    l.paragraph_at(&b.subtitle, Face::Regular, BODY, 0.0);
    l.space(6.0);
    for s in &b.sections {
        l.heading(&s.title, 12.0);
        let empty = match &s.body {
            Body::Fields(f) => f.is_empty(),
            Body::Points(p) => p.is_empty(),
            Body::Table { rows, .. } => rows.is_empty(),
        };
        if empty {
            l.paragraph(&s.empty);
            continue;
        }
        match &s.body {
            Body::Fields(fields) => {
                for (k, v) in fields {
                    l.field(k, v);
                }
                l.space(BODY * 0.5);
            }
            Body::Points(points) => {
                for p in points {
                    l.bullet(p);
                }
                l.space(BODY * 0.5);
            }
            Body::Table { columns, rows } => l.table(&layout_columns(columns), rows),
        }
    }
    Ok(l.finish())
}

/// The layout's columns of a table's [`TableColumn`]s.
pub(crate) fn layout_columns(columns: &[TableColumn]) -> Vec<Column<'_>> {
    columns
        .iter()
        .map(|c| Column {
            title: &c.title,
            width: c.width,
            align: if c.numeric { Align::Right } else { Align::Left },
        })
        .collect()
}
