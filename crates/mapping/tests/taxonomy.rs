//! Shipped taxonomies against the reference facts, code normalisation, and classification.

use creacity_mapping::MappingError;
use creacity_mapping::taxonomy::*;

const REF_CSV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/reference/mapping/dcms-creative-sic2007-okved2.csv"
);

#[test]
fn all_builtins_parse() {
    for b in BuiltinTaxonomy::ALL {
        let t = builtin(b);
        assert!(!t.groups.is_empty(), "{}", t.id);
        assert!(!t.name_ru.is_empty() && !t.name_en.is_empty());
    }
    assert_eq!(
        builtin(BuiltinTaxonomy::EurostatCultureNace2).status,
        TaxonomyStatus::Provisional
    );
    assert_eq!(
        builtin(BuiltinTaxonomy::EurostatCultureNace2).rules.len(),
        35
    );
    assert_eq!(builtin(BuiltinTaxonomy::UnescoFcs2009).groups.len(), 8);
    assert_eq!(builtin(BuiltinTaxonomy::UsArtsNaics).rules.len(), 12);
}

#[test]
fn dcms_equals_the_reference_csv() {
    let Ok(text) = std::fs::read_to_string(REF_CSV) else {
        eprintln!("skipping: {REF_CSV} not found");
        return;
    };
    let t = builtin(BuiltinTaxonomy::UkDcmsSic2007);
    let ru = builtin(BuiltinTaxonomy::RuCreativeOkved2);
    let mut n = 0;
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let rule = t
            .rules
            .iter()
            .find(|r| r.code == rec[0])
            .expect("code in DCMS file");
        assert_eq!(t.group(&rule.group).unwrap().name_en, &rec[1]);
        assert_eq!(rule.okved2.as_deref().unwrap_or(&rule.code), &rec[2]);
        assert_eq!(rule.name_ru, &rec[3]);
        assert!(
            ru.rules.iter().any(|r| r.code == rec[2]),
            "{} in the Russian list",
            &rec[2]
        );
        n += 1;
    }
    assert_eq!(n, 31);
    assert_eq!(t.rules.len(), 31);
    for code in [
        "32.99.8", "47.78.3", "47.78.5", "74.90.8", "85.41.2", "63.12.1", "91.03", "32.20",
    ] {
        assert!(ru.rules.iter().any(|r| r.code == code), "{code}");
    }
}

fn classifier(b: BuiltinTaxonomy, sys: CodeSystem, mode: ClassificationMode) -> Classifier {
    Classifier::new(&builtin(b), sys, mode, false).unwrap()
}

#[test]
fn codes_match_across_levels_and_notations() {
    let c = classifier(
        BuiltinTaxonomy::UkDcmsSic2007,
        CodeSystem::Okved2,
        ClassificationMode::Main,
    );
    for code in ["59.11", "5911", "59.11.1", "59 11", "59.11.12"] {
        let m = c.match_code(code, true);
        assert!(m.creative, "{code}");
        assert_eq!(m.group.as_deref(), Some("film"));
    }
    assert_eq!(c.match_code("59.11", true).level, MatchLevel::Exact);
    assert_eq!(c.match_code("59.11.1", true).level, MatchLevel::Deeper);
    // 59.2 is above 59.20: ambiguous in general, not counted unless asked.
    let m = c.match_code("59.2", true);
    assert_eq!((m.level, m.creative), (MatchLevel::Coarser, false));
    let accept = Classifier::new(
        &builtin(BuiltinTaxonomy::UkDcmsSic2007),
        CodeSystem::Okved2,
        ClassificationMode::Main,
        true,
    )
    .unwrap();
    assert!(accept.match_code("59.2", true).creative);
    assert_eq!(c.match_code("47.11", true).level, MatchLevel::NoMatch);
    assert_eq!(c.match_code("59.A", true).level, MatchLevel::Invalid);
    // NACE 85.52 is OKVED 2 85.41.2.
    assert!(c.match_code("85.41.2", true).creative);
    assert!(!c.match_code("85.52", true).creative);
    let nace = classifier(
        BuiltinTaxonomy::UkDcmsSic2007,
        CodeSystem::Nace2,
        ClassificationMode::Main,
    );
    assert!(nace.match_code("85.52", true).creative);
    assert_eq!(format_code("854120", CodeSystem::Okved2), "85.41.20");
}

