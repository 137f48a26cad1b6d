/*
 * scale_bands.c: scale(x; x1:y1; ...) and bands(x; op b => v; ...; else => v0).
 *
 * METHODOLOGY §0.8. A scale is flat outside its first and last breakpoints
 * and linear between neighbours; bands return the value of the first rule
 * that matches. Both are methodology data (text), validated by the pure-C
 * parser in definitions.c and evaluated here exactly.
 */
#include "argument_checks.h"
#include "numeric_ops.h"
#include "scale_bands.h"

#include "fmgr.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(pe_scale_value);
PG_FUNCTION_INFO_V1(pe_bands_value);
PG_FUNCTION_INFO_V1(pe_bands_label);
PG_FUNCTION_INFO_V1(pe_scale_definition_error);
PG_FUNCTION_INFO_V1(pe_bands_definition_error);

void
pe_scale_from_cstring(const char *definition, const char *argument, PeScale *out)
{
	char		err[PE_ERROR_MAX_LEN];

	if (!pe_scale_parse(definition, out, err, sizeof(err)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid scale definition in %s: %s", argument, err),
				 errdetail("The definition is \"%s\".", definition),
				 errhint("Write x1:y1;x2:y2;... with at least two breakpoints and strictly increasing x (docs/methodology.md §0.8).")));
}

void
pe_bands_from_cstring(const char *definition, const char *argument, PeBands *out)
{
	char		err[PE_ERROR_MAX_LEN];

	if (!pe_bands_parse(definition, out, err, sizeof(err)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid bands definition in %s: %s", argument, err),
				 errdetail("The definition is \"%s\".", definition),
				 errhint("Write \"ge 90 => 10; ...; else => 0\": ops lt le gt ge eq, a final else (docs/methodology.md §0.8).")));
}

/* sign(x - bound) for x = numerator / denominator, denominator > 0. */
static int
compare_rational(Numeric numerator, Numeric denominator, const PeDecimal *bound)
{
	return pe_num_cmp(numerator, pe_num_mul(pe_num_decimal(bound), denominator));
}

Numeric
pe_scale_eval(const PeScale *scale, Numeric numerator, Numeric denominator)
{
	int			last = scale->n - 1;
	Numeric		x_lo,
				y_lo,
				offset,
				rise,
				run;

	if (compare_rational(numerator, denominator, &scale->x[0]) <= 0)
		return pe_num_decimal(&scale->y[0]);
	if (compare_rational(numerator, denominator, &scale->x[last]) >= 0)
		return pe_num_decimal(&scale->y[last]);

	for (int i = 0; i < last; i++)
	{
		if (compare_rational(numerator, denominator, &scale->x[i + 1]) > 0)
			continue;
		/* x_i < x <= x_{i+1}: y_i + (x - x_i)(y_{i+1} - y_i) / (x_{i+1} - x_i), one division */
		x_lo = pe_num_decimal(&scale->x[i]);
		y_lo = pe_num_decimal(&scale->y[i]);
		offset = pe_num_sub(numerator, pe_num_mul(x_lo, denominator));
		rise = pe_num_sub(pe_num_decimal(&scale->y[i + 1]), y_lo);
		run = pe_num_mul(denominator, pe_num_sub(pe_num_decimal(&scale->x[i + 1]), x_lo));
		return pe_num_add(y_lo, pe_num_quotient(pe_num_mul(offset, rise), run));
	}
	return pe_num_decimal(&scale->y[last]);	/* not reached: x >= x_n handled above */
}

