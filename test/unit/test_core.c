/*
 * test_core.c: unit tests of the pure-C core of perf_eval (src/pe_core.h).
 *
 * Prints TAP to stdout (one "ok"/"not ok" line per assertion, the plan
 * "1..N" at the end) and exits 1 if any assertion failed. Built and run
 * under AddressSanitizer and UndefinedBehaviorSanitizer by
 * scripts/run-unit-tests.sh. No postgres.h, no external libraries.
 *
 * Semantics under test: METHODOLOGY §0.6 (policies), §0.7 (messages are
 * lower-case without a final period), §0.8 and §2.7 (scale and bands
 * definitions), §7 (exact counters).
 */
#include "pe_core.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */

/* A message as METHODOLOGY §0.7 wants it: non-empty, no upper case, no final period. */
static bool
message_style_ok(const char *msg)
{
	size_t		len = strlen(msg);

	if (len == 0 || msg[len - 1] == '.')
		return false;
	for (size_t i = 0; i < len; i++)
	{
		if (isupper((unsigned char) msg[i]))
			return false;
	}
	return true;
}

/* Parse s (whole string) and expect the canonical text `expected`. */
static void
decimal_is(const char *s, const char *expected)
{
	PeDecimal	d;
	bool		parsed;

	memset(&d, 0x7f, sizeof(d));
	parsed = pe_decimal_parse(s, strlen(s), &d);
	if (!ok(parsed && strcmp(d.text, expected) == 0,
			"decimal \"%s\" canonicalises to \"%s\"", s, expected))
		diag("  parsed=%d text=\"%.*s\"", parsed, PE_DECIMAL_MAX_LEN, parsed ? d.text : "");
}

static void
decimal_rejects(const char *s, const char *why)
{
	PeDecimal	d;

	ok(!pe_decimal_parse(s, strlen(s), &d), "decimal \"%s\" is rejected (%s)", s, why);
}

static PeDecimal
dec(const char *s)
{
	PeDecimal	d;

	if (!pe_decimal_parse(s, strlen(s), &d))
	{
		fprintf(stderr, "test setup: cannot parse decimal \"%s\"\n", s);
		exit(2);
	}
	return d;
}

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Expect compare(a, b) to have sign `expected` and compare(b, a) the opposite. */
static void
compare_is(const char *a, const char *b, int expected)
{
	PeDecimal	da = dec(a);
	PeDecimal	db = dec(b);
	int			ab = sign(pe_decimal_compare(&da, &db));
	int			ba = sign(pe_decimal_compare(&db, &da));

	if (!ok(ab == expected && ba == -expected, "%s %s %s (and the reverse comparison agrees)",
			a, expected < 0 ? "<" : expected > 0 ? ">" : "==", b))
		diag("  compare(a,b)=%d compare(b,a)=%d", ab, ba);
}

/* Expect a scale to parse with the given breakpoints ("x:y" canonical texts). */
static void
scale_is(const char *text, int n, const char *const *xy)
{
	PeScale		s;
	char		err[PE_ERROR_MAX_LEN] = "";
	bool		parsed = pe_scale_parse(text, &s, err, sizeof(err));
	bool		same = parsed && s.n == n;

	for (int i = 0; same && i < n; i++)
		same = strcmp(s.x[i].text, xy[2 * i]) == 0 && strcmp(s.y[i].text, xy[2 * i + 1]) == 0;
	if (!ok(same, "scale \"%s\" parses to %d breakpoints with the right x and y", text, n))
		diag("  parsed=%d n=%d err=\"%s\"", parsed, parsed ? s.n : -1, err);
}

/* Expect a scale to be rejected with a message containing `fragment`. */
static void
scale_rejects(const char *text, const char *fragment, const char *why)
{
	PeScale		s;
	char		err[PE_ERROR_MAX_LEN] = "";
	bool		parsed = pe_scale_parse(text, &s, err, sizeof(err));

	if (!ok(!parsed && strstr(err, fragment) != NULL && message_style_ok(err),
			"scale \"%s\" is rejected (%s) with a lower-case message naming \"%s\"",
			text, why, fragment))
		diag("  parsed=%d err=\"%s\"", parsed, err);
}

