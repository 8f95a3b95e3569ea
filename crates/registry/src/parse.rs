//! The XML parser of one registry or companion file, from bytes in memory.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use serde::Serialize;

use crate::address::AddressTable;
use crate::build::finish_doc;
use crate::companion::settle_companion_version;
use crate::error::RegistryError;
use crate::record::{ActivityCode, Date, FirmRecord, OkvedEdition, Place};
use crate::report::Warning;
use crate::schema::{FileKind, SchemaVersion};

/// What to do with an entry or record that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnError {
    /// Stop at the first error and return it (the default).
    #[default]
    Stop,
    /// Skip the broken entry or record, list it in the report and go on.
    Skip,
}

/// Context for parsing one file.
#[derive(Debug, Clone, Copy)]
pub struct ParseContext<'a> {
    /// Name of the zip, for messages.
    pub zip: &'a str,
    /// Name of the file inside the zip, for messages; its prefix hints at the dataset.
    pub entry: &'a str,
    /// Address type table.
    pub table: &'a AddressTable,
    /// Codes the caller knows; codes outside are counted as unknown. `None`: only the syntax of
    /// OKVED codes (`NN`, `NN.N`, `NN.NN`, `NN.NN.N`, `NN.NN.NN`) is checked.
    pub known_codes: Option<&'a HashSet<String>>,
    /// Skip or stop on an invalid record.
    pub on_error: OnError,
}

/// One row of a companion dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompanionRow {
    /// INN of the organisation (`ИННЮЛ`).
    pub inn: String,
    /// `ДатаДок`, else `ДатаСост`.
    pub date: Option<Date>,
    /// `СумДоход`, roubles.
    pub revenue: Option<f64>,
    /// `СумРасход`, roubles.
    pub expenditure: Option<f64>,
    /// `КолРаб`.
    pub employees: Option<u32>,
}

/// Counters gathered while parsing.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FileStats {
    /// Address types not in the table, by lower-cased spelling.
    pub unknown_place_types: HashMap<String, u64>,
    /// Activity codes not recognised, by code.
    pub unknown_codes: HashMap<String, u64>,
    /// Records whose INN fails its check digits (kept).
    pub bad_inn_checksum: u64,
    /// Records without a main activity code (kept).
    pub missing_main_code: u64,
    /// Activity codes read, main and additional.
    pub codes: u64,
}

/// The content of one file.
#[derive(Debug, Default)]
pub struct ParsedFile {
    /// The dataset (registry or a companion).
    pub kind: Option<FileKind>,
    /// Schema version of a registry file.
    pub version: Option<SchemaVersion>,
    /// `ВерсФорм` as written in the header (empty when absent), for companions as for the registry.
    pub form_version: String,
    /// `КолДок` as declared in the header.
    pub declared_docs: Option<usize>,
    /// Registry records.
    pub records: Vec<FirmRecord>,
    /// Companion rows.
    pub companions: Vec<CompanionRow>,
    /// Records skipped under [`OnError::Skip`].
    pub skipped: Vec<RegistryError>,
    /// Counters.
    pub stats: FileStats,
    /// What was read anyway but should be checked (a companion of an unknown `ВерсФорм`).
    pub warnings: Vec<Warning>,
}

macro_rules! names {
    ($($id:ident = $s:literal),* $(,)?) => { $(const $id: &str = $s;)* };
}
names! {
    FILE = "Файл", DOC = "Документ", ORG = "ОргВклМСП", IP = "ИПВклМСП", FIO = "ФИОИП",
    MN = "СведМН", REGION = "Регион", DISTRICT = "Район", CITY = "Город", SETTLEMENT = "НаселПункт",
    OKVED = "СвОКВЭД", OKVED_MAIN = "СвОКВЭДОсн", OKVED_ADD = "СвОКВЭДДоп",
    NP = "СведНП", REVEXP = "СведДохРасх", SSCHR = "СведССЧР",
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    File,
    Doc,
    Ip,
    Mn,
    Okved,
    Other,
}

/// The attributes of one `Документ` as read, before checking.
#[derive(Default)]
pub(crate) struct DocDraft {
    pub(crate) offset: u64,
    pub(crate) doc_id: String,
    pub(crate) snapshot: Option<String>,
    pub(crate) doc_date: Option<String>,
    pub(crate) included: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) new_flag: Option<String>,
    pub(crate) social: Option<String>,
    pub(crate) headcount: Option<String>,
    pub(crate) inn: Option<String>,
    pub(crate) ogrn: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) short_name: Option<String>,
    pub(crate) fio: [Option<String>; 3],
    pub(crate) region_code: Option<String>,
    pub(crate) places: [Option<Place>; 4],
    pub(crate) codes: Vec<ActivityCode>,
    pub(crate) revenue: Option<String>,
    pub(crate) expenditure: Option<String>,
    pub(crate) employees: Option<String>,
}

