# lwip: lwIP 2.1.3 (from build/deps) on unik threads, one netif per network
# device, BSD sockets for apps on both targets. See docs/NETWORK.md.
LIB        := lwip
REQUIRES   := core netdev netdrv libc
SRCS       := sys_arch.c mbox_ring.c ethif.c stack.c netcfg.c
# unix: apps use glibc's headers; their socket calls are redirected here.
SRCS_unix  := sock_unix.c sock_unix_io.c sock_xlate.c sock_bridge.c
# xen: apps use net/lwip/include (exported to the app and every library, as
# newlib has no socket headers); read/write/close reach lwIP via the libc.
SRCS_xen   := sockfd_xen.c
CFLAGS     := -I$(UNIK_ROOT)/net/lwip/port -I$(LWIP_DIR)/src/include
CFLAGS_unix := -I$(UNIK_ROOT)/net/lwip/port/unix
EXPORT_CFLAGS_xen := -I$(UNIK_ROOT)/net/lwip/include -I$(UNIK_ROOT)/net/lwip/port -I$(UNIK_ROOT)/net/lwip/port/xen -I$(LWIP_DIR)/src/include -DFD_SETSIZE=1024
LDFLAGS_unix := -Wl,--wrap=socket,--wrap=bind,--wrap=connect,--wrap=listen,--wrap=accept,--wrap=accept4,--wrap=getsockname,--wrap=getpeername,--wrap=shutdown,--wrap=setsockopt,--wrap=getsockopt,--wrap=close,--wrap=fcntl,--wrap=fcntl64,--wrap=ioctl,--wrap=send,--wrap=sendto,--wrap=sendmsg,--wrap=recv,--wrap=recvfrom,--wrap=recvmsg,--wrap=read,--wrap=write,--wrap=readv,--wrap=writev,--wrap=__read_chk,--wrap=__recv_chk,--wrap=poll,--wrap=__poll_chk,--wrap=select,--wrap=getaddrinfo
EXT_DIR    := $(LWIP_DIR)/src
EXT_SRCS   := core/init.c core/def.c core/dns.c core/inet_chksum.c core/ip.c core/mem.c core/memp.c core/netif.c core/pbuf.c core/raw.c core/stats.c core/sys.c core/tcp.c core/tcp_in.c core/tcp_out.c core/timeouts.c core/udp.c core/ipv4/dhcp.c core/ipv4/etharp.c core/ipv4/icmp.c core/ipv4/igmp.c core/ipv4/ip4_frag.c core/ipv4/ip4.c core/ipv4/ip4_addr.c core/ipv6/ethip6.c core/ipv6/icmp6.c core/ipv6/inet6.c core/ipv6/ip6.c core/ipv6/ip6_addr.c core/ipv6/ip6_frag.c core/ipv6/mld6.c core/ipv6/nd6.c api/api_lib.c api/api_msg.c api/err.c api/if_api.c api/netbuf.c api/netdb.c api/sockets.c api/tcpip.c netif/ethernet.c
UNIT_TESTS := test_netcfg test_mbox_ring test_xlate test_cmdline
UNIT_SRCS  := netcfg.c mbox_ring.c sock_xlate.c ../../libos/core/cmdline.c tests/printk_stub.c
UNIT_CFLAGS := -I$(UNIK_ROOT)/net/lwip/port
