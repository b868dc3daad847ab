#include "CLibXML2Support.h"
#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char captured[1024];
static _Thread_local size_t used;

static void capture(void *context, const char *format, ...) {
    (void)context;
    if (used >= sizeof captured - 1) return;
    va_list arguments;
    va_start(arguments, format);
    int written = vsnprintf(captured + used, sizeof captured - used, format, arguments);
    va_end(arguments);
    if (written > 0) {
        used += (size_t)written;
        if (used > sizeof captured - 1) used = sizeof captured - 1;
    }
}

void techladder_capture_generic_errors(void) { xmlSetGenericErrorFunc(NULL, capture); }

const char *techladder_generic_errors(void) {
    captured[used] = 0;
    return captured;
}

void techladder_clear_generic_errors(void) {
    used = 0;
    captured[0] = 0;
}
