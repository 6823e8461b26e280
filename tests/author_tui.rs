//! `upright author`: the screens at 80x24 after real key presses (snapshots), and files
//! saved by it that load back to exactly what was on the screen, comments included.

mod support;

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use upright::author::{self, App, Document, Effect};
use upright::program::{Library, check_source};

fn open(path: &Path) -> App {
    match author::open(path) {
        Ok(app) => app,
        Err(_) => panic!("{} does not open", path.display()),
    }
}

fn key(app: &mut App, code: KeyCode) -> Effect {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    app.handle(KeyEvent::new(code, modifiers))
}

/// Presses each character of `keys` in turn (`\n` is Enter, `\t` Tab, `<` Left, `>` Right,
/// `^` Up, `v` Down, `~` Esc).
fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '<' => KeyCode::Left,
            '>' => KeyCode::Right,
            '^' => KeyCode::Up,
            'v' => KeyCode::Down,
            '~' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        key(app, code);
    }
}

fn terminal(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal
}

fn screen(app: &App) -> String {
    terminal(app).backend().to_string()
}

/// The screen and, under it, the colours that carry a meaning (for the snapshots).
fn snapshot(app: &App) -> String {
    support::colour::with_colours(terminal(app).backend())
}

/// A new file in a fresh folder: the template, titled after the file.
fn new_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir.path().join("knees.ron"));
    (dir, app)
}

/// Moves the outline selection to the line whose text contains `what` (looking only at the
/// outline, the left pane of the screen).
fn select(app: &mut App, what: &str) {
    keys(app, &"^".repeat(60));
    for _ in 0..60 {
        let screen = screen(app);
        let outline = screen
            .lines()
            .skip(2)
            .take(15)
            .map(|l| l.chars().take(45).collect::<String>());
        if outline
            .into_iter()
            .any(|l| l.contains('›') && l.contains(what))
        {
            return;
        }
        keys(app, "v");
    }
    panic!("no line with {what}:\n{}", screen(app));
}

