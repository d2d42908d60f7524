//! `lazy_pipeline`: the squares of the first five even numbers of 1, 2, 3, ..., with a line
//! for each number the pipeline pulls from its source.

use lazy_pipeline::even_squares;

fn main() {
    let source = (1..).inspect(|n| println!("  pulled {n}"));
    for square in even_squares(source) {
        println!("square {square}");
    }
}
