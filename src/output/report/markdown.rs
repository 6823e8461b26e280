//! The report as Markdown, for notes or conversion: the same sections and tables as the HTML
//! page; a chart becomes its description, followed by its table (which holds its figures).

use std::fmt::Write as _;

use super::document::{Block, Document, Table};
use crate::output::handout::markdown::escape;

pub fn markdown(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&doc.title));
    let _ = writeln!(out, "**{}**\n", escape(&doc.period));
    let _ = writeln!(out, "*{}*", escape(&doc.generated));
    for s in &doc.sections {
        let _ = writeln!(out, "\n## {}", escape(&s.title));
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    let _ = writeln!(out, "\n### {}", escape(h));
                }
                Block::Para(p) => {
                    let _ = writeln!(out, "\n{}", escape(p));
                }
                Block::List(items) => {
                    out.push('\n');
                    for i in items {
                        let _ = writeln!(out, "- {}", escape(i));
                    }
                }
                Block::Chart(chart, table) => {
                    let _ = writeln!(
                        out,
                        "\n**{}.** {}",
                        escape(&chart.title),
                        escape(&chart.desc)
                    );
                    write_table(&mut out, table);
                }
                Block::Table(t) => write_table(&mut out, t),
            }
        }
    }
    out.push_str("\n---\n\n");
    for f in &doc.footer {
        let _ = writeln!(out, "{}\n", escape(f));
    }
    out
}

fn write_table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "\n*{}*\n", escape(&t.caption));
    let cells = |row: &[String]| -> String {
        row.iter()
            .map(|c| {
                if c.is_empty() {
                    " ".to_owned()
                } else {
                    escape(c)
                }
            })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let _ = writeln!(out, "| {} |", cells(&t.head));
    let _ = writeln!(out, "|{}", "---|".repeat(t.head.len().max(1)));
    for row in &t.rows {
        let _ = writeln!(out, "| {} |", cells(row));
    }
}
