//! The words of the interface, in English and Russian.

use creacity_model::Lang;

/// The text of `key` in `lang`; an unknown key shows itself (a test checks none is missing).
pub(crate) fn tr(lang: Lang, key: &str) -> &'static str {
    let (en, ru) = match WORDS.iter().find(|(k, _, _)| *k == key) {
        Some((_, en, ru)) => (*en, *ru),
        None => return "??",
    };
    match lang {
        Lang::En => en,
        Lang::Ru => ru,
    }
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
        let mut keys: Vec<&str> = WORDS.iter().map(|w| w.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is listed twice");
        for (k, en, ru) in WORDS {
            assert!(!en.is_empty() && !ru.is_empty(), "{k}");
            assert_ne!(en, ru, "{k} is not translated");
        }
        assert_eq!(tr(Lang::Ru, "nav.overview"), "Обзор");
        assert_eq!(tr(Lang::En, "no.such.key"), "??");
    }
}
