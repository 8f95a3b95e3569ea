//! The one way every table of this crate is opened from text: a byte-order mark dropped, the
//! delimiter (`;` or `,`) taken from the header line, cells trimmed, rows of any length.

use crate::MappingError;

/// A reader over `text` with the header line not yet read.
pub(crate) fn reader(text: &str, has_headers: bool) -> csv::Reader<&[u8]> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delim = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(has_headers)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

/// A reader and its header names in lower case.
pub(crate) fn with_header(text: &str) -> Result<(csv::Reader<&[u8]>, Vec<String>), MappingError> {
    let mut rdr = reader(text, true);
    let header = rdr
        .headers()
        .map_err(|e| MappingError::Csv {
            row: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(str::to_lowercase)
        .collect();
    Ok((rdr, header))
}
