// SPDX-License-Identifier: GPL-2.0
/* The run as JUnit XML (junit.xml). */
#include <string.h>
#include "cells.h"
#include "writers.h"

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\n': /* in an attribute, a raw newline would read as a space */
			fputs("&#10;", f);
			break;
		case '\t':
			fputs("&#9;", f);
			break;
		default:
			if ((unsigned char)*s < 0x20)
				fputc(' ', f);
			else
				fputc(*s, f);
		}
	}
}

/* JUnit's element for a result: "failure", "error", "skipped" or NULL (passed). */
static const char *junit_kind(const struct tc_outcome *r)
{
	if (r->verdict == TC_SKIP || tc_as_known(r))
		return "skipped";
	switch (r->verdict) {
	case TC_FAIL:
	case TC_LOSS:
	case TC_ABORTED: /* its guard stopped it: judged, not a crash */
	case TC_SLOW:
		return "failure";
	case TC_ERROR:
	case TC_TIMEOUT:
		return "error";
	default:
		return NULL;
	}
}

int tc_write_junit(FILE *f, const struct tc_outcome *r, int n, const struct tc_run_meta *m)
{
	int fails = 0, errors = m->nproblems, skips = 0, nj = tc_count_judged(r, n);

	for (int i = 0; i < n; i++) {
		const char *kind = junit_kind(&r[i]);

		fails += kind && !strcmp(kind, "failure");
		errors += kind && !strcmp(kind, "error");
		skips += kind && !strcmp(kind, "skipped");
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"tracecal\" tests=\"%d\" failures=\"%d\" errors=\"%d\" "
		   "skipped=\"%d\" time=\"%.3f\">\n", n + m->nproblems, fails, errors, skips,
		m->seconds);
	fprintf(f, "  <testsuite name=\"tracecal kernel ");
	xml_text(f, m->kernel);
	fprintf(f, "\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" "
		   "timestamp=\"%s\">\n", n + m->nproblems, fails, errors, skips, m->started);
	fprintf(f, "    <properties>\n      <property name=\"judged\" value=\"%d\"/>\n"
		   "      <property name=\"skipped\" value=\"%d\"/>\n    </properties>\n",
		nj, n - nj);
	for (int i = 0; i < m->nproblems; i++) {
		fprintf(f, "    <testcase classname=\"input\" name=\"input error %d\" time=\"0\">"
			   "\n      <error type=\"input\" message=\"", i + 1);
		xml_text(f, m->problems[i]);
		fprintf(f, "\"/>\n    </testcase>\n");
	}
	for (int i = 0; i < n; i++) {
		const char *kind = junit_kind(&r[i]);

		fprintf(f, "    <testcase classname=\"");
		xml_text(f, r[i].tool_name);
		fprintf(f, "\" name=\"");
		xml_text(f, r[i].scenario);
		fprintf(f, "\" time=\"%.3f\">", r[i].seconds);
		if (kind) {
			fprintf(f, "\n      <%s type=\"%s\" message=\"", kind,
				tc_verdict_name(r[i].verdict));
			if (tc_as_known(&r[i])) {
				fprintf(f, "known %s:", tc_verdict_name(r[i].verdict));
				xml_text(f, r[i].known_why);
				fprintf(f, "; ");
			}
			xml_text(f, r[i].reason);
			fprintf(f, "\"/>\n    ");
		} else if (r[i].verdict == TC_ACCOUNTED) {
			/* Passed, but not clean: say so where a CI reader looks. */
			fprintf(f, "\n      <system-out>ACCOUNTED: ");
			xml_text(f, r[i].reason);
			fprintf(f, "</system-out>\n    ");
		}
		fprintf(f, "</testcase>\n");
	}
	fprintf(f, "  </testsuite>\n</testsuites>\n");
	return ferror(f) ? -1 : 0;
}