static void
bands_rejects(const char *text, const char *fragment, const char *why)
{
	PeBands		b;
	char		err[PE_ERROR_MAX_LEN] = "";
	bool		parsed = pe_bands_parse(text, &b, err, sizeof(err));

	if (!ok(!parsed && strstr(err, fragment) != NULL && message_style_ok(err),
			"bands \"%s\" are rejected (%s) with a lower-case message naming \"%s\"",
			text, why, fragment))
		diag("  parsed=%d err=\"%s\"", parsed, err);
}

/* One expected rule: op, bound (NULL for else), kind, value text (number or label). */
typedef struct ExpectedRule
{
	PeBandOp	op;
	const char *bound;
	PeBandValueKind kind;
	const char *value;
} ExpectedRule;

static bool
rule_matches(const PeBandRule *r, const ExpectedRule *e)
{
	if (r->op != e->op || r->kind != e->kind)
		return false;
	if (e->op != PE_BAND_ELSE && strcmp(r->bound.text, e->bound) != 0)
		return false;
	if (e->kind == PE_BAND_VALUE_NUMBER && strcmp(r->number.text, e->value) != 0)
		return false;
	if (e->kind == PE_BAND_VALUE_LABEL && strcmp(r->label, e->value) != 0)
		return false;
	return true;
}

static void
bands_are(const char *text, int n, const ExpectedRule *expected, PeBands *out)
{
	char		err[PE_ERROR_MAX_LEN] = "";
	bool		parsed = pe_bands_parse(text, out, err, sizeof(err));
	bool		same = parsed && out->n == n;
	int			bad = -1;

	for (int i = 0; same && i < n; i++)
	{
		if (!rule_matches(&out->rule[i], &expected[i]))
		{
			same = false;
			bad = i;
		}
	}
	if (!ok(same, "bands \"%s\" parse to %d rules with the right ops, bounds and values", text, n))
		diag("  parsed=%d n=%d first bad rule=%d err=\"%s\"", parsed, parsed ? out->n : -1, bad, err);
}

/* ---------------------------------------------------------------------
 * Decimal literals
 * ------------------------------------------------------------------- */
static void
test_decimal_parse(void)
{
	char		buf[128];
	PeDecimal	d;

	decimal_is("007", "7");
	decimal_is("90.000", "90");
	decimal_is("-0", "0");
	decimal_is(".5", "0.5");
	decimal_is("5.", "5");
	decimal_is("+3", "3");

	decimal_rejects("", "empty");
	decimal_rejects("-", "sign only");
	decimal_rejects(".", "point only");
	decimal_rejects("1e5", "exponent");
	decimal_rejects("1.2.3", "two points");
	decimal_rejects("abc", "letters");

	/* 40 significant characters fit, 41 do not. */
	memset(buf, '9', PE_DECIMAL_MAX_LEN);
	buf[PE_DECIMAL_MAX_LEN] = '\0';
	ok(pe_decimal_parse(buf, strlen(buf), &d) && strcmp(d.text, buf) == 0,
	   "a %d-digit literal (PE_DECIMAL_MAX_LEN) is accepted unchanged", PE_DECIMAL_MAX_LEN);
	memset(buf, '9', PE_DECIMAL_MAX_LEN + 1);
	buf[PE_DECIMAL_MAX_LEN + 1] = '\0';
	ok(!pe_decimal_parse(buf, strlen(buf), &d),
	   "a %d-digit literal (over PE_DECIMAL_MAX_LEN) is rejected", PE_DECIMAL_MAX_LEN + 1);
	strcpy(buf, "0.");
	memset(buf + 2, '1', 60);
	buf[62] = '\0';
	ok(!pe_decimal_parse(buf, strlen(buf), &d), "a literal with a 60-digit fraction is rejected");

	/* len is honoured: only s[0..len) is read. */
	ok(pe_decimal_parse("12.5xyz", 4, &d) && strcmp(d.text, "12.5") == 0,
	   "parsing the 4-byte prefix of \"12.5xyz\" gives 12.5");
	ok(pe_decimal_parse("90:1", 2, &d) && strcmp(d.text, "90") == 0,
	   "parsing the 2-byte prefix of \"90:1\" gives 90");
	ok(!pe_decimal_parse("5", 0, &d), "a zero-length prefix is rejected");
	{
		/* A buffer with no NUL terminator: ASan would catch a read past len. */
		char	   *raw = malloc(3);

		memcpy(raw, "123", 3);
		ok(pe_decimal_parse(raw, 3, &d) && strcmp(d.text, "123") == 0,
		   "a buffer without a NUL terminator is parsed within len");
		free(raw);
	}
}

