//! `upright show`: the patient handout in text, Markdown and HTML, as the binary prints it.
//! Snapshots hold the whole handout; the HTML is parsed by a real HTML5 parser (scraper, on
//! html5ever) that must report no parse errors.

use std::process::{Command, Output};

use scraper::{Html, Selector};

fn upright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the upright binary runs")
}

fn show(program: &str, format: &str) -> String {
    let o = upright(&["show", program, "--format", format]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("the handout is UTF-8")
}

#[test]
fn text_handout() {
    insta::assert_snapshot!(show("gentle-start", "text"));
}

#[test]
fn markdown_handout() {
    insta::assert_snapshot!(show("home-foundations", "markdown"));
}

#[test]
fn html_handout() {
    insta::assert_snapshot!(show("strong-steady-straight", "html"));
}

/// Parses a handout and returns the document, failing on any HTML5 parse error.
fn parse_valid(html: &str, name: &str) -> Html {
    let doc = Html::parse_document(html);
    assert_eq!(doc.errors, Vec::<std::borrow::Cow<str>>::new(), "{name}");
    doc
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a valid selector");
    doc.select(&selector).collect()
}

#[test]
fn every_bundled_handout_is_valid_self_contained_html_with_a_page_per_session() {
    for b in upright::program::bundled::programs() {
        let html = show(b.name, "html");
        let doc = parse_valid(&html, b.name);
        let program = b.check().program.unwrap();
        assert_eq!(
            select(&doc, "section.session").len(),
            program.sessions.len(),
            "{}",
            b.name
        );
        // Self-contained: no scripts, no external style sheets, images or frames.
        for css in [
            "script", "link", "img", "iframe", "object", "[src]", "[href]",
        ] {
            assert!(select(&doc, css).is_empty(), "{}: has {css}", b.name);
        }
        let style: String = select(&doc, "style")
            .iter()
            .map(|s| s.inner_html())
            .collect();
        assert!(style.contains("@media print"));
        assert!(style.contains("page-break-before: always"));
        assert!(!style.contains("url("), "no external assets in the CSS");
        assert_eq!(
            select(&doc, ".red-flags li").len(),
            upright::training::safety::RED_FLAGS.len()
        );
        assert_eq!(
            select(&doc, ".check-in tr").len(),
            upright::training::safety::CHECK_IN.len() + 1
        );
    }
}

const HOSTILE: &str = r##"Program(
    title: "Mrs <b>Smith</b> & \"Co\"",
    summary: "[click](https://example.com) *now* | <script>alert(1)</script>",
    level: Beginner,
    per_week: 2,
    exercises: [
        Exercise(
            id: "my-stand",
            name: "Stand <img src=x onerror=alert(1)>",
            kinds: [Balance],
            spine: Neutral,
            impact: None,
            cues: ["Hold the counter & stand </li></ol> tall.", "# not a heading"],
            caution: "Stop if it hurts <!-- really -->.",
        ),
    ],
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "my-stand", dose: Time(secs: 30)),
                Item(exercise: "prone-back-extension", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),
            ]),
        ]),
    ],
)
"##;

#[test]
fn program_text_is_escaped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.ron");
    std::fs::write(&file, HOSTILE).unwrap();
    let file = file.display().to_string();

    let html = show(&file, "html");
    let doc = parse_valid(&html, "hostile");
    assert!(select(&doc, "script").is_empty());
    assert!(select(&doc, "img").is_empty());
    let title: String = select(&doc, "h1")[0].text().collect();
    assert_eq!(title, "Mrs <b>Smith</b> & \"Co\"");
    let cue: String = select(&doc, "ul.cues li")[0].text().collect();
    assert_eq!(cue, "Hold the counter & stand </li></ol> tall.");

    let md = show(&file, "markdown");
    assert!(
        md.contains(r"\[click\](https://example.com) \*now\* \| \<script\>"),
        "{md}"
    );
    assert!(md.contains(r"    - \# not a heading"), "{md}");

    let text = show(&file, "text");
    assert!(text.contains("MRS <B>SMITH</B> & \"CO\""), "{text}");
}

#[test]
fn a_program_with_errors_gets_no_handout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.ron");
    std::fs::write(&file, HOSTILE.replace("secs: 30", "secs: 0")).unwrap();
    let o = upright(&["show", &file.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("error[dose-range]"), "{err}");
    assert!(err.contains("has errors, so it cannot be shown"), "{err}");
}

#[test]
fn an_unknown_program_exits_2() {
    let o = upright(&["show", "home-foundation"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `home-foundations`?"));
}

/// Every exercise of every bundled handout is drawn: in the HTML two inline SVG line
/// drawings (start, and where it moves to) that differ; in the Markdown two images.
#[test]
fn every_exercise_in_a_handout_has_its_figure_start_and_end() {
    for b in upright::program::bundled::programs() {
        let html = show(b.name, "html");
        let doc = parse_valid(&html, b.name);
        let items = select(&doc, "ol.items > li");
        assert!(!items.is_empty(), "{}", b.name);
        for item in &items {
            let name: String = item
                .select(&Selector::parse("strong").unwrap())
                .next()
                .map(|s| s.text().collect())
                .unwrap_or_default();
            let drawings: Vec<_> = item
                .select(&Selector::parse(".figures figure svg").unwrap())
                .collect();
            assert_eq!(drawings.len(), 2, "{}: {name} is not drawn twice", b.name);
            let (start, end) = (drawings[0].html(), drawings[1].html());
            assert_ne!(start, end, "{}: {name} does not move", b.name);
            for svg in [&start, &end] {
                assert!(svg.matches("<line").count() >= 8, "{name}: too few lines");
                assert!(svg.contains("<circle"), "{name}: no head");
            }
            let captions: Vec<String> = item
                .select(&Selector::parse("figcaption").unwrap())
                .map(|c| c.text().collect())
                .collect();
            assert_eq!(captions, ["Start", "Move to"]);
        }
        let md = show(b.name, "markdown");
        let exercises = md.matches("\n    - ").count();
        assert!(exercises > 0);
        let images = md.matches("](data:image/svg+xml,%3Csvg").count();
        assert_eq!(images, 2 * items.len(), "{}: markdown images", b.name);
    }
}

/// An exercise of the program's own without a figure is shown in words only; one that shares
/// a library figure is drawn with it.
#[test]
fn own_exercises_are_drawn_when_they_have_a_figure() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("own.ron");
    std::fs::write(
        &file,
        HOSTILE.replace(
            "caution: \"Stop if it hurts <!-- really -->.\",",
            "caution: \"Stop if it hurts.\",\n            figure_of: \"tandem-stance\",",
        ),
    )
    .unwrap();
    let html = show(&file.display().to_string(), "html");
    let doc = parse_valid(&html, "own");
    assert_eq!(select(&doc, ".figures").len(), 2);
    let html = show(&tempfile_with(HOSTILE, &dir), "html");
    let doc = parse_valid(&html, "hostile");
    assert_eq!(
        select(&doc, ".figures").len(),
        1,
        "only the library exercise is drawn"
    );
}

fn tempfile_with(text: &str, dir: &tempfile::TempDir) -> String {
    let file = dir.path().join("plain.ron");
    std::fs::write(&file, text).unwrap();
    file.display().to_string()
}
