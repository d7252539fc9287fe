/*
 * The few libgcc helpers gcc may call. Debian's libgcc.a is built with
 * the red zone, which an image with interrupt handlers on the same stack
 * must not use (notes/deps.md), so it is not linked; what code needs is
 * provided here, each one tiny.
 */
int __popcountdi2(long long a);
int __popcountsi2(int a);

int __popcountdi2(long long a)
{
	unsigned long long x = (unsigned long long)a;
	int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

int __popcountsi2(int a)
{
	return __popcountdi2((long long)(unsigned)a);
}
