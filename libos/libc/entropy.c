/*
 * getentropy() from the CPU's RDRAND (newlib's arc4random seeds itself
 * through it). Xen passes RDRAND through to PVH guests when the host has
 * it; without it there is no trustworthy source in a unikernel, so the
 * call fails (ENOSYS) rather than hand out guessable bytes.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#undef errno
extern int errno;

#define RDRAND_RETRIES 10 /* Intel's advice for a transiently empty DRNG */

static bool have_rdrand(void)
{
	uint32_t a, b, c, d;

	__asm__ volatile("cpuid"
			 : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
			 : "a"(1), "c"(0));
	return (c >> 30) & 1;
}

static bool rdrand64(uint64_t *v)
{
	for (int i = 0; i < RDRAND_RETRIES; i++) {
		unsigned char ok;

		__asm__ volatile("rdrand %0; setc %1"
				 : "=r"(*v), "=qm"(ok)::"cc");
		if (ok)
			return true;
	}
	return false;
}

int getentropy(void *buf, size_t len)
{
	unsigned char *p = buf;

	if (len > 256) { /* the interface's limit, as on OpenBSD and glibc */
		errno = EIO;
		return -1;
	}
	if (!have_rdrand()) {
		errno = ENOSYS;
		return -1;
	}
	while (len) {
		uint64_t v;
		size_t n = len < sizeof(v) ? len : sizeof(v);

		if (!rdrand64(&v)) {
			errno = EIO;
			return -1;
		}
		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
	return 0;
}
