//! Territory outlines (GeoJSON) stored in the workspace for offline maps (to be completed).
