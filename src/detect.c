/*
 * detect: what every overload detector shares: the requested utilization of a host and the
 * host's utilization history (PowerHostUtilizationHistory.getUtilizationHistory).
 */
#include "detect.h"

#include "mathutil.h"

double detect_requested_utilization(const struct datacenter *dc, const struct host *h)
{
	double total = 0;
	for (int i = 0; i < h->n_slots; i++)
		total += vm_req_total(&dc->vms[h->slots[i].vm]);
	return total / h->total_mips;
}

size_t detect_host_history(const struct datacenter *dc, const struct host *h,
			   double out[VM_HISTORY_LEN])
{
	for (int i = 0; i < VM_HISTORY_LEN; i++)
		out[i] = 0;
	for (int s = 0; s < h->n_slots; s++) {
		const struct vm *vm = &dc->vms[h->slots[s].vm];
		for (int i = 0; i < vm->history_len; i++)
			out[i] += vm->history[i] * vm->mips / h->total_mips;
	}
	return mathutil_count_nonzero_beginning(out, VM_HISTORY_LEN);
}
