// LadderRules: see docs/ARCHITECTURE.md
