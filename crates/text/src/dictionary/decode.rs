//! Decoding of dictionary and text files: UTF-8 (with or without BOM), else windows-1251 or
//! windows-1252, told apart by what the high bytes look like.

use encoding_rs::{UTF_8, WINDOWS_1251, WINDOWS_1252};

/// Decodes bytes and names the encoding used: `UTF-8` when the bytes are valid UTF-8; otherwise
/// `windows-1251` when the bytes 0xC0–0xFF (Cyrillic letters in windows-1251, accented Latin
/// letters in windows-1252) make up more than a fifth of all letters, as in Russian text;
/// otherwise `windows-1252`.
///
/// ```
/// let (s, enc) = creacity_text::decode_text(&[0xCA, 0xEB, 0xE0, 0xF1, 0xF2, 0xE5, 0xF0]);
/// assert_eq!((s.as_str(), enc), ("Кластер", "windows-1251"));
/// let (s, enc) = creacity_text::decode_text(b"caf\xE9 au lait");
/// assert_eq!((s.as_str(), enc), ("café au lait", "windows-1252"));
/// ```
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return (s.to_string(), UTF_8.name());
    }
    let high = body.iter().filter(|&&b| b >= 0xC0).count();
    let ascii_letters = body.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let enc = if high * 5 > high + ascii_letters {
        WINDOWS_1251
    } else {
        WINDOWS_1252
    };
    let (s, _, _) = enc.decode(body);
    (s.into_owned(), enc.name())
}
