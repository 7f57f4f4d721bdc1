// Ledger module; see docs/ARCHITECTURE.md.
