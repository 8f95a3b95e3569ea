//! Dictionary readers and writers: the formats people already have, round trips, and errors
//! that name the line.

use creacity_text::{
    Category, Dictionary, Lookup, LookupParams, TextError, decode_text, problem_dictionary,
    read_lexicoder, read_liwc, read_wordstat, read_yaml, read_yoshikoder, write_liwc, write_yaml,
};

fn line(e: TextError) -> usize {
    match e {
        TextError::Dictionary { line, .. } => line,
        other => panic!("not a dictionary error: {other:?}"),
    }
}

#[test]
fn yaml_round_trip_of_the_shipped_dictionary() {
    let d = problem_dictionary();
    let back = read_yaml(&write_yaml(&d)).unwrap();
    assert_eq!(back, d);
    assert!(d.pattern_count() > 200);
}

#[test]
fn yaml_quanteda_shape_with_levels() {
    let y = "geo:\n  Countries:\n    - united states\n    - France\n  Oceans: [atlantic]\nparty: labour\n";
    let d = read_yaml(y).unwrap();
    assert_eq!(d.depth(), 2);
    let lk = Lookup::new(&d, &LookupParams::default().levels(2, 2)).unwrap();
    assert_eq!(lk.keys(), ["Countries", "Oceans"]);
    assert_eq!(d.categories[1].patterns, ["labour"]);
}

#[test]
fn yaml_errors_name_the_line() {
    assert_eq!(line(read_yaml("a: [x\nb: y\n").unwrap_err()), 2);
    let bad = "name: d\nversion: 1\ncategories:\n  - id: a\n    colour: red\n";
    assert_eq!(line(read_yaml(bad).unwrap_err()), 5);
    let dup = "name: d\nversion: 1\ncategories:\n  - id: a\n  - id: a\n";
    let e = read_yaml(dup).unwrap_err();
    assert!(e.to_string().contains("duplicate category `a`"), "{e}");
    let e = read_yaml("a:\n  - x\n  - [1, 2]\n").unwrap_err();
    assert_eq!(line(e), 1);
    assert!(read_yaml("- just\n- a list\n").is_err());
}

#[test]
fn liwc_with_hierarchy_multi_category_words_and_round_trip() {
    let dic = "%\n1\taffect\n\t2\tposemo\n\t3\tnegemo\n4\tsocial\n%\nhapp*\t1\t2\nsad\t1 3\nfriend*\t4\t2\nkind of\t4\n";
    let d = read_liwc(dic).unwrap();
    assert_eq!(d.categories.len(), 2);
    assert_eq!(d.categories[0].id, "affect");
    assert_eq!(d.categories[0].patterns, ["happ*", "sad"]);
    assert_eq!(d.categories[0].children[0].patterns, ["happ*", "friend*"]);
    assert_eq!(d.categories[0].children[1].patterns, ["sad"]);
    assert_eq!(d.categories[1].patterns, ["friend*", "kind of"]);
    let back = read_liwc(&write_liwc(&d)).unwrap();
    assert_eq!(back, d);
    let lk = Lookup::new(&d, &LookupParams::default().levels(1, 1)).unwrap();
    // At level 1 posemo merges into affect: "happy" (affect and posemo, counted once) and
    // "friends" (posemo) give affect 2; "kind of" and "friends" give social 2.
    assert_eq!(lk.session().count("Happy kind of friends").counts, [2, 2]);
}

#[test]
fn liwc_errors_name_the_line() {
    assert_eq!(line(read_liwc("1\ta\n%\n").unwrap_err()), 1);
    assert_eq!(line(read_liwc("%\n1\ta\n%\nword\t9\n").unwrap_err()), 4);
    assert_eq!(line(read_liwc("%\n1\ta\n1\tb\n%\n").unwrap_err()), 3);
    assert_eq!(
        line(read_liwc("%\n1\ta\n\n\n\t\t2\tb\n%\n").unwrap_err()),
        5
    );
    assert_eq!(line(read_liwc("%\n1\ta\nx\n").unwrap_err()), 3);
    assert!(read_liwc("%\n1\ta\n").is_err(), "unclosed legend");
    assert_eq!(line(read_liwc("%\n1\ta\n%\nlonely\n").unwrap_err()), 4);
}

