# Peer for crates/text/benches/throughput.rs: R tm doing the same task (DocumentTermMatrix, then
# the dictionary's globs mapped onto the terms).
#   Rscript benches/peers/text/tm_count.R DIR [--stem]
suppressPackageStartupMessages({library(tm); library(slam)})
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; stem <- "--stem" %in% args
lines <- readLines(file.path(dir, "corpus.txt"), encoding = "UTF-8")
d <- read.delim(file.path(dir, "dict.tsv"), header = FALSE, col.names = c("cat", "pat"),
                quote = "", encoding = "UTF-8", stringsAsFactors = FALSE)
t0 <- Sys.time()
corp <- VCorpus(VectorSource(lines))
ctrl <- list(tolower = TRUE, removePunctuation = TRUE, wordLengths = c(1, Inf))
dtm <- DocumentTermMatrix(corp, control = ctrl)
terms <- Terms(dtm)
ntok <- sum(dtm$v)
if (stem) {
  cyr <- grepl("[\u0400-\u04ff]", terms)
  st <- ifelse(cyr, SnowballC::wordStem(terms, "russian"), SnowballC::wordStem(terms, "english"))
  # Merge the columns of terms with the same stem.
  dtm <- rollup(dtm, 2L, INDEX = factor(st), FUN = sum)
  terms <- colnames(dtm)
}
cats <- sort(unique(d$cat))
pre <- d[grepl("\\*$", d$pat), ]; pre$p <- tolower(sub("\\*$", "", pre$pat))
ex <- d[!grepl("\\*$", d$pat), ]; ex$p <- tolower(ex$pat)
hits <- list(data.frame(t = match(ex$p, terms), c = match(ex$cat, cats)))
for (k in sort(unique(nchar(pre$p)))) {
  sub <- pre[nchar(pre$p) == k, ]
  pk <- substr(terms, 1, k)
  ok <- which(nchar(terms) >= k)
  mm <- merge(data.frame(t = ok, p = pk[ok]), data.frame(p = sub$p, c = match(sub$cat, cats)))
  hits[[length(hits) + 1]] <- mm[, c("t", "c")]
}
h <- unique(na.omit(do.call(rbind, hits)))
map <- simple_triplet_matrix(i = h$t, j = h$c, v = rep(1, nrow(h)), nrow = length(terms),
                             ncol = length(cats))
res <- matprod_simple_triplet_matrix(dtm, map)
secs <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
cat(sprintf("tm %s: tokens %.0f seconds %.3f tokens/s %.0f checksum %.0f\n",
            if (stem) "stem" else "nostem", ntok, secs, ntok / secs, sum(res)))
