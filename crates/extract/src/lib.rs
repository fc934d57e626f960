//! casewatch-extract (being built).
