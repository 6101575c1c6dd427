/*
 * test_rotate.c: the files of one log named together are put oldest first where the first
 * of them was named (numbered rotations, compressed or not, and logrotate's dated ones),
 * and files that are not rotations of a log named with them stay apart and in their
 * order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "rotate.h"

#define N(a) (sizeof(a) / sizeof *(a))

/* Orders PATHS and checks them against WANT, and the sizes of the logs against SETS. */
static void assert_order(const char **paths, size_t n, const char *const *want,
			 const size_t *sets, size_t nsets)
{
	size_t set_len[16];

	assert_int_equal(rotate_order(paths, n, set_len), nsets);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(paths[i], want[i]);
	for (size_t i = 0; i < nsets; i++)
		assert_int_equal(set_len[i], sets[i]);
}

static void test_numbered_oldest_first(void **state)
{
	(void)state;
	const char *paths[] = { "/var/log/app/app.log", "/var/log/app/app.log.1",
				"/var/log/app/app.log.10.gz", "/var/log/app/app.log.2.gz" };
	const char *const want[] = { "/var/log/app/app.log.10.gz", "/var/log/app/app.log.2.gz",
				     "/var/log/app/app.log.1", "/var/log/app/app.log" };
	const size_t sets[] = { 4 };

	assert_order(paths, N(paths), want, sets, N(sets));
}

static void test_dated_oldest_first(void **state)
{
	(void)state;
	const char *paths[] = { "app.log", "app.log-20240502.zst", "app.log-20240430.gz",
				"app.log-20240501" };
	const char *const want[] = { "app.log-20240430.gz", "app.log-20240501",
				     "app.log-20240502.zst", "app.log" };
	const size_t sets[] = { 4 };

	assert_order(paths, N(paths), want, sets, N(sets));
}

/* Several logs: each at the place of its first file; a file alone is a log of its own. */
static void test_logs_apart(void **state)
{
	(void)state;
	const char *paths[] = { "api.log", "worker.log", "api.log.1", "-", "worker-1.log",
				"worker-2.log", "worker.log.1.gz", "job.log.gz" };
	const char *const want[] = { "api.log.1", "api.log", "worker.log.1.gz", "worker.log",
				     "-", "worker-1.log", "worker-2.log", "job.log.gz" };
	const size_t sets[] = { 2, 2, 1, 1, 1, 1 };

	assert_order(paths, N(paths), want, sets, N(sets));
}

/* Not rotations: a number too long for a rotation, a date-like number without the dash,
 * numbered files without the log they would be rotations of. */
static void test_not_rotations(void **state)
{
	(void)state;
	const char *paths[] = { "trace.123456", "trace.log", "build.20240501", "build",
				"out.2", "out.1" };
	const char *const want[] = { "trace.123456", "trace.log", "build.20240501", "build",
				     "out.2", "out.1" };
	const size_t sets[] = { 1, 1, 1, 1, 1, 1 };

	assert_order(paths, N(paths), want, sets, N(sets));
	assert_int_equal(rotate_order(paths, 0, NULL), 0);
}

/* Thousands of logs named at once, each rotation before its log and the logs in reverse:
 * each log is read at the place of its first file, oldest first. */
static void test_many_logs(void **state)
{
	(void)state;
	enum { LOGS = 2000 };
	static char names[2 * LOGS][32];
	static const char *paths[2 * LOGS];
	static size_t set_len[2 * LOGS];

	for (int i = 0; i < LOGS; i++) {
		snprintf(names[i], sizeof names[i], "svc-%d.log.1", i);
		snprintf(names[LOGS + i], sizeof names[LOGS + i], "svc-%d.log", LOGS - 1 - i);
	}
	for (int i = 0; i < 2 * LOGS; i++)
		paths[i] = names[i];
	assert_int_equal(rotate_order(paths, 2 * LOGS, set_len), LOGS);
	for (int i = 0; i < LOGS; i++) {
		char want[32];
		snprintf(want, sizeof want, "svc-%d.log.1", i);
		assert_string_equal(paths[2 * i], want);
		snprintf(want, sizeof want, "svc-%d.log", i);
		assert_string_equal(paths[2 * i + 1], want);
		assert_int_equal(set_len[i], 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbered_oldest_first),
		cmocka_unit_test(test_dated_oldest_first),
		cmocka_unit_test(test_logs_apart),
		cmocka_unit_test(test_not_rotations),
		cmocka_unit_test(test_many_logs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
