// The error a registry file's parse ends with (file, line, column, message) is part of this module's
// interface: callers catch it through LadderImport without depending on the XML layer.
@_exported import struct XMLStream.XMLError
// The XSD validator (`XMLSchema`, libxml2's, after the secure streaming pass) for `validate`.
@_exported import class XMLStream.XMLSchema
