/*
 * scan.c: skips quickly to the lines that may matter.  Finds candidate bytes thirty-two at
 * a time where the processor has AVX2, sixteen with SSE2, one by one elsewhere, looks
 * closer only at those, and counts the lines it passes over the same way.  The marks are
 * a superset of what the parser looks at outside a record and of what the unwrapper
 * decodes; the unit test holds it to that on real captures.  Knows bytes, not what a line
 * means.
 */
#include "scan.h"

#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) && defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static int is_name_char(char c)
{
	return is_upper(c) || is_lower(c) || (c >= '0' && c <= '9') || c == '_';
}

/* Whether only blanks follow AT up to the line's end (END is just past a '\n'). */
static int blank_to_end(const char *s, size_t at, size_t end)
{
	while (at < end && is_blank(s[at]))
		at++;
	return at == end || s[at] == '\n';
}

/* Whether the dotted name that ends at COLON could be an exception's: its last part,
 * leading digits and underscores aside, is capitalised and has a lower-case letter, or is
 * a C module's lower-case "error" under its module's name ("struct.error"). */
static int capitalised_name_before(const char *s, size_t colon)
{
	size_t b = colon;

	while (b > 0 && is_name_char(s[b - 1]))
		b--;
	if (colon - b == 5 && b > 0 && s[b - 1] == '.' && memcmp(s + b, "error", 5) == 0)
		return 1;
	while (b < colon && !is_upper(s[b]) && !is_lower(s[b]))
		b++;
	if (b == colon || !is_upper(s[b]))
		return 0;
	for (size_t i = b + 1; i < colon; i++)
		if (is_lower(s[i]))
			return 1;
	return 0;
}

/* Whether the candidate byte at AT is a mark (END: the end of the whole lines). */
static int is_mark(const char *s, size_t at, size_t end)
{
	switch (s[at]) {
	case ':':
		/* a line ending in a colon (a header, a chain sentence, a carrier), or
		 * "Name: text" (an exception line) */
		if (s[at + 1] != ' ')
			return 1;
		return blank_to_end(s, at + 1, end) || capitalised_name_before(s, at);
	case '}':
		return blank_to_end(s, at + 1, end);       /* a JSON object's line */
	case '"':
		return at >= 5 && memcmp(s + at - 5, "File ", 5) == 0;
	case '#':
		return s[at + 1] == '0' || s[at + 1] == '1';  /* syslog's "#012" */
	default:
		return 1;                                   /* ESC, a backslash escape */
	}
}

/* The candidate bytes: ':' and '}' before a blank or a line end, and '"', ESC, '\\', '#'. */
static int is_candidate(const char *s, size_t at)
{
	char c = s[at], next = s[at + 1];

	if (c == ':' || c == '}')
		return is_blank(next) || next == '\n';
	return c == '"' || c == '\x1b' || c == '\\' || c == '#';
}

/* The first mark in S[I..END), or END, byte by byte, and in *LINES the newlines before it,
 * N of them being before I; S[END - 1] is a '\n'. */
static size_t first_mark_from(const char *s, size_t i, size_t end, size_t n, size_t *lines)
{
	for (; i + 1 < end; i++) {
		if (is_candidate(s, i) && is_mark(s, i, end)) {
			*lines = n;
			return i;
		}
		n += s[i] == '\n';
	}
	*lines = n + (i < end && s[i] == '\n');
	return end;
}

#if defined(__SSE2__)
static __m128i bytes_equal(__m128i v, char c)
{
	return _mm_cmpeq_epi8(v, _mm_set1_epi8(c));
}

/* The candidate bytes among the sixteen at S, as a bit mask (S[16] must be readable), and
 * the newlines among them in *NEWLINES (0xff in each lane that holds one). */
