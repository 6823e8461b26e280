//! Any bytes as a journal file: reading it (torn lines, unknown events) and replaying it into
//! progress levels never panics.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use upright::program::bundled;
use upright::program::{Catalog, Library};
use upright::records::journal;
use upright::records::replay::{Rules, replay};

/// The rules of one bundled program, built once (they do not depend on the input).
fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let b = bundled::find("home-foundations").unwrap();
        let program = b.check().program.unwrap();
        Rules::new(
            &program,
            &Catalog::new(Library::bundled(), &program.exercises),
            b.name,
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("upright-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("journal.jsonl");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let Ok(loaded) = journal::inspect(&path, journal::Bounds::any_date()) else {
        return;
    };
    let _ = replay(rules(), &loaded.records).levels();
});
