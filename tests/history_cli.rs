//! `upright history --format csv|json` and `--profile`, run as a physiotherapist runs them:
//! the real binary on a journal in a temporary data folder.

use std::path::Path;
use std::process::{Command, Output};

fn upright(data: &Path, args: &[&str]) -> Output {
    upright_in(data, args, "UTC")
}

/// `upright` in time zone `tz`: dates and times are the person's own.
fn upright_in(data: &Path, args: &[&str], tz: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_upright"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("NO_COLOR", "1")
        .env("TZ", tz)
        .output()
        .expect("the upright binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const JOURNAL: &str = concat!(
    r#"{"at":"2026-11-18T09:00:00Z","run":1795424400000,"event":"session_start","program":"Home Foundations","source":"home-foundations","session":"A","seed":7,"items":["A / Strength / wall-push-up"]}"#,
    "\n",
    r#"{"at":"2026-11-18T09:01:00Z","run":1795424400000,"event":"set_done","item":"A / Strength / wall-push-up","exercise":"wall-push-up","set":1,"level":0,"dose":{"Reps":{"sets":2,"reps":8,"rest":60,"tempo":3}}}"#,
    "\n",
    r#"{"at":"2026-11-18T09:03:00Z","run":1795424400000,"event":"check_in","item":"A / Strength / wall-push-up","exercise":"wall-push-up","feeling":"mild_ache","effort":6}"#,
    "\n",
    r#"{"at":"2026-11-18T09:04:00Z","run":1795424400000,"event":"something_new","x":1}"#,
    "\n",
    r#"{"at":"2026-11-20T09:00:00Z","run":1795597200000,"event":"session_start","program":"Gone Program","source":"/old/gone.ron","session":"B","seed":8,"items":[]}"#,
    "\n",
    r#"{"at":"2026-11-20T09:01:00Z","run":1795597200000,"event":"set_done","item":"B / Balance / tandem-stance","exercise":"tandem-stance","set":1,"side":"Left","level":1,"dose":{"Time":{"secs":30,"per_side":true}}}"#,
    "\n",
    r#"{"at":"2026-11-20T09:02:00Z","run":1795597"#,
);

fn data_with_journal(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("journal.jsonl"), JOURNAL).unwrap();
    data
}

#[test]
fn csv_has_one_row_per_event() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_journal(dir.path());
    let o = upright(&data, &["history", "--format", "csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "date,time,at,profile,program,session,run,kind,item,exercise,set,side,level,dose,pain,pain_words,quality,place,feeling,feeling_label,effort,response,sets_skipped,reason,symptoms,urgency,answer,about,instead,outcome,test,result,score,age,sex"
    );
    // Two session starts, two sets and a check-in (the newer event and the torn line are left
    // out).
    assert_eq!(lines.len(), 6, "{out}");
    assert!(
        lines[1].starts_with(
            "2026-11-18,09:00:00,2026-11-18T09:00:00+00:00,,Home Foundations,A,1795424400000,session_start,"
        ),
        "{}",
        lines[1]
    );
    let dose = upright::program::Dose::Reps {
        sets: 2,
        reps: 8,
        rest: 60,
        tempo: Some(3),
        per_side: false,
    }
    .describe();
    assert_eq!(
        lines[2],
        format!(
            "2026-11-18,09:01:00,2026-11-18T09:01:00+00:00,,Home Foundations,A,1795424400000,set,A / Strength / wall-push-up,wall-push-up,1,,0,\"{dose}\",,,,,,,,,,,,,,,,,,,,,"
        )
    );
    // A check-in written before the 0-10 scale: its four-answer form, pain left empty.
    assert!(
        lines[3].contains(
            ",check_in,A / Strength / wall-push-up,wall-push-up,,,,,,,,,2,A mild ache,6,carry on,"
        ),
        "{}",
        lines[3]
    );
    // A program that no longer exists still has its rows.
    assert!(lines[5].contains(",Gone Program,B,"), "{}", lines[5]);
    let each_side = upright::program::Dose::Time {
        secs: 30,
        sets: 1,
        rest: 0,
        per_side: true,
    }
    .describe();
    assert!(lines[5].contains(",1,left,1,"), "{}", lines[5]);
    assert!(lines[5].contains(&each_side), "{}", lines[5]);
    // The newer event and the torn last line are told about, and left alone.
    let err = text(&o.stderr);
    assert!(err.contains("cut off"), "{err}");
    assert!(err.contains("1 line(s)"), "{err}");
    assert_eq!(
        std::fs::read_to_string(data.join("journal.jsonl")).unwrap(),
        JOURNAL,
        "the export never changes the journal"
    );
}

