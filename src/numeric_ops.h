/*
 * numeric_ops.h: exact numeric arithmetic for the kernels (METHODOLOGY §0.1).
 */
#ifndef PE_NUMERIC_OPS_H
#define PE_NUMERIC_OPS_H

#include "postgres.h"
#include "utils/numeric.h"

#include "pe_core.h"

extern Numeric pe_num_int64(int64 value);
extern Numeric pe_num_decimal(const PeDecimal *decimal);
extern Numeric pe_num_add(Numeric a, Numeric b);
extern Numeric pe_num_sub(Numeric a, Numeric b);
extern Numeric pe_num_mul(Numeric a, Numeric b);
extern int	pe_num_cmp(Numeric a, Numeric b);
extern bool pe_num_is_negative(Numeric a);

/*
 * a / b (b != 0) carried with at least 20 significant digits for every
 * quotient of magnitude >= 1e-10, trailing zeros removed, so a terminating
 * result is exact (R1 = 37.6, not 37.6000...).
 */
extern Numeric pe_num_quotient(Numeric a, Numeric b);

#endif							/* PE_NUMERIC_OPS_H */
