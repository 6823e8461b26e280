//! The matcher on the bundled lexicon: the issue's examples and their safe look-alikes. The
//! large corpus is `tests/checker_corpus.rs`.

use super::*;
use crate::program::Library;

fn lex() -> &'static Lexicon {
    Library::bundled().lexicon()
}

fn refused(text: &str, field: Field) -> bool {
    lex()
        .screen(text, field, &Context::default())
        .refused
        .is_some()
}

#[test]
fn refuses_the_issues_examples_in_names() {
    for t in [
        "Abdominal curl",
        "Knee hug",
        "Seated rotation",
        "Golf swing",
        "V-ups",
        "Cat stretch",
        "Sit and reach",
        "Spinal flexion stretch",
        "Hollow body hold",
        "The hundred",
        "Criss-cross",
        "Rolling like a ball",
        "Balasana",
        "Open book",
        "sit\u{200D}-ups",
        "\u{441}runches",
        "\u{FF53}\u{FF49}\u{FF54}-ups",
        "cru\u{301}nch",
        "s1t-ups",
        "sit-\nups",
        "Rumpfbeugen",
        "Abdominales",
        "Rotation du tronc",
        "Anti-crunch",
        "curl, abdominal",
        "Russain twist",
        "bicyclecrunches",
    ] {
        assert!(refused(t, Field::Name), "{t:?} should be refused");
    }
}

#[test]
fn negation_excuses_only_what_it_governs() {
    for t in [
        "No rest between sit-ups",
        "Don't stop: touch your toes",
        "Do sit-ups, no rest",
    ] {
        assert!(refused(t, Field::Prose), "{t:?} should be refused");
    }
    for t in [
        "Do not round your back",
        "Avoid twisting",
        "Keep your hips square and do not twist",
        "Without sit-ups or crunches",
        "Never let your back round",
    ] {
        assert!(!refused(t, Field::Prose), "{t:?} should pass");
    }
}

#[test]
fn safe_look_alikes_pass_without_a_warning() {
    for t in [
        "Sit up tall",
        "Sit up straight",
        "Place a rolled-up towel under your neck",
        "Touch your toe on the step",
        "Anti-rotation press",
        "Anti-twist band hold",
        "Biceps curl",
        "Hamstring curl",
        "Turn around and walk back",
        "Reach the counter",
        "Tuck your chin",
        "Roll onto your side to get up",
        "Hip hinge",
        "Sit to stand",
        "Deadlift with a long back",
        "Walk with crutches",
        "Wall push-up",
        "Step-up",
    ] {
        let s = lex().screen(t, Field::Prose, &Context::default());
        assert_eq!(s, Screen::default(), "{t:?}");
    }
}

#[test]
fn ambiguous_words_warn() {
    for t in [
        "Curl up slowly",
        "Turn to the side",
        "Hug yourself",
        "Tuck your pelvis",
    ] {
        let s = lex().screen(t, Field::Prose, &Context::default());
        assert!(s.refused.is_some() || s.warned.is_some(), "{t:?}");
    }
    assert!(
        lex()
            .screen("Turn slowly to the left", Field::Prose, &Context::default())
            .warned
            .is_some()
    );
}

#[test]
fn names_imply_impact() {
    assert_eq!(
        lex().implied_impact("Tuck jumps").map(|x| x.0),
        Some(Impact::High)
    );
    assert_eq!(
        lex().implied_impact("Heel drops").map(|x| x.0),
        Some(Impact::Moderate)
    );
    assert_eq!(lex().implied_impact("Sit to stand"), None);
    assert_eq!(
        lex().implied_impact("Step without jumping").map(|x| x.0),
        None
    );
}

