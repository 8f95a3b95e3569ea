//! Bad input, case by case as listed in issue #6, and a fuzz-style test of the iData/iMeta readers.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use creacity_index::*;

const HEAD: &str = "Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n";

fn meta(rows: &str) -> String {
    format!("{HEAD}{rows}")
}

const GOOD_META: &str = "1,a,A,1,1,,,,P,Indicator\n1,b,B,-1,1,,10,pop,P,Indicator\n1,c,C,1,2,,,,Q,Indicator\n\
                         2,P,P,1,1,,,,I,Aggregate\n2,Q,Q,1,1,,,,I,Aggregate\n3,I,Index,1,1,,,,,Aggregate\n\
                         ,region,Region,,,,,,,Group\n,pop,Population,,,,,,,Denominator\n";
const GOOD_DATA: &str = "uCode,uName,region,pop,a,b,c\nX,Ex,N,10,1,20,3\nY,Why,N,20,2,,1\nZ,Zed,S,5,4,30,0\nW,Dbl,S,8,3,25,2\n";

fn log() -> Vec<Step> {
    vec![
        Step::Denominate(Denominate::default()),
        Step::Impute(Impute {
            method: ImputeMethod::GroupMean {
                group: "region".into(),
            },
        }),
        Step::Normalise(Normalise::default()),
        Step::Aggregate(Aggregate::default()),
    ]
}

#[test]
fn the_small_good_case_builds() {
    let fw = read_imeta(&meta(GOOD_META)).unwrap();
    let d = read_idata(GOOD_DATA, &fw).unwrap();
    let c = Coin::build(fw, d, log()).unwrap();
    // Y's missing b is imputed with the mean of region N: only X has b (20/10 = 2) → 2.
    assert_eq!(c.dataset("Imputed").unwrap().get("Y", "b"), Some(2.0));
    assert_eq!(c.regenerate().unwrap(), c);
}

#[test]
fn cycle_is_named() {
    let e = read_imeta(&meta(
        "1,a,A,1,1,,,,P,Indicator\n2,P,P,1,1,,,,Q,Aggregate\n3,Q,Q,1,1,,,,P,Aggregate\n",
    ))
    .unwrap_err();
    assert!(
        matches!(&e, IndexError::Cycle { path } if path.contains(&"P".to_string())),
        "{e}"
    );
    assert!(e.to_string().contains("cycle"));
}

#[test]
fn orphans_are_named() {
    // An indicator without a parent beside a real root.
    let e = read_imeta(&meta(
        "1,a,A,1,1,,,,I,Indicator\n1,lost,L,1,1,,,,,Indicator\n2,I,I,1,1,,,,,Aggregate\n",
    ))
    .unwrap_err();
    assert!(
        matches!(&e, IndexError::Orphan { code, row: 2, .. } if code == "lost"),
        "{e}"
    );
    // An aggregate without children.
    let e = read_imeta(&meta("1,a,A,1,1,,,,I,Indicator\n2,E,E,1,1,,,,J,Aggregate\n2,I,I,1,1,,,,J,Aggregate\n3,J,J,1,1,,,,,Aggregate\n")).unwrap_err();
    assert!(
        matches!(&e, IndexError::Orphan { code, .. } if code == "E"),
        "{e}"
    );
}

#[test]
fn unknown_parent_and_level_mismatch() {
    let e = read_imeta(&meta(
        "1,a,A,1,1,,,,Nowhere,Indicator\n2,I,I,1,1,,,,,Aggregate\n",
    ))
    .unwrap_err();
    assert!(
        matches!(&e, IndexError::UnknownParent { code, parent, row: 1 } if code == "a" && parent == "Nowhere"),
        "{e}"
    );
    let e = read_imeta(&meta("1,a,A,1,1,,,,I,Indicator\n3,I,I,1,1,,,,,Aggregate\n")).unwrap_err();
    assert!(matches!(e, IndexError::LevelMismatch { .. }), "{e}");
}

