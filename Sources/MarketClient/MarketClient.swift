// The Swift SDK; see docs/API.md.
