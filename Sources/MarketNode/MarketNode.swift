// The node; see docs/ARCHITECTURE.md.
