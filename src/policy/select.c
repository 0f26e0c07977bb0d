/*
 * select: the table of VM selection policies and what they share.
 */
#include "select.h"

#include <stddef.h>
#include <string.h>

static const struct selection *const selections[] = {
	&selection_mmt, &selection_mc, &selection_mu, &selection_rs, NULL,
};

const struct selection *selection_find(const char *name)
{
	for (int i = 0; selections[i] != NULL; i++)
		if (strcmp(selections[i]->name, name) == 0)
			return selections[i];
	return NULL;
}

const char *selection_names(void)
{
	return "mmt, mc, mu, rs";
}

int select_migratable(const struct datacenter *dc, const struct host *h, int *out)
{
	int n = 0;
	for (int i = 0; i < h->n_slots; i++)
		if (!dc->vms[h->slots[i].vm].in_migration)
			out[n++] = h->slots[i].vm;
	return n;
}
