#include "CEDICTData.h"

// Defined in cedict.S, around the file's bytes.
extern const unsigned char lianxi_cedict_start[];
extern const unsigned char lianxi_cedict_end[];

const unsigned char *lianxi_cedict_bytes(void) { return lianxi_cedict_start; }

size_t lianxi_cedict_count(void) { return (size_t)(lianxi_cedict_end - lianxi_cedict_start); }
