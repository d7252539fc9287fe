/*
 * The Xen public headers the xen platform uses, in one place. Built with
 * -D__XEN_INTERFACE_VERSION__=__XEN_LATEST_INTERFACE_VERSION__ (see
 * mk/target-xen.mk): without it xen/event_channel.h and friends describe
 * the pre-3.0 interface.
 */
#ifndef UNIK_XEN_HEADERS_H
#define UNIK_XEN_HEADERS_H

#include <stdint.h>

#include <xen/arch-x86/hvm/start_info.h>
#include <xen/event_channel.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/io/console.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>
#include <xen/xen.h>

#endif
