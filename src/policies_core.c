/*
 * policies_core.c: names of the edge-case policies (METHODOLOGY §0.6).
 */
#include "pe_core.h"

#include <string.h>

bool
pe_clamp_policy_parse(const char *name, PeClampPolicy *out)
{
	if (name == NULL)
		return false;
	if (strcmp(name, "none") == 0)
		*out = PE_CLAMP_NONE;
	else if (strcmp(name, "floor0") == 0)
		*out = PE_CLAMP_FLOOR0;
	else if (strcmp(name, "floor0_capk") == 0)
		*out = PE_CLAMP_FLOOR0_CAPK;
	else
		return false;
	return true;
}

bool
pe_zero_volume_policy_parse(const char *name, PeZeroVolumePolicy *out)
{
	if (name == NULL)
		return false;
	if (strcmp(name, "null") == 0)
		*out = PE_ZERO_VOLUME_NULL;
	else if (strcmp(name, "full_points") == 0)
		*out = PE_ZERO_VOLUME_FULL_POINTS;
	else
		return false;
	return true;
}
