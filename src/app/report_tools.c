/*
 * report (the other commands): what `greenmig policies`, `greenmig migrate` and `greenmig
 * calibrate` print; see report.h. Formatting only.
 */
#include "plugin.h"
#include "report.h"

#include <string.h>

#include "policy.h"
#include "select.h"

static const char *const attacks[] = { "none", "tocttou", "resume-order", "replay" };

int report_attack_find(const char *name)
{
	for (int i = 0; i < (int)(sizeof attacks / sizeof attacks[0]); i++)
		if (strcmp(name, attacks[i]) == 0)
			return i;
	return -1;
}

/* The harm an attack did and what the defences caught, as sentences ("harm: ...", "caught:
 * ..."), from the first instance of each (pagemig.h). */
static int migration_story(FILE *out, const struct pagemig_result *r)
{
	const struct pagemig_harm *h = &r->harm;
	const struct pagemig_caught *c = &r->caught;
	int n = 0;
	if (n >= 0 && h->leaks > 0)
		n = fprintf(out, "harm: the MM read page %d's protected content (version %ld) in plaintext "
			    "through a mapping made before it was protected (%ld page%s)\n",
			    h->leak_pfn, h->leak_version, h->leaks, h->leaks == 1 ? "" : "s");
	if (n >= 0 && h->unauthorized_mappings > 0)
		n = fprintf(out, "harm: page table %d, pinned in the resumed VM, maps protected page %d in "
			    "context %d, not its owner's (%ld mapping%s)\n",
			    h->unauth_pt_pfn, h->unauth_target_pfn, h->unauth_context, h->unauthorized_mappings,
			    h->unauthorized_mappings == 1 ? "" : "s");
	if (n >= 0 && h->stale_protected > 0)
		n = fprintf(out, "harm: page %d resumed with its content of round %d (version %ld; the "
			    "source's is version %ld): stale (%ld protected page%s)\n",
			    h->stale_pfn, h->stale_round, h->stale_version, h->stale_source_version,
			    h->stale_protected, h->stale_protected == 1 ? "" : "s");
	if (n >= 0 && c->tocttou_pfn >= 0)
		n = fprintf(out, "caught: page %d was protected while the MM had it mapped: remapped to the "
			    "zero page; the MM read %ld zero page%s (%ld remap%s)\n",
			    c->tocttou_pfn, c->zero_reads, c->zero_reads == 1 ? "" : "s", r->defence_tocttou,
			    r->defence_tocttou == 1 ? "" : "s");
	if (n >= 0 && c->pin_refused_pfn >= 0)
		n = fprintf(out, "caught: PIN of page table %d before the metadata refused (%ld PIN%s)\n",
			    c->pin_refused_pfn, r->defence_pin_refused, r->defence_pin_refused == 1 ? "" : "s");
	if (n >= 0 && c->pin_rejected > 0)
		n = fprintf(out, "caught: page table %d maps protected page %d outside its owner's context: "
			    "not pinned (%ld page table%s)\n",
			    c->pin_rejected_pfn, c->pin_rejected_target_pfn, c->pin_rejected,
			    c->pin_rejected == 1 ? "" : "s");
	if (n >= 0 && r->defence_hash_mismatch > 0 && c->hash_mismatch_pfn >= 0)
		n = fprintf(out, "caught: page %d holds its content of round %d (version %ld), not the "
			    "source's: hash check failed, resume refused (%ld page%s)\n",
			    c->hash_mismatch_pfn, c->hash_mismatch_round, c->hash_mismatch_version,
			    c->hash_mismatch_pages, c->hash_mismatch_pages == 1 ? "" : "s");
	else if (n >= 0 && r->defence_hash_mismatch > 0)
		n = fprintf(out, "caught: the hash list is missing or not authentic: resume refused\n");
	return n < 0 ? -1 : 0;
}

