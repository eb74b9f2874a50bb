"""Tests of advocacy._matching."""
