# Peer for creacity-index: COINr (R) on the same synthetic input and the same 8 uncertain choices.
#
# Reads iData.csv / iMeta.csv written by `cargo bench -p creacity-index --bench index`, builds the same
# pipeline (Denominate, Impute by region mean, Screen 0.9, Treat, Normalise min-max, Aggregate arithmetic),
# then times COINr::get_sensitivity(SA_type = "SA") at a small N; runs are a sequential loop, so the time
# per run extrapolates linearly to N = 4,096 (40,960 runs).
#
# Usage: Rscript benches/peers/index/coinr_sensitivity.R DIR [N]
# (COINr from its public source: R CMD INSTALL --library=LIB COINr; set R_LIBS=LIB.)

args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else file.path(tempdir(), "creacity-index-bench")
N <- if (length(args) >= 2) as.integer(args[2]) else 8L
suppressMessages(library(COINr))

iData <- read.csv(file.path(dir, "iData.csv"), stringsAsFactors = FALSE)
iMeta <- read.csv(file.path(dir, "iMeta.csv"), stringsAsFactors = FALSE)
iMeta$Denominator[iMeta$Denominator == ""] <- NA
iMeta$Parent[iMeta$Parent == ""] <- NA
# Empty columns read as logical NA; COINr wants them character / numeric or absent.
iMeta$Unit <- NULL
iMeta$Target <- NULL

build <- function() {
  coin <- new_coin(iData, iMeta, quietly = TRUE)
  coin <- Denominate(coin, dset = "Raw")
  coin <- Impute(coin, dset = "Denominated", f_i = "i_mean_grp", use_group = "region")
  coin <- Screen(coin, dset = "Imputed", dat_thresh = 0.9, unit_screen = "byNA")
  coin <- Treat(coin, dset = "Screened", global_specs = list(f1_para = list(winmax = 5)))
  coin <- Normalise(coin, dset = "Treated",
                    global_specs = list(f_n = "n_minmax", f_n_para = list(c(0, 100))))
  Aggregate(coin, dset = "Normalised", f_ag = "a_amean", dat_thresh = NULL)
}

t_build <- system.time(for (i in 1:5) coin <- build())[["elapsed"]] / 5
cat(sprintf("COINr %s: build (new_coin + 6 steps): %.3f s\n", packageVersion("COINr"), t_build))

set.seed(25)
w_noisy <- get_noisy_weights(w = coin$Meta$Weights$Original,
                             noise_specs = data.frame(Level = 1:3, NoiseFactor = 0.25), Nrep = 100)
SA_specs <- list(
  imputation = list(Address = "$Log$Impute$f_i", Distribution = c("i_mean_grp", "i_median_grp"),
                    Type = "discrete"),
  screening = list(Address = "$Log$Screen$dat_thresh", Distribution = c(0.6, 0.95), Type = "continuous"),
  winmax = list(Address = "$Log$Treat$global_specs$f1_para$winmax", Distribution = 1:5, Type = "discrete"),
  kurtosis = list(Address = "$Log$Treat$global_specs$f_pass_para$kurt_thresh", Distribution = c(3, 4),
                  Type = "continuous"),
  normalisation = list(Address = "$Log$Normalise$global_specs",
                       Distribution = list(list(f_n = "n_minmax", f_n_para = list(c(0, 100))),
                                           list(f_n = "n_zscore", f_n_para = list(c(10, 2)))),
                       Type = "discrete"),
  weights = list(Address = "$Log$Aggregate$w", Distribution = w_noisy, Type = "discrete"),
  aggregation = list(Address = "$Log$Aggregate$f_ag", Distribution = c("a_amean", "a_gmean"),
                     Type = "discrete"),
  agg_threshold = list(Address = "$Log$Aggregate$dat_thresh", Distribution = c(0.5, 1),
                       Type = "continuous")
)

# COINr prints each failed regeneration; capture that so the report stays short.
t <- system.time(
  log_lines <- capture.output(
    sa <- suppressMessages(get_sensitivity(coin, SA_specs = SA_specs, N = N, SA_type = "SA",
                                           dset = "Aggregated", iCode = "Index", Nboot = 100,
                                           quietly = TRUE, check_addresses = FALSE)))
)[["elapsed"]]
runs <- N * (length(SA_specs) + 2)
failed <- sum(is.na(colSums(sa$Scores[, -(1:2)])))
cat(sprintf("get_sensitivity SA: N = %d, %d runs, %.1f s, %.3f s per run, %d failed runs\n",
            N, runs, t, t / runs, failed))
cat(sprintf("extrapolated to N = 4096 (40960 runs): %.0f s (%.1f h)\n",
            t / runs * 40960, t / runs * 40960 / 3600))
print(sa$Sensitivity)
