//! `upright explain CODE`: for every diagnostic code, what it means, why the rule exists (with
//! the public guidance behind it, as listed in the project's clinical notes) and a before and
//! after example, in the manner of `rustc --explain`. The entries are a `match` on `Code`, so
//! a new code without an explanation does not compile; the tests run every example through
//! the real checker, so an example can never drift from the rule it shows.

use std::fmt::Write as _;

use crate::common::text::wrap;
use crate::program::{Code, Severity};

/// Public guidance a rule rests on (the sources of `clinical.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Sinaki M, Mikkelsen BA. Postmenopausal spinal osteoporosis: flexion versus extension
    /// exercises. Arch Phys Med Rehabil 1984.
    SinakiMikkelsen1984,
    /// Giangregorio LM et al. Too Fit To Fracture: exercise recommendations for individuals
    /// with osteoporosis or osteoporotic vertebral fracture. Osteoporos Int 2014 (and the
    /// 2015 outcomes paper).
    TooFitToFracture,
    /// Royal Osteoporosis Society. Strong, Steady and Straight: an expert consensus statement
    /// on physical activity and exercise for osteoporosis. 2019.
    Ros2019,
    /// Watson SL et al. High-intensity resistance and impact training (LIFTMOR). J Bone Miner
    /// Res 2018.
    Liftmor2018,
    /// Silbernagel KG et al. The pain-monitoring model. Am J Sports Med 2007.
    Silbernagel2007,
    /// upright's own program format contract, `docs/program-format.md`.
    Format,
}

impl Source {
    pub fn citation(self) -> &'static str {
        match self {
            Source::SinakiMikkelsen1984 => {
                "Sinaki & Mikkelsen 1984 (flexion versus extension exercises)"
            }
            Source::TooFitToFracture => "Too Fit To Fracture 2014/2015 (Giangregorio et al.)",
            Source::Ros2019 => {
                "Royal Osteoporosis Society, \"Strong, Steady and Straight\" consensus 2019"
            }
            Source::Liftmor2018 => "LIFTMOR trial (Watson et al. 2018)",
            Source::Silbernagel2007 => "Silbernagel 2007 pain-monitoring model",
            Source::Format => "the upright program format (docs/program-format.md)",
        }
    }
}

/// Where an example's text sits in a program file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The whole file.
    File,
    /// The program's fields before `sessions` (title, level, per_week, ...).
    Fields,
    /// One item of a block.
    Item,
    /// All the items of a block.
    Items,
    /// A block of a session.
    Block,
    /// A session of the program.
    Session,
    /// The program's own `exercises` list.
    Exercises,
    /// Not program text: the file itself (its size or encoding), described in words.
    Described,
}

impl Context {
    pub fn label(self) -> &'static str {
        match self {
            Context::File => "the whole file",
            Context::Fields => "the program's fields",
            Context::Item => "an item in a block",
            Context::Items => "the items of a block",
            Context::Block => "a block in a session",
            Context::Session => "a session",
            Context::Exercises => "the program's own `exercises` list",
            Context::Described => "the file itself",
        }
    }
}

/// Everything `upright explain` says about one code.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    pub code: Code,
    /// What the diagnostic means, in plain words.
    pub what: &'static str,
    /// Why the rule exists.
    pub why: &'static str,
    pub sources: &'static [Source],
    pub context: Context,
    pub before: &'static str,
    pub after: &'static str,
    /// Codes worth reading next.
    pub see_also: &'static [Code],
}

use Source::*;

