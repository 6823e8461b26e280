//! Replaying ten years of daily sessions (about 100,000 journal events) into progress levels,
//! in memory and from disk, and building the history screen's figures from them. Targets:
//! under 100 ms and under 50 MB for the replay.
//!
//! Peak memory is measured with a counting global allocator (every byte allocated and freed
//! through it), printed before divan's timings.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use divan::{Bencher, black_box};
use upright::common::calendar::Calendar;
use upright::program::Library;
use upright::records::history::{Available, History};
use upright::records::replay::{Rules, replay};
use upright::training::runnable::Runnable;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = CURRENT.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed straight to the system allocator; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                grew(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

#[path = "support/ten_years.rs"]
#[allow(dead_code)]
mod ten_years;
use ten_years::{DAYS, SOURCE, program, ten_years};

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    Library::bundled();
    let p = program();
    let runnable = Runnable::new(p.clone());
    let rules = Rules::new(&runnable, SOURCE);

    let before = CURRENT.load(Ordering::Relaxed);
    let records = ten_years();
    let held = CURRENT.load(Ordering::Relaxed) - before;

    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
    let base = CURRENT.load(Ordering::Relaxed);
    black_box(replay(&rules, &records).levels());
    let replay_peak = PEAK.load(Ordering::Relaxed) - base;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut text = Vec::new();
    for r in &records {
        serde_json::to_writer(&mut text, r).unwrap();
        text.push(b'\n');
    }
    std::fs::write(&path, &text).unwrap();
    let file_bytes = text.len();
    drop(text);
    let n = records.len();
    drop(records);

    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
    let base = CURRENT.load(Ordering::Relaxed);
    let read = upright::records::journal::read(&path).unwrap();
    black_box(replay(&rules, &read).levels());
    let disk_peak = PEAK.load(Ordering::Relaxed) - base;
    drop(read);

    eprintln!(
        "replay memory: {n} events ({:.1} MB journal file); records in memory {:.1} MB; \
         replay itself peaks at {:.2} MB more; reading the file and replaying peaks at {:.1} MB",
        mb(file_bytes),
        mb(held),
        mb(replay_peak),
        mb(disk_peak),
    );
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn replay_ten_years_in_memory(bencher: Bencher) {
    let p = program();
    let runnable = Runnable::new(p.clone());
    let rules = Rules::new(&runnable, SOURCE);
    let records = ten_years();
    bencher.bench(|| black_box(replay(&rules, &records).levels()));
}

#[divan::bench(sample_count = 10)]
fn read_and_replay_ten_years_from_disk(bencher: Bencher) {
    let p = program();
    let runnable = Runnable::new(p.clone());
    let rules = Rules::new(&runnable, SOURCE);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut text = Vec::new();
    for r in ten_years() {
        serde_json::to_writer(&mut text, &r).unwrap();
        text.push(b'\n');
    }
    std::fs::write(&path, &text).unwrap();
    bencher.bench(|| {
        let records = upright::records::journal::read(&path).unwrap();
        black_box(replay(&rules, &records).levels())
    });
}

#[divan::bench(sample_count = 10)]
fn history_screen_figures_ten_years(bencher: Bencher) {
    let p = program();
    let records = ten_years();
    let runnable = Runnable::new(p.clone());
    let available = [Available {
        runnable: &runnable,
        source: SOURCE.into(),
    }];
    let today = (1_483_261_200 + DAYS * 86_400) as i64 / 86_400;
    bencher.bench(|| {
        black_box(History::build(
            &records,
            &available,
            today,
            &Calendar::utc(),
        ))
    });
}
