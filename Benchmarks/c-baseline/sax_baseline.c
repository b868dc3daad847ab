/*
 * sax_baseline.c — the C reference point for `techladder import --dry-run`.
 *
 * Streams a registry XML file (format 1, urn:techladder:registry:1) through libxml2's SAX2 push
 * parser in 1 MiB fread chunks (or, with --pull, lets libxml2 pull the bytes through a read callback), with the same secure options as the Swift XMLStream module
 * (XML_PARSE_NONET | XML_PARSE_NOCDATA; no XML_PARSE_NOENT, no DTD loading, no XML_PARSE_HUGE;
 * entity declarations refused; external entity loader refusing everything), and extracts every
 * field: every count, amount and date is parsed into an integer (money into fen, 万元 scaled),
 * every enumerated value is matched, every text is measured. It prints counts, sums and MB/s
 * (MB = 10^6 bytes) as key=value lines, so Benchmarks/run.sh can compare like with like.
 *
 * Build: cc -O2 -o sax_baseline sax_baseline.c $(pkg-config --cflags --libs libxml-2.0)
 * Run:   ./sax_baseline [--pull] FILE
 */
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum field {
    F_NONE, F_NAME, F_TECHDOMAIN, F_REGISTEREDON, F_STATUS, F_RESIDENT, F_TAX,
    F_EMPLOYEES, F_TECHSTAFF, F_CONVERSIONS,          /* counts */
    F_REVENUE, F_TOTALINCOME, F_TOTALCOST, F_TOTALASSETS, F_NETASSETS, F_RD, F_RDDOMESTIC, F_HIGHTECH /* money */
};

typedef struct {
    /* record counts */
    long enterprises, finance_years, ip, certifications, awards, institutions, standards, incidents, scores,
        consortia, platforms, contracts, brokers, deregistered, wan_yuan_years, invalid_values;
    /* sums */
    int64_t revenue_fen, rd_fen, contract_fen, employees, tech_staff, ip_items, name_bytes, checksum;
    /* parse state */
    enum field field;
    int wan;              /* current Finance is in 万元 */
    char text[4096];
    size_t text_len;
    xmlParserCtxtPtr ctxt;
    int refused;
} State;

static const char *const domains[] = {"electronic-information", "biomedicine", "aerospace", "new-materials",
                                      "high-tech-services", "new-energy", "resources-environment",
                                      "advanced-manufacturing"};

/* ---- value parsers over [p, end) ---- */

