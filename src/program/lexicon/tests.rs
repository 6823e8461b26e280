//! The matcher on the bundled lexicon: the issue's examples and their safe look-alikes. The
//! large corpus is `tests/checker_corpus.rs`.

use super::*;
use crate::program::Library;

fn lex() -> &'static Lexicon {
    Library::bundled().lexicon()
}

fn refused(text: &str, field: Field) -> bool {
    lex().screen(text, field).refused.is_some()
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
        let s = lex().screen(t, Field::Prose);
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
        let s = lex().screen(t, Field::Prose);
        assert!(s.refused.is_some() || s.warned.is_some(), "{t:?}");
    }
    assert!(
        lex()
            .screen("Turn slowly to the left", Field::Prose)
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
