"""The demo database of fictional data (`make run`)."""
