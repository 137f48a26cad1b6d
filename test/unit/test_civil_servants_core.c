/*
 * test_civil_servants_core.c: unit tests of the integer rules of the
 * civil-servant assessment (src/civil_servants_core.c, METHODOLOGY §6).
 */
#include "civil_servants_core.h"

#include "tap.h"

static void
test_difficulty(void)
{
	/* d = 2·type + mode (§6.2): technical 0, organisational 1, analytical 2; normal 1, urgent 2. */
	static const struct
	{
		const char *type;
		const char *mode;
		int			level;
	}			table[] = {
		{"technical", "normal", 1}, {"technical", "urgent", 2},
		{"organisational", "normal", 3}, {"organizational", "urgent", 4},
		{"analytical", "normal", 5}, {"analytical", "urgent", 6},
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		ok(pe_cs_difficulty_level(pe_cs_work_type_rank(table[i].type),
								  pe_cs_work_mode_rank(table[i].mode)) == table[i].level,
		   "difficulty of %s work in %s mode is %d", table[i].type, table[i].mode, table[i].level);
	ok(pe_cs_work_type_rank("Technical") == -1, "work type names are lower case: Technical is unknown");
	ok(pe_cs_work_type_rank("") == -1, "an empty work type is unknown");
	ok(pe_cs_work_type_rank(NULL) == -1, "a NULL work type is unknown, not a crash");
	ok(pe_cs_work_mode_rank("slow") == -1, "an unknown work mode is -1");
	ok(pe_cs_work_mode_rank(NULL) == -1, "a NULL work mode is unknown, not a crash");
}

static void
test_competency(void)
{
	/* meets <=> 4k >= 3n in integers (§6.1, seed 000 lines 3858-3864) */
	ok(pe_cs_competency_meets(3, 4, 3, 4), "3 of 4 behavioural indicators meet expectations");
	ok(!pe_cs_competency_meets(2, 4, 3, 4), "2 of 4 do not");
	ok(pe_cs_competency_meets(3, 3, 3, 4), "3 of 3 meet");
	ok(!pe_cs_competency_meets(2, 3, 3, 4), "2 of 3 do not: 8 < 9, no rounding up");
	ok(pe_cs_competency_meets(6, 8, 3, 4), "6 of 8 meet exactly at three quarters");
	ok(!pe_cs_competency_meets(5, 7, 3, 4), "5 of 7 do not: 20 < 21");
}

static void
test_commission(void)
{
	/* quorum 3·present >= 2·members (§6.3, seed 000 line 5345) */
	ok(pe_cs_quorate(6, 4, 2, 3), "4 of 6 members is a quorum");
	ok(!pe_cs_quorate(6, 3, 2, 3), "3 of 6 is not");
	ok(pe_cs_quorate(5, 4, 2, 3), "4 of 5 is a quorum: 12 >= 10");
	ok(!pe_cs_quorate(5, 3, 2, 3), "3 of 5 is not: 9 < 10");
	ok(pe_cs_quorate(7, 5, 2, 3), "5 of 7 is a quorum: 15 >= 14");
	/* majority; on a tie the chair decides (seed 000 line 5351) */
	ok(pe_cs_motion_adopted(3, 2, false), "3 for, 2 against: adopted whatever the chair voted");
	ok(!pe_cs_motion_adopted(2, 3, true), "2 for, 3 against: rejected even with the chair for");
	ok(pe_cs_motion_adopted(2, 2, true), "a 2:2 tie with the chair for is adopted");
	ok(!pe_cs_motion_adopted(2, 2, false), "a 2:2 tie with the chair against is rejected");
}

int
main(void)
{
	test_difficulty();
	test_competency();
	test_commission();
	return tap_finish();
}
