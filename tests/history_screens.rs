//! The history screen, from a journal of several weeks written by driving the real app:
//! each panel at 80x24, all four at once at 200x60, and the empty history.

mod support;

use ratatui::crossterm::event::KeyCode;
use support::{DAY, DAY0, Rig};
use upright::tui::Screen;

fn snap_at(name: &str, rig: &Rig, w: u16, h: u16) {
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), rig.screen(w, h));
}

/// A session with sharp pain in its first exercise (the person goes on with the others).
fn sharp_pain_session(r: &mut Rig, time: u64) {
    r.app.shared.wall.set(time);
    r.key(KeyCode::Enter).through_readiness('1', 'd');
    r.wait(12.0).ch('p').check_in('4', '0');
    while matches!(r.app.screen, Screen::Session(_)) {
        r.wait(5.0).answer_or_go_on('2', '6');
    }
    r.key(KeyCode::Enter);
}

/// A session stopped by a red flag after its first exercise.
fn red_flag_session(r: &mut Rig, time: u64) {
    r.app.shared.wall.set(time);
    r.key(KeyCode::Enter).through_readiness('1', 'd');
    r.wait(12.0).ch('!').ch('5').key(KeyCode::Enter);
    assert!(matches!(r.app.screen, Screen::Stopped(_)));
    r.key(KeyCode::Enter);
}

/// Five weeks of sessions, about three a week, with soreness, sharp pain and a red flag.
fn five_weeks() -> Rig {
    let mut r = Rig::new();
    let plan: [(u64, char, char); 11] = [
        (0, '1', '5'),
        (2, '2', '6'),
        (4, '1', '6'),
        (7, '2', '7'),
        (9, '3', '7'),
        (14, '1', '5'),
        (16, '2', '6'),
        (18, '1', '6'),
        (23, '2', '6'),
        (28, '1', '5'),
        (30, '2', '6'),
    ];
    for (day, feeling, effort) in plan {
        r.session(DAY0 + day * DAY, feeling, effort);
        if day == 18 {
            sharp_pain_session(&mut r, DAY0 + 21 * DAY);
        }
        if day == 23 {
            red_flag_session(&mut r, DAY0 + 25 * DAY);
        }
    }
    r.app.shared.wall.set(DAY0 + 32 * DAY);
    r.ch('h');
    assert!(matches!(r.app.screen, Screen::History(_)));
    r
}

#[test]
fn every_panel_fits_80x24() {
    let mut r = five_weeks();
    snap_at("history_weeks", &r, 80, 24);
    r.key(KeyCode::Tab);
    snap_at("history_check_ins", &r, 80, 24);
    r.key(KeyCode::Tab);
    snap_at("history_levels", &r, 80, 24);
    r.key(KeyCode::Tab);
    snap_at("history_dose", &r, 80, 24);
    r.key(KeyCode::Esc);
    assert!(matches!(r.app.screen, Screen::Home));
}

#[test]
fn a_big_terminal_shows_all_four() {
    let r = five_weeks();
    snap_at("history_grid", &r, 200, 60);
}

#[test]
fn an_empty_history_says_so() {
    let mut r = Rig::new();
    r.ch('h');
    snap_at("history_empty", &r, 80, 24);
}