static int parse_count(const xmlChar *p, const xmlChar *end, int64_t *out) {
    int64_t v = 0;
    if (p == end) return 0;
    for (; p < end; p++) {
        if (*p < '0' || *p > '9') return 0;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return 1;
}

/* Decimal yuan (or 万元 when wan) with up to 2 decimals, optional minus, into fen. */
static int parse_money(const xmlChar *p, const xmlChar *end, int wan, int64_t *out) {
    int neg = 0, decimals = 0;
    int64_t whole = 0, frac = 0;
    if (p < end && *p == '-') { neg = 1; p++; }
    if (p == end || *p < '0' || *p > '9') return 0;
    for (; p < end && *p != '.'; p++) {
        if (*p < '0' || *p > '9') return 0;
        whole = whole * 10 + (*p - '0');
    }
    if (p < end) {
        for (p++; p < end; p++) {
            if (*p < '0' || *p > '9' || decimals == 2) return 0;
            frac = frac * 10 + (*p - '0');
            decimals++;
        }
        if (decimals == 0) return 0;
        if (decimals == 1) frac *= 10;
    }
    int64_t fen = wan ? whole * 1000000 + frac * 10000 : whole * 100 + frac;
    *out = neg ? -fen : fen;
    return 1;
}

/* YYYY-MM-DD into yyyymmdd, checking the calendar. */
static int parse_date(const xmlChar *p, const xmlChar *end, int64_t *out) {
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t y, m, d;
    if (end - p != 10 || p[4] != '-' || p[7] != '-') return 0;
    if (!parse_count(p, p + 4, &y) || !parse_count(p + 5, p + 7, &m) || !parse_count(p + 8, p + 10, &d)) return 0;
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
    *out = y * 10000 + m * 100 + d;
    return 1;
}

static int one_of(const xmlChar *p, const xmlChar *end, const char *const *words, int n) {
    size_t len = (size_t)(end - p);
    for (int i = 0; i < n; i++)
        if (strlen(words[i]) == len && memcmp(words[i], p, len) == 0) return i;
    return -1;
}

#define WORDS(...) ((const char *const[]){__VA_ARGS__}), (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *))

/* ---- attributes: localname, prefix, URI, value, end ---- */

typedef enum { A_COUNT, A_DATE, A_MONEY, A_TEXT } Kind;

static void attr_value(State *s, Kind kind, const xmlChar *v, const xmlChar *e, int64_t *sum) {
    int64_t x = 0;
    int ok = 1;
    switch (kind) {
    case A_COUNT: ok = parse_count(v, e, &x); break;
    case A_DATE: ok = parse_date(v, e, &x); break;
    case A_MONEY: ok = parse_money(v, e, 0, &x); break;
    case A_TEXT: x = e - v; break;
    }
    if (!ok) s->invalid_values++;
    s->checksum += x;
    if (sum) *sum += x;
}

/* Parses every attribute of an element: the kinds are given per attribute name; the value of the first
 * named attribute is also added to *sum when sum is not NULL. */
static void attributes(State *s, int n, const xmlChar **a, const char *const *names, const Kind *kinds, int k,
                       int64_t *sum) {
    for (int i = 0; i < n; i++) {
        const xmlChar *name = a[i * 5], *v = a[i * 5 + 3], *e = a[i * 5 + 4];
        Kind kind = A_TEXT;
        int j = 0;
        for (; j < k; j++)
            if (strcmp((const char *)name, names[j]) == 0) { kind = kinds[j]; break; }
        attr_value(s, kind, v, e, j == 0 ? sum : NULL);
        if (kind == A_TEXT && strcmp((const char *)name, "level") == 0)
            if (one_of(v, e, WORDS("national", "provincial", "municipal", "international", "industry", "local",
                                   "group")) < 0) s->invalid_values++;
    }
}

static void start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                  const xmlChar **ns, int n, int ndef, const xmlChar **a) {
    (void)prefix; (void)uri; (void)nns; (void)ns; (void)ndef;
    State *s = ctx;
    const char *nm = (const char *)name;
    s->text_len = 0;
    s->field = F_NONE;
    switch (nm[0]) {
    case 'E':
        if (!strcmp(nm, "Employees")) s->field = F_EMPLOYEES;
        else if (!strcmp(nm, "Enterprise")) { s->enterprises++; attributes(s, n, a, NULL, NULL, 0, NULL); }
        else if (!strcmp(nm, "ExpertScore")) {
            s->scores++;
            attributes(s, n, a, (const char *const[]){"points"}, (Kind[]){A_COUNT}, 1, NULL);
        }
        break;
    case 'T':
        if (!strcmp(nm, "TechStaff")) s->field = F_TECHSTAFF;
        else if (!strcmp(nm, "TotalIncome")) s->field = F_TOTALINCOME;
        else if (!strcmp(nm, "TotalCost")) s->field = F_TOTALCOST;
        else if (!strcmp(nm, "TotalAssets")) s->field = F_TOTALASSETS;
        else if (!strcmp(nm, "TechDomain")) s->field = F_TECHDOMAIN;
        else if (!strcmp(nm, "TaxAssessment")) s->field = F_TAX;
        else if (!strcmp(nm, "TechContract")) {
            s->contracts++;
            attributes(s, n, a, (const char *const[]){"amount", "signed", "registered"},
                       (Kind[]){A_MONEY, A_DATE, A_DATE}, 3, &s->contract_fen);
        }
        break;
    case 'R':
        if (!strcmp(nm, "Revenue")) s->field = F_REVENUE;
        else if (!strcmp(nm, "RDExpense")) s->field = F_RD;
        else if (!strcmp(nm, "RDExpenseDomestic")) s->field = F_RDDOMESTIC;
        else if (!strcmp(nm, "RegisteredOn")) s->field = F_REGISTEREDON;
        else if (!strcmp(nm, "Resident")) s->field = F_RESIDENT;
        else if (!strcmp(nm, "RDInstitution")) {
            s->institutions++;
            attributes(s, n, a, (const char *const[]){"since"}, (Kind[]){A_DATE}, 1, NULL);
        }
        else if (!strcmp(nm, "Registry"))
            attributes(s, n, a, (const char *const[]){"exportedAt"}, (Kind[]){A_DATE}, 1, NULL);
        break;
    case 'N':
        if (!strcmp(nm, "NetAssets")) s->field = F_NETASSETS;
        else if (!strcmp(nm, "Name")) s->field = F_NAME;
        break;
    case 'H': if (!strcmp(nm, "HighTechRevenue")) s->field = F_HIGHTECH; break;
    case 'C':
        if (!strcmp(nm, "Conversions")) s->field = F_CONVERSIONS;
        else if (!strcmp(nm, "Certification")) {
            s->certifications++;
            attributes(s, n, a, (const char *const[]){"issued", "expires", "revoked"},
                       (Kind[]){A_DATE, A_DATE, A_DATE}, 3, NULL);
        } else if (!strcmp(nm, "Consortium")) { s->consortia++; attributes(s, n, a, NULL, NULL, 0, NULL); }
        break;
    case 'F':
        if (!strcmp(nm, "Finance")) {
            s->finance_years++;
            s->wan = 0;
            for (int i = 0; i < n; i++)
                if (!strcmp((const char *)a[i * 5], "unit")) s->wan = one_of(a[i * 5 + 3], a[i * 5 + 4],
                                                                             WORDS("yuan", "wan-yuan")) == 1;
            s->wan_yuan_years += s->wan;
            attributes(s, n, a, (const char *const[]){"year"}, (Kind[]){A_COUNT}, 1, NULL);
        }
        break;
    case 'I':
        if (!strcmp(nm, "IP")) {
            s->ip++;
            attributes(s, n, a, (const char *const[]){"count"}, (Kind[]){A_COUNT}, 1, &s->ip_items);
        } else if (!strcmp(nm, "Industry")) attributes(s, n, a, NULL, NULL, 0, NULL);
        else if (!strcmp(nm, "Incident")) {
            s->incidents++;
            attributes(s, n, a, (const char *const[]){"date"}, (Kind[]){A_DATE}, 1, NULL);
        }
        break;
    case 'D': if (!strcmp(nm, "District")) attributes(s, n, a, NULL, NULL, 0, NULL); break;
    case 'S':
        if (!strcmp(nm, "Status")) s->field = F_STATUS;
        else if (!strcmp(nm, "Standard")) {
            s->standards++;
            attributes(s, n, a, (const char *const[]){"year"}, (Kind[]){A_COUNT}, 1, NULL);
        }
        break;
    case 'A':
        if (!strcmp(nm, "Award")) {
            s->awards++;
            attributes(s, n, a, (const char *const[]){"year", "rank"}, (Kind[]){A_COUNT, A_COUNT}, 2, NULL);
        }
        break;
    case 'P':
        if (!strcmp(nm, "Platform")) {
            s->platforms++;
            attributes(s, n, a, (const char *const[]){"approved"}, (Kind[]){A_DATE}, 1, NULL);
        }
        break;
    case 'B':
        if (!strcmp(nm, "Broker")) {
            s->brokers++;
            attributes(s, n, a, (const char *const[]){"certified"}, (Kind[]){A_DATE}, 1, NULL);
        }
        break;
    }
}

