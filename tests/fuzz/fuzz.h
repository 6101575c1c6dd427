/*
 * fuzz.h: what every fuzz target of tests/fuzz/ defines, and the few checks and the
 * diagnostics sink they share.
 * A target is built twice: with clang's libFuzzer (make fuzz), and with replay.c as its
 * main (make check), which runs it over the committed regression inputs.
 */
#ifndef PICKDOC_FUZZ_H
#define PICKDOC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The checks of a target need no coverage feedback of their own, and cost less without. */
#if defined(__clang__) && __clang_major__ >= 13
#define FUZZ_CHECKER __attribute__((no_sanitize("coverage")))
#else
#define FUZZ_CHECKER
#endif

/* A broken property is a crash: libFuzzer saves the input, replay names it. */
#define FUZZ_ASSERT(cond)                                                               \
	do {                                                                            \
		if (!(cond)) {                                                          \
			fprintf(stderr, "%s:%d: fuzz property broken: %s\n", __FILE__,   \
				__LINE__, #cond);                                       \
			abort();                                                        \
		}                                                                       \
	} while (0)

/* /dev/null, made msg.h's stream on first use: diagnostics of hostile input are expected,
 * and printing them would only slow the fuzzer down. */
static inline FILE *fuzz_null_stream(void)
{
	static FILE *null;

	if (!null) {
		null = fopen("/dev/null", "w");
		FUZZ_ASSERT(null != NULL);
		msg_set_stream(null);
	}
	return null;
}

#endif
