//! Every code has an explanation whose examples really show the rule: the "before" gives the
//! code through the real loader and checker, the "after" does not (and, apart from whole-file
//! examples, gives nothing at all).

use super::*;
use crate::program::{Library, check_source};

const FIELDS: &str = "title: \"Example\",\nlevel: Beginner,\nper_week: 2,";
const ITEMS: [&str; 3] = [
    "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),",
    "Item(exercise: \"tandem-stance\", dose: Time(secs: 30)),",
    "Item(exercise: \"prone-back-extension\", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),",
];

fn indent(text: &str, by: usize) -> String {
    text.lines()
        .map(|l| format!("{}{l}\n", " ".repeat(by)))
        .collect()
}

/// A whole program with `fragment` at the place `context` names.
fn program(context: Context, fragment: &str) -> String {
    if context == Context::File {
        return fragment.to_owned();
    }
    let slot = |c: Context, default: String| {
        if c == context {
            fragment.to_owned()
        } else {
            default
        }
    };
    let items = match context {
        Context::Item => format!("{fragment}\n{}\n{}", ITEMS[1], ITEMS[2]),
        Context::Items => fragment.to_owned(),
        _ => ITEMS.join("\n"),
    };
    format!(
        "Program(\n{}    exercises: [\n{}    ],\n    sessions: [\n        Session(name: \"A\", blocks: [\n            Block(name: \"Main\", items: [\n{}            ]),\n{}        ]),\n{}    ],\n)\n",
        indent(&slot(Context::Fields, FIELDS.into()), 4),
        indent(&slot(Context::Exercises, String::new()), 8),
        indent(&items, 16),
        indent(&slot(Context::Block, String::new()), 12),
        indent(&slot(Context::Session, String::new()), 8),
    )
}

fn codes(text: &str) -> Vec<Code> {
    check_source(text.as_bytes(), Library::bundled())
        .diagnostics
        .into_iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn the_example_harness_is_clean_on_its_own() {
    assert_eq!(codes(&program(Context::Fields, FIELDS)), vec![]);
}

#[test]
fn every_code_has_an_explanation_with_text_and_an_example() {
    for &code in Code::ALL {
        let x = explain(code);
        assert_eq!(x.code, code);
        for (part, text) in [
            ("what", x.what),
            ("why", x.why),
            ("before", x.before),
            ("after", x.after),
        ] {
            assert!(text.len() > 20, "{code}: `{part}` is too short: {text:?}");
        }
        assert_ne!(x.before, x.after, "{code}");
        assert!(!x.sources.is_empty(), "{code} names no source");
    }
}

#[test]
fn every_before_example_gives_its_code_and_every_after_example_fixes_it() {
    for &code in Code::ALL {
        let x = explain(code);
        if x.context == Context::Described {
            continue;
        }
        let before = program(x.context, x.before);
        let found = codes(&before);
        assert!(
            found.contains(&code),
            "{code}: the before example gives {found:?}\n{before}"
        );
        let after = program(x.context, x.after);
        let found = codes(&after);
        if x.context == Context::File {
            assert!(
                !found.contains(&code),
                "{code}: after still gives it\n{after}"
            );
        } else {
            assert_eq!(
                found,
                vec![],
                "{code}: the after example is not clean\n{after}"
            );
        }
    }
}

/// Only the codes about the bytes of a file may be explained in words alone; those are
/// checked here against the loader directly.
#[test]
fn described_examples_are_only_for_the_file_itself() {
    let described: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|&c| explain(c).context == Context::Described)
        .collect();
    assert_eq!(
        described,
        vec![
            Code::TooLarge,
            Code::NotUtf8,
            Code::Unreadable,
            Code::EmptyFile
        ]
    );
    let library = Library::bundled();
    let big = vec![b' '; crate::program::source::MAX_BYTES + 1];
    for (bytes, code) in [
        (&big[..], Code::TooLarge),
        (&b"Program(\xff)"[..], Code::NotUtf8),
        (&b"  \n"[..], Code::EmptyFile),
    ] {
        let d = check_source(bytes, library).diagnostics;
        assert_eq!(d[0].code, code);
    }
}

#[test]
fn the_guidance_named_is_the_guidance_of_the_clinical_notes() {
    let all: Vec<Source> = Code::ALL
        .iter()
        .flat_map(|&c| explain(c).sources.iter().copied())
        .collect();
    for s in [
        Source::SinakiMikkelsen1984,
        Source::TooFitToFracture,
        Source::Ros2019,
        Source::Liftmor2018,
        Source::Silbernagel2007,
    ] {
        assert!(all.contains(&s), "{s:?} is never cited");
    }
    let flexion = explain(Code::Flexion);
    assert!(flexion.why.contains("89%") && flexion.why.contains("16%"));
    assert!(flexion.sources.contains(&Source::SinakiMikkelsen1984));
}

#[test]
fn codes_are_found_as_typed_or_as_copied_from_check() {
    assert_eq!(parse_code("dose-range"), Some(Code::DoseRange));
    assert_eq!(parse_code(" Dose-Range "), Some(Code::DoseRange));
    assert_eq!(parse_code("error[dose-range]"), Some(Code::DoseRange));
    assert_eq!(parse_code("warning[no-balance]:"), Some(Code::NoBalance));
    assert_eq!(parse_code("dose"), None);
}

#[test]
fn close_codes_share_spelling_or_a_word() {
    assert_eq!(close_codes("fleksion").first(), Some(&Code::Flexion));
    let progress = close_codes("progress");
    for c in [
        Code::ProgressStep,
        Code::ProgressCap,
        Code::ProgressMismatch,
        Code::ProgressHarder,
    ] {
        assert!(progress.contains(&c), "{progress:?}");
    }
    assert_eq!(close_codes("zzzzzzzzzzzzzz"), vec![]);
}

#[test]
fn text_is_wrapped_and_names_its_parts() {
    let text = render_text(&explain(Code::Flexion), 80);
    assert!(text.starts_with("flexion (error): an exercise that bends the spine forward\n"));
    for part in [
        "What it means\n",
        "Why the rule exists\n",
        "Sources: ",
        "Before (",
        "After:\n",
        "See also `upright explain disguised-flexion`.",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
    for line in text.lines().filter(|l| !l.starts_with("    ")) {
        assert!(line.chars().count() <= 80, "{line}");
    }
}

#[test]
fn flexion_explanation_snapshot() {
    insta::assert_snapshot!(render_text(&explain(Code::Flexion), 80));
}

/// `docs/diagnostics.md` is this module's Markdown; `UPDATE_DOCS=1 cargo test` rewrites it.
#[test]
fn the_diagnostics_page_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md");
    let expected = markdown_reference();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/diagnostics.md is out of date: run `UPDATE_DOCS=1 cargo test explain` and commit it"
    );
    for &c in Code::ALL {
        assert!(actual.contains(&format!("\n## {}\n", c.as_str())));
    }
}
