/*
 * fuzz_definitions.c: libFuzzer target for the definition parsers of the
 * pure-C core (src/definitions.c, src/decimal_text.c).
 *
 * Scale and bands definitions are text written by methodology editors
 * (METHODOLOGY §0.8, §2.7), so their parser is the untrusted-input surface
 * of the core. Besides crashes and sanitizer reports, every successful
 * parse is checked against the invariants the rest of the extension relies
 * on; a violation abort()s so libFuzzer records it.
 *
 * Build: clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *            test/unit/fuzz_definitions.c src/decimal_text.c src/definitions.c
 * (see scripts/run-unit-tests.sh). Seed corpus: test/unit/fuzz_corpus/.
 */
#include "pe_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(bool cond, const char *what)
{
	if (!cond)
	{
		fprintf(stderr, "fuzz_definitions: invariant violated: %s\n", what);
		abort();
	}
}

/* Canonical text: [-]digits[.digits], no leading zeros, no trailing fraction zeros, no -0. */
static void
check_canonical(const PeDecimal *d)
{
	const char *t = d->text;
	size_t		len = strnlen(t, sizeof(d->text));
	size_t		i = 0;
	size_t		int_len = 0;
	size_t		frac_len = 0;
	PeDecimal	again;

	check(len > 0 && len <= PE_DECIMAL_MAX_LEN, "decimal text is terminated and within PE_DECIMAL_MAX_LEN");
	if (t[0] == '-')
		i++;
	while (i < len && t[i] >= '0' && t[i] <= '9')
	{
		i++;
		int_len++;
	}
	check(int_len > 0, "decimal text has an integer part");
	check(int_len == 1 || t[i - int_len] != '0', "decimal text has no leading zeros");
	if (i < len && t[i] == '.')
	{
		i++;
		while (i < len && t[i] >= '0' && t[i] <= '9')
		{
			i++;
			frac_len++;
		}
		check(frac_len > 0 && t[i - 1] != '0', "decimal fraction is non-empty without trailing zeros");
	}
	check(i == len, "decimal text is only [-]digits[.digits]");
	check(strcmp(t, "-0") != 0, "decimal text is never -0");

	/* It re-parses to itself and compares equal to itself. */
	check(pe_decimal_parse(t, len, &again), "canonical decimal text re-parses");
	check(strcmp(again.text, t) == 0, "canonical decimal text re-parses to itself");
	check(pe_decimal_compare(d, &again) == 0, "a decimal compares equal to its re-parse");
}

static void
check_message(const char *err)
{
	size_t		len = strnlen(err, PE_ERROR_MAX_LEN);

	check(len > 0 && len < PE_ERROR_MAX_LEN, "a rejection writes a terminated, non-empty message");
	check(err[len - 1] != '.', "a rejection message has no final period");
	for (size_t i = 0; i < len; i++)
		check(!(err[i] >= 'A' && err[i] <= 'Z'), "a rejection message is lower-case");
}

static void
fuzz_decimal(const uint8_t *data, size_t size)
{
	PeDecimal	d;
	PeDecimal	longer;

	/* On the raw bytes, with no NUL terminator: ASan catches reads past size. */
	if (!pe_decimal_parse((const char *) data, size, &d))
		return;
	check(size > 0, "an empty literal is never accepted");
	check_canonical(&d);
	/* Exact comparison is a total order consistent with itself. */
	check(pe_decimal_compare(&d, &d) == 0, "compare(d, d) == 0");
	check(pe_decimal_parse("0.5", 3, &longer), "0.5 parses");
	{
		int			ab = pe_decimal_compare(&d, &longer);
		int			ba = pe_decimal_compare(&longer, &d);

		check((ab > 0) == (ba < 0) && (ab == 0) == (ba == 0), "compare is antisymmetric");
	}
}