int report_migration(FILE *out, const struct pagemig_params *p, const struct pagemig_result *r,
		     bool json)
{
	const char *result = pagemig_outcome_name(r->outcome);
	const struct pagemig_harm *h = &r->harm;
	const struct pagemig_caught *c = &r->caught;
	int n;
	if (json) {
		n = fprintf(out, "{\"pages\": %d, \"protected\": %.17g, \"dirty_rate\": %.17g, \"bandwidth\": %.17g, "
			    "\"cipher_bps\": %.17g, \"hash_bps\": %.17g, "
			    "\"attack\": \"%s\", \"security\": \"%s\", \"seed\": %llu, \"cipher\": \"%s\", "
			    "\"rounds\": %d, \"pages_plain\": %ld, \"pages_encrypted\": %ld, \"stop_pages\": %ld, "
			    "\"bytes\": %.17g, \"total_s\": %.17g, \"downtime_s\": %.17g, "
			    "\"encrypt_s\": %.17g, \"meta_bytes\": %.17g, \"defence_s\": %.17g, \"defence_bytes\": %.17g, "
			    "\"defence_tocttou\": %ld, "
			    "\"defence_pin_refused\": %ld, \"defence_hash_mismatch\": %ld, \"leaks\": %ld, "
			    "\"integrity_unprotected\": %ld, ",
			    p->pages, p->protected_share, p->dirty_rate, p->bandwidth, p->cipher_bps, p->hash_bps,
			    attacks[p->attack], p->security ? "on" : "off", (unsigned long long)p->seed, r->cipher,
			    r->rounds, r->pages_plain, r->pages_encrypted, r->stop_pages, r->bytes, r->total_s,
			    r->downtime_s, r->encrypt_s, r->meta_bytes, r->defence_s, r->defence_bytes,
			    r->defence_tocttou, r->defence_pin_refused, r->defence_hash_mismatch, r->leaks,
			    r->integrity_unprotected);
		if (n >= 0)
			n = fprintf(out, "\"harm\": {\"leaks\": %ld, \"leak_pfn\": %d, \"leak_version\": %ld, "
				    "\"unauthorized_mappings\": %ld, \"unauth_pt_pfn\": %d, \"unauth_target_pfn\": %d, "
				    "\"unauth_context\": %d, \"stale_protected\": %ld, \"stale_pfn\": %d, "
				    "\"stale_version\": %ld, \"stale_source_version\": %ld, \"stale_round\": %d}, ",
				    h->leaks, h->leak_pfn, h->leak_version, h->unauthorized_mappings, h->unauth_pt_pfn,
				    h->unauth_target_pfn, h->unauth_context, h->stale_protected, h->stale_pfn,
				    h->stale_version, h->stale_source_version, h->stale_round);
		if (n >= 0)
			n = fprintf(out, "\"caught\": {\"tocttou_pfn\": %d, \"zero_reads\": %ld, \"pin_refused_pfn\": %d, "
				    "\"pin_rejected\": %ld, \"pin_rejected_pfn\": %d, \"pin_rejected_target_pfn\": %d, "
				    "\"hash_mismatch_pages\": %ld, \"hash_mismatch_pfn\": %d, "
				    "\"hash_mismatch_version\": %ld, \"hash_mismatch_round\": %d}, ",
				    c->tocttou_pfn, c->zero_reads, c->pin_refused_pfn, c->pin_rejected,
				    c->pin_rejected_pfn, c->pin_rejected_target_pfn, c->hash_mismatch_pages,
				    c->hash_mismatch_pfn, c->hash_mismatch_version, c->hash_mismatch_round);
		if (n >= 0)
			n = fprintf(out, "\"resumed\": %s, \"pfn\": %d, \"result\": \"%s\"}\n",
				    r->resumed ? "true" : "false", r->outcome_pfn, result);
		return n < 0 ? -1 : 0;
	}
	n = fprintf(out, "pages=%d protected=%g dirty_rate=%g bandwidth=%g attack=%s security=%s seed=%llu cipher=%s\n"
		    "cipher_bps=%g hash_bps=%g\n"
		    "rounds=%d pages_plain=%ld pages_encrypted=%ld stop_pages=%ld bytes=%.0f\n"
		    "total_s=%.6f downtime_s=%.6f\n"
		    "encrypt_s=%.6f meta_bytes=%.0f defence_s=%.6f defence_bytes=%.0f\n"
		    "defence_tocttou=%ld defence_pin_refused=%ld defence_hash_mismatch=%ld\n"
		    "leaks=%ld integrity_unprotected=%ld resumed=%s pfn=%d\n",
		    p->pages, p->protected_share, p->dirty_rate, p->bandwidth, attacks[p->attack],
		    p->security ? "on" : "off", (unsigned long long)p->seed, r->cipher, p->cipher_bps, p->hash_bps,
		    r->rounds, r->pages_plain, r->pages_encrypted, r->stop_pages, r->bytes, r->total_s,
		    r->downtime_s, r->encrypt_s, r->meta_bytes, r->defence_s, r->defence_bytes,
		    r->defence_tocttou, r->defence_pin_refused, r->defence_hash_mismatch, r->leaks,
		    r->integrity_unprotected, r->resumed ? "yes" : "no", r->outcome_pfn);
	if (n >= 0)
		n = fprintf(out, "harm_leak_pfn=%d harm_leak_version=%ld\n"
			    "harm_unauthorized_mappings=%ld harm_unauth_pt_pfn=%d harm_unauth_target_pfn=%d "
			    "harm_unauth_context=%d\n"
			    "harm_stale_protected=%ld harm_stale_pfn=%d harm_stale_version=%ld "
			    "harm_stale_source_version=%ld harm_stale_round=%d\n"
			    "caught_tocttou_pfn=%d caught_zero_reads=%ld caught_pin_refused_pfn=%d\n"
			    "caught_pin_rejected=%ld caught_pin_rejected_pfn=%d caught_pin_rejected_target_pfn=%d\n"
			    "caught_hash_mismatch_pages=%ld caught_hash_mismatch_pfn=%d "
			    "caught_hash_mismatch_version=%ld caught_hash_mismatch_round=%d\n",
			    h->leak_pfn, h->leak_version, h->unauthorized_mappings, h->unauth_pt_pfn,
			    h->unauth_target_pfn, h->unauth_context, h->stale_protected, h->stale_pfn,
			    h->stale_version, h->stale_source_version, h->stale_round, c->tocttou_pfn,
			    c->zero_reads, c->pin_refused_pfn, c->pin_rejected, c->pin_rejected_pfn,
			    c->pin_rejected_target_pfn, c->hash_mismatch_pages, c->hash_mismatch_pfn,
			    c->hash_mismatch_version, c->hash_mismatch_round);
	if (n >= 0)
		n = migration_story(out, r);
	if (n >= 0)
		n = fprintf(out, "result=%s\n", result);
	return n < 0 ? -1 : 0;
}