/// The explanation of `code`. Every code has one: this is a `match` without a wildcard.
pub fn explain(code: Code) -> Explanation {
    let e = |what, why, sources, context, before, after| Explanation {
        code,
        what,
        why,
        sources,
        context,
        before,
        after,
        see_also: &[],
    };
    match code {
        Code::TooLarge => e(
            "The file is bigger than 1 MiB (1024 KiB), the most a program file may be. upright stops reading at the limit and checks nothing else.",
            "A program is a few KiB of text: the largest bundled program is about 11 KiB. A file a hundred times that size is almost always the wrong file (an exported spreadsheet, a log, a PDF renamed to .ron), and refusing it before reading it keeps the checker fast and safe.",
            &[Format],
            Context::Described,
            "a 5 MB spreadsheet export saved as `knees.ron`",
            "the program's own `.ron` file, written with a plain-text editor or `upright new`",
        ),
        Code::NotUtf8 => e(
            "The bytes of the file are not UTF-8 text. The position points at the first byte that is not.",
            "Program files are plain text so they can be read, compared and mailed safely. A word-processor document (.docx, .pages, .rtf) or a file saved in an old encoding is not plain text, and guessing at it could turn a dose or a caution into something else.",
            &[Format],
            Context::Described,
            "a program typed in a word processor and saved as `program.ron`",
            "the same text saved from a plain-text editor as UTF-8 (UTF-16 with a byte-order mark, as Windows editors save \"Unicode\", also loads)",
        ),
        Code::Unreadable => e(
            "The file could not be read at all: it is not readable by you (its permissions), it vanished while upright was reading it, or the disk reported an error.",
            "upright cannot check, run or print a program it cannot read. `upright check` stops with exit status 2 for such a file, because the check itself could not run; the home screen lists the file with this message so it is not silently missing.",
            &[Format],
            Context::Described,
            "a program copied from another account, readable only by that account",
            "the same file with read permission for you (for example `chmod u+r program.ron`), or a copy you own",
        ),
        Code::EmptyFile => e(
            "The file is empty, or holds only spaces and blank lines.",
            "An empty file is usually a save that went wrong or a new file not yet written; upright says so rather than running nothing.",
            &[Format],
            Context::Described,
            "an empty `program.ron`",
            "a program started with `upright new program.ron`, which passes `upright check` at once",
        ),
        Code::ControlCharacter => e(
            "The text holds an invisible control character (an escape, a tab inside text, a bell) or a character that reverses the direction of text. The position points at it, or at the text that holds it when it was written as an escape such as `\\u{1b}`.",
            "Program text is shown on a terminal, and some control characters are commands to the terminal: they can clear the screen, recolour or hide text, or make a caution read differently from what the file says. None of them belongs in a title, cue or caution, so they are refused wherever they appear.",
            &[Format],
            Context::Fields,
            "title: \"Strong \\u{1b}[1mback\",\nlevel: Beginner,\nper_week: 2,",
            "title: \"Strong back\",\nlevel: Beginner,\nper_week: 2,",
        ),
        Code::Syntax => e(
            "The file is not well-formed RON: a comma, bracket or quote is missing or out of place. The position points where the reader stopped; for a missing comma at the end of a line it points at the end of that line.",
            "Nothing in a file that cannot be read can be trusted, so a program with a syntax error does not run at all. `upright check --watch` shows the error as you type and clears it when the file reads again.",
            &[Format],
            Context::Item,
            "Item(exercise: \"sit-to-stand\" dose: Reps(sets: 2, reps: 8, rest: 60)),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),",
        ),
        Code::NotAProgram => e(
            "The file holds something other than one `Program(...)`: JSON, a single `Session(...)`, the exercise library, or text that is not RON.",
            "A program file holds one whole program, so it can be checked, run and printed on its own.",
            &[Format],
            Context::File,
            "{\"title\": \"Home strength\", \"level\": \"Beginner\"}",
            "Program(\n    title: \"Home strength\",\n    level: Beginner,\n    per_week: 2,\n    sessions: [\n        Session(name: \"A\", blocks: [\n            Block(name: \"Main\", items: [\n                Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),\n                Item(exercise: \"tandem-stance\", dose: Time(secs: 30)),\n                Item(exercise: \"prone-back-extension\", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),\n            ]),\n        ]),\n    ],\n)",
        ),
        Code::UnknownField => e(
            "A field name that the format does not have at this place, often a typo. The help suggests the closest field name, or lists the fields that are allowed.",
            "A misspelt field would otherwise be ignored silently: `repetitions: 8` read as no reps at all, or `cuation:` as no caution. Refusing unknown names means what the physiotherapist wrote is what the person gets.",
            &[Format],
            Context::Item,
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, repetitions: 8, rest: 60)),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),",
        ),
        Code::UnknownVariant => e(
            "A choice that the format does not have: a level, kind, spine, impact, dose or progress step with an unknown name. The help suggests the closest one.",
            "Each of these choices changes what the coach does (a level changes the impact rules, a kind counts towards the weekly dose), so a guess is never made.",
            &[Format],
            Context::Fields,
            "title: \"Home strength\",\nlevel: Beginer,\nper_week: 2,",
            "title: \"Home strength\",\nlevel: Beginner,\nper_week: 2,",
        ),
        Code::MissingField => e(
            "A required field is missing: a program needs `title`, `level`, `per_week` and `sessions`; an item needs `exercise` and `dose`; a dose needs its numbers.",
            "There is no safe default for how many reps or how long a hold: the physiotherapist decides, so the file must say.",
            &[Format],
            Context::Item,
            "Item(exercise: \"sit-to-stand\"),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),",
        ),
        Code::DuplicateField => e(
            "The same field is written twice in one value.",
            "With two values for one field, one of them would be ignored; which one is not obvious to someone reading the file, so neither is guessed.",
            &[Format],
            Context::Item,
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60, reps: 10)),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 10, rest: 60)),",
        ),
        Code::WrongType => e(
            "A value of the wrong type: words where a number belongs, a number where text belongs, a single value where a list `[...]` belongs, or a negative or fractional number in a dose.",
            "Doses are whole numbers of reps, sets and seconds; anything else cannot be coached exactly.",
            &[Format],
            Context::Item,
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: \"eight\", rest: 60)),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),",
        ),
        Code::TextLength => e(
            "A title, name or id is empty or longer than 80 characters, or a cue is empty or longer than 140 characters.",
            "Names and cues are read during exercise, on a screen that may be small and from a distance. An empty name shows nothing; a cue longer than two lines of the narrowest session screen is cut off. Longer explanations belong in the summary, the caution or a second cue.",
            &[Format],
            Context::Fields,
            "title: \"\",\nlevel: Beginner,\nper_week: 2,",
            "title: \"Home strength\",\nlevel: Beginner,\nper_week: 2,",
        ),
        Code::OutOfRange => e(
            "A program setting outside its range: `per_week` is 1 to 7 sessions a week, `advance_after` is 1 to 12 clean sessions before an item moves up.",
            "A week has seven days; and an item that moved up after no clean sessions, or only after months, would not be progressing the way the guidance asks (gradual, effort-led progression: Too Fit To Fracture; ROS 2019).",
            &[TooFitToFracture, Ros2019, Format],
            Context::Fields,
            "title: \"Home strength\",\nlevel: Beginner,\nper_week: 8,",
            "title: \"Home strength\",\nlevel: Beginner,\nper_week: 3,",
        ),
        Code::NoSessions => e(
            "The program's `sessions` list is empty.",
            "A program without a session has nothing for the coach to run.",
            &[Format],
            Context::File,
            "Program(title: \"Home strength\", level: Beginner, per_week: 2, sessions: [])",
            "Program(\n    title: \"Home strength\",\n    level: Beginner,\n    per_week: 2,\n    sessions: [\n        Session(name: \"A\", blocks: [\n            Block(name: \"Main\", items: [\n                Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),\n                Item(exercise: \"tandem-stance\", dose: Time(secs: 30)),\n                Item(exercise: \"prone-back-extension\", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),\n            ]),\n        ]),\n    ],\n)",
        ),
        Code::DuplicateSession => e(
            "Two sessions have the same name (ignoring case and surrounding spaces).",
            "Sessions are taken in turn and recorded in the journal by name; two sessions called \"A\" could not be told apart in the person's history or on the handout.",
            &[Format],
            Context::Session,
            "Session(name: \"A\", blocks: [\n    Block(name: \"Main\", items: [\n        Item(exercise: \"bridge\", dose: Reps(sets: 2, reps: 8, rest: 60)),\n    ]),\n]),",
            "Session(name: \"B\", blocks: [\n    Block(name: \"Main\", items: [\n        Item(exercise: \"bridge\", dose: Reps(sets: 2, reps: 8, rest: 60)),\n    ]),\n]),",
        ),
        Code::EmptySession => e(
            "A session has no blocks.",
            "A session with nothing in it would start and end at once, and still count as a session done.",
            &[Format],
            Context::Session,
            "Session(name: \"B\", blocks: []),",
            "Session(name: \"B\", blocks: [\n    Block(name: \"Main\", items: [\n        Item(exercise: \"bridge\", dose: Reps(sets: 2, reps: 8, rest: 60)),\n    ]),\n]),",
        ),
        Code::EmptyBlock => e(
            "A block has no items.",
            "An empty block is usually an unfinished edit; the coach would show its name and then nothing.",
            &[Format],
            Context::Block,
            "Block(name: \"Cool-down\", items: []),",
            "Block(name: \"Cool-down\", items: [\n    Item(exercise: \"seated-tall-posture\", dose: Holds(sets: 1, reps: 5, hold: 5, rest: 0)),\n]),",
        ),
        Code::PickRange => e(
            "A block's `pick` (how many of its items each run draws at random) is 0, or more than the block has.",
            "`pick` gives variety while keeping the amount of work the same; it can only choose among the items that are there, and must choose at least one.",
            &[Format],
            Context::Block,
            "Block(name: \"Warm-up\", pick: 3, items: [\n    Item(exercise: \"march-on-the-spot\", dose: Time(secs: 120)),\n    Item(exercise: \"weight-shifts\", dose: Time(secs: 60)),\n]),",
            "Block(name: \"Warm-up\", pick: 1, items: [\n    Item(exercise: \"march-on-the-spot\", dose: Time(secs: 120)),\n    Item(exercise: \"weight-shifts\", dose: Time(secs: 60)),\n]),",
        ),
        Code::UnknownExercise => e(
            "An item names an exercise id that is neither in the bundled library nor in the program's own `exercises`. The help suggests the closest id.",
            "Every exercise the coach shows has been checked: its spine position, impact, cues and caution. An unknown id has none of that, so it cannot be run. `upright library` lists the bundled ids; your own exercises go in the program's `exercises` list, where the same rules check them.",
            &[Format],
            Context::Item,
            "Item(exercise: \"sit-to-stnd\", dose: Reps(sets: 2, reps: 8, rest: 60)),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),",
        ),
        Code::DoseRange => e(
            "A dose number outside its safe range: sets 1-10, reps 1-50, rest 0-600 s, tempo 1-20 s a rep, hold 1-120 s, time 1-3600 s.",
            "The ranges are wide enough for every program in the guidance (resistance at 8-12 reps for 1-3 sets, holds of 3-5 s for back extensors, 15-20 minutes of balance: Too Fit To Fracture; ROS 2019) and catch the typing slips that would be unsafe or meaningless, such as 0 reps or 80 sets.",
            &[TooFitToFracture, Ros2019],
            Context::Item,
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 12, reps: 8, rest: 60)),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 3, reps: 8, rest: 60)),",
        ),
        Code::ProgressStep => e(
            "A progress step adds nothing: `AddReps` or `AddTime` with `step: 0`.",
            "A step that adds nothing would hold the item at its level for ever while the coach reports progress.",
            &[Format],
            Context::Item,
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60), progress: [AddReps(step: 0, up_to: 12)]),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60), progress: [AddReps(step: 1, up_to: 12)]),",
        ),
        Code::ProgressCap => e(
            "A progress step's `up_to` is below where the dose starts, or above the most the dose allows (50 reps, 10 sets, 120 s holds, 3600 s).",
            "Progression is gradual and capped: 8-12 reps, working up to 3 sets (Too Fit To Fracture; ROS 2019). A cap below the start would make the step go backwards; a cap above the limit could grow a dose past what is safe to coach unsupervised.",
            &[TooFitToFracture, Ros2019],
            Context::Item,
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60), progress: [AddReps(step: 1, up_to: 6)]),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60), progress: [AddReps(step: 1, up_to: 12)]),",
        ),
        Code::ProgressMismatch => e(
            "A progress step does not fit the dose: `AddReps` on timed work (`Time`), or `AddTime` on counted reps (`Reps`). `AddTime` lengthens `secs` of `Time` or `hold` of `Holds`.",
            "The coach must know exactly which number grows; a step that fits no number of the dose would never apply.",
            &[Format],
            Context::Item,
            "Item(exercise: \"march-on-the-spot\", dose: Time(secs: 60), progress: [AddReps(step: 1, up_to: 12)]),",
            "Item(exercise: \"march-on-the-spot\", dose: Time(secs: 60), progress: [AddTime(step: 30, up_to: 180)]),",
        ),
        Code::ProgressHarder => e(
            "A `Harder` progress step on an exercise that has no `harder` variant (after any earlier `Harder` steps).",
            "`Harder` switches to the next rung of the exercise's ladder; where there is none, the step would silently do nothing. The top of some ladders is left to the physiotherapist on purpose: the rung above stamping is jumping (high impact), and LIFTMOR-style heavy lifting is for supervised programs only (Watson 2018).",
            &[Liftmor2018, Ros2019],
            Context::Item,
            "Item(exercise: \"chin-tuck\", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0), progress: [AddReps(step: 1, up_to: 8), Harder]),",
            "Item(exercise: \"chin-tuck\", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0), progress: [AddReps(step: 1, up_to: 8)]),",
        ),
        Code::IdFormat => e(
            "An exercise id that is not lowercase words joined by hyphens (kebab-case), such as \"my-lift\".",
            "Ids are typed by hand in items, compared exactly and kept in the journal; one plain spelling avoids near-duplicates such as \"My Lift\", \"my_lift\" and \"my-lift\".",
            &[Format],
            Context::Exercises,
            "Exercise(id: \"My Lift\", name: \"My lift\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Stand tall.\"]),",
            "Exercise(id: \"my-lift\", name: \"My lift\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Stand tall.\"]),",
        ),
        Code::DuplicateId => e(
            "Two exercises in the program share an id, or a program's own exercise has the id of a bundled library exercise.",
            "An item names its exercise by id; with two exercises behind one id, the person could be shown different cues and cautions from the ones the physiotherapist checked.",
            &[Format],
            Context::Exercises,
            "Exercise(id: \"bridge\", name: \"Bridge on the bed\", kinds: [Resistance, Extension], spine: Neutral, impact: None, cues: [\"Lie on your back, knees bent.\"]),",
            "Exercise(id: \"bed-bridge\", name: \"Bridge on the bed\", kinds: [Resistance, Extension], spine: Neutral, impact: None, cues: [\"Lie on your back, knees bent.\"]),",
        ),
        Code::NoKinds => e(
            "An exercise has an empty `kinds` list.",
            "The kinds (WeightBearing, Resistance, Balance, Extension) are how the checker and the weekly dose summary know what a program covers; the guidance sets a dose for each kind (Too Fit To Fracture; ROS 2019).",
            &[TooFitToFracture, Ros2019],
            Context::Exercises,
            "Exercise(id: \"my-lift\", name: \"My lift\", kinds: [], spine: Neutral, impact: None, cues: [\"Stand tall.\"]),",
            "Exercise(id: \"my-lift\", name: \"My lift\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Stand tall.\"]),",
        ),
        Code::NoCues => e(
            "An exercise has no cues.",
            "Cues are what the coach shows while the person works: how to set up, what to keep long, where to look. An exercise without them cannot be coached at home.",
            &[Format],
            Context::Exercises,
            "Exercise(id: \"my-lift\", name: \"My lift\", kinds: [Resistance], spine: Neutral, impact: None, cues: []),",
            "Exercise(id: \"my-lift\", name: \"My lift\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Stand tall.\"]),",
        ),
        Code::UnknownLink => e(
            "An exercise's `easier` or `harder` names an id that is not an exercise.",
            "The coach offers the easier variant when something hurts (sharp pain means stop and go easier: the check-in model after Silbernagel 2007), and `Harder` progress steps move to the harder one; a broken link would leave the person with nothing to switch to.",
            &[Silbernagel2007, Format],
            Context::Exercises,
            "Exercise(id: \"my-lift\", name: \"My lift\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Stand tall.\"], easier: \"sit-to-stnd\"),",
            "Exercise(id: \"my-lift\", name: \"My lift\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Stand tall.\"], easier: \"sit-to-stand\"),",
        ),
        Code::LinkCycle => e(
            "Following `easier` (or `harder`) from an exercise comes back to it.",
            "A ladder has a bottom and a top. In a loop, \"easier\" could lead back to the exercise that hurt, and a `Harder` step could go round for ever.",
            &[Format],
            Context::Exercises,
            "Exercise(id: \"step-a\", name: \"Step A\", kinds: [Balance], spine: Neutral, impact: None, cues: [\"Hold the counter.\"], harder: \"step-b\"),\nExercise(id: \"step-b\", name: \"Step B\", kinds: [Balance], spine: Neutral, impact: None, cues: [\"Hold the counter.\"], harder: \"step-a\"),",
            "Exercise(id: \"step-a\", name: \"Step A\", kinds: [Balance], spine: Neutral, impact: None, cues: [\"Hold the counter.\"], harder: \"step-b\"),\nExercise(id: \"step-b\", name: \"Step B\", kinds: [Balance], spine: Neutral, impact: None, cues: [\"Hold the counter.\"], easier: \"step-a\"),",
        ),
        Code::Flexion => Explanation {
            see_also: &[Code::DisguisedFlexion],
            ..e(
                "An exercise is marked `spine: Flexion`: it bends the spine forward.",
                "Forward bending loads the front of the vertebrae, where osteoporotic spine fractures happen. In Sinaki & Mikkelsen's study of women with spinal osteoporosis, new spine fractures followed in 89% of those given flexion exercises against 16% of those given extension exercises (a small study, not randomised, but the guidance since agrees). Too Fit To Fracture and the Royal Osteoporosis Society both advise against sit-ups, crunches, toe touches and other rapid, repeated or loaded forward bending. `Flexion` exists so an exercise can be described honestly and refused.",
                &[SinakiMikkelsen1984, TooFitToFracture, Ros2019],
                Context::Exercises,
                "Exercise(id: \"seated-trunk-curl\", name: \"Seated trunk curl\", kinds: [Resistance], spine: Flexion, impact: None, cues: [\"Sit tall, then lower your chest towards your knees.\"]),",
                "Exercise(id: \"seated-back-lift\", name: \"Seated back lift\", kinds: [Extension], spine: Extension, impact: None, cues: [\"Sit tall, then lift your breastbone a little, eyes level.\"]),",
            )
        },
        Code::Twisting => Explanation {
            see_also: &[Code::DisguisedTwisting],
            ..e(
                "An exercise is marked `spine: Rotation`: it twists the spine.",
                "Twisting, especially with a load or at the end of the range, raises the risk of a spine fracture; Too Fit To Fracture and the Royal Osteoporosis Society advise against loaded or end-of-range twisting such as Russian twists, wood chops and seated spinal twists. Strengthen the trunk with the spine still, for example by pulling a band apart or lifting an arm and the opposite leg.",
                &[TooFitToFracture, Ros2019],
                Context::Exercises,
                "Exercise(id: \"band-turn\", name: \"Standing band turn\", kinds: [Resistance], spine: Rotation, impact: None, cues: [\"Hold the band at chest height and turn to the side.\"]),",
                "Exercise(id: \"band-press-out\", name: \"Standing band press-out\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Hold the band at chest height, press it straight out and keep your chest facing forward.\"]),",
            )
        },
        Code::SideBend => Explanation {
            see_also: &[Code::DisguisedSideBend],
            ..e(
                "An exercise is marked `spine: SideBend`: it bends the spine sideways.",
                "End-of-range bending of the spine, sideways as well as forward, loads the vertebrae unevenly; the guidance asks for the spine to stay long and upright while the hips, legs and shoulders do the work (Too Fit To Fracture; ROS 2019).",
                &[TooFitToFracture, Ros2019],
                Context::Exercises,
                "Exercise(id: \"side-reach\", name: \"Standing side reach\", kinds: [Balance], spine: SideBend, impact: None, cues: [\"Reach over your head towards the other side.\"]),",
                "Exercise(id: \"tall-reach\", name: \"Standing tall reach\", kinds: [Balance], spine: Neutral, impact: None, cues: [\"Hold the counter and reach forward at shoulder height, back tall.\"]),",
            )
        },
        Code::DisguisedFlexion => Explanation {
            see_also: &[Code::Flexion],
            ..e(
                "An exercise's id, name, cues or caution name a forward-bending movement (sit-up, crunch, toe touch, forward fold, roll-up, knees to chest, child's pose, plough, \"round your back\", \"curl up\", ...), whatever its `spine` says. An item naming such a movement as its exercise is refused the same way. A cue may still warn against one: \"do not round your back\" passes.",
                "The spine label is easy to get wrong and easy to miss when copying an exercise; the words are what the person will do. Forward bending was followed by far more spine fractures than extension work (Sinaki & Mikkelsen 1984: 89% against 16%), and Too Fit To Fracture and the Royal Osteoporosis Society advise against it. The list of phrases is data in `assets/contraindicated.ron`; each one suggests a safe exercise instead.",
                &[SinakiMikkelsen1984, TooFitToFracture, Ros2019],
                Context::Exercises,
                "Exercise(id: \"core-work\", name: \"Gentle crunches\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Lie on your back and lift your shoulders.\"]),",
                "Exercise(id: \"core-work\", name: \"Gentle back lift\", kinds: [Extension], spine: Extension, impact: None, cues: [\"Lie face down, pillow under your hips.\", \"Lift your chest a little, eyes down.\"]),",
            )
        },
        Code::DisguisedTwisting => Explanation {
            see_also: &[Code::Twisting],
            ..e(
                "An exercise's id, name, cues or caution name a twisting movement (twist, Russian twist, wood chop, windmill, trunk rotation, thread the needle, ...), whatever its `spine` says.",
                "Loaded or end-of-range twisting raises the risk of a spine fracture (Too Fit To Fracture; ROS 2019). The words are what the person will do, so they are checked as well as the label.",
                &[TooFitToFracture, Ros2019],
                Context::Exercises,
                "Exercise(id: \"core-turns\", name: \"Seated Russian twist\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Sit tall and hold a light ball.\"]),",
                "Exercise(id: \"core-hold\", name: \"Four-point arm lift\", kinds: [Extension, Balance], spine: Neutral, impact: None, cues: [\"On hands and knees, back flat.\", \"Lift one arm forward, hold, lower.\"]),",
            )
        },
        Code::DisguisedSideBend => Explanation {
            see_also: &[Code::SideBend],
            ..e(
                "An exercise's id, name, cues or caution name bending the spine to the side (side bend, lateral bend, bend sideways, ...), whatever its `spine` says.",
                "The spine stays long and upright; the guidance advises against end-of-range bending of the spine (Too Fit To Fracture; ROS 2019). The words are checked as well as the label.",
                &[TooFitToFracture, Ros2019],
                Context::Exercises,
                "Exercise(id: \"waist-work\", name: \"Standing side bends\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Hold a light weight in one hand.\"]),",
                "Exercise(id: \"waist-work\", name: \"Suitcase hold\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Hold a light weight in one hand and stand tall, level shoulders.\"]),",
            )
        },
        Code::PoseSpine => Explanation {
            see_also: &[Code::Flexion, Code::Figure],
            ..e(
                "A pose of the exercise's figure bends the trunk forward (or, seen from the front, to the side) or twists it against the pelvis by more than 10°, whatever the exercise's `spine` and cues say. This is a second check, independent of the words: the picture must agree with `spine:`.",
                "People copy what they see. A drawing of a rounded back teaches a rounded back, and forward bending was followed by far more spine fractures than extension work (Sinaki & Mikkelsen 1984: 89% against 16%); Too Fit To Fracture and the Royal Osteoporosis Society ask for the spine to stay long while the hips, knees and shoulders move. A hip hinge is drawn with `pelvis` (the whole back tilts at the hips) and `trunk: 0`.",
                &[SinakiMikkelsen1984, TooFitToFracture, Ros2019],
                Context::Exercises,
                "Exercise(id: \"pick-up\", name: \"Pick up a bag\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Push your hips back, back long.\"], figure: Figure(poses: [Pose(), Pose(pelvis: 30, trunk: 40, hips: (30, 30), knees: (20, 20))])),",
                "Exercise(id: \"pick-up\", name: \"Pick up a bag\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Push your hips back, back long.\"], figure: Figure(poses: [Pose(), Pose(pelvis: 45, hips: (45, 45), knees: (20, 20))])),",
            )
        },
        Code::Figure => Explanation {
            see_also: &[Code::PoseSpine],
            ..e(
                "An exercise's figure cannot be drawn: it has fewer than two poses, an angle beyond what the joint does, a pose resting on a chair or step the figure does not have, a prop far out of the picture, or a `figure_of` that names no exercise with a figure (or comes with a `figure` of its own).",
                "The figure shows the person how to start and where to move, beside the cues and in the handout; one pose shows no movement, and an impossible angle draws a body no one can copy. The format of figures is in docs/program-format.md.",
                &[Format],
                Context::Exercises,
                "Exercise(id: \"my-hinge\", name: \"My hinge\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Push your hips back, back long.\"], figure_of: \"hip-hing\"),",
                "Exercise(id: \"my-hinge\", name: \"My hinge\", kinds: [Resistance], spine: Neutral, impact: None, cues: [\"Push your hips back, back long.\"], figure_of: \"hip-hinge\"),",
            )
        },
        Code::HighImpact => e(
            "A warning: an item uses a high-impact exercise (jumping, hopping).",
            "About 50 moderate impacts on most days helps bone (heel drops, stamping: ROS 2019), and supervised high-intensity programs have gone further (LIFTMOR, Watson 2018, with careful screening and supervision). High impact suits only people assessed as able; with a spine fracture, the advice is no more impact than brisk walking (ROS 2019). The warning asks the physiotherapist to confirm it is intended; the program still runs.",
            &[Ros2019, Liftmor2018],
            Context::Item,
            "Item(exercise: \"small-jumps\", dose: Reps(sets: 2, reps: 10, rest: 60)),",
            "Item(exercise: \"march-on-the-spot\", dose: Time(secs: 60)),",
        ),
        Code::ModerateImpactBeginner => e(
            "A warning: a Beginner program uses a moderate-impact exercise (heel drops, stamping).",
            "Moderate impacts are the bone-loading part of the guidance (about 50 on most days: ROS 2019), but a beginner may not yet have been assessed for them, and after a spine fracture the advice is no more impact than brisk walking. Start with low-impact marching, or mark the program Intermediate when the person has been assessed.",
            &[Ros2019],
            Context::Item,
            "Item(exercise: \"heel-drops\", dose: Reps(sets: 2, reps: 10, rest: 60)),",
            "Item(exercise: \"march-on-the-spot\", dose: Time(secs: 60)),",
        ),
        Code::LongSession => e(
            "A warning: a session is estimated at over 60 minutes (work, rests, getting ready and the coach's check-ins).",
            "Quality falls and the risk of a slip rises when people are tired; the guidance doses each kind of work in minutes a day (balance 15-20 minutes, extension 5-10 minutes: Too Fit To Fracture) rather than in long sessions. Consider splitting the session in two.",
            &[TooFitToFracture],
            Context::Session,
            "Session(name: \"Walk\", blocks: [\n    Block(name: \"Walk\", items: [\n        Item(exercise: \"brisk-walking\", dose: Time(secs: 2400, sets: 2, rest: 120)),\n    ]),\n]),",
            "Session(name: \"Walk\", blocks: [\n    Block(name: \"Walk\", items: [\n        Item(exercise: \"brisk-walking\", dose: Time(secs: 1200, sets: 2, rest: 120)),\n    ]),\n]),",
        ),
        Code::NoBalance => e(
            "A warning: no item in the program is a Balance exercise.",
            "Most broken bones in osteoporosis come from falls. Balance training most days, 15-20 minutes, with a counter or chair for support, is part of every recommendation (Too Fit To Fracture; ROS 2019 \"Steady\"). A program may leave it out on purpose when the person does a separate balance routine; the warning is a reminder.",
            &[TooFitToFracture, Ros2019],
            Context::Items,
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),\nItem(exercise: \"prone-back-extension\", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),\nItem(exercise: \"tandem-stance\", dose: Time(secs: 30)),\nItem(exercise: \"prone-back-extension\", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),",
        ),
        Code::NoExtension => e(
            "A warning: no item in the program is an Extension (back-extensor) exercise.",
            "Strong back extensors support an upright posture and were followed by far fewer new spine fractures than flexion exercises (Sinaki & Mikkelsen 1984: 16% against 89%). The guidance is daily, 5-10 minutes, with holds of 3-5 s (ROS 2019 \"Straight\"). A program may leave it out on purpose when the person does a separate posture routine; the warning is a reminder.",
            &[SinakiMikkelsen1984, Ros2019],
            Context::Items,
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),\nItem(exercise: \"tandem-stance\", dose: Time(secs: 30)),",
            "Item(exercise: \"sit-to-stand\", dose: Reps(sets: 2, reps: 8, rest: 60)),\nItem(exercise: \"tandem-stance\", dose: Time(secs: 30)),\nItem(exercise: \"prone-back-extension\", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),",
        ),
    }
}