#[test]
fn weights_summing_to_zero() {
    let e = read_imeta(&meta(
        "1,a,A,1,0,,,,I,Indicator\n1,b,B,1,0,,,,I,Indicator\n2,I,I,1,1,,,,,Aggregate\n",
    ))
    .unwrap_err();
    assert!(
        matches!(&e, IndexError::BadWeights { parent, .. } if parent == "I"),
        "{e}"
    );
    // The same through overrides at build time.
    let fw = read_imeta(&meta(GOOD_META)).unwrap();
    let d = read_idata(GOOD_DATA, &fw).unwrap();
    let mut l = log();
    if let Some(Step::Aggregate(a)) = l.last_mut() {
        a.weight_overrides = [("a".to_string(), 0.0), ("b".to_string(), 0.0)].into();
    }
    let e = Coin::build(fw, d, l).unwrap_err();
    assert!(
        matches!(&e, IndexError::BadWeights { parent, .. } if parent == "P"),
        "{e}"
    );
}

#[test]
fn indicator_without_variance() {
    let fw = read_imeta(&meta(GOOD_META)).unwrap();
    let d = read_idata(
        "uCode,region,pop,a,b,c\nX,N,10,1,20,3\nY,N,20,2,10,3\nZ,S,5,4,30,3\n",
        &fw,
    )
    .unwrap();
    let e = Coin::build(fw, d, log()).unwrap_err();
    assert!(
        matches!(&e, IndexError::NoVariance { code, .. } if code == "c"),
        "{e}"
    );
}

#[test]
fn unit_with_all_data_missing() {
    let fw = read_imeta(&meta(GOOD_META)).unwrap();
    let e = read_idata(
        "uCode,region,pop,a,b,c\nX,N,10,1,20,3\nEmpty,N,20,,NA,\n",
        &fw,
    )
    .unwrap_err();
    assert!(
        matches!(&e, IndexError::UnitAllMissing { unit } if unit == "Empty"),
        "{e}"
    );
}

#[test]
fn bad_cells_name_row_and_column() {
    let e = read_imeta(&meta("1,a,A,2,1,,,,I,Indicator\n2,I,I,1,1,,,,,Aggregate\n")).unwrap_err();
    assert!(
        matches!(&e, IndexError::BadCell { row: 1, column, .. } if column == "Direction"),
        "{e}"
    );
    let fw = read_imeta(&meta(GOOD_META)).unwrap();
    let e = read_idata(
        "uCode,region,pop,a,b,c\nX,N,10,1,20,3\nY,N,20,two,1,1\n",
        &fw,
    )
    .unwrap_err();
    assert!(
        matches!(&e, IndexError::BadCell { row: 2, column, value, .. } if column == "a" && value == "two"),
        "{e}"
    );
    let e = read_idata("uCode,region,pop,a,b\nX,N,10,1,20\n", &fw).unwrap_err();
    assert!(
        matches!(&e, IndexError::MissingColumn { column, .. } if column == "c"),
        "{e}"
    );
    let e = read_idata("uCode,region,pop,a,b,c,zzz\nX,N,10,1,20,3,1\n", &fw).unwrap_err();
    assert!(
        matches!(&e, IndexError::UnknownCode { code, .. } if code == "zzz"),
        "{e}"
    );
    let e = read_idata(
        "uCode,region,pop,a,b,c\nX,N,10,1,20,3\nX,N,10,1,20,3\n",
        &fw,
    )
    .unwrap_err();
    assert!(
        matches!(&e, IndexError::DuplicateCode { row: 2, .. }),
        "{e}"
    );
}

#[test]
fn bad_step_settings_are_refused_before_running() {
    let fw = read_imeta(&meta(GOOD_META)).unwrap();
    let d = read_idata(GOOD_DATA, &fw).unwrap();
    let cases: Vec<Step> = vec![
        Step::Impute(Impute {
            method: ImputeMethod::GroupMean {
                group: "nope".into(),
            },
        }),
        Step::Screen(Screen {
            min_availability: 1.5,
            force_include: vec![],
            force_exclude: vec![],
        }),
        Step::Normalise(Normalise {
            default: NormMethod::MinMax { lo: 1.0, hi: 1.0 },
            ..Default::default()
        }),
        Step::Normalise(Normalise {
            default: NormMethod::DistToTarget { cap: true },
            ..Default::default()
        }),
        Step::Aggregate(Aggregate {
            method: AggMethod::Generalised { p: 0.0 },
            ..Default::default()
        }),
        Step::Aggregate(Aggregate {
            weight_overrides: [("zz".to_string(), 1.0)].into(),
            ..Default::default()
        }),
    ];
    for s in cases {
        let e = Coin::build(fw.clone(), d.clone(), vec![s.clone()]);
        assert!(e.is_err(), "{s:?} accepted");
    }
}

