//! Extraction: the signals a page sends, read from the request the way its client sent
//! them, and the rejections a bad request gets.

pub(crate) mod budget;
mod file;
pub(crate) mod form;
pub(crate) mod rejection;
pub(crate) mod signals;

pub use file::File;
pub use rejection::{Rejection, RejectionEvents, RejectionEventsService};
pub use signals::{Signals, SignalsConfig, SignalsRejection};
