"""Tests of advocacy._gamification."""
