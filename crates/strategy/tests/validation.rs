//! One test per kind of invalid file or input: the error names the file, the key and the value.

mod common;

use creacity_strategy::{Catalogue, Rules, StrategyError, StrategyInput, shipped};

const PROBLEMS: &str = r#"
name = "p"
version = "1"
[[problem]]
id = "coordination"
priority = 1
label = { ru = "Координация", en = "Coordination" }
description = { ru = "Описание", en = "Description" }
goal = { ru = "Цель", en = "Goal" }
instruments = ["coordination_bodies"]
"#;

const INSTRUMENTS: &str = r#"
name = "i"
version = "1"
[[unit]]
id = "count"
label = { ru = "ед.", en = "units" }
[[instrument]]
id = "coordination_bodies"
label = { ru = "Органы", en = "Bodies" }
description = { ru = "Описание", en = "Description" }
goal = { ru = "Цель", en = "Goal" }
[[instrument.measure]]
id = "council"
title = { ru = "Совет", en = "Council" }
description = { ru = "Описание", en = "Description" }
lead = "local_authority"
partners = ["business"]
local_authority_role = { ru = "Председательствует", en = "Chairs" }
[[instrument.measure.kpi]]
id = "meetings"
name = { ru = "Заседания", en = "Meetings" }
unit = "count"
direction = "increase"
"#;

const RULE: &str = r#"
name = "r"
version = "1"
[[rule]]
id = "coord"
measures = ["council"]
reason = { ru = "Ранг {problem.coordination.rank}", en = "Rank {problem.coordination.rank}" }
[[rule.problem]]
id = "coordination"
max_rank = 2
"#;

fn catalogue() -> Catalogue {
    Catalogue::from_toml(PROBLEMS, INSTRUMENTS).unwrap()
}

fn rules_err(text: &str) -> StrategyError {
    Rules::from_toml(text).unwrap_err()
}

fn check_err(text: &str) -> StrategyError {
    Rules::from_toml(text)
        .unwrap()
        .check(&catalogue())
        .unwrap_err()
}

#[test]
fn the_minimal_files_are_valid() {
    let c = catalogue();
    Rules::from_toml(RULE).unwrap().check(&c).unwrap();
}

