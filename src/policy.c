/*
 * policy: the table of policies and the placement helpers they share.
 */
#include "policy.h"

#include <stddef.h>
#include <string.h>

const struct policy *const policy_table[] = {
	&policy_npa,
	&policy_dvfs,
	&policy_thr,
	&policy_iqr,
	&policy_mad,
	&policy_lr,
	&policy_lrr,
	NULL,
};

const struct policy *policy_find(const char *name)
{
	for (int i = 0; policy_table[i] != NULL; i++)
		if (strcmp(policy_table[i]->name, name) == 0)
			return policy_table[i];
	return NULL;
}

const char *policy_names(void)
{
	static char buf[512];
	if (buf[0] != '\0')
		return buf;
	size_t used = 0;
	for (int i = 0; policy_table[i] != NULL; i++) {
		const char *sep = i > 0 ? ", " : "";
		size_t need = strlen(sep) + strlen(policy_table[i]->name);
		if (used + need + 1 > sizeof buf)
			break;
		strcat(buf, sep);
		strcat(buf, policy_table[i]->name);
		used += need;
	}
	return buf;
}

int policy_first_fit(const struct datacenter *dc, const struct vm *vm)
{
	for (int i = 0; i < dc->n_hosts; i++)
		if (host_is_suitable(dc, &dc->hosts[i], vm))
			return i;
	return -1;
}
