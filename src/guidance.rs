//! What every person is told, in their own words, whatever the program: how exercise should
//! feel (soreness versus sharp pain), the red flags that stop a session, and that the coach
//! does not diagnose. The wording follows the clinical notes (check-in model after
//! Silbernagel 2007; red flags; Too Fit To Fracture on exercise after a vertebral fracture),
//! written for the person rather than the physiotherapist.

/// One band of the check-in: what the person feels, what it means, what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub feels: &'static str,
    pub means: &'static str,
    pub action: &'static str,
}

/// Soreness versus sharp pain, from nothing to "stop".
pub const CHECK_IN: [Band; 4] = [
    Band {
        feels: "Nothing, or your muscles working",
        means: "Expected",
        action: "Carry on.",
    },
    Band {
        feels: "A mild, dull muscle ache that eases as you move (0-3 out of 10)",
        means: "Normal, especially when you are starting",
        action: "Carry on.",
    },
    Band {
        feels: "Stronger soreness, still dull (4-5 out of 10)",
        means: "Acceptable if it settles within a day",
        action: "Finish gently, and stay at the same level next time.",
    },
    Band {
        feels: "Sharp, stabbing or shooting pain, or pain above 5 out of 10",
        means: "Not normal",
        action: "Stop this exercise now. Do not make it harder; use the easier version next time, and have it checked by a health professional.",
    },
];

/// How soreness behaves over the next days, and what it changes.
pub const SORENESS_AFTER: &str = "Muscle soreness that starts 12 to 24 hours after exercise and is worst after one to three days is normal. If soreness from the last session is still there, or worse, the next morning, do not move up a level today. Sharp or sudden back pain is never \"acceptable\" soreness: it is a red flag.";

/// Stop the session and seek medical attention.
pub const RED_FLAGS: [&str; 5] = [
    "Sudden, severe back pain, especially after a minor strain or a fall (it may be a fracture).",
    "New numbness, tingling or weakness in your legs or arms.",
    "Numbness around your bottom or between your legs (the saddle area), or new problems controlling your bladder or bowel: get emergency care.",
    "Pain in your chest, jaw or arm, severe breathlessness, dizziness or fainting, or a racing or irregular heartbeat.",
    "Fever or chills with back pain, or a new change in the shape of your spine.",
];

/// What follows a red flag.
pub const AFTER_A_RED_FLAG: &str = "Stop the session and seek medical attention. Before your next session, check with a health professional that you are cleared to continue.";

/// Before the first session.
pub const BEFORE_YOU_START: &str = "Ask a health professional before you start a new exercise program. If you have a spine fracture that has not been assessed, do not start: after a vertebral fracture, exercise should be guided by a physiotherapist (Too Fit To Fracture).";

/// On every handout and safety screen.
pub const DISCLAIMER: &str = "upright coaches; it does not diagnose. It is not a medical device and does not replace advice from your doctor or physiotherapist.";

/// Effort: the Borg CR10 scale the check-ins use.
pub const EFFORT: &str = "Effort is scored from 0 (rest) to 10 (the hardest you can imagine). Strength work aims at 5 to 8: the last two repetitions should feel hard, but you keep good form.";
