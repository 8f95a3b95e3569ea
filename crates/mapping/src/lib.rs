//! # creacity-mapping
//!
//! Creative-economy mapping of a territory from firm facts (under construction).
#![warn(missing_docs)]

mod error;
pub mod indices;
mod matrix;
pub mod spatial;
pub mod taxonomy;

pub use error::MappingError;
pub use matrix::Matrix;
