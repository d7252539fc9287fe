# Names the xen library directly: usable only on xen.
LIB      := blk

REQUIRES := core xen
