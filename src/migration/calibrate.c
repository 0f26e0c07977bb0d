/*
 * calibrate: crypto throughput on this machine, and the reader of what it prints; see
 * calibrate.h. Each repetition runs every primitive over the same 4 KiB buffer until `seconds` of
 * the process's CPU time have passed (checked every 64 messages); its throughput is the bytes
 * processed over the CPU time taken. The repetitions interleave the primitives, so a burst of
 * load on the machine touches all of them alike.
 */
#include "calibrate.h"

#include <errno.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MSG 4096
#define LINE_MAX_BYTES 1023 /* calibrate_read: the longest line, newline excluded */

enum prim { SHA256, BLAKE2B, AES_GCM, CHACHA };

static int cpu_now(double *t_s)
{
	struct timespec t;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0)
		return -1;
	*t_s = (double)t.tv_sec + (double)t.tv_nsec / 1e9;
	return 0;
}

/* Bytes per CPU second of primitive p over `seconds` of CPU time; -1 if the clock fails. */
static double measure(enum prim p, double seconds, unsigned char *buf, unsigned char *out,
		      const unsigned char *key)
{
	unsigned char nonce[12] = { 0 };
	unsigned char ad[4] = { 1, 2, 3, 4 };
	unsigned long long clen;
	long n = 0;
	double t0, t1, t;
	if (cpu_now(&t0) != 0)
		return -1;
	do {
		for (int k = 0; k < 64; k++, n++) {
			memcpy(nonce, &n, sizeof n);
			switch (p) {
			case SHA256:
				crypto_hash_sha256(out, buf, MSG);
				break;
			case BLAKE2B:
				crypto_generichash(out, 32, buf, MSG, NULL, 0);
				break;
			case AES_GCM:
				crypto_aead_aes256gcm_encrypt(out, &clen, buf, MSG, ad, 4, NULL, nonce, key);
				break;
			case CHACHA:
				crypto_aead_chacha20poly1305_ietf_encrypt(out, &clen, buf, MSG, ad, 4, NULL, nonce, key);
				break;
			}
			buf[k] ^= out[0]; /* a dependency, so no call is optimized away */
		}
		if (cpu_now(&t1) != 0)
			return -1;
		t = t1 - t0;
	} while (t < seconds);
	return (double)n * MSG / t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* min, median (the mean of the middle two for an even count) and max of v[0..n), sorted here. */
static struct calibrate_spread spread(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	return (struct calibrate_spread){ v[0], median, v[n - 1] };
}

void calibrate_defaults(struct calibrate_params *p)
{
	p->seconds = 0.1;
	p->repeat = 5;
}

int calibrate_run(const struct calibrate_params *p, struct calibration *c, struct diag *d)
{
	memset(c, 0, sizeof *c);
	if (!(p->seconds >= CALIBRATE_MIN_SECONDS && p->seconds <= CALIBRATE_MAX_SECONDS))
		return diag_add(d, NULL, 0, 0, "calibrate: %g CPU seconds per repetition: expected %g to %g",
				p->seconds, CALIBRATE_MIN_SECONDS, CALIBRATE_MAX_SECONDS);
	if (p->repeat < 1 || p->repeat > CALIBRATE_MAX_REPEAT)
		return diag_add(d, NULL, 0, 0, "calibrate: %d repetitions: expected 1 to %d", p->repeat,
				CALIBRATE_MAX_REPEAT);
	if (sodium_init() < 0)
		return diag_add(d, NULL, 0, 0, "calibrate: libsodium could not be initialized");
	unsigned char buf[MSG], out[MSG + 64], key[32];
	for (int i = 0; i < MSG; i++)
		buf[i] = (unsigned char)(i * 31 + 7);
	for (int i = 0; i < 32; i++)
		key[i] = (unsigned char)i;
	c->aes = crypto_aead_aes256gcm_is_available() != 0;
	double *v = malloc(3 * (size_t)p->repeat * sizeof *v);
	if (v == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	double *sha = v, *b2 = v + p->repeat, *aead = v + 2 * p->repeat;
	for (int i = 0; i < p->repeat; i++) {
		sha[i] = measure(SHA256, p->seconds, buf, out, key);
		b2[i] = measure(BLAKE2B, p->seconds, buf, out, key);
		aead[i] = measure(c->aes ? AES_GCM : CHACHA, p->seconds, buf, out, key);
		if (sha[i] < 0 || b2[i] < 0 || aead[i] < 0) {
			free(v);
			return diag_add(d, NULL, 0, 0, "calibrate: the process CPU clock is not available: %s",
					strerror(errno));
		}
	}
	c->sha256 = spread(sha, p->repeat);
	c->blake2b = spread(b2, p->repeat);
	c->aead = spread(aead, p->repeat);
	free(v);
	c->seconds = p->seconds;
	c->repeat = p->repeat;
	c->library_version = sodium_version_string();
	return 0;
}

/* --- calibrate_read --- */

/* Reads one line of f into line (at most LINE_MAX_BYTES, NUL-terminated, newline dropped); the
 * rest of a longer line is consumed. 1: a line, 0: end of file, -1: read error. *len is the
 * line's full length, *nul whether it held a NUL byte. */
static int read_line(FILE *f, char *line, size_t *len, bool *nul)
{
	int ch;
	*len = 0;
	*nul = false;
	while ((ch = getc(f)) != EOF && ch != '\n') {
		if (ch == '\0')
			*nul = true;
		if (*len < LINE_MAX_BYTES)
			line[*len] = (char)ch;
		(*len)++;
	}
	line[*len < LINE_MAX_BYTES ? *len : LINE_MAX_BYTES] = '\0';
	if (ferror(f))
		return -1;
	return ch == EOF && *len == 0 ? 0 : 1;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

int calibrate_read(const char *path, struct calibrate_figures *f, struct diag *d)
{
	FILE *in = fopen(path, "r");
	if (in == NULL)
		return diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
	static const char *const keys[2] = { "cipher_bps", "hash_bps" };
	double val[2] = { 0, 0 };
	long key_line[2] = { 0, 0 }, section_line = 0, lineno = 0;
	int before = diag_errors(d), rc;
	char buf[LINE_MAX_BYTES + 1];
	size_t len;
	bool nul;
	while ((rc = read_line(in, buf, &len, &nul)) == 1) {
		lineno++;
		if (nul) {
			diag_add(d, path, lineno, 0, "a NUL byte in the line");
			continue;
		}
		if (len > LINE_MAX_BYTES) {
			diag_add(d, path, lineno, 0, "line longer than %d bytes", LINE_MAX_BYTES);
			continue;
		}
		char *s = trim(buf);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			if (strcmp(s, "[security]") != 0)
				diag_add(d, path, lineno, 0, "section %s: calibrate's output has only [security]", s);
			else if (section_line > 0)
				diag_add(d, path, lineno, 0, "[security] again (first at line %ld)", section_line);
			else
				section_line = lineno;
			continue;
		}
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			diag_add(d, path, lineno, 0, "\"%s\": expected key = value", s);
			continue;
		}
		*eq = '\0';
		char *key = trim(s), *value = trim(eq + 1);
		int k = strcmp(key, keys[0]) == 0 ? 0 : strcmp(key, keys[1]) == 0 ? 1 : -1;
		if (k < 0) {
			diag_add(d, path, lineno, 0, "\"%s\" is not a calibration key (cipher_bps, hash_bps)", key);
			continue;
		}
		if (section_line == 0) {
			diag_add(d, path, lineno, 0, "%s before [security]", key);
			continue;
		}
		if (key_line[k] > 0) {
			diag_add(d, path, lineno, 0, "%s given twice (lines %ld and %ld)", key, key_line[k], lineno);
			continue;
		}
		char *end;
		errno = 0;
		double x = strtod(value, &end);
		if (*value == '\0' || *end != '\0' || errno != 0 || !isfinite(x) || !(x > 0)) {
			diag_add(d, path, lineno, 0, "%s = \"%s\": expected bytes/s, a number > 0", key, value);
			continue;
		}
		key_line[k] = lineno;
		val[k] = x;
	}
	if (rc < 0)
		diag_add(d, path, 0, 0, "read error: %s", strerror(errno));
	fclose(in);
	for (int k = 0; k < 2 && rc == 0; k++)
		if (key_line[k] == 0)
			diag_add(d, path, 0, 0, "no %s (a [security] line of greenmig calibrate)", keys[k]);
	if (diag_errors(d) > before)
		return -1;
	f->cipher_bps = val[0];
	f->hash_bps = val[1];
	return 0;
}
