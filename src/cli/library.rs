//! `upright library [--kind KIND]`: the bundled exercises as a table for program authors.

use std::io::{self, Write};

use crate::program::{Kind, Library};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    #[value(
        name = "WeightBearing",
        alias = "weight-bearing",
        alias = "weightbearing"
    )]
    WeightBearing,
    #[value(name = "Resistance", alias = "resistance")]
    Resistance,
    #[value(name = "Balance", alias = "balance")]
    Balance,
    #[value(name = "Extension", alias = "extension")]
    Extension,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::WeightBearing => Kind::WeightBearing,
            KindArg::Resistance => Kind::Resistance,
            KindArg::Balance => Kind::Balance,
            KindArg::Extension => Kind::Extension,
        }
    }
}

pub fn run(kind: Option<Kind>, out: &mut dyn Write) -> io::Result<()> {
    let library = Library::bundled();
    let rows: Vec<[String; 5]> = library
        .exercises()
        .iter()
        .filter(|e| kind.is_none_or(|k| e.has_kind(k)))
        .map(|e| {
            [
                e.id.clone(),
                e.name.clone(),
                e.kinds_label(),
                e.spine.label().to_owned(),
                e.impact.label().to_owned(),
            ]
        })
        .collect();
    let header = ["ID", "NAME", "KINDS", "SPINE", "IMPACT"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i == 4 {
                s.push_str(cell);
            } else {
                s.push_str(&format!("{cell:<w$}  "));
            }
        }
        s
    };
    writeln!(out, "{}", line(header))?;
    for row in &rows {
        writeln!(out, "{}", line(row.each_ref().map(String::as_str)))?;
    }
    writeln!(
        out,
        "\n{} exercise{}{}. Use an ID as `exercise:` in a program's Item.",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        kind.map_or(String::new(), |k| format!(" of kind {}", k.ron_name()))
    )
}