static void characters(void *ctx, const xmlChar *ch, int len) {
    State *s = ctx;
    if (s->field == F_NONE) return;
    if (s->text_len + (size_t)len > sizeof s->text) { s->invalid_values++; return; }
    memcpy(s->text + s->text_len, ch, (size_t)len);
    s->text_len += (size_t)len;
}

static void end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri) {
    (void)name; (void)prefix; (void)uri;
    State *s = ctx;
    const xmlChar *p = (const xmlChar *)s->text, *e = p + s->text_len;
    int64_t x = 0;
    int ok = 1;
    switch (s->field) {
    case F_NONE: return;
    case F_NAME: s->name_bytes += (int64_t)s->text_len; break;
    case F_TECHDOMAIN: ok = one_of(p, e, domains, 8) >= 0; break;
    case F_REGISTEREDON: ok = parse_date(p, e, &x); break;
    case F_STATUS: x = one_of(p, e, WORDS("active", "deregistered")); ok = x >= 0; s->deregistered += x == 1; break;
    case F_RESIDENT: ok = one_of(p, e, WORDS("true", "false")) >= 0; break;
    case F_TAX: ok = one_of(p, e, WORDS("actual-profit", "deemed")) >= 0; break;
    case F_EMPLOYEES: ok = parse_count(p, e, &x); s->employees += x; break;
    case F_TECHSTAFF: ok = parse_count(p, e, &x); s->tech_staff += x; break;
    case F_CONVERSIONS: ok = parse_count(p, e, &x); break;
    case F_REVENUE: ok = parse_money(p, e, s->wan, &x); s->revenue_fen += x; break;
    case F_RD: ok = parse_money(p, e, s->wan, &x); s->rd_fen += x; break;
    default: ok = parse_money(p, e, s->wan, &x); break;
    }
    if (!ok) s->invalid_values++;
    s->checksum += x;
    s->field = F_NONE;
    s->text_len = 0;
}

