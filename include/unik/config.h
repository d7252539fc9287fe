/*
 * What the manifest said, as seen at run time. mk/app.mk generates the
 * definitions (config.c in the app's build folder) from the values
 * unik-configure wrote into the app's Makefile.
 */
#ifndef UNIK_CONFIG_H
#define UNIK_CONFIG_H

extern const char unik_config_name[];       /* manifest `name` */
extern const unsigned long unik_config_memory_mb; /* manifest `memory` */
/* Network defaults, overridable on the command line (docs/NETWORK.md):
 * `ip` is "dhcp", "A.B.C.D/N", or "" when the manifest asks for none. */
extern const char unik_config_net_ip[];
extern const char unik_config_net_gateway[];
extern const char unik_config_net_dns[];
/* Manifest `mount`: "/www:tar:0 /data:cow:1:format", or ""; libos/vfs-posix
 * mounts it at start-up unless unik.mount=... replaces it. */
extern const char unik_config_mounts[];

#endif
