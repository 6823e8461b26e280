//! The handout as one self-contained HTML file: inline CSS, each exercise's figure as inline
//! SVG line drawings (start and where it moves to), no scripts, no image files, no links to
//! anything outside it, so it prints the same anywhere and can be mailed as it is. Each
//! session starts on a new page when printed. Every text is escaped.

use std::fmt::Write as _;

use super::{FIGURE_CAPTIONS, Handout};
use crate::common::text::clean_line;
use crate::figure::svg;
use crate::training::safety;

/// Text as HTML: `& < > " '` escaped, control characters made visible by `clean_line`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean_line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// How tall a figure is drawn, in CSS pixels (about 3.5 cm on paper).
const FIGURE_HEIGHT: u32 = 130;

const STYLE: &str = "
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 13pt; line-height: 1.45;
         color: #111; max-width: 44em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 1.9em; margin: 0 0 .2em; }
  h2 { font-size: 1.35em; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
  h3 { font-size: 1.1em; margin: 1.2em 0 .3em; }
  .summary { font-size: 1.1em; margin: .2em 0; }
  .byline, .pick { color: #444; font-style: italic; }
  table { border-collapse: collapse; margin: .5em 0; }
  th, td { border: 1px solid #999; padding: .25em .6em; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.short { font-weight: bold; }
  ol.items > li { margin: .6em 0; break-inside: avoid; page-break-inside: avoid; }
  .dose { font-weight: bold; }
  .caution { border-left: 4px solid #b00; padding-left: .5em; }
  .figures { display: flex; gap: 1.2em; align-items: flex-end; margin: .4em 0; }
  .figures figure { margin: 0; text-align: center; }
  .figures figcaption { font-size: .85em; color: #444; }
  .figures svg { display: block; max-width: 100%; height: auto; }
  .red-flags { border: 2px solid #b00; padding: .2em 1em .6em; margin-top: 1.4em; }
  .red-flags h2 { border: none; color: #b00; }
  footer { margin-top: 2em; font-size: .9em; color: #444; }
  section.session { break-before: page; page-break-before: always; }
  @media print {
    body { max-width: none; margin: 0; padding: 0; font-size: 12pt; }
    th { background: none; }
    @page { margin: 1.6cm; }
  }
";

pub fn html(h: &Handout) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&h.title)
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(&h.title));
    if let Some(s) = &h.summary {
        let _ = writeln!(out, "<p class=\"summary\">{}</p>", escape(s));
    }
    let _ = writeln!(
        out,
        "<p class=\"byline\">{}</p>\n</header>",
        escape(&h.byline())
    );

    let _ = writeln!(
        out,
        "<section class=\"start\">\n<h2>Before you start</h2>\n<p>{}</p>\n<p>{}</p>\n</section>",
        escape(safety::BEFORE_YOU_START),
        escape(safety::DISCLAIMER)
    );

    let _ = writeln!(
        out,
        "<section class=\"week\">\n<h2>Your week</h2>\n<p>{}</p>\n<table>\n<tr><th></th>",
        escape(&h.week_advice())
    );
    for (d, _) in h.weeks.first().into_iter().flatten() {
        let _ = write!(out, "<th>{d}</th>");
    }
    out.push_str("</tr>\n");
    for (w, week) in h.weeks.iter().enumerate() {
        let label = if h.weeks.len() > 1 {
            format!("Week {}", w + 1)
        } else {
            "Every week".into()
        };
        let _ = write!(out, "<tr><th>{label}</th>");
        for (_, s) in week {
            let _ = write!(out, "<td>{}</td>", escape(s));
        }
        out.push_str("</tr>\n");
    }
    let _ = writeln!(
        out,
        "</table>\n<p>{}</p>\n</section>",
        escape(&h.progress_advice())
    );

    let _ = writeln!(
        out,
        "<section class=\"dose\">\n<h2>Your weekly dose and the guidance</h2>\n<table>\n<tr><th></th><th>this program</th><th>guidance</th></tr>"
    );
    for r in h.dose.rows() {
        let class = if r.meets { "" } else { " class=\"short\"" };
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td{class}>{}</td><td>{}</td></tr>",
            escape(r.what),
            escape(&r.program),
            escape(r.guidance)
        );
    }
    out.push_str("</table>\n");
    if !h.dose.notes.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for n in &h.dose.notes {
            let _ = writeln!(out, "<li>{}</li>", escape(&n.text));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");

    out.push_str("<section class=\"check-in\">\n<h2>How should it feel?</h2>\n<table>\n<tr><th>what you feel</th><th>what it means</th><th>what to do</th></tr>\n");
    for b in &safety::CHECK_IN {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(b.feels),
            escape(b.means),
            escape(b.action)
        );
    }
    let _ = writeln!(
        out,
        "</table>\n<p>{}</p>\n<p>{}</p>\n</section>",
        escape(safety::SORENESS_AFTER),
        escape(safety::EFFORT)
    );

    out.push_str("<section class=\"red-flags\">\n<h2>Stop and get help</h2>\n<ul>\n");
    for f in &safety::RED_FLAGS {
        let _ = writeln!(
            out,
            "<li><strong>{}</strong></li>",
            escape(&f.handout_line())
        );
    }
    let _ = writeln!(
        out,
        "</ul>\n<p>{}</p>\n</section>",
        escape(safety::AFTER_A_RED_FLAG)
    );

    for s in &h.sessions {
        let _ = writeln!(
            out,
            "<section class=\"session\">\n<h2>Session {} <small>(about {} minutes)</small></h2>",
            escape(&s.name),
            s.minutes
        );
        for b in &s.blocks {
            let _ = writeln!(out, "<h3>{}</h3>", escape(&b.name));
            if let Some(p) = &b.pick {
                let _ = writeln!(out, "<p class=\"pick\">{}.</p>", escape(&capitalised(p)));
            }
            out.push_str("<ol class=\"items\">\n");
            for item in &b.items {
                let _ = writeln!(
                    out,
                    "<li><strong>{}</strong>: <span class=\"dose\">{}</span>",
                    escape(&item.name),
                    escape(&item.dose)
                );
                if let Some(f) = &item.figure {
                    out.push_str("<div class=\"figures\">\n");
                    for (pose, caption) in [f.start(), f.end()].into_iter().zip(FIGURE_CAPTIONS) {
                        let _ = writeln!(
                            out,
                            "<figure>{}<figcaption>{caption}</figcaption></figure>",
                            svg(f, pose, FIGURE_HEIGHT)
                        );
                    }
                    out.push_str("</div>\n");
                }
                if !item.cues.is_empty() {
                    out.push_str("<ul class=\"cues\">\n");
                    for cue in &item.cues {
                        let _ = writeln!(out, "<li>{}</li>", escape(cue));
                    }
                    out.push_str("</ul>\n");
                }
                if !item.equipment.is_empty() {
                    let list: Vec<String> = item.equipment.iter().map(|e| escape(e)).collect();
                    let _ = writeln!(out, "<p>You need: {}</p>", list.join(", "));
                }
                if let Some(c) = &item.caution {
                    let _ = writeln!(
                        out,
                        "<p class=\"caution\"><strong>Caution:</strong> {}</p>",
                        escape(c)
                    );
                }
                if let Some(e) = &item.easier {
                    let _ = writeln!(out, "<p>If it is too much: {}</p>", escape(e));
                }
                if let Some(p) = &item.progress {
                    let _ = writeln!(out, "<p>As it gets easier: {}</p>", escape(p));
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</section>\n");
    }
    let _ = writeln!(
        out,
        "<footer>\n<p>{}</p>\n</footer>\n</body>\n</html>",
        escape(safety::DISCLAIMER)
    );
    out
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape("<b>\"a\" & 'b'</b>"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;"
        );
    }
}
