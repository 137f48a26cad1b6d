/*
 * policies.h: the clamp and zero-volume policies (METHODOLOGY §0.6).
 */
#ifndef PE_POLICIES_H
#define PE_POLICIES_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/numeric.h"

#include "pe_core.h"

/* Read a policy name argument; unknown names raise 22023 naming the argument. */
extern PeClampPolicy pe_clamp_policy_arg(FunctionCallInfo fcinfo, int argno, const char *clause);
extern PeZeroVolumePolicy pe_zero_volume_policy_arg(FunctionCallInfo fcinfo, int argno, const char *clause);

/* Apply a clamp to a raw node value with the node maximum. */
extern Numeric pe_apply_clamp(Numeric raw, Numeric maximum, PeClampPolicy clamp);

#endif							/* PE_POLICIES_H */
