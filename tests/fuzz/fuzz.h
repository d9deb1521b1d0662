/* fuzz.h: the libFuzzer entry points every tests/fuzz/fuzz-*.c defines, for replay.c too. */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* fuzz-log.c: drops GLib's debug to warning messages; a critical or an error abort ()s. */
void fuzz_log_init (void);
