//! `upright report` and `upright review` as the binary runs them, on journals written here the
//! way the coach writes them. The HTML is parsed by a real HTML5 parser (scraper): every
//! chart must be a figure with a titled, described SVG and a table of its figures, and the page
//! must hold no script and nothing from outside. When Chromium is installed, the page is also
//! opened in headless Chromium and must render to a screenshot.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

use scraper::{Html, Selector};
use upright::assess::{Measure, Sex, Stopped};
use upright::common::calendar::{parse_date, stamp};
use upright::program::bundled;
use upright::records::journal::{Event, Feeling, NextDay, Outcome, Record, SkipReason};
use upright::training::checkin::Answer;
use upright::training::plan::{ItemKey, Side, plan};
use upright::training::runnable::Runnable;

const SINCE: &str = "2026-09-01";
const UNTIL: &str = "2026-11-22";

fn day(date: &str) -> i64 {
    parse_date(date).unwrap()
}

/// Twelve weeks of Home Foundations three times a week (twice in week 9, then none), every set
/// and check-in, levels climbing every two weeks; sharp pain once, a red flag cleared a week
/// later, day-after answers, skips, and two assessment sessions with age and sex.
pub fn sample_journal() -> Vec<Record> {
    let p = bundled::find("home-foundations")
        .unwrap()
        .check()
        .program
        .unwrap();
    let runnable = Runnable::new(p.clone());
    let mut records = Vec::new();
    let start = day(SINCE);
    let mut push = |d: i64, run: u64, secs: u64, event| {
        records.push(Record {
            at: stamp(d as u64 * 86_400 + 9 * 3600 + secs),
            run,
            event,
        })
    };
    push(
        start - 14,
        1,
        0,
        Event::AboutYou {
            age: Some(71),
            sex: Some(Sex::Female),
        },
    );
    let assess = |push: &mut dyn FnMut(i64, u64, u64, Event),
                  d: i64,
                  stands,
                  tug,
                  tandem,
                  legs: (f64, f64)| {
        let run = d as u64 * 86_400_000;
        for (i, m) in [
            Measure::ChairStand {
                stands,
                arms: false,
            },
            Measure::TimedUpAndGo {
                secs: tug,
                aid: false,
            },
            Measure::FourStageBalance {
                held: vec![10.0, 10.0, tandem],
            },
            Measure::SingleLegStance {
                left: Some(legs.0),
                right: Some(legs.1),
            },
            Measure::OcciputToWall { cm: 4.0 },
        ]
        .into_iter()
        .enumerate()
        {
            push(
                d,
                run,
                i as u64 * 60,
                Event::Assessment {
                    measure: m,
                    stopped: None,
                },
            );
        }
    };
    assess(&mut push, start - 14, 9, 12.4, 6.0, (4.0, 6.5));
    assess(&mut push, start + 70, 12, 10.1, 10.0, (7.5, 9.0));
    push(
        start + 70,
        start as u64 * 86_400_000 + 70 * 86_400_000,
        600,
        Event::Assessment {
            measure: Measure::TwoMinuteStep { steps: 60 },
            stopped: Some(Stopped::Dizziness),
        },
    );
    let mut n = 0u64;
    for d in start..=day(UNTIL) {
        let weekday = (d + 3).rem_euclid(7); // 0 = Monday
        let week = (d - start) / 7;
        let on = match week {
            0..=7 => matches!(weekday, 0 | 2 | 4),
            8 => matches!(weekday, 0 | 3),
            _ => false,
        };
        if !on {
            continue;
        }
        n += 1;
        let run = d as u64 * 86_400_000 + 9 * 3_600_000;
        if n > 1 {
            let answer = match n % 9 {
                0 => NextDay::StillSore,
                5 => NextDay::Worse,
                _ => NextDay::Settled,
            };
            push(
                d,
                run,
                0,
                Event::FollowUp {
                    about: run - 2 * 86_400_000,
                    answer,
                },
            );
        }
        if d == start + 29 {
            push(d, run, 1, Event::Clearance);
        }
        let session = &p.sessions[(n as usize + 1) % 2].name;
        let mut levels = HashMap::new();
        for s in &p.sessions {
            for b in &s.blocks {
                for item in &b.items {
                    levels.insert(
                        ItemKey::new(&s.name, &b.name, &item.exercise),
                        (week / 2) as u32,
                    );
                }
            }
        }
        let plan = plan(&runnable, Some(session), &levels, n).unwrap();
        push(
            d,
            run,
            2,
            Event::SessionStart {
                program: p.title.clone(),
                source: "home-foundations".into(),
                session: session.clone(),
                seed: n,
                items: plan.exercises.iter().map(|e| e.key.0.clone()).collect(),
                class: false,
            },
        );
        let mut secs = 10;
        for (i, e) in plan.exercises.iter().enumerate() {
            if d == start + 13 && i == 2 {
                push(
                    d,
                    run,
                    secs,
                    Event::Skipped {
                        item: e.key.0.clone(),
                        exercise: e.exercise.id.clone(),
                        sets: (1..=e.dose.sets()).collect(),
                        reason: SkipReason::Skipped,
                    },
                );
                continue;
            }
            for set in 1..=e.dose.sets() {
                let sides = if e.dose.per_side() {
                    vec![Some(Side::Left), Some(Side::Right)]
                } else {
                    vec![None]
                };
                for side in sides {
                    secs += 40;
                    push(
                        d,
                        run,
                        secs,
                        Event::SetDone {
                            item: e.key.0.clone(),
                            exercise: e.exercise.id.clone(),
                            set,
                            side,
                            level: e.level,
                            dose: e.dose,
                        },
                    );
                }
            }
            let feeling = match (n + i as u64) % 11 {
                _ if d == start + 22 && i == 1 => Feeling::Sharp,
                0 => Feeling::Sore,
                1..=4 => Feeling::MildAche,
                _ => Feeling::Fine,
            };
            push(
                d,
                run,
                secs + 5,
                Event::check_in(
                    e.key.0.clone(),
                    e.exercise.id.clone(),
                    Answer::from_feeling(feeling, Some(3 + ((n + i as u64) % 5) as u8)),
                ),
            );
        }
        if d == start + 22 {
            push(
                d,
                run,
                secs + 10,
                Event::red_flag(vec![
                    "Sudden, severe back pain, especially after a minor strain or fall".into(),
                ]),
            );
            push(
                d,
                run,
                secs + 11,
                Event::SessionEnd {
                    outcome: Outcome::RedFlag,
                },
            );
        } else {
            push(
                d,
                run,
                secs + 10,
                Event::SessionEnd {
                    outcome: Outcome::Completed,
                },
            );
        }
    }
    records.sort_by(|a, b| a.at.cmp(&b.at));
    records
}

