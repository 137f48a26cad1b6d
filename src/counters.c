/*
 * counters.c: exact integer tallies behind the registry aggregates.
 *
 * METHODOLOGY §7.2: partial states are int64 counters, combining is
 * addition (associative and commutative), overflow is an error, so serial,
 * parallel and distributed results are bit-for-bit identical.
 */
#include "pe_core.h"

bool
pe_counters_merge(int64_t *into, const int64_t *from, int n)
{
	int64_t		sum[PE_MAX_COUNTERS];

	if (n < 0 || n > PE_MAX_COUNTERS)
		return false;
	for (int i = 0; i < n; i++)
	{
		if (__builtin_add_overflow(into[i], from[i], &sum[i]))
			return false;
	}
	for (int i = 0; i < n; i++)
		into[i] = sum[i];
	return true;
}

void
pe_counters_encode(const int64_t *counters, int n, unsigned char *out)
{
	for (int i = 0; i < n; i++)
	{
		uint64_t	v = (uint64_t) counters[i];

		for (int b = 7; b >= 0; b--)
		{
			out[i * 8 + b] = (unsigned char) (v & 0xff);
			v >>= 8;
		}
	}
}

bool
pe_counters_decode(const unsigned char *in, size_t len, int64_t *counters, int n)
{
	if (n < 0 || n > PE_MAX_COUNTERS || len != (size_t) n * 8)
		return false;
	for (int i = 0; i < n; i++)
	{
		uint64_t	v = 0;

		for (int b = 0; b < 8; b++)
			v = (v << 8) | in[i * 8 + b];
		if (v > (uint64_t) INT64_MAX)
			return false;		/* a negative count cannot come from a tally */
		counters[i] = (int64_t) v;
	}
	return true;
}


int
pe_complaint_tally_inconsistency(const int64_t *tally)
{
	for (int i = 0; i < PE_COMPLAINT_NCOUNTERS; i++)
	{
		if (tally[i] < 0)
			return i;
	}
	for (int i = PE_COMPLAINT_LATE; i < PE_COMPLAINT_NCOUNTERS; i++)
	{
		if (tally[i] > tally[PE_COMPLAINT_CONSIDERED])
			return i;
	}
	if (tally[PE_COMPLAINT_LATE_DISCIPLINED] > tally[PE_COMPLAINT_LATE])
		return PE_COMPLAINT_LATE_DISCIPLINED;
	return -1;
}


int
pe_service_tally_inconsistency(const int64_t *tally)
{
	for (int i = 0; i < PE_SERVICE_NCOUNTERS; i++)
	{
		if (tally[i] < 0)
			return i;
	}
	for (int i = PE_SERVICE_DEADLINE_VIOLATIONS; i < PE_SERVICE_NCOUNTERS; i++)
	{
		if (tally[i] > tally[PE_SERVICE_DELIVERIES])
			return i;
	}
	return -1;
}


int
pe_indicator_tally_inconsistency(const int64_t *tally)
{
	int64_t		statuses = 0;

	for (int i = 0; i < PE_INDICATOR_NCOUNTERS; i++)
	{
		if (tally[i] < 0)
			return i;
	}
	/* Non-negative counters: a sum that overflows exceeds indicators. */
	for (int i = PE_INDICATOR_ACHIEVED; i <= PE_INDICATOR_NOT_COUNTED; i++)
	{
		if (__builtin_add_overflow(statuses, tally[i], &statuses))
			return PE_INDICATOR_INDICATORS;
	}
	if (statuses != tally[PE_INDICATOR_INDICATORS])
		return PE_INDICATOR_INDICATORS;
	for (int i = PE_INDICATOR_OVERFULFILLED; i < PE_INDICATOR_NCOUNTERS; i++)
	{
		if (tally[i] > tally[PE_INDICATOR_INDICATORS])
			return i;
	}
	return -1;
}
