// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/*
 * dxl_problem.c - names and texts of the stable problem ids.
 */
#include "dxl_problem.h"

/**
 * dxl_problem_name() - the symbolic name of a problem id
 * @p: problem id
 *
 * Return: e.g. "SET_BAD_CRC", or "UNKNOWN" for an id not in the table.
 */
const char *dxl_problem_name(enum dxl_problem p)
{
	switch (p) {
#define DXL_PROBLEM_NAME(name, num, text) case DXL_P_##name: return #name;
	DXL_PROBLEMS(DXL_PROBLEM_NAME)
#undef DXL_PROBLEM_NAME
	}
	return "UNKNOWN";
}

/**
 * dxl_problem_text() - one line describing a problem id
 * @p: problem id
 *
 * Return: a constant sentence fragment without a trailing full stop.
 */
const char *dxl_problem_text(enum dxl_problem p)
{
	switch (p) {
#define DXL_PROBLEM_TEXT(name, num, text) case DXL_P_##name: return text;
	DXL_PROBLEMS(DXL_PROBLEM_TEXT)
#undef DXL_PROBLEM_TEXT
	}
	return "unknown problem";
}
