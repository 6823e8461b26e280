//! Loading and checking programs: every bundled program, and 1,000 generated program files
//! read from disk (targets: bundled under 5 ms, 1,000 files under 1 s on one core).

use divan::{Bencher, black_box};
use upright::cli::check::check_file;
use upright::program::bundled;
use upright::program::{Library, check_source};

fn main() {
    // Build the library once, outside every measurement.
    Library::bundled();
    divan::main();
}

#[divan::bench]
fn all_bundled_programs() {
    for b in bundled::programs() {
        black_box(b.check());
    }
}

/// 1,000 distinct program files: the bundled programs with varied titles and doses.
fn generated(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    (0..1000)
        .map(|i| {
            let b = &bundled::programs()[i % bundled::programs().len()];
            let text = b
                .text
                .replacen("title: \"", &format!("title: \"{i} "), 1)
                .replace("reps: 8", &format!("reps: {}", 6 + i % 6));
            let path = dir.join(format!("p{i:04}.ron"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

#[divan::bench(sample_count = 10)]
fn thousand_files_from_disk(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let files = generated(dir.path());
    let library = Library::bundled();
    bencher.bench(|| {
        for f in &files {
            black_box(check_file(f, library).unwrap());
        }
    });
}

#[divan::bench(sample_count = 10)]
fn thousand_texts_in_memory(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let texts: Vec<Vec<u8>> = generated(dir.path())
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let library = Library::bundled();
    bencher.bench(|| {
        for t in &texts {
            black_box(check_source(t, library));
        }
    });
}
