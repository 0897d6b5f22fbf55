// `#[derive(Signals)]`: a reference per field, and the initial signals written with the
// keys as literals; a renamed field, a nested struct, a local signal with a default, and a
// skipped field (neither sent nor read).

#[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
struct Address {
    city: String,
}

#[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
struct Form {
    #[serde(rename = "userName")]
    user_name: String,
    #[signal(nested)]
    address: Address,
    #[serde(default)]
    _open: bool,
    #[serde(skip)]
    cache: Vec<u8>,
}
