//! `read_table_chunks` hands out the same rows, row numbers, headers and encoding as `read_table`.

use creacity_ingest::{IngestError, Table, parse_delimited, read_table, read_table_chunks};

fn chunks(path: &std::path::Path, size: usize) -> Result<(usize, Vec<Table>), IngestError> {
    let mut out = Vec::new();
    let n = read_table_chunks(path, size, |t| {
        out.push(t);
        Ok::<_, IngestError>(())
    })?;
    Ok((n, out))
}

/// The chunks glued back together equal the whole table.
fn assert_same(path: &std::path::Path, size: usize) {
    let whole = read_table(path).unwrap();
    let (n, parts) = chunks(path, size).unwrap();
    assert_eq!(n, whole.rows.len());
    assert_eq!(parts.len(), whole.rows.len().div_ceil(size).max(1));
    for p in &parts {
        assert_eq!(p.headers, whole.headers);
        assert_eq!(p.encoding, whole.encoding);
        assert_eq!(p.file, whole.file);
        assert!(p.rows.len() <= size);
    }
    let rows: Vec<_> = parts.into_iter().flat_map(|p| p.rows).collect();
    assert_eq!(rows, whole.rows);
}

#[test]
fn utf8_with_bom_comments_and_blank_lines_keeps_the_file_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.csv");
    std::fs::write(
        &path,
        "\u{feff}# synthetic / синтетика\nid;name\n1;Альфа\n\n2;\"Бета; и Ко\"\r\n;;\n3;Гамма\n",
    )
    .unwrap();
    let (n, parts) = chunks(&path, 2).unwrap();
    assert_eq!(n, 3);
    assert_eq!(parts[0].headers, vec!["id", "name"]);
    let lines: Vec<Vec<usize>> = parts
        .iter()
        .map(|p| p.rows.iter().map(|r| r.0).collect())
        .collect();
    // As `read_table` numbers them (the csv reader counts a skipped blank line into the next row).
    assert_eq!(lines, vec![vec![3, 4], vec![7]]);
    assert_eq!(parts[0].rows[1].1[1], "Бета; и Ко");
    for size in [1, 2, 3, 100] {
        assert_same(&path, size);
    }
}

#[test]
fn windows_1251_is_detected_over_the_whole_file_not_the_first_block() {
    // More than one 1 MiB read block of ASCII before the first Cyrillic byte.
    let mut text = String::from("id\tname\n");
    for i in 0..120_000 {
        text.push_str(&format!("{i}\tfirm\n"));
    }
    text.push_str("120000\tООО «Синтетика»\n");
    assert!(text.len() > 1 << 20);
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.tsv");
    std::fs::write(&path, &bytes).unwrap();
    let (n, parts) = chunks(&path, 50_000).unwrap();
    assert_eq!(n, 120_001);
    assert_eq!(parts.len(), 3);
    let last = parts.last().unwrap();
    assert_eq!(last.encoding, "windows-1251");
    assert_eq!(
        last.rows.last().unwrap(),
        &(
            120_002,
            vec!["120000".to_string(), "ООО «Синтетика»".to_string()]
        )
    );
    assert_eq!(
        parse_delimited("firms.tsv", &bytes).unwrap().encoding,
        "windows-1251"
    );
    assert_same(&path, 50_000);
}

#[test]
fn header_only_gives_one_empty_chunk_and_bad_files_the_same_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.csv");
    std::fs::write(&path, "id,name\n\n").unwrap();
    let (n, parts) = chunks(&path, 10).unwrap();
    assert_eq!((n, parts.len()), (0, 1));
    assert!(parts[0].rows.is_empty());
    assert_eq!(parts[0].headers, vec!["id", "name"]);

    for (name, bytes) in [
        ("empty.csv", &b"# only a comment\n\n"[..]),
        ("zip.csv", &b"PK\x03\x04rest"[..]),
        ("nul.csv", &b"id\0name\n"[..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let streamed = chunks(&path, 10).unwrap_err().to_string();
        let whole = read_table(&path).unwrap_err().to_string();
        assert_eq!(streamed, whole);
    }
}

#[test]
fn the_callback_error_stops_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.csv");
    std::fs::write(&path, "id\n1\n2\n3\n4\n5\n").unwrap();
    let mut seen = 0;
    let e = read_table_chunks(&path, 2, |t| {
        seen += 1;
        Err::<(), _>(IngestError::Format {
            file: t.file,
            reason: "stop".into(),
        })
    })
    .unwrap_err();
    assert_eq!(seen, 1);
    assert!(e.to_string().ends_with("stop"));
}
