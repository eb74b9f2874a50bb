"""Tests of advocacy._program."""
