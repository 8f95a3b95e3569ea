//! Text decoding: UTF-8 (with or without BOM) or, failing that, the legacy encoding the bytes look like
//! (windows-1251 for Russian files in the wild).

use encoding_rs::Encoding;

/// Decodes bytes to text and names the encoding used.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), "UTF-8");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // The Russian top-level domain tips the guess towards Cyrillic code pages.
    let encoding: &'static Encoding = detector.guess(Some(b"ru"), chardetng::Utf8Detection::Allow);
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), encoding.name())
}

/// True when the bytes look binary (NUL bytes in the first 8 KiB).
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1251_russian() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Инициатор;Собственник площадки\nмуниципалитет;частный");
        let (text, name) = decode(&bytes);
        assert_eq!(name, "windows-1251");
        assert!(text.starts_with("Инициатор;Собственник"));
    }

    #[test]
    fn strips_bom_and_keeps_utf8() {
        let (text, name) = decode("\u{feff}id,name".as_bytes());
        assert_eq!((text.as_str(), name), ("id,name", "UTF-8"));
    }
}
