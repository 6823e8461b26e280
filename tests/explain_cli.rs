//! `upright explain`: every diagnostic code has an entry, and the command finds codes as a
//! person types or copies them.

use std::process::{Command, Output};

use upright::output::explain::{explain, render_text};
use upright::program::Code;

fn upright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the upright binary runs")
}

#[test]
fn every_code_is_explained() {
    for &code in Code::ALL {
        let text = render_text(&explain(code), 80);
        assert!(text.starts_with(code.as_str()), "{text}");
        assert!(text.contains("Why the rule exists"), "{code}");
        assert!(text.contains("After:"), "{code}");
    }
}

#[test]
fn explain_prints_the_explanation_for_a_code_copied_from_check() {
    let o = upright(&["explain", "error[dose-range]"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("dose-range (error): a dose outside its safe range"),
        "{out}"
    );
    assert!(out.contains("Too Fit To Fracture"), "{out}");
    assert!(
        out.contains(
            "    Item(exercise: \"sit-to-stand\", dose: Reps(sets: 3, reps: 8, rest: 60)),"
        )
    );
}

#[test]
fn an_unknown_code_exits_2_with_the_close_ones() {
    let o = upright(&["explain", "progres"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("`progres` is not a diagnostic code; close ones are: `progress-"),
        "{err}"
    );
    let o = upright(&["explain", "fleksion"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `flexion`?"));
    assert!(o.stdout.is_empty());
}

#[test]
fn explain_without_a_code_lists_every_code() {
    let o = upright(&["explain"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    for &code in Code::ALL {
        assert!(out.contains(&format!("  {} ", code.as_str())), "{code}");
    }
}
