//! The checker's corpus, judged through the real loader and checker:
//! - `tests/corpus/texts.ron` and `tests/corpus/attacks.ron`: names and cues, unsafe and safe
//!   look-alikes, in several languages and spellings; each is put into a local exercise (as its
//!   name, or as a cue of an exercise with a plain name) and must be refused, warned about, or
//!   pass clean;
//! - `tests/corpus/disguises.ron`: names put through every spelling disguise (`DISGUISES`),
//!   each of which must keep the name's verdict;
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

fn cases(file: &str) -> Vec<Case> {
    let path = format!("{}/tests/corpus/{file}", env!("CARGO_MANIFEST_DIR"));
    ron::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_text_in_the_corpus_is_judged_right() {
    let cases = cases("texts.ron");
    assert!(cases.len() >= 350, "only {} text cases", cases.len());
    judge(&cases);
}

#[test]
fn every_red_team_text_is_judged_right() {
    let cases = cases("attacks.ron");
    assert!(cases.len() >= 300, "only {} red-team cases", cases.len());
    judge(&cases);
}

/// A spelling disguise: its name, whether it keeps every letter (so it may be applied to a
/// safe name), and what it does.
type Disguise = (&'static str, bool, fn(&str) -> String);

/// Every spelling disguise the generated corpus applies.
const DISGUISES: &[Disguise] = &[
    ("spelled with hyphens", true, |s| spelled(s, "-")),
    ("spelled with dots", true, |s| spelled(s, ".")),
    ("spelled with spaces", true, |s| spelled(s, " ")),
    ("capitals", true, |s| s.to_uppercase()),
    ("a stretched letter", true, stretched),
    ("a masking star", false, |s| masked(s, '*', 1)),
    ("a masking hash", false, |s| masked(s, '#', 2)),
    ("symbols and digits", false, |s| {
        letters(s, |c| {
            Some(match c {
                'i' => '!',
                'l' => '|',
                'e' => '\u{20ac}',
                's' => '$',
                'a' => '@',
                'o' => '0',
                't' => '7',
                _ => return None,
            })
        })
    }),
    ("Greek", true, |s| {
        letters(s, |c| {
            let i = "aoituvkp".find(c)?;
            "\u{3b1}\u{3bf}\u{3b9}\u{3c4}\u{3c5}\u{3bd}\u{3ba}\u{3c1}"
                .chars()
                .nth(i)
        })
    }),
    ("Armenian", true, |s| {
        letters(s, |c| {
            let i = "ouhngq".find(c)?;
            "\u{585}\u{57d}\u{570}\u{578}\u{581}\u{566}".chars().nth(i)
        })
    }),
    ("mixed scripts", true, |s| {
        letters(s, |c| {
            let i = "aeopcyxistuv".find(c)?;
            "\u{430}\u{435}\u{3bf}\u{440}\u{441}\u{443}\u{445}\u{456}\u{455}\u{3c4}\u{3c5}\u{3bd}"
                .chars()
                .nth(i)
        })
    }),
    ("mathematical bold", true, |s| offset(s, 0x1D41A, 0x1D400)),
    ("mathematical bold italic", true, |s| {
        offset(s, 0x1D482, 0x1D468)
    }),
    ("mathematical monospace", true, |s| {
        offset(s, 0x1D68A, 0x1D670)
    }),
    ("circled", true, |s| offset(s, 0x24D0, 0x24B6)),
    ("negative squared", true, |s| offset(s, 0x1F170, 0x1F170)),
    ("fullwidth", true, |s| offset(s, 0xFF41, 0xFF21)),
    ("small capitals", true, |s| {
        letters(s, |c| {
            let i = (c as u32).checked_sub('a' as u32)? as usize;
            "\u{1d00}\u{299}\u{1d04}\u{1d05}\u{1d07}\u{a730}\u{262}\u{29c}\u{26a}\u{1d0a}\u{1d0b}\u{29f}\u{1d0d}\u{274}\u{1d0f}\u{1d18}\u{a7af}\u{280}\u{a731}\u{1d1b}\u{1d1c}\u{1d20}\u{1d21}x\u{28f}\u{1d22}"
                .chars()
                .nth(i)
        })
    }),
];

/// Each lower-case letter of `s` replaced where `f` has a stand-in.
fn letters(s: &str, f: impl Fn(char) -> Option<char>) -> String {
    s.chars()
        .map(|c| f(c.to_ascii_lowercase()).unwrap_or(c))
        .collect()
}

/// Letters moved to another block of the same 26 letters.
fn offset(s: &str, lower: u32, upper: u32) -> String {
    s.chars()
        .map(|c| match c {
            'a'..='z' => char::from_u32(lower + c as u32 - 'a' as u32).unwrap(),
            'A'..='Z' => char::from_u32(upper + c as u32 - 'A' as u32).unwrap(),
            c => c,
        })
        .collect()
}

/// Each word's letters one by one with `sep` between ("s-i-t u-p-s"); words apart by a
/// different separator, so they stay words.
fn spelled(s: &str, sep: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().map(String::from).collect::<Vec<_>>().join(sep))
        .collect::<Vec<_>>()
        .join(if sep == " " { "   " } else { " " })
}

/// The letter at `at` in the longest word (never its first) replaced by `mask`.
fn masked(s: &str, mask: char, at: usize) -> String {
    let longest = s
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.len())
        .unwrap_or("");
    let start = s.find(longest).unwrap_or(0);
    let at = at.min(longest.len().saturating_sub(2)).max(1);
    s.char_indices()
        .map(|(i, c)| if i == start + at { mask } else { c })
        .collect()
}

/// The first vowel after the first letter, written four times ("cruuuunches").
fn stretched(s: &str) -> String {
    let at = s
        .char_indices()
        .skip(1)
        .find(|(_, c)| "aeiou".contains(*c))
        .map_or(1, |(i, _)| i);
    let mut out = String::new();
    for (i, c) in s.char_indices() {
        out.push(c);
        if i == at {
            out.extend([c, c, c]);
        }
    }
    out
}

#[test]
fn every_disguise_keeps_the_verdict() {
    let bases: Vec<(Expect, String)> = ron::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/corpus/disguises.ron"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut cases = Vec::new();
    for (expect, base) in &bases {
        for (name, keeps_letters, disguise) in DISGUISES {
            if *expect != Expect::Pass || *keeps_letters {
                let text = disguise(base);
                assert_ne!(&text, base, "{name} left {base:?} as it was");
                cases.push(Case(*expect, Field::Name, text));
            }
        }
    }
    assert!(cases.len() >= 500, "only {} generated cases", cases.len());
    judge(&cases);
}

/// Puts each case in a program, checks it, and fails with every case judged wrong.
fn judge(cases: &[Case]) {
    let mut wrong = Vec::new();
    for Case(expect, field, text) in cases {
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
        "cases: {refuse} refused, {warn} warned, {} pass",
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

#[test]
fn every_case_worded_another_way_is_judged_right() {
    let cases = cases("rephrased.ron");
    assert!(cases.len() >= 300, "only {} rephrased cases", cases.len());
    judge(&cases);
}
