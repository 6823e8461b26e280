//! How each test is set up safely and done, in the words the assessment screens and the
//! report use (after the CDC STEADI forms and the Senior Fitness Test; see
//! `shared/outcome-measures.md`). Every test: a helper beside you, support within reach,
//! stop on pain or dizziness, and the red-flag path one key away.

use super::Test;

/// Said before every test.
pub const STOP_ON: &str = "Stop at once if you feel pain or dizziness. If you have any red-flag symptom (chest pain, severe breathlessness, fainting, sudden severe back pain, new numbness or weakness), stop and use the red-flag key.";

/// The set-up and instructions for one test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Protocol {
    pub test: Test,
    /// What is needed.
    pub needs: &'static [&'static str],
    /// How to set up safely, before starting.
    pub setup: &'static [&'static str],
    /// How the test is done.
    pub how: &'static [&'static str],
    /// How upright records it.
    pub record: &'static str,
}

pub fn protocol(test: Test) -> Protocol {
    match test {
        Test::ChairStand => Protocol {
            test,
            needs: &[
                "a sturdy chair without arms, seat about 43 cm (17 in) high",
                "a helper",
            ],
            setup: &[
                "Put the chair with its back against a wall so it cannot slide.",
                "Your helper stands beside you, close enough to steady you.",
                "Sit in the middle of the seat, feet flat on the floor, back long.",
            ],
            how: &[
                "Cross your arms over your chest.",
                "Stand up fully, then sit down again, as many times as you can in 30 seconds, keeping the back long: the movement is at the hips.",
                "If you need your arms to stand, stop: the score is 0, and that is useful to know.",
                "If you are more than halfway up when time ends, that stand counts.",
            ],
            record: "Press a key at each full stand, or enter the count afterwards.",
        },
        Test::TimedUpAndGo => Protocol {
            test,
            needs: &[
                "a chair with arms",
                "a mark on the floor 3 m (10 ft) away",
                "a helper",
            ],
            setup: &[
                "Put the chair against a wall; clear the path of rugs and clutter.",
                "Your helper walks beside you, on your weaker side.",
                "Wear your usual shoes and use your usual walking aid, if you have one.",
            ],
            how: &[
                "Sit with your back against the chair.",
                "On \"go\": stand up, walk to the mark at your normal pace, turn, walk back and sit down.",
                "Time runs from \"go\" until you are sitting again.",
            ],
            record: "Enter starts the stopwatch; Enter again stops it. Or enter the time afterwards.",
        },
        Test::FourStageBalance => Protocol {
            test,
            needs: &["a counter or sturdy chair within reach", "a helper"],
            setup: &[
                "Stand beside a counter, close enough to hold it if you need to.",
                "Your helper stands beside you, ready to steady you.",
                "No shoes with heels; no walking aid for this test.",
            ],
            how: &[
                "Hold each of four positions for 10 seconds, eyes open, without holding on:",
                "1. feet side by side; 2. the instep of one foot touching the big toe of the other; 3. one foot in front of the other, heel touching toe; 4. standing on one foot.",
                "Move to the next position only when you have held this one for 10 seconds.",
                "If you need to hold on, move your feet or step, the test stops there.",
            ],
            record: "Each stage counts down 10 seconds; press a key if you lose the position.",
        },
        Test::SingleLegStance => Protocol {
            test,
            needs: &["a counter or sturdy chair within reach", "a helper"],
            setup: &[
                "Stand beside a counter, close enough to hold it if you need to.",
                "Your helper stands beside you, ready to steady you.",
            ],
            how: &[
                "Eyes open, arms by your sides or on your hips.",
                "Lift one foot just off the floor and hold as long as you can, up to 30 seconds.",
                "Time stops when the lifted foot touches down, the standing foot moves, or you hold on.",
                "Then the other leg.",
            ],
            record: "Enter starts the time; a key stops it when the foot touches down.",
        },
        Test::TwoMinuteStep => Protocol {
            test,
            needs: &[
                "a wall or counter to touch for balance",
                "a mark on the wall at knee height (midway between kneecap and hip bone)",
                "a helper to count",
            ],
            setup: &[
                "Stand beside a wall or counter you can touch for balance.",
                "Your helper stands beside you and counts.",
            ],
            how: &[
                "March on the spot for 2 minutes, raising each knee to the mark.",
                "Count the times the right knee reaches the mark.",
                "Slow down or rest if you need to; the clock keeps running.",
            ],
            record: "Press a key at each right-knee raise, or enter the count afterwards.",
        },
        Test::OcciputToWall => Protocol {
            test,
            needs: &["a wall", "a tape measure or ruler", "a helper to measure"],
            setup: &[
                "Stand with your heels, bottom and shoulder blades against the wall.",
                "Look straight ahead, chin level: do not tip the head back to reach the wall.",
            ],
            how: &[
                "Your helper measures from the wall to the back of your head, in centimetres.",
                "If the head touches the wall, the distance is 0.",
            ],
            record: "Your helper enters the distance.",
        },
        Test::Height => Protocol {
            test,
            needs: &[
                "a wall",
                "a tape measure and a flat book or ruler",
                "a helper to measure",
            ],
            setup: &["No shoes; stand with your heels against the wall, looking straight ahead."],
            how: &[
                "Your helper rests a flat book on top of your head, level, and marks the wall under it.",
                "Measure from the floor to the mark, in centimetres.",
            ],
            record: "Your helper enters the height.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_test_has_a_safe_set_up_with_a_helper() {
        for test in Test::ALL {
            let p = protocol(test);
            assert_eq!(p.test, test);
            assert!(!p.setup.is_empty() && !p.how.is_empty(), "{test:?}");
            assert!(
                p.needs.iter().any(|n| n.contains("helper")),
                "{test:?} asks for a helper"
            );
            let text = [p.setup, p.how].concat().join(" ").to_lowercase();
            for banned in ["bend forward", "touch your toes", "reach down", "twist"] {
                assert!(!text.contains(banned), "{test:?}: {banned}");
            }
        }
        let chair = protocol(Test::ChairStand).setup.join(" ");
        assert!(chair.contains("against a wall"));
        assert!(STOP_ON.contains("pain or dizziness"));
    }
}
