#!/usr/bin/env python3
"""Deterministic NumPy MLP trainer for the depin segment protocol (docs/WORKLOADS.md).

    numpy_mlp.py --workload W.json --init --checkpoint-out OUT
    numpy_mlp.py --workload W.json --segment I --checkpoint-in IN --checkpoint-out OUT
    numpy_mlp.py --workload W.json --evaluate --checkpoint-in IN

Reads the same workload description as the built-in `mlp-v1` trainer (dataset, model, training)
with kind "external". Determinism: float64 only; every random number comes from
numpy.random.Generator(PCG64) streams seeded from the workload seed, and the batch stream's state
is stored in the checkpoint; the adapter sets OMP_NUM_THREADS=1 / OPENBLAS_NUM_THREADS=1 so BLAS
reductions run in one fixed order. Replays are bit-identical on the same NumPy build and CPU
family; across different BLAS kernels or NumPy SIMD paths they may differ (see the docs).

Checkpoint bytes (big-endian):
    b"NPMLP001" | sha256(workload file) 32 bytes | step u64 |
    PCG64 state u128 | PCG64 inc u128 | has_uint32 u8 | uinteger u32 |
    layer-width count u32 | widths u32... |
    per layer 1..L: weights (out x in, row-major) f8, biases f8 |
    then the momentum buffers in the same order.

Exit status: 0 ok, 65 when --checkpoint-in is not a checkpoint of this workload at segment I,
1 for anything else.
"""

import argparse
import hashlib
import json
import os
import struct
import sys

# Pin thread pools before NumPy loads BLAS, in case the adapter did not.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402

MAGIC = b"NPMLP001"
INVALID_CHECKPOINT = 65
STREAM_CENTRES, STREAM_TRAIN, STREAM_TEST, STREAM_WEIGHTS, STREAM_BATCHES = 1, 2, 3, 4, 5


class InvalidCheckpoint(Exception):
    pass


def generator(seed, stream):
    return np.random.Generator(np.random.PCG64([stream, seed]))


def decimal(text):
    return float(str(text))


def make_dataset(spec, seed, train):
    count = spec["trainSamples"] if train else spec["testSamples"]
    classes, features = spec["classes"], spec["features"]
    noise = decimal(spec["noise"])
    rng = generator(seed, STREAM_TRAIN if train else STREAM_TEST)
    labels = np.arange(count, dtype=np.int64) % classes
    if spec["kind"] == "spirals":
        t = rng.random(count)
        angle = labels * (2.0 * np.pi / classes) + 4.0 * t + noise * rng.standard_normal(count)
        inputs = np.stack([t * np.sin(angle), t * np.cos(angle)], axis=1)
    elif spec["kind"] == "clusters":
        centres = 4.0 * generator(seed, STREAM_CENTRES).random((classes, features)) - 2.0
        inputs = centres[labels] + noise * rng.standard_normal((count, features))
    else:
        raise ValueError("unknown dataset kind %r" % spec["kind"])
    return np.ascontiguousarray(inputs, dtype=np.float64), labels


class State:
    def __init__(self, workload_hash, step, rng_state, sizes, params, velocity):
        self.workload_hash = workload_hash
        self.step = step
        self.rng_state = rng_state
        self.sizes = sizes
        self.params = params  # [W1, b1, W2, b2, ...], W as (out, in)
        self.velocity = velocity

    def to_bytes(self):
        inner = self.rng_state["state"]
        out = [MAGIC, self.workload_hash, struct.pack(">Q", self.step)]
        out.append(inner["state"].to_bytes(16, "big"))
        out.append(inner["inc"].to_bytes(16, "big"))
        out.append(struct.pack(">BI", self.rng_state["has_uint32"], self.rng_state["uinteger"]))
        out.append(struct.pack(">I", len(self.sizes)))
        out.append(struct.pack(">%dI" % len(self.sizes), *self.sizes))
        for array in self.params + self.velocity:
            out.append(np.ascontiguousarray(array, dtype=">f8").tobytes())
        return b"".join(out)

    @staticmethod
    def from_bytes(data, workload_hash, sizes):
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
            raise InvalidCheckpoint("not a numpy_mlp checkpoint")
        if take(32) != workload_hash:
            raise InvalidCheckpoint("checkpoint belongs to another workload")
        (step,) = struct.unpack(">Q", take(8))
        state = int.from_bytes(take(16), "big")
        inc = int.from_bytes(take(16), "big")
        has_uint32, uinteger = struct.unpack(">BI", take(5))
        (count,) = struct.unpack(">I", take(4))
        if count != len(sizes):
            raise InvalidCheckpoint("layer count differs from the workload")
        stored = list(struct.unpack(">%dI" % count, take(4 * count)))
        if stored != sizes:
            raise InvalidCheckpoint("layer widths differ from the workload")
        shapes = parameter_shapes(sizes)
        arrays = []
        for shape in shapes + shapes:
            size = int(np.prod(shape))
            arrays.append(np.frombuffer(take(8 * size), dtype=">f8").astype(np.float64).reshape(shape))
        if position != len(view):
            raise InvalidCheckpoint("%d trailing bytes" % (len(view) - position))
        rng_state = {"bit_generator": "PCG64", "state": {"state": state, "inc": inc},
                     "has_uint32": has_uint32, "uinteger": uinteger}
        half = len(shapes)
        return State(workload_hash, step, rng_state, sizes, arrays[:half], arrays[half:])


