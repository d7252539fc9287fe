LIB      := netstack
REQUIRES := netdev core
