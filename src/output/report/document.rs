//! The report as a document: sections of headings, paragraphs, lists, tables and charts
//! (each chart with the table of its figures), and the small wordings every section shares.
//! `html` and `markdown` write it out; `sections` and the report's first section fill it.

use super::charts::Chart;
use crate::assess::norms::Table as Norms;
use crate::assess::{Test, one_decimal};
use crate::common::calendar::{date_text, day_label};
use crate::program::summary::{
    BALANCE_MINUTES, EXTENSION_DAYS, EXTENSION_MINUTES, MODERATE_IMPACTS, MOST_DAYS,
    RESISTANCE_DAYS,
};

/// A table: a caption, a header row and rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One piece of a section, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Para(String),
    List(Vec<String>),
    /// A chart and the table that is its text alternative.
    Chart(Chart, Table),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The section's HTML id and class.
    pub id: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The whole report, ready to write out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// "1 Sep 2026 to 24 Nov 2026 (12 weeks)".
    pub period: String,
    pub generated: String,
    pub sections: Vec<Section>,
    pub footer: Vec<String>,
}

/// "24 Nov 2026".
pub fn long_date(day: i64) -> String {
    format!("{} {}", day_label(day), &date_text(day)[..4])
}

pub fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The guidance lines for the weekly dose table, from `program::summary`'s figures.
pub fn guidance() -> [String; 4] {
    [
        format!(
            "Resistance: {}-{} sessions a week",
            RESISTANCE_DAYS.0, RESISTANCE_DAYS.1
        ),
        format!(
            "Balance: {}-{} min on most days ({} or more)",
            BALANCE_MINUTES.0, BALANCE_MINUTES.1, MOST_DAYS
        ),
        format!(
            "Back extension: {}-{} min daily ({} days)",
            EXTENSION_MINUTES.0, EXTENSION_MINUTES.1, EXTENSION_DAYS
        ),
        format!("Impact: about {MODERATE_IMPACTS} on most days"),
    ]
}

/// A score in words with its test's unit.
pub fn score(test: Test, v: f64) -> String {
    if matches!(test, Test::ChairStand | Test::TwoMinuteStep) {
        format!("{v:.0}")
    } else {
        one_decimal(v)
    }
}

pub fn norms() -> &'static Norms {
    Norms::bundled()
}
