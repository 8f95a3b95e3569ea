//! The words of the Texts page (content analysis), in English and Russian; looked up by
//! [`super::tr`] after the shared words.

/// (key, English, Russian).
pub(crate) static WORDS: &[(&str, &str, &str)] = &[
    ("nav.text", "Texts", "Тексты"),
    ("data.reference", "Reference data", "Справочные данные"),
    (
        "text.unknown_shape",
        "The stored result has a shape this page does not know; see its JSON below.",
        "У сохранённого результата незнакомая этой странице структура; см. его JSON ниже.",
    ),
    ("text.dictionary", "dictionary", "словарь"),
    ("text.documents", "documents", "документов"),
    ("text.tokens", "tokens (words)", "токенов (слов)"),
    ("text.grouping", "grouping", "группировка"),
    ("text.by.year", "by year", "по годам"),
    ("text.by.kind", "by kind", "по видам"),
    ("text.by.none", "none", "нет"),
    (
        "text.flagged",
        "Check these documents: they look like Cyrillic read as Latin letters (a PDF without a ToUnicode map?), so their counts are wrong:",
        "Проверьте документы: они похожи на кириллицу, прочитанную латинскими буквами (PDF без карты ToUnicode?), их подсчёты неверны:",
    ),
    ("text.categories", "Categories", "Категории"),
    (
        "text.categories.caption",
        "Mentions of each dictionary category and the documents mentioning it",
        "Упоминания каждой категории словаря и документы, где она упомянута",
    ),
    ("text.category", "Category", "Категория"),
    // A soft hyphen lets the long Russian word break in a phone-wide column head.
    ("text.mentions", "Mentions", "Упоми\u{ad}нания"),
    ("text.per_1000", "Per 1,000 tokens", "На 1000 токенов"),
    ("text.docs_with", "Documents (share)", "Документы (доля)"),
    (
        "text.share_docs.chart",
        "Share of documents mentioning each category",
        "Доля документов, упоминающих каждую категорию",
    ),
    ("text.groups", "By group", "По группам"),
    (
        "text.groups.sizes",
        "Documents and tokens per group",
        "Документы и токены по группам",
    ),
    ("text.group", "Group", "Группа"),
    (
        "text.groups.caption",
        "Mentions per group (share of the group's documents mentioning the category)",
        "Упоминания по группам (доля документов группы с упоминанием категории)",
    ),
    (
        "text.groups.chart",
        "Share of each group's documents mentioning each category (group · category)",
        "Доля документов каждой группы, упоминающих каждую категорию (группа · категория)",
    ),
    ("text.document", "Document", "Документ"),
    (
        "text.per_document",
        "Counts per document",
        "Подсчёты по документам",
    ),
    (
        "text.first_rows",
        "The JSON has every document; shown here: the first",
        "В JSON — все документы; здесь показаны первые",
    ),
    (
        "text.more",
        "Keyword in context, co-occurrence, keyness and agreement are computed on demand and not stored: creacity text kwic | cooc | keyness | agree.",
        "Ключевые слова в контексте, совместная встречаемость, ключевость и согласие кодировщиков вычисляются по запросу и не сохраняются: creacity text kwic | cooc | keyness | agree.",
    ),
];
