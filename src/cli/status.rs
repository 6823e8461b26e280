//! The exit status of a command that only writes: 0 when it worked (a closed pipe included),
//! 2 with a message when it could not write.

use std::io;

pub fn status(result: io::Result<()>) -> u8 {
    match result {
        Ok(()) => 0,
        // A closed pipe (`upright library | head`) is not a failure worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("upright: {e}");
            2
        }
    }
}
