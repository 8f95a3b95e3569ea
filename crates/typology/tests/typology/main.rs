//! Integration tests of the typology engine, one themed module per concern.

mod borderline;
mod boundaries;
mod common;
mod custom;
mod determinism;
mod membership;
mod validation;
