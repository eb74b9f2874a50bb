"""Tests of advocacy._io."""
