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

int report_migration(FILE *out, const struct pagemig_params *p, const struct pagemig_result *r,
		     bool json)
{
	const char *result = pagemig_outcome_name(r->outcome);
	int n;
	if (json)
		n = fprintf(out, "{\"pages\": %d, \"protected\": %.17g, \"dirty_rate\": %.17g, \"bandwidth\": %.17g, "
			    "\"attack\": \"%s\", \"security\": \"%s\", \"seed\": %llu, \"cipher\": \"%s\", "
			    "\"rounds\": %d, \"pages_plain\": %ld, \"pages_encrypted\": %ld, \"stop_pages\": %ld, "
			    "\"bytes\": %.17g, \"total_s\": %.17g, \"downtime_s\": %.17g, \"defence_tocttou\": %ld, "
			    "\"defence_pin_refused\": %ld, \"defence_hash_mismatch\": %ld, \"leaks\": %ld, "
			    "\"integrity_unprotected\": %ld, \"resumed\": %s, \"pfn\": %d, \"result\": \"%s\"}\n",
			    p->pages, p->protected_share, p->dirty_rate, p->bandwidth, attacks[p->attack],
			    p->security ? "on" : "off", (unsigned long long)p->seed, r->cipher, r->rounds,
			    r->pages_plain, r->pages_encrypted, r->stop_pages, r->bytes, r->total_s, r->downtime_s,
			    r->defence_tocttou, r->defence_pin_refused, r->defence_hash_mismatch, r->leaks,
			    r->integrity_unprotected, r->resumed ? "true" : "false", r->outcome_pfn, result);
	else
		n = fprintf(out, "pages=%d protected=%g dirty_rate=%g bandwidth=%g attack=%s security=%s seed=%llu cipher=%s\n"
			    "rounds=%d pages_plain=%ld pages_encrypted=%ld stop_pages=%ld bytes=%.0f\n"
			    "total_s=%.6f downtime_s=%.6f\n"
			    "defence_tocttou=%ld defence_pin_refused=%ld defence_hash_mismatch=%ld\n"
			    "leaks=%ld integrity_unprotected=%ld resumed=%s pfn=%d\n"
			    "result=%s\n",
			    p->pages, p->protected_share, p->dirty_rate, p->bandwidth, attacks[p->attack],
			    p->security ? "on" : "off", (unsigned long long)p->seed, r->cipher, r->rounds,
			    r->pages_plain, r->pages_encrypted, r->stop_pages, r->bytes, r->total_s, r->downtime_s,
			    r->defence_tocttou, r->defence_pin_refused, r->defence_hash_mismatch, r->leaks,
			    r->integrity_unprotected, r->resumed ? "yes" : "no", r->outcome_pfn, result);
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
	int n = fprintf(out, "# greenmig calibrate: %s, libsodium %s, one core, 4 KiB messages\n"
			"# SHA-256 %.3g B/s, BLAKE2b %.3g B/s, %s %.3g B/s\n"
			"[security]\n"
			"cipher_bps = %.3g\n"
			"hash_bps = %.3g\n",
			cpu, c->library_version, c->sha256_bps, c->blake2b_bps,
			c->aes ? "AES-256-GCM (AES-NI)" : "ChaCha20-Poly1305 (no AES-NI)", c->aead_bps,
			c->aead_bps, c->blake2b_bps);
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
