/* true: exit 0; the payload of the spawn-overhead figure (static, tiny) */
int
main(void)
{
	return 0;
}
