//! Any bytes as a journal file: reading it (torn lines, unknown events) and replaying it into
//! progress levels never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upright::bundled;
use upright::journal;
use upright::program::{Catalog, Library};
use upright::replay::{Rules, replay};

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("upright-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("journal.jsonl");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let Ok(loaded) = journal::inspect(&path) else {
        return;
    };
    let b = bundled::find("home-foundations").unwrap();
    let program = b.check().program.unwrap();
    let rules = Rules::new(&program, &Catalog::new(Library::bundled(), &program.exercises), b.name);
    let progress = replay(&rules, &loaded.records);
    let _ = progress.levels();
});
