/*
 * definitions.c: parser and validator of scale and bands definitions.
 *
 * METHODOLOGY §0.8: scale(x; x1:y1; ...; xn:yn) with n >= 2 and x strictly
 * increasing; bands(x; op b1 => v1; ...; else => v0), op in lt le gt ge eq,
 * first match wins, else required. §2.7 adds that bounds must be strictly
 * monotone in the direction that makes every rule reachable: ge/gt rules
 * descending, le/lt rules ascending.
 *
 * The text comes from methodology editors, so this is the untrusted-input
 * parser fuzzed by test/unit/fuzz_definitions.c.
 */
#include "pe_core.h"

#include <stdio.h>
#include <string.h>

typedef struct Cursor
{
	const char *p;
	const char *end;
} Cursor;

static void
skip_spaces(Cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static bool
is_token_char(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || ch == '_' ||
		ch == '.' || ch == '-' || ch == '+';
}

/* Next run of token characters; empty if none. */
static size_t
take_token(Cursor *c, const char **start)
{
	skip_spaces(c);
	*start = c->p;
	while (c->p < c->end && is_token_char(*c->p))
		c->p++;
	return (size_t) (c->p - *start);
}

static bool
take_literal(Cursor *c, const char *literal)
{
	size_t		len = strlen(literal);

	skip_spaces(c);
	if ((size_t) (c->end - c->p) < len || strncmp(c->p, literal, len) != 0)
		return false;
	c->p += len;
	return true;
}

static bool
at_end(Cursor *c)
{
	skip_spaces(c);
	return c->p >= c->end;
}

/* Writes the message (with its 1-based item, if any) to err and returns false: every parse error is one statement. */
static bool
fail(char *err, size_t errlen, const char *message, int item)
{
	if (err != NULL && errlen > 0)
	{
		if (item > 0)
			snprintf(err, errlen, "%s (item %d)", message, item);
		else
			snprintf(err, errlen, "%s", message);
	}
	return false;
}

/* Both parsers start alike: a missing text or output is an error, else the cursor spans the text. */
static bool
open_cursor(Cursor *c, const char *text, const void *out, const char *missing, char *err, size_t errlen)
{
	if (text == NULL || out == NULL)
		return fail(err, errlen, missing, 0);
	c->p = text;
	c->end = text + strlen(text);
	return true;
}

bool
pe_scale_parse(const char *text, PeScale *out, char *err, size_t errlen)
{
	Cursor		c;

	if (!open_cursor(&c, text, out, "scale definition is missing", err, errlen))
		return false;
	out->n = 0;

	while (!at_end(&c))
	{
		const char *token;
		size_t		len;
		int			item = out->n + 1;

		if (out->n == PE_DEFINITION_MAX_ITEMS)
			return fail(err, errlen, "scale has too many breakpoints", item);
		len = take_token(&c, &token);
		if (!pe_decimal_parse(token, len, &out->x[out->n]))
			return fail(err, errlen, "scale breakpoint x is not a decimal number", item);
		if (!take_literal(&c, ":"))
			return fail(err, errlen, "scale breakpoint must be written x:y", item);
		len = take_token(&c, &token);
		if (!pe_decimal_parse(token, len, &out->y[out->n]))
			return fail(err, errlen, "scale breakpoint y is not a decimal number", item);
		if (out->n > 0 && pe_decimal_compare(&out->x[out->n - 1], &out->x[out->n]) >= 0)
			return fail(err, errlen, "scale breakpoints must have strictly increasing x", item);
		out->n++;
		if (!at_end(&c) && !take_literal(&c, ";"))
			return fail(err, errlen, "scale breakpoints must be separated by ';'", item);
	}
	if (out->n < 2)
		return fail(err, errlen, "scale needs at least two breakpoints", 0);
	return true;
}

static bool
parse_op(const char *token, size_t len, PeBandOp *op)
{
	static const struct
	{
		const char *name;
		PeBandOp	op;
	}			ops[] = {
		{"lt", PE_BAND_LT}, {"le", PE_BAND_LE}, {"gt", PE_BAND_GT},
		{"ge", PE_BAND_GE}, {"eq", PE_BAND_EQ}, {"else", PE_BAND_ELSE}
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
	{
		if (strlen(ops[i].name) == len && strncmp(ops[i].name, token, len) == 0)
		{
			*op = ops[i].op;
			return true;
		}
	}
	return false;
}

static bool
parse_band_value(const char *token, size_t len, PeBandRule *rule)
{
	if (len == 4 && strncmp(token, "null", 4) == 0)
	{
		rule->kind = PE_BAND_VALUE_NULL;
		return true;
	}
	if (pe_decimal_parse(token, len, &rule->number))
	{
		rule->kind = PE_BAND_VALUE_NUMBER;
		return true;
	}
	/* A label: lower-case identifier, e.g. a grade name. */
	if (len == 0 || len > PE_LABEL_MAX_LEN || !(token[0] >= 'a' && token[0] <= 'z'))
		return false;
	for (size_t i = 0; i < len; i++)
	{
		char		ch = token[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
			return false;
	}
	memcpy(rule->label, token, len);
	rule->label[len] = '\0';
	rule->kind = PE_BAND_VALUE_LABEL;
	return true;
}

/* Ascending family: lt/le. Descending family: gt/ge. eq stands alone. */
static int
op_family(PeBandOp op)
{
	switch (op)
	{
		case PE_BAND_LT:
		case PE_BAND_LE:
			return 1;
		case PE_BAND_GT:
		case PE_BAND_GE:
			return -1;
		default:
			return 0;
	}
}

static bool
bands_reachable(const PeBands *bands, char *err, size_t errlen)
{
	int			family = 0;
	int			last = bands->n - 1;	/* the else rule */

	for (int i = 0; i < last; i++)
	{
		int			f = op_family(bands->rule[i].op);

		if (i == 0)
			family = f;
		else if (f != family)
			return fail(err, errlen, "bands must not mix ascending (lt, le), descending (gt, ge) and eq rules", i + 1);
		for (int j = 0; j < i; j++)
		{
			int			cmp = pe_decimal_compare(&bands->rule[j].bound, &bands->rule[i].bound);

			if (family == 1 && cmp >= 0)
				return fail(err, errlen, "lt/le band bounds must be strictly ascending", i + 1);
			if (family == -1 && cmp <= 0)
				return fail(err, errlen, "gt/ge band bounds must be strictly descending", i + 1);
			if (family == 0 && cmp == 0)
				return fail(err, errlen, "eq band bounds must be distinct", i + 1);
		}
	}
	return true;
}

bool
pe_bands_parse(const char *text, PeBands *out, char *err, size_t errlen)
{
	Cursor		c;
	bool		seen_else = false;

	if (!open_cursor(&c, text, out, "bands definition is missing", err, errlen))
		return false;
	out->n = 0;

	while (!at_end(&c))
	{
		const char *token;
		size_t		len;
		int			item = out->n + 1;
		PeBandRule *rule;

		if (seen_else)
			return fail(err, errlen, "the else rule must be the last rule", item);
		if (out->n == PE_DEFINITION_MAX_ITEMS)
			return fail(err, errlen, "bands have too many rules", item);
		rule = &out->rule[out->n];
		memset(rule, 0, sizeof(*rule));

		len = take_token(&c, &token);
		if (!parse_op(token, len, &rule->op))
			return fail(err, errlen, "band rule must start with lt, le, gt, ge, eq or else", item);
		if (rule->op == PE_BAND_ELSE)
			seen_else = true;
		else
		{
			len = take_token(&c, &token);
			if (!pe_decimal_parse(token, len, &rule->bound))
				return fail(err, errlen, "band bound is not a decimal number", item);
		}
		if (!take_literal(&c, "=>"))
			return fail(err, errlen, "band rule must be written 'op bound => value'", item);
		len = take_token(&c, &token);
		if (!parse_band_value(token, len, rule))
			return fail(err, errlen, "band value must be a decimal number, null or a lower-case label", item);
		out->n++;
		if (!at_end(&c) && !take_literal(&c, ";"))
			return fail(err, errlen, "band rules must be separated by ';'", item);
	}
	if (!seen_else)
		return fail(err, errlen, "bands need a final else rule", 0);
	return bands_reachable(out, err, errlen);
}

int
pe_bands_max_number_rule(const PeBands *bands)
{
	int			best = -1;

	for (int i = 0; i < bands->n; i++)
	{
		if (bands->rule[i].kind != PE_BAND_VALUE_NUMBER)
			continue;
		if (best < 0 || pe_decimal_compare(&bands->rule[i].number, &bands->rule[best].number) > 0)
			best = i;
	}
	return best;
}
