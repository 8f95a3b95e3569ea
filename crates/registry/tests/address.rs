//! Address normalisation through the abbreviation table.

use creacity_registry::{AddressTable, OnError, ParseContext, RegistryError, parse_file};

#[test]
fn spellings_of_every_era_meet() {
    let t = AddressTable::default();
    for (spelling, canon) in [
        ("ГОРОД", "город"),
        ("Г.", "город"),
        ("г", "город"),
        ("гор.", "город"),
        ("Р-Н", "район"),
        ("район", "район"),
        ("РЕСП.", "республика"),
        ("область", "область"),
        ("ОБЛ", "область"),
        ("ПОСЕЛОК", "посёлок"),
        ("п.", "посёлок"),
        ("ПГТ", "посёлок городского типа"),
        ("с.", "село"),
        ("д", "деревня"),
        ("ст-ца", "станица"),
        ("г.о.", "городской округ"),
        ("м.р-н", "муниципальный район"),
        ("АО", "автономный округ"),
    ] {
        assert_eq!(
            t.lookup(spelling).map(|x| x.ru.as_str()),
            Some(canon),
            "{spelling}"
        );
    }
}

#[test]
fn type_written_into_the_name_is_split_off() {
    let t = AddressTable::default();
    let (p, unknown) = t.place(None, "г. Синтетград");
    assert_eq!(
        (p.kind.as_str(), p.name.as_str(), unknown),
        ("город", "Синтетград", false)
    );
    let (p, _) = t.place(None, "пгт  Примерный");
    assert_eq!(
        (p.kind.as_str(), p.name.as_str()),
        ("посёлок городского типа", "Примерный")
    );
    // A name that merely starts like an abbreviation is left alone.
    let (p, _) = t.place(None, "Гора");
    assert_eq!((p.kind.as_str(), p.name.as_str()), ("", "Гора"));
}

#[test]
fn unknown_types_are_kept_and_counted() {
    let xml = r#"<Файл ВерсФорм="4.05" ТипИнф="РЕЕСТРМСП"><Документ ИдДок="1" ДатаСост="10.03.2022" ДатаВклМСП="10.03.2022" ВидСубМСП="2" КатСубМСП="1"><ИПВклМСП ИННФЛ="500100732259"><ФИОИП Фамилия="СИНТЕТИЧЕСКИЙ" Имя="ТЕСТ"/></ИПВклМСП><СведМН КодРегион="50"><НаселПункт Тип="ЗАИМКА" Наим="СИНТЕТИЧЕСКАЯ"/></СведМН></Документ></Файл>"#;
    let t = AddressTable::default();
    let cx = ParseContext {
        zip: "z",
        entry: "VO_RRMSPSV_1.xml",
        table: &t,
        known_codes: None,
        on_error: OnError::Stop,
    };
    let f = parse_file(xml.as_bytes(), &cx).unwrap();
    let r = &f.records[0];
    assert_eq!(r.settlement.as_ref().unwrap().kind, "заимка");
    assert_eq!(f.stats.unknown_place_types.get("заимка"), Some(&1));
    assert_eq!(f.stats.missing_main_code, 1);
    assert_eq!(r.name, "СИНТЕТИЧЕСКИЙ ТЕСТ");
}

#[test]
fn a_users_table_replaces_the_shipped_one_and_bad_lines_are_named() {
    let t = AddressTable::from_csv("spelling,canonical_ru,canonical_en\nзаимка,заимка,zaimka\n")
        .unwrap();
    assert_eq!(t.lookup("ЗАИМКА").unwrap().en, "zaimka");
    assert!(t.lookup("г.").is_none());
    let e = AddressTable::from_csv("spelling,canonical_ru,canonical_en\nг,город\n").unwrap_err();
    assert!(matches!(e, RegistryError::AddressTable { line: 2, .. }));
    let e = AddressTable::from_csv(
        "spelling,canonical_ru,canonical_en\nг,город,city\nг.,район,district\n",
    )
    .unwrap_err();
    assert!(matches!(e, RegistryError::AddressTable { line: 3, .. }));
}

#[test]
fn a_file_declared_windows_1251_is_read() {
    let xml = r#"<?xml version="1.0" encoding="windows-1251"?><Файл ВерсФорм="4.06" ТипИнф="РЕЕСТРМСП"><Документ ИдДок="1" ДатаСост="10.06.2023" ДатаВклМСП="10.06.2023" ВидСубМСП="1" КатСубМСП="2"><ОргВклМСП НаимОрг="ООО СИНТЕТИКА" ИННЮЛ="7707329152"/><СведМН КодРегион="77"><Город Тип="Г." Наим="Синтетград"/></СведМН><СвОКВЭД><СвОКВЭДОсн КодОКВЭД="90.01" ВерсОКВЭД="2014"/></СвОКВЭД></Документ></Файл>"#;
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(xml);
    assert!(!bad);
    let t = AddressTable::default();
    let cx = ParseContext {
        zip: "z",
        entry: "VO_RRMSPSV_1.xml",
        table: &t,
        known_codes: None,
        on_error: OnError::Stop,
    };
    let f = parse_file(&bytes, &cx).unwrap();
    let r = &f.records[0];
    assert_eq!(
        (r.name.as_str(), r.city.as_ref().unwrap().name.as_str()),
        ("ООО СИНТЕТИКА", "Синтетград")
    );
    assert_eq!(r.main_code(), Some("90.01"));
}
