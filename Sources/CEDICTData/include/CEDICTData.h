#ifndef LIANXI_CEDICT_DATA_H
#define LIANXI_CEDICT_DATA_H

#include <stddef.h>

/// The first byte of CC-CEDICT's text (UTF-8, one entry a line), built into the program.
const unsigned char *lianxi_cedict_bytes(void);

/// The number of bytes of CC-CEDICT's text.
size_t lianxi_cedict_count(void);

#endif
