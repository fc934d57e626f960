//! casewatch-ingest (being built).
