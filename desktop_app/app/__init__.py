"""The program's start: the window, the command line and its per-area commands, the self-test, the single-instance and crash guards."""
