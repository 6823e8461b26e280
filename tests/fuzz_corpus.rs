//! Replays the fuzzers' kept inputs (`fuzz/seeds/`, minimised from `cargo fuzz` runs) through
//! the program loader and the journal reader on every `cargo test`, so what fuzzing found
//! interesting stays covered where fuzzing cannot run.

use std::path::Path;

use upright::program::bundled;
use upright::program::{Library, check_source};
use upright::records::journal;
use upright::records::replay::{Rules, replay};
use upright::training::runnable::Runnable;

fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

#[test]
fn loader_seeds_never_panic_and_point_inside_the_file() {
    let seeds = seeds("loader");
    assert!(seeds.len() >= 20, "the loader corpus is missing");
    for (name, bytes) in seeds {
        let checked = check_source(&bytes, Library::bundled());
        let lines = bytes.split(|&b| b == b'\n' || b == b'\r').count().max(1);
        for d in &checked.diagnostics {
            assert!(d.line >= 1 && d.line <= lines + 1, "{name}: {d:?}");
            assert!(d.column >= 1, "{name}: {d:?}");
        }
    }
}

#[test]
fn journal_seeds_never_panic_when_read_and_replayed() {
    let seeds = seeds("journal");
    assert!(seeds.len() >= 5, "the journal corpus is missing");
    let b = bundled::find("home-foundations").unwrap();
    let program = b.check().program.unwrap();
    let rules = Rules::new(&Runnable::new(program.clone()), b.name);
    let dir = tempfile::tempdir().unwrap();
    for (i, (_, bytes)) in seeds.into_iter().enumerate() {
        let path = dir.path().join(format!("{i}.jsonl"));
        std::fs::write(&path, &bytes).unwrap();
        let loaded = journal::inspect(&path, journal::Bounds::any_date()).unwrap();
        let _ = replay(&rules, &loaded.records).levels();
    }
}
