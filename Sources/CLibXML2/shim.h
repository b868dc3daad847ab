#ifndef TECHLADDER_CLIBXML2_SHIM_H
#define TECHLADDER_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>
#include <libxml/encoding.h>
#include <libxml/xmlreader.h>
#endif
