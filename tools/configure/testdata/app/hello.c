/* Fixture: a source named in test manifests. */
int main(void)
{
	return 0;
}