/// Parses one XML file of the registry or of a companion dataset.
///
/// # Errors
/// [`RegistryError::MalformedXml`] with the byte offset, [`RegistryError::UnknownSchema`] listing
/// the known versions, and under [`OnError::Stop`] [`RegistryError::InvalidRecord`].
///
/// A registry file of an unknown `ВерсФорм` is refused. A companion file of a `ВерсФорм` not in
/// [`crate::COMPANION_FORM_VERSIONS`] is read with the known structure, strictly: when every
/// document gives its INN and a value of its dataset, and as many documents as `КолДок` declares
/// are read, its rows come with a [`Warning::CompanionVersion`] in [`ParsedFile::warnings`];
/// otherwise, whatever [`ParseContext::on_error`] says, it is refused with
/// [`RegistryError::UnknownSchema`] saying what did not parse.
///
/// ```
/// use creacity_registry::{AddressTable, OnError, ParseContext, parse_file};
/// let xml = r#"<Файл ИдФайл="x" ВерсФорм="4.06" ТипИнф="РЕЕСТРМСП" КолДок="1">
///  <Документ ИдДок="d1" ДатаСост="10.06.2023" ДатаВклМСП="01.08.2016" ВидСубМСП="1" КатСубМСП="1">
///   <ОргВклМСП НаимОрг="ООО &quot;СИНТЕТИКА&quot;" ИННЮЛ="7707329152"/>
///   <СведМН КодРегион="77"><Город Тип="Г." Наим="Синтетград"/></СведМН>
///   <СвОКВЭД><СвОКВЭДОсн КодОКВЭД="62.01" ВерсОКВЭД="2014"/><СвОКВЭДДоп КодОКВЭД="90.01" ВерсОКВЭД="2014"/></СвОКВЭД>
///  </Документ></Файл>"#;
/// let table = AddressTable::default();
/// let cx = ParseContext { zip: "z.zip", entry: "VO_RRMSPSV_1.xml", table: &table, known_codes: None, on_error: OnError::Stop };
/// let f = parse_file(xml.as_bytes(), &cx).unwrap();
/// let r = &f.records[0];
/// assert_eq!(r.name, "ООО \"СИНТЕТИКА\"");
/// assert_eq!(r.city.as_ref().unwrap().kind, "город");
/// assert_eq!(r.codes.len(), 2);
/// assert_eq!(r.main_code(), Some("62.01"));
/// ```
pub fn parse_file(bytes: &[u8], cx: &ParseContext<'_>) -> Result<ParsedFile, RegistryError> {
    // The dumps are UTF-8; a file declared windows-1251 (as some FNS formats are) is transcoded
    // first, and byte offsets in errors then refer to the UTF-8 text.
    if declares_cp1251(bytes) {
        let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
        return parse_utf8(text.as_bytes(), cx);
    }
    parse_utf8(bytes, cx)
}

fn declares_cp1251(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(200)];
    let Some(end) = head.windows(2).position(|w| w == b"?>") else {
        return false;
    };
    let decl = String::from_utf8_lossy(&head[..end]).to_ascii_lowercase();
    decl.starts_with("<?xml") && (decl.contains("windows-1251") || decl.contains("cp1251"))
}

fn parse_utf8(bytes: &[u8], cx: &ParseContext<'_>) -> Result<ParsedFile, RegistryError> {
    let mut out = ParsedFile {
        kind: FileKind::from_entry_name(cx.entry),
        ..ParsedFile::default()
    };
    let read = read_events(bytes, cx, &mut out);
    settle_companion_version(out, read, cx)
}