#[test]
fn a_new_file_opens_on_the_template() {
    let (_dir, app) = new_app();
    assert!(app.dirty);
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn the_library_filters_by_kind_and_search() {
    let (_dir, mut app) = new_app();
    keys(&mut app, "\t3jj");
    insta::assert_snapshot!("library_balance", snapshot(&app));
    keys(&mut app, "0/wall\n");
    insta::assert_snapshot!("library_search", snapshot(&app));
}

#[test]
fn adding_an_exercise_opens_its_dose_with_the_ranges() {
    let (_dir, mut app) = new_app();
    select(&mut app, "Balance");
    keys(&mut app, "\t/tandem walk\n\n");
    insta::assert_snapshot!(snapshot(&app));
    let item = &app.doc.program.sessions[0].blocks[2].items[1];
    assert_eq!(item.exercise, "tandem-walk");
}

#[test]
fn a_dose_is_set_with_arrows_and_digits_and_progress_steps_are_added() {
    let (_dir, mut app) = new_app();
    select(&mut app, "Wall push-up");
    // Editor: dose, sets, reps: two more reps, then type 10 for reps.
    keys(&mut app, "\njj>>");
    assert_eq!(app.doc.item(0, 1, 1).unwrap().dose.reps(), Some(10));
    keys(&mut app, "12");
    assert_eq!(app.doc.item(0, 1, 1).unwrap().dose.reps(), Some(12));
    // Typing past the range stops at its end.
    keys(&mut app, "<5000");
    assert_eq!(app.doc.item(0, 1, 1).unwrap().dose.reps(), Some(50));
    keys(
        &mut app,
        "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
    );
    assert_eq!(app.doc.item(0, 1, 1).unwrap().dose.reps(), Some(1));
    keys(&mut app, "8a");
    insta::assert_snapshot!(snapshot(&app));
    let progress = &app.doc.item(0, 1, 1).unwrap().progress;
    assert_eq!(progress.len(), 3);
    keys(&mut app, "x~");
    assert_eq!(app.doc.item(0, 1, 1).unwrap().progress.len(), 2);
}

#[test]
fn items_move_within_and_across_blocks_and_undo_restores() {
    let (_dir, mut app) = new_app();
    let before = app.doc.clone();
    select(&mut app, "Marching on the spot");
    keys(&mut app, "J");
    keys(&mut app, "J");
    insta::assert_snapshot!(snapshot(&app));
    assert_eq!(
        app.doc.program.sessions[0].blocks[1].items[0].exercise,
        "march-on-the-spot"
    );
    keys(&mut app, "uu");
    assert_eq!(app.doc, before);
}

#[test]
fn the_program_editor_and_a_text_field() {
    let (_dir, mut app) = new_app();
    keys(&mut app, "\n\n");
    for _ in 0.."Knees".len() {
        key(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "Strong knees, steady feet\n");
    assert_eq!(app.doc.program.title, "Strong knees, steady feet");
    keys(&mut app, "jjj>");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn problems_show_live_with_marks_on_their_lines() {
    let (_dir, mut app) = new_app();
    // Remove the only balance item and the block pick goes wrong: a warning and an error.
    select(&mut app, "Supported tandem stance");
    keys(&mut app, "d");
    select(&mut app, "Warm-up");
    keys(&mut app, "\nj>>>~");
    assert_eq!(app.doc.program.sessions[0].blocks[0].pick, Some(2));
    keys(&mut app, "k");
    select(&mut app, "Weight shifts");
    keys(&mut app, "d");
    select(&mut app, "Warm-up");
    insta::assert_snapshot!(snapshot(&app));
    assert!(app.errors() >= 1 && app.warnings() >= 1);
}

#[test]
fn quitting_with_changes_asks_first() {
    let (_dir, mut app) = new_app();
    assert_eq!(key(&mut app, KeyCode::Char('q')), Effect::None);
    insta::assert_snapshot!(snapshot(&app));
    assert_eq!(key(&mut app, KeyCode::Char('n')), Effect::Quit);
}

#[test]
fn help_lists_the_keys() {
    let (_dir, mut app) = new_app();
    keys(&mut app, "?");
    insta::assert_snapshot!(snapshot(&app));
    keys(&mut app, " ");
    assert!(app.modal.is_none());
}

/// The file as loaded from disk: its program and its comments.
fn reload(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let checked = check_source(&bytes, Library::bundled());
    Document::read(checked.text.as_deref().unwrap(), checked.program.unwrap())
}

#[test]
fn a_saved_file_reloads_equal_with_its_comments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("home.ron");
    let original = upright::program::bundled::find("home-foundations")
        .unwrap()
        .text;
    std::fs::write(&path, original).unwrap();
    let mut app = open(&path);
    assert!(!app.dirty);

    // Add an exercise, change its dose, move an item, rename a block, remove an item.
    select(&mut app, "Supported tandem stance");
    keys(&mut app, "\t/clock\n\njjj>>~");
    select(&mut app, "Bridge");
    keys(&mut app, "KK");
    select(&mut app, "Cool-down");
    keys(&mut app, "\n\n");
    keys(&mut app, " and stretch\n~");
    select(&mut app, "Wall angels");
    keys(&mut app, "d");
    assert_eq!(key(&mut app, KeyCode::Char('s')), Effect::Save);
    author::save(&mut app, &path);
    assert!(!app.dirty, "{}", app.status);

    let back = reload(&path);
    assert_eq!(back, app.doc);
    let saved = std::fs::read_to_string(&path).unwrap();
    // Every comment of the original is still there (none was on the removed item).
    for line in original
        .lines()
        .filter(|l| l.trim_start().starts_with("//"))
    {
        assert!(saved.contains(line.trim()), "lost {line}");
    }
    assert!(saved.contains("name: \"Cool-down and stretch\","));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(["check", &path.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn a_file_that_does_not_read_is_refused_with_its_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "Program(title: \"x\"").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(["author", &path.display().to_string()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("error[syntax]"), "{err}");
    assert!(err.contains("does not read as a program"), "{err}");
}

#[test]
fn without_a_terminal_author_says_what_to_do_instead() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(["author", &dir.path().join("x.ron").display().to_string()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("needs a terminal"));
    assert!(!dir.path().join("x.ron").exists());
}

#[test]
fn control_chords_are_not_typed_into_text() {
    let (_dir, mut app) = new_app();
    keys(&mut app, "\n\n");
    app.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    app.handle(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT));
    keys(&mut app, "!\n");
    assert_eq!(app.doc.program.title, "Knees!");
}

#[test]
fn a_new_block_is_named_then_filled() {
    let (_dir, mut app) = new_app();
    select(&mut app, "Strength");
    keys(&mut app, "bStretch");
    insta::assert_snapshot!(snapshot(&app));
    keys(&mut app, "\n");
    assert_eq!(app.doc.program.sessions[0].blocks[2].name, "Stretch");
    keys(&mut app, "d");
    insta::assert_snapshot!("removing_a_block_asks_first", snapshot(&app));
    keys(&mut app, "y");
    assert_eq!(app.doc.program.sessions[0].blocks.len(), 4);
}

/// The screen in cells, colours included.
fn cells(app: &App) -> ratatui::buffer::Buffer {
    terminal(app).backend().buffer().clone()
}

/// Errors and warnings are told apart by a mark and a word as well as by colour, and the
/// colours are the colour-blind-safe blue and orange: nothing red against green.
#[test]
fn problems_are_told_by_words_and_marks_in_colour_blind_safe_colours() {
    use ratatui::style::Color;
    let (_dir, mut app) = new_app();
    // As in `problems_show_live_with_marks_on_their_lines`: a warning and an error.
    select(&mut app, "Supported tandem stance");
    keys(&mut app, "d");
    select(&mut app, "Warm-up");
    keys(&mut app, "\nj>>>~k");
    select(&mut app, "Weight shifts");
    keys(&mut app, "d");
    select(&mut app, "Warm-up");
    assert!(app.errors() >= 1 && app.warnings() >= 1);
    let buf = cells(&app);
    let red_or_green = |c: Color| {
        matches!(
            c,
            Color::Red | Color::LightRed | Color::Green | Color::LightGreen
        )
    };
    let area = *buf.area();
    let mut styles = std::collections::HashMap::new();
    for y in 0..area.height {
        let line: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        for x in 0..area.width {
            let cell = &buf[(x, y)];
            assert!(
                !red_or_green(cell.fg) && !red_or_green(cell.bg),
                "red or green at {x},{y}: {line}"
            );
        }
        for word in ["error[", "warning["] {
            if let Some(at) = line.find(word) {
                let x = line[..at].chars().count() as u16;
                styles.insert(word, buf[(x, y)].style());
            }
        }
    }
    let (error, warning) = (styles["error["], styles["warning["]);
    assert_ne!(error, warning, "an error looks different from a warning");
    assert_ne!(error.bg, warning.bg, "not by hue alone: an error is filled");
    // The outline marks the lines: ! for the error's line, ? for the warning's.
    let screen = screen(&app);
    let marks: String = screen
        .lines()
        .skip(2)
        .filter_map(|l| l.chars().nth(3))
        .collect();
    assert!(marks.contains('!') && marks.contains('?'), "{screen}");
    assert!(screen.contains("cannot be run yet"), "{screen}");
}
