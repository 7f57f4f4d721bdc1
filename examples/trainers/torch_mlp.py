#!/usr/bin/env python3
"""PyTorch MLP trainer for the depin segment protocol (docs/WORKLOADS.md).

NOT RUN IN CI: PyTorch is not installed on the project's machines. This is a reference for
providers who want GPU jobs in the same protocol; run it twice and compare checkpoint hashes on
your own hardware before offering it (see "PyTorch notes" in docs/WORKLOADS.md).

    torch_mlp.py --workload W.json --init --checkpoint-out OUT
    torch_mlp.py --workload W.json --segment I --checkpoint-in IN --checkpoint-out OUT
    torch_mlp.py --workload W.json --evaluate --checkpoint-in IN

Same workload description as numpy_mlp.py (kind "external", dataset/model/training members).
Determinism measures, all required:
  * torch.use_deterministic_algorithms(True): errors out instead of using a nondeterministic kernel;
  * CUBLAS_WORKSPACE_CONFIG=:4096:8 (set by the adapter; set here too before torch loads CUDA);
  * cudnn.benchmark = False, TF32 disabled for matmul and cuDNN (TF32 changes rounding by GPU);
  * float64 everywhere, a fixed manual seed, and a torch.Generator whose state is in the checkpoint;
  * single-threaded CPU ops (torch.set_num_threads(1)).
Replays are bit-identical on the same GPU model, driver, CUDA/cuDNN and PyTorch build; a validator
must use the same image and GPU class as the provider (the job spec's tier says which).

Checkpoint bytes: not torch.save (a pickle/zip with file names and timestamps that can vary) but:
    b"TCHMLP01" | sha256(workload file) 32 bytes | step u64 |
    generator-state length u32 | torch.Generator state bytes |
    layer-width count u32 | widths u32... |
    each tensor of model.state_dict() then each momentum buffer, in a fixed order, as
    big-endian float64 bytes (tensor.cpu().numpy().astype(">f8").tobytes()).

Exit status: 0 ok, 65 invalid --checkpoint-in, 1 anything else.
"""

import argparse
import hashlib
import json
import os
import struct
import sys

os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
for _name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

MAGIC = b"TCHMLP01"
INVALID_CHECKPOINT = 65
STREAM_CENTRES, STREAM_TRAIN, STREAM_TEST, STREAM_WEIGHTS, STREAM_BATCHES = 1, 2, 3, 4, 5

torch.use_deterministic_algorithms(True)
torch.backends.cudnn.benchmark = False
torch.backends.cudnn.deterministic = True
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class InvalidCheckpoint(Exception):
    pass


def decimal(text):
    return float(str(text))


def make_dataset(spec, seed, train):
    """Generated with NumPy on the CPU (as in numpy_mlp.py), then moved to the device."""
    count = spec["trainSamples"] if train else spec["testSamples"]
    classes, features = spec["classes"], spec["features"]
    noise = decimal(spec["noise"])
    rng = np.random.Generator(np.random.PCG64([STREAM_TRAIN if train else STREAM_TEST, seed]))
    labels = np.arange(count, dtype=np.int64) % classes
    if spec["kind"] == "spirals":
        t = rng.random(count)
        angle = labels * (2.0 * np.pi / classes) + 4.0 * t + noise * rng.standard_normal(count)
        inputs = np.stack([t * np.sin(angle), t * np.cos(angle)], axis=1)
    else:
        centres_rng = np.random.Generator(np.random.PCG64([STREAM_CENTRES, seed]))
        centres = 4.0 * centres_rng.random((classes, features)) - 2.0
        inputs = centres[labels] + noise * rng.standard_normal((count, features))
    return (torch.from_numpy(np.ascontiguousarray(inputs, dtype=np.float64)).to(DEVICE),
            torch.from_numpy(labels).to(DEVICE))


def build_model(sizes):
    layers = []
    for layer in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[layer - 1], sizes[layer]))
        if layer < len(sizes) - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers).to(DEVICE)


def ordered_tensors(model, optimizer):
    """state_dict tensors in key order, then each parameter's momentum buffer (zeros if none yet)."""
    state = model.state_dict()
    tensors = [state[key] for key in sorted(state.keys())]
    for parameter in model.parameters():
        buffer = optimizer.state.get(parameter, {}).get("momentum_buffer")
        tensors.append(buffer if buffer is not None else torch.zeros_like(parameter))
    return tensors


def encode(workload_hash, step, generator, sizes, model, optimizer):
    generator_state = generator.get_state().numpy().tobytes()
    out = [MAGIC, workload_hash, struct.pack(">Q", step), struct.pack(">I", len(generator_state)), generator_state,
           struct.pack(">I", len(sizes)), struct.pack(">%dI" % len(sizes), *sizes)]
    for tensor in ordered_tensors(model, optimizer):
        out.append(tensor.detach().cpu().numpy().astype(">f8").tobytes())
    return b"".join(out)