static unsigned candidates16(const char *s, __m128i *newlines)
{
	__m128i c = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i n = _mm_loadu_si128((const __m128i *)(const void *)(s + 1));
	__m128i blank = _mm_or_si128(_mm_or_si128(bytes_equal(n, ' '), bytes_equal(n, '\n')),
				     _mm_or_si128(bytes_equal(n, '\r'), bytes_equal(n, '\t')));
	__m128i ends = _mm_and_si128(_mm_or_si128(bytes_equal(c, ':'), bytes_equal(c, '}')), blank);
	__m128i other = _mm_or_si128(_mm_or_si128(bytes_equal(c, '"'), bytes_equal(c, '\x1b')),
				     _mm_or_si128(bytes_equal(c, '\\'), bytes_equal(c, '#')));

	*newlines = bytes_equal(c, '\n');
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(ends, other));
}

/* The sum of the sixteen byte counts in LANES. */
static size_t lanes_sum(__m128i lanes)
{
	__m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());

	return (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
}
#endif

static size_t bits_set(uint64_t mask)
{
	size_t n = 0;

	for (; mask; mask &= mask - 1)
		n++;
	return n;
}

/* The bit of the first candidate in MASK, the candidates of the chunk at S + I, that is a
 * mark; -1 when none is. */
static int mark_bit(const char *s, size_t i, size_t end, uint64_t mask)
{
	for (; mask; mask &= mask - 1) {
		int bit = __builtin_ctzll(mask);

		if (is_mark(s, i + (size_t)bit, end))
			return bit;
	}
	return -1;
}

/* The newlines before BIT among those of a chunk (a bit each in NEWLINES). */
static size_t newlines_before(uint64_t newlines, int bit)
{
	return bits_set(newlines & ((1ull << bit) - 1));
}

#if defined(__SSE2__)
/* The first mark in S[0..END), or END, and the newlines before it in *LINES; S[END - 1] is
 * a '\n'.  One pass: the newlines are counted as the candidates are looked for, per byte
 * lane, the lanes summed before a count can wrap. */
static size_t first_mark_sse2(const char *s, size_t end, size_t *lines)
{
	__m128i lanes = _mm_setzero_si128();
	size_t i = 0, n = 0;
	int chunks = 0;

	for (; i + 17 <= end; i += 16) {
		__m128i newlines;
		unsigned mask = candidates16(s + i, &newlines);
		int bit = mask ? mark_bit(s, i, end, mask) : -1;

		if (bit >= 0) {
			*lines = n + lanes_sum(lanes) +
				 newlines_before((unsigned)_mm_movemask_epi8(newlines), bit);
			return i + (size_t)bit;
		}
		lanes = _mm_sub_epi8(lanes, newlines);
		if (++chunks == 255) {
			n += lanes_sum(lanes);
			lanes = _mm_setzero_si128();
			chunks = 0;
		}
	}
	return first_mark_from(s, i, end, n + lanes_sum(lanes), lines);
}
#endif

#if defined(__GNUC__) && defined(__x86_64__)
/* The same, thirty-two bytes at a time, for processors that have AVX2. */
#define AVX2 __attribute__((target("avx2")))

AVX2 static __m256i bytes_equal32(__m256i v, char c)
{
	return _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c));
}

AVX2 static uint32_t candidates32(const char *s, __m256i *newlines)
{
	__m256i c = _mm256_loadu_si256((const __m256i *)(const void *)s);
	__m256i n = _mm256_loadu_si256((const __m256i *)(const void *)(s + 1));
	__m256i blank = _mm256_or_si256(_mm256_or_si256(bytes_equal32(n, ' '),
							bytes_equal32(n, '\n')),
					_mm256_or_si256(bytes_equal32(n, '\r'),
							bytes_equal32(n, '\t')));
	__m256i ends = _mm256_and_si256(_mm256_or_si256(bytes_equal32(c, ':'),
							bytes_equal32(c, '}')), blank);
	__m256i other = _mm256_or_si256(_mm256_or_si256(bytes_equal32(c, '"'),
							bytes_equal32(c, '\x1b')),
					_mm256_or_si256(bytes_equal32(c, '\\'),
							bytes_equal32(c, '#')));

	*newlines = bytes_equal32(c, '\n');
	return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(ends, other));
}

