//! casewatch binary (being built).
fn main() {}
