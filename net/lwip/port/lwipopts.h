/*
 * lwIP 2.1.3 options for unik: NO_SYS=0 on unik's cooperative threads,
 * sized for a server (about 100 concurrent TCP connections, a 1 MiB file
 * per response). Everything not set here is lwIP's default (lwip/opt.h).
 * The per-target part (which system headers lwIP shares with the app) is
 * lwip_target.h, found in port/<target>/ through the fragment's CFLAGS.
 */
#ifndef UNIK_LWIPOPTS_H
#define UNIK_LWIPOPTS_H

#include "lwip_target.h"

/* ---- OS integration ------------------------------------------------ */
#define NO_SYS 0
#define LWIP_TIMERS 1
/* SYS_ARCH_PROTECT is defined in arch/sys_arch.h (a no-op: see there). */
#define SYS_LIGHTWEIGHT_PROT 1
/* API calls run the core directly under the core lock (no message to the
 * tcpip thread and back): fewer context switches per socket call. */
#define LWIP_TCPIP_CORE_LOCKING 1
/* Drivers hand frames over from scheduler context, where nothing may
 * block: input goes through the tcpip mailbox, never takes the lock. */
#define LWIP_TCPIP_CORE_LOCKING_INPUT 0
/* Catch core calls without the lock, e.g. from an event handler. */
#define LWIP_ASSERT_CORE_LOCKED() sys_check_core_locking()
#define LWIP_MARK_TCPIP_THREAD() sys_mark_tcpip_thread()
#define LWIP_RAND() sys_rand32()
#define TCPIP_THREAD_NAME "tcpip"
#define TCPIP_THREAD_STACKSIZE (64 * 1024)
#define TCPIP_THREAD_PRIO 1
#define DEFAULT_THREAD_STACKSIZE (64 * 1024)
#define TCPIP_MBOX_SIZE 1024
#define DEFAULT_TCP_RECVMBOX_SIZE 128
#define DEFAULT_UDP_RECVMBOX_SIZE 128
#define DEFAULT_RAW_RECVMBOX_SIZE 32
#define DEFAULT_ACCEPTMBOX_SIZE 128
#define LWIP_ERRNO_STDINCLUDE 1 /* errno values of the target's libc */

/* ---- memory -------------------------------------------------------- */
#define MEM_ALIGNMENT 8
/* The heap for outgoing TCP data (sockets copy into PBUF_RAM): 2 MiB is
 * ~45 connections with a full send buffer; more wait for ACKs. */
#define MEM_SIZE (2 * 1024 * 1024)
/* Received frames: 1024 x 1.6 KiB. The pool also holds data queued for
 * the app, up to TCP_WND per connection that is not read. */
#define PBUF_POOL_SIZE 1024
#define PBUF_POOL_BUFSIZE 1536 /* a whole 1514-byte frame in one pbuf */
#define MEMP_NUM_PBUF 256
#define MEMP_NUM_RAW_PCB 8
#define MEMP_NUM_UDP_PCB 32
#define MEMP_NUM_TCP_PCB 256      /* connections, TIME_WAIT included */
#define MEMP_NUM_TCP_PCB_LISTEN 16
#define MEMP_NUM_TCP_SEG 4096
#define MEMP_NUM_NETBUF 256
#define MEMP_NUM_NETCONN 256      /* = sockets, see LWIP_SOCKET_OFFSET */
#define MEMP_NUM_SELECT_CB 32     /* threads in select()/poll() at once */
#define MEMP_NUM_TCPIP_MSG_API 64
#define MEMP_NUM_TCPIP_MSG_INPKT 1024 /* frames queued for the tcpip thread */
#define MEMP_NUM_ARP_QUEUE 64
#define MEMP_NUM_ND6_QUEUE 64
#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 8)

/* ---- protocols ----------------------------------------------------- */
#define LWIP_ETHERNET 1
#define LWIP_ARP 1
#define ETHARP_SUPPORT_STATIC_ENTRIES 1
#define LWIP_IPV4 1
#define LWIP_ICMP 1
#define LWIP_RAW 1
#define LWIP_IGMP 1
#define LWIP_DHCP 1
#define LWIP_DNS 1
#define DNS_MAX_SERVERS 2
#define LWIP_DHCP_MAX_DNS_SERVERS DNS_MAX_SERVERS
#define IP_REASSEMBLY 1
#define IP_FRAG 1
#define LWIP_IPV6 1
#define LWIP_IPV6_AUTOCONFIG 1     /* link-local + SLAAC from router adverts */
#define LWIP_IPV6_MLD 1
/* No duplicate address detection: an address is usable at once instead of
 * ~1 s after start-up. Addresses come from the (unique) MAC; a clash is a
 * configuration error that DAD would only report, not fix. */
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS 0
#define LWIP_IPV6_NUM_ADDRESSES 3
#define LWIP_IPV6_FRAG 1
#define IPV6_FRAG_COPYHEADER 1     /* required with 64-bit pointers */
#define LWIP_IPV6_DHCP6 0
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_HAVE_LOOPIF 1         /* 127.0.0.1 and ::1 work */
#define LWIP_NETIF_LOOPBACK 1
#define LWIP_NETIF_HOSTNAME 1      /* sent in DHCP requests */
#define LWIP_SINGLE_NETIF 0

/* ---- TCP: windows for a server on a LAN ------------------------------ */
#define TCP_MSS 1460
#define TCP_WND (32 * TCP_MSS)     /* 46720: below 64 KiB, no window scaling */
#define TCP_SND_BUF (32 * TCP_MSS)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_OVERSIZE TCP_MSS
#define TCP_QUEUE_OOSEQ 1
#define TCP_LISTEN_BACKLOG 1
#define TCP_DEFAULT_LISTEN_BACKLOG 128
#define LWIP_TCP_KEEPALIVE 1
#define LWIP_CHECKSUM_ON_COPY 1    /* sum while copying in send() */
/* Checksums: generated and checked in software (offload comes later). */
#define CHECKSUM_GEN_IP 1
#define CHECKSUM_GEN_UDP 1
#define CHECKSUM_GEN_TCP 1
#define CHECKSUM_GEN_ICMP 1
#define CHECKSUM_GEN_ICMP6 1
#define CHECKSUM_CHECK_IP 1
#define CHECKSUM_CHECK_UDP 1
#define CHECKSUM_CHECK_TCP 1
#define CHECKSUM_CHECK_ICMP 1
#define CHECKSUM_CHECK_ICMP6 1

/* ---- APIs ---------------------------------------------------------- */
#define LWIP_NETCONN 1
#define LWIP_SOCKET 1
/* Sockets are fds 512..767 on every target: clear of newlib's 0-2 and of
 * the host's low fds on unix (which reserves the range, sock_unix.c). */
#define LWIP_SOCKET_OFFSET 512
#define LWIP_POSIX_SOCKETS_IO_NAMES 0 /* read/write/close: the libc's */
#define LWIP_SOCKET_SELECT 1
#define LWIP_SOCKET_POLL 1
#define LWIP_SO_SNDTIMEO 1
#define LWIP_SO_RCVTIMEO 1
#define LWIP_SO_RCVBUF 1
#define LWIP_SO_LINGER 1
#define SO_REUSE 1
#define LWIP_NETIF_API 0
#define LWIP_STATS 0

#endif
