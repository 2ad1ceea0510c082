"""The checked-in Sparkplug B module is what protoc makes of the checked-in Tahu schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from google.protobuf.descriptor_pb2 import DescriptorProto, FileDescriptorProto, FileDescriptorSet

from sync.machines.sparkplug import sparkplug_b_pb2 as pb

HERE = Path(pb.__file__).parent
PROTO = HERE / "sparkplug_b.proto"


def _without_json_names(message: DescriptorProto) -> None:
    for field in message.field:
        field.ClearField("json_name")
    for nested in message.nested_type:
        _without_json_names(nested)


def test_the_schema_is_tahus_with_its_licence() -> None:
    text = PROTO.read_text()
    assert "SPDX-License-Identifier: EPL-2.0" in text
    assert "package org.eclipse.tahu.protobuf;" in text
    assert 'syntax = "proto2";' in text


def test_the_generated_module_matches_the_schema(tmp_path: Path) -> None:
    protoc = pytest.importorskip("grpc_tools.protoc", reason="grpcio-tools (test extra)")
    out = tmp_path / "set.pb"
    args = ["protoc", f"-I{HERE}", f"--descriptor_set_out={out}", f"--python_out={tmp_path}"]
    assert protoc.main([*args, f"--pyi_out={tmp_path}", str(PROTO)]) == 0
    [fresh] = FileDescriptorSet.FromString(out.read_bytes()).file
    for message in fresh.message_type:
        _without_json_names(message)  # the descriptor set has them; generated code does not
    assert FileDescriptorProto.FromString(pb.DESCRIPTOR.serialized_pb) == fresh
    # With the same protoc, the very same text (else the descriptor check above is the test).
    generated = (tmp_path / "sparkplug_b_pb2.py").read_text()
    checked_in = (HERE / "sparkplug_b_pb2.py").read_text()
    version = next(line for line in checked_in.splitlines() if "Protobuf Python Version" in line)
    if version in generated:
        assert generated == checked_in
        assert (tmp_path / "sparkplug_b_pb2.pyi").read_text() == (
            HERE / "sparkplug_b_pb2.pyi"
        ).read_text()
