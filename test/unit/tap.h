/*
 * tap.h: a tiny TAP producer shared by the C unit tests (test/unit/test_*.c).
 * Each test program prints "ok N - ..." / "not ok N - ..." lines, then
 * tap_finish() prints the plan and returns the exit status.
 */
#ifndef PE_TEST_TAP_H
#define PE_TEST_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int	tap_count = 0;
static int	tap_failed = 0;

static bool
ok(bool cond, const char *fmt,...)
{
	va_list		ap;
	char		desc[512];

	tap_count++;
	if (!cond)
		tap_failed++;
	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	/* A TAP description is one line and must not look like a directive. */
	for (char *p = desc; *p; p++)
	{
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
		else if (*p == '#')
			*p = '_';
	}
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_count, desc);
	fflush(stdout);
	return cond;
}

static void
diag(const char *fmt,...)
{
	va_list		ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Print the plan; the exit status is 1 if any assertion failed. */
static int
tap_finish(void)
{
	printf("1..%d\n", tap_count);
	if (tap_failed > 0)
		diag("%d of %d assertions failed", tap_failed, tap_count);
	return tap_failed > 0 ? 1 : 0;
}

#endif							/* PE_TEST_TAP_H */
