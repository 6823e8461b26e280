//! `upright explain CODE`: for every diagnostic code, what it means, why the rule exists (with
//! the public guidance behind it, as listed in the project's clinical notes) and a before and
//! after example, in the manner of `rustc --explain`. The entries are a `match` on `Code`, so
//! a new code without an explanation does not compile; the tests run every example through
//! the real checker, so an example can never drift from the rule it shows.

use std::fmt::Write as _;

use crate::common::text::wrap;
use crate::program::{Code, Severity};

/// Public guidance a rule rests on (the sources of `clinical.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Sinaki M, Mikkelsen BA. Postmenopausal spinal osteoporosis: flexion versus extension
    /// exercises. Arch Phys Med Rehabil 1984.
    SinakiMikkelsen1984,
    /// Giangregorio LM et al. Too Fit To Fracture: exercise recommendations for individuals
    /// with osteoporosis or osteoporotic vertebral fracture. Osteoporos Int 2014 (and the
    /// 2015 outcomes paper).
    TooFitToFracture,
    /// Royal Osteoporosis Society. Strong, Steady and Straight: an expert consensus statement
    /// on physical activity and exercise for osteoporosis. 2019.
    Ros2019,
    /// Watson SL et al. High-intensity resistance and impact training (LIFTMOR). J Bone Miner
    /// Res 2018.
    Liftmor2018,
    /// Silbernagel KG et al. The pain-monitoring model. Am J Sports Med 2007.
    Silbernagel2007,
    /// upright's own program format contract, `docs/program-format.md`.
    Format,
}

impl Source {
    pub fn citation(self) -> &'static str {
        match self {
            Source::SinakiMikkelsen1984 => {
                "Sinaki & Mikkelsen 1984 (flexion versus extension exercises)"
            }
            Source::TooFitToFracture => "Too Fit To Fracture 2014/2015 (Giangregorio et al.)",
            Source::Ros2019 => {
                "Royal Osteoporosis Society, \"Strong, Steady and Straight\" consensus 2019"
            }
            Source::Liftmor2018 => "LIFTMOR trial (Watson et al. 2018)",
            Source::Silbernagel2007 => "Silbernagel 2007 pain-monitoring model",
            Source::Format => "the upright program format (docs/program-format.md)",
        }
    }
}

/// Where an example's text sits in a program file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The whole file.
    File,
    /// The program's fields before `sessions` (title, level, per_week, ...).
    Fields,
    /// One item of a block.
    Item,
    /// All the items of a block.
    Items,
    /// A block of a session.
    Block,
    /// A session of the program.
    Session,
    /// The program's own `exercises` list.
    Exercises,
    /// Not program text: the file itself (its size or encoding), described in words.
    Described,
}

impl Context {
    pub fn label(self) -> &'static str {
        match self {
            Context::File => "the whole file",
            Context::Fields => "the program's fields",
            Context::Item => "an item in a block",
            Context::Items => "the items of a block",
            Context::Block => "a block in a session",
            Context::Session => "a session",
            Context::Exercises => "the program's own `exercises` list",
            Context::Described => "the file itself",
        }
    }
}

/// Everything `upright explain` says about one code.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    pub code: Code,
    /// What the diagnostic means, in plain words.
    pub what: &'static str,
    /// Why the rule exists.
    pub why: &'static str,
    pub sources: &'static [Source],
    pub context: Context,
    pub before: &'static str,
    pub after: &'static str,
    /// Codes worth reading next.
    pub see_also: &'static [Code],
}

#[path = "explain_codes.rs"]
mod codes;
pub use codes::explain;

/// The code a person typed: its name, or a line copied from `upright check`
/// (`error[dose-range]`, `warning[no-balance]:`).
pub fn parse_code(input: &str) -> Option<Code> {
    let s = input.trim().trim_end_matches(':');
    let s = match (s.find('['), s.strip_suffix(']')) {
        (Some(open), Some(inner)) => &inner[open + 1..],
        _ => s,
    };
    Code::from_name(s.trim())
}

