//! One failing and one passing example for every checker rule, through the real loader so the
//! reported line is tested too.

use super::super::{Code, Diagnostic, Library, check_source};

const BASE: &str = r#"Program(
    title: "Test program",
    level: Beginner,
    per_week: 3,
    exercises: [],
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 2, reps: 8, rest: 60), progress: [AddReps(step: 1, up_to: 12), AddSets(up_to: 3), Harder]),
                Item(exercise: "tandem-stance", dose: Time(secs: 30, per_side: true)),
                Item(exercise: "prone-back-extension", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0), progress: [AddTime(step: 1, up_to: 5)]),
            ]),
        ]),
    ],
)"#;

const LOCAL: &str = r#"Exercise(id: "my-lift", name: "My lift", kinds: [Resistance], spine: Neutral, impact: None, cues: ["Stand tall."])"#;

fn run(src: &str) -> Vec<Diagnostic> {
    check_source(src.as_bytes(), Library::bundled()).diagnostics
}

fn codes(src: &str) -> Vec<Code> {
    run(src).into_iter().map(|d| d.code).collect()
}

/// BASE with one piece of text replaced (which must be there).
fn with(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "BASE has no {from:?}");
    BASE.replacen(from, to, 1)
}

fn with_local(exercise: &str) -> String {
    with("exercises: [],", &format!("exercises: [{exercise}],"))
}

fn assert_code(src: &str, code: Code) -> Diagnostic {
    let all = run(src);
    all.iter()
        .find(|d| d.code == code)
        .cloned()
        .unwrap_or_else(|| panic!("expected {code}, got {all:#?}"))
}

#[test]
fn the_base_program_is_clean() {
    assert_eq!(run(BASE), vec![]);
}

#[test]
fn a_local_exercise_can_be_used() {
    let src = with_local(LOCAL).replace("\"sit-to-stand\", dose", "\"my-lift\", dose");
    let src = src.replace(", AddSets(up_to: 3), Harder]", "]");
    assert_eq!(codes(&src), vec![]);
}

#[test]
fn title_must_be_1_to_80_characters() {
    let d = assert_code(&with("\"Test program\"", "\"\""), Code::TextLength);
    assert_eq!((d.line, d.column), (2, 12));
    assert_code(&with("Test program", &"x".repeat(81)), Code::TextLength);
    assert_eq!(codes(&with("Test program", &"x".repeat(80))), vec![]);
}

#[test]
fn per_week_and_advance_after_have_ranges() {
    let d = assert_code(&with("per_week: 3", "per_week: 8"), Code::OutOfRange);
    assert_eq!((d.line, d.column), (4, 15));
    assert_code(&with("per_week: 3", "per_week: 0"), Code::OutOfRange);
    assert_code(
        &with("per_week: 3,", "per_week: 3, advance_after: 0,"),
        Code::OutOfRange,
    );
    assert_eq!(
        codes(&with("per_week: 3,", "per_week: 4, advance_after: 3,")),
        vec![]
    );
}

#[test]
fn a_program_needs_sessions_blocks_and_items() {
    let no_sessions = r#"Program(title: "T", level: Beginner, per_week: 1, sessions: [])"#;
    assert_eq!(codes(no_sessions), vec![Code::NoSessions]);
    let no_blocks = r#"Program(title: "T", level: Beginner, per_week: 1, sessions: [Session(name: "A", blocks: [])])"#;
    assert_eq!(codes(no_blocks), vec![Code::EmptySession]);
    let no_items = r#"Program(title: "T", level: Beginner, per_week: 1, sessions: [Session(name: "A", blocks: [Block(name: "B", items: [])])])"#;
    assert_eq!(codes(no_items), vec![Code::EmptyBlock]);
}

#[test]
fn session_names_are_unique() {
    let src = with(
        "    ],\n)",
        "        Session(name: \"a\", blocks: [Block(name: \"B\", items: [Item(exercise: \"bridge\", dose: Reps(sets: 1, reps: 8, rest: 0))])]),\n    ],\n)",
    );
    let d = assert_code(&src, Code::DuplicateSession);
    assert_eq!(d.line, 14);
    let ok = src.replace("Session(name: \"a\"", "Session(name: \"B\"");
    assert_eq!(codes(&ok), vec![]);
}

#[test]
fn pick_is_between_one_and_the_item_count() {
    let d = assert_code(
        &with("name: \"Main\",", "name: \"Main\", pick: 4,"),
        Code::PickRange,
    );
    assert_eq!((d.line, d.column), (8, 39));
    assert_code(
        &with("name: \"Main\",", "name: \"Main\", pick: 0,"),
        Code::PickRange,
    );
    assert_eq!(
        codes(&with("name: \"Main\",", "name: \"Main\", pick: 3,")),
        vec![]
    );
}

