//! A checked `#[derive(Signals)]` struct: each field under the name the page and the
//! handler both use.

use syn::{Ident, Type, Visibility};

/// The struct.
pub struct SignalsStruct {
    pub vis: Visibility,
    pub ident: Ident,
    /// The fields serde reads and writes, in order (skipped ones left out).
    pub fields: Vec<SignalField>,
}

/// One field: one signal, or a nested struct of them.
pub struct SignalField {
    pub ident: Ident,
    pub ty: Type,
    /// Its name on the wire: the field's, or serde's `rename`.
    pub signal: String,
    /// Its type derives `Signals` too (`#[signal(nested)]`).
    pub nested: bool,
}
