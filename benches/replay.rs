//! The journal at start-up and beyond, with ten years of daily sessions (about 120,000 events,
//! 25 MB) and with a hundred years (1.2 million events, 250 MB): the coach's start-up work
//! (the lock, the snapshot, the journal's tail of one session, the append handle and today's
//! levels) against the targets of under 5 ms and under 2 MB of memory however long the
//! journal; the rebuild of the snapshot by streaming the whole journal (which must hold no
//! more memory for a hundred years than for ten); the replay in memory; and the history
//! screen's figures streamed from the journal.
//!
//! Peak memory is measured with a counting global allocator (every byte allocated and freed
//! through it), printed before divan's timings.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use divan::{Bencher, black_box};
use upright::common::calendar::{Calendar, stamp};
use upright::program::bundled;
use upright::program::sources::discover;
use upright::program::{Library, Program};
use upright::records::history::{Available, History};
use upright::records::journal::{self, Bounds, Event, Feeling, Journal, NextDay, Outcome, Record};
use upright::records::replay::{Rules, replay};
use upright::records::snapshot;
use upright::training::plan::{Side, plan};
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

/// The program whose levels are replayed.
const SOURCE: &str = "home-foundations";
/// The one done on the other days.
const DAILY: &str = "daily-balance-posture";
const DAYS: u64 = 3650;
/// 2017-01-01 09:00 UTC, the first day.
const START: u64 = 1_483_261_200;

fn program() -> Program {
    named(SOURCE)
}

fn named(name: &str) -> Program {
    bundled::find(name)
        .unwrap()
        .check()
        .program
        .expect("the bundled program loads")
}

/// Ten years of daily sessions: the bundled Home Foundations on Mondays, Wednesdays and
/// Fridays (sessions A and B in turn) and Daily Balance and Posture on the other days, with
/// every set, a check-in per exercise (now and then soreness or sharp pain), a next-day
/// answer every week, and a red flag and clearance twice a year. Levels climb one rung every
/// three weeks, so logged doses match the ladders as the coach would write them.
fn ten_years() -> Vec<Record> {
    let mut records = Vec::new();
    each_record(DAYS, |r| records.push(r));
    records
}

/// Every record of `days` days of sessions from 2017-01-01 on, one at a time.
fn each_record(days: u64, mut out: impl FnMut(Record)) {
    let programs = [named(SOURCE), named(DAILY)];
    let runnables: Vec<Runnable> = programs.iter().cloned().map(Runnable::new).collect();
    let rules: Vec<Rules> = runnables
        .iter()
        .zip([SOURCE, DAILY])
        .map(|(r, s)| Rules::new(r, s))
        .collect();
    for day in 0..days {
        let at = stamp(START + day * 86_400);
        let run = (START + day * 86_400) * 1000;
        let mut push = |event| {
            out(Record {
                at: at.clone(),
                run,
                event,
            })
        };
        if day % 7 == 1 {
            push(Event::FollowUp {
                about: run - 86_400_000,
                answer: if day % 28 == 1 {
                    NextDay::StillSore
                } else {
                    NextDay::Settled
                },
            });
        }
        if day % 182 == 100 {
            push(Event::Clearance);
        }
        // 2017-01-01 was a Sunday.
        let which = usize::from(!matches!(day % 7, 1 | 3 | 5));
        let (p, runnable, rules) = (&programs[which], &runnables[which], &rules[which]);
        let session = &p.sessions[(day / 2) as usize % p.sessions.len()].name;
        let levels = rules_levels(p, rules, day);
        let plan = plan(runnable, Some(session), &levels, day).unwrap();
        push(Event::SessionStart {
            program: plan.program.clone(),
            source: [SOURCE, DAILY][which].into(),
            session: plan.session.clone(),
            seed: day,
            items: plan.exercises.iter().map(|e| e.key.0.clone()).collect(),
            class: false,
        });
        for (i, e) in plan.exercises.iter().enumerate() {
            for set in 1..=e.dose.sets() {
                let sides = if e.dose.per_side() {
                    vec![Some(Side::Left), Some(Side::Right)]
                } else {
                    vec![None]
                };
                for side in sides {
                    push(Event::SetDone {
                        item: e.key.0.clone(),
                        exercise: e.exercise.id.clone(),
                        set,
                        side,
                        level: e.level,
                        dose: e.dose,
                    });
                }
            }
            let feeling = match (day + i as u64) % 41 {
                0 => Feeling::Sharp,
                1..=4 => Feeling::Sore,
                5..=15 => Feeling::MildAche,
                _ => Feeling::Fine,
            };
            push(Event::CheckIn {
                item: e.key.0.clone(),
                exercise: e.exercise.id.clone(),
                feeling,
                effort: Some(4 + (day % 4) as u8),
            });
        }
        if day % 182 == 99 {
            push(Event::RedFlag {
                symptoms: vec!["Dizziness, fainting or palpitations".into()],
            });
        }
        push(Event::SessionEnd {
            outcome: if day % 182 == 99 {
                Outcome::RedFlag
            } else {
                Outcome::Completed
            },
        });
    }
}

/// A level a few weeks' clean sessions would reach by `day`, clamped to each ladder.
fn rules_levels(
    p: &Program,
    rules: &Rules,
    day: u64,
) -> std::collections::HashMap<upright::training::plan::ItemKey, u32> {
    let mut levels = std::collections::HashMap::new();
    for s in &p.sessions {
        for b in &s.blocks {
            for item in &b.items {
                let key = upright::training::plan::ItemKey::new(&s.name, &b.name, &item.exercise);
                let top = rules.ladder(&key.0).map_or(0, |l| l.len() as u32 - 1);
                levels.insert(key, ((day / 21) as u32).min(top));
            }
        }
    }
    levels
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

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