static void entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pid, const xmlChar *sid,
                        xmlChar *content) {
    (void)type; (void)pid; (void)sid; (void)content;
    State *s = ctx;
    fprintf(stderr, "entity declaration '%s' refused\n", (const char *)name);
    s->refused = 1;
    xmlStopParser(s->ctxt);
}

static xmlParserInputPtr no_entities(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct {
    FILE *file;
    long long total;
} Source;

static int read_source(void *context, char *buffer, int len) {
    Source *src = context;
    size_t got = fread(buffer, 1, (size_t)len, src->file);
    if (got == 0 && ferror(src->file)) return -1;
    src->total += (long long)got;
    return (int)got;
}

int main(int argc, char **argv) {
    int pull = argc == 3 && strcmp(argv[1], "--pull") == 0;
    if (argc != 2 && !pull) {
        fprintf(stderr, "usage: %s [--pull] FILE\n", argv[0]);
        return 2;
    }
    const char *path = argv[argc - 1];
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 1; }
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
    sax.entityDecl = entity_decl;

    State s;
    memset(&s, 0, sizeof s);
    double t0 = now();
    long long total = 0;
    int status = 0;
    if (pull) {
        /* libxml2 pulls the bytes through a read callback (what techladder's XMLStream does). */
        Source src = { f, 0 };
        s.ctxt = xmlCreateIOParserCtxt(&sax, &s, read_source, NULL, &src, XML_CHAR_ENCODING_NONE);
        if (!s.ctxt) { fprintf(stderr, "cannot create parser\n"); return 1; }
        xmlCtxtUseOptions(s.ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
        status = xmlParseDocument(s.ctxt);
        total = src.total;
    } else {
        /* 1 MiB chunks pushed with xmlParseChunk. */
        const size_t chunk = 1 << 20;
        char *buf = malloc(chunk);
        if (!buf) return 1;
        size_t got = fread(buf, 1, 4, f);
        total = (long long)got;
        s.ctxt = xmlCreatePushParserCtxt(&sax, &s, buf, (int)got, path);
        if (!s.ctxt) { fprintf(stderr, "cannot create parser\n"); return 1; }
        xmlCtxtUseOptions(s.ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
        for (;;) {
            got = fread(buf, 1, chunk, f);
            total += (long long)got;
            int last = got < chunk;
            status = xmlParseChunk(s.ctxt, buf, (int)got, last);
            if (status != 0 || s.refused || last) break;
        }
        free(buf);
    }
    double seconds = now() - t0;
    int failed = status != 0 || s.refused || !s.ctxt->wellFormed;
    if (failed) {
        const xmlError *err = xmlCtxtGetLastError(s.ctxt);
        fprintf(stderr, "%s:%d:%d: not well-formed: %s", path, err ? err->line : 0, err ? err->int2 : 0,
                err && err->message ? err->message : "parse stopped\n");
    }
    xmlFreeParserCtxt(s.ctxt);
    fclose(f);

    printf("file=%s\nbytes=%lld\n", path, total);
    printf("enterprises=%ld\nfinance_years=%ld\nwan_yuan_years=%ld\nip_lines=%ld\nip_items=%lld\n", s.enterprises,
           s.finance_years, s.wan_yuan_years, s.ip, (long long)s.ip_items);
    printf("certifications=%ld\nawards=%ld\nrd_institutions=%ld\nstandards=%ld\nincidents=%ld\nexpert_scores=%ld\n",
           s.certifications, s.awards, s.institutions, s.standards, s.incidents, s.scores);
    printf("consortia=%ld\nplatforms=%ld\ncontracts=%ld\nbrokers=%ld\nderegistered=%ld\n", s.consortia, s.platforms,
           s.contracts, s.brokers, s.deregistered);
    printf("employees=%lld\ntech_staff=%lld\nrevenue_fen=%lld\nrd_fen=%lld\ncontract_fen=%lld\nname_bytes=%lld\n",
           (long long)s.employees, (long long)s.tech_staff, (long long)s.revenue_fen, (long long)s.rd_fen,
           (long long)s.contract_fen, (long long)s.name_bytes);
    printf("invalid_values=%ld\nchecksum=%lld\n", s.invalid_values, (long long)s.checksum);
    printf("seconds=%.3f\nmb_per_s=%.1f\n", seconds, seconds > 0 ? (double)total / 1e6 / seconds : 0.0);
    return failed ? 1 : 0;
}