/// Reads the events of one file into `out`; on an error, `out` holds what was read before it.
fn read_events(
    bytes: &[u8],
    cx: &ParseContext<'_>,
    out: &mut ParsedFile,
) -> Result<(), RegistryError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Tag> = Vec::with_capacity(8);
    let mut doc: Option<DocDraft> = None;
    let mut seen_root = false;
    loop {
        let pos = reader.buffer_position();
        let ev = reader
            .read_event()
            .map_err(|e| RegistryError::MalformedXml {
                zip: cx.zip.to_string(),
                entry: cx.entry.to_string(),
                offset: reader.error_position(),
                message: e.to_string(),
            })?;
        let (e, empty) = match ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                if stack.pop() == Some(Tag::Doc)
                    && let Some(d) = doc.take()
                {
                    finish_doc(d, out, cx)?;
                }
                continue;
            }
            Event::Eof => break,
            Event::Text(t) => {
                if stack.is_empty() && t.chars().any(|c| !c.is_whitespace()) {
                    return Err(malformed(cx, pos, "text outside the root element"));
                }
                continue;
            }
            _ => continue,
        };
        let parent = stack.last().copied();
        let name = e.local_name();
        let name = name.as_ref();
        let tag = match parent {
            None => {
                if seen_root {
                    return Err(malformed(cx, pos, "a second root element"));
                }
                seen_root = true;
                if name != FILE {
                    return Err(malformed(
                        cx,
                        pos,
                        &format!("root element is <{}>, expected <Файл>", name),
                    ));
                }
                read_header(&e, out, cx, pos)?;
                Tag::File
            }
            Some(Tag::File) if name == DOC => {
                let mut d = DocDraft {
                    offset: pos,
                    ..DocDraft::default()
                };
                for_attrs(&e, cx, pos, |k, v| {
                    let slot = match k {
                        "ИдДок" => {
                            d.doc_id = v.into_owned();
                            return;
                        }
                        "ДатаСост" => &mut d.snapshot,
                        "ДатаДок" => &mut d.doc_date,
                        "ДатаВклМСП" => &mut d.included,
                        "ВидСубМСП" => &mut d.kind,
                        "КатСубМСП" => &mut d.category,
                        "ПризНовМСП" => &mut d.new_flag,
                        "СведСоцПред" => &mut d.social,
                        "ССЧР" => &mut d.headcount,
                        _ => return,
                    };
                    *slot = Some(v.into_owned());
                })?;
                doc = Some(d);
                Tag::Doc
            }
            Some(Tag::Doc) => {
                let d = doc.as_mut().expect("a document is open inside <Документ>");
                match name {
                    ORG | NP => {
                        for_attrs(&e, cx, pos, |k, v| match k {
                            "НаимОрг" => d.name = Some(v.into_owned()),
                            "НаимОргСокр" => d.short_name = Some(v.into_owned()),
                            "ИННЮЛ" => d.inn = Some(v.into_owned()),
                            "ОГРН" => d.ogrn = Some(v.into_owned()),
                            _ => {}
                        })?;
                        Tag::Other
                    }
                    IP => {
                        for_attrs(&e, cx, pos, |k, v| match k {
                            "ИННФЛ" => d.inn = Some(v.into_owned()),
                            "ОГРНИП" => d.ogrn = Some(v.into_owned()),
                            _ => {}
                        })?;
                        Tag::Ip
                    }
                    MN => {
                        for_attrs(&e, cx, pos, |k, v| {
                            if k == "КодРегион" {
                                d.region_code = Some(v.into_owned());
                            }
                        })?;
                        Tag::Mn
                    }
                    OKVED => Tag::Okved,
                    REVEXP => {
                        for_attrs(&e, cx, pos, |k, v| match k {
                            "СумДоход" => d.revenue = Some(v.into_owned()),
                            "СумРасход" => d.expenditure = Some(v.into_owned()),
                            _ => {}
                        })?;
                        Tag::Other
                    }
                    SSCHR => {
                        for_attrs(&e, cx, pos, |k, v| {
                            if k == "КолРаб" {
                                d.employees = Some(v.into_owned());
                            }
                        })?;
                        Tag::Other
                    }
                    _ => Tag::Other,
                }
            }
            Some(Tag::Ip) if name == FIO => {
                let d = doc.as_mut().expect("a document is open inside <ИПВклМСП>");
                for_attrs(&e, cx, pos, |k, v| match k {
                    "Фамилия" => d.fio[0] = Some(v.into_owned()),
                    "Имя" => d.fio[1] = Some(v.into_owned()),
                    "Отчество" => d.fio[2] = Some(v.into_owned()),
                    _ => {}
                })?;
                Tag::Other
            }
            Some(Tag::Mn) => {
                let level = match name {
                    REGION => Some(0),
                    DISTRICT => Some(1),
                    CITY => Some(2),
                    SETTLEMENT => Some(3),
                    _ => None,
                };
                if let Some(level) = level {
                    let d = doc.as_mut().expect("a document is open inside <СведМН>");
                    let (mut kind, mut pname) = (None::<String>, String::new());
                    for_attrs(&e, cx, pos, |k, v| match k {
                        "Тип" => kind = Some(v.into_owned()),
                        "Наим" => pname = v.into_owned(),
                        _ => {}
                    })?;
                    let (place, unknown) = cx.table.place(kind.as_deref(), &pname);
                    if unknown {
                        *out.stats
                            .unknown_place_types
                            .entry(place.kind.clone())
                            .or_default() += 1;
                    }
                    d.places[level] = Some(place);
                }
                Tag::Other
            }
            Some(Tag::Okved) if name == OKVED_MAIN || name == OKVED_ADD => {
                let d = doc.as_mut().expect("a document is open inside <СвОКВЭД>");
                let (mut code, mut edition) = (String::new(), OkvedEdition::Unspecified);
                for_attrs(&e, cx, pos, |k, v| match k {
                    "КодОКВЭД" => code = v.trim().to_string(),
                    "ВерсОКВЭД" => edition = OkvedEdition::from_attr(v.trim()),
                    _ => {}
                })?;
                let main = name == OKVED_MAIN;
                let known = match cx.known_codes {
                    Some(set) => set.contains(&code),
                    None => okved_syntax_ok(&code),
                };
                if !known {
                    *out.stats.unknown_codes.entry(code.clone()).or_default() += 1;
                }
                out.stats.codes += 1;
                if main {
                    d.codes.insert(
                        0,
                        ActivityCode {
                            code,
                            main,
                            edition,
                        },
                    );
                } else {
                    d.codes.push(ActivityCode {
                        code,
                        main,
                        edition,
                    });
                }
                Tag::Other
            }
            Some(_) => Tag::Other,
        };
        if !empty {
            stack.push(tag);
        } else if tag == Tag::Doc
            && let Some(d) = doc.take()
        {
            finish_doc(d, out, cx)?;
        }
    }
    if let Some(open) = stack.last() {
        return Err(malformed(
            cx,
            reader.buffer_position(),
            &format!(
                "unexpected end of file inside an open element ({open:?}, depth {})",
                stack.len()
            ),
        ));
    }
    if !seen_root {
        return Err(malformed(cx, 0, "no root element (empty file)"));
    }
    Ok(())
}