/// Codes near `input`, for "did you mean": close in spelling, or sharing a word with it.
pub fn close_codes(input: &str) -> Vec<Code> {
    let input = input.trim().to_lowercase();
    let words: Vec<&str> = input
        .split(['-', ' ', '_'])
        .filter(|w| w.len() > 2)
        .collect();
    let limit = (input.chars().count() / 3).max(2);
    let mut close: Vec<(usize, Code)> = Code::ALL
        .iter()
        .filter_map(|&c| {
            let d = crate::common::text::edit_distance(&input, c.as_str());
            let shares = c.as_str().split('-').any(|w| words.contains(&w))
                || (input.len() > 3 && c.as_str().contains(input.as_str()));
            (d <= limit || shares).then_some((d, c))
        })
        .collect();
    close.sort();
    close.into_iter().map(|(_, c)| c).collect()
}

/// The explanation as text for a terminal, wrapped to `width` columns.
pub fn render_text(x: &Explanation, width: usize) -> String {
    let mut out = String::new();
    let code = x.code;
    let _ = writeln!(
        out,
        "{} ({}): {}\n",
        code.as_str(),
        code.severity().label(),
        code.title()
    );
    out.push_str("What it means\n");
    out.push_str(&wrap(x.what, width, "  "));
    out.push_str("\nWhy the rule exists\n");
    out.push_str(&wrap(x.why, width, "  "));
    if !x.sources.is_empty() {
        let list: Vec<&str> = x.sources.iter().map(|s| s.citation()).collect();
        out.push('\n');
        out.push_str(&wrap(
            &format!("Sources: {}.", list.join("; ")),
            width,
            "  ",
        ));
    }
    let _ = writeln!(out, "\nBefore ({}):\n", x.context.label());
    out.push_str(&example(x.before, x.context, width));
    let _ = writeln!(out, "\nAfter:\n");
    out.push_str(&example(x.after, x.context, width));
    if !x.see_also.is_empty() {
        let names: Vec<String> = x
            .see_also
            .iter()
            .map(|c| format!("`upright explain {c}`"))
            .collect();
        let _ = writeln!(out, "\nSee also {}.", names.join(", "));
    }
    out
}

fn example(text: &str, context: Context, width: usize) -> String {
    if context == Context::Described {
        return wrap(text, width, "    ");
    }
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// Every explanation as one Markdown page, for `docs/diagnostics.md`.
pub fn markdown_reference() -> String {
    let mut out = String::from(
        "# Diagnostics\n\n\
         Every diagnostic `upright check` can give: what it means, why the rule exists (with the\n\
         public guidance behind it) and an example before and after the fix. The same text is\n\
         shown by `upright explain CODE`. Errors stop a program from running; warnings do not.\n\n\
         This page is generated from `src/output/explain.rs` by its tests: to update it after changing an\n\
         explanation, run `UPDATE_DOCS=1 cargo test explain`.\n\n",
    );
    out.push_str("| code | severity | about |\n|---|---|---|\n");
    for &c in Code::ALL {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} |",
            c.as_str(),
            c.as_str(),
            c.severity().label(),
            c.title()
        );
    }
    for &c in Code::ALL {
        let x = explain(c);
        let _ = writeln!(
            out,
            "\n## {}\n\n*{}: {}*\n\n{}\n\n**Why.** {}",
            c.as_str(),
            match c.severity() {
                Severity::Error => "Error",
                Severity::Warning => "Warning",
            },
            c.title(),
            x.what,
            x.why
        );
        if !x.sources.is_empty() {
            let list: Vec<&str> = x.sources.iter().map(|s| s.citation()).collect();
            let list = list.join("; ");
            let mut chars = list.chars();
            let capital: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
                .collect();
            let _ = writeln!(out, "\n**Sources.** {capital}.");
        }
        if x.context == Context::Described {
            let _ = writeln!(
                out,
                "\n**Before:** {}.\n\n**After:** {}.",
                x.before, x.after
            );
        } else {
            let _ = writeln!(
                out,
                "\nBefore ({}):\n\n```ron\n{}\n```\n\nAfter:\n\n```ron\n{}\n```",
                x.context.label(),
                x.before,
                x.after
            );
        }
        if !x.see_also.is_empty() {
            let names: Vec<String> = x
                .see_also
                .iter()
                .map(|c| format!("[`{c}`](#{c})"))
                .collect();
            let _ = writeln!(out, "\nSee also {}.", names.join(", "));
        }
    }
    out
}

#[cfg(test)]
#[path = "explain_tests.rs"]
mod tests;
