//! The journal at start-up and beyond, with ten years of daily sessions (about 120,000 events,
//! 25 MB) and with a hundred years (1.2 million events, 250 MB): the coach's start-up work
//! (the lock, the snapshot, the journal's tail of one session, the append handle and today's
//! levels) against the targets of under 5 ms and under 2 MB of memory however long the
//! journal; the first start of a program new to the snapshot (a new file, which owns none of
//! the journal's sessions and starts from the snapshot's reference replay; and an edited one,
//! which owns them and is replayed from the start, once); the rebuild of the snapshot by streaming the whole journal (which must hold no
//! more memory for a hundred years than for ten); the replay in memory; and the history
//! screen's figures streamed from the journal.
//!
//! Peak memory is measured with a counting global allocator (every byte allocated and freed
//! through it), printed before divan's timings.

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::Ordering;

use divan::{Bencher, black_box};
use upright::common::calendar::Calendar;
use upright::program::Library;
use upright::program::sources::discover;
use upright::records::history::{Available, History};
use upright::records::journal::{self, Bounds, Journal};
use upright::records::replay::{Rules, replay};
use upright::records::snapshot;
use upright::training::runnable::Runnable;

#[path = "support/counting.rs"]
#[allow(dead_code)]
mod counting;
use counting::{CURRENT, PEAK, mb};

#[path = "support/ten_years.rs"]
#[allow(dead_code)]
mod ten_years;
use ten_years::{DAILY, DAYS, SOURCE, START, each_record, named, program, ten_years};

/// A journal of `days` days in its own data folder: the file, and a snapshot covering all
/// but its last day (as after a session that stopped without an end, the worst usual start).
struct Fixture {
    dir: tempfile::TempDir,
    events: usize,
    bytes: u64,
    /// When the last day ended (the time start-up runs at).
    now: u64,
}

impl Fixture {
    fn new(days: u64) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(Journal::FILE_NAME);
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let mut events = 0;
        let last_day = (START + (days - 1) * 86_400) * 1000;
        let mut tail = Vec::new();
        each_record(days, |r| {
            events += 1;
            if r.run >= last_day {
                tail.push(r);
            } else {
                serde_json::to_writer(&mut file, &r).unwrap();
                file.write_all(b"\n").unwrap();
            }
        });
        file.flush().unwrap();
        drop(file);
        let now = START + days * 86_400;
        let f = Fixture {
            dir,
            events,
            bytes: 0,
            now,
        };
        let programs = Programs::all();
        let opened = snapshot::open(f.data(), &programs.named(), Bounds::at(now)).unwrap();
        snapshot::save(f.data(), &opened.snapshot).unwrap();
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        for r in tail {
            serde_json::to_writer(&mut file, &r).unwrap();
            file.write_all(b"\n").unwrap();
        }
        let bytes = std::fs::metadata(&path).unwrap().len();
        Fixture { bytes, ..f }
    }

    fn data(&self) -> &Path {
        self.dir.path()
    }

    /// A copy of the journal without its snapshot, to rebuild it.
    fn without_snapshot(&self) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            self.data().join(Journal::FILE_NAME),
            dir.path().join(Journal::FILE_NAME),
        )
        .unwrap();
        dir
    }
}

fn ten() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| Fixture::new(DAYS))
}

fn hundred() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| Fixture::new(DAYS * 10))
}

/// Every bundled program, with its rules, as the coach has them.
struct Programs {
    labels: Vec<String>,
    rules: Vec<Rules>,
}

impl Programs {
    fn all() -> Programs {
        let entries = discover(&[]);
        let mut labels = Vec::new();
        let mut rules = Vec::new();
        for e in entries {
            if let Some(p) = e.checked.safe_program() {
                let label = e.origin.label();
                rules.push(Rules::new(&Runnable::new(p.clone()), &label));
                labels.push(label);
            }
        }
        Programs { labels, rules }
    }

    /// Every bundled program with one the snapshot does not hold first: `new` a program file
    /// never run (Daily Balance and Posture under another title and file), or else Home
    /// Foundations edited (its sessions in the journal are its own).
    fn with_one_more(new: bool) -> Programs {
        let mut all = Programs::all();
        if new {
            let mut p = named(DAILY);
            p.title = "A countdown new to the journal".into();
            all.rules
                .insert(0, Rules::new(&Runnable::new(p), "new.ron"));
            all.labels.insert(0, "new.ron".into());
        } else {
            let mut p = program();
            let i = all
                .rules
                .iter()
                .position(|r| r.owns(SOURCE, &p.title))
                .expect("Home Foundations is bundled");
            p.advance_after += 1;
            let edited = Rules::new(&Runnable::new(p), &all.labels[i]);
            all.rules.remove(i);
            all.rules.insert(0, edited);
            let label = all.labels.remove(i);
            all.labels.insert(0, label);
        }
        all
    }

    fn named(&self) -> Vec<snapshot::Known<'_>> {
        self.labels
            .iter()
            .zip(self.rules.iter())
            .map(|(l, r)| snapshot::Known::new(l, r))
            .collect()
    }
}

