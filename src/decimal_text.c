/*
 * decimal_text.c: exact decimal literals for methodology definitions.
 *
 * Breakpoints and band bounds are compared here to validate a definition
 * (METHODOLOGY §0.8, §2.7: "x strictly increasing", monotone bounds). The
 * comparison is on digits, never on a binary float, so 89.99 < 90 is exact.
 */
#include "pe_core.h"

#include <string.h>

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
pe_decimal_parse(const char *s, size_t len, PeDecimal *out)
{
	size_t		i = 0;
	bool		negative = false;
	const char *int_start;
	size_t		int_len = 0;
	const char *frac_start = NULL;
	size_t		frac_len = 0;
	size_t		pos = 0;

	if (s == NULL || out == NULL || len == 0)
		return false;
	if (s[0] == '+' || s[0] == '-')
	{
		negative = (s[0] == '-');
		i = 1;
	}
	int_start = s + i;
	while (i < len && is_digit(s[i]))
	{
		i++;
		int_len++;
	}
	if (i < len && s[i] == '.')
	{
		i++;
		frac_start = s + i;
		while (i < len && is_digit(s[i]))
		{
			i++;
			frac_len++;
		}
	}
	if (i != len || (int_len == 0 && frac_len == 0))
		return false;

	/* Canonical form: no leading zeros, no trailing fraction zeros. */
	while (int_len > 1 && int_start[0] == '0')
	{
		int_start++;
		int_len--;
	}
	while (frac_len > 0 && frac_start[frac_len - 1] == '0')
		frac_len--;
	if (int_len == 0)
	{
		int_start = "0";
		int_len = 1;
	}
	if (int_len == 1 && int_start[0] == '0' && frac_len == 0)
		negative = false;		/* -0 is 0 */

	if ((negative ? 1 : 0) + int_len + (frac_len ? 1 + frac_len : 0) > PE_DECIMAL_MAX_LEN)
		return false;

	if (negative)
		out->text[pos++] = '-';
	memcpy(out->text + pos, int_start, int_len);
	pos += int_len;
	if (frac_len > 0)
	{
		out->text[pos++] = '.';
		memcpy(out->text + pos, frac_start, frac_len);
		pos += frac_len;
	}
	out->text[pos] = '\0';
	return true;
}

/* Compare two canonical non-negative magnitudes. */
static int
compare_magnitude(const char *a, const char *b)
{
	const char *a_point = strchr(a, '.');
	const char *b_point = strchr(b, '.');
	size_t		a_int = a_point ? (size_t) (a_point - a) : strlen(a);
	size_t		b_int = b_point ? (size_t) (b_point - b) : strlen(b);
	const char *a_frac = a_point ? a_point + 1 : "";
	const char *b_frac = b_point ? b_point + 1 : "";
	int			c;

	if (a_int != b_int)
		return a_int < b_int ? -1 : 1;
	c = strncmp(a, b, a_int);
	if (c != 0)
		return c < 0 ? -1 : 1;
	/* Fractions have no trailing zeros, so plain string order is numeric order. */
	c = strcmp(a_frac, b_frac);
	return (c > 0) - (c < 0);
}

int
pe_decimal_compare(const PeDecimal *a, const PeDecimal *b)
{
	bool		a_negative = a->text[0] == '-';
	bool		b_negative = b->text[0] == '-';

	if (a_negative != b_negative)
		return a_negative ? -1 : 1;
	if (a_negative)
		return compare_magnitude(b->text + 1, a->text + 1);
	return compare_magnitude(a->text, b->text);
}