#[test]
fn most_specific_rule_wins() {
    let t = Taxonomy::from_toml_str(
        r#"
[taxonomy]
id = "t"
version = "1"
system = "OKVED2"
status = "user"
name_en = "T"
name_ru = "Т"
source = "test"
[[group]]
id = "it"
name_en = "IT"
name_ru = "ИТ"
[[rule]]
code = "62"
group = "it"
[[rule]]
code = "62.09"
group = "it"
include = false
"#,
    )
    .unwrap();
    let c = Classifier::new(&t, CodeSystem::Okved2, ClassificationMode::Main, false).unwrap();
    assert!(c.match_code("62.01", true).creative);
    let m = c.match_code("62.09.1", true);
    assert_eq!((m.level, m.creative), (MatchLevel::Excluded, false));
}

#[test]
fn main_any_and_weighted() {
    let others = vec![
        "59.11".to_string(),
        "90.01".to_string(),
        "47.11".to_string(),
    ];
    let b = BuiltinTaxonomy::RuCreativeOkved2;
    let main = classifier(b, CodeSystem::Okved2, ClassificationMode::Main);
    let f = main.classify(Some("62.01"), &others);
    assert_eq!(f.groups, vec![("it".to_string(), 1.0)]);
    let f = main.classify(Some("47.11"), &others);
    assert!(!f.creative && f.creative_by_any && !f.creative_by_main);
    let any = classifier(b, CodeSystem::Okved2, ClassificationMode::Any);
    let f = any.classify(Some("47.11"), &others);
    assert_eq!(f.groups, vec![("film".to_string(), 1.0)]);
    let w = classifier(
        b,
        CodeSystem::Okved2,
        ClassificationMode::Weighted { main_share: 0.4 },
    );
    // Main 62.01 weighs 0.4, each of three others 0.2; 47.11 is not creative.
    let f = w.classify(Some("62.01"), &others);
    assert!((f.weight - 0.8).abs() < 1e-12);
    assert_eq!(f.groups.len(), 3);
    let f = w.classify(Some("62.01"), &[]);
    assert_eq!(f.weight, 1.0);
    let s = ClassificationSummary::new(
        &w,
        &[
            w.classify(Some("62.01"), &others),
            w.classify(Some("47.11"), &["xx".to_string()]),
        ],
    );
    assert_eq!(
        (s.n_firms, s.creative_by_main, s.creative_by_any),
        (2, 1, 1)
    );
    assert_eq!(s.invalid_codes.get("xx"), Some(&1));
}

#[test]
fn bad_taxonomies_and_parameters() {
    let head = "[taxonomy]\nid = \"t\"\nversion = \"1\"\nsystem = \"OKVED2\"\nstatus = \"user\"\nname_en = \"T\"\nname_ru = \"Т\"\nsource = \"s\"\n[[group]]\nid = \"g\"\nname_en = \"G\"\nname_ru = \"Г\"\n";
    let e = Taxonomy::from_toml_str(&format!(
        "{head}[[rule]]\ncode = \"59.11\"\ngroup = \"zz\"\n"
    ));
    assert!(matches!(e, Err(MappingError::Taxonomy { .. })));
    let e = Taxonomy::from_toml_str(&format!(
        "{head}[[rule]]\ncode = \"59.11\"\ngroup = \"g\"\n[[rule]]\ncode = \"5911\"\ngroup = \"g\"\n"
    ));
    assert!(e.unwrap_err().to_string().contains("duplicate code"));
    let e = Taxonomy::from_toml_str(&format!("{head}[[rule]]\ncode = \"5A\"\ngroup = \"g\"\n"));
    assert!(e.is_err());
    assert!(Taxonomy::from_toml_str("[taxonomy]\nid = 1\n").is_err());
    let t = builtin(BuiltinTaxonomy::UkDcmsSic2007);
    assert!(Classifier::new(&t, CodeSystem::Naics, ClassificationMode::Main, false).is_err());
    assert!(
        Classifier::new(
            &t,
            CodeSystem::Okved2,
            ClassificationMode::Weighted { main_share: 1.5 },
            false
        )
        .is_err()
    );
}
