/*
 * HTTP dates (RFC 9110 5.6.7), without the C library's time functions:
 * gmtime/timegm are not in every libc unik links (newlib has no timegm),
 * and these need no locale or time zone. Civil-from-days arithmetic after
 * H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".
 */
#include "http_impl.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char wdays[7][4] = {"Sun", "Mon", "Tue", "Wed",
				 "Thu", "Fri", "Sat"};
static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void http_date_format(int64_t t, char *out)
{
	int64_t z, era, y;
	unsigned doe, yoe, doy, mp, d, m, sec;

	if (t < 0)
		t = 0;
	if (t > 253402300799) /* 9999-12-31 23:59:59 */
		t = 253402300799;
	z = t / 86400;
	sec = (unsigned)(t % 86400);
	z += 719468;
	era = z / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, HTTP_DATE_LEN + 1, "%s, %02u %s %04d %02u:%02u:%02u GMT",
		 wdays[(t / 86400 + 4) % 7], d, months[m - 1], (int)y,
		 sec / 3600, sec / 60 % 60, sec % 60);
}

/* ---- parsing: a cursor over the field value ------------------------------ */

struct cur {
	const char *p, *e;
};

static bool lit(struct cur *c, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(c->e - c->p) < n || memcmp(c->p, s, n) != 0)
		return false;
	c->p += n;
	return true;
}

static bool num(struct cur *c, int digits, int *out)
{
	int v = 0;

	if (c->e - c->p < digits)
		return false;
	for (int i = 0; i < digits; i++) {
		if (c->p[i] < '0' || c->p[i] > '9')
			return false;
		v = v * 10 + (c->p[i] - '0');
	}
	c->p += digits;
	*out = v;
	return true;
}

static bool month(struct cur *c, int *m)
{
	for (int i = 0; i < 12; i++) {
		if (lit(c, months[i])) {
			*m = i + 1;
			return true;
		}
	}
	return false;
}

static bool weekday(struct cur *c, bool long_name)
{
	const char *start = c->p;

	while (c->p < c->e && ((*c->p >= 'a' && *c->p <= 'z') ||
			       (*c->p >= 'A' && *c->p <= 'Z')))
		c->p++;
	return long_name ? c->p - start >= 6 : c->p - start == 3;
}

static bool hms(struct cur *c, int *h, int *mi, int *s)
{
	return num(c, 2, h) && lit(c, ":") && num(c, 2, mi) && lit(c, ":") &&
	       num(c, 2, s);
}

int http_date_parse(struct http_str s, int64_t *t)
{
	struct cur c = {s.p, s.p + s.n};
	int y, m, d, h, mi, sec;
	bool ok;

	if (!weekday(&c, false)) {
		/* RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT" */
		c.p = s.p;
		ok = weekday(&c, true) && lit(&c, ", ") && num(&c, 2, &d) &&
		     lit(&c, "-") && month(&c, &m) && lit(&c, "-") &&
		     num(&c, 2, &y) && lit(&c, " ") && hms(&c, &h, &mi, &sec) &&
		     lit(&c, " GMT");
		y += y < 70 ? 2000 : 1900;
	} else if (lit(&c, ", ")) {
		/* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" */
		ok = num(&c, 2, &d) && lit(&c, " ") && month(&c, &m) &&
		     lit(&c, " ") && num(&c, 4, &y) && lit(&c, " ") &&
		     hms(&c, &h, &mi, &sec) && lit(&c, " GMT");
	} else {
		/* asctime: "Sun Nov  6 08:49:37 1994" */
		ok = lit(&c, " ") && month(&c, &m) && lit(&c, " ") &&
		     (lit(&c, " ") ? num(&c, 1, &d) : num(&c, 2, &d)) &&
		     lit(&c, " ") && hms(&c, &h, &mi, &sec) && lit(&c, " ") &&
		     num(&c, 4, &y);
	}
	if (!ok || c.p != c.e || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return -EINVAL;
	*t = days_from_civil(y, (unsigned)m, (unsigned)d) * 86400 + h * 3600 +
	     mi * 60 + sec;
	return 0;
}
