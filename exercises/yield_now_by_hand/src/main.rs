//! `yield_now_by_hand`: async_counter's five tasks, each pausing with your yield_now after
//! every step. Prints the total: 50000.

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("{}", yield_now_by_hand::count().await);
}
