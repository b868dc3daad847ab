// LadderReports: see docs/ARCHITECTURE.md
