/* lwIP's compiler and platform glue for unik (both targets). */
#ifndef UNIK_LWIP_CC_H
#define UNIK_LWIP_CC_H

#include "lwip_target.h"

#include <unik/unik.h>

#include <stdint.h>

#define LWIP_PLATFORM_DIAG(x)                                                  \
	do {                                                                   \
		unik_printk x;                                                 \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x) unik_panic(__FILE__, __LINE__, "lwIP: %s", x)

/* Byte swaps as single instructions. */
#define lwip_htons(x) ((u16_t)__builtin_bswap16(x))
#define lwip_htonl(x) ((u32_t)__builtin_bswap32(x))

/* Random numbers for ports, ISNs, DHCP xids (sys_arch.c): not secret. */
uint32_t sys_rand32(void);
/* LWIP_ASSERT_CORE_LOCKED and LWIP_MARK_TCPIP_THREAD (sys_arch.c). */
void sys_check_core_locking(void);
void sys_mark_tcpip_thread(void);

#endif