static void
fuzz_scale(const char *text)
{
	PeScale		s;
	char		err[PE_ERROR_MAX_LEN];

	memset(err, 0, sizeof(err));
	if (!pe_scale_parse(text, &s, err, sizeof(err)))
	{
		check_message(err);
		return;
	}
	check(s.n >= 2 && s.n <= PE_DEFINITION_MAX_ITEMS, "scale n is in [2, PE_DEFINITION_MAX_ITEMS]");
	for (int i = 0; i < s.n; i++)
	{
		check_canonical(&s.x[i]);
		check_canonical(&s.y[i]);
		if (i > 0)
			check(pe_decimal_compare(&s.x[i - 1], &s.x[i]) < 0, "scale x is strictly increasing");
	}
}

static void
fuzz_bands(const char *text)
{
	PeBands		b;
	char		err[PE_ERROR_MAX_LEN];
	int			best;

	memset(err, 0, sizeof(err));
	if (!pe_bands_parse(text, &b, err, sizeof(err)))
	{
		check_message(err);
		return;
	}
	check(b.n >= 1 && b.n <= PE_DEFINITION_MAX_ITEMS, "bands n is in [1, PE_DEFINITION_MAX_ITEMS]");
	check(b.rule[b.n - 1].op == PE_BAND_ELSE, "the last band rule is else");
	for (int i = 0; i < b.n; i++)
	{
		const PeBandRule *r = &b.rule[i];

		check(r->op >= PE_BAND_LT && r->op <= PE_BAND_ELSE, "band op is valid");
		check(i == b.n - 1 || r->op != PE_BAND_ELSE, "exactly one else rule");
		if (r->op != PE_BAND_ELSE)
			check_canonical(&r->bound);
		switch (r->kind)
		{
			case PE_BAND_VALUE_NUMBER:
				check_canonical(&r->number);
				break;
			case PE_BAND_VALUE_LABEL:
				{
					size_t		len = strnlen(r->label, sizeof(r->label));

					check(len > 0 && len <= PE_LABEL_MAX_LEN, "label is terminated and within PE_LABEL_MAX_LEN");
					check(r->label[0] >= 'a' && r->label[0] <= 'z', "label starts with a lower-case letter");
					break;
				}
			case PE_BAND_VALUE_NULL:
				break;
			default:
				check(false, "band value kind is valid");
		}
		/* §2.7: bounds strictly monotone within one family, so every rule is reachable. */
		if (i > 0 && i < b.n - 1)
		{
			PeBandOp	prev = b.rule[i - 1].op;
			int			cmp = pe_decimal_compare(&b.rule[i - 1].bound, &r->bound);

			if ((prev == PE_BAND_LT || prev == PE_BAND_LE))
				check((r->op == PE_BAND_LT || r->op == PE_BAND_LE) && cmp < 0, "lt/le bounds ascend");
			else if (prev == PE_BAND_GT || prev == PE_BAND_GE)
				check((r->op == PE_BAND_GT || r->op == PE_BAND_GE) && cmp > 0, "gt/ge bounds descend");
			else
				check(r->op == PE_BAND_EQ && cmp != 0, "eq rules stand alone");
		}
	}
	best = pe_bands_max_number_rule(&b);
	check(best >= -1 && best < b.n, "max number rule is in range");
	if (best >= 0)
	{
		check(b.rule[best].kind == PE_BAND_VALUE_NUMBER, "max number rule is numeric");
		for (int i = 0; i < b.n; i++)
			if (b.rule[i].kind == PE_BAND_VALUE_NUMBER)
				check(pe_decimal_compare(&b.rule[i].number, &b.rule[best].number) <= 0,
					  "max number rule holds the largest value");
	}
	else
		for (int i = 0; i < b.n; i++)
			check(b.rule[i].kind != PE_BAND_VALUE_NUMBER, "-1 only when no rule is numeric");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text;

	fuzz_decimal(data, size);

	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	fuzz_scale(text);
	fuzz_bands(text);
	free(text);
	return 0;
}
