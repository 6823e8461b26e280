//! The assessment screens driven by keys and a fake clock: what each step records in the
//! journal, and where pain, dizziness, a fall, the red flags and quit lead.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::assess::Measure;
use crate::common::paths::Paths;
use crate::records::journal::{self, Journal, Record};
use crate::training::safety;
use crate::tui::clock::Wall;
use crate::tui::coach::{App, Overlay, Screen};

/// 2025-11-20, 09:00 UTC.
const NOW: u64 = 1_763_629_200;

struct Rig {
    app: App,
    at: Instant,
    dir: tempfile::TempDir,
}

impl Rig {
    fn new() -> Rig {
        let dir = tempfile::tempdir().unwrap();
        Rig::in_dir(dir)
    }

    fn in_dir(dir: tempfile::TempDir) -> Rig {
        let paths = Paths {
            data: dir.path().join("data"),
            config: dir.path().join("config"),
        };
        let mut app = App::with_wall(
            Vec::new(),
            paths,
            true,
            Some(1),
            Wall::fixed(jiff::tz::TimeZone::UTC, NOW),
        );
        app.open_assessment();
        Rig {
            app,
            at: Instant::now(),
            dir,
        }
    }

    /// upright started again on the same data folder (this one ended: its lock let go).
    fn restart(self) -> Rig {
        let Rig { app, dir, .. } = self;
        drop(app);
        Rig::in_dir(dir)
    }

    fn key(&mut self, code: KeyCode) -> &mut Rig {
        self.app
            .key(KeyEvent::new(code, KeyModifiers::NONE), self.at);
        self
    }

