//! The words of the interface, in English and Russian.

use creacity_model::Lang;

/// The text of `key` in `lang`; an unknown key shows itself (a test checks none is missing).
pub(crate) fn tr(lang: Lang, key: &str) -> &'static str {
    let (en, ru) = match all_words().find(|(k, _, _)| *k == key) {
        Some((_, en, ru)) => (*en, *ru),
        None => return "??",
    };
    match lang {
        Lang::En => en,
        Lang::Ru => ru,
    }
}

/// Every word: the shared ones, then each page's own.
pub(crate) fn all_words()
-> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    WORDS.iter().chain(super::i18n_text::WORDS)
}

/// (key, English, Russian).
pub(crate) static WORDS: &[(&str, &str, &str)] = &[
    ("accounts", "Accounts", "Учётные записи"),
    ("account.add", "Add an account", "Добавить учётную запись"),
    ("account.added", "Account added", "Учётная запись добавлена"),
    ("analysis", "Analysis", "Анализ"),
    ("audit", "Audit log", "Журнал изменений"),
    ("back", "Back", "Назад"),
    ("baseline", "Baseline", "Базовое значение"),
    ("borderline", "Borderline cases", "Пограничные случаи"),
    (
        "borderline.count",
        "borderline cases",
        "пограничных случаев",
    ),
    (
        "borderline.none",
        "No cluster is borderline.",
        "Пограничных кластеров нет.",
    ),
    (
        "borderline.note",
        "Borderline: changing one fact by one step would change the type:",
        "Пограничный случай: изменение одного факта на один шаг меняет тип:",
    ),
    ("card", "Case card", "Карточка"),
    (
        "clusters.all",
        "clusters in the workspace",
        "кластеров в базе",
    ),
    (
        "clusters.caption",
        "Creative clusters with their type",
        "Креативные кластеры и их типы",
    ),
    (
        "clusters.here",
        "clusters in the territory",
        "кластеров на территории",
    ),
    ("contribution", "Contribution", "Вклад"),
    ("current", "Current", "Текущее"),
    ("degree", "Degree of membership", "Степень принадлежности"),
    ("dictionary", "Dictionary", "Словарь"),
    ("documents", "documents", "документов"),
    (
        "empty",
        "The workspace has no territory yet: import territories and clusters first.",
        "В базе ещё нет территорий: сначала импортируйте территории и кластеры.",
    ),
    ("error", "Error", "Ошибка"),
    (
        "evidence",
        "Evidence (keyword in context)",
        "Свидетельства (ключевые слова в контексте)",
    ),
    ("explanation", "The full explanation", "Полное объяснение"),
    ("export", "Export", "Экспорт"),
    ("fact", "Fact", "Факт"),
    ("file", "File", "Файл"),
    (
        "footer",
        "creacity — management of creative industries in second-tier industrial cities",
        "creacity — управление креативными индустриями во второстепенных промышленных городах",
    ),
    ("import", "Import", "Импорт"),
    (
        "import.hint",
        "Clusters and territories: CSV, TSV or XLSX (English or Russian column names). Documents: TXT or MD. The whole file is imported or nothing.",
        "Кластеры и территории: CSV, TSV или XLSX (названия столбцов на русском или английском). Документы: TXT или MD. Файл импортируется целиком или не импортируется вовсе.",
    ),
    ("import.kind", "What the file holds", "Что в файле"),
    ("imported", "Imported", "Импортировано"),
    (
        "importing",
        "Importing… (the whole file in one transaction)",
        "Импорт… (весь файл одной транзакцией)",
    ),
    ("journal", "Import journal", "Журнал импорта"),
    ("kpi", "Indicator", "Показатель"),
    (
        "kpi.mean",
        "Mean progress of the indicators",
        "Средний прогресс показателей",
    ),
    ("kpis", "Key performance indicators", "Ключевые показатели"),
    (
        "la_role",
        "Role of the local authority",
        "Роль органа местного самоуправления",
    ),
    ("lead", "Lead actor", "Ответственный"),
    ("login", "Sign in", "Вход"),
    (
        "login.failed",
        "Wrong name or password.",
        "Неверное имя или пароль.",
    ),
    (
        "login.locked",
        "Too many failed sign-ins for this account: wait 15 minutes and try again.",
        "Слишком много неудачных попыток входа: подождите 15 минут и попробуйте снова.",
    ),
    ("logout", "Sign out", "Выйти"),
    (
        "map",
        "Map of territories and clusters",
        "Карта территорий и кластеров",
    ),
    (
        "map.caption",
        "Drawn from the coordinates in the workspace, without a tile server; points around a city are its clusters, coloured by type.",
        "Построена по координатам из базы, без картографического сервера; точки вокруг города — его кластеры, цвет — тип.",
    ),
    ("margin", "margin", "запас"),
    ("measure", "Measure", "Мера"),
    ("measures", "Measures", "Меры"),
    (
        "memberships",
        "Memberships in the types",
        "Принадлежность к типам",
    ),
    ("mentions", "Mentions", "Упоминания"),
    ("more", "More…", "Подробнее…"),
    ("name", "Name", "Название"),
    ("nav.clusters", "Clusters", "Кластеры"),
    ("nav.admin", "Accounts", "Пользователи"),
    ("nav.data", "Data", "Данные"),
    ("nav.label", "Main", "Основное меню"),
    ("nav.overview", "Overview", "Обзор"),
    ("nav.problems", "Problems", "Проблемы"),
    ("nav.strategy", "Strategy", "Стратегия"),
    ("nav.typology", "Typology", "Типология"),
    ("new", "new", "новых"),
    ("partners", "Partners", "Партнёры"),
    ("password", "Password", "Пароль"),
    (
        "plane",
        "The public–private plane",
        "Плоскость «государство — бизнес»",
    ),
    (
        "plane.caption",
        "Each point is a cluster, placed by its public and private scores and coloured by type.",
        "Каждая точка — кластер; положение по государственной и частной составляющим, цвет — тип.",
    ),
    ("population", "population", "население"),
    ("problem", "Problem", "Проблема"),
    (
        "problems.caption",
        "Share of documents that mention each problem, with its interval.",
        "Доля документов, упоминающих проблему, с интервалом.",
    ),
    (
        "problems.none",
        "No problem ranking yet: import documents and run it on the Data page.",
        "Ранжирования проблем ещё нет: импортируйте документы и запустите его на странице «Данные».",
    ),
    (
        "problems.top",
        "Top management problems",
        "Главные проблемы управления",
    ),
    ("progress", "Progress", "Прогресс"),
    ("provenance", "Computed by", "Метод"),
    ("rank", "Rank", "Место"),
    (
        "reasons",
        "Why: the facts that decided the type",
        "Почему: факты, определившие тип",
    ),
    ("record", "Record", "Запись"),
    ("records", "Records", "Записей"),
    ("replaced", "replaced", "заменено"),
    ("report", "Report (printable)", "Отчёт (для печати)"),
    ("residents", "Residents", "Резиденты"),
    ("role", "Role", "Роль"),
    ("role.admin", "administrator", "администратор"),
    ("role.analyst", "analyst", "аналитик"),
    ("role.viewer", "viewer", "наблюдатель"),
    ("run", "Run an analysis", "Запустить анализ"),
    (
        "run.classify",
        "Classify the clusters",
        "Классифицировать кластеры",
    ),
    ("run.go", "Run", "Запустить"),
    ("run.problems", "Rank the problems", "Ранжировать проблемы"),
    ("run.strategy", "Build the strategy", "Построить стратегию"),
    (
        "run.strategy.again",
        "Rebuild the strategy (replaces edits)",
        "Перестроить стратегию (правки будут заменены)",
    ),
    ("save", "Save", "Сохранить"),
    ("saved", "Saved.", "Сохранено."),
    ("score", "Score", "Балл"),
    ("share", "Share of documents", "Доля документов"),
    ("show", "Show", "Показать"),
    ("skip", "Skip to content", "К содержанию"),
    ("source", "Source", "Источник"),
    ("spec", "Typology spec", "Спецификация типологии"),
    ("status", "Status", "Статус"),
    (
        "strategy.none",
        "No strategy for this territory yet.",
        "Для этой территории стратегии ещё нет.",
    ),
    ("strategy.status", "Strategy status", "Выполнение стратегии"),
    (
        "synthetic",
        "Synthetic data: made up for demonstration, not facts about real places.",
        "Синтетические данные: созданы для демонстрации, это не сведения о реальных местах.",
    ),
    ("target", "Target", "Цель"),
    ("target_year", "Target year", "Год цели"),
    ("territories", "Territories", "Территории"),
    ("territory", "Territory", "Территория"),
    ("territories.all", "All territories", "Все территории"),
    ("type", "Type", "Тип"),
    ("types", "Clusters per type", "Кластеры по типам"),
    ("user.name", "User name", "Имя пользователя"),
    ("value", "Value", "Значение"),
    ("what", "What", "Что"),
    ("when", "When", "Когда"),
    ("who", "Who", "Кто"),
    ("yes", "yes", "да"),
    ("nav.map", "Map", "Карта"),
    ("nav.qca", "QCA", "Анализ QCA"),
    ("nav.index", "Index", "Индекс"),
    ("nav.mapping", "Mapping", "Картирование"),
    (
        "legend",
        "Legend: cluster types",
        "Условные обозначения: типы кластеров",
    ),
    ("outline", "Outline", "Контур"),
    ("outlines", "Territory outlines", "Контуры территорий"),
    ("outlines.from", "Outlines from", "Контуры из файла"),
    (
        "outlines.none",
        "No outlines yet: the map shows points only. Add them with",
        "Контуров ещё нет: на карте только точки. Добавьте их командой",
    ),
    (
        "outlines.file",
        "GeoJSON file of outlines",
        "Файл GeoJSON с контурами",
    ),
    (
        "outlines.property",
        "Property holding the territory id (optional)",
        "Свойство с идентификатором территории (необязательно)",
    ),
    (
        "outlines.hint",
        "A FeatureCollection of Polygon or MultiPolygon features, positions as [longitude, latitude]; each feature is matched to a territory by territory_id, id or oktmo (or the property named above). Replaces the outlines stored before.",
        "FeatureCollection из объектов Polygon или MultiPolygon, координаты [долгота, широта]; каждый объект сопоставляется территории по territory_id, id или oktmo (или по свойству, указанному выше). Заменяет сохранённые ранее контуры.",
    ),
    ("outlines.upload", "Upload outlines", "Загрузить контуры"),
    ("outlines.stored", "Outlines stored", "Контуры сохранены"),
    (
        "outlines.unmatched",
        "Features matching no territory (left out):",
        "Объекты без соответствующей территории (пропущены):",
    ),
    ("coordinates", "Coordinates", "Координаты"),
    ("map.table", "Territories on the map", "Территории на карте"),
    (
        "map.caption.offline",
        "Drawn from the workspace (outlines, coordinates, clusters) in the Web-Mercator projection; nothing is fetched from the network. Points around a city are its clusters, coloured by type.",
        "Построена по данным базы (контуры, координаты, кластеры) в проекции Web-Mercator; из сети ничего не загружается. Точки вокруг города — его кластеры, цвет — тип.",
    ),
    (
        "map.caption.tiles",
        "Outlines, territories and clusters over a tile background (Web-Mercator).",
        "Контуры, территории и кластеры поверх картографической подложки (Web-Mercator).",
    ),
    ("tiles.source", "Tiles", "Подложка"),
    (
        "results.none",
        "No results yet — run",
        "Результатов ещё нет — выполните",
    ),
    (
        "results.json_only",
        "(see the JSON of the result)",
        "(см. JSON результата)",
    ),
    ("method", "Method", "Метод"),
    ("parameters", "Parameters", "Параметры"),
    ("inputs", "Inputs", "Входные данные"),
    ("qca.outcome", "Outcome", "Исход"),
    ("qca.truth_table", "Truth table", "Таблица истинности"),
    (
        "qca.truth_table.caption",
        "Configurations observed in the cases",
        "Конфигурации, наблюдаемые в случаях",
    ),
    ("qca.observed", "observed", "наблюдаемых"),
    (
        "qca.remainders",
        "remainders not listed",
        "остатков не показано",
    ),
    ("qca.cases", "Cases", "Случаи"),
    (
        "qca.conservative",
        "Conservative solution",
        "Консервативное решение",
    ),
    (
        "qca.parsimonious",
        "Parsimonious solution",
        "Экономное решение",
    ),
    (
        "qca.intermediate",
        "Intermediate solution",
        "Промежуточное решение",
    ),
    (
        "qca.no_solution",
        "No solution was computed.",
        "Решение не вычислено.",
    ),
    (
        "qca.fit",
        "Fit of the terms of model",
        "Согласованность и покрытие термов модели",
    ),
    ("qca.term", "Term", "Терм"),
    (
        "qca.coverage",
        "Raw coverage (covS) of each term",
        "Сырое покрытие (covS) каждого терма",
    ),
    (
        "qca.text",
        "The result in the notation of R QCA",
        "Результат в нотации R QCA",
    ),
    (
        "index.audit",
        "Uncertainty of the ranks",
        "Неопределённость мест",
    ),
    (
        "index.audit.caption",
        "Ranks over the Monte Carlo runs",
        "Места по прогонам Монте-Карло",
    ),
    ("index.runs", "runs", "прогонов"),
    ("index.failed", "failed", "с ошибкой"),
    ("index.unit", "Unit", "Единица"),
    ("index.median", "Median rank", "Медианное место"),
    ("index.scenario", "Scenario", "Сценарий"),
    (
        "index.scenario.caption",
        "Scores and ranks before and after the scenario",
        "Баллы и места до и после сценария",
    ),
    ("index.score_before", "Score before", "Балл до"),
    ("index.rank_before", "Rank before", "Место до"),
    ("index.score_after", "Score after", "Балл после"),
    ("index.rank_after", "Rank after", "Место после"),
    ("index.scores", "Scores and ranks", "Баллы и места"),
    (
        "index.scores.caption",
        "Index score of each unit (0–100 scale), best first.",
        "Балл индекса каждой единицы (шкала 0–100), лучшие сверху.",
    ),
    ("index.framework", "Framework", "Структура индекса"),
    ("index.level", "Level", "Уровень"),
    ("index.code", "Code", "Код"),
    ("index.weight", "Weight", "Вес"),
    ("index.parent", "Parent", "Родитель"),
    (
        "index.sw",
        "Strengths and weaknesses",
        "Сильные и слабые стороны",
    ),
    ("index.strengths", "Strengths", "Сильные стороны"),
    ("index.weaknesses", "Weaknesses", "Слабые стороны"),
    ("mapping.points", "points", "точек"),
    ("mapping.clusters", "clusters", "кластеров"),
    ("mapping.noise", "noise points", "точек вне кластеров"),
    ("mapping.cluster", "Cluster", "Кластер"),
    (
        "mapping.centroid",
        "Centre (lat, lon)",
        "Центр (шир., долг.)",
    ),
    (
        "mapping.clusters.caption",
        "Spatial clusters of the points",
        "Пространственные кластеры точек",
    ),
    ("mapping.class", "Class", "Класс"),
    (
        "mapping.hotspots.caption",
        "Hot and cold spots by confidence level",
        "Горячие и холодные точки по уровню значимости",
    ),
    (
        "mapping.territories",
        "Specialisation of the territories",
        "Специализация территорий",
    ),
    (
        "mapping.territories.caption",
        "Specialisation and diversity per territory",
        "Специализация и разнообразие по территориям",
    ),
    (
        "mapping.sectors.caption",
        "Concentration per sector",
        "Концентрация по секторам",
    ),
    ("mapping.total", "Total", "Всего"),
    ("mapping.entropy", "Entropy", "Энтропия"),
    ("mapping.diversity", "Diversity", "Разнообразие"),
    ("mapping.sector", "Sector", "Сектор"),
    ("mapping.ubiquity", "Ubiquity", "Распространённость"),
    (
        "mapping.lq",
        "Location quotients",
        "Коэффициенты локализации",
    ),
    (
        "mapping.lq.caption",
        "Location quotient of each sector in each territory; above 1 the territory is specialised in it. Columns are numbered in the order of the table below.",
        "Коэффициент локализации каждого сектора на каждой территории; больше 1 — территория специализируется на нём. Столбцы пронумерованы в порядке таблицы ниже.",
    ),
    ("mapping.rows", "Result rows", "Строки результата"),
    (
        "cooc",
        "Problems mentioned together",
        "Проблемы, упоминаемые вместе",
    ),
    (
        "cooc.caption",
        "Documents that mention both problems of a cell; the diagonal counts the documents that mention the problem. Columns are numbered as the rows",
        "Документы, где упомянуты обе проблемы ячейки; на диагонали — документы, где упомянута проблема. Столбцы пронумерованы как строки",
    ),
    (
        "cooc.table",
        "The same numbers as a table",
        "Те же числа таблицей",
    ),
    (
        "sub.build",
        "Index: scores and ranks",
        "Индекс: баллы и места",
    ),
    (
        "sub.audit",
        "Index: uncertainty audit",
        "Индекс: анализ неопределённости",
    ),
    ("sub.scenario", "Index: scenario", "Индекс: сценарий"),
    (
        "sub.indices",
        "Specialisation indices",
        "Индексы специализации",
    ),
    (
        "sub.clusters",
        "Spatial clusters",
        "Пространственные кластеры",
    ),
    ("sub.hotspots", "Hot spots", "Горячие точки"),
    (
        "sub.aggregate",
        "Creative firms by territory and sector",
        "Креативные фирмы по территориям и секторам",
    ),
    (
        "sub.territory-match",
        "Firms matched to territories (OKTMO)",
        "Привязка фирм к территориям (ОКТМО)",
    ),
    ("match.matched", "of firms matched", "фирм привязано"),
    (
        "match.ambiguous",
        "firms with an ambiguous place",
        "фирм с неоднозначным адресом",
    ),
    ("match.no_place", "firms without a place", "фирм без адреса"),
    (
        "match.unmatched",
        "Places not found (most firms first)",
        "Не найденные населённые пункты (больше всего фирм сверху)",
    ),
    ("match.place", "Place", "Населённый пункт"),
    ("match.firms", "Firms", "Фирмы"),
    ("f.name_ru", "Name (Russian)", "Название (рус.)"),
    ("f.name_en", "Name (English)", "Название (англ.)"),
    ("f.initiator", "Initiator", "Инициатор"),
    ("f.site_owner", "Site owner", "Собственник площадки"),
    ("f.manager", "Managed by", "Управляющая организация"),
    (
        "f.public_share_creation",
        "Public share in creation (0–1)",
        "Доля государства в создании (0–1)",
    ),
    (
        "f.public_share_operation",
        "Public share in operation (0–1)",
        "Доля государства в работе (0–1)",
    ),
    ("f.support", "Public support", "Государственная поддержка"),
    (
        "f.public_seats",
        "Public seats in governance",
        "Места государства в управлении",
    ),
    (
        "f.board_seats",
        "Seats in governance",
        "Всего мест в управлении",
    ),
    ("f.residents", "Residents", "Резиденты"),
    (
        "f.private_resident_share",
        "Share of private residents (0–1)",
        "Доля частных резидентов (0–1)",
    ),
    ("f.year_opened", "Year opened", "Год открытия"),
    ("f.notes", "Notes", "Заметки"),
    ("f.sources", "Sources", "Источники"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_unique_and_translated() {
        let mut keys: Vec<&str> = all_words().map(|w| w.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is listed twice");
        for (k, en, ru) in all_words() {
            assert!(!en.is_empty() && !ru.is_empty(), "{k}");
            assert_ne!(en, ru, "{k} is not translated");
        }
        assert_eq!(tr(Lang::Ru, "nav.overview"), "Обзор");
        assert_eq!(tr(Lang::En, "no.such.key"), "??");
        assert_eq!(tr(Lang::Ru, "nav.text"), "Тексты");
    }
}