/// The code a person typed: its name, or a line copied from `upright check`
/// (`error[dose-range]`, `warning[no-balance]:`).
pub fn parse_code(input: &str) -> Option<Code> {
    let s = input.trim().trim_end_matches(':');
    let s = match (s.find('['), s.strip_suffix(']')) {
        (Some(open), Some(inner)) => &inner[open + 1..],
        _ => s,
    };
    Code::from_name(s.trim())
}

/// Codes near `input`, for "did you mean": close in spelling, or sharing a word with it.
pub fn close_codes(input: &str) -> Vec<Code> {
    let input = input.trim().to_lowercase();
    let words: Vec<&str> = input
        .split(['-', ' ', '_'])
        .filter(|w| w.len() > 2)
        .collect();
    let limit = (input.chars().count() / 3).max(2);
    let mut close: Vec<(usize, Code)> = Code::ALL
        .iter()
        .filter_map(|&c| {
            let d = crate::common::text::edit_distance(&input, c.as_str());
            let shares = c.as_str().split('-').any(|w| words.contains(&w))
                || (input.len() > 3 && c.as_str().contains(input.as_str()));
            (d <= limit || shares).then_some((d, c))
        })
        .collect();
    close.sort();
    close.into_iter().map(|(_, c)| c).collect()
}

