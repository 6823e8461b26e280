//! The handout as Markdown, for pasting into notes or converting to other formats. Program
//! text is made safe with `clean_line` and has Markdown's special characters escaped, so a cue
//! can never turn into a link, an image or a table cell. Each exercise's figure is two images
//! (start, and where it moves to) carried inside the file as SVG data, which Markdown viewers
//! that show images (pandoc, most editors' previews) draw and plain text shows as one line.

use std::fmt::Write as _;

use super::{FIGURE_CAPTIONS, Handout};
use crate::common::text::clean_line;
use crate::figure::svg;
use crate::training::safety;

/// Program text as literal Markdown on one line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// How tall a figure is drawn, in pixels.
const FIGURE_HEIGHT: u32 = 110;

/// SVG text as the data of a `data:` address inside a Markdown link: the characters that
/// would end the address or the link, or mean something in a URL, percent-encoded.
fn data(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + svg.len() / 4);
    for c in svg.chars() {
        match c {
            '%' | '#' | '<' | '>' | '"' | ' ' | '(' | ')' | '[' | ']' | '\\' | '\n' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

pub fn markdown(h: &Handout) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&h.title));
    if let Some(s) = &h.summary {
        let _ = writeln!(out, "{}\n", escape(s));
    }
    let _ = writeln!(out, "*{}*", escape(&h.byline()));

    let _ = writeln!(out, "\n## Before you start\n");
    let _ = writeln!(
        out,
        "{}\n\n{}",
        safety::BEFORE_YOU_START,
        safety::DISCLAIMER
    );

    let _ = writeln!(out, "\n## Your week\n\n{}\n", escape(&h.week_advice()));
    let days = h.weeks.first().map_or(0, Vec::len);
    let _ = write!(out, "| |");
    for (d, _) in h.weeks.first().into_iter().flatten() {
        let _ = write!(out, " {d} |");
    }
    let _ = writeln!(out, "\n|---|{}", "---|".repeat(days));
    for (w, week) in h.weeks.iter().enumerate() {
        let label = if h.weeks.len() > 1 {
            format!("Week {}", w + 1)
        } else {
            "Every week".into()
        };
        let _ = write!(out, "| {label} |");
        for (_, s) in week {
            let _ = write!(out, " {} |", escape(s));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}", h.progress_advice());

    let _ = writeln!(out, "\n## Your weekly dose and the guidance\n");
    let _ = writeln!(out, "| | this program | guidance |\n|---|---|---|");
    for r in h.dose.rows() {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            r.what,
            escape(&r.program),
            r.guidance
        );
    }
    if !h.dose.notes.is_empty() {
        out.push('\n');
        for n in &h.dose.notes {
            let _ = writeln!(out, "- {}", escape(&n.text));
        }
    }

    let _ = writeln!(
        out,
        "\n## How should it feel?\n\n| what you feel | what it means | what to do |\n|---|---|---|"
    );
    for b in &safety::CHECK_IN {
        let _ = writeln!(out, "| {} | {} | {} |", b.feels, b.means, b.action);
    }
    let _ = writeln!(out, "\n{}\n\n{}", safety::SORENESS_AFTER, safety::EFFORT);

    let _ = writeln!(out, "\n## Stop and get help\n");
    for f in &safety::RED_FLAGS {
        let _ = writeln!(out, "- **{}**", f.handout_line());
    }
    let _ = writeln!(out, "\n{}", safety::AFTER_A_RED_FLAG);

    for s in &h.sessions {
        let _ = writeln!(
            out,
            "\n## Session {} (about {} minutes)",
            escape(&s.name),
            s.minutes
        );
        for b in &s.blocks {
            let _ = writeln!(out, "\n### {}\n", escape(&b.name));
            if let Some(p) = &b.pick {
                let mut chars = p.chars();
                let p: String = chars
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(chars)
                    .collect();
                let _ = writeln!(out, "*{}.*\n", escape(&p));
            }
            for (i, item) in b.items.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{}. **{}**: {}",
                    i + 1,
                    escape(&item.name),
                    escape(&item.dose)
                );
                if let Some(f) = &item.figure {
                    let images: Vec<String> = [f.start(), f.end()]
                        .into_iter()
                        .zip(FIGURE_CAPTIONS)
                        .map(|(pose, caption)| {
                            format!(
                                "![{caption}: {}](data:image/svg+xml,{})",
                                escape(&item.name),
                                data(&svg(f, pose, FIGURE_HEIGHT))
                            )
                        })
                        .collect();
                    let _ = writeln!(out, "\n    {}\n", images.join(" "));
                }
                for cue in &item.cues {
                    let _ = writeln!(out, "    - {}", escape(cue));
                }
                if !item.equipment.is_empty() {
                    let list: Vec<String> = item.equipment.iter().map(|e| escape(e)).collect();
                    let _ = writeln!(out, "    - You need: {}", list.join(", "));
                }
                if let Some(c) = &item.caution {
                    let _ = writeln!(out, "    - **Caution:** {}", escape(c));
                }
                if let Some(e) = &item.easier {
                    let _ = writeln!(out, "    - If it is too much: {}", escape(e));
                }
                if let Some(p) = &item.progress {
                    let _ = writeln!(out, "    - As it gets easier: {}", escape(p));
                }
            }
        }
    }
    let _ = writeln!(out, "\n---\n\n*{}*", safety::DISCLAIMER);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_program_text_literal() {
        assert_eq!(
            escape("a [link](x) *b* | c"),
            "a \\[link\\](x) \\*b\\* \\| c"
        );
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert!(!escape("x\u{1b}[2J").contains('\u{1b}'));
    }

    #[test]
    fn figure_data_never_ends_the_link_it_sits_in() {
        let d = data("<svg a=\"1 2\">(x)[y]#%</svg>");
        assert_eq!(d, "%3Csvg%20a=%221%202%22%3E%28x%29%5By%5D%23%25%3C/svg%3E");
        assert!(!d.contains([' ', '(', ')', '<', '>', '"', '[', ']']));
    }
}
