"""Tests of advocacy._gaps."""
