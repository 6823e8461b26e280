//! Any bytes through the program loader and checker: never a panic, and every diagnostic
//! points inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upright::program::{Library, check_source};

fuzz_target!(|data: &[u8]| {
    let checked = check_source(data, Library::bundled());
    let lines = data.split(|&b| b == b'\n' || b == b'\r').count().max(1);
    for d in &checked.diagnostics {
        assert!(d.line >= 1 && d.line <= lines + 1, "{d:?}");
        assert!(d.column >= 1);
    }
});
