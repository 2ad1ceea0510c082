"""Sparkplug B 3.0: the Tahu payload schema, a pure host-side session tracker, an edge node.

`sparkplug_b.proto` is eclipse/tahu's `sparkplug_b/sparkplug_b.proto` as of commit 46f25e7
(the schema's last change), unmodified, under its own licence (EPL-2.0, see its header).
`sparkplug_b_pb2.py` and `.pyi` are generated from it, once, and checked in (tahu's own
generated module predates protobuf 4 and no longer loads). To regenerate, from this folder:

    ../../../.venv/bin/python -m grpc_tools.protoc -I. --python_out=. --pyi_out=. sparkplug_b.proto

tests/machines/test_schema.py checks that the module still matches the .proto.
"""
