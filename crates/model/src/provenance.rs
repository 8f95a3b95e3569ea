//! Where a result came from: tool version, method, parameters, inputs, reference data versions.

use serde::{Deserialize, Serialize};

/// The identity of a result: enough to reproduce it. Never holds a user name or a host path.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Provenance {
    /// creacity's version.
    pub tool_version: String,
    /// Method name.
    pub method: String,
    /// Parameters, as JSON text.
    pub parameters: String,
    /// Reference data used, as `name@version`.
    pub data: Vec<String>,
    /// Input identities (record ids, file names without directories, content digests).
    pub inputs: Vec<String>,
    /// When it was computed (RFC 3339, UTC).
    pub created_at: String,
}
