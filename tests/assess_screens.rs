//! The assessment screens, driven by keys and a fake clock from the home screen: every step at
//! 80x24 and the main ones at 200x60, the red flags and "quit?" over a test, the home screen's
//! flag, the history's assessment trends, and `upright review`'s table.

mod support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use support::{DAY, DAY0, Rig};
use upright::assess::Test;
use upright::records::review::{Concern, Patient, Reason};
use upright::tui::Screen;
use upright::tui::coach::assess::Step;
use upright::tui::review::Review;

fn snap(name: &str, rig: &Rig, w: u16, h: u16) {
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), rig.screen(w, h));
}

fn both(name: &str, rig: &Rig) {
    snap(name, rig, 80, 24);
    snap(name, rig, 200, 60);
}

fn step(r: &Rig) -> Step {
    match &r.app.screen {
        Screen::Assess(a) => a.step.clone(),
        other => panic!("not assessing: {other:?}"),
    }
}

/// From home into an assessment, past age and sex (72, a woman).
fn assessing() -> Rig {
    let mut r = Rig::new();
    r.ch('a');
    r.ch('7').ch('2').ch('f').key(KeyCode::Enter);
    assert_eq!(step(&r), Step::Choose);
    r
}

/// On the choice, only `test` chosen, and into its set-up.
fn only(r: &mut Rig, test: Test) {
    r.ch('a');
    let i = Test::ALL.iter().position(|&t| t == test).unwrap();
    for _ in 0..i {
        r.key(KeyCode::Down);
    }
    r.ch(' ').key(KeyCode::Enter);
    assert_eq!(step(r), Step::Setup(test));
}

#[test]
fn age_and_sex_then_the_choice_of_tests() {
    let mut r = Rig::new();
    r.ch('a');
    r.ch('7').ch('2').ch('f');
    snap("assess_about_you", &r, 80, 24);
    r.ch('1').key(KeyCode::Enter);
    snap("assess_about_you_refused", &r, 80, 24);
    r.key(KeyCode::Backspace).key(KeyCode::Enter);
    r.key(KeyCode::Down).key(KeyCode::Down).ch(' ');
    both("assess_choose", &r);
}

#[test]
fn the_chair_stand_from_set_up_to_its_result() {
    let mut r = assessing();
    r.key(KeyCode::Enter);
    both("assess_setup_chair_stand", &r);
    r.ch('?');
    snap("assess_help", &r, 80, 24);
    r.key(KeyCode::Esc);
    r.key(KeyCode::Enter);
    for _ in 0..7 {
        r.wait(2.0).ch(' ');
    }
    r.wait(0.5);
    both("assess_counting", &r);
    r.wait(30.0);
    assert!(matches!(step(&r), Step::Result { .. }));
    both("assess_result_below", &r);
}

#[test]
fn the_timed_up_and_go_stopwatch_and_the_balance_stages() {
    let mut r = assessing();
    only(&mut r, Test::TimedUpAndGo);
    r.ch('w');
    snap("assess_setup_timed_up_and_go", &r, 80, 24);
    r.key(KeyCode::Enter).wait(7.3);
    snap("assess_stopwatch", &r, 80, 24);
    r.key(KeyCode::Enter);
    snap("assess_result_within", &r, 80, 24);

    let mut r = assessing();
    only(&mut r, Test::FourStageBalance);
    r.key(KeyCode::Enter).wait(6.2);
    both("assess_holding", &r);
    r.wait(4.0);
    snap("assess_between_stages", &r, 80, 24);
    r.key(KeyCode::Enter)
        .wait(10.0)
        .key(KeyCode::Enter)
        .wait(3.0)
        .ch(' ');
    snap("assess_result_balance_flag", &r, 80, 24);
}

#[test]
fn entering_a_result_and_the_step_test_count() {
    let mut r = assessing();
    only(&mut r, Test::SingleLegStance);
    r.ch('e')
        .ch('1')
        .ch('2')
        .key(KeyCode::Enter)
        .ch('3')
        .ch('4');
    snap("assess_entry_right_leg", &r, 80, 24);
    r.key(KeyCode::Enter);
    snap("assess_entry_refused", &r, 80, 24);

    let mut r = assessing();
    only(&mut r, Test::TwoMinuteStep);
    r.key(KeyCode::Enter);
    for _ in 0..40 {
        r.wait(1.0).ch(' ');
    }
    snap("assess_counting_steps", &r, 80, 24);

    let mut r = assessing();
    only(&mut r, Test::Height);
    r.key(KeyCode::Enter)
        .ch('1')
        .ch('6')
        .ch('2')
        .ch(',')
        .ch('5');
    snap("assess_entry_height", &r, 80, 24);
    r.key(KeyCode::Enter);
    snap("assess_result_height", &r, 80, 24);
}

