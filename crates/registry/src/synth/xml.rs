//! Writing synthetic files: registry and companion XML in the real element and attribute names,
//! and a zip around them.

use std::fmt::Write as _;
use std::io::{Seek, Write};

use crate::parse::CompanionRow;
use crate::record::{Date, FirmKind, FirmRecord, Place};
use crate::schema::{FileKind, SchemaVersion};

fn esc(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

fn attr(out: &mut String, key: &str, value: &str) {
    out.push(' ');
    out.push_str(key);
    out.push_str("=\"");
    esc(value, out);
    out.push('"');
}

/// How a version spells an address type: full upper-case words up to 4.04 (`ГОРОД`, `ОБЛАСТЬ`),
/// abbreviations from 4.05 (`Г.`, `ОБЛ.`, `Р-Н`). Synthetic convention mirroring the change the
/// format description reports between 2019 and 2023 files.
fn spell_type(kind: &str, version: SchemaVersion) -> String {
    if version >= SchemaVersion::V4_05 {
        let abbr = match kind {
            "город" => "Г.",
            "район" => "Р-Н",
            "область" => "ОБЛ.",
            "республика" => "РЕСП.",
            "посёлок" => "П.",
            "село" => "С.",
            "деревня" => "Д.",
            "посёлок городского типа" => "ПГТ.",
            other => return other.to_uppercase(),
        };
        abbr.to_string()
    } else {
        kind.replace('ё', "е").to_uppercase()
    }
}

/// File name of registry entry `n` of a dump taken on `date`, in the real pattern
/// `VO_RRMSPSV_0000_9965_YYYYMMDD_<uuid>.xml` (the uuid is synthetic).
pub fn registry_entry_name(date: Date, n: usize) -> String {
    format!(
        "VO_RRMSPSV_0000_9965_{:04}{:02}{:02}_00000000-0000-4000-8000-{n:012}.xml",
        date.year, date.month, date.day
    )
}

/// File name of companion entry `n` (`VO_OTKRDAN5_…` revenue, `VO_OTKRDAN3_…` headcount).
pub fn companion_entry_name(kind: FileKind, date: Date, n: usize) -> String {
    let prefix = match kind {
        FileKind::Headcount => "VO_OTKRDAN3",
        _ => "VO_OTKRDAN5",
    };
    format!(
        "{prefix}_9965_9965_{:04}{:02}{:02}_00000000-0000-4000-9000-{n:012}.xml",
        date.year, date.month, date.day
    )
}

fn header(out: &mut String, file_id: &str, form: &str, info: &str, count: usize) {
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Файл");
    attr(out, "ИдФайл", file_id);
    attr(out, "ВерсФорм", form);
    attr(out, "ТипИнф", info);
    attr(out, "КолДок", &count.to_string());
    out.push_str("><ИдОтпр><ФИООтв Фамилия=\"СИНТЕТИЧЕСКИЙ\" Имя=\"ОТВЕТСТВЕННЫЙ\"/></ИдОтпр>");
}

fn place(out: &mut String, tag: &str, p: &Option<Place>, version: SchemaVersion) {
    if let Some(p) = p {
        out.push('<');
        out.push_str(tag);
        attr(out, "Тип", &spell_type(&p.kind, version));
        attr(out, "Наим", &p.name);
        out.push_str("/>");
    }
}

/// One registry file of schema `version` holding `records`, as a single line of UTF-8 like the
/// real files. Fields the version does not carry (see [`super::expressible`]) are left out; code
/// titles and, for some firms, licence and product elements are added so that sizes are realistic.
pub fn registry_xml(version: SchemaVersion, records: &[FirmRecord], file_id: &str) -> Vec<u8> {
    let mut o = String::with_capacity(records.len() * 4600 + 512);
    header(
        &mut o,
        file_id,
        version.form_version(),
        "РЕЕСТРМСП",
        records.len(),
    );
    for (i, f) in records.iter().enumerate() {
        o.push_str("<Документ");
        attr(&mut o, "ИдДок", &f.document_id);
        attr(&mut o, "ДатаСост", &f.snapshot_date.to_ru());
        attr(&mut o, "ДатаВклМСП", &f.included_on.to_ru());
        attr(&mut o, "ВидСубМСП", f.kind.code());
        attr(&mut o, "КатСубМСП", f.category.code());
        if let Some(n) = f.newly_created {
            attr(&mut o, "ПризНовМСП", if n { "1" } else { "2" });
        }
        if version >= SchemaVersion::V4_03 {
            if let Some(s) = f.social_enterprise {
                attr(&mut o, "СведСоцПред", if s { "1" } else { "2" });
            }
            if let Some(e) = f.employees {
                attr(&mut o, "ССЧР", &e.to_string());
            }
        }
        o.push('>');
        let with_ogrn = version >= SchemaVersion::V4_02;
        if f.kind == FirmKind::LegalEntity {
            o.push_str("<ОргВклМСП");
            attr(&mut o, "НаимОрг", &f.name);
            if let Some(s) = &f.short_name {
                attr(&mut o, "НаимОргСокр", s);
            }
            attr(&mut o, "ИННЮЛ", &f.inn);
            if let (true, Some(g)) = (with_ogrn, &f.ogrn) {
                attr(&mut o, "ОГРН", g);
            }
            o.push_str("/>");
        } else {
            o.push_str("<ИПВклМСП");
            attr(&mut o, "ИННФЛ", &f.inn);
            if let (true, Some(g)) = (with_ogrn, &f.ogrn) {
                attr(&mut o, "ОГРНИП", g);
            }
            o.push_str("><ФИОИП");
            let mut parts = f.name.splitn(3, ' ');
            for key in ["Фамилия", "Имя", "Отчество"] {
                if let Some(p) = parts.next() {
                    attr(&mut o, key, p);
                }
            }
            o.push_str("/></ИПВклМСП>");
        }
        o.push_str("<СведМН");
        attr(&mut o, "КодРегион", &f.region_code);
        o.push('>');
        place(&mut o, "Регион", &f.region, version);
        place(&mut o, "Район", &f.district, version);
        place(&mut o, "Город", &f.city, version);
        place(&mut o, "НаселПункт", &f.settlement, version);
        o.push_str("</СведМН><СвОКВЭД>");
        for c in &f.codes {
            o.push_str(if c.main {
                "<СвОКВЭДОсн"
            } else {
                "<СвОКВЭДДоп"
            });
            attr(&mut o, "КодОКВЭД", &c.code);
            let title = super::codes::CODES
                .iter()
                .find(|(k, _)| *k == c.code)
                .map_or("Синтетический вид деятельности", |(_, t)| t);
            attr(&mut o, "НаимОКВЭД", title);
            if let Some(v) = c.edition.attr() {
                attr(&mut o, "ВерсОКВЭД", v);
            }
            o.push_str("/>");
        }
        o.push_str("</СвОКВЭД>");
        // Elements the reader skips, present in real files; here on a fixed share of records.
        if i % 5 == 0 {
            let _ = write!(
                o,
                "<СвЛиценз СерЛиценз=\"СИН\" НомЛиценз=\"Л000-{i:05}\" ВидЛиценз=\"СИНТЕТИЧЕСКАЯ ЛИЦЕНЗИЯ\" \
                 ДатаЛиценз=\"01.02.2020\" ДатаНачЛиценз=\"01.02.2020\" ОргВыдЛиценз=\"СИНТЕТИЧЕСКИЙ \
                 ЛИЦЕНЗИРУЮЩИЙ ОРГАН\"><НаимЛицВД>Синтетический лицензируемый вид деятельности \
                 для проверки пропуска неизвестных элементов</НаимЛицВД></СвЛиценз>"
            );
        }
        if i % 20 == 0 {
            o.push_str("<СвПрод КодПрод=\"00.00.00.000\" НаимПрод=\"СИНТЕТИЧЕСКАЯ ПРОДУКЦИЯ\" ПрОтнПрод=\"0\"/>");
        }
        o.push_str("</Документ>");
    }
    o.push_str("</Файл>");
    o.into_bytes()
}

fn companion_xml(rows: &[CompanionRow], file_id: &str, info: &str, revenue: bool) -> Vec<u8> {
    let mut o = String::with_capacity(rows.len() * 400 + 512);
    header(&mut o, file_id, "4.01", info, rows.len());
    for (i, r) in rows.iter().enumerate() {
        o.push_str("<Документ");
        attr(&mut o, "ИдДок", &format!("00000000-0000-4000-9000-{i:012}"));
        if let Some(d) = r.date {
            attr(&mut o, "ДатаДок", &d.to_ru());
            attr(&mut o, "ДатаСост", &d.to_ru());
        }
        o.push_str("><СведНП");
        attr(&mut o, "НаимОрг", "ООО \"СИНТЕТИКА\"");
        attr(&mut o, "ИННЮЛ", &r.inn);
        o.push_str("/>");
        if revenue {
            o.push_str("<СведДохРасх");
            if let Some(v) = r.revenue {
                attr(&mut o, "СумДоход", &format!("{v:.2}"));
            }
            if let Some(v) = r.expenditure {
                attr(&mut o, "СумРасход", &format!("{v:.2}"));
            }
        } else {
            o.push_str("<СведССЧР");
            if let Some(v) = r.employees {
                attr(&mut o, "КолРаб", &v.to_string());
            }
        }
        o.push_str("/></Документ>");
    }
    o.push_str("</Файл>");
    o.into_bytes()
}

/// A revenue-and-expenditure companion file (`СведДохРасх @СумДоход @СумРасход`).
pub fn revexp_xml(rows: &[CompanionRow], file_id: &str) -> Vec<u8> {
    companion_xml(rows, file_id, "ОТКРДАН5", true)
}

/// A headcount companion file (`СведССЧР @КолРаб`).
pub fn headcount_xml(rows: &[CompanionRow], file_id: &str) -> Vec<u8> {
    companion_xml(rows, file_id, "ОТКРДАН3", false)
}

/// One file to put in a zip.
#[derive(Debug, Clone)]
pub struct ZipEntry {
    /// Name inside the zip.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Writes `entries` as a deflated zip into `w`, one at a time (the iterator may generate them
/// lazily), and returns the writer.
///
/// # Errors
/// Any I/O or zip error of the writer.
pub fn write_zip<W: Write + Seek>(
    w: W,
    entries: impl IntoIterator<Item = ZipEntry>,
) -> zip::result::ZipResult<W> {
    let mut z = zip::ZipWriter::new(w);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6));
    for e in entries {
        z.start_file(e.name, opts)?;
        z.write_all(&e.bytes)?;
    }
    z.finish()
}
