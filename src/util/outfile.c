/*
 * outfile: atomic replacement of output files, in-place writing of non-regular targets, and the
 * registry of paths in flight for the signal handler; see outfile.h.
 *
 * The registry is a fixed array, so that the handler needs no allocation and no lock: a slot is
 * claimed with a compare-and-swap (free -> busy), its path copied, then published (busy -> file
 * or folder); the handler only reads published slots. Lock-free atomics are async-signal-safe.
 */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SLOT_FREE, SLOT_BUSY, SLOT_FILE, SLOT_DIR };

static atomic_int slot_state[OUTFILE_SLOTS];
static char slot_path[OUTFILE_SLOTS][OUTFILE_PATH_MAX];

int outfile_track(const char *path, bool is_dir)
{
	size_t n = strlen(path);
	if (n >= OUTFILE_PATH_MAX)
		return -1;
	for (int i = 0; i < OUTFILE_SLOTS; i++) {
		int expect = SLOT_FREE;
		if (!atomic_compare_exchange_strong(&slot_state[i], &expect, SLOT_BUSY))
			continue;
		memcpy(slot_path[i], path, n + 1);
		atomic_store(&slot_state[i], is_dir ? SLOT_DIR : SLOT_FILE);
		return i;
	}
	return -1;
}

void outfile_untrack(int slot)
{
	if (slot >= 0 && slot < OUTFILE_SLOTS)
		atomic_store(&slot_state[slot], SLOT_FREE);
}

void outfile_remove_in_flight(void)
{
	for (int i = 0; i < OUTFILE_SLOTS; i++)
		if (atomic_load(&slot_state[i]) == SLOT_FILE)
			unlink(slot_path[i]);
	/* Folders nest at most a few deep (DIR/.tmp/sub): each pass removes the emptied level. */
	for (int pass = 0; pass < 4; pass++)
		for (int i = 0; i < OUTFILE_SLOTS; i++)
			if (atomic_load(&slot_state[i]) == SLOT_DIR)
				rmdir(slot_path[i]);
}

static pthread_once_t umask_once = PTHREAD_ONCE_INIT;
static mode_t process_umask;

static void read_umask(void)
{
	/* umask can only be read by setting it: set the strictest value for the instant, so that a
	 * file another thread creates meanwhile is never more open than intended. */
	process_umask = umask(077);
	umask(process_umask);
}

unsigned outfile_umask(void)
{
	pthread_once(&umask_once, read_umask);
	return (unsigned)process_umask;
}

static int fail(struct outfile *o, struct diag *d, const char *path, int err)
{
	diag_add(d, path, 0, 0, "cannot write: %s", strerror(err));
	outfile_abort(o);
	return -1;
}

/* "DIR/.BASE.XXXXXX" for target "DIR/BASE" (BASE cut so that the name fits NAME_MAX). */
static char *temp_template(const char *target)
{
	const char *slash = strrchr(target, '/');
	size_t dir_len = slash != NULL ? (size_t)(slash - target) + 1 : 0;
	const char *base = target + dir_len;
	size_t base_len = strlen(base);
	if (base_len > 200)
		base_len = 200;
	size_t n = dir_len + 1 + base_len + 8;
	char *t = malloc(n);
	if (t != NULL)
		snprintf(t, n, "%.*s.%.*s.XXXXXX", (int)dir_len, target, (int)base_len, base);
	return t;
}

/*
 * The file path's symlinks lead to (path itself if it is none), a relative link taken from its
 * link's folder; NULL with errno on failure (ELOOP past 40 links). Owned by the caller.
 */
static char *resolve_links(const char *path)
{
	char *p = strdup(path);
	for (int hops = 0; p != NULL; hops++) {
		struct stat st;
		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			return p;
		if (hops == 40) {
			free(p);
			errno = ELOOP;
			return NULL;
		}
		char link[OUTFILE_PATH_MAX];
		ssize_t n = readlink(p, link, sizeof link - 1);
		if (n < 0 || (size_t)n >= sizeof link - 1) {
			free(p);
			errno = n < 0 ? errno : ENAMETOOLONG;
			return NULL;
		}
		link[n] = '\0';
		const char *slash = strrchr(p, '/');
		size_t dir_len = link[0] != '/' && slash != NULL ? (size_t)(slash - p) + 1 : 0;
		char *next = malloc(dir_len + (size_t)n + 1);
		if (next != NULL)
			snprintf(next, dir_len + (size_t)n + 1, "%.*s%s", (int)dir_len, p, link);
		free(p);
		p = next;
	}
	errno = ENOMEM;
	return NULL;
}

