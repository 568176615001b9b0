// CC-CEDICT (cedict_ts.u8, beside this file) assembled into the program as it is, so the
// dictionary needs no file at run time and no generated source at build time.
// The file is found through the target's header search path (Package.swift). SwiftPM does not
// see the file as an input of this one: after replacing cedict_ts.u8, touch cedict.S.
#if defined(__APPLE__)
#define SYMBOL(name) _##name
    .section __TEXT,__const
#else
#define SYMBOL(name) name
    .section .rodata
#endif
    .global SYMBOL(lianxi_cedict_start)
    .global SYMBOL(lianxi_cedict_end)
    .balign 16
SYMBOL(lianxi_cedict_start):
    .incbin "cedict_ts.u8"
SYMBOL(lianxi_cedict_end):
    .byte 0
#if defined(__linux__)
    .section .note.GNU-stack,"",%progbits
#endif
