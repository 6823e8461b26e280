//! Every command line shown in the README and in `docs/` (the `sh` blocks a newcomer copies)
//! parses as written, with its options going where they apply; and the completions and
//! manual pages are made from the same definitions.

use std::path::Path;
use std::process::Command;

/// The `upright ...` lines of the `sh` blocks of a Markdown file, without their comments and
/// redirections.
fn invocations(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut in_sh = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        if let Some(fence) = line.trim_start().strip_prefix("```") {
            in_sh = !in_sh && matches!(fence.trim(), "sh" | "bash" | "shell");
            continue;
        }
        let line = line.trim().trim_start_matches("$ ");
        if in_sh && (line == "upright" || line.starts_with("upright ")) {
            let command = line.split(['#', '>', '|']).next().unwrap_or("").trim();
            lines.push(command.to_owned());
        }
    }
    lines
}

#[test]
fn every_command_line_in_the_readme_and_docs_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    let mut seen = 0;
    for file in &files {
        for line in invocations(file) {
            seen += 1;
            if let Err(e) = upright::cli::parse_from(line.split_whitespace()) {
                panic!("{}: `{line}` does not parse:\n{e}", file.display());
            }
        }
    }
    // The README alone shows more than twenty; a fence the reader misses must not pass.
    assert!(seen >= 20, "only {seen} command lines found");
}

#[test]
fn the_profile_before_a_command_reaches_it() {
    let parsed = upright::cli::parse_from(["upright", "--profile", "bob", "history"]).unwrap();
    assert_eq!(parsed.options.profile.as_deref(), Some("bob"));
    assert!(matches!(
        parsed.command,
        Some(upright::cli::Command::History { .. })
    ));
}

fn upright(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn an_option_that_does_not_apply_is_an_error_that_says_so() {
    let o = upright(&["--seed", "7", "library"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("`--seed` does not apply to `upright library`"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = upright(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&o.stdout);
        for word in ["upright", "history", "data-dir", "completions"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let o = upright(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
}

/// In bash itself: `upright run --<Tab>` offers run's options and not the home screen's
/// `--programs`.
#[test]
fn bash_completes_only_the_options_of_the_command() {
    let script = format!(
        "source <({} completions bash) || exit 3
         COMP_WORDS=(upright run --); COMP_CWORD=2; _upright upright -- run
         echo \"${{COMPREPLY[@]}}\"",
        env!("CARGO_BIN_EXE_upright")
    );
    let Ok(o) = Command::new("bash").args(["-c", &script]).output() else {
        eprintln!("NOTE: no bash here, so the bash completion test did NOT run");
        return;
    };
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let offered = String::from_utf8_lossy(&o.stdout);
    let words: Vec<&str> = offered.split_whitespace().collect();
    for option in ["--session", "--seed", "--quiet", "--profile", "--data-dir"] {
        assert!(words.contains(&option), "{offered}");
    }
    assert!(!words.contains(&"--programs"), "{offered}");
}

#[test]
fn the_manual_pages_cover_every_command() {
    let o = upright(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = String::from_utf8_lossy(&o.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH upright 1"),
        "{page}"
    );
    assert!(page.contains("does not diagnose"));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let o = upright(&["man", "--dir", &out.display().to_string()]);
    assert_eq!(o.status.code(), Some(0));
    for command in [
        "run", "class", "check", "history", "library", "explain", "author", "new", "show",
    ] {
        let page = std::fs::read_to_string(out.join(format!("upright-{command}.1")))
            .unwrap_or_else(|e| panic!("upright-{command}.1: {e}"));
        assert!(page.contains(&format!(".TH upright-{command} 1")), "{page}");
    }
    let run = std::fs::read_to_string(out.join("upright-run.1")).unwrap();
    assert!(run.contains("seed") && !run.contains("programs"), "{run}");

    // A folder that cannot be made is a clear error, not a panic.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "").unwrap();
    let o = upright(&["man", "--dir", &blocked.join("x").display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write the manual pages"));
}
