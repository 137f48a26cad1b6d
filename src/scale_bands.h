/*
 * scale_bands.h: the scale and bands mechanisms evaluated on numerics
 * (METHODOLOGY §0.8).
 */
#ifndef PE_SCALE_BANDS_H
#define PE_SCALE_BANDS_H

#include "postgres.h"
#include "utils/numeric.h"

#include "pe_core.h"

/* Parse a definition or raise 22023 naming the argument. */
extern void pe_scale_from_cstring(const char *definition, const char *argument, PeScale *out);
extern void pe_bands_from_cstring(const char *definition, const char *argument, PeBands *out);

/*
 * Evaluate on the exact rational x = numerator / denominator (denominator
 * > 0), so a share such as 100*d/f is never rounded before it is compared
 * with a bound or interpolated.
 */
extern Numeric pe_scale_eval(const PeScale *scale, Numeric numerator, Numeric denominator);
extern int	pe_bands_match(const PeBands *bands, Numeric numerator, Numeric denominator);

/* The numeric value of a rule; raises 22023 if it is a label. NULL for null. */
extern Numeric pe_bands_rule_number(const PeBands *bands, int rule, const char *argument);

/*
 * The value of a rule as text, as a label kernel returns it (the number's
 * text or the label); NULL for null. One reading for every label kernel.
 */
extern text *pe_bands_rule_text(const PeBands *bands, int rule);

/* The largest numeric value of the bands (the node maximum); 22023 if none. */
extern Numeric pe_bands_max_number(const PeBands *bands, const char *argument);

#endif							/* PE_SCALE_BANDS_H */
