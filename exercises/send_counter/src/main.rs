//! Prints the total of the five counting tasks, run on tokio's multi-thread runtime (one
//! thread per core): 50000 once the counter is shared safely.
//!
//!     cargo run -p send_counter

#[tokio::main]
async fn main() {
    println!("{}", send_counter::count().await);
}
