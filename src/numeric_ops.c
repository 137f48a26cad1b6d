/*
 * numeric_ops.c: exact numeric arithmetic for the kernels.
 *
 * METHODOLOGY §0.1: scores are numeric, arithmetic is exact, a formula is
 * arranged with one final division, and a non-terminating quotient carries at
 * least 20 significant digits. Sums, differences and products of numerics are
 * exact in PostgreSQL; only the quotient needs an explicit working scale.
 */
#include "numeric_ops.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

/*
 * Decimal places of a quotient before trailing zeros are trimmed: 30 places
 * give >= 20 significant digits for any quotient >= 1e-10, far below the
 * smallest score, share or coefficient the methodology defines.
 */
#define PE_QUOTIENT_SCALE 30

Numeric
pe_num_int64(int64 value)
{
	return int64_to_numeric(value);
}

Numeric
pe_num_decimal(const PeDecimal *decimal)
{
	return DatumGetNumeric(DirectFunctionCall3(numeric_in,
											   CStringGetDatum(decimal->text),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

Numeric
pe_num_add(Numeric a, Numeric b)
{
	return numeric_add_opt_error(a, b, NULL);
}

Numeric
pe_num_sub(Numeric a, Numeric b)
{
	return numeric_sub_opt_error(a, b, NULL);
}

Numeric
pe_num_mul(Numeric a, Numeric b)
{
	return numeric_mul_opt_error(a, b, NULL);
}

int
pe_num_cmp(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp,
											 NumericGetDatum(a),
											 NumericGetDatum(b)));
}

bool
pe_num_is_negative(Numeric a)
{
	return pe_num_cmp(a, pe_num_int64(0)) < 0;
}

Numeric
pe_num_quotient(Numeric a, Numeric b)
{
	Numeric		widened;
	Numeric		quotient;

	/* numeric division keeps at least the dividend's scale: widen it first. */
	widened = DatumGetNumeric(DirectFunctionCall2(numeric_round,
												  NumericGetDatum(a),
												  Int32GetDatum(PE_QUOTIENT_SCALE)));
	quotient = numeric_div_opt_error(widened, b, NULL);
	return DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale,
											   NumericGetDatum(quotient)));
}
