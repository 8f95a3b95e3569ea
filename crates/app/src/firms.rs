//! Firm lists in the workspace: import, territory matching, aggregation (to be completed).