int
pe_bands_match(const PeBands *bands, Numeric numerator, Numeric denominator)
{
	for (int i = 0; i < bands->n; i++)
	{
		const PeBandRule *rule = &bands->rule[i];
		int			cmp;

		if (rule->op == PE_BAND_ELSE)
			return i;
		cmp = compare_rational(numerator, denominator, &rule->bound);
		switch (rule->op)
		{
			case PE_BAND_LT:
				if (cmp < 0)
					return i;
				break;
			case PE_BAND_LE:
				if (cmp <= 0)
					return i;
				break;
			case PE_BAND_GT:
				if (cmp > 0)
					return i;
				break;
			case PE_BAND_GE:
				if (cmp >= 0)
					return i;
				break;
			case PE_BAND_EQ:
				if (cmp == 0)
					return i;
				break;
			case PE_BAND_ELSE:
				return i;
		}
	}
	return bands->n - 1;		/* the parser guarantees a final else */
}

Numeric
pe_bands_rule_number(const PeBands *bands, int rule, const char *argument)
{
	const PeBandRule *r = &bands->rule[rule];

	if (r->kind == PE_BAND_VALUE_NULL)
		return NULL;
	if (r->kind == PE_BAND_VALUE_LABEL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bands in %s give the label \"%s\" where a number is needed", argument, r->label),
				 errhint("Use bands_label() for bands whose values are labels (docs/methodology.md §0.8).")));
	return pe_num_decimal(&r->number);
}

Numeric
pe_bands_max_number(const PeBands *bands, const char *argument)
{
	int			best = pe_bands_max_number_rule(bands);

	if (best < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bands in %s have no numeric value", argument),
				 errhint("Points bands need numeric values (docs/methodology.md §0.8).")));
	return pe_num_decimal(&bands->rule[best].number);
}

Datum
pe_scale_value(PG_FUNCTION_ARGS)
{
	Numeric		x = PG_GETARG_NUMERIC(0);
	char	   *definition = text_to_cstring(PG_GETARG_TEXT_PP(1));
	PeScale		scale;

	pe_scale_from_cstring(definition, "definition", &scale);
	pe_check_finite(x, "x");
	PG_RETURN_NUMERIC(pe_scale_eval(&scale, x, pe_num_int64(1)));
}

Datum
pe_bands_value(PG_FUNCTION_ARGS)
{
	Numeric		x = PG_GETARG_NUMERIC(0);
	char	   *definition = text_to_cstring(PG_GETARG_TEXT_PP(1));
	PeBands		bands;
	Numeric		value;

	pe_bands_from_cstring(definition, "definition", &bands);
	pe_check_finite(x, "x");
	value = pe_bands_rule_number(&bands, pe_bands_match(&bands, x, pe_num_int64(1)), "definition");
	if (value == NULL)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(value);
}

text *
pe_bands_rule_text(const PeBands *bands, int rule)
{
	const PeBandRule *matched = &bands->rule[rule];

	switch (matched->kind)
	{
		case PE_BAND_VALUE_NULL:
			return NULL;
		case PE_BAND_VALUE_NUMBER:
			return cstring_to_text(matched->number.text);
		case PE_BAND_VALUE_LABEL:
			break;
	}
	return cstring_to_text(matched->label);
}

Datum
pe_bands_label(PG_FUNCTION_ARGS)
{
	Numeric		x = PG_GETARG_NUMERIC(0);
	char	   *definition = text_to_cstring(PG_GETARG_TEXT_PP(1));
	PeBands		bands;
	text	   *label;

	pe_bands_from_cstring(definition, "definition", &bands);
	pe_check_finite(x, "x");
	label = pe_bands_rule_text(&bands, pe_bands_match(&bands, x, pe_num_int64(1)));
	if (label == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(label);
}

Datum
pe_scale_definition_error(PG_FUNCTION_ARGS)
{
	char	   *definition = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char		err[PE_ERROR_MAX_LEN];
	PeScale		scale;

	if (pe_scale_parse(definition, &scale, err, sizeof(err)))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(err));
}

Datum
pe_bands_definition_error(PG_FUNCTION_ARGS)
{
	char	   *definition = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char		err[PE_ERROR_MAX_LEN];
	PeBands		bands;

	if (pe_bands_parse(definition, &bands, err, sizeof(err)))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(err));
}
