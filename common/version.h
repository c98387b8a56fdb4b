/* SPDX-License-Identifier: GPL-2.0 */
/* The version every report and --version prints, set by the Makefile. */
#ifndef TC_VERSION_H
#define TC_VERSION_H

const char *tc_version(void);

#endif
