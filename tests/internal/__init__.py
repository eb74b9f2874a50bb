"""Tests of advocacy._internal."""