AVX2 static size_t lanes_sum32(__m256i lanes)
{
	__m256i sums = _mm256_sad_epu8(lanes, _mm256_setzero_si256());

	return (size_t)_mm256_extract_epi64(sums, 0) + (size_t)_mm256_extract_epi64(sums, 1) +
	       (size_t)_mm256_extract_epi64(sums, 2) + (size_t)_mm256_extract_epi64(sums, 3);
}

AVX2 static size_t first_mark_avx2(const char *s, size_t end, size_t *lines)
{
	__m256i lanes = _mm256_setzero_si256();
	size_t i = 0, n = 0;
	int chunks = 0;

	for (; i + 33 <= end; i += 32) {
		__m256i newlines;
		uint32_t mask = candidates32(s + i, &newlines);
		int bit = mask ? mark_bit(s, i, end, mask) : -1;

		if (bit >= 0) {
			*lines = n + lanes_sum32(lanes) +
				 newlines_before((uint32_t)_mm256_movemask_epi8(newlines), bit);
			return i + (size_t)bit;
		}
		lanes = _mm256_sub_epi8(lanes, newlines);
		if (++chunks == 255) {
			n += lanes_sum32(lanes);
			lanes = _mm256_setzero_si256();
			chunks = 0;
		}
	}
	return first_mark_from(s, i, end, n + lanes_sum32(lanes), lines);
}
#endif

#if defined(__GNUC__) && defined(__x86_64__)
/* Whether the processor has AVX2 and the system saves its registers.  Asked of cpuid
 * directly: __builtin_cpu_supports would run libgcc's whole survey of the processor at
 * every start. */
static int has_avx2(void)
{
	unsigned a, b, c, d, lo, hi;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) || !(c & bit_AVX))
		return 0;
	__asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	if ((lo & 6) != 6)                 /* XMM and YMM state enabled */
		return 0;
	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_AVX2);
}
#endif

static size_t first_mark_bytes(const char *s, size_t end, size_t *lines)
{
	return first_mark_from(s, 0, end, 0, lines);
}

typedef size_t first_mark_fn(const char *s, size_t end, size_t *lines);

/* How WAY is done on this processor, or NULL when it cannot be. */
static first_mark_fn *first_mark_by(enum scan_way way)
{
	switch (way) {
	case SCAN_BYTES:
		return first_mark_bytes;
	case SCAN_SSE2:
#if defined(__SSE2__)
		return first_mark_sse2;
#else
		return NULL;
#endif
	case SCAN_AVX2:
#if defined(__GNUC__) && defined(__x86_64__)
		return has_avx2() ? first_mark_avx2 : NULL;
#else
		return NULL;
#endif
	}
	return NULL;
}

/* The widest way this processor has, chosen on first use. */
static first_mark_fn *first_mark;

int scan_set_way(enum scan_way way)
{
	first_mark_fn *fn = first_mark_by(way);

	if (!fn)
		return -1;
	first_mark = fn;
	return 0;
}

size_t scan_quiet(const char *buf, size_t len, size_t *lines)
{
	const char *last = len ? memrchr(buf, '\n', len) : NULL;
	size_t end = last ? (size_t)(last - buf) + 1 : 0, quiet = end;

	if (!first_mark && scan_set_way(SCAN_AVX2) < 0 && scan_set_way(SCAN_SSE2) < 0)
		scan_set_way(SCAN_BYTES);
	size_t mark = first_mark(buf, end, lines);

	if (mark < end) {
		const char *nl = memrchr(buf, '\n', mark);

		quiet = nl ? (size_t)(nl - buf) + 1 : 0;
	}
	return quiet;
}