fn malformed(cx: &ParseContext<'_>, offset: u64, message: &str) -> RegistryError {
    RegistryError::MalformedXml {
        zip: cx.zip.to_string(),
        entry: cx.entry.to_string(),
        offset,
        message: message.to_string(),
    }
}

fn for_attrs(
    e: &BytesStart<'_>,
    cx: &ParseContext<'_>,
    pos: u64,
    mut f: impl FnMut(&str, Cow<'_, str>),
) -> Result<(), RegistryError> {
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| malformed(cx, pos, &err.to_string()))?;
        let local = a.key.local_name();
        let key: &str = local.as_ref();
        let v = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| malformed(cx, pos, &err.to_string()))?;
        f(key, v);
    }
    Ok(())
}

fn read_header(
    e: &BytesStart<'_>,
    out: &mut ParsedFile,
    cx: &ParseContext<'_>,
    pos: u64,
) -> Result<(), RegistryError> {
    let (mut form, mut info, mut count) = (String::new(), String::new(), None);
    for_attrs(e, cx, pos, |k, v| match k {
        "ВерсФорм" => form = v.trim().to_string(),
        "ТипИнф" => info = v.trim().to_string(),
        "КолДок" => count = v.trim().parse().ok(),
        _ => {}
    })?;
    out.declared_docs = count;
    if info == "РЕЕСТРМСП" {
        out.kind = Some(FileKind::Registry);
    }
    let kind = *out.kind.get_or_insert(FileKind::Registry);
    // A registry file of an unknown version is refused here; a companion's is settled once read
    // (see `settle_companion_version`).
    if kind == FileKind::Registry {
        out.version = Some(SchemaVersion::from_form_version(&form).ok_or_else(|| {
            RegistryError::UnknownSchema {
                zip: cx.zip.to_string(),
                entry: cx.entry.to_string(),
                found: form.clone(),
                known: SchemaVersion::known_list(),
                reason: String::new(),
            }
        })?);
    }
    out.form_version = form;
    Ok(())
}

/// True for the shapes OKVED codes take: `NN`, `NN.N`, `NN.NN`, `NN.NN.N`, `NN.NN.NN`.
///
/// ```
/// use creacity_registry::okved_syntax_ok;
/// assert!(okved_syntax_ok("62.01") && okved_syntax_ok("90") && okved_syntax_ok("58.11.1"));
/// assert!(!okved_syntax_ok("6201") && !okved_syntax_ok("62.") && !okved_syntax_ok("62.011"));
/// ```
pub fn okved_syntax_ok(code: &str) -> bool {
    let mut parts = code.split('.');
    let first = parts.next().unwrap_or("");
    if first.len() != 2 || !first.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut n = 0;
    for p in parts {
        n += 1;
        if n > 2 || p.is_empty() || p.len() > 2 || !p.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    true
}
