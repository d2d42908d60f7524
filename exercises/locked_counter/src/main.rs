//! Prints the total of the five counting tasks, on one thread: 50000 once no update is lost.
//!
//!     cargo run -p locked_counter

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("{}", locked_counter::count().await);
}
