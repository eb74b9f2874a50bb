"""Tests of advocacy._model."""