def parameter_shapes(sizes):
    shapes = []
    for layer in range(1, len(sizes)):
        shapes.append((sizes[layer], sizes[layer - 1]))
        shapes.append((sizes[layer],))
    return shapes


def forward(params, x):
    """Returns the activations of every layer; hidden layers use ReLU, the last is logits."""
    activations = [x]
    layers = len(params) // 2
    for layer in range(layers):
        weights, biases = params[2 * layer], params[2 * layer + 1]
        z = activations[-1] @ weights.T + biases
        activations.append(z if layer == layers - 1 else np.maximum(z, 0.0))
    return activations


def softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=1, keepdims=True)


def train_segment(state, workload, data):
    training = workload["training"]
    batch = training["batchSize"]
    rate = decimal(training["learningRate"])
    momentum = decimal(training.get("momentum", "0"))
    inputs, labels = data
    bit_generator = np.random.PCG64()
    bit_generator.state = state.rng_state
    rng = np.random.Generator(bit_generator)
    params, velocity = state.params, state.velocity
    layers = len(params) // 2
    for _ in range(training["stepsPerSegment"]):
        index = rng.integers(0, len(labels), size=batch)
        x, y = inputs[index], labels[index]
        activations = forward(params, x)
        delta = softmax(activations[-1])
        delta[np.arange(batch), y] -= 1.0
        delta /= batch
        gradients = [None] * len(params)
        for layer in range(layers - 1, -1, -1):
            gradients[2 * layer] = delta.T @ activations[layer]
            gradients[2 * layer + 1] = delta.sum(axis=0)
            if layer > 0:
                delta = (delta @ params[2 * layer]) * (activations[layer] > 0.0)
        for position in range(len(params)):
            velocity[position] = momentum * velocity[position] + gradients[position]
            params[position] = params[position] - rate * velocity[position]
    state.rng_state = bit_generator.state
    state.step += training["stepsPerSegment"]


def initial_state(workload, workload_hash, sizes):
    rng = generator(workload["seed"], STREAM_WEIGHTS)
    params = []
    for layer in range(1, len(sizes)):
        fan_in, fan_out = sizes[layer - 1], sizes[layer]
        spread = fan_in + fan_out if layer == len(sizes) - 1 else fan_in
        limit = np.sqrt(6.0 / spread)
        params.append((2.0 * rng.random((fan_out, fan_in)) - 1.0) * limit)
        params.append(np.zeros(fan_out))
    velocity = [np.zeros_like(array) for array in params]
    batches = np.random.PCG64([STREAM_BATCHES, workload["seed"]])
    return State(workload_hash, 0, batches.state, sizes, params, velocity)


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
    dataset, seed = workload["dataset"], workload["seed"]
    sizes = [dataset["features"]] + list(workload["model"]["hidden"]) + [dataset["classes"]]

    if args.init:
        state = initial_state(workload, workload_hash, sizes)
        write_atomically(args.checkpoint_out, state.to_bytes())
        return 0

    with open(args.checkpoint_in, "rb") as handle:
        data = handle.read()
    try:
        state = State.from_bytes(data, workload_hash, sizes)
        if args.segment is not None:
            expected = args.segment * workload["training"]["stepsPerSegment"]
            if state.step != expected:
                raise InvalidCheckpoint("checkpoint is at step %d, segment %d starts at %d"
                                        % (state.step, args.segment, expected))
    except InvalidCheckpoint as error:
        print("invalid checkpoint: %s" % error, file=sys.stderr)
        return INVALID_CHECKPOINT

    if args.evaluate:
        inputs, labels = make_dataset(dataset, seed, train=False)
        logits = forward(state.params, inputs)[-1]
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = float(-log_probs[np.arange(len(labels)), labels].mean())
        correct = int((logits.argmax(axis=1) == labels).sum())
        print(json.dumps({"accuracyBps": correct * 10000 // len(labels), "loss": "%.6f" % loss}))
        return 0

    train_segment(state, workload, make_dataset(dataset, seed, train=True))
    write_atomically(args.checkpoint_out, state.to_bytes())
    return 0


def write_atomically(path, data):
    temporary = path + ".partial"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
