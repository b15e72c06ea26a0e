//! An event's sheets: the attendance sheet (« feuille d'émargement »),
//! signed by each person on arrival, and the invitation list. A title
//! block, the event's details, one table, and the notice telling the
//! people listed what is done with their names.

use crate::DocumentError;
use crate::brief::TableColumn;
use crate::fonts::Face;
use crate::layout::{BODY, DocumentInfo, Layout};

/// Room for a signature in each row of an attendance sheet.
const SIGNATURE_ROW: f32 = 30.0;

#[derive(Debug, Clone, Default)]
pub struct SheetDoc {
    /// « Feuille d'émargement », « Liste des invitations ».
    pub title: String,
    pub event_title: String,
    /// Date, hours, place, organisers.
    pub details: Vec<(String, String)>,
    pub columns: Vec<TableColumn>,
    pub rows: Vec<Vec<String>>,
    /// Rows tall enough to sign in.
    pub signatures: bool,
    /// Shown instead of an empty table.
    pub empty: String,
    /// What is done with the names, and how long they are kept.
    pub notice: String,
    pub author: String,
}

pub fn render(s: &SheetDoc) -> Result<Vec<u8>, DocumentError> {
    let info = DocumentInfo {
        title: format!("{} — {}", s.title, s.event_title),
        author: s.author.clone(),
        subject: s.title.clone(),
    };
    let mut l = Layout::new(&info, &format!("{} — {}", s.title, s.event_title))?;
    l.centred(&s.title, Face::Bold, 16.0);
    l.centred(&s.event_title, Face::Bold, 12.0);
    l.space(8.0);
    for (k, v) in &s.details {
        l.field(k, v);
    }
    l.space(BODY);
    if s.rows.is_empty() {
        l.paragraph(&s.empty);
    } else {
        let cols = crate::brief::layout_columns(&s.columns);
        l.table_with_rows_of(&cols, &s.rows, if s.signatures { SIGNATURE_ROW } else { 0.0 });
    }
    if !s.notice.is_empty() {
        l.space(BODY * 0.5);
        l.paragraph_at(&s.notice, Face::Regular, BODY - 2.0, 0.0);
    }
    Ok(l.finish())
}
