# tools/xenlab.d/demux.awk - pull the files that dom0/run-guests framed on the console out of
# the host's serial log (awk -v tmp=DIR). Writes DIR/<path, / as %>.b64 and prints a manifest:
#   <path> <size> <md5> ok|<what went wrong>
# Frame lines are "[ seconds] @@XL ..." (the host's timestamp, maybe a \r from Xen): only dom0
# writes at the start of a line; Xen's and guests' lines start "(XEN)" or "(dN)".
BEGIN {
    PATHRE = "^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$"
    B64RE = "^[A-Za-z0-9+/=]+$"
}
{
    sub(/\r$/, "")
    if (!match($0, /^\[ *[0-9]+\.[0-9]+\] @@XL /)) next
    n = split(substr($0, RLENGTH + 1), f, " ")
    p = f[2]
    if (f[1] == "F") {
        if (n != 4 || p !~ PATHRE) next
        if (!(p in size)) order[++norder] = p
        size[p] = f[3]; sum[p] = f[4]; seq[p] = 0; bad[p] = ""; ended[p] = 0
        x = p; gsub("/", "%", x); file[p] = tmp "/" x ".b64"
        printf "" > file[p]
    } else if (f[1] == "D") {
        if (!(p in size) || ended[p]) next
        if (n != 4 || f[3] != seq[p] + 1 || f[4] !~ B64RE) {
            if (bad[p] == "") bad[p] = "garbled-line-" (seq[p] + 1)
            next
        }
        seq[p]++
        print f[4] > file[p]
    } else if (f[1] == "E") {
        if (!(p in size) || ended[p]) next
        if ((n != 3 || f[3] != seq[p]) && bad[p] == "") bad[p] = "lines-missing"
        ended[p] = 1
        close(file[p])
    }
}
END {
    for (k = 1; k <= norder; k++) {
        p = order[k]
        st = bad[p]
        if (st == "" && !ended[p]) st = "truncated"
        print p, size[p], sum[p], (st == "" ? "ok" : st)
    }
}