/* /proc/cpuinfo's first "model name", or "unknown CPU". */
static void cpu_model(char *cpu, size_t n)
{
	snprintf(cpu, n, "unknown CPU");
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (f == NULL)
		return;
	char line[512];
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "model name", 10) == 0) {
			const char *colon = strchr(line, ':');
			if (colon != NULL) {
				snprintf(cpu, n, "%s", colon + 2);
				cpu[strcspn(cpu, "\n")] = '\0';
			}
			break;
		}
	}
	fclose(f);
}

int report_calibration(FILE *out, const struct calibration *c)
{
	char cpu[256];
	cpu_model(cpu, sizeof cpu);
	const char *aead = c->aes ? "AES-256-GCM (AES-NI)" : "ChaCha20-Poly1305 (no AES-NI)";
	int n = fprintf(out, "# greenmig calibrate: %s, libsodium %s, one core, 4 KiB messages\n"
			"# bytes per CPU second (not wall time), %d repetition%s of %g s: min / median / max\n"
			"# SHA-256 %.3g / %.3g / %.3g B/s\n"
			"# BLAKE2b %.3g / %.3g / %.3g B/s\n"
			"# %s %.3g / %.3g / %.3g B/s\n"
			"# the medians, for an experiment file or greenmig migrate --calibration FILE:\n"
			"[security]\n"
			"cipher_bps = %.3g\n"
			"hash_bps = %.3g\n",
			cpu, c->library_version, c->repeat, c->repeat == 1 ? "" : "s", c->seconds,
			c->sha256.min, c->sha256.median, c->sha256.max, c->blake2b.min, c->blake2b.median,
			c->blake2b.max, aead, c->aead.min, c->aead.median, c->aead.max, c->aead.median,
			c->blake2b.median);
	return n < 0 ? -1 : 0;
}

/*
 * The policy registry's fields, read in one place each: where p runs, and the CloudSim class or
 * paper it reproduces (NULL: none).
 */
static const char *policy_engines(const struct gm_policy *p, bool csv)
{
	bool cloudsim3 = policy_runs_in(p, MODEL_CLOUDSIM3), m2010 = policy_runs_in(p, MODEL_2010);
	if (csv)
		return cloudsim3 && m2010 ? "cloudsim3 2010" : m2010 ? "2010" : "cloudsim3";
	return cloudsim3 && m2010 ? "CloudSim 3.0.3 engine, 2010 model"
	       : m2010		  ? "2010 model"
				  : "CloudSim 3.0.3 engine";
}

