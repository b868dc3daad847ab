// LadderImport: see docs/ARCHITECTURE.md
