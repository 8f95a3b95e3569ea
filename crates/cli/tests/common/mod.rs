//! What the command-line tests share: running the built binary in a folder.

use std::path::Path;
use std::process::Command;

/// Runs `creacity ARGS` in `dir` with the workspace `dir/ws.db`: (success, stdout, stderr).
pub fn creacity(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_creacity"))
        .current_dir(dir)
        .env("CREACITY_WORKSPACE", dir.join("ws.db"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
