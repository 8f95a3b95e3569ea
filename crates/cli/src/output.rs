//! Writing results: to a file when `--out` is given, else to standard output; progress on a terminal.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Context;

/// Writes bytes to `out`, or to standard output when `out` is `None`.
pub fn emit(out: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(p) => std::fs::write(p, bytes).with_context(|| format!("writing {}", p.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.flush()?;
            Ok(())
        }
    }
}

/// Prints a value as pretty JSON on standard output.
pub fn json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    emit(None, text.as_bytes())
}

/// A spinner with messages on an interactive terminal; silent in CI and when stderr is redirected.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Starts a spinner if stderr is a terminal and `CI` is not set.
    pub fn start(what: &str) -> Self {
        if std::io::stderr().is_terminal() && std::env::var_os("CI").is_none() {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
            bar.set_message(what.to_string());
            Self(Some(bar))
        } else {
            Self(None)
        }
    }

    /// Shows the current stage.
    pub fn step(&self, what: &str) {
        if let Some(b) = &self.0 {
            b.set_message(what.to_string());
        }
    }

    /// Removes the spinner.
    pub fn finish(self) {
        if let Some(b) = self.0 {
            b.finish_and_clear();
        }
    }
}
