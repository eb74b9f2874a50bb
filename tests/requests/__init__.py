"""Tests of advocacy._requests."""
