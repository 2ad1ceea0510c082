"""Connections to the ERP: read the plan and master data, write back what happened.

One interface (`base.ErpAdapter`), one adapter per ERP, chosen by configuration. Only
the central server talks to the ERP.
"""
