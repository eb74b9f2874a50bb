"""Tests of advocacy._scoring."""
