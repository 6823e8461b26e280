//! `upright new`: every file it writes passes `upright check` at once, and it never
//! overwrites a file unless told to.

use std::path::Path;
use std::process::{Command, Output};

fn upright(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the upright binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn passes_check(dir: &Path, file: &str) {
    let o = upright(dir, &["check", file]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert!(
        text(&o.stdout).contains("(0 errors, 0 warnings)"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn the_template_passes_check_and_is_titled_after_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let o = upright(dir.path(), &["new", "knee-class.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("wrote knee-class.ron: \"Knee class\""));
    passes_check(dir.path(), "knee-class.ron");
    let written = std::fs::read_to_string(dir.path().join("knee-class.ron")).unwrap();
    assert!(written.starts_with("// A new upright program."));
    assert!(written.contains("title: \"Knee class\""));
}

#[test]
fn every_bundled_program_can_be_the_start_of_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    for b in upright::program::bundled::programs() {
        let file = format!("{}-copy.ron", b.name);
        let o = upright(dir.path(), &["new", &file, "--from", b.name]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        passes_check(dir.path(), &file);
        let written = std::fs::read_to_string(dir.path().join(&file)).unwrap();
        assert!(written.starts_with(&format!(
            "// Started from the bundled program \"{}\"",
            b.name
        )));
        assert!(written.ends_with(b.text), "the copy keeps every comment");
    }
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.ron"), "my work").unwrap();
    let o = upright(dir.path(), &["new", "mine.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("`mine.ron` already exists; choose another name, or add --force")
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.ron")).unwrap(),
        "my work"
    );
    let o = upright(dir.path(), &["new", "mine.ron", "--force"]);
    assert_eq!(o.status.code(), Some(0));
    passes_check(dir.path(), "mine.ron");
}

#[test]
fn a_program_file_with_errors_is_not_copied() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.ron"), "Program(title: \"x\")").unwrap();
    let o = upright(dir.path(), &["new", "copy.ron", "--from", "bad.ron"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("error[missing-field]"), "{err}");
    assert!(
        err.contains("`bad.ron` has errors, so it cannot be copied"),
        "{err}"
    );
    assert!(!dir.path().join("copy.ron").exists());
}

#[test]
fn a_program_file_with_only_warnings_is_copied() {
    let dir = tempfile::tempdir().unwrap();
    let template =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/template.ron"))
            .unwrap();
    let warned = template.replace("\"tandem-stance-supported\"", "\"bridge\"");
    std::fs::write(dir.path().join("warned.ron"), warned).unwrap();
    let o = upright(dir.path(), &["new", "copy.ron", "--from", "warned.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("from \"warned.ron\""));
}

#[test]
fn unknown_programs_and_missing_folders_exit_2_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let o = upright(dir.path(), &["new", "a.ron", "--from", "gentle-strat"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("did you mean `gentle-start`?"));
    let o = upright(dir.path(), &["new", "no/such/folder/a.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("the folder `no/such/folder` does not exist"));
}