#[test]
fn pain_a_fall_the_red_flags_and_quit_during_a_test() {
    let mut r = assessing();
    r.key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .wait(5.0)
        .ch(' ')
        .ch(' ');
    r.ch('p');
    snap("assess_stopped_pain", &r, 80, 24);
    r.key(KeyCode::Enter);
    assert_eq!(step(&r), Step::Summary);
    both("assess_summary_ended", &r);

    let mut r = assessing();
    only(&mut r, Test::TimedUpAndGo);
    r.key(KeyCode::Enter).wait(4.0).ch('f');
    snap("assess_fall_red_flags", &r, 80, 24);
    r.key(KeyCode::Esc);
    snap("assess_stopped_fall", &r, 80, 24);

    let mut r = assessing();
    r.key(KeyCode::Enter).key(KeyCode::Enter).wait(3.0).ch('!');
    both("assess_red_flags", &r);
    r.ch('1') // chest pain: an emergency
        .key(KeyCode::Enter);
    assert!(matches!(r.app.screen, Screen::Stopped(_)));
    snap("assess_red_flag_advice", &r, 80, 24);

    let mut r = assessing();
    r.key(KeyCode::Enter).ch('q');
    snap("assess_quit", &r, 80, 24);
}

/// Three assessments two months apart: the chair stand improving, a flagged balance test, the
/// timed up and go and a height each time.
fn three_assessments() -> Rig {
    let mut r = Rig::new();
    let visits: [(u64, &str, &str, &str); 3] = [
        (0, "8", "11.8", "161"),
        (60, "10", "10.9", "160.6"),
        (120, "12", "9.7", "160.1"),
    ];
    for (i, (day, stands, tug, cm)) in visits.into_iter().enumerate() {
        r.app.shared.wall.set(DAY0 + day * DAY);
        r.ch('a');
        if i == 0 {
            r.ch('7').ch('2').ch('f').key(KeyCode::Enter);
        }
        r.key(KeyCode::Enter); // every test
        let enter = |r: &mut Rig, text: &str| {
            r.ch('e');
            for c in text.chars() {
                r.ch(c);
            }
            r.key(KeyCode::Enter).key(KeyCode::Enter);
        };
        enter(&mut r, stands);
        enter(&mut r, tug);
        // The balance test: two stages held, the tandem stance lost at 6 s.
        r.key(KeyCode::Enter)
            .wait(10.0)
            .key(KeyCode::Enter)
            .wait(10.0);
        r.key(KeyCode::Enter).wait(6.0).ch(' ').key(KeyCode::Enter);
        r.ch('n').ch('n'); // no single-leg stance or step test today
        r.key(KeyCode::Enter)
            .ch('4')
            .key(KeyCode::Enter)
            .key(KeyCode::Enter);
        r.key(KeyCode::Enter);
        for c in cm.chars() {
            r.ch(c);
        }
        r.key(KeyCode::Enter).key(KeyCode::Enter);
        assert_eq!(step(&r), Step::Summary, "visit {i}");
        if i == 2 {
            return r;
        }
        r.key(KeyCode::Enter);
        assert!(matches!(r.app.screen, Screen::Home));
    }
    unreachable!()
}

#[test]
fn the_summary_the_home_flag_and_the_history_trends() {
    let mut r = three_assessments();
    both("assess_summary", &r);
    r.key(KeyCode::Enter);
    both("home_assessment_flag", &r);
    // Eight weeks on, the reassessment is suggested.
    r.app.shared.wall.set(DAY0 + 180 * DAY);
    r.ch('?').key(KeyCode::Esc);
    snap("home_reassessment_due", &r, 80, 24);
    r.ch('h').ch('5');
    snap("history_assessments", &r, 80, 24);
    snap("history_assessments", &r, 200, 60);
}

fn review_screen(r: &Review, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| upright::tui::review::draw(f, r)).unwrap();
    support::colour::with_colours(t.backend())
}

#[test]
fn the_review_table_puts_first_who_needs_attention_with_why() {
    let patient = |name: &str, reasons: Vec<(Concern, &str)>, last: Option<&str>, n: u32| Patient {
        name: name.into(),
        file: format!("clinic/{name}.jsonl"),
        reasons: reasons
            .into_iter()
            .map(|(concern, detail)| Reason {
                concern,
                detail: detail.into(),
            })
            .collect(),
        last_session: last.map(Into::into),
        sessions_4_weeks: n,
        planned_4_weeks: Some(12),
        next_assessment: "due",
        unreadable_lines: 0,
    };
    let patients = vec![
        patient(
            "bob",
            vec![
                (
                    Concern::RedFlagOpen,
                    "red flag on 2026-11-28 with no clearance since",
                ),
                (
                    Concern::SharpPain,
                    "sharp pain in Sit to stand on 2026-11-20",
                ),
                (
                    Concern::Assessment,
                    "4-stage balance test 2 of 4 stages; stage 3 (tandem) held 6 s (2026-11-02)",
                ),
            ],
            Some("2026-11-28"),
            9,
        ),
        patient(
            "cat",
            vec![(Concern::NoSession, "last session 110 days ago")],
            Some("2026-08-15"),
            0,
        ),
        patient("ann", vec![], Some("2026-12-02"), 12),
    ];
    let mut review = Review::new(patients, "clinic".into(), 20_790, 0);
    insta::assert_snapshot!("review_80x24", review_screen(&review, 80, 24));
    insta::assert_snapshot!("review_200x60", review_screen(&review, 200, 60));
    review.act(upright::tui::review::Action::Down);
    let second = review_screen(&review, 80, 24);
    assert!(second.contains("cat: why"), "{second}");
    assert!(second.contains("last session 110 days ago"), "{second}");
}
