"""Tests of the seeded demo program (`advocacy.synthetic`)."""