static void
test_decimal_compare(void)
{
	compare_is("89.99", "90", -1);
	compare_is("90", "90.000", 0);
	compare_is("-1", "0.5", -1);
	compare_is("-2", "-1.5", -1);
	compare_is("0.1", "0.10001", -1);
	compare_is("100", "99.999", 1);
	compare_is("007.50", "7.5", 0);
	compare_is("-0", "0", 0);
}

/* ---------------------------------------------------------------------
 * Scale definitions (§0.8, §2.7)
 * ------------------------------------------------------------------- */
static void
test_scale_parse(void)
{
	static const char *const s1[] = {"50", "0", "90", "1"};
	static const char *const s2[] = {"0", "1", "10", "0"};
	static const char *const s3[] = {"0", "0", "50", "0.5", "100", "1"};
	char		text[1024];
	char		err[PE_ERROR_MAX_LEN];
	PeScale		s;
	size_t		pos;

	scale_is("50:0;90:1", 2, s1);
	scale_is("0:1;10:0", 2, s2);
	scale_is("0:0;50:0.5;100:1", 3, s3);
	scale_is("50 : 0 ; 90 : 1", 2, s1);
	/* Decided by the implementation: one trailing ';' is a separator with nothing after it. */
	scale_is("50:0;90:1;", 2, s1);

	scale_rejects("50:0", "at least two breakpoints", "one breakpoint");
	scale_rejects("10:0;0:1", "strictly increasing", "decreasing x");
	scale_rejects("5:0;5:1", "strictly increasing", "equal x");
	scale_rejects("5:0;5.000:1", "strictly increasing", "equal x spelt differently");
	scale_rejects("", "at least two breakpoints", "empty string");
	scale_rejects("garbage", "not a decimal number", "garbage");
	scale_rejects("50 0; 90 1", "x:y", "missing ':'");
	scale_rejects("50:0 90:1", "separated by ';'", "missing ';'");
	scale_rejects("50:;90:1", "y is not a decimal number", "missing y");
	scale_rejects("50:0;;90:1", "x is not a decimal number", "empty item between separators");

	ok(!pe_scale_parse("0:0;10:1;5:2", &s, err, sizeof(err)) && strstr(err, "(item 3)") != NULL,
	   "a scale error names the offending item (item 3)");
	ok(!pe_scale_parse(NULL, &s, err, sizeof(err)) && message_style_ok(err),
	   "a NULL scale definition is rejected with a message");

	/* PE_DEFINITION_MAX_ITEMS breakpoints fit; one more does not. */
	pos = 0;
	for (int i = 0; i < PE_DEFINITION_MAX_ITEMS; i++)
		pos += (size_t) snprintf(text + pos, sizeof(text) - pos, "%s%d:%d", i ? ";" : "", i, i % 2);
	ok(pe_scale_parse(text, &s, err, sizeof(err)) && s.n == PE_DEFINITION_MAX_ITEMS,
	   "a scale of exactly %d breakpoints is accepted", PE_DEFINITION_MAX_ITEMS);
	snprintf(text + pos, sizeof(text) - pos, ";%d:0", PE_DEFINITION_MAX_ITEMS);
	ok(!pe_scale_parse(text, &s, err, sizeof(err)) && strstr(err, "too many breakpoints") != NULL &&
	   message_style_ok(err),
	   "a scale of %d breakpoints is rejected as too many", PE_DEFINITION_MAX_ITEMS + 1);
}

/* ---------------------------------------------------------------------
 * Bands definitions (§0.8, §2.7)
 * ------------------------------------------------------------------- */
#define R4_BANDS "ge 90 => 10; ge 80 => 8; ge 70 => 6; ge 60 => 4; ge 50 => 1; else => 0"
#define GRADE_BANDS "eq 5 => excellent; eq 4 => effective; eq 3 => satisfactory; else => unsatisfactory"

