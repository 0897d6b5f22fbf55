use datastar_runtime::get;

struct Count(u32);

#[get("/count")]
async fn count() -> Count {
    Count(1)
}

fn main() {}
