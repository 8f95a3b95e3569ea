//! Minimal command line over the library, for comparisons with other implementations:
//! `cargo run --example qca_solve -- FILE OUTCOME [INCL_CUT] [DIR_EXP]` prints every model of
//! the conservative, parsimonious and (with DIR_EXP, e.g. `1,1,-`) intermediate solutions.
use creacity_qca::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("readable file");
    let data = Dataset::parse(&text).expect("valid table");
    let sets = SetData::new(&data, &OutcomeSpec::parse(&args[2]).expect("outcome"), None)
        .expect("valid sets");
    let cut = args.get(3).map_or(1.0, |s| s.parse().expect("number"));
    let tt = truth_table(&sets, &TruthTableParams::default().incl_cut(cut)).expect("truth table");
    let mut params = MinimizeParams::default().include_remainders();
    if let Some(d) = args.get(4) {
        params = params.dir_exp(d).expect("dir.exp");
    }
    // Conservative first, on its own: the parsimonious step may fail where it does not.
    match minimize(&tt, &MinimizeParams::default()) {
        Err(_) => println!("error"),
        Ok(m) => m
            .conservative
            .iter()
            .flat_map(|c| &c.models)
            .for_each(|md| println!("C {}", md.expression)),
    }
    match minimize(&tt, &params) {
        Err(_) => println!("error"),
        Ok(m) => {
            for (tag, s) in [("P", m.parsimonious.as_ref())] {
                let Some(s) = s else { continue };
                for md in &s.models {
                    println!("{tag} {}", md.expression);
                    if tag == "P" {
                        let sa: Vec<String> = md
                            .simplifying_assumptions
                            .iter()
                            .flatten()
                            .map(u64::to_string)
                            .collect();
                        println!("SA {}", sa.join(","));
                    }
                }
            }
            for i in &m.intermediate {
                for md in &i.solution.models {
                    println!(
                        "I{}{} {}",
                        i.conservative_model + 1,
                        i.parsimonious_model + 1,
                        md.expression
                    );
                }
            }
        }
    }
}