static void
test_bands_parse(void)
{
	static const ExpectedRule r4[] = {
		{PE_BAND_GE, "90", PE_BAND_VALUE_NUMBER, "10"},
		{PE_BAND_GE, "80", PE_BAND_VALUE_NUMBER, "8"},
		{PE_BAND_GE, "70", PE_BAND_VALUE_NUMBER, "6"},
		{PE_BAND_GE, "60", PE_BAND_VALUE_NUMBER, "4"},
		{PE_BAND_GE, "50", PE_BAND_VALUE_NUMBER, "1"},
		{PE_BAND_ELSE, NULL, PE_BAND_VALUE_NUMBER, "0"},
	};
	static const ExpectedRule violations[] = {
		{PE_BAND_LE, "5", PE_BAND_VALUE_NUMBER, "6"},
		{PE_BAND_LT, "10", PE_BAND_VALUE_NUMBER, "3"},
		{PE_BAND_LT, "15", PE_BAND_VALUE_NUMBER, "1"},
		{PE_BAND_ELSE, NULL, PE_BAND_VALUE_NUMBER, "0"},
	};
	static const ExpectedRule tiers[] = {
		{PE_BAND_GE, "5000", PE_BAND_VALUE_NUMBER, "1000"},
		{PE_BAND_GE, "1000", PE_BAND_VALUE_NUMBER, "100"},
		{PE_BAND_GE, "10", PE_BAND_VALUE_NUMBER, "10"},
		{PE_BAND_ELSE, NULL, PE_BAND_VALUE_NULL, NULL},
	};
	static const ExpectedRule grades[] = {
		{PE_BAND_EQ, "5", PE_BAND_VALUE_LABEL, "excellent"},
		{PE_BAND_EQ, "4", PE_BAND_VALUE_LABEL, "effective"},
		{PE_BAND_EQ, "3", PE_BAND_VALUE_LABEL, "satisfactory"},
		{PE_BAND_ELSE, NULL, PE_BAND_VALUE_LABEL, "unsatisfactory"},
	};
	static const ExpectedRule gate[] = {
		{PE_BAND_LT, "75", PE_BAND_VALUE_NUMBER, "0"},
		{PE_BAND_LT, "100", PE_BAND_VALUE_NUMBER, "0.5"},
		{PE_BAND_ELSE, NULL, PE_BAND_VALUE_NUMBER, "1"},
	};
	static const ExpectedRule ppb[] = {
		{PE_BAND_GT, "3", PE_BAND_VALUE_NUMBER, "1.2"},
		{PE_BAND_ELSE, NULL, PE_BAND_VALUE_NUMBER, "1"},
	};
	PeBands		b;
	char		text[2048];
	char		err[PE_ERROR_MAX_LEN];
	size_t		pos;

	bands_are(R4_BANDS, 6, r4, &b);
	ok(pe_bands_max_number_rule(&b) == 0 && strcmp(b.rule[0].number.text, "10") == 0,
	   "the largest numeric value of the R4 bands is rule 0 (value 10)");
	bands_are("le 5 => 6; lt 10 => 3; lt 15 => 1; else => 0", 4, violations, &b);
	bands_are("ge 5000 => 1000; ge 1000 => 100; ge 10 => 10; else => null", 4, tiers, &b);
	ok(pe_bands_max_number_rule(&b) == 0,
	   "the largest numeric value of the R2 tiers is rule 0 (1000), the null else is skipped");
	bands_are(GRADE_BANDS, 4, grades, &b);
	ok(pe_bands_max_number_rule(&b) == -1, "label-only bands have no numeric rule (-1)");
	bands_are("lt 75 => 0; lt 100 => 0.5; else => 1", 3, gate, &b);
	ok(pe_bands_max_number_rule(&b) == 2, "the largest numeric value of the plan gate is the else rule (1)");
	bands_are("gt 3 => 1.2; else => 1", 2, ppb, &b);
	ok(pe_bands_max_number_rule(&b) == 0, "1.2 beats 1 in the participatory-budget bands");
	bands_are("  ge 90=>10;else=>0  ", 2, (const ExpectedRule[]) {
		{PE_BAND_GE, "90", PE_BAND_VALUE_NUMBER, "10"},
		{PE_BAND_ELSE, NULL, PE_BAND_VALUE_NUMBER, "0"}}, &b);
	ok(pe_bands_parse("ge 2 => 5; ge 1 => 7.50; else => 7.5", &b, err, sizeof(err)) &&
	   pe_bands_max_number_rule(&b) == 1,
	   "on a tie of the largest value (7.50 and 7.5) the first such rule is returned");

	bands_rejects("ge 90 => 10; ge 80 => 8", "final else", "no else");
	bands_rejects("else => 0; ge 90 => 10", "else rule must be the last", "else not last");
	bands_rejects("else => 0; else => 1", "else rule must be the last", "two else rules");
	bands_rejects("gte 90 => 10; else => 0", "must start with lt, le, gt, ge, eq or else", "unknown op");
	bands_rejects("ge 50 => 1; ge 90 => 10; else => 0", "strictly descending", "ascending ge bounds");
	bands_rejects("ge 90 => 1; gt 90 => 2; else => 0", "strictly descending", "equal ge/gt bounds");
	bands_rejects("lt 15 => 1; lt 10 => 3; else => 0", "strictly ascending", "descending lt bounds");
	bands_rejects("ge 90 => 10; lt 10 => 0; else => 1", "must not mix", "ge mixed with lt");
	bands_rejects("eq 5 => excellent; ge 3 => effective; else => unsatisfactory", "must not mix",
				  "eq mixed with ge");
	bands_rejects("eq 5 => a; eq 4 => b; eq 5.0 => c; else => d", "distinct", "duplicate eq bounds");
	bands_rejects("eq 5 => Excellent; else => unsatisfactory", "band value", "upper-case label");
	bands_rejects("ge 90 => 1e3; else => 0", "band value", "exponent value");
	bands_rejects("ge 90 => 5x; ge 80 => 8; else => 0", "band value", "label starting with a digit");
	bands_rejects("ge 90 10; else => 0", "op bound => value", "missing =>");
	bands_rejects("ge => 10; else => 0", "bound is not a decimal number", "missing bound");
	bands_rejects("ge 90 => 10 ge 80 => 8; else => 0", "separated by ';'", "missing ';'");

	/* Labels: PE_LABEL_MAX_LEN characters fit, one more does not. */
	memset(text, 0, sizeof(text));
	strcpy(text, "else => ");
	memset(text + strlen(text), 'a', PE_LABEL_MAX_LEN);
	ok(pe_bands_parse(text, &b, err, sizeof(err)) && b.rule[0].kind == PE_BAND_VALUE_LABEL &&
	   strlen(b.rule[0].label) == PE_LABEL_MAX_LEN,
	   "a label of %d characters (PE_LABEL_MAX_LEN) is accepted", PE_LABEL_MAX_LEN);
	strcat(text, "a");
	ok(!pe_bands_parse(text, &b, err, sizeof(err)) && message_style_ok(err),
	   "a label of %d characters is rejected", PE_LABEL_MAX_LEN + 1);

	ok(!pe_bands_parse("ge 3 => 1; ge 2 => 2; ge 5 => 3; else => 0", &b, err, sizeof(err)) &&
	   strstr(err, "(item 3)") != NULL,
	   "a bands error names the offending item (item 3)");

	/* PE_DEFINITION_MAX_ITEMS rules fit (31 + else); one more does not. */
	pos = 0;
	for (int i = 0; i < PE_DEFINITION_MAX_ITEMS - 1; i++)
		pos += (size_t) snprintf(text + pos, sizeof(text) - pos, "lt %d => %d; ", i + 1, i);
	snprintf(text + pos, sizeof(text) - pos, "else => 99");
	ok(pe_bands_parse(text, &b, err, sizeof(err)) && b.n == PE_DEFINITION_MAX_ITEMS &&
	   b.rule[b.n - 1].op == PE_BAND_ELSE,
	   "bands of exactly %d rules are accepted", PE_DEFINITION_MAX_ITEMS);
	snprintf(text + pos, sizeof(text) - pos, "lt 1000 => 1; else => 99");
	ok(!pe_bands_parse(text, &b, err, sizeof(err)) && strstr(err, "too many rules") != NULL &&
	   message_style_ok(err),
	   "bands of %d rules are rejected as too many", PE_DEFINITION_MAX_ITEMS + 1);
}

