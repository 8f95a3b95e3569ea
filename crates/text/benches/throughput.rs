//! Throughput of tokenise + lower-case (+ stem) + dictionary lookup on a generated RU/EN corpus
//! with a 5,000-pattern, 50-category glob dictionary; and a 26,000-entry replacement table on
//! 2,000 documents.
//!
//! ```text
//! cargo bench -p creacity-text --bench throughput -- [--tokens N] [--stream N] [--out DIR] [--repeat R]
//! ```
//! `--tokens N` (default 5,000,000) generates the corpus, writes it to `DIR/corpus.txt` (one
//! document a line) with the dictionary `DIR/dict.tsv` (`category<TAB>pattern`) for the peer
//! scripts in `benches/peers/text/`, and times the engine on it. `--stream N` also times N tokens
//! generated document by document (nothing kept: memory stays flat). Single thread. Synthetic data.

use std::io::Write;
use std::time::Instant;

use creacity_text::{
    Category, Dictionary, Lookup, LookupParams, Normalize, ReplaceTable, ReplacedTokens, Stemming,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const RU_C: &[&str] = &[
    "б", "в", "г", "д", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ц", "ч", "ш",
];
const RU_V: &[&str] = &["а", "е", "и", "о", "у", "ы", "я", "ю"];
const RU_END: &[&str] = &[
    "", "а", "ы", "у", "ом", "е", "ов", "ам", "ами", "ах", "ия", "ии", "ию", "ией", "ый", "ого",
    "ому", "ым", "ая", "ой", "ую", "ые", "ых", "ыми",
];
const EN_C: &[&str] = &[
    "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
];
const EN_V: &[&str] = &["a", "e", "i", "o", "u"];
const EN_END: &[&str] = &["", "s", "ed", "ing", "ion", "ions", "al", "ly", "er"];

struct Vocab {
    ru: Vec<String>,
    en: Vec<String>,
}

fn stem(rng: &mut ChaCha8Rng, c: &[&str], v: &[&str]) -> String {
    let n = rng.random_range(2..=4);
    (0..n)
        .map(|_| {
            format!(
                "{}{}",
                c[rng.random_range(0..c.len())],
                v[rng.random_range(0..v.len())]
            )
        })
        .collect()
}

fn vocab(rng: &mut ChaCha8Rng, n: usize) -> Vocab {
    Vocab {
        ru: (0..n).map(|_| stem(rng, RU_C, RU_V)).collect(),
        en: (0..n).map(|_| stem(rng, EN_C, EN_V)).collect(),
    }
}

/// Zipf-like rank: log-uniform over 1..=n.
fn zipf(rng: &mut ChaCha8Rng, n: usize) -> usize {
    let u: f64 = rng.random();
    (((n as f64).ln() * u).exp() as usize)
        .saturating_sub(1)
        .min(n - 1)
}

fn document(rng: &mut ChaCha8Rng, v: &Vocab, tokens: usize, out: &mut String) {
    out.clear();
    let ru = rng.random_bool(0.6);
    for i in 0..tokens {
        let (stems, ends) = if ru { (&v.ru, RU_END) } else { (&v.en, EN_END) };
        let s = &stems[zipf(rng, stems.len())];
        let e = ends[rng.random_range(0..ends.len())];
        if i > 0 {
            out.push_str(if rng.random_range(0..12) == 0 {
                ", "
            } else {
                " "
            });
        }
        if i % 15 == 0 {
            // Sentence-initial capital.
            let mut ch = s.chars();
            let f = ch.next().expect("non-empty stem");
            out.extend(f.to_uppercase());
            out.push_str(ch.as_str());
        } else {
            out.push_str(s);
        }
        out.push_str(e);
    }
    out.push('.');
}

fn dictionary(rng: &mut ChaCha8Rng, v: &Vocab) -> Dictionary {
    let cats = (0..50)
        .map(|c| {
            let pats: Vec<String> = (0..100)
                .map(|i| {
                    let ru = i % 2 == 0;
                    let stems = if ru { &v.ru } else { &v.en };
                    let s = &stems[rng.random_range(0..stems.len())];
                    if i % 20 == 1 {
                        format!("{s}{}", if ru { "ами" } else { "ing" })
                    } else {
                        format!("{s}*")
                    }
                })
                .collect();
            let refs: Vec<&str> = pats.iter().map(String::as_str).collect();
            Category::leaf(format!("cat{c:02}"), &refs)
        })
        .collect();
    Dictionary::new("bench", "1", cats)
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn arg(name: &str) -> Option<String> {
    let a: Vec<String> = std::env::args().collect();
    a.iter()
        .position(|x| x == name)
        .and_then(|i| a.get(i + 1).cloned())
}

fn main() {
    let tokens: usize = arg("--tokens")
        .and_then(|s| s.parse().ok())
        .unwrap_or(5_000_000);
    let stream: usize = arg("--stream").and_then(|s| s.parse().ok()).unwrap_or(0);
    let repeat: usize = arg("--repeat")
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
        .max(1);
    let out_dir = arg("--out").unwrap_or_else(|| {
        let t = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
        format!("{t}/text-bench")
    });
    let doc_tokens = 2_000;
    let mut rng = ChaCha8Rng::seed_from_u64(20_261_128);
    let v = vocab(&mut rng, 20_000);
    let dict = dictionary(&mut rng, &v);
    assert_eq!(dict.pattern_count(), 5_000);

    // Corpus in memory, and on disk for the peers.
    let ndocs = tokens.div_ceil(doc_tokens);
    let mut docs = Vec::with_capacity(ndocs);
    let mut buf = String::new();
    for _ in 0..ndocs {
        document(&mut rng, &v, doc_tokens, &mut buf);
        docs.push(buf.clone());
    }
    std::fs::create_dir_all(&out_dir).expect("output directory");
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(format!("{out_dir}/corpus.txt")).expect("corpus file"),
    );
    for d in &docs {
        writeln!(f, "{d}").expect("write corpus");
    }
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(format!("{out_dir}/dict.tsv")).expect("dict file"),
    );
    for c in &dict.categories {
        for p in &c.patterns {
            writeln!(f, "{}\t{p}", c.id).expect("write dict");
        }
    }
    drop(f);
    println!(
        "corpus: {ndocs} documents, {} tokens, {} MB; dictionary: 5000 patterns, 50 categories; written to {out_dir}",
        ndocs * doc_tokens,
        docs.iter().map(String::len).sum::<usize>() / 1_000_000
    );
    println!("| task | tokens | seconds | tokens/s | checksum |");
    println!("|---|---|---|---|---|");
    for (label, stemming) in [
        ("tokenise+lower+lookup", Stemming::None),
        ("tokenise+lower+stem+lookup", Stemming::Auto),
    ] {
        let lk = Lookup::new(&dict, &LookupParams::default().stemming(stemming)).expect("compiles");
        // Each repetition starts from a fresh session (empty word table), so it pays for every
        // word type again, as a one-off run would.
        let mut runs = Vec::new();
        let (mut total, mut ntok) = (0u64, 0usize);
        for _ in 0..repeat {
            let t0 = Instant::now();
            let mut s = lk.session();
            total = 0;
            ntok = 0;
            for d in &docs {
                let c = s.count(d);
                total += c.counts.iter().sum::<u64>();
                ntok += c.tokens;
            }
            runs.push(t0.elapsed().as_secs_f64());
        }
        runs.sort_by(f64::total_cmp);
        let secs = runs[runs.len() / 2];
        println!(
            "| {label} (median of {repeat}) | {ntok} | {secs:.3} | {:.0} | {total} |",
            ntok as f64 / secs
        );
    }
    if stream > 0 {
        let lk = Lookup::new(&dict, &LookupParams::default().stemming(Stemming::Auto))
            .expect("compiles");
        let mut s = lk.session();
        let (mut secs, mut ntok, mut total) = (0.0, 0usize, 0u64);
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        while ntok < stream {
            document(&mut rng, &v, doc_tokens, &mut buf);
            let t0 = Instant::now();
            let c = s.count(&buf);
            secs += t0.elapsed().as_secs_f64();
            ntok += c.tokens;
            total += c.counts.iter().sum::<u64>();
        }
        println!(
            "| streamed, tokenise+lower+stem+lookup | {ntok} | {secs:.3} | {:.0} | {total} |",
            ntok as f64 / secs
        );
        println!("word types seen in the stream: {}", s.types_seen());
    }
    // A 26,000-entry replacement table on 2,000 documents of 200 tokens.
    let pairs: Vec<(String, String)> = (0..26_000)
        .map(|i| {
            let s = &v.ru[i % v.ru.len()];
            (
                format!("{s}{}", RU_END[1 + i / v.ru.len() % (RU_END.len() - 1)]),
                s.clone(),
            )
        })
        .collect();
    let table = ReplaceTable::from_pairs(&pairs, Normalize::default());
    let small: Vec<String> = (0..2_000)
        .map(|_| {
            document(&mut rng, &v, 200, &mut buf);
            buf.clone()
        })
        .collect();
    let median = |mut runs: Vec<f64>| {
        runs.sort_by(f64::total_cmp);
        runs[runs.len() / 2]
    };
    // Into one reused buffer (no string per token).
    let mut runs = Vec::new();
    let mut n = 0usize;
    let mut out = ReplacedTokens::default();
    for _ in 0..repeat.max(5) {
        let t0 = Instant::now();
        n = 0;
        for d in &small {
            table.apply_into(d, &mut out);
            n += out.len();
        }
        runs.push(t0.elapsed().as_secs_f64());
    }
    println!(
        "replacement table: {} entries, 2000 documents, {n} tokens, into a reused buffer: {:.4} s (median of {})",
        table.len(),
        median(runs),
        repeat.max(5)
    );
    // The same as strings, one per token (the per-document `tokens`).
    let mut runs = Vec::new();
    for _ in 0..repeat.max(5) {
        let t0 = Instant::now();
        n = small.iter().map(|d| table.tokens(d).len()).sum();
        runs.push(t0.elapsed().as_secs_f64());
    }
    println!(
        "replacement table: {} entries, 2000 documents, {n} tokens, strings per document: {:.4} s (median of {})",
        table.len(),
        median(runs),
        repeat.max(5)
    );
    println!(
        "peak memory (VmHWM): {:.0} MiB (includes the in-memory corpus)",
        peak_rss_mib()
    );
}
