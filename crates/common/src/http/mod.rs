//! What the two HTTP examples (async_executor, http_client) share, and nothing else uses.
//!
//! - [`args`]: their command line and the servers they fetch from;
//! - [`deadline`]: async_executor's blocking fetch, every wait bounded by `--timeout`;
//! - [`lines`]: the lines they print (`starts`, `ends`, results, errors, elapsed time);
//! - [`standin`]: `--local`, local servers that play the slide's web servers;
//! - [`timeline`]: `--timeline`, a chart of the requests on one time axis, drawn from the
//!   [`Timeline`] each run records its requests into.
//!
//! The items of `args` and `lines` are re-exported here: `common::http::starts(&server, &timeline)`.

pub mod args;
pub mod deadline;
pub mod lines;
pub mod standin;
pub mod timeline;

pub use args::*;
pub use lines::*;
pub use timeline::Timeline;
