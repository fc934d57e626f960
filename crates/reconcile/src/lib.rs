//! casewatch-reconcile (being built).
