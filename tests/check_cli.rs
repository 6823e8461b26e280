//! The `upright check` and `upright library` commands, run as a user runs them: the real
//! binary on real files, asserting exit status, the reported line and the words shown.

use std::path::Path;
use std::process::{Command, Output};

fn upright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the upright binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write(dir: &Path, name: &str, text: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

const GOOD: &str = r#"// A small, safe program.
Program(
    title: "Tiny",
    level: Beginner,
    per_week: 2,
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 1, reps: 8, rest: 30)),
                Item(exercise: "tandem-stance", dose: Time(secs: 30)),
                Item(exercise: "chin-tuck", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),
            ]),
        ]),
    ],
)
"#;

#[test]
fn bundled_programs_pass_with_exit_0() {
    let o = upright(&["check", concat!(env!("CARGO_MANIFEST_DIR"), "/programs")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("checked 5 files: all safe to run (0 errors, 0 warnings)"));
}

#[test]
fn a_good_file_passes_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "good.ron", GOOD.as_bytes());
    let o = upright(&["check", &f]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("ok: "), "{}", stdout(&o));
}

#[test]
fn disguised_flexion_is_refused_at_its_line_with_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let text = GOOD.replace(
        "per_week: 2,",
        "per_week: 2,\n    exercises: [Exercise(id: \"core-work\", name: \"Seated Crunches\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Sit tall.\"])],",
    );
    let f = write(dir.path(), "crunch.ron", text.as_bytes());
    let o = upright(&["check", &f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("error[disguised-flexion]"), "{out}");
    assert!(out.contains("crunch.ron:6:49"), "{out}");
    assert!(out.contains("^^^^^^^^^^^^^^^^^"), "{out}");
    assert!(
        out.contains("help: use an exercise with a long back, such as Prone back extension"),
        "{out}"
    );
}

#[test]
fn a_zero_dose_points_at_the_zero() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "zero.ron",
        GOOD.replace("reps: 8", "reps: 0").as_bytes(),
    );
    let o = upright(&["check", &f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("zero.ron:9:74"), "{}", stdout(&o));
    assert!(stdout(&o).contains("`reps: 0` is outside the safe range of 1 to 50"));
}

#[test]
fn an_unknown_field_suggests_the_right_one() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "typo.ron",
        GOOD.replace("sets: 1, reps: 8", "stes: 1, reps: 8")
            .as_bytes(),
    );
    let o = upright(&["check", &f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[unknown-field]: `stes` is not a field of `Reps`"),
        "{out}"
    );
    assert!(out.contains("typo.ron:9:59"), "{out}");
    assert!(out.contains("did you mean `sets`?"), "{out}");
}

#[test]
fn warnings_do_not_change_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "warn.ron",
        GOOD.replace("\"tandem-stance\"", "\"bridge\"").as_bytes(),
    );
    let o = upright(&["check", &f]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("warning[no-balance]"));
}

#[test]
fn json_output_is_one_array_with_the_contract_fields() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "zero.ron",
        GOOD.replace("reps: 8", "reps: 0").as_bytes(),
    );
    let o = upright(&["check", "--format", "json", &f]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v.as_array().unwrap()[0];
    assert_eq!(d["file"], f.as_str());
    assert_eq!(d["line"], 9);
    assert_eq!(d["column"], 74);
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "dose-range");
    assert!(d["message"].as_str().unwrap().contains("reps: 0"));
}

#[test]
fn bad_files_each_get_one_clear_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.ron", b"", "empty-file"),
        (
            "binary.ron",
            b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe",
            "not-utf8",
        ),
        ("big.ron", &[b' '; 1024 * 1024 + 1], "too-large"),
        ("json.ron", b"{\"title\": \"x\"}", "not-a-program"),
        (
            "escape.ron",
            b"Program(title: \"\x1b[2J\")",
            "control-character",
        ),
    ];
    for (name, bytes, code) in cases {
        let f = write(dir.path(), name, bytes);
        let o = upright(&["check", "--format", "json", &f]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 1, "{name}: {v}");
        assert_eq!(v[0]["code"], code, "{name}");
        let text = upright(&["check", &f]);
        assert!(
            !text.stdout.contains(&0x1b),
            "{name} put an escape on the terminal"
        );
        assert!(
            text.stderr.is_empty(),
            "{name}: {}",
            String::from_utf8_lossy(&text.stderr)
        );
    }
}

#[test]
fn folders_are_searched_recursively() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    write(
        &dir.path().join("a/b"),
        "deep.ron",
        GOOD.replace("reps: 8", "reps: 99").as_bytes(),
    );
    write(dir.path(), "top.ron", GOOD.as_bytes());
    write(dir.path(), "notes.txt", b"not a program");
    let o = upright(&["check", &dir.path().display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("deep.ron:9:74"), "{out}");
    assert!(out.contains("checked 2 files: 1 refused"), "{out}");
}

#[test]
fn a_missing_path_or_a_folder_without_programs_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = upright(&["check", "/no/such/program.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot find `/no/such/program.ron`"));
    let o = upright(&["check", &dir.path().display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("holds no .ron program files"));
    let o = upright(&["check"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn windows_and_utf16_files_load() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = GOOD.replace('\n', "\r\n");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(crlf.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in crlf.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    for (name, bytes) in [
        ("crlf.ron", crlf.as_bytes().to_vec()),
        ("bom.ron", bom),
        ("utf16.ron", utf16),
    ] {
        let f = write(dir.path(), name, &bytes);
        let o = upright(&["check", &f]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stdout(&o));
    }
}

#[test]
fn library_lists_exercises_and_filters_by_kind() {
    let o = upright(&["library"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("ID "));
    assert!(out.contains("prone-back-extension"));
    let o = upright(&["library", "--kind", "Balance"]);
    let out = stdout(&o);
    assert!(out.contains("tandem-stance"));
    assert!(!out.contains("prone-back-extension "), "{out}");
    assert!(out.contains("of kind Balance"));
}
