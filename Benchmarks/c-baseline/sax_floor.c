/*
 * sax_floor.c — libxml2's own cost of reading a file, for any layout: the floor under any importer.
 *
 * libxml2 pulls the bytes through a read callback with the options XMLStream uses
 * (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOENT), decodes whatever encoding the file declares
 * (GB18030 through iconv), and the SAX2 callbacks only count: elements, attributes, text bytes and a
 * checksum of the first byte of each element name, so nothing is extracted or parsed. The time of this
 * loop on a profile layout's file, against the same loop on the format-1 file of the same firms, is the
 * part of a profile import's gap that belongs to libxml2 (decoding, longer multi-byte names).
 *
 * Build: cc -O2 -o sax_floor sax_floor.c $(pkg-config --cflags --libs libxml-2.0)
 * Run:   ./sax_floor FILE
 */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct {
    long long elements, attributes, text_bytes, checksum;
} Counts;

static void start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                  int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                  const xmlChar **attributes) {
    (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    Counts *c = ctx;
    c->elements++;
    c->attributes += nb_attributes;
    c->checksum += localname[0];
    for (int i = 0; i < nb_attributes; i++) c->text_bytes += attributes[i * 5 + 4] - attributes[i * 5 + 3];
}

static void end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)prefix; (void)uri;
    ((Counts *)ctx)->checksum += localname[0];
}

static void characters(void *ctx, const xmlChar *ch, int len) {
    (void)ch;
    ((Counts *)ctx)->text_bytes += len;
}

static xmlParserInputPtr no_entities(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static int read_source(void *context, char *buffer, int len) {
    FILE *f = context;
    size_t got = fread(buffer, 1, (size_t)len, f);
    if (got == 0 && ferror(f)) return -1;
    return (int)got;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    xmlInitParser();
    xmlSetExternalEntityLoader(no_entities);
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    sax.endElementNs = end;
    sax.characters = characters;
    sax.cdataBlock = characters;
    Counts c;
    memset(&c, 0, sizeof c);
    double t0 = now();
    xmlParserCtxtPtr ctxt = xmlCreateIOParserCtxt(&sax, &c, read_source, NULL, f, XML_CHAR_ENCODING_NONE);
    if (!ctxt) { fprintf(stderr, "cannot create parser\n"); return 1; }
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOENT);
    int status = xmlParseDocument(ctxt);
    int failed = status != 0 || !ctxt->wellFormed;
    double seconds = now() - t0;
    xmlFreeParserCtxt(ctxt);
    fclose(f);
    printf("elements=%lld\nattributes=%lld\ntext_bytes=%lld\nchecksum=%lld\nseconds=%.3f\n", c.elements,
           c.attributes, c.text_bytes, c.checksum, seconds);
    if (failed) fprintf(stderr, "%s: not well-formed\n", argv[1]);
    return failed ? 1 : 0;
}
