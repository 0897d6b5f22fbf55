//! The clients that hold feeds open: fan-out (many streams, lag and delivery) and churn
//! (many short connections, what the server keeps afterwards).

pub mod churn;
pub mod fanout;
pub mod http;