#[test]
fn a_negation_ends_at_a_clause_boundary() {
    for t in [
        "Do not rest: twist",
        "Don't stop; twist",
        "Do not rush - twist",
        "Do not rush, then twist",
        "Don't go fast instead twist",
        "Do not hold.Twist",
    ] {
        assert!(refused(t, Field::Prose), "{t:?} should be refused");
    }
    // "instead" alone says what to do; "instead of" is a negation.
    let s = lex().screen(
        "Do not twist: instead rotate fully",
        Field::Prose,
        &Context::default(),
    );
    assert!(s.refused.is_none() && s.warned.is_some(), "{s:?}");
    for t in [
        "Instead of twisting, step round",
        "No twisting, crunches or sit-ups",
        "Do not twist, bend or roll",
    ] {
        assert!(!refused(t, Field::Prose), "{t:?} should pass");
    }
    let s = lex().screen(
        "Do not twist, rotate fully",
        Field::Prose,
        &Context::default(),
    );
    assert!(
        s.warned.is_some(),
        "a comma without a list ends the negation"
    );
}

#[test]
fn spelled_masked_and_stretched_names_are_found() {
    for t in [
        "S-i-t-u-p-s",
        "C.r.u.n.c.h",
        "c r u n c h",
        "Cr*nches",
        "*runches",
        "Cruuunch",
        "TW!ST",
        "$!7-up$",
        "Cr.unch",
        "\u{1d04}\u{280}\u{1d1c}\u{274}\u{1d04}\u{29c}",
        "Twisst",
        "Sitt-ups",
    ] {
        assert!(refused(t, Field::Name), "{t:?} should be refused");
    }
    for t in [
        "Stand tall. Breathe",
        "Rest 30 s, e.g. sit",
        "Goooood",
        "Do it *slowly*",
        "Hula hoop",
    ] {
        let s = lex().screen(t, Field::Prose, &Context::default());
        assert_eq!(s, Screen::default(), "{t:?}");
    }
}

#[test]
fn names_of_a_setting_are_refused_only_there() {
    let pilates = lex().context(["Pilates mat class"]);
    assert!(pilates.has("pilates"));
    assert!(lex().screen("Saw", Field::Name, &pilates).refused.is_some());
    let elsewhere = lex().screen("Saw", Field::Name, &Context::default());
    assert!(elsewhere.refused.is_none());
    assert!(matches!(
        elsewhere.warned,
        Some((Warning::OutOfContext(_), _))
    ));
    assert!(!lex().context(["Balance class"]).has("pilates"));
}

#[test]
fn classes_and_sanskrit_spellings_expand() {
    for t in [
        "Curl your spine up",
        "Peel your lower back off the mat",
        "Stretch down to your toes",
        "Balasan",
        "Uttana",
        "Paschimottan",
        "Oberk\u{f6}rperrotationen",
        "Tor\u{e7}\u{f5}es de tronco",
    ] {
        assert!(refused(t, Field::Prose), "{t:?} should be refused");
    }
    // "bend back" is a backward bend, and a side-lying leg raise works the hip.
    for t in [
        "Bend back gently",
        "Side-lying leg raise",
        "Foam roll your upper back",
    ] {
        assert!(!refused(t, Field::Prose), "{t:?} should pass");
    }
}

#[test]
fn long_runs_of_masks_and_repeated_names_are_read_in_one_pass() {
    // A run of masks is no name (each mask would stand for any letter, a run of them for every
    // phrase), and reading it, or a text that repeats a name many times, takes time linear in
    // its length: before, 200,000 masks took over a minute.
    let masks = format!("{}a", "*".repeat(100_000));
    assert!(!refused(&masks, Field::Prose));
    // Up to three masks still hide a name; four hide too much for anyone to read it.
    assert!(refused("cr*nch", Field::Name));
    assert!(refused("c***ch", Field::Name));
    assert!(!refused("****ch", Field::Name));
    let many = "twist ".repeat(20_000);
    assert!(refused(&many, Field::Prose));
    let negated = format!("{}twist", "no twisting or ".repeat(10_000));
    assert!(!refused(&negated, Field::Prose));
}