pub fn write_journal(path: &Path, records: &[Record]) {
    let mut text = String::new();
    for r in records {
        text.push_str(&serde_json::to_string(r).unwrap());
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

fn upright(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("UPRIGHT_DATA_DIR", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .output()
        .expect("the upright binary runs")
}

fn ok(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

fn report(format: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    write_journal(&dir.path().join("journal.jsonl"), &sample_journal());
    let o = upright(
        &[
            "report", "--since", SINCE, "--until", UNTIL, "--format", format,
        ],
        dir.path(),
    );
    let text = ok(&o);
    (dir, text)
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef) -> String {
    e.text().collect()
}

#[test]
fn the_html_report_has_every_chart_with_its_text_alternative_and_nothing_from_outside() {
    let (_dir, html) = report("html");
    let doc = Html::parse_document(&html);
    assert_eq!(doc.errors, Vec::<std::borrow::Cow<str>>::new());
    for css in [
        "script",
        "link",
        "img",
        "iframe",
        "object",
        "embed",
        "[src]",
        "[href]",
        "foreignObject",
    ] {
        assert!(select(&doc, css).is_empty(), "has {css}");
    }
    for attr in ["onload", "onclick", "onerror", "javascript:"] {
        assert!(!html.contains(attr), "has {attr}");
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no URL at all"
    );
    assert!(!html.contains("@import"));
    for u in html.match_indices("url(") {
        assert!(
            html[u.0..].starts_with("url(#"),
            "only the page's own patterns"
        );
    }
    // The sections, in order.
    let ids: Vec<String> = select(&doc, "section")
        .iter()
        .map(|s| s.value().attr("id").unwrap().to_owned())
        .collect();
    assert_eq!(
        ids,
        [
            "glance",
            "adherence",
            "dose",
            "exercises",
            "pain",
            "assessments"
        ]
    );
    // Every chart: a figure with a caption, an SVG with a title and a description it is
    // labelled by, and a table of its figures with rows.
    let figures = select(&doc, "figure.chart");
    let ids: Vec<&str> = figures
        .iter()
        .map(|f| f.value().attr("id").unwrap())
        .collect();
    for want in [
        "adherence-0",
        "check-ins",
        "effort",
        "trend-chair_stand",
        "trend-timed_up_and_go",
        "trend-four_stage_balance",
        "trend-single_leg_stance",
        "trend-occiput_to_wall",
        "trend-two_minute_step",
    ] {
        assert!(ids.contains(&want), "{want} in {ids:?}");
    }
    assert!(
        ids.iter().filter(|i| i.starts_with("levels-")).count() >= 8,
        "{ids:?}"
    );
    for f in &figures {
        let id = f.value().attr("id").unwrap();
        let inner = Html::parse_fragment(&f.html());
        let svg = select(&inner, "svg");
        assert_eq!(svg.len(), 1, "{id}");
        assert_eq!(svg[0].value().attr("role"), Some("img"));
        assert_eq!(
            svg[0].value().attr("aria-labelledby"),
            Some(format!("{id}-title {id}-desc").as_str())
        );
        let title = select(&inner, &format!("svg title#{id}-title"));
        let desc = select(&inner, &format!("svg desc#{id}-desc"));
        assert!(
            !text(&title[0]).is_empty() && text(&desc[0]).len() > 30,
            "{id}"
        );
        assert!(!text(&select(&inner, "figcaption")[0]).is_empty());
        assert!(!select(&inner, "table caption").is_empty(), "{id}");
        assert!(
            !select(&inner, "table tbody tr").is_empty(),
            "{id} has rows"
        );
        // Black-and-white readable: black, white, one grey, and patterns; no colour.
        let svg_text = svg[0].html();
        for (i, _) in svg_text.match_indices(" fill=\"") {
            let value: String = svg_text[i + 7..]
                .chars()
                .take_while(|c| *c != '"')
                .collect();
            assert!(
                ["#FFFFFF", "#000000", "#BBBBBB", "none"].contains(&value.as_str())
                    || value.starts_with("url(#"),
                "{id}: fill {value}"
            );
        }
    }
    // The figures a clinician reads first.
    let glance = text(&select(&doc, "#glance")[0]);
    assert!(glance.contains("Adherence: Home Foundations"), "{glance}");
    assert!(glance.contains("Red flags1"), "{glance}");
    assert!(glance.contains("Needs attention"));
    assert!(glance.contains("No session for 2 weeks"), "{glance}");
    // Sharp pain and the red flag, with its clearance.
    let pain = text(&select(&doc, "#pain")[0]);
    assert!(pain.contains("Sharp pain: "), "{pain}");
    assert!(pain.contains("Red flag: Sudden, severe back pain"));
    assert!(pain.contains("cleared 2026-09-30"), "{pain}");
    assert!(pain.contains("Skipped work"));
    // Assessments against the norms, with the baseline before the range.
    let a = text(&select(&doc, "#assessments")[0]);
    assert!(a.contains("2026-08-18 (before)"), "{a}");
    assert!(
        a.contains("Below the usual range for your age (women aged 70-74: 10-15 stands)."),
        "{a}"
    );
    assert!(
        a.contains("Within the usual range for your age (women aged 70-74: 10-15 stands)."),
        "{a}"
    );
    assert!(a.contains("stopped: dizziness"));
    assert!(a.contains("CDC STEADI, secondary source)"), "{a}");
    let style: String = select(&doc, "style")
        .iter()
        .map(|s| s.inner_html())
        .collect();
    assert!(style.contains("@media print"));
}

#[test]
fn the_markdown_report_has_the_same_sections_and_tables() {
    let (_dir, md) = report("markdown");
    for h in [
        "## At a glance",
        "## Adherence: sessions against the plan",
        "## The weekly dose against the guidance",
        "## Each exercise's dose over time",
        "## Pain, effort and what was skipped",
        "## Assessments against their norms",
    ] {
        assert!(md.contains(h), "{h}");
    }
    assert!(md.contains("| week of | done | planned |"));
    assert!(md.contains("**Sessions a week: Home Foundations.** Bars:"));
    assert!(!md.contains("<svg"));
}

#[test]
fn a_journal_file_a_patient_sent_and_an_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mrs-<b>smith&.jsonl");
    write_journal(&file, &sample_journal());
    let out = dir.path().join("out.html");
    let o = upright(
        &[
            "report",
            "--journal",
            file.to_str().unwrap(),
            "--since",
            SINCE,
            "--until",
            UNTIL,
            "-o",
            out.to_str().unwrap(),
        ],
        &dir.path().join("data"),
    );
    assert_eq!(ok(&o), "");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<h1>Exercise report: mrs-&lt;b&gt;smith&amp;</h1>"));
    assert!(
        !dir.path().join("data").exists(),
        "reading never creates a data folder"
    );
}

#[test]
fn bad_ranges_and_missing_journals_get_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let o = upright(
        &["report", "--since", "2026-11-22", "--until", "2026-11-01"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is after --until"));
    let o = upright(&["report", "--since", "2026-13-01"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a date"));
    let o = upright(&["report", "--journal", "/nowhere/x.jsonl"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no journal file"));
    // An empty journal still makes a whole report.
    let o = upright(&["report", "--until", UNTIL], dir.path());
    let html = ok(&o);
    assert!(html.contains("No sessions are recorded."));
    assert!(Html::parse_document(&html).errors.is_empty());
}

#[test]
fn the_report_opens_in_headless_chromium() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        eprintln!(
            "note: Chromium is not installed; the report was checked by the HTML parser only"
        );
        return;
    };
    let (dir, html) = report("html");
    let page = dir.path().join("report.html");
    std::fs::write(&page, html).unwrap();
    let shot = dir.path().join("report.png");
    let o = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1100,1400",
            "--no-first-run",
            "--disable-background-networking",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(
        png.len() > 20_000,
        "a page with content, not a blank: {} bytes",
        png.len()
    );
    // UPRIGHT_KEEP_SCREENSHOT=DIR keeps the page and its screenshot (for the README).
    if let Some(keep) = std::env::var_os("UPRIGHT_KEEP_SCREENSHOT") {
        let keep = Path::new(&keep);
        std::fs::copy(&page, keep.join("report.html")).unwrap();
        std::fs::copy(&shot, keep.join("report.png")).unwrap();
    }
}

/// Days since 1970, today.
fn today() -> i64 {
    (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400) as i64
}

/// The sample journal moved so that it ends `days_ago` days before today.
fn shifted(days_ago: i64) -> Vec<Record> {
    let shift = (today() - days_ago - day(UNTIL)) * 86_400;
    sample_journal()
        .into_iter()
        .map(|mut r| {
            let t = upright::common::calendar::parse_stamp(&r.at).unwrap() as i64 + shift;
            r.at = stamp(t as u64);
            r.run = (r.run as i64 + shift * 1000).max(0) as u64;
            if let Event::FollowUp { about, .. } = &mut r.event {
                *about = (*about as i64 + shift * 1000) as u64;
            }
            r
        })
        .collect()
}

#[test]
fn review_puts_first_who_needs_attention_as_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let clinic = dir.path().join("clinic");
    std::fs::create_dir_all(clinic.join("bob")).unwrap();
    // Ann: steady to today, nothing recent needs attention except her stopped step test.
    let mut ann = shifted(-20);
    ann.retain(|r| !matches!(r.event, Event::Assessment { .. }));
    write_journal(&clinic.join("ann.jsonl"), &ann);
    // Bob, in a profile-style folder: a red flag not cleared.
    let mut bob = shifted(0);
    bob.retain(|r| !matches!(r.event, Event::Clearance));
    write_journal(&clinic.join("bob").join("journal.jsonl"), &bob);
    // Cat: a torn last line, and nothing for months.
    let mut cat = String::new();
    for r in shifted(90) {
        cat.push_str(&serde_json::to_string(&r).unwrap());
        cat.push('\n');
    }
    cat.push_str("{\"at\":\"20");
    std::fs::write(clinic.join("cat.jsonl"), cat).unwrap();
    std::fs::write(clinic.join("notes.txt"), "not a journal").unwrap();

    let csv = ok(&upright(
        &["review", clinic.to_str().unwrap()],
        &dir.path().join("data"),
    ));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "rank,patient,attention,reasons,last_session,sessions_4_weeks,planned_4_weeks,next_assessment,unreadable_lines,file"
    );
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines[1].starts_with("1,bob,\"red flag, not cleared\","),
        "{csv}"
    );
    assert!(
        lines[2].starts_with("2,cat,assessment below norm,"),
        "{csv}"
    );
    assert!(
        lines[2].contains("no session for 2 weeks: last session 110 days ago"),
        "{csv}"
    );
    assert!(
        lines[2].contains(",overdue,1,"),
        "cat's torn line is counted: {csv}"
    );
    assert!(lines[3].starts_with("3,ann,none,,"), "{csv}");

    let json = ok(&upright(
        &["review", clinic.to_str().unwrap(), "--format", "json"],
        &dir.path().join("data"),
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["name"], "bob");
    assert_eq!(v[0]["reasons"][0]["concern"], "red_flag_open");
    assert_eq!(v.as_array().unwrap().len(), 3);

    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let o = upright(&["review", empty.to_str().unwrap()], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no journals in"));
}
