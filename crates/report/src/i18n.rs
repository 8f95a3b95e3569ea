//! The report's fixed wording in Russian and English.

use creacity_model::Lang;

/// A fixed phrase of the report in the requested language.
pub fn t(lang: Lang, key: &str) -> &'static str {
    let (en, ru) = match key {
        "title" => (
            "Creative industries: diagnosis, types, problems and strategy",
            "Креативные индустрии: диагностика, типы, проблемы и стратегия",
        ),
        "synthetic" => (
            "SYNTHETIC DEMO DATA — the territories, clusters and documents in this report are made up to demonstrate creacity; they describe no real place or organisation.",
            "СИНТЕТИЧЕСКИЕ ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ — территории, кластеры и документы в этом отчёте придуманы для демонстрации creacity и не описывают реальные места или организации.",
        ),
        "territory" => ("Territory", "Территория"),
        "population" => ("Population", "Население"),
        "flags" => ("Profile", "Профиль"),
        "second_tier" => ("second-tier city", "город второго эшелона"),
        "industrial" => ("industrial", "промышленный"),
        "monotown" => ("monotown", "моногород"),
        "clusters" => (
            "Creative clusters and their formation types",
            "Креативные кластеры и типы их формирования",
        ),
        "n_clusters" => ("Clusters", "Кластеры"),
        "dominant" => ("Dominant type", "Преобладающий тип"),
        "borderline_n" => ("Borderline", "Пограничные"),
        "top_problem" => ("Top problem", "Главная проблема"),
        "cluster" => ("Cluster", "Кластер"),
        "type" => ("Type", "Тип"),
        "score" => ("Score", "Балл"),
        "membership" => ("Membership", "Принадлежность"),
        "borderline" => ("borderline", "пограничный"),
        "why" => ("Why", "Почему"),
        "plane" => (
            "Clusters on the public–private plane",
            "Кластеры на плоскости государственно-частного взаимодействия",
        ),
        "plane_caption" => (
            "Each point is a cluster, coloured by its type; 0 = fully private, 1 = fully public.",
            "Каждая точка — кластер, цвет — тип; 0 — полностью частный, 1 — полностью государственный.",
        ),
        "territory_map" => ("Map of the territory", "Карта территории"),
        "territory_map_caption" => (
            "Outline and centre of the territory; its clusters are numbered and coloured by formation type and arranged around the centre (a cluster's own address is not drawn). Equirectangular projection, no base map: the map works offline.",
            "Граница и центр территории; кластеры пронумерованы, окрашены по типу формирования и расставлены вокруг центра (собственный адрес кластера не показан). Равнопромежуточная проекция, без подложки: карта работает офлайн.",
        ),
        "per_type" => ("Clusters per type", "Кластеры по типам"),
        "count" => ("Count", "Число"),
        "problems" => (
            "Management problems found in the documents",
            "Проблемы управления, найденные в документах",
        ),
        "problem" => ("Problem", "Проблема"),
        "rank" => ("Rank", "Ранг"),
        "mentions" => ("Mentions", "Упоминания"),
        "doc_share" => ("Share of documents", "Доля документов"),
        "interval" => ("95% interval", "95% интервал"),
        "evidence" => (
            "Evidence (keyword in context)",
            "Свидетельства (ключевое слово в контексте)",
        ),
        "document" => ("Document", "Документ"),
        "no_problems" => (
            "No problem ranking yet: import documents and run `creacity problems`.",
            "Ранжирования проблем ещё нет: импортируйте документы и выполните `creacity problems`.",
        ),
        "strategy" => (
            "Strategy: goals, measures, actors and KPIs",
            "Стратегия: цели, меры, участники и KPI",
        ),
        "no_strategy" => (
            "No strategy yet: run `creacity strategy --territory ID`.",
            "Стратегии ещё нет: выполните `creacity strategy --territory ID`.",
        ),
        "goals" => ("Goals", "Цели"),
        "measure" => ("Measure", "Мера"),
        "priority" => ("Priority", "Приоритет"),
        "lead" => ("Lead actor", "Ответственный"),
        "partners" => ("Partners", "Партнёры"),
        "la_role" => (
            "Role of the local authority",
            "Роль органов местного самоуправления",
        ),
        "reason" => ("Reason", "Обоснование"),
        "status" => ("Status", "Статус"),
        "kpis" => (
            "Key performance indicators",
            "Ключевые показатели эффективности",
        ),
        "kpi" => ("Indicator", "Показатель"),
        "unit" => ("Unit", "Ед. изм."),
        "baseline" => ("Baseline", "Базовое значение"),
        "target" => ("Target", "Цель"),
        "current" => ("Current", "Текущее"),
        "progress" => ("Progress", "Прогресс"),
        "provenance" => ("Provenance", "Происхождение данных"),
        "generated" => ("Generated", "Сформирован"),
        "inputs" => ("Inputs", "Исходные данные"),
        "reference_data" => ("Reference data", "Справочные данные"),
        "method" => ("Method", "Метод"),
        "no_clusters" => (
            "No clusters recorded for this territory.",
            "Для этой территории кластеры не внесены.",
        ),
        "no_dominant" => (
            "none: types are evenly spread",
            "нет: типы представлены поровну",
        ),
        "contents" => ("Contents", "Содержание"),
        _ => ("?", "?"),
    };
    match lang {
        Lang::En => en,
        Lang::Ru => ru,
    }
}