/// The explanation as text for a terminal, wrapped to `width` columns.
pub fn render_text(x: &Explanation, width: usize) -> String {
    let mut out = String::new();
    let code = x.code;
    let _ = writeln!(
        out,
        "{} ({}): {}\n",
        code.as_str(),
        code.severity().label(),
        code.title()
    );
    out.push_str("What it means\n");
    out.push_str(&wrap(x.what, width, "  "));
    out.push_str("\nWhy the rule exists\n");
    out.push_str(&wrap(x.why, width, "  "));
    if !x.sources.is_empty() {
        let list: Vec<&str> = x.sources.iter().map(|s| s.citation()).collect();
        out.push('\n');
        out.push_str(&wrap(
            &format!("Sources: {}.", list.join("; ")),
            width,
            "  ",
        ));
    }
    let _ = writeln!(out, "\nBefore ({}):\n", x.context.label());
    out.push_str(&example(x.before, x.context, width));
    let _ = writeln!(out, "\nAfter:\n");
    out.push_str(&example(x.after, x.context, width));
    if !x.see_also.is_empty() {
        let names: Vec<String> = x
            .see_also
            .iter()
            .map(|c| format!("`upright explain {c}`"))
            .collect();
        let _ = writeln!(out, "\nSee also {}.", names.join(", "));
    }
    out
}

