/*
 * What the manifest said, as seen at run time. mk/app.mk generates the
 * definitions (config.c in the app's build folder) from the values
 * unik-configure wrote into the app's Makefile.
 */
#ifndef UNIK_CONFIG_H
#define UNIK_CONFIG_H

extern const char unik_config_name[];       /* manifest `name` */
extern const unsigned long unik_config_memory_mb; /* manifest `memory` */

#endif