/// The coach's start-up work on the journal in `dir` at `now`: the lock, the snapshot and the
/// tail, the append handle, and today's levels of the first program.
fn start_up(dir: &Path, programs: &Programs, now: u64) -> usize {
    let lock = journal::acquire(dir, None, now).unwrap();
    let named = programs.named();
    let opened = snapshot::open(dir, &named, Bounds::at(now)).unwrap();
    let (journal, _) = Journal::open(dir);
    let levels = opened
        .snapshot
        .progress(&named[0])
        .map(|p| p.levels().len())
        .unwrap_or(0);
    drop((lock, journal));
    levels + opened.snapshot.recent.records().len()
}

/// Peak heap growth while `f` runs, in bytes.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

fn main() {
    Library::bundled();
    let programs = Programs::all();
    // REPLAY_KEEP=DIR keeps both data folders (journal and snapshot) in DIR, to time the
    // home screen's first frame on them (see the README's figures).
    if let Some(keep) = std::env::var_os("REPLAY_KEEP") {
        for (name, f) in [("ten-years", ten()), ("a-hundred-years", hundred())] {
            let to = Path::new(&keep).join(name);
            std::fs::create_dir_all(&to).unwrap();
            for file in [Journal::FILE_NAME, snapshot::FILE_NAME] {
                std::fs::copy(f.data().join(file), to.join(file)).unwrap();
            }
        }
    }
    for (name, f) in [("ten years", ten()), ("a hundred years", hundred())] {
        let ((), start_peak) = peak_of(|| {
            black_box(start_up(f.data(), &programs, f.now));
        });
        for (what, more) in [
            ("a new program file", Programs::with_one_more(true)),
            ("an edited program", Programs::with_one_more(false)),
        ] {
            let t = std::time::Instant::now();
            let (read_from, peak) = peak_of(|| {
                snapshot::open(f.data(), &more.named(), Bounds::at(f.now))
                    .unwrap()
                    .read_from
            });
            eprintln!(
                "journal of {name}: the first start of {what} read the journal from byte \
                 {read_from} of {} in {:.1} ms and peaked at {:.2} MB",
                f.bytes,
                t.elapsed().as_secs_f64() * 1000.0,
                mb(peak),
            );
        }
        let copy = f.without_snapshot();
        let t = std::time::Instant::now();
        let ((), rebuild_peak) = peak_of(|| {
            let o = snapshot::open(copy.path(), &programs.named(), Bounds::at(f.now)).unwrap();
            black_box(o.snapshot.covers());
        });
        let rebuild = t.elapsed();
        eprintln!(
            "journal of {name}: {} events, {:.0} MB; start-up (lock, snapshot, one-session tail, \
             append handle, levels) peaks at {:.2} MB of heap; rebuilding the snapshot by \
             streaming the whole journal took {:.1} s and peaked at {:.2} MB",
            f.events,
            mb(f.bytes as usize),
            mb(start_peak),
            rebuild.as_secs_f64(),
            mb(rebuild_peak),
        );
    }

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

#[divan::bench(sample_count = 50)]
fn start_up_ten_years(bencher: Bencher) {
    let programs = Programs::all();
    let f = ten();
    bencher.bench(|| black_box(start_up(f.data(), &programs, f.now)));
}

#[divan::bench(sample_count = 50)]
fn start_up_a_hundred_years(bencher: Bencher) {
    let programs = Programs::all();
    let f = hundred();
    bencher.bench(|| black_box(start_up(f.data(), &programs, f.now)));
}

/// The first start of a program file never run, with ten years of journal behind it: the
/// countdown an outside measurement starts after years of another program's journal.
#[divan::bench(sample_count = 50)]
fn start_up_new_program_ten_years(bencher: Bencher) {
    let programs = Programs::with_one_more(true);
    let f = ten();
    bencher.bench(|| black_box(start_up(f.data(), &programs, f.now)));
}

#[divan::bench(sample_count = 50)]
fn start_up_new_program_a_hundred_years(bencher: Bencher) {
    let programs = Programs::with_one_more(true);
    let f = hundred();
    bencher.bench(|| black_box(start_up(f.data(), &programs, f.now)));
}

/// The first start of an edited program (it owns the journal's sessions: replayed from the
/// start, once; what every new program cost before the reference replay).
#[divan::bench(sample_count = 5)]
fn first_start_of_an_edited_program_ten_years(bencher: Bencher) {
    let programs = Programs::with_one_more(false);
    let f = ten();
    bencher.bench(|| black_box(start_up(f.data(), &programs, f.now)));
}

#[divan::bench(sample_count = 3)]
fn rebuild_snapshot_ten_years(bencher: Bencher) {
    let programs = Programs::all();
    let f = ten();
    let copy = f.without_snapshot();
    bencher.bench(|| {
        black_box(
            snapshot::open(copy.path(), &programs.named(), Bounds::at(f.now))
                .unwrap()
                .snapshot
                .covers(),
        )
    });
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
fn history_screen_figures_ten_years_streamed(bencher: Bencher) {
    let p = program();
    let runnable = Runnable::new(p.clone());
    let available = [Available {
        runnable: &runnable,
        source: SOURCE.into(),
    }];
    let f = ten();
    let today = (f.now / 86_400) as i64;
    let path = f.data().join(Journal::FILE_NAME);
    bencher.bench(|| {
        let reader = journal::Reader::open(&path, 0, Bounds::at(f.now))
            .unwrap()
            .unwrap();
        let records = reader.map_while(Result::ok).map(|(_, r)| r);
        black_box(History::build(records, &available, today, &Calendar::utc()))
    });
}