/* ---------------------------------------------------------------------
 * Policies (§0.6)
 * ------------------------------------------------------------------- */
static void
test_policies(void)
{
	PeClampPolicy c;
	PeZeroVolumePolicy z;

	c = (PeClampPolicy) 99;
	ok(pe_clamp_policy_parse("none", &c) && c == PE_CLAMP_NONE, "clamp policy \"none\" is known");
	c = (PeClampPolicy) 99;
	ok(pe_clamp_policy_parse("floor0", &c) && c == PE_CLAMP_FLOOR0, "clamp policy \"floor0\" is known");
	c = (PeClampPolicy) 99;
	ok(pe_clamp_policy_parse("floor0_capk", &c) && c == PE_CLAMP_FLOOR0_CAPK,
	   "clamp policy \"floor0_capk\" is known");
	c = PE_CLAMP_FLOOR0;
	ok(!pe_clamp_policy_parse("floor1", &c) && c == PE_CLAMP_FLOOR0,
	   "clamp policy \"floor1\" is unknown and leaves the output alone");
	ok(!pe_clamp_policy_parse("zero", &c), "clamp policy \"zero\" is unknown");
	ok(!pe_clamp_policy_parse("", &c), "clamp policy \"\" is unknown");
	ok(!pe_clamp_policy_parse("NONE", &c), "clamp policy \"NONE\" is unknown (names are case-sensitive)");
	ok(!pe_clamp_policy_parse(NULL, &c), "a NULL clamp policy name is rejected");

	z = (PeZeroVolumePolicy) 99;
	ok(pe_zero_volume_policy_parse("null", &z) && z == PE_ZERO_VOLUME_NULL, "zero-volume policy \"null\" is known");
	z = (PeZeroVolumePolicy) 99;
	ok(pe_zero_volume_policy_parse("full_points", &z) && z == PE_ZERO_VOLUME_FULL_POINTS,
	   "zero-volume policy \"full_points\" is known");
	z = PE_ZERO_VOLUME_FULL_POINTS;
	ok(!pe_zero_volume_policy_parse("zero", &z) && z == PE_ZERO_VOLUME_FULL_POINTS,
	   "zero-volume policy \"zero\" is unknown and leaves the output alone");
	ok(!pe_zero_volume_policy_parse("NULL", &z), "zero-volume policy \"NULL\" is unknown (names are case-sensitive)");
	ok(!pe_zero_volume_policy_parse(NULL, &z), "a NULL zero-volume policy name is rejected");
}

