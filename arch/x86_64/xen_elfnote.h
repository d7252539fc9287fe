/*
 * Xen ELF notes for GNU as (include from .S files only). The domain builder
 * reads them from the PT_NOTE segment: name "Xen", type XEN_ELFNOTE_*.
 */
#ifndef UNIK_X86_XEN_ELFNOTE_H
#define UNIK_X86_XEN_ELFNOTE_H

#include <xen/elfnote.h>

.macro xen_elfnote type:req, desc:vararg
	.pushsection .note.Xen, "a", @note
	.p2align 2
	.long 2f - 1f
	.long 4f - 3f
	.long \type
1:	.asciz "Xen"
2:	.p2align 2
3:	\desc
4:	.p2align 2
	.popsection
.endm

#endif