fn example(text: &str, context: Context, width: usize) -> String {
    if context == Context::Described {
        return wrap(text, width, "    ");
    }
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// Every explanation as one Markdown page, for `docs/diagnostics.md`.
pub fn markdown_reference() -> String {
    let mut out = String::from(
        "# Diagnostics\n\n\
         Every diagnostic `upright check` can give: what it means, why the rule exists (with the\n\
         public guidance behind it) and an example before and after the fix. The same text is\n\
         shown by `upright explain CODE`. Errors stop a program from running; warnings do not.\n\n\
         This page is generated from `src/output/explain.rs` by its tests: to update it after changing an\n\
         explanation, run `UPDATE_DOCS=1 cargo test explain`.\n\n",
    );
    out.push_str("| code | severity | about |\n|---|---|---|\n");
    for &c in Code::ALL {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} |",
            c.as_str(),
            c.as_str(),
            c.severity().label(),
            c.title()
        );
    }
    for &c in Code::ALL {
        let x = explain(c);
        let _ = writeln!(
            out,
            "\n## {}\n\n*{}: {}*\n\n{}\n\n**Why.** {}",
            c.as_str(),
            match c.severity() {
                Severity::Error => "Error",
                Severity::Warning => "Warning",
            },
            c.title(),
            x.what,
            x.why
        );
        if !x.sources.is_empty() {
            let list: Vec<&str> = x.sources.iter().map(|s| s.citation()).collect();
            let list = list.join("; ");
            let mut chars = list.chars();
            let capital: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
                .collect();
            let _ = writeln!(out, "\n**Sources.** {capital}.");
        }
        if x.context == Context::Described {
            let _ = writeln!(
                out,
                "\n**Before:** {}.\n\n**After:** {}.",
                x.before, x.after
            );
        } else {
            let _ = writeln!(
                out,
                "\nBefore ({}):\n\n```ron\n{}\n```\n\nAfter:\n\n```ron\n{}\n```",
                x.context.label(),
                x.before,
                x.after
            );
        }
        if !x.see_also.is_empty() {
            let names: Vec<String> = x
                .see_also
                .iter()
                .map(|c| format!("[`{c}`](#{c})"))
                .collect();
            let _ = writeln!(out, "\nSee also {}.", names.join(", "));
        }
    }
    out
}

#[cfg(test)]
#[path = "explain_tests.rs"]
mod tests;
