//! `upright report` on the ten-year bench journal (about 100,000 events, with an assessment
//! session every ten weeks added): reading the journal from disk, gathering the figures and
//! writing the HTML page with its charts, for the whole ten years and for the default twelve
//! weeks. Target: under 1 s for the whole ten years.

use divan::{Bencher, black_box};
use upright::assess::{Measure, Sex};
use upright::common::calendar::{Calendar, stamp};
use upright::output::report::{document, html};
use upright::records::history::Available;
use upright::records::journal::{Event, Record};
use upright::records::report::Builder;
use upright::training::runnable::Runnable;

#[path = "support/ten_years.rs"]
#[allow(dead_code)]
mod ten_years;
use ten_years::{DAILY, DAYS, SOURCE, named, ten_years};

const START_DAY: i64 = 1_483_261_200 / 86_400; // 2017-01-01

/// The ten-year journal with age and sex at the start and five tests every ten weeks, in
/// time order, written to `dir`.
fn journal(dir: &std::path::Path) -> std::path::PathBuf {
    let mut records = ten_years();
    let mut extra = vec![Record {
        at: stamp(START_DAY as u64 * 86_400 + 3600),
        run: 1,
        event: Event::AboutYou {
            age: Some(64),
            sex: Some(Sex::Female),
        },
    }];
    for (i, day) in (START_DAY..START_DAY + DAYS as i64).step_by(70).enumerate() {
        let i = i as u32;
        for m in [
            Measure::ChairStand {
                stands: 9 + i % 6,
                arms: false,
            },
            Measure::TimedUpAndGo {
                secs: 8.0 + f64::from(i % 7) * 0.6,
                aid: false,
            },
            Measure::FourStageBalance {
                held: vec![10.0, 10.0, f64::from(4 + i % 8)],
            },
            Measure::SingleLegStance {
                left: Some(f64::from(3 + i % 9)),
                right: Some(f64::from(5 + i % 7)),
            },
            Measure::OcciputToWall {
                cm: 3.0 + f64::from(i % 5) * 0.5,
            },
        ] {
            extra.push(Record {
                at: stamp(day as u64 * 86_400 + 8 * 3600),
                run: day as u64 * 86_400_000,
                event: Event::Assessment {
                    measure: m,
                    stopped: None,
                },
            });
        }
    }
    records.extend(extra);
    records.sort_by(|a, b| a.at.cmp(&b.at));
    let mut text = Vec::new();
    for r in &records {
        serde_json::to_writer(&mut text, r).unwrap();
        text.push(b'\n');
    }
    let path = dir.join("journal.jsonl");
    std::fs::write(&path, &text).unwrap();
    path
}

/// What `upright report` does: read, gather, lay out, write HTML.
fn report(path: &std::path::Path, since: i64, until: i64, available: &[Available]) -> String {
    let loaded =
        upright::records::journal::inspect(path, upright::records::journal::Bounds::any_date())
            .unwrap();
    let mut b = Builder::new(since, until, available, &Calendar::utc());
    for r in &loaded.records {
        b.feed(r);
    }
    html(&document(&b.finish(), "bench", until))
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal(dir.path());
    let programs = programs();
    let available = available(&programs);
    let until = START_DAY + DAYS as i64 - 1;
    let all = report(&path, START_DAY, until, &available);
    let recent = report(&path, until - 83, until, &available);
    eprintln!(
        "report: journal {:.1} MB; the ten-year page is {:.1} MB with {} charts; the twelve-week page {:.2} MB with {} charts",
        std::fs::metadata(&path).unwrap().len() as f64 / 1e6,
        all.len() as f64 / 1e6,
        all.matches("<svg ").count(),
        recent.len() as f64 / 1e6,
        recent.matches("<svg ").count(),
    );
    divan::main();
}

/// The two programs of the journal.
fn programs() -> [Runnable; 2] {
    [Runnable::new(named(SOURCE)), Runnable::new(named(DAILY))]
}

fn available(programs: &[Runnable; 2]) -> [Available<'_>; 2] {
    [
        Available {
            runnable: &programs[0],
            source: SOURCE.into(),
        },
        Available {
            runnable: &programs[1],
            source: DAILY.into(),
        },
    ]
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = journal(dir.path());
    (dir, path)
}

#[divan::bench(sample_count = 10)]
fn report_ten_years_html(bencher: Bencher) {
    let (_dir, path) = setup();
    let programs = programs();
    let available = available(&programs);
    let until = START_DAY + DAYS as i64 - 1;
    bencher.bench(|| black_box(report(&path, START_DAY, until, &available)));
}

#[divan::bench(sample_count = 10)]
fn report_last_twelve_weeks_of_ten_years_html(bencher: Bencher) {
    let (_dir, path) = setup();
    let programs = programs();
    let available = available(&programs);
    let until = START_DAY + DAYS as i64 - 1;
    bencher.bench(|| black_box(report(&path, until - 83, until, &available)));
}