def decode(data, workload_hash, sizes, model, optimizer, generator):
    view = memoryview(data)
    position = 0

    def take(count):
        nonlocal position
        if position + count > len(view):
            raise InvalidCheckpoint("checkpoint is truncated")
        chunk = bytes(view[position:position + count])
        position += count
        return chunk

    if take(8) != MAGIC:
        raise InvalidCheckpoint("not a torch_mlp checkpoint")
    if take(32) != workload_hash:
        raise InvalidCheckpoint("checkpoint belongs to another workload")
    (step,) = struct.unpack(">Q", take(8))
    (state_length,) = struct.unpack(">I", take(4))
    generator_state = take(state_length)
    (count,) = struct.unpack(">I", take(4))
    if count != len(sizes) or list(struct.unpack(">%dI" % count, take(4 * count))) != sizes:
        raise InvalidCheckpoint("layer widths differ from the workload")
    state = model.state_dict()
    keys = sorted(state.keys())
    with torch.no_grad():
        for key in keys:
            values = np.frombuffer(take(8 * state[key].numel()), dtype=">f8").astype(np.float64)
            state[key].copy_(torch.from_numpy(values.reshape(tuple(state[key].shape))))
        for parameter in model.parameters():
            values = np.frombuffer(take(8 * parameter.numel()), dtype=">f8").astype(np.float64)
            buffer = torch.from_numpy(values.reshape(tuple(parameter.shape))).to(DEVICE)
            optimizer.state[parameter]["momentum_buffer"] = buffer
    if position != len(view):
        raise InvalidCheckpoint("%d trailing bytes" % (len(view) - position))
    generator.set_state(torch.frombuffer(bytearray(generator_state), dtype=torch.uint8))
    return step


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", required=True)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--init", action="store_true")
    mode.add_argument("--segment", type=int)
    mode.add_argument("--evaluate", action="store_true")
    parser.add_argument("--checkpoint-in")
    parser.add_argument("--checkpoint-out")
    args = parser.parse_args(argv)

    with open(args.workload, "rb") as handle:
        raw = handle.read()
    workload = json.loads(raw)
    workload_hash = hashlib.sha256(raw).digest()
    dataset, seed, training = workload["dataset"], workload["seed"], workload["training"]
    sizes = [dataset["features"]] + list(workload["model"]["hidden"]) + [dataset["classes"]]

    torch.manual_seed(seed % (2 ** 63) ^ STREAM_WEIGHTS)
    model = build_model(sizes)  # default nn.Linear init, from the manual seed
    optimizer = torch.optim.SGD(model.parameters(), lr=decimal(training["learningRate"]),
                                momentum=decimal(training.get("momentum", "0")))
    # Batch indices come from a CPU generator so their sequence does not depend on the GPU.
    generator = torch.Generator(device="cpu")
    generator.manual_seed(seed % (2 ** 63) ^ STREAM_BATCHES)

    if args.init:
        write_atomically(args.checkpoint_out, encode(workload_hash, 0, generator, sizes, model, optimizer))
        return 0

    with open(args.checkpoint_in, "rb") as handle:
        data = handle.read()
    try:
        step = decode(data, workload_hash, sizes, model, optimizer, generator)
        if args.segment is not None and step != args.segment * training["stepsPerSegment"]:
            raise InvalidCheckpoint("checkpoint is at step %d, not segment %d's start" % (step, args.segment))
    except InvalidCheckpoint as error:
        print("invalid checkpoint: %s" % error, file=sys.stderr)
        return INVALID_CHECKPOINT

    if args.evaluate:
        inputs, labels = make_dataset(dataset, seed, train=False)
        with torch.no_grad():
            logits = model(inputs)
            loss = float(torch.nn.functional.cross_entropy(logits, labels))
            correct = int((logits.argmax(dim=1) == labels).sum())
        print(json.dumps({"accuracyBps": correct * 10000 // len(labels), "loss": "%.6f" % loss}))
        return 0

    inputs, labels = make_dataset(dataset, seed, train=True)
    model.train()
    for _ in range(training["stepsPerSegment"]):
        index = torch.randint(0, len(labels), (training["batchSize"],), generator=generator).to(DEVICE)
        optimizer.zero_grad(set_to_none=False)
        loss = torch.nn.functional.cross_entropy(model(inputs[index]), labels[index])
        loss.backward()
        optimizer.step()
    step += training["stepsPerSegment"]
    write_atomically(args.checkpoint_out, encode(workload_hash, step, generator, sizes, model, optimizer))
    return 0


def write_atomically(path, data):
    temporary = path + ".partial"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