    fn keys(&mut self, text: &str) -> &mut Rig {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    fn wait(&mut self, secs: f64) -> &mut Rig {
        self.at += Duration::from_secs_f64(secs);
        self.app.tick(self.at);
        self
    }

    fn assessing(&self) -> &Assessing {
        match &self.app.screen {
            Screen::Assess(a) => a,
            other => panic!("not assessing: {other:?}"),
        }
    }

    fn records(&self) -> Vec<Record> {
        journal::read(&self.dir.path().join("data").join(Journal::FILE_NAME)).unwrap()
    }

    fn events(&self) -> Vec<Event> {
        self.records().into_iter().map(|r| r.event).collect()
    }

    /// Past age and sex (72, a woman), to the choice with only `test` chosen, and into its
    /// set-up.
    fn only(&mut self, test: Test) -> &mut Rig {
        if matches!(self.assessing().step, Step::AboutYou(_)) {
            self.keys("72f").key(KeyCode::Enter);
        }
        assert_eq!(self.assessing().step, Step::Choose);
        self.keys("a"); // none
        let i = Test::ALL.iter().position(|&t| t == test).unwrap();
        for _ in 0..i {
            self.key(KeyCode::Down);
        }
        self.keys(" ").key(KeyCode::Enter);
        assert_eq!(self.assessing().step, Step::Setup(test));
        self
    }
}

fn assessment(e: &Event) -> Option<(&Measure, Option<Stopped>)> {
    match e {
        Event::Assessment { measure, stopped } => Some((measure, *stopped)),
        _ => None,
    }
}

#[test]
fn age_and_sex_are_asked_once_per_profile_and_may_be_skipped() {
    let mut r = Rig::new();
    assert!(matches!(r.assessing().step, Step::AboutYou(_)));
    // A slip is refused with the reason, and nothing is recorded.
    r.keys("7").key(KeyCode::Enter);
    let Step::AboutYou(about) = &r.assessing().step else {
        panic!("still asking")
    };
    assert!(about.error.as_deref().unwrap().contains("18 to 120"));
    assert!(r.events().is_empty());
    r.keys("2m").key(KeyCode::Enter);
    assert_eq!(
        r.events(),
        [Event::AboutYou {
            age: Some(72),
            sex: Some(Sex::Male)
        }]
    );
    assert_eq!(r.assessing().step, Step::Choose);
    // The next assessment goes straight to the tests; `y` asks again, with the answers so far.
    let mut r = r.restart();
    assert_eq!(r.assessing().step, Step::Choose);
    r.keys("y");
    assert_eq!(
        r.assessing().step,
        Step::AboutYou(AboutYou {
            age: "72".into(),
            sex: Some(Sex::Male),
            error: None
        })
    );
    // Skipped: recorded as skipped, so it is not asked again, and no norm is shown.
    r.key(KeyCode::Esc);
    assert_eq!(
        r.events().last(),
        Some(&Event::AboutYou {
            age: None,
            sex: None
        })
    );
}

#[test]
fn the_chair_stand_counts_a_key_per_stand_for_thirty_seconds_and_records_the_result() {
    let mut r = Rig::new();
    r.only(Test::ChairStand).key(KeyCode::Enter);
    assert!(matches!(r.assessing().step, Step::Testing(_)));
    // The screen wakes for each second of the countdown, and for its end.
    let wake = r.app.next_wake(r.at).unwrap();
    assert_eq!(wake.duration_since(r.at), Duration::from_secs(1));
    for _ in 0..9 {
        r.wait(2.0).keys(" ");
    }
    r.key(KeyCode::Backspace); // one counted twice
    assert!(r.records().iter().all(|x| assessment(&x.event).is_none()));
    r.wait(11.5);
    assert_eq!(
        r.app.next_wake(r.at).unwrap().duration_since(r.at),
        Duration::from_millis(500)
    );
    r.wait(0.5);
    let records = r.records();
    let last = records.last().unwrap();
    assert_eq!(
        assessment(&last.event),
        Some((
            &Measure::ChairStand {
                stands: 8,
                arms: false
            },
            None
        ))
    );
    assert_eq!(last.run, r.assessing().run, "in the assessment's run");
    assert!(matches!(r.assessing().step, Step::Result { .. }));
    // Only one test chosen: Enter goes to the summary, and Enter again leaves.
    r.key(KeyCode::Enter);
    assert_eq!(r.assessing().step, Step::Summary);
    r.key(KeyCode::Enter);
    assert!(matches!(r.app.screen, Screen::Home));
}

#[test]
fn needing_the_arms_scores_zero_and_the_walking_aid_is_kept_with_the_time() {
    let mut r = Rig::new();
    r.only(Test::ChairStand)
        .key(KeyCode::Enter)
        .wait(3.0)
        .keys(" a");
    assert_eq!(
        r.events().iter().find_map(assessment),
        Some((
            &Measure::ChairStand {
                stands: 0,
                arms: true
            },
            None
        ))
    );
    let mut r = Rig::new();
    r.only(Test::TimedUpAndGo).keys("w").key(KeyCode::Enter);
    r.wait(9.44).key(KeyCode::Enter);
    assert_eq!(
        r.events().iter().find_map(assessment),
        Some((
            &Measure::TimedUpAndGo {
                secs: 9.4,
                aid: true
            },
            None
        ))
    );
}

#[test]
fn the_balance_test_waits_between_stages_and_stops_at_the_first_lost() {
    let mut r = Rig::new();
    r.only(Test::FourStageBalance).key(KeyCode::Enter);
    r.wait(10.0);
    let Step::Testing(trial) = &r.assessing().step else {
        panic!("between stages")
    };
    assert_eq!(trial.phase(), &Phase::Ready);
    assert_eq!(r.app.next_wake(r.at), None, "nothing runs until Enter");
    r.wait(30.0).key(KeyCode::Enter).wait(10.0);
    r.key(KeyCode::Enter).wait(4.0).keys(" ");
    assert_eq!(
        r.events().iter().find_map(assessment),
        Some((
            &Measure::FourStageBalance {
                held: vec![10.0, 10.0, 4.0]
            },
            None
        ))
    );
}

#[test]
fn results_may_be_entered_afterwards_and_a_slip_is_refused() {
    let mut r = Rig::new();
    r.only(Test::SingleLegStance).keys("e");
    r.keys("45").key(KeyCode::Enter);
    let Step::Entry { error, .. } = &r.assessing().step else {
        panic!("still entering")
    };
    assert!(error.as_deref().unwrap().contains("from 0 to 30"));
    r.key(KeyCode::Backspace).key(KeyCode::Backspace);
    r.keys("12,5")
        .key(KeyCode::Enter)
        .keys("4")
        .key(KeyCode::Enter);
    assert_eq!(
        r.events().iter().find_map(assessment),
        Some((
            &Measure::SingleLegStance {
                left: Some(12.5),
                right: Some(4.0)
            },
            None
        ))
    );
    // The helper's measurements are only entered.
    let mut r = Rig::new();
    r.only(Test::OcciputToWall).key(KeyCode::Enter);
    assert!(matches!(r.assessing().step, Step::Entry { .. }));
    r.keys("7.2").key(KeyCode::Enter);
    assert_eq!(
        r.events().iter().find_map(assessment),
        Some((&Measure::OcciputToWall { cm: 7.2 }, None))
    );
}

#[test]
fn pain_or_dizziness_stop_the_test_and_the_assessment_keeping_what_was_done() {
    for (key, why) in [('p', Stopped::Pain), ('d', Stopped::Dizziness)] {
        let mut r = Rig::new();
        r.keys("72f").key(KeyCode::Enter).key(KeyCode::Enter); // every test
        r.key(KeyCode::Enter).wait(2.0).keys("  ").wait(1.0);
        r.keys(&key.to_string());
        assert_eq!(
            r.events().iter().find_map(assessment),
            Some((
                &Measure::ChairStand {
                    stands: 2,
                    arms: false
                },
                Some(why)
            ))
        );
        assert_eq!(r.assessing().ended, Some(why));
        r.key(KeyCode::Enter);
        assert_eq!(r.assessing().step, Step::Summary, "no more tests today");
    }
}

#[test]
fn a_fall_stops_the_test_and_opens_the_red_flags_recorded_in_the_same_run() {
    let mut r = Rig::new();
    r.only(Test::TimedUpAndGo)
        .key(KeyCode::Enter)
        .wait(4.0)
        .keys("f");
    assert_eq!(
        r.events().iter().find_map(assessment).map(|a| a.1),
        Some(Some(Stopped::Fall))
    );
    // The fall is ticked already: a fall is a red flag.
    let Some(Overlay::RedFlags(flags)) = &r.app.overlay else {
        panic!("no red flags: {:?}", r.app.overlay);
    };
    assert_eq!(flags.symptoms(), vec![safety::FALL.symptom.to_owned()]);
    let run = r.assessing().run;
    r.keys("1").key(KeyCode::Enter);
    let last = r.records().pop().unwrap();
    let Event::RedFlag { symptoms, urgency } = &last.event else {
        panic!("{last:?}");
    };
    assert_eq!(symptoms.len(), 2, "the fall and chest pain: {symptoms:?}");
    assert_eq!(*urgency, Some(safety::Urgency::Emergency));
    assert_eq!(last.run, run);
    assert!(matches!(r.app.screen, Screen::Stopped(_)), "the advice");
}

#[test]
fn the_red_flags_during_a_test_stop_its_clock_and_nothing_ticked_goes_back_to_its_set_up() {
    let mut r = Rig::new();
    r.only(Test::ChairStand)
        .key(KeyCode::Enter)
        .wait(3.0)
        .keys(" !");
    assert!(matches!(r.app.overlay, Some(Overlay::RedFlags(_))));
    assert_eq!(r.assessing().step, Step::Setup(Test::ChairStand));
    r.wait(40.0).key(KeyCode::Esc);
    assert!(r.app.overlay.is_none());
    assert_eq!(r.assessing().step, Step::Setup(Test::ChairStand));
    assert!(
        r.records().iter().all(|x| assessment(&x.event).is_none()),
        "nothing recorded for a test called off"
    );
}

#[test]
fn quit_asks_first_and_keeps_every_result_so_far() {
    let mut r = Rig::new();
    r.keys("72f").key(KeyCode::Enter).key(KeyCode::Enter);
    r.key(KeyCode::Char('e')).keys("11").key(KeyCode::Enter);
    r.key(KeyCode::Enter); // the timed up and go's set-up
    r.keys("q");
    assert!(matches!(r.app.overlay, Some(Overlay::ConfirmQuit)));
    r.keys("n");
    assert!(r.app.overlay.is_none());
    assert_eq!(r.assessing().step, Step::Setup(Test::TimedUpAndGo));
    r.keys("qy");
    assert!(matches!(r.app.screen, Screen::Home));
    assert_eq!(r.events().iter().filter_map(assessment).count(), 1);
}

#[test]
fn a_result_below_its_range_raises_the_flag_home_shows_until_the_test_is_done_again() {
    let mut r = Rig::new();
    r.only(Test::ChairStand).keys("e7").key(KeyCode::Enter);
    let flags = r.app.shared.assessments().flags();
    assert_eq!(flags.len(), 2, "{flags:?}");
    let theme = crate::tui::theme::Theme::default();
    let home = crate::tui::coach::home::assessment_lines(&r.app.shared, false, &theme);
    assert!(
        home[0].to_string().contains("30-second chair stand"),
        "{home:?}"
    );
    r.key(KeyCode::Enter).key(KeyCode::Enter);
    let mut r = r.restart();
    r.only(Test::ChairStand).keys("e13").key(KeyCode::Enter);
    assert!(r.app.shared.assessments().flags().is_empty());
    let home = crate::tui::coach::home::assessment_lines(&r.app.shared, false, &theme);
    assert!(home.is_empty(), "not due for 8 weeks: {home:?}");
}

#[test]
fn no_assessment_starts_while_another_upright_holds_the_journal() {
    let r = Rig::new();
    let paths = Paths {
        data: r.dir.path().join("data"),
        config: r.dir.path().join("config"),
    };
    let mut second = App::with_wall(
        Vec::new(),
        paths,
        true,
        Some(1),
        Wall::fixed(jiff::tz::TimeZone::UTC, NOW),
    );
    assert!(second.shared.read_only.is_some());
    second.open_assessment();
    assert!(matches!(second.screen, Screen::Home));
    assert!(
        second
            .shared
            .notice
            .as_deref()
            .unwrap()
            .contains("No assessment can start here")
    );
}
