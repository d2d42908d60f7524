//! Style 5, reactive: values flow through a pipeline of operators, each a stream of its own.

use futures::stream::{self, StreamExt};

use crate::{print_sum, slow_number};

pub async fn with_streams() {
    stream::iter([3, 4])
        .then(slow_number)
        .chunks(2)
        .for_each(|pair| async move {
            if let [a, b] = pair[..] {
                print_sum("reactive", a, b);
            }
        })
        .await;
}
