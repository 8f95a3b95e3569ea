//! Golden tests for the counting rules of quanteda's `tokens_lookup`, as fixed in
//! `/work/shared/reference/text/README.md` (reference: R quanteda 4.x, `tokens_lookup`,
//! `nested_scope = "key"`).

use creacity_text::{Category, Dictionary, Lookup, LookupParams, PatternKind};

fn dict(cats: Vec<Category>) -> Dictionary {
    Dictionary::new("t", "1", cats)
}

fn count(d: &Dictionary, p: &LookupParams, text: &str) -> Vec<u64> {
    Lookup::new(d, p).unwrap().session().count(text).counts
}

#[test]
fn glob_is_default_and_case_insensitive() {
    let d = dict(vec![Category::leaf("k", &["tax*", "l?w"])]);
    assert_eq!(
        count(
            &d,
            &LookupParams::default(),
            "Taxes, TAXATION, law, LAW, laws, lw"
        ),
        [4]
    );
}

#[test]
fn regex_and_fixed_are_the_alternatives() {
    let d = dict(vec![Category::leaf("k", &["tax(es)?", "l.w"])]);
    let p = LookupParams::default().kind(PatternKind::Regex);
    // Regex must match the whole token: "taxation" does not match "tax(es)?".
    assert_eq!(count(&d, &p, "tax taxes taxation law low laws"), [4]);
    // Fixed: `?` is a literal character, so "l?w" matches nothing here, and "tax" only "tax".
    let d = dict(vec![Category::leaf("k", &["tax", "l?w"])]);
    let p = LookupParams::default().kind(PatternKind::Fixed);
    assert_eq!(count(&d, &p, "tax taxes law"), [1]);
}

#[test]
fn a_pattern_with_a_space_is_multi_word() {
    let d = dict(vec![Category::leaf("usa", &["united states"])]);
    let p = LookupParams::default();
    assert_eq!(
        count(&d, &p, "The United States and the united states"),
        [2]
    );
    assert_eq!(
        count(&d, &p, "united, states"),
        [0],
        "not across punctuation"
    );
    assert_eq!(count(&d, &p, "states united"), [0]);
}

#[test]
fn one_token_may_count_for_several_keys() {
    let d = dict(vec![
        Category::leaf("a", &["coord*"]),
        Category::leaf("b", &["*ation"]),
    ]);
    assert_eq!(count(&d, &LookupParams::default(), "coordination"), [1, 1]);
}

#[test]
fn overlapping_patterns_in_one_key_count_once() {
    let d = dict(vec![Category::leaf(
        "usa",
        &["united states", "united states of america"],
    )]);
    assert_eq!(
        count(&d, &LookupParams::default(), "United States of America"),
        [1]
    );
    let d = dict(vec![Category::leaf("k", &["A B", "A B C"])]);
    assert_eq!(count(&d, &LookupParams::default(), "A B C"), [1]);
    // Two separate occurrences still count twice.
    assert_eq!(count(&d, &LookupParams::default(), "A B C A B"), [2]);
}

#[test]
fn across_keys_case_matters() {
    let d = dict(vec![
        Category::leaf("man_u", &["Manchester United"]),
        Category::leaf("usa", &["united states"]),
    ]);
    let text = "Manchester United States";
    assert_eq!(count(&d, &LookupParams::default(), text), [1, 1]);
    let cs = LookupParams::default().case_insensitive(false);
    assert_eq!(count(&d, &cs, text), [1, 0]);
}

fn geo() -> Dictionary {
    dict(vec![Category::branch(
        "geo",
        vec![
            Category::branch(
                "Countries",
                vec![Category::leaf("Europe", &["france", "germany"])],
            ),
            Category::leaf("Oceans", &["atlantic", "pacific"]),
        ],
    )])
}

#[test]
fn levels_choose_the_key() {
    let text = "France Germany Atlantic";
    let lk = Lookup::new(&geo(), &LookupParams::default().levels(1, 1)).unwrap();
    assert_eq!(lk.keys(), ["geo"]);
    assert_eq!(lk.session().count(text).counts, [3]);
    let lk = Lookup::new(&geo(), &LookupParams::default().levels(1, 2)).unwrap();
    assert_eq!(lk.keys(), ["geo.Countries", "geo.Oceans"]);
    assert_eq!(lk.session().count(text).counts, [2, 1]);
    let lk = Lookup::new(&geo(), &LookupParams::default().levels(2, 2)).unwrap();
    assert_eq!(lk.keys(), ["Countries", "Oceans"]);
    let lk = Lookup::new(&geo(), &LookupParams::default()).unwrap();
    assert_eq!(lk.keys(), ["geo.Countries.Europe", "geo.Oceans"]);
    assert!(Lookup::new(&geo(), &LookupParams::default().levels(0, 1)).is_err());
    assert!(Lookup::new(&geo(), &LookupParams::default().levels(2, 1)).is_err());
}

#[test]
fn padding_neither_joins_nor_breaks() {
    let d = dict(vec![
        Category::leaf("ab", &["a b"]),
        Category::leaf("ac", &["a c"]),
    ]);
    let p = LookupParams::default().remove(&["b"]);
    // "b" removed leaves a pad: "a c" is not joined across it, "a b" cannot match the pad.
    assert_eq!(count(&d, &p, "a b c"), [0, 0]);
    // Padding elsewhere does not break a match.
    assert_eq!(count(&d, &p, "b a c b"), [0, 1]);
}

#[test]
fn hyphenated_compounds_are_one_token() {
    let d = dict(vec![
        Category::leaf("ppp", &["государственно-частн*"]),
        Category::leaf("part", &["частн*"]),
        Category::leaf("any", &["*-частн*"]),
    ]);
    assert_eq!(
        count(
            &d,
            &LookupParams::default(),
            "государственно-частного партнерства"
        ),
        [1, 0, 1]
    );
}

/// The lookup has a fast path for dictionaries without multi-word patterns; both paths must
/// count alike.
#[test]
fn fast_and_general_paths_agree() {
    let text =
        "Координация, координации; финансирование и гранты. Coordination of funding, grants!";
    let singles = vec![
        Category::leaf("coord", &["координац*", "coordinat*", "*ация"]),
        Category::leaf("fin", &["финанс*", "грант*", "fund*", "grant?"]),
    ];
    let mut with_multi = singles.clone();
    with_multi.push(Category::leaf("never", &["zzzq qqqz"]));
    let fast = Lookup::new(&dict(singles), &LookupParams::default()).unwrap();
    let general = Lookup::new(&dict(with_multi), &LookupParams::default()).unwrap();
    let a = fast.session().count(text);
    let b = general.session().count(text);
    assert_eq!(a.counts, [3, 4]);
    assert_eq!(&b.counts[..2], &a.counts[..]);
    assert_eq!(a.matches, b.matches);
}
