# Peer for crates/text/benches/throughput.rs: R tidytext doing the same task.
# Tokenise + lower-case (+ Snowball stem with --stem, SnowballC) + dictionary lookup (5,000 globs
# in 50 categories), counts per document and category.
#   Rscript benches/peers/text/tidytext_count.R DIR [--stem]
suppressPackageStartupMessages({library(tidytext); library(dplyr)})
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; stem <- "--stem" %in% args
lines <- readLines(file.path(dir, "corpus.txt"), encoding = "UTF-8")
d <- read.delim(file.path(dir, "dict.tsv"), header = FALSE, col.names = c("cat", "pat"),
                quote = "", encoding = "UTF-8", stringsAsFactors = FALSE)
t0 <- Sys.time()
tok <- unnest_tokens(tibble(doc = seq_along(lines), text = lines), word, text)
if (stem) {
  cyr <- grepl("[\u0400-\u04ff]", tok$word)
  u <- unique(tok$word); ucyr <- grepl("[\u0400-\u04ff]", u)
  st <- ifelse(ucyr, SnowballC::wordStem(u, "russian"), SnowballC::wordStem(u, "english"))
  tok$word <- st[match(tok$word, u)]
}
cnt <- count(tok, doc, word)
vocab <- unique(cnt$word)
pre <- d[grepl("\\*$", d$pat), ]; pre$p <- tolower(sub("\\*$", "", pre$pat))
ex <- d[!grepl("\\*$", d$pat), ]; ex$p <- tolower(ex$pat)
maps <- list(inner_join(tibble(word = vocab, p = vocab), ex[, c("p", "cat")], by = "p",
                        relationship = "many-to-many"))
for (k in sort(unique(nchar(pre$p)))) {
  w <- vocab[nchar(vocab) >= k]
  maps[[length(maps) + 1]] <- inner_join(tibble(word = w, p = substr(w, 1, k)),
                                         pre[nchar(pre$p) == k, c("p", "cat")], by = "p",
                                         relationship = "many-to-many")
}
m <- distinct(bind_rows(maps), word, cat)
res <- cnt %>% inner_join(m, by = "word", relationship = "many-to-many") %>%
  group_by(doc, cat) %>% summarise(n = sum(n), .groups = "drop")
secs <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
ntok <- nrow(tok)
cat(sprintf("tidytext %s: tokens %d seconds %.3f tokens/s %.0f checksum %d\n",
            if (stem) "stem" else "nostem", ntok, secs, ntok / secs, sum(res$n)))
