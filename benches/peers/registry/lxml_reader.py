"""Peer of benchmark (1), issue #5: a Python lxml iterparse reader of an SME registry zip doing
the same extraction as creacity-registry: every record (legal entities and sole traders), INN,
OGRN, kind, category, flags, dates, name, region code, the four address levels with their types
normalised through the same abbreviation table, every activity code with its main flag, duplicate
INNs per zip, records handed over in batches of 10 000 (then dropped, as the Rust bench does).

Usage: python3 lxml_reader.py ADDRESS_TABLE.csv ZIP...
Prints: records codes peak_rss_mib cpu_seconds
"""
import datetime
import resource
import sys
import zipfile

from lxml import etree


def type_key(s):
    s = s.replace(".", " ").replace("\u00a0", " ").replace("ё", "е").replace("Ё", "е")
    return " ".join(s.split()).lower()


def load_table(path):
    table = {}
    header = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if not header:
                header = True
                if line.startswith("spelling"):
                    continue
            spelling, ru, _en = [x.strip() for x in line.split(",")]
            table.setdefault(type_key(ru), ru)
            table[type_key(spelling)] = ru
    return table


def date(s):
    return datetime.date(int(s[6:10]), int(s[3:5]), int(s[0:2])) if s else None


def place(el, table):
    kind = el.get("Тип")
    name = " ".join((el.get("Наим") or "").split())
    if kind:
        k = type_key(kind)
        return (table.get(k, k), name)
    return ("", name)


LEVELS = {"Регион": 0, "Район": 1, "Город": 2, "НаселПункт": 3}


def read_zip(path, table, sink):
    seen = set()
    dups = 0
    codes_total = 0
    batch = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if not info.filename.lower().endswith(".xml"):
                continue
            with z.open(info) as f:
                version = None
                for event, el in etree.iterparse(f, events=("start", "end")):
                    if event == "start":
                        if el.tag == "Файл":
                            version = el.get("ВерсФорм")
                            if version not in ("4.01", "4.02", "4.03", "4.04", "4.05", "4.06"):
                                raise SystemExit(f"unknown schema version {version}")
                        continue
                    if el.tag != "Документ":
                        continue
                    kind = el.get("ВидСубМСП")
                    rec = {
                        "kind": kind,
                        "category": el.get("КатСубМСП"),
                        "new": el.get("ПризНовМСП"),
                        "social": el.get("СведСоцПред"),
                        "employees": int(el.get("ССЧР")) if el.get("ССЧР") else None,
                        "snapshot": date(el.get("ДатаСост")),
                        "included": date(el.get("ДатаВклМСП")),
                        "doc_id": el.get("ИдДок"),
                        "places": [None, None, None, None],
                        "codes": [],
                    }
                    for child in el:
                        tag = child.tag
                        if tag == "ОргВклМСП":
                            rec["inn"] = child.get("ИННЮЛ")
                            rec["ogrn"] = child.get("ОГРН")
                            rec["name"] = child.get("НаимОрг")
                            rec["short_name"] = child.get("НаимОргСокр")
                        elif tag == "ИПВклМСП":
                            rec["inn"] = child.get("ИННФЛ")
                            rec["ogrn"] = child.get("ОГРНИП")
                            fio = child.find("ФИОИП")
                            if fio is not None:
                                rec["name"] = " ".join(
                                    x for x in (fio.get("Фамилия"), fio.get("Имя"), fio.get("Отчество")) if x
                                )
                        elif tag == "СведМН":
                            rec["region_code"] = child.get("КодРегион")
                            for p in child:
                                lvl = LEVELS.get(p.tag)
                                if lvl is not None:
                                    rec["places"][lvl] = place(p, table)
                        elif tag == "СвОКВЭД":
                            for c in child:
                                if c.tag == "СвОКВЭДОсн":
                                    rec["codes"].insert(0, (c.get("КодОКВЭД"), True, c.get("ВерсОКВЭД")))
                                elif c.tag == "СвОКВЭДДоп":
                                    rec["codes"].append((c.get("КодОКВЭД"), False, c.get("ВерсОКВЭД")))
                    inn = rec.get("inn")
                    if not inn or len(inn) not in (10, 12) or not inn.isdigit():
                        raise SystemExit(f"bad INN {inn!r} in {info.filename}")
                    el.clear()
                    while el.getprevious() is not None:
                        del el.getparent()[0]
                    if inn in seen:
                        dups += 1
                        continue
                    seen.add(inn)
                    codes_total += len(rec["codes"])
                    batch.append(rec)
                    if len(batch) >= 10_000:
                        sink(batch)
                        batch = []
    if batch:
        sink(batch)
    return codes_total, dups


def main():
    table = load_table(sys.argv[1])
    count = [0]

    def sink(batch):
        count[0] += len(batch)

    codes = 0
    for path in sys.argv[2:]:
        c, _ = read_zip(path, table, sink)
        codes += c
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss / 1024.0
    print(count[0], codes, f"{peak:.1f}", f"{usage.ru_utime + usage.ru_stime:.2f}")


if __name__ == "__main__":
    main()
