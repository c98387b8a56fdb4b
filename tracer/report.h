/* SPDX-License-Identifier: GPL-2.0 */
/* Session-level reports: hooks used, run length, drops and losses. */
#ifndef TC_REPORT_H
#define TC_REPORT_H

#include "../common/version.h"
#include "session.h"

/* One JSON document on one line; type is "interval" or "summary". */
void tc_report_json(struct tc_session *s, const struct tc_result *r, const char *type);
/* A Prometheus text snapshot ending in "# EOF". */
void tc_report_prom(struct tc_session *s, const struct tc_result *r);
/* For a person (on stderr): every map drop, lost event and unmatched completion. */
void tc_report_losses(struct tc_session *s, FILE *f);

#endif
