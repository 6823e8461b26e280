//! The report as one self-contained HTML page: inline CSS and inline SVG charts, no scripts,
//! no images, fonts or links from outside, so it prints the same anywhere and can be mailed
//! as it is. Every text is escaped; each chart is a figure with its caption, the SVG (with
//! its own title and description) and the table of its figures.

use std::fmt::Write as _;

use super::document::{Block, Document, Table};
use crate::output::handout::html::escape;

const STYLE: &str = "
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.4;
         color: #111; max-width: 52em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 1.7em; margin: 0 0 .2em; }
  h2 { font-size: 1.3em; margin: 1.6em 0 .4em; border-bottom: 1px solid #999; }
  h3 { font-size: 1.05em; margin: 1.1em 0 .3em; }
  .period { font-size: 1.1em; margin: .2em 0; }
  .generated { color: #444; font-style: italic; }
  table { border-collapse: collapse; margin: .4em 0 1em; font-size: .92em; }
  caption { text-align: left; font-style: italic; padding-bottom: .2em; }
  th, td { border: 1px solid #999; padding: .2em .5em; text-align: left; vertical-align: top; }
  th { background: #eee; }
  figure { margin: .8em 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
  figcaption { font-weight: bold; margin-bottom: .3em; }
  figure svg { max-width: 100%; height: auto; display: block; }
  figure table { font-size: .85em; }
  #glance li { margin: .2em 0; }
  footer { margin-top: 2em; font-size: .9em; color: #444; border-top: 1px solid #999; }
  @media print {
    body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
    th { background: none; }
    section { break-before: page; page-break-before: always; }
    section#glance { break-before: auto; page-break-before: auto; }
    @page { margin: 1.5cm; }
  }
";

pub fn html(doc: &Document) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&doc.title)
    );
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"period\">{}</p>\n<p class=\"generated\">{}</p>\n</header>",
        escape(&doc.title),
        escape(&doc.period),
        escape(&doc.generated)
    );
    for s in &doc.sections {
        let _ = writeln!(
            out,
            "<section id=\"{}\">\n<h2>{}</h2>",
            s.id,
            escape(&s.title)
        );
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    let _ = writeln!(out, "<h3>{}</h3>", escape(h));
                }
                Block::Para(p) => {
                    let _ = writeln!(out, "<p>{}</p>", escape(p));
                }
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for i in items {
                        let _ = writeln!(out, "<li>{}</li>", escape(i));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Chart(chart, table) => {
                    let _ = writeln!(
                        out,
                        "<figure class=\"chart\" id=\"{}\">\n<figcaption>{}</figcaption>",
                        chart.id,
                        escape(&chart.title)
                    );
                    out.push_str(&chart.svg);
                    write_table(&mut out, table);
                    out.push_str("</figure>\n");
                }
                Block::Table(t) => write_table(&mut out, t),
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("<footer>\n");
    for f in &doc.footer {
        let _ = writeln!(out, "<p>{}</p>", escape(f));
    }
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

fn write_table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "<table>\n<caption>{}</caption>", escape(&t.caption));
    if t.head.iter().any(|h| !h.is_empty()) {
        out.push_str("<thead><tr>");
        for h in &t.head {
            let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
        }
        out.push_str("</tr></thead>\n");
    }
    out.push_str("<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", escape(cell));
            } else {
                let _ = write!(out, "<td>{}</td>", escape(cell));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
