// LadderStore: see docs/ARCHITECTURE.md
