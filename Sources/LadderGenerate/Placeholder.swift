// LadderGenerate: see docs/ARCHITECTURE.md