#[test]
fn items_name_known_exercises_with_a_suggestion() {
    let d = assert_code(
        &with("\"sit-to-stand\"", "\"sit-to-stnd\""),
        Code::UnknownExercise,
    );
    assert_eq!((d.line, d.column), (9, 32));
    assert_eq!(d.help.as_deref(), Some("did you mean \"sit-to-stand\"?"));
}

#[test]
fn an_unknown_exercise_named_after_flexion_is_refused_as_flexion() {
    let d = assert_code(
        &with("\"sit-to-stand\"", "\"sit-ups\""),
        Code::DisguisedFlexion,
    );
    assert!(d.help.unwrap().contains("long back"));
}

#[test]
fn doses_stay_in_their_ranges() {
    let d = assert_code(&with("reps: 8", "reps: 0"), Code::DoseRange);
    assert_eq!((d.line, d.column), (9, 74));
    for (from, to) in [
        ("sets: 2", "sets: 11"),
        ("reps: 8", "reps: 51"),
        ("rest: 60", "rest: 601"),
        ("rest: 60)", "rest: 60, tempo: 0)"),
        ("rest: 60)", "rest: 60, tempo: 21)"),
        ("hold: 3", "hold: 121"),
        ("secs: 30", "secs: 0"),
        ("secs: 30", "secs: 3601"),
        ("secs: 30", "secs: 30, sets: 0"),
    ] {
        assert!(
            codes(&with(from, to)).contains(&Code::DoseRange),
            "{to} should be out of range"
        );
    }
    for (from, to) in [
        ("sets: 2", "sets: 3"),
        ("reps: 8", "reps: 10"),
        ("rest: 60)", "rest: 600, tempo: 20, per_side: true)"),
        ("hold: 3", "hold: 5"),
        ("secs: 30", "secs: 600"),
    ] {
        assert_eq!(codes(&with(from, to)), vec![], "{to} should be fine");
    }
}

#[test]
fn progress_caps_must_fit_the_dose() {
    let d = assert_code(&with("up_to: 12", "up_to: 6"), Code::ProgressCap);
    assert_eq!((d.line, d.column), (9, 123));
    assert_code(&with("up_to: 12", "up_to: 51"), Code::ProgressCap);
    assert_code(
        &with("AddSets(up_to: 3)", "AddSets(up_to: 11)"),
        Code::ProgressCap,
    );
    assert_code(
        &with("AddSets(up_to: 3)", "AddSets(up_to: 1)"),
        Code::ProgressCap,
    );
    assert_code(
        &with("AddTime(step: 1, up_to: 5)", "AddTime(step: 1, up_to: 121)"),
        Code::ProgressCap,
    );
}

#[test]
fn a_progress_step_must_add_something() {
    assert_code(
        &with("AddReps(step: 1", "AddReps(step: 0"),
        Code::ProgressStep,
    );
}

#[test]
fn progress_steps_must_fit_the_dose_variant() {
    let src = with(
        "Time(secs: 30, per_side: true))",
        "Time(secs: 30, per_side: true), progress: [AddReps(step: 1, up_to: 5)])",
    );
    assert_code(&src, Code::ProgressMismatch);
    let src = with(
        "progress: [AddReps(step: 1, up_to: 12),",
        "progress: [AddTime(step: 1, up_to: 12),",
    );
    assert_code(&src, Code::ProgressMismatch);
    let ok = with(
        "Time(secs: 30, per_side: true))",
        "Time(secs: 30, per_side: true), progress: [AddTime(step: 10, up_to: 60), AddSets(up_to: 2)])",
    );
    assert_eq!(codes(&ok), vec![]);
}

#[test]
fn harder_needs_a_harder_variant() {
    let src = with(
        "Holds(sets: 1, reps: 5, hold: 3, rest: 0), progress: [AddTime(step: 1, up_to: 5)]",
        "Holds(sets: 1, reps: 5, hold: 3, rest: 0), progress: [Harder, Harder, Harder, Harder, Harder, Harder]",
    );
    assert_code(&src, Code::ProgressHarder);
    let local = LOCAL.to_owned();
    let src = with_local(&local).replace("\"sit-to-stand\", dose", "\"my-lift\", dose");
    assert_code(&src, Code::ProgressHarder);
}

#[test]
fn local_ids_are_kebab_case_and_unique() {
    let d = assert_code(
        &with_local(&LOCAL.replace("my-lift", "My Lift")),
        Code::IdFormat,
    );
    assert_eq!(d.help.as_deref(), Some("write it as \"my-lift\""));
    assert_code(&with_local(&format!("{LOCAL}, {LOCAL}")), Code::DuplicateId);
    assert_code(
        &with_local(&LOCAL.replace("my-lift", "bridge")),
        Code::DuplicateId,
    );
    assert_eq!(codes(&with_local(LOCAL)), vec![]);
}

