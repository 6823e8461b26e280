//! Round trips: text -> program and comments -> text loses nothing, for the template, every
//! bundled program, and every bundled program with a comment added at every line.

use super::super::Program;
use super::super::comments::{Notes, read};
use super::super::load::ron_options;
use super::program;

/// Parses as the loader does (the checker is not needed to compare programs).
fn load(text: &str) -> (Program, Notes) {
    let p: Program = ron_options()
        .from_str(text)
        .unwrap_or_else(|e| panic!("does not load: {e}\n{text}"));
    let notes = read(text, &p);
    (p, notes)
}

/// The comments of a text, in order, as the lexer sees them (`//` to the end of the line).
fn comment_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.find("//").map(|i| l[i..].trim_end().to_owned()))
        .collect()
}

fn round_trip(text: &str) -> String {
    let (p, notes) = load(text);
    let written = program(&p, &notes);
    let (p2, notes2) = load(&written);
    assert_eq!(p, p2, "the program changed:\n{written}");
    assert_eq!(notes, notes2, "the comments changed:\n{written}");
    assert_eq!(program(&p2, &notes2), written, "writing is not stable");
    written
}

#[test]
fn the_template_is_written_exactly_as_it_is() {
    let template = crate::cli::new::TEMPLATE;
    assert_eq!(round_trip(template), template);
}

#[test]
fn bundled_programs_keep_every_comment_in_order() {
    for b in crate::program::bundled::programs() {
        let written = round_trip(b.text);
        assert_eq!(comment_lines(&written), comment_lines(b.text), "{}", b.name);
    }
}

/// Every line of the gentle program, and every fifth line of the others (parsing is slow in
/// a debug build, and the others repeat the same shapes).
#[test]
fn a_comment_on_any_line_survives() {
    for b in crate::program::bundled::programs() {
        let lines: Vec<&str> = b.text.lines().collect();
        let stride = if b.name == "gentle-start" { 1 } else { 5 };
        for at in (0..lines.len()).step_by(stride) {
            for trailing in [false, true] {
                let mut edited: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
                let mark = format!("// mark {at} {trailing}");
                if trailing {
                    edited[at].push_str(&format!(" {mark}"));
                } else {
                    let indent: String = lines[at].chars().take_while(|c| *c == ' ').collect();
                    edited.insert(at, format!("{indent}{mark}"));
                }
                let text = edited.join("\n");
                let written = round_trip(&text);
                assert!(
                    written.contains(&mark),
                    "{}: `{mark}` was lost from line {}:\n{written}",
                    b.name,
                    at + 1
                );
            }
        }
    }
}

#[test]
fn block_comments_optional_fields_and_some_are_kept() {
    let text = r#"/* A block comment
   over two lines */
Program(
    title: "T", // the title
    summary: Some("S"),
    level: Beginner,
    per_week: 2,
    exercises: [
        // mine
        Exercise(id: "my-lift", name: "My lift", kinds: [Resistance], spine: Neutral, impact: None,
            cues: [
                "Stand tall.", // first cue
                /* second */ "Breathe.",
            ],
        ),
        // no more exercises
    ],
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "B", items: [
                Item(exercise: "my-lift", dose: Reps(sets: 2, reps: 8, rest: 60)), // end of line
                // commented out: Item(exercise: "bridge", dose: Reps(sets: 2, reps: 8, rest: 60)),
            ]),
            // a block to come
        ]),
    ],
    // the end
)
// after everything
"#;
    let written = round_trip(text);
    for c in [
        "/* A block comment",
        "// the title",
        "// mine",
        "// first cue",
        "/* second */",
        "// no more exercises",
        "// end of line",
        "// commented out: Item(exercise: \"bridge\"",
        "// a block to come",
        "// the end",
        "// after everything",
    ] {
        assert!(written.contains(c), "{c} was lost:\n{written}");
    }
    assert!(written.contains("summary: \"S\","), "{written}");
    assert!(!written.contains("Some("), "{written}");
}

/// A local exercise's figure and `figure_of` are written back, comments around them kept.
#[test]
fn figures_and_figure_of_survive_a_round_trip() {
    let text = r#"Program(
    title: "Figures",
    level: Beginner,
    per_week: 2,
    advance_after: 2,
    exercises: [
        Exercise(
            id: "my-squat",
            name: "My squat",
            kinds: [Resistance],
            spine: Neutral,
            impact: None,
            cues: [
                "Sit back to the chair.",
            ],
            // drawn by hand
            figure: Figure(
                view: Front,
                props: [Chair(at: -40), Band()],
                poses: [
                    Pose(),
                    Pose(on: Chair, pelvis: 20, hips: (100, 100), knees: (90, 90)),
                ],
            ),
        ),
        Exercise(
            id: "my-hinge",
            name: "My hinge",
            kinds: [Resistance],
            spine: Neutral,
            impact: None,
            cues: [
                "Hips back.",
            ],
            figure_of: "hip-hinge",
        ),
    ],
    sessions: [
        Session(
            name: "A",
            blocks: [
                Block(
                    name: "Main",
                    items: [
                        Item(exercise: "my-squat", dose: Reps(sets: 1, reps: 5, rest: 30)),
                    ],
                ),
            ],
        ),
    ],
)
"#;
    let written = round_trip(text);
    assert_eq!(written, text);
}
