//! casewatch-store (being built).
