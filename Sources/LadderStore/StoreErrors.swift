// SQLite's errors (`DatabaseError`: result code and message) are part of this module's interface:
// callers catch them through LadderStore without depending on GRDB.
@_exported import struct GRDB.DatabaseError