#[test]
fn wordstat_windows_1252_with_hierarchy() {
    // "CAFÉ*" in windows-1252, as WordStat writes it.
    let bytes = b"LEISURE\r\n\tCAF\xC9* (1)\r\n\tSPORT\r\n\t\tFOOTBALL (1)\r\n\t\tSKI RESORT* (2)\r\nWORK\r\n\tJOB* (1)\r\n";
    let (text, enc) = decode_text(bytes);
    assert_eq!(enc, "windows-1252");
    let d = read_wordstat(&text).unwrap();
    assert_eq!(d.categories[0].patterns, ["CAFÉ*"]);
    assert_eq!(
        d.categories[0].children[0].patterns,
        ["FOOTBALL", "SKI RESORT*"]
    );
    assert_eq!(d.categories[1].patterns, ["JOB*"]);
    let lk = Lookup::new(&d, &LookupParams::default()).unwrap();
    assert_eq!(lk.keys(), ["LEISURE", "LEISURE.SPORT", "WORK"]);
    assert_eq!(
        lk.session().count("café, ski resorts and jobs").counts,
        [1, 1, 1]
    );
}

#[test]
fn wordstat_russian_windows_1251() {
    let utf8 = "ФИНАНСЫ\n\tГРАНТ* (1)\n\tСУБСИДИ* (1)\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(utf8);
    let (text, enc) = decode_text(&bytes);
    assert_eq!(enc, "windows-1251");
    let d = read_wordstat(&text).unwrap();
    let lk = Lookup::new(&d, &LookupParams::default()).unwrap();
    assert_eq!(lk.session().count("гранты и субсидии").counts, [2]);
}

#[test]
fn wordstat_errors_name_the_line() {
    assert_eq!(line(read_wordstat("WORD (1)\n").unwrap_err()), 1);
    assert_eq!(line(read_wordstat("A\n\t\tB (1)\n").unwrap_err()), 2);
    assert_eq!(line(read_wordstat("A\n\t (1)\n").unwrap_err()), 2);
    assert!(read_wordstat("\n\n").is_err());
}

#[test]
fn lexicoder() {
    let d = read_lexicoder("\u{feff}+economy\nmarket*\n\n+environment\nclimate  change\n").unwrap();
    assert_eq!(d.categories[1].patterns, ["climate change"]);
    assert_eq!(line(read_lexicoder("word\n+k\n").unwrap_err()), 1);
    assert_eq!(line(read_lexicoder("+k\nx\n+ \n").unwrap_err()), 3);
    assert_eq!(line(read_lexicoder("+k\n+k\n").unwrap_err()), 2);
}

#[test]
fn yoshikoder() {
    let x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<dictionary style=\"070\" name=\"policy\">\n<cnode name=\"Economy\">\n  <pnode name=\"tax*\"></pnode>\n  <pnode name=\"jobs\"/>\n  <cnode name=\"Trade\">\n    <pnode name=\"export*\"/>\n  </cnode>\n</cnode>\n<cnode name=\"Empty\"/>\n</dictionary>\n";
    let d = read_yoshikoder(x).unwrap();
    assert_eq!(d.name, "policy");
    assert_eq!(d.categories[0].patterns, ["tax*", "jobs"]);
    assert_eq!(d.categories[0].children[0].patterns, ["export*"]);
    assert_eq!(d.categories[1].id, "Empty");
    assert_eq!(
        line(read_yoshikoder("<dictionary>\n<pnode name=\"x\"/>\n</dictionary>").unwrap_err()),
        2
    );
    assert_eq!(
        line(read_yoshikoder("<dictionary>\n<cnode>\n</cnode></dictionary>").unwrap_err()),
        2
    );
    assert!(read_yoshikoder("<dictionary><cnode name=\"a\">").is_err());
    assert!(read_yoshikoder("<dictionary><cnode name=\"a\"></pnode></dictionary>").is_err());
}

#[test]
fn liwc_writer_merges_a_word_in_several_categories() {
    let d = Dictionary::new(
        "d",
        "1",
        vec![Category::branch(
            "top",
            vec![Category::leaf("sub one", &["x"])],
        )],
    );
    assert_eq!(write_liwc(&d), "%\n1\ttop\n\t2\tsub_one\n%\nx\t2\n");
}
