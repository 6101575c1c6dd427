/*
 * nojit.c: preloaded (LD_PRELOAD) into the programs the valgrind run checks, and nowhere
 * else.  PCRE2's JIT writes machine code whose wide reads past a subject's end memcheck
 * cannot tell from errors; with this its compiler says it is unavailable, so every pattern
 * runs on PCRE2's interpreter, the path pickdoc already takes where there is no JIT.  Knows
 * nothing of pickdoc.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

int pcre2_jit_compile_8(pcre2_code_8 *code, uint32_t options)
{
	(void)code;
	(void)options;
	return PCRE2_ERROR_JIT_BADOPTION;
}