#[test]
fn json_since_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_journal(dir.path());
    let o = upright(
        &data,
        &["history", "--format", "json", "--since", "2026-11-19"],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["kind"], "session_start");
    assert_eq!(rows[1]["program"], "Gone Program");
    assert_eq!(rows[1]["kind"], "set");
    assert_eq!(rows[1]["side"], "left");
    assert_eq!(rows[1]["feeling"], serde_json::Value::Null);
    assert_eq!(rows[1]["at"], "2026-11-20T09:01:00+00:00");
}

#[test]
fn bad_dates_and_profile_names_are_refused_with_the_right_form() {
    let dir = tempfile::tempdir().unwrap();
    let o = upright(
        dir.path(),
        &["history", "--format", "csv", "--since", "20/11/2026"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("YYYY-MM-DD"),
        "{}",
        text(&o.stderr)
    );
    let o = upright(
        dir.path(),
        &["--profile", "../ann", "history", "--format", "csv"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("lowercase letters"),
        "{}",
        text(&o.stderr)
    );
    // The screen needs a terminal; the message says how to get rows instead.
    let o = upright(dir.path(), &["history"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--format csv"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn profiles_keep_separate_journals() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_journal(dir.path());
    let ann = data.join("profiles").join("ann");
    std::fs::create_dir_all(&ann).unwrap();
    std::fs::write(
        ann.join("journal.jsonl"),
        JOURNAL.lines().take(3).collect::<Vec<_>>().join("\n") + "\n",
    )
    .unwrap();
    let rows = |args: &[&str]| {
        let o = upright(&data, args);
        assert!(o.status.success(), "{}", text(&o.stderr));
        text(&o.stdout).lines().count() - 1
    };
    assert_eq!(rows(&["history", "--format", "csv"]), 5);
    assert_eq!(rows(&["--profile", "ann", "history", "--format", "csv"]), 3);
    let o = upright(&data, &["--profile", "ann", "history", "--format", "csv"]);
    assert!(
        text(&o.stdout).lines().skip(1).all(|l| l.contains(",ann,")),
        "every row names the profile: {}",
        text(&o.stdout)
    );
    assert_eq!(rows(&["history", "--format", "csv", "--profile", "bob"]), 0);
    assert!(
        !data.join("profiles/bob").exists(),
        "reading creates nothing"
    );
}

#[test]
fn the_export_dates_an_evening_west_of_greenwich_on_that_evening() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_journal(dir.path());
    // 09:01 UTC on 18 Nov is 04:01 in New York, and 18:01 in Tokyo; 20 Nov 09:01 UTC is
    // 20 Nov in both.
    let o = upright_in(&data, &["history", "--format", "csv"], "America/New_York");
    let out = text(&o.stdout);
    assert!(
        out.lines()
            .nth(2)
            .unwrap()
            .starts_with("2026-11-18,04:01:00,2026-11-18T04:01:00-05:00,"),
        "{out}"
    );
    let late = concat!(
        r#"{"at":"2026-11-21T00:30:00Z","run":1795653000000,"event":"session_start","program":"P","source":"p.ron","session":"A","seed":1,"items":[]}"#,
        "\n",
        r#"{"at":"2026-11-21T00:31:00Z","run":1795653000000,"event":"set_done","item":"A / B / chin-tuck","exercise":"chin-tuck","set":1,"level":0,"dose":{"Time":{"secs":30}}}"#,
        "\n",
    );
    std::fs::write(data.join("journal.jsonl"), late).unwrap();
    let o = upright_in(&data, &["history", "--format", "csv"], "America/New_York");
    let out = text(&o.stdout);
    assert!(
        out.lines()
            .nth(2)
            .unwrap()
            .starts_with("2026-11-20,19:31:00,2026-11-20T19:31:00-05:00,"),
        "an evening in New York is that evening: {out}"
    );
    let o = upright_in(
        &data,
        &["history", "--format", "csv", "--since", "2026-11-21"],
        "America/New_York",
    );
    assert_eq!(
        text(&o.stdout).lines().count(),
        1,
        "only the header: it was the 20th there"
    );
    let o = upright_in(&data, &["history", "--format", "csv"], "UTC");
    assert!(
        text(&o.stdout)
            .lines()
            .nth(2)
            .unwrap()
            .starts_with("2026-11-21,00:31:00,2026-11-21T00:31:00+00:00,")
    );
}
