"""Tests of advocacy._impact."""
