"""The edge: plain data in and out, and (to come) record ingest and CRM adapters.

Everything here sits above every capability: it may read any value of the
library, and no rule imports it.
"""