int outfile_open(struct outfile *o, const char *path, struct diag *d)
{
	*o = (struct outfile){ .slot = -1 };
	if (strcmp(path, "-") == 0) {
		o->f = stdout;
		o->is_stdout = true;
		return 0;
	}
	o->name = strdup(path);
	if (o->name == NULL)
		return fail(o, d, path, ENOMEM);
	struct stat st;
	unsigned mode;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT)
			return fail(o, d, path, errno);
		o->target = strdup(path);
		mode = 0666u & ~outfile_umask();
	} else {
		if (S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
			if (errno != ENOENT)
				return fail(o, d, path, errno);
			diag_add(d, path, 0, 0, "cannot write: a symbolic link to a missing file");
			outfile_abort(o);
			return -1;
		}
		if (S_ISDIR(st.st_mode))
			return fail(o, d, path, EISDIR);
		if (!S_ISREG(st.st_mode)) {
			/* a FIFO, a device, a socket: written in place, never replaced */
			o->f = fopen(path, "w");
			return o->f != NULL ? 0 : fail(o, d, path, errno);
		}
		o->target = resolve_links(path);
		if (o->target == NULL)
			return fail(o, d, path, errno);
		mode = (unsigned)st.st_mode & 07777u;
	}
	if (o->target == NULL || (o->tmp = temp_template(o->target)) == NULL)
		return fail(o, d, path, ENOMEM);
	int fd = mkstemp(o->tmp);
	if (fd < 0) {
		free(o->tmp);
		o->tmp = NULL;
		return fail(o, d, path, errno);
	}
	o->slot = outfile_track(o->tmp, false);
	if (fchmod(fd, (mode_t)mode) != 0 || (o->f = fdopen(fd, "w")) == NULL) {
		int err = errno;
		close(fd);
		return fail(o, d, path, err);
	}
	return 0;
}

int outfile_sync_dir_of(const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* some file systems cannot sync a folder (EINVAL): nothing more can be done there */
	int rc = fsync(fd) != 0 && errno != EINVAL && errno != EROFS ? -1 : 0;
	int err = errno;
	close(fd);
	errno = err;
	return rc;
}

int outfile_commit(struct outfile *o, struct diag *d)
{
	if (o->is_stdout) {
		if (fflush(stdout) != 0)
			return diag_add(d, "<stdout>", 0, 0, "write error: %s", strerror(errno));
		return 0;
	}
	if (o->tmp == NULL) {
		int rc = fclose(o->f);
		o->f = NULL;
		return rc != 0 ? fail(o, d, o->name, errno) : (outfile_abort(o), 0);
	}
	if (fflush(o->f) != 0 || fsync(fileno(o->f)) != 0)
		return fail(o, d, o->name, errno);
	int rc = fclose(o->f);
	o->f = NULL;
	if (rc != 0 || rename(o->tmp, o->target) != 0)
		return fail(o, d, o->name, errno);
	free(o->tmp); /* renamed: nothing to remove */
	o->tmp = NULL;
	/* the rename itself is durable once the folder is synced */
	if (outfile_sync_dir_of(o->target) != 0) {
		int err = errno;
		diag_add(d, o->name, 0, 0, "written, but its folder could not be synced: %s", strerror(err));
		outfile_abort(o);
		return -1;
	}
	outfile_abort(o);
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (o->f != NULL && !o->is_stdout)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp != NULL)
		unlink(o->tmp);
	outfile_untrack(o->slot);
	o->slot = -1;
	free(o->tmp);
	free(o->target);
	free(o->name);
	o->tmp = o->target = o->name = NULL;
}

int outfile_write(const char *path, int (*write)(FILE *, const void *), const void *ctx,
		  struct diag *d)
{
	struct outfile o;
	if (outfile_open(&o, path, d) != 0)
		return -1;
	errno = 0;
	if (write(o.f, ctx) != 0) {
		int err = errno != 0 ? errno : EIO;
		if (o.is_stdout)
			return diag_add(d, "<stdout>", 0, 0, "write error: %s", strerror(err));
		return fail(&o, d, path, err);
	}
	return outfile_commit(&o, d);
}
