/*
 * net_dhcp: the manifest asks for DHCP (ip = dhcp), so start-up waits for
 * the lease (the console shows "... 10.99.0.2/24 gw 10.99.0.1 (dhcp)").
 * The lease also names the DNS server: the app resolves gw.unik.test
 * through it with getaddrinfo(), then serves; the client checks that the
 * only address the DHCP server hands out answers.
 */
#include <unik/unik.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "net_test.h"
#include "unik_test.h"

#define NAME "net_dhcp"

int main(void)
{
	struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *ai;
	char a[INET_ADDRSTRLEN] = "";
	int rc = getaddrinfo("gw.unik.test", "80", &hints, &ai);

	CHECK(NAME, rc == 0, "getaddrinfo(gw.unik.test): %s", gai_strerror(rc));
	inet_ntop(AF_INET, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, a, sizeof(a));
	CHECK(NAME, strcmp(a, "10.99.0.1") == 0, "gw.unik.test is %s, want 10.99.0.1", a);
	CHECK(NAME, ntohs(((struct sockaddr_in *)ai->ai_addr)->sin_port) == 80, "port");
	freeaddrinfo(ai);
	printf("net_dhcp: gw.unik.test is %s (DNS from the lease)\n", a);
	TEST_READY(NAME);
	for (;;)
		unik_sleep_ms(1000);
}