/* ---------------------------------------------------------------------
 * Exact counters (§7)
 * ------------------------------------------------------------------- */
static bool
counters_equal(const int64_t *a, const int64_t *b, int n)
{
	return memcmp(a, b, sizeof(int64_t) * (size_t) n) == 0;
}

static void
test_counters(void)
{
	int64_t		into[PE_MAX_COUNTERS];
	int64_t		from[PE_MAX_COUNTERS];
	int64_t		saved[PE_MAX_COUNTERS];
	int64_t		decoded[PE_MAX_COUNTERS];
	unsigned char bytes[PE_MAX_COUNTERS * 8 + 1];

	/* merge */
	for (int i = 0; i < PE_MAX_COUNTERS; i++)
	{
		into[i] = 10 * i;
		from[i] = i + 1;
	}
	ok(pe_counters_merge(into, from, PE_MAX_COUNTERS) && into[0] == 1 && into[3] == 34 && into[7] == 78,
	   "merging adds counter by counter");
	{
		int64_t		a[3] = {1, 2, 3}, b[3] = {40, 50, 60}, c[3] = {700, 800, 900};
		int64_t		ab_c[3], a_bc[3], bc[3];

		memcpy(ab_c, a, sizeof(a));
		pe_counters_merge(ab_c, b, 3);
		pe_counters_merge(ab_c, c, 3);
		memcpy(bc, b, sizeof(b));
		pe_counters_merge(bc, c, 3);
		memcpy(a_bc, a, sizeof(a));
		pe_counters_merge(a_bc, bc, 3);
		ok(counters_equal(ab_c, a_bc, 3) && ab_c[2] == 963,
		   "merging is associative: (a+b)+c == a+(b+c)");
	}
	into[0] = INT64_MAX - 1;
	into[1] = 5;
	from[0] = 1;
	from[1] = 7;
	ok(pe_counters_merge(into, from, 2) && into[0] == INT64_MAX && into[1] == 12,
	   "merging up to exactly INT64_MAX succeeds");
	into[0] = 1;
	into[1] = 3;
	into[2] = INT64_MAX;
	from[0] = 2;
	from[1] = 1;
	from[2] = 1;
	memcpy(saved, into, sizeof(into));
	ok(!pe_counters_merge(into, from, 3) && counters_equal(into, saved, PE_MAX_COUNTERS),
	   "an overflow in the last counter fails and leaves every counter of into unchanged");
	into[0] = INT64_MAX;
	into[1] = 0;
	from[0] = INT64_MAX;
	from[1] = 1;
	memcpy(saved, into, sizeof(into));
	ok(!pe_counters_merge(into, from, 2) && counters_equal(into, saved, PE_MAX_COUNTERS),
	   "INT64_MAX + INT64_MAX fails and leaves into unchanged");
	ok(!pe_counters_merge(into, from, PE_MAX_COUNTERS + 1) && counters_equal(into, saved, PE_MAX_COUNTERS),
	   "merging more than PE_MAX_COUNTERS counters is refused");

	/* encode / decode */
	{
		int64_t		v[4] = {0, 1, 0x0102030405060708LL, INT64_MAX};
		static const unsigned char expect1[8] = {0, 0, 0, 0, 0, 0, 0, 1};
		static const unsigned char expect2[8] = {1, 2, 3, 4, 5, 6, 7, 8};

		memset(bytes, 0xee, sizeof(bytes));
		pe_counters_encode(v, 4, bytes);
		ok(memcmp(bytes + 8, expect1, 8) == 0 && memcmp(bytes + 16, expect2, 8) == 0 &&
		   bytes[24] == 0x7f && bytes[31] == 0xff,
		   "encoding is 8-byte big-endian per counter");
		memset(decoded, 0, sizeof(decoded));
		ok(pe_counters_decode(bytes, 32, decoded, 4) && counters_equal(decoded, v, 4),
		   "decode(encode(x)) == x, including 0 and INT64_MAX");
		ok(!pe_counters_decode(bytes, 31, decoded, 4), "decoding 31 bytes for 4 counters is refused");
		ok(!pe_counters_decode(bytes, 0, decoded, 1), "decoding 0 bytes for 1 counter is refused");
		bytes[8] = 0x80;
		ok(!pe_counters_decode(bytes, 32, decoded, 4), "a counter with the high bit set (negative) is refused");
	}

	/* pe_complaint_count_row */
	{
		int64_t		t[PE_COMPLAINT_NCOUNTERS] = {0};
		int64_t		before[PE_COMPLAINT_NCOUNTERS];

		pe_complaint_count_row(t, false, false, false, false, false);
		ok(t[PE_COMPLAINT_CONSIDERED] == 1 && t[PE_COMPLAINT_LATE] == 0 && t[PE_COMPLAINT_LATE_DISCIPLINED] == 0,
		   "a clean row counts once in considered and nowhere else");
		pe_complaint_count_row(t, false, false, false, false, true);
		ok(t[PE_COMPLAINT_CONSIDERED] == 2 && t[PE_COMPLAINT_LATE_DISCIPLINED] == 0,
		   "a disciplined row that is not late does not count in late_disciplined");
		pe_complaint_count_row(t, true, false, false, false, false);
		ok(t[PE_COMPLAINT_LATE] == 1 && t[PE_COMPLAINT_LATE_DISCIPLINED] == 0,
		   "a late row without disciplinary action counts in late only");
		pe_complaint_count_row(t, true, false, false, false, true);
		ok(t[PE_COMPLAINT_LATE] == 2 && t[PE_COMPLAINT_LATE_DISCIPLINED] == 1,
		   "a late and disciplined row counts in late and late_disciplined");
		pe_complaint_count_row(t, false, true, true, true, false);
		ok(t[PE_COMPLAINT_CONSIDERED] == 5 && t[PE_COMPLAINT_COURT_SATISFIED] == 1 &&
		   t[PE_COMPLAINT_HIGHER_AUTHORITY_SATISFIED] == 1 && t[PE_COMPLAINT_REPEATED_SATISFIED] == 1 &&
		   t[PE_COMPLAINT_LATE] == 2,
		   "court, higher-authority and repeated flags each count once");
		ok(pe_complaint_tally_inconsistency(t) == -1, "a tally built by count_row is consistent");

		t[PE_COMPLAINT_CONSIDERED] = INT64_MAX;
		memcpy(before, t, sizeof(t));
		ok(!pe_complaint_count_row(t, true, true, true, true, true) && counters_equal(t, before, PE_COMPLAINT_NCOUNTERS),
		   "counting a row when considered is INT64_MAX fails and changes nothing");
	}

	/* pe_complaint_tally_inconsistency */
	{
		int64_t		t[PE_COMPLAINT_NCOUNTERS];
		static const int64_t good[PE_COMPLAINT_NCOUNTERS] = {100, 10, 3, 4, 5, 10};

		ok(pe_complaint_tally_inconsistency(good) == -1, "a tally with every part <= considered and d <= f is consistent");
		memcpy(t, good, sizeof(t));
		t[PE_COMPLAINT_LATE] = 101;
		t[PE_COMPLAINT_LATE_DISCIPLINED] = 0;
		ok(pe_complaint_tally_inconsistency(t) == PE_COMPLAINT_LATE, "late > considered is reported as late");
		memcpy(t, good, sizeof(t));
		t[PE_COMPLAINT_COURT_SATISFIED] = 101;
		ok(pe_complaint_tally_inconsistency(t) == PE_COMPLAINT_COURT_SATISFIED,
		   "court_satisfied > considered is reported as court_satisfied");
		memcpy(t, good, sizeof(t));
		t[PE_COMPLAINT_HIGHER_AUTHORITY_SATISFIED] = 101;
		ok(pe_complaint_tally_inconsistency(t) == PE_COMPLAINT_HIGHER_AUTHORITY_SATISFIED,
		   "higher_authority_satisfied > considered is reported");
		memcpy(t, good, sizeof(t));
		t[PE_COMPLAINT_REPEATED_SATISFIED] = 101;
		ok(pe_complaint_tally_inconsistency(t) == PE_COMPLAINT_REPEATED_SATISFIED,
		   "repeated_satisfied > considered is reported");
		memcpy(t, good, sizeof(t));
		t[PE_COMPLAINT_LATE_DISCIPLINED] = 11;
		ok(pe_complaint_tally_inconsistency(t) == PE_COMPLAINT_LATE_DISCIPLINED,
		   "late_disciplined > late (but <= considered) is reported as late_disciplined");
		memcpy(t, good, sizeof(t));
		t[PE_COMPLAINT_CONSIDERED] = -1;
		ok(pe_complaint_tally_inconsistency(t) == PE_COMPLAINT_CONSIDERED, "a negative considered is reported");
		memcpy(t, good, sizeof(t));
		t[PE_COMPLAINT_REPEATED_SATISFIED] = -5;
		ok(pe_complaint_tally_inconsistency(t) == PE_COMPLAINT_REPEATED_SATISFIED,
		   "a negative part is reported even though it is <= considered");
		memcpy(t, good, sizeof(t));
		t[PE_COMPLAINT_COURT_SATISFIED] = 100;
		t[PE_COMPLAINT_LATE] = 100;
		ok(pe_complaint_tally_inconsistency(t) == -1, "parts equal to considered are consistent");
	}

	/* pe_indicator_tally_inconsistency */
	{
		int64_t		t[PE_INDICATOR_NCOUNTERS];
		static const int64_t good[PE_INDICATOR_NCOUNTERS] = {10, 4, 3, 2, 1, 2, 1, 10};

		ok(pe_indicator_tally_inconsistency(good) == -1, "statuses adding up to indicators, flags <= indicators is consistent");
		memcpy(t, good, sizeof(t));
		t[PE_INDICATOR_PARTIAL] = -1;
		ok(pe_indicator_tally_inconsistency(t) == PE_INDICATOR_PARTIAL, "a negative status count is reported");
		memcpy(t, good, sizeof(t));
		t[PE_INDICATOR_INDICATORS] = 11;
		ok(pe_indicator_tally_inconsistency(t) == PE_INDICATOR_INDICATORS,
		   "statuses not adding up to indicators are reported as indicators");
		memcpy(t, good, sizeof(t));
		t[PE_INDICATOR_ACHIEVED] = INT64_MAX;
		t[PE_INDICATOR_PARTIAL] = INT64_MAX;
		ok(pe_indicator_tally_inconsistency(t) == PE_INDICATOR_INDICATORS,
		   "statuses whose sum overflows are reported, not wrapped");
		memcpy(t, good, sizeof(t));
		t[PE_INDICATOR_PLAN_LOWERED] = 11;
		ok(pe_indicator_tally_inconsistency(t) == PE_INDICATOR_PLAN_LOWERED, "a flag > indicators is reported");
	}
}

int
main(void)
{
	test_decimal_parse();
	test_decimal_compare();
	test_scale_parse();
	test_bands_parse();
	test_policies();
	test_counters();

	return tap_finish();
}
