/* Ethernet addresses for the TAP driver; pure, unit-tested on the host. */
#ifndef UNIK_TAP_MAC_H
#define UNIK_TAP_MAC_H

#include <stddef.h>
#include <stdint.h>

/* "52:54:00:12:34:56" (hex pairs, ':' or '-'): 0, or -EINVAL for a
 * malformed, multicast or all-zero address. */
int mac_parse(const char *s, uint8_t mac[6]);

/* Turn 6 random bytes into a locally administered unicast address. */
void mac_make_local(uint8_t mac[6]);

/*
 * Split a comma-separated list of names ("tap0,tap1") into at most max
 * names of at most 15 characters. Returns the number of names, or
 * -EINVAL (empty name, name too long, more than max).
 */
int tap_split_names(const char *s, char names[][16], int max);

#endif
