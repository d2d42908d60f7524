//! `philosophers [SEATS [MEALS]]`: SEATS philosophers (default 5) eat MEALS times each
//! (default 3), with your dine_once; prints each one's meals, and any mistake.

use std::time::Duration;

use philosophers::dinner;

fn number(text: Option<String>, default: usize, what: &str, least: usize) -> usize {
    let Some(text) = text else { return default };
    match text.parse() {
        Ok(n) if n >= least && n <= 1000 => n,
        _ => {
            eprintln!(
                "philosophers: bad {what} {text:?}: want a whole number from {least} to 1000"
            );
            std::process::exit(2);
        }
    }
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let seats = number(args.next(), 5, "SEATS", 2);
    let meals = number(args.next(), 3, "MEALS", 0);
    let Ok(table) = tokio::time::timeout(Duration::from_secs(10), dinner(seats, meals)).await
    else {
        eprintln!("philosophers: no end after 10 s: a deadlock");
        std::process::exit(1);
    };
    for (seat, meals) in table.meals().iter().enumerate() {
        println!("philosopher {seat} ate {meals} times");
    }
    for mistake in table.mistakes() {
        println!("mistake: {mistake}");
    }
}