static const char *policy_reproduces(const struct gm_policy *p)
{
	return p->reproduces;
}

static int policy_block(FILE *out, const struct gm_policy *p, const char *origin)
{
	const char *rep = policy_reproduces(p);
	int n = fprintf(out, "%s\n  %s\n  engines:     %s\n", p->name, p->summary, policy_engines(p, false));
	if (n >= 0 && origin != NULL)
		n = fprintf(out, "  plugin:      %s\n", origin);
	if (n >= 0 && p->param_help != NULL)
		n = fprintf(out, "  parameter:   %s (default %s)\n", p->param_help,
			    p->default_param != NULL ? p->default_param : "none");
	else if (n >= 0)
		n = fprintf(out, "  parameter:   none\n");
	if (n >= 0)
		n = fprintf(out, "  migrations:  %s\n  reproduces:  %s\n\n", p->migrations ? "yes" : "no",
			    rep != NULL && rep[0] != '\0' ? rep : "-");
	return n < 0 ? -1 : 0;
}

/* The selections, by name from selection_names() ("mmt, mc, mu, rs"). */
static int selections(FILE *out)
{
	if (fputs("Selections (--selection NAME; default mmt), for the policies that take one: those\n"
		  "that run CloudSim 3.0.3's own optimization step with an overload detector (thr, ...)\n",
		  out) == EOF)
		return -1;
	const char *s = selection_names();
	while (*s != '\0') {
		size_t len = strcspn(s, ",");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)len, s);
		const struct selection *sel = selection_find(name);
		if (sel != NULL && fprintf(out, "  %-4s %s\n       reproduces: %s\n", sel->name, sel->summary,
					   sel->cloudsim != NULL ? sel->cloudsim : "-") < 0)
			return -1;
		s += len;
		s += strspn(s, ", ");
	}
	return 0;
}

static int policy_row(FILE *out, const struct gm_policy *p, const char *origin)
{
	const char *rep = policy_reproduces(p);
	int bad = report_csv_field(out, p->name) != 0 || fputc(',', out) == EOF ||
		  fprintf(out, "%s,", policy_engines(p, true)) < 0 ||
		  report_csv_field(out, p->param_help != NULL ? p->param_help : "") != 0 ||
		  fputc(',', out) == EOF ||
		  report_csv_field(out, p->default_param != NULL && p->param_help != NULL ? p->default_param : "") != 0 ||
		  fprintf(out, ",%s,", p->migrations ? "yes" : "no") < 0 ||
		  report_csv_field(out, rep != NULL ? rep : "") != 0 || fputc(',', out) == EOF ||
		  report_csv_field(out, p->summary != NULL ? p->summary : "") != 0 || fputc(',', out) == EOF ||
		  report_csv_field(out, origin != NULL ? origin : "built-in") != 0 || fputc('\n', out) == EOF;
	return bad ? -1 : 0;
}

int report_policies(FILE *out, bool csv)
{
	if (csv) {
		if (fputs("name,engines,params,default,migrations,reproduces,summary,origin\n", out) == EOF)
			return -1;
		for (int i = 0; policy_table[i] != NULL; i++)
			if (policy_row(out, policy_table[i], NULL) != 0)
				return -1;
		for (int i = 0; i < plugin_count(); i++) {
			const char *origin;
			const struct gm_policy *p = plugin_at(i, &origin);
			if (policy_row(out, p, origin) != 0)
				return -1;
		}
		return 0;
	}
	if (fputs("Policies (--policy NAME): what each one does, the engines it runs on (the CloudSim\n"
		  "3.0.3 engine: simulation.model = cloudsim3; the 2010 model: simulation.model = 2010), its\n"
		  "parameter (--param), whether it migrates VMs, and the CloudSim class or paper it\n"
		  "reproduces ('-': none).\n\n", out) == EOF)
		return -1;
	for (int i = 0; policy_table[i] != NULL; i++)
		if (policy_block(out, policy_table[i], NULL) != 0)
			return -1;
	for (int i = 0; i < plugin_count(); i++) {
		const char *origin;
		const struct gm_policy *p = plugin_at(i, &origin);
		if (policy_block(out, p, origin) != 0)
			return -1;
	}
	return selections(out);
}
