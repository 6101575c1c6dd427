/*
 * test_msg.c: the diagnostic line's shape, the counts by level, and that what a terminal
 * would act on (an ESC from a pattern, a C1 or bidirectional control, a byte that is no
 * UTF-8) comes out escaped in the message and in the caret line, with the caret still under
 * the character it points at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "helpers.h"
#include "msg.h"

static void test_shape_and_counts(void **state)
{
	(void)state;
	struct capture c;

	capture_start(&c);
	msg_reset();
	msg(MSG_ERROR, "kb/a.yaml", 3, 7, "unknown key '%s'", "sampels");
	msg(MSG_WARNING, "kb/a.yaml", 3, 0, "slow");
	msg_plain(MSG_ERROR, "cannot read '%s'", "x.log");
	msg_plain(MSG_NOTE, "%d left", 2);
	capture_end(&c);
	assert_string_equal(c.text,
			    "pickdoc: kb/a.yaml:3:7: error: unknown key 'sampels'\n"
			    "pickdoc: kb/a.yaml:3: warning: slow\n"
			    "pickdoc: cannot read 'x.log'\n"
			    "pickdoc: note: 2 left\n");
	assert_int_equal(msg_count(MSG_ERROR), 2);
	assert_int_equal(msg_count(MSG_WARNING), 1);
	assert_int_equal(msg_count(MSG_NOTE), 1);
	free(c.text);
}

/* An OSC title change, a CR, a C1 control, a right-to-left override and a stray byte, in
 * the text and in the file name: none reaches the stream as it is. */
static void test_message_escaped(void **state)
{
	(void)state;
	struct capture c;

	capture_start(&c);
	msg_reset();
	msg(MSG_ERROR, "k\x1b[2Jb.yaml", 1, 2, "tag '%s' \xc2\x85 \xe2\x80\xae \xff", "\x1b]0;x\x07\r");
	capture_end(&c);
	assert_string_equal(c.text, "pickdoc: k\\x1b[2Jb.yaml:1:2: error: tag '\\x1b]0;x\\x07\\x0d' "
				    "\\u0085 \\u202e \\xff\n");
	free(c.text);
}

static void test_caret_plain(void **state)
{
	(void)state;
	struct capture c;

	capture_start(&c);
	msg_reset();
	msg_caret("ab\tc(d", 4);
	msg_caret("abc(\nmore", 4);
	capture_end(&c);
	assert_string_equal(c.text, "    ab\tc(d\n      \t ^\n"
				    "    abc(\n        ^\n");
	free(c.text);
}

/* The caret moves right by the width of each escape before it, so it stays under "(". */
static void test_caret_after_escape(void **state)
{
	(void)state;
	struct capture c;

	capture_start(&c);
	msg_reset();
	msg_caret("\x1b[31m(x", 5);
	msg_caret("\xc3\xa9(", 2);
	capture_end(&c);
	assert_string_equal(c.text, "    \\x1b[31m(x\n            ^\n"
				    "    \xc3\xa9(\n     ^\n");
	free(c.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape_and_counts),
		cmocka_unit_test(test_message_escaped),
		cmocka_unit_test(test_caret_plain),
		cmocka_unit_test(test_caret_after_escape),
	};

	return cmocka_run_group_tests_name("msg", tests, NULL, NULL);
}
