#ifndef TECHLADDER_CLIBXML2_SHIM_H
#define TECHLADDER_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Swift's Foundation carries its own ICU module, and the system ICU headers that libxml2's
   encoding.h would pull in clash with it ("UErrorCode has different definitions"). The only
   declarations they guard are fields of xmlCharEncodingHandler, which this project never touches. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>
#include <libxml/encoding.h>
#include <libxml/xmlreader.h>
#endif
