/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The default firmware's rpmsg services.
 */
#ifndef FW_SERVICES_H
#define FW_SERVICES_H

#include <fw/rpmsg.h>

/* Names announced at boot. */
#define FW_SVC_SAMPLE		"rpmsg-client-sample"
#define FW_SVC_RAW		"rpmsg-raw"
#define FW_SVC_TTY		"rpmsg-tty"
#define FW_SVC_CTRL		"rpmsg-test-ctrl"

struct fw_chaos;

int fw_services_init(struct fw_rpmsg *rp, struct fw_chaos *chaos);

#endif /* FW_SERVICES_H */