#[test]
fn broken_toml_names_the_file_and_line() {
    let e = rules_err("name = \"r\"\nversion = \n");
    match &e {
        StrategyError::Parse { file, message } => {
            assert_eq!(*file, "rules");
            assert!(message.contains("line 2"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_key_is_a_parse_error() {
    let e = rules_err(&RULE.replace("max_rank = 2", "max_rnak = 2"));
    assert!(
        matches!(e, StrategyError::Parse { file: "rules", ref message } if message.contains("max_rnak"))
    );
}

#[test]
fn duplicate_rule_id() {
    let twice = format!("{RULE}{}", &RULE[RULE.find("[[rule]]").unwrap()..]);
    assert_eq!(
        rules_err(&twice),
        StrategyError::DuplicateId {
            file: "rules",
            kind: "rule",
            id: "coord".into()
        }
    );
}

#[test]
fn duplicate_measure_id() {
    let extra = &INSTRUMENTS[INSTRUMENTS.find("[[instrument.measure]]").unwrap()..];
    let e = Catalogue::from_toml(PROBLEMS, &format!("{INSTRUMENTS}{extra}")).unwrap_err();
    assert_eq!(
        e,
        StrategyError::DuplicateId {
            file: "instruments",
            kind: "measure",
            id: "council".into()
        }
    );
}

#[test]
fn duplicate_problem_id() {
    let extra = &PROBLEMS[PROBLEMS.find("[[problem]]").unwrap()..];
    let e = Catalogue::from_toml(&format!("{PROBLEMS}{extra}"), INSTRUMENTS).unwrap_err();
    assert_eq!(
        e,
        StrategyError::DuplicateId {
            file: "problems",
            kind: "problem",
            id: "coordination".into()
        }
    );
}

#[test]
fn empty_text_in_the_catalogue() {
    let e = Catalogue::from_toml(
        PROBLEMS,
        &INSTRUMENTS.replace("en = \"Chairs\"", "en = \" \""),
    )
    .unwrap_err();
    assert_eq!(
        e,
        StrategyError::Empty {
            file: "instruments",
            key: "instrument[coordination_bodies].measure[council].local_authority_role.en".into()
        }
    );
}

#[test]
fn empty_reason_in_a_rule() {
    let e = rules_err(&RULE.replace("ru = \"Ранг {problem.coordination.rank}\"", "ru = \"\""));
    assert_eq!(
        e,
        StrategyError::Empty {
            file: "rules",
            key: "rule[coord].reason.ru".into()
        }
    );
}

#[test]
fn unknown_measure() {
    assert_eq!(
        check_err(&RULE.replace("[\"council\"]", "[\"councel\"]")),
        StrategyError::UnknownMeasure {
            file: "rules",
            key: "rule[coord].measures[0]".into(),
            id: "councel".into()
        }
    );
}

#[test]
fn from_toml_with_checks_references_at_once() {
    let e = Rules::from_toml_with(
        &RULE.replace("[\"council\"]", "[\"councel\"]"),
        &catalogue(),
    )
    .unwrap_err();
    assert!(matches!(e, StrategyError::UnknownMeasure { ref id, .. } if id == "councel"));
    Rules::from_toml_with(RULE, &catalogue()).unwrap();
}

#[test]
fn unknown_instrument_in_a_rule() {
    let text = RULE.replace(
        "measures = [\"council\"]",
        "instruments = [\"coordination\"]",
    );
    assert_eq!(
        check_err(&text),
        StrategyError::UnknownInstrument {
            file: "rules",
            key: "rule[coord].instruments[0]".into(),
            id: "coordination".into()
        }
    );
}

#[test]
fn unknown_instrument_in_the_problem_catalogue() {
    let e = Catalogue::from_toml(
        &PROBLEMS.replace("[\"coordination_bodies\"]", "[\"councils\"]"),
        INSTRUMENTS,
    )
    .unwrap_err();
    assert_eq!(
        e,
        StrategyError::UnknownInstrument {
            file: "problems",
            key: "problem[coordination].instruments[0]".into(),
            id: "councils".into()
        }
    );
}

#[test]
fn unknown_problem() {
    let text = RULE.replace("coordination", "cooperation");
    assert_eq!(
        check_err(&text),
        StrategyError::UnknownProblem {
            file: "rules",
            key: "rule[coord].problem[0].id".into(),
            id: "cooperation".into()
        }
    );
}

#[test]
fn unknown_unit() {
    let e = Catalogue::from_toml(
        PROBLEMS,
        &INSTRUMENTS.replace("unit = \"count\"", "unit = \"pcs\""),
    )
    .unwrap_err();
    assert_eq!(
        e,
        StrategyError::UnknownUnit {
            file: "instruments",
            key: "instrument[coordination_bodies].measure[council].kpi[meetings].unit".into(),
            id: "pcs".into()
        }
    );
}

#[test]
fn placeholder_for_a_problem_without_condition() {
    let e = rules_err(&RULE.replace(
        "Rank {problem.coordination.rank}",
        "Rank {problem.financial.rank}",
    ));
    match e {
        StrategyError::Placeholder {
            file,
            key,
            placeholder,
            ..
        } => {
            assert_eq!(
                (file, key.as_str(), placeholder.as_str()),
                ("rules", "rule[coord].reason.en", "problem.financial.rank")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_placeholder() {
    let e = rules_err(&RULE.replace(
        "Rank {problem.coordination.rank}",
        "Rank {problem.coordination.colour}",
    ));
    assert!(
        matches!(e, StrategyError::Placeholder { ref placeholder, .. } if placeholder == "problem.coordination.colour")
    );
}

#[test]
fn out_of_range_values() {
    let e = rules_err(&RULE.replace("max_rank = 2", "min_share = 1.5"));
    assert_eq!(
        e,
        StrategyError::Invalid {
            file: "rules",
            key: "rule[coord].problem[0].min_share".into(),
            value: "1.5".into(),
            expected: "a share between 0 and 1".into()
        }
    );
    let e = rules_err(&RULE.replace("id = \"coord\"", "id = \"coord\"\npriority = 0"));
    assert!(matches!(e, StrategyError::Invalid { ref key, .. } if key == "rule[coord].priority"));
}

#[test]
fn rule_without_condition() {
    let text = RULE
        .replace(
            "[[rule.problem]]\nid = \"coordination\"\nmax_rank = 2\n",
            "",
        )
        .replace("{problem.coordination.rank}", "x");
    let e = rules_err(&text);
    assert!(
        matches!(e, StrategyError::Invalid { ref key, .. } if key == "rule[coord]"),
        "{e:?}"
    );
}

#[test]
fn rule_without_measures() {
    let e = rules_err(&RULE.replace("measures = [\"council\"]\n", ""));
    assert_eq!(
        e,
        StrategyError::Empty {
            file: "rules",
            key: "rule[coord].measures".into()
        }
    );
}

#[test]
fn cluster_condition_with_max_below_min() {
    let text = format!("{RULE}[[rule.clusters]]\nmin_count = 3\nmax_count = 1\n");
    let e = rules_err(&text);
    assert!(
        matches!(e, StrategyError::Invalid { ref key, .. } if key == "rule[coord].clusters[0].max_count"),
        "{e:?}"
    );
}

#[test]
fn bad_inputs_are_refused_by_the_builder() {
    let (c, r) = (Catalogue::shipped().unwrap(), Rules::shipped().unwrap());
    let t = common::territory(true, true, false);
    let build = |clusters, opts| {
        StrategyInput::builder(&t, &c, &r, opts)
            .clusters(clusters)
            .build()
            .map(|_| ())
    };
    let e = build(
        vec![common::cluster("a", "dependent", 6)],
        common::options(),
    )
    .unwrap_err();
    assert!(
        matches!(e, StrategyError::Invalid { ref key, ref value, .. } if key == "clusters[a].position" && value == "6")
    );
    let e = build(
        vec![
            common::cluster("a", "dependent", 5),
            common::cluster("a", "guided", 4),
        ],
        common::options(),
    )
    .unwrap_err();
    assert_eq!(
        e,
        StrategyError::DuplicateId {
            file: "input",
            kind: "cluster",
            id: "a".into()
        }
    );
    let mut opts = common::options();
    opts.max_measures = 0;
    assert!(
        matches!(build(vec![], opts).unwrap_err(), StrategyError::Invalid { ref key, .. } if key == "options.max_measures")
    );
    let opts = creacity_strategy::StrategyOptions::new(" ", common::STAMP);
    assert!(
        matches!(build(vec![], opts).unwrap_err(), StrategyError::Empty { ref key, .. } if key == "options.strategy_id")
    );
}

#[test]
fn rules_that_do_not_match_the_catalogue_are_refused_by_the_builder() {
    let c = catalogue();
    let r = Rules::from_toml(shipped::RULES_TOML).unwrap();
    let t = common::territory(false, false, false);
    let e = StrategyInput::builder(&t, &c, &r, common::options())
        .build()
        .unwrap_err();
    assert!(matches!(e, StrategyError::UnknownMeasure { .. }), "{e:?}");
}
