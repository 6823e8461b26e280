//! The checker's corpus, judged through the real loader and checker:
//! - `tests/corpus/texts.ron`: names and cues, unsafe and safe look-alikes, in several languages
//!   and spellings; each is put into a local exercise (as its name, or as a cue of an exercise
//!   with a plain name) and must be refused, warned about, or pass clean;
//! - `tests/corpus/programs/*.ron`: whole programs whose first line says which codes they give
//!   (`// expect: impact-level, resistance-dose`, or `// expect: clean`).

use std::collections::BTreeSet;

use serde::Deserialize;
use upright::program::{Code, Library, check_source};

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Refuse,
    Warn,
    Pass,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Cue,
}

#[derive(Debug, Deserialize)]
struct Case(Expect, Field, String);

const PROGRAM: &str = r#"Program(
    title: "Corpus",
    level: Intermediate,
    per_week: 2,
    exercises: [
        Exercise(id: "corpus-exercise", name: NAME, kinds: [Balance], spine: Neutral, impact: None, cues: [CUE]),
    ],
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "corpus-exercise", dose: Time(secs: 30)),
                Item(exercise: "prone-back-extension", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),
            ]),
        ]),
    ],
)"#;

fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn verdict(codes: &[Code]) -> Expect {
    let refused = codes.iter().any(|c| {
        matches!(
            c,
            Code::DisguisedFlexion | Code::DisguisedTwisting | Code::DisguisedSideBend
        )
    });
    if refused {
        Expect::Refuse
    } else if codes.contains(&Code::AmbiguousMovement) {
        Expect::Warn
    } else {
        Expect::Pass
    }
}

#[test]
fn every_text_in_the_corpus_is_judged_right() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/texts.ron"
    ))
    .unwrap();
    let cases: Vec<Case> = ron::from_str(&text).unwrap();
    assert!(cases.len() >= 350, "only {} text cases", cases.len());
    let mut wrong = Vec::new();
    for Case(expect, field, text) in &cases {
        let (name, cue) = match field {
            Field::Name => (text.as_str(), "Hold the counter and stand tall."),
            Field::Cue => ("Counter hold", text.as_str()),
        };
        let src = PROGRAM
            .replace("NAME", &quoted(name))
            .replace("CUE", &quoted(cue));
        let checked = check_source(src.as_bytes(), Library::bundled());
        let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
        let others: Vec<&Code> = codes
            .iter()
            .filter(|c| {
                !matches!(
                    c,
                    Code::DisguisedFlexion
                        | Code::DisguisedTwisting
                        | Code::DisguisedSideBend
                        | Code::AmbiguousMovement
                        | Code::InvisibleCharacter
                        | Code::ImpactUnderstated
                        | Code::HighImpact
                )
            })
            .collect();
        assert!(others.is_empty(), "{text:?} gave {others:?}");
        let got = verdict(&codes);
        if got != *expect {
            wrong.push(format!(
                "{expect:?} {field:?} {text:?}: got {got:?} {codes:?}"
            ));
        }
    }
    let refuse = cases.iter().filter(|c| c.0 == Expect::Refuse).count();
    let warn = cases.iter().filter(|c| c.0 == Expect::Warn).count();
    eprintln!(
        "text cases: {refuse} refused, {warn} warned, {} pass",
        cases.len() - refuse - warn
    );
    assert!(
        wrong.is_empty(),
        "{} of {} judged wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_program_in_the_corpus_gives_exactly_its_codes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/programs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 40, "only {} programs", files.len());
    let mut wrong = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let first = text.lines().next().unwrap_or("");
        let expected: BTreeSet<String> = first
            .strip_prefix("// expect:")
            .unwrap_or_else(|| panic!("{} has no `// expect:` line", f.display()))
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty() && s != "clean")
            .collect();
        let checked = check_source(text.as_bytes(), Library::bundled());
        let got: BTreeSet<String> = checked
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect();
        if got != expected {
            let all: Vec<String> = checked
                .diagnostics
                .iter()
                .map(|d| format!("{}:{} {} {}", d.line, d.column, d.code, d.message))
                .collect();
            wrong.push(format!(
                "{}: expected {expected:?}, got {got:?}\n  {}",
                f.display(),
                all.join("\n  ")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
