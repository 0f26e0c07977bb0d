/*
 * tracefmt_map: the hash tables of the published-trace readers (tracefmt_internal.h): a string
 * -> index map (open addressing, FNV-1a) and a set of 64-bit name hashes.
 */
#include "tracefmt_internal.h"

#include <stdlib.h>
#include <string.h>

/* --- maps and sets --- */

uint64_t fmt_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

uint64_t fmt_table_hash(const char *s, size_t len)
{
	/* 8 bytes at a time: the tables' hash, never in any output (unlike fmt_hash) */
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, s + i, len - i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 29);
}

int fmt_map_init(struct fmt_map *m, size_t n)
{
	m->cap = 16;
	while (m->cap < 2 * n + 2)
		m->cap *= 2;
	m->n = 0;
	m->keys = calloc(m->cap, sizeof *m->keys);
	m->idx = calloc(m->cap, sizeof *m->idx);
	if (m->keys == NULL || m->idx == NULL) {
		fmt_map_fini(m);
		return -1;
	}
	return 0;
}

int fmt_map_put(struct fmt_map *m, char *key, uint32_t i)
{
	if (2 * (m->n + 1) > m->cap) {
		struct fmt_map g;
		if (fmt_map_init(&g, 2 * m->n + 2) != 0)
			return -1;
		for (size_t j = 0; j < m->cap; j++)
			if (m->keys[j] != NULL)
				fmt_map_put(&g, m->keys[j], m->idx[j]);
		fmt_map_fini(m);
		*m = g;
	}
	size_t len = strlen(key);
	size_t j = (size_t)fmt_table_hash(key, len) & (m->cap - 1);
	while (m->keys[j] != NULL) {
		if (strcmp(m->keys[j], key) == 0)
			return 0;
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->idx[j] = i;
	m->n++;
	return 1;
}

long fmt_map_get(const struct fmt_map *m, const char *key, size_t len)
{
	return fmt_map_get_hashed(m, key, len, fmt_table_hash(key, len));
}

long fmt_map_get_hashed(const struct fmt_map *m, const char *key, size_t len, uint64_t h)
{
	size_t j = (size_t)h & (m->cap - 1);
	while (m->keys[j] != NULL) {
		if (strncmp(m->keys[j], key, len) == 0 && m->keys[j][len] == '\0')
			return (long)m->idx[j];
		j = (j + 1) & (m->cap - 1);
	}
	return -1;
}

void fmt_map_fini(struct fmt_map *m)
{
	free(m->keys);
	free(m->idx);
	m->keys = NULL;
	m->idx = NULL;
}

int fmt_set_add(struct fmt_set *s, uint64_t h)
{
	if (h == 0)
		h = 1;
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 1024;
		uint64_t *nh = calloc(cap, sizeof *nh);
		if (nh == NULL)
			return -1;
		for (size_t i = 0; i < s->cap; i++)
			if (s->h[i] != 0) {
				size_t j = (size_t)(s->h[i] >> 7) & (cap - 1);
				while (nh[j] != 0)
					j = (j + 1) & (cap - 1);
				nh[j] = s->h[i];
			}
		free(s->h);
		s->h = nh;
		s->cap = cap;
	}
	size_t j = (size_t)(h >> 7) & (s->cap - 1);
	while (s->h[j] != 0) {
		if (s->h[j] == h)
			return 0;
		j = (j + 1) & (s->cap - 1);
	}
	s->h[j] = h;
	s->n++;
	return 1;
}

bool fmt_set_has(const struct fmt_set *s, uint64_t h)
{
	if (h == 0)
		h = 1;
	if (s->cap == 0)
		return false;
	size_t j = (size_t)(h >> 7) & (s->cap - 1);
	while (s->h[j] != 0) {
		if (s->h[j] == h)
			return true;
		j = (j + 1) & (s->cap - 1);
	}
	return false;
}

void fmt_set_fini(struct fmt_set *s)
{
	free(s->h);
	s->h = NULL;
	s->cap = s->n = 0;
}