#[test]
fn toml_spec_matches_imeta() {
    let spec = r#"
        groups = ["region"]
        denominators = ["pop"]
        [[node]]
        code = "a"
        level = 1
        parent = "P"
        [[node]]
        code = "b"
        level = 1
        parent = "P"
        direction = "negative"
        target = 10.0
        denominator = "pop"
        [[node]]
        code = "c"
        level = 1
        parent = "Q"
        weight = 2.0
        [[node]]
        code = "P"
        level = 2
        parent = "I"
        [[node]]
        code = "Q"
        level = 2
        parent = "I"
        [[node]]
        code = "I"
        level = 3
    "#;
    let a = read_spec_toml(spec).unwrap();
    let b = read_imeta(&meta(GOOD_META)).unwrap();
    let d = read_idata(GOOD_DATA, &b).unwrap();
    let (ca, cb) = (
        Coin::build(a, d.clone(), log()).unwrap(),
        Coin::build(b, d, log()).unwrap(),
    );
    assert_eq!(ca.ranking(None).unwrap(), cb.ranking(None).unwrap());
    let e = read_spec_toml(
        "[[node]]\ncode = 'a'\nlevel = 1\nparent = 'I'\nwieght = 2\n[[node]]\ncode='I'\nlevel=2\n",
    )
    .unwrap_err();
    assert!(e.to_string().contains("wieght"), "{e}");
}

/// Mutates text at random: deletes, inserts and duplicates characters and lines.
fn mutate(rng: &mut ChaCha8Rng, s: &str) -> String {
    let mut c: Vec<char> = s.chars().collect();
    let alphabet: Vec<char> = ",\n\"-.e1 0NA;\u{feff}é9x".chars().collect();
    for _ in 0..rng.random_range(1..6) {
        if c.is_empty() {
            break;
        }
        let i = rng.random_range(0..c.len());
        match rng.random_range(0..4) {
            0 => {
                c.remove(i);
            }
            1 => c.insert(i, alphabet[rng.random_range(0..alphabet.len())]),
            2 => {
                let j = rng.random_range(i..c.len().min(i + 40));
                let piece: Vec<char> = c[i..=j].to_vec();
                c.splice(i..i, piece);
            }
            _ => c.truncate(i),
        }
    }
    c.into_iter().collect()
}

#[test]
fn readers_never_panic_on_mangled_input() {
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    let fw = read_imeta(&meta(GOOD_META)).unwrap();
    let (mut ok_meta, mut ok_data) = (0, 0);
    for _ in 0..3000 {
        let m = mutate(&mut rng, &meta(GOOD_META));
        let r = std::panic::catch_unwind(|| read_imeta(&m).is_ok());
        assert!(r.is_ok(), "read_imeta panicked on {m:?}");
        ok_meta += usize::from(r.unwrap());
        let t = mutate(&mut rng, GOOD_DATA);
        let r = std::panic::catch_unwind(|| {
            read_idata(&t, &fw)
                .ok()
                .map(|d| Coin::build(fw.clone(), d, log()).map(|c| c.ranking(None).is_ok()))
        });
        assert!(r.is_ok(), "read_idata or build panicked on {t:?}");
        ok_data += usize::from(matches!(r.unwrap(), Some(Ok(true))));
    }
    // Some mutations are harmless; most are not.
    assert!(
        ok_meta > 0 && ok_meta < 3000 && ok_data > 0 && ok_data < 3000,
        "{ok_meta} {ok_data}"
    );
}