#[test]
fn exercises_need_a_kind_and_a_cue() {
    assert_code(
        &with_local(&LOCAL.replace("[Resistance]", "[]")),
        Code::NoKinds,
    );
    assert_code(
        &with_local(&LOCAL.replace("[\"Stand tall.\"]", "[]")),
        Code::NoCues,
    );
    assert_code(
        &with_local(&LOCAL.replace("\"Stand tall.\"", "\"\"")),
        Code::TextLength,
    );
}

#[test]
fn links_point_at_existing_exercises_without_cycles() {
    let src = with_local(&LOCAL.replace("cues:", "harder: \"bridgee\", cues:"));
    let d = assert_code(&src, Code::UnknownLink);
    assert_eq!(d.help.as_deref(), Some("did you mean \"bridge\"?"));
    let a = r#"Exercise(id: "a-one", name: "A", kinds: [Balance], spine: Neutral, impact: None, cues: ["c"], harder: "b-two")"#;
    let b = r#"Exercise(id: "b-two", name: "B", kinds: [Balance], spine: Neutral, impact: None, cues: ["c"], harder: "a-one")"#;
    assert_code(&with_local(&format!("{a}, {b}")), Code::LinkCycle);
    let b_ok = b.replace(", harder: \"a-one\"", ", easier: \"a-one\"");
    assert_eq!(codes(&with_local(&format!("{a}, {b_ok}"))), vec![]);
}

#[test]
fn spine_must_be_neutral_or_extension() {
    let d = assert_code(
        &with_local(&LOCAL.replace("Neutral", "Flexion")),
        Code::Flexion,
    );
    assert!(d.help.unwrap().contains("Prone back extension"));
    assert_code(
        &with_local(&LOCAL.replace("Neutral", "Rotation")),
        Code::Twisting,
    );
    assert_code(
        &with_local(&LOCAL.replace("Neutral", "SideBend")),
        Code::SideBend,
    );
    assert_eq!(
        codes(&with_local(&LOCAL.replace("Neutral", "Extension"))),
        vec![]
    );
}

#[test]
fn flexion_in_disguise_is_refused_whatever_spine_says() {
    let d = assert_code(
        &with_local(&LOCAL.replace("\"My lift\"", "\"Gentle Crunches\"")),
        Code::DisguisedFlexion,
    );
    assert_eq!((d.line, d.column), (5, 47));
    assert_code(
        &with_local(&LOCAL.replace("my-lift", "sit-ups")),
        Code::DisguisedFlexion,
    );
    assert_code(
        &with_local(&LOCAL.replace("\"Stand tall.\"", "\"Bring your knees to your chest.\"")),
        Code::DisguisedFlexion,
    );
    assert_code(
        &with_local(&LOCAL.replace("\"My lift\"", "\"Seated Russian-twist\"")),
        Code::DisguisedTwisting,
    );
    // The words said for each part of a paced rep are screened too.
    let paced = LOCAL.replace("cues:", "pace: [(\"crunch up\", 1), (\"lower\", 2)], cues:");
    assert_code(&with_local(&paced), Code::DisguisedFlexion);
    // A cue may warn against the movement.
    let warned = LOCAL.replace(
        "\"Stand tall.\"",
        "\"Keep your back long; do not round your back.\"",
    );
    assert_eq!(codes(&with_local(&warned)), vec![]);
}

#[test]
fn control_characters_in_text_are_refused() {
    let d = assert_code(
        &with("Test program", "Test \\u{1b}[2J program"),
        Code::ControlCharacter,
    );
    assert_eq!((d.line, d.column), (2, 12));
    assert_code(
        &with_local(&LOCAL.replace("Stand tall.", "Stand\\ttall.")),
        Code::ControlCharacter,
    );
    // A newline inside a cue is allowed (it is shown as a space).
    assert_eq!(
        codes(&with_local(&LOCAL.replace("Stand tall.", "Stand\\ntall."))),
        vec![]
    );
}

#[test]
fn warnings_for_impact_length_and_missing_kinds() {
    assert_code(
        &with("\"tandem-stance\"", "\"small-jumps\"").replace("Beginner", "Intermediate"),
        Code::HighImpact,
    );
    assert_code(
        &with("\"tandem-stance\"", "\"heel-drops\""),
        Code::ModerateImpactBeginner,
    );
    assert!(
        !codes(&with("\"tandem-stance\"", "\"heel-drops\"").replace("Beginner", "Intermediate"))
            .contains(&Code::ModerateImpactBeginner)
    );
    assert_code(
        &with("secs: 30,", "secs: 1500, sets: 2,"),
        Code::LongSession,
    );
    assert_code(&with("\"tandem-stance\"", "\"bridge\""), Code::NoBalance);
    assert_code(
        &with("\"prone-back-extension\"", "\"heel-raise\""),
        Code::NoExtension,
    );
    for d in run(&with("\"tandem-stance\"", "\"small-jumps\"").replace("Beginner", "Advanced")) {
        assert!(!d.is_error(), "{d:?}");
    }
}
