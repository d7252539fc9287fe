/* Ethernet addresses and name lists for the TAP driver (see mac.h). */
#include "mac.h"

#include <errno.h>
#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int mac_parse(const char *s, uint8_t mac[6])
{
	uint8_t m[6];
	unsigned any = 0;

	for (int i = 0; i < 6; i++) {
		int hi = hexval(s[0]), lo = hi < 0 ? -1 : hexval(s[1]);

		if (lo < 0)
			return -EINVAL;
		m[i] = (uint8_t)(hi << 4 | lo);
		any |= m[i];
		s += 2;
		if (i < 5 && *s != ':' && *s != '-')
			return -EINVAL;
		if (i < 5)
			s++;
	}
	if (*s != '\0' || (m[0] & 1) || !any)
		return -EINVAL; /* trailing junk, multicast, 00:00:00:00:00:00 */
	memcpy(mac, m, 6);
	return 0;
}

void mac_make_local(uint8_t mac[6])
{
	mac[0] = (uint8_t)((mac[0] & 0xfe) | 0x02);
}

int tap_split_names(const char *s, char names[][16], int max)
{
	int n = 0;

	for (;;) {
		size_t len = strcspn(s, ",");

		if (len == 0 || len > 15 || n == max)
			return -EINVAL;
		memcpy(names[n], s, len);
		names[n][len] = '\0';
		n++;
		if (s[len] == '\0')
			return n;
		s += len + 1;
	}
}
