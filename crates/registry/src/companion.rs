//! Companion files (revenue/expenditure, headcount) of a `ВерсФорм` the reader does not list.
//!
//! The accepted companion versions are an assumption (the reference does not state them), so a
//! real file of another version is not refused outright: it is read with the known structure,
//! strictly, and kept with a warning when that reading accounts for the whole file. Otherwise it
//! is refused as the registry's unknown versions are. The registry's own versions stay strict:
//! what each adds is known, and a record misread there is a firm misplaced.

use crate::error::RegistryError;
use crate::parse::{ParseContext, ParsedFile};
use crate::report::Warning;
use crate::schema::{COMPANION_FORM_VERSIONS, FileKind};

/// True when `out` is a companion file whose header gave a `ВерсФорм` not in
/// [`COMPANION_FORM_VERSIONS`].
pub(crate) fn is_unknown_companion(out: &ParsedFile) -> bool {
    matches!(
        out.kind,
        Some(FileKind::RevenueExpenditure | FileKind::Headcount)
    ) && !COMPANION_FORM_VERSIONS.contains(&out.form_version.as_str())
}

/// Turns the outcome of reading one file into its result. Known versions and the registry pass
/// through. A companion of an unknown version is kept, with a [`Warning::CompanionVersion`], when
/// every document gave a row (checked strictly while reading, see `build_companion`), none was
/// skipped, and the rows number what `КолДок` declares (or at least one without `КолДок`);
/// else it is refused with [`RegistryError::UnknownSchema`] naming what did not parse.
/// Malformed XML stays [`RegistryError::MalformedXml`]: well-formedness has no version.
pub(crate) fn settle_companion_version(
    mut out: ParsedFile,
    read: Result<(), RegistryError>,
    cx: &ParseContext<'_>,
) -> Result<ParsedFile, RegistryError> {
    if !is_unknown_companion(&out) {
        return read.map(|()| out);
    }
    let why = match read {
        Err(e @ RegistryError::InvalidRecord { .. }) => Some(record_problem(&e)),
        Err(e) => return Err(e),
        Ok(()) => match (out.skipped.first(), out.declared_docs) {
            (Some(e), _) => Some(record_problem(e)),
            (None, Some(n)) if n != out.companions.len() => {
                let read = out.companions.len();
                Some((
                    format!("КолДок declares {n} documents, {read} read"),
                    format!("объявлено документов: {n}, прочитано: {read}"),
                ))
            }
            (None, None) if out.companions.is_empty() => Some((
                "no <Документ> read".to_string(),
                "не прочитано ни одного документа".to_string(),
            )),
            _ => None,
        },
    };
    let known = COMPANION_FORM_VERSIONS.join(", ");
    if let Some((en, ru)) = why {
        return Err(RegistryError::UnknownSchema {
            zip: cx.zip.to_string(),
            entry: cx.entry.to_string(),
            found: out.form_version,
            known,
            reason: format!(
                "; the file does not parse with the known structure: {en} (файл не читается по \
                 известной структуре: {ru})"
            ),
        });
    }
    out.warnings.push(Warning::CompanionVersion {
        zip: cx.zip.to_string(),
        entry: cx.entry.to_string(),
        found: out.form_version.clone(),
        known,
        rows: out.companions.len() as u64,
    });
    Ok(out)
}

/// What was wrong with a document, in English and Russian, without the zip and entry the
/// refusal names already.
fn record_problem(e: &RegistryError) -> (String, String) {
    match e {
        RegistryError::InvalidRecord {
            offset,
            field,
            value,
            expected,
            ..
        } => (
            format!("document at byte {offset}: field {field}: {value:?} is not {expected}"),
            format!("документ на байте {offset}, поле {field}"),
        ),
        other => (other.to_string(), String::from("см. выше")),
    }
}
