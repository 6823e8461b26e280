//! Loading and checking programs: every bundled program, and 1,000 generated program files
//! read from disk (targets: bundled under 5 ms, 1,000 files under 1 s on one core); and the
//! bundled library itself, cold, as at start-up: its movement lexicon compiled from the texts
//! against read from the lexicon compiled ahead of time (`assets/lexicon.bin`), with the heap
//! each uses (a counting global allocator), printed before divan's timings.

use divan::{Bencher, black_box};
use upright::cli::check::check_file;
use upright::program::bundled;
use upright::program::library::{bundled_exercises, movements};
use upright::program::{Library, check_source};

#[path = "support/counting.rs"]
mod counting;
use counting::{heap, mb};

fn main() {
    for (how, load) in [
        ("compiled from the texts", from_texts as fn() -> Library),
        ("read from lexicon.bin", Library::load_bundled),
    ] {
        let (library, peak, held) = heap(load);
        println!(
            "bundled library, cold, its lexicon {how}: heap peak {:.2} MB, held {:.2} MB \
             ({} phrases)",
            mb(peak),
            mb(held),
            library.lexicon().len()
        );
    }
    let (_, peak, held) = heap(bundled_exercises);
    println!(
        "of which the exercises alone: heap peak {:.2} MB, held {:.2} MB",
        mb(peak),
        mb(held)
    );
    // Build the library once, outside every measurement.
    Library::bundled();
    divan::main();
}

fn from_texts() -> Library {
    Library::new(bundled_exercises(), movements())
}

/// The bundled library as start-up makes it, before the first frame.
#[divan::bench_group(sample_count = 30)]
mod bundled_library_cold {
    use super::*;

    #[divan::bench]
    fn lexicon_compiled_from_the_texts() -> Library {
        from_texts()
    }

    #[divan::bench]
    fn lexicon_read_from_lexicon_bin() -> Library {
        Library::load_bundled()
    }

    /// Part of both: the exercises read from their RON text.
    #[divan::bench]
    fn exercises_alone() -> Vec<upright::program::Exercise> {
        bundled_exercises()
    }
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
