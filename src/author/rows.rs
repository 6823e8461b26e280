//! The outline's lines, top to bottom: the program, then each session, its blocks and their
//! items; and which of those lines a checker finding is about (from the finding's path).

use super::document::Document;
use crate::program::locate::Seg;

/// One line of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Program,
    Session(usize),
    Block(usize, usize),
    Item(usize, usize, usize),
}

/// The outline's lines, top to bottom.
pub fn rows(doc: &Document) -> Vec<Row> {
    let mut rows = vec![Row::Program];
    for (s, session) in doc.program.sessions.iter().enumerate() {
        rows.push(Row::Session(s));
        for (b, block) in session.blocks.iter().enumerate() {
            rows.push(Row::Block(s, b));
            rows.extend((0..block.items.len()).map(|i| Row::Item(s, b, i)));
        }
    }
    rows
}

/// The outline row a finding is about.
pub fn row_of(path: &crate::program::locate::Path) -> Row {
    let idx = |k: usize| match path.0.get(k) {
        Some(Seg::Index(i)) => Some(*i),
        _ => None,
    };
    let field = |k: usize, name: &str| matches!(path.0.get(k), Some(Seg::Field(f)) if *f == name);
    if !field(0, "sessions") {
        return Row::Program;
    }
    let Some(s) = idx(1) else {
        return Row::Program;
    };
    if !field(2, "blocks") {
        return Row::Session(s);
    }
    let Some(b) = idx(3) else {
        return Row::Session(s);
    };
    if !field(4, "items") {
        return Row::Block(s, b);
    }
    match idx(5) {
        Some(i) => Row::Item(s, b, i),
        None => Row::Block(s, b),
    }
}
